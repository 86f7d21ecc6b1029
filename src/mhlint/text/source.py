"""Source text and exact positions.

Every finding is a pair of code-point offsets into the decoded text; lines and
columns are computed once, at the end, from a table of line starts. Lines end
at ``\\r\\n``, ``\\r`` or ``\\n`` (the CommonMark definition, which is also what
markdown-it's line maps count), never at the other characters that
``str.splitlines`` treats as breaks. A leading BOM is kept out of the text, so
line 1 columns count from the first real character.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from mhlint.errors import InputError

BOM = "\ufeff"
_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class LineIndex:
    """Offsets of line starts, and the conversion offset -> (line, column)."""

    starts: tuple[int, ...]
    length: int

    @classmethod
    def build(cls, text: str) -> "LineIndex":
        starts = [0]
        starts.extend(m.end() for m in _BREAK.finditer(text))
        return cls(tuple(starts), len(text))

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """0-based line holding ``offset`` (an offset at a break belongs to its line)."""
        return bisect.bisect_right(self.starts, max(0, min(offset, self.length))) - 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``, columns counted in code points."""
        line = self.line_of(offset)
        return line + 1, offset - self.starts[line] + 1

    def line_span(self, line: int, text: str) -> tuple[int, int]:
        """Offsets of 0-based ``line``'s content, without its line break."""
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else self.length
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        return start, end


@dataclass(frozen=True)
class SourceFile:
    """Decoded text of one input plus what is needed to write it back unchanged."""

    path: str
    text: str
    has_bom: bool = False
    index: LineIndex = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", LineIndex.build(self.text))

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> "SourceFile":
        if text.startswith(BOM):
            return cls(path, text[1:], has_bom=True)
        return cls(path, text)

    @classmethod
    def from_bytes(cls, data: bytes, path: str) -> "SourceFile":
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", path, kind="decode"
            ) from None
        if "\x00" in text:
            raise InputError("looks like a binary file (it contains NUL bytes)", path, kind="binary")
        return cls.from_text(text, path)

    @classmethod
    def read(cls, path: str) -> "SourceFile":
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise InputError(exc.strerror or str(exc), path) from None
        return cls.from_bytes(data, path)
