"""Apply fixes: choose edits, apply them without overlap, re-lint until stable,
write atomically.

Edits come from the diagnostics (computed once, from the original offsets).
``--fix`` takes safe ones, ``--unsafe-fixes`` unsafe ones too; display-only
fixes are advice and never applied. Edits are applied from the end of the text
backwards, an edit that overlaps one already taken waits for the next pass,
and identical edits from two rules (two rules flagging the same line) count
once. After each pass the text is linted again, up to ``MAX_PASSES``; a text
that still changes then is reported as not converging, keeping what the
passes did. When a whole-line deletion leaves a block between two blank lines
empty, one of the blank lines goes with it, so paragraphs stay one blank line
apart; a deletion that ends the file takes the blank lines before it. Every other byte is kept: line endings, the BOM, the encoding.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from mhlint.diagnostic import Applicability, Diagnostic, Edit
from mhlint.text.source import BOM, SourceFile

MAX_PASSES = 10
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")

Relint = Callable[[SourceFile], list[Diagnostic]]


@dataclass
class FixResult:
    source: SourceFile  # the fixed text (same path, same BOM)
    diagnostics: list[Diagnostic]  # what remains after the last pass
    counts: Counter[str] = field(default_factory=Counter)  # fixes applied per rule code
    converged: bool = True

    @property
    def changed(self) -> bool:
        return sum(self.counts.values()) > 0


def wanted(diag: Diagnostic, unsafe: bool) -> bool:
    fix = diag.fix
    if fix is None or not fix.edits:
        return False
    return fix.applicability is Applicability.SAFE or (unsafe and fix.applicability is Applicability.UNSAFE)


def _blank(text: str, start: int, end: int) -> bool:
    return not text[start:end].strip(" \t\r\n")


def _prev_line_start(text: str, pos: int) -> int:
    """Start of the line before the line starting at ``pos`` (> 0)."""
    i = pos - 1
    if i > 0 and text[i] == "\n" and text[i - 1] == "\r":
        i -= 1
    while i > 0 and text[i - 1] not in "\r\n":
        i -= 1
    return i


def _lines_keeping_ends(text: str) -> list[str]:
    return [m.group() for m in _LINE.finditer(text) if m.group()]


def _line_end(text: str, pos: int) -> int:
    """Offset just past the line break of the line starting at ``pos``."""
    i = pos
    while i < len(text) and text[i] not in "\r\n":
        i += 1
    if text.startswith("\r\n", i):
        return i + 2
    return i + 1 if i < len(text) else i


def _merge(edits: list[Edit]) -> list[Edit]:
    """Join deletions that touch or overlap (they only ever cover deleted text
    and blank lines, so their union is what both meant)."""
    merged: list[Edit] = []
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if merged and not e.replacement and not merged[-1].replacement and e.start <= merged[-1].end:
            merged[-1] = Edit(merged[-1].start, max(e.end, merged[-1].end), "")
        else:
            merged.append(e)
    return merged


def _extend(text: str, e: Edit) -> Edit:
    whole_lines = not e.replacement and (e.start == 0 or text[e.start - 1] in "\r\n") and e.end > e.start \
        and text[e.end - 1] in "\r\n"
    if not whole_lines and not (not e.replacement and e.end == len(text) and (e.start == 0 or text[e.start - 1] in "\r\n")):
        return e
    if e.end < len(text):
        prev_blank = e.start == 0 or _blank(text, _prev_line_start(text, e.start), e.start)
        nxt = _line_end(text, e.end)
        if prev_blank and _blank(text, e.end, nxt):
            return Edit(e.start, nxt, "")
        return e
    # The deletion ends the file: blank lines before it would be left trailing.
    start = e.start
    while start > 0 and _blank(text, _prev_line_start(text, start), start):
        start = _prev_line_start(text, start)
    return Edit(start, e.end, "")


def _tidy(text: str, edits: list[Edit]) -> list[Edit]:
    """Merge touching whole-line deletions; when a merged deletion sits between
    a blank line (or the start of the file) and a blank line, take the
    following blank line too; when it ends the file, take the blank lines
    before it. Repeated until nothing changes, so no two edits overlap."""
    current = _merge(edits)
    for _ in range(len(current) + 1):
        extended = _merge([_extend(text, e) for e in current])
        if extended == current:
            break
        current = extended
    return current


def choose(diagnostics: Sequence[Diagnostic], unsafe: bool) -> tuple[list[Edit], Counter[str]]:
    """Non-overlapping edits of one pass, and how many fixes per rule they make."""
    taken: list[Edit] = []
    counts: Counter[str] = Counter()
    for diag in sorted((d for d in diagnostics if wanted(d, unsafe)), key=lambda d: (d.fix.edits[0].start, d.code)):  # type: ignore[union-attr]
        edits = diag.fix.edits  # type: ignore[union-attr]
        if all(e in taken for e in edits):
            counts[diag.code] += 1  # the same edit as another rule's: one change, both fixed
            continue
        if any(e.start < t.end and t.start < e.end or (e.start == t.start == e.end == t.end) for e in edits for t in taken):
            continue
        taken.extend(edits)
        counts[diag.code] += 1
    return taken, counts


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    parts = []
    last = len(text)
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        parts.append(text[e.end:last])
        parts.append(e.replacement)
        last = e.start
    parts.append(text[:last])
    return "".join(reversed(parts))


def fix_source(source: SourceFile, diagnostics: list[Diagnostic], relint: Relint, unsafe: bool = False) -> FixResult:
    """Fix ``source`` until no wanted fix remains (or ``MAX_PASSES``)."""
    result = FixResult(source, diagnostics)
    for _ in range(MAX_PASSES):
        edits, counts = choose(result.diagnostics, unsafe)
        if not edits:
            return result
        text = apply_edits(result.source.text, _tidy(result.source.text, edits))
        result.source = SourceFile(source.path, text, source.has_bom)
        result.counts.update(counts)
        result.diagnostics = relint(result.source)
    result.converged = not any(wanted(d, unsafe) for d in result.diagnostics)
    return result


def encode(source: SourceFile) -> bytes:
    return ((BOM if source.has_bom else "") + source.text).encode("utf-8")


def write_atomic(path: str | os.PathLike[str], data: bytes, durable: bool = True) -> None:
    """Write through a temporary file in the same folder, fsync, rename: a
    reader sees the old file or the new one, never half of one; on any
    failure the original is untouched and the temporary file removed. The
    file's permission bits are kept. ``durable`` fsyncs before the rename (an
    article must survive a crash; a cache entry may simply be lost).
    """
    target = Path(path)
    mode = None
    try:
        mode = os.stat(target).st_mode & 0o7777
    except OSError:
        pass
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".mhlint-tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file's fix (line endings kept as they are)."""
    a = _lines_keeping_ends(before)
    b = _lines_keeping_ends(after)
    import difflib

    lines = difflib.unified_diff(a, b, fromfile=f"a/{path}", tofile=f"b/{path}")
    out = []
    for line in lines:
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)
