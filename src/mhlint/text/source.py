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
import errno
import os
import re
import stat
from dataclasses import dataclass, field

from mhlint.errors import InputError

BOM = "\ufeff"
# The largest file mhlint reads (files and standard input). Linting takes
# roughly 10 s per MiB of prose; a larger file is not an article (a data dump,
# a concatenated site) and is refused with kind "too-large" instead.
MAX_BYTES = 16 << 20
_OTHER_BOMS = ((b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe\x00\x00", "UTF-32"),
               (b"\xfe\xff", "UTF-16"), (b"\xff\xfe", "UTF-16"))
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
        """Decode a file's bytes. Refused, with a reason (``InputError.kind``):
        more than ``MAX_BYTES`` (too-large), NUL bytes (binary), UTF-16 or
        UTF-32 (decode), anything that is not UTF-8 (decode)."""
        if len(data) > MAX_BYTES:
            raise too_large(len(data), path)
        if b"\x00" in data:
            for mark, name in _OTHER_BOMS:
                if data.startswith(mark):
                    raise InputError(f"is {name} text (it starts with a {name} byte-order mark); mhlint reads "
                                     "UTF-8 only", path, kind="decode")
            head = data[:4096]
            if len(head) >= 8 and min(head[0::2].count(0), head[1::2].count(0)) == 0 \
                    and max(head[0::2].count(0), head[1::2].count(0)) * 2 >= len(head) // 2:
                raise InputError("looks like UTF-16 text (every other byte is NUL); mhlint reads UTF-8 only",
                                 path, kind="decode")
            raise InputError("looks like a binary file (it contains NUL bytes)", path, kind="binary")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", path, kind="decode",
            ) from None
        return cls.from_text(text, path)

    @classmethod
    def read(cls, path: str) -> "SourceFile":
        """Read (``read_bytes``) and decode one file."""
        return cls.from_bytes(read_bytes(path), path)


def read_bytes(path: str) -> bytes:
    """The bytes of one input file, read safely. Only a regular file is read:
    it is opened without blocking and checked before reading, so a FIFO or
    device that took the place of a listed file cannot hang the run, and a
    file larger than ``MAX_BYTES`` is refused before it is read (a file that
    grows while it is read stops being read there). Raises InputError with a
    short reason."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise InputError(_reason(exc), path) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file (a folder, FIFO, socket or device); skipped", path)
        if info.st_size > MAX_BYTES:
            raise too_large(info.st_size, path)
        chunks, size = [], 0
        while size <= MAX_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise InputError(_reason(exc), path) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > MAX_BYTES:
        raise too_large(len(data), path)
    return data


def too_large(size: int, path: str) -> InputError:
    return InputError(f"is {size / (1 << 20):.1f} MiB, larger than the {MAX_BYTES >> 20} MiB mhlint reads "
                      "(MAX_BYTES; an article is rarely over 1 MiB)", path, kind="too-large")


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link that points to itself (a loop); skipped"
    if exc.errno == errno.ENOENT:
        return "no such file (it may have been moved or deleted while mhlint ran)"
    return exc.strerror or str(exc)
