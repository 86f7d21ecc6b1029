"""Each finding with its source excerpt, like ruff's ``full`` output::

    notes.md:3:23: ATTR001 [warning] 'studies show' attributes the claim ...
      |
    3 | Note:   Many say “yes”; studies show that crying helps.
      |                         ^^^^^^^^^^^^
      |
      = help: Name the source ("a 2019 review in JAMA Psychiatry found"), ...

    notes.md:9:1: DUP001 [warning] This repeats line 5; delete the second copy.
      |
    9 | A paragraph pasted twice.
      | ^^^^^^^^^^^^^^^^^^^^^^^^^
      |
      = help: Delete the second copy (safe only when it is an exact copy). (safe fix)
      = note: first copy at line 5

The carets sit under exactly the finding's columns as a terminal shows them:
tabs are expanded to the next multiple of ``TAB_WIDTH`` in the line and in the
caret prefix alike (the excerpt is printed with spaces, so the terminal's own
tab stops never come into it), East Asian wide and fullwidth characters count
two cells and combining marks none. Other control characters in the excerpt
are shown as U+FFFD, so an article cannot send escape sequences to the
terminal. A finding over several lines is underlined from its column to the
end of its first line and over the text of each following line shown (at
most the few lines the diagnostic carries; ``...`` marks the rest).
Whole-document findings have no excerpt.

Colour (ANSI) is used only when ``ctx.color`` is true; the CLI decides that.
After the findings come the input problems (``path[:line]: error: message``)
and, unless ``ctx.quiet``, the shared summary lines.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Sequence

from mhlint.diagnostic import Applicability, Diagnostic, InputIssue, Severity
from mhlint.engine.report import Report
from mhlint.output.formatters import FormatContext
from mhlint.output.formatters.summary import summary

TAB_WIDTH = 4

# ANSI styles (SGR parameters).
BOLD = "1"
BLUE = "34"
SEVERITY_STYLE = {Severity.ERROR: "1;31", Severity.WARNING: "1;33", Severity.INFO: "1;36"}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")  # C0 (but tab, newline), DEL, C1, U+2028/9


def paint(text: str, style: str, color: bool) -> str:
    return f"\x1b[{style}m{text}\x1b[0m" if color and text else text


def clean(text: str) -> str:
    """``text`` with control characters (other than tab and newline) shown as U+FFFD."""
    return _CONTROL.sub("\ufffd", text)


def _cells(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def expand(line: str, tab: int = TAB_WIDTH) -> tuple[str, list[int]]:
    """The line as displayed (tabs expanded, controls replaced) and the display
    cell at which each code point starts; the last entry is the total width."""
    out: list[str] = []
    cells = [0]
    col = 0
    for ch in line:
        if ch == "\t":
            n = tab - col % tab
            out.append(" " * n)
        else:
            ch = clean(ch)
            n = _cells(ch)
            out.append(ch)
        col += n
        cells.append(col)
    return "".join(out), cells


def underline(line: str, start: int, end: int | None, tab: int = TAB_WIDTH) -> tuple[str, str]:
    """``(displayed line, caret prefix and carets)`` for the 0-based code-point
    range ``start:end`` of ``line`` (``end=None``: to the end of the line). The
    caret run is at least one cell wide, so an empty range still shows."""
    shown, cells = expand(line, tab)
    start = max(0, min(start, len(line)))
    end = len(line) if end is None else max(start, min(end, len(line)))
    lo, hi = cells[start], cells[end]
    return shown, " " * lo + "^" * max(1, hi - lo)


def issue_line(issue: InputIssue, color: bool = False) -> str:
    """``path[:line]: error: message`` (or ``warning``) for an input problem."""
    where = issue.path or "mhlint"
    if issue.line:
        where += f":{issue.line}"
    level = "error" if issue.severity is Severity.ERROR else "warning"
    style = SEVERITY_STYLE[Severity.ERROR if level == "error" else Severity.WARNING]
    return f"{paint(where, BOLD, color)}: {paint(level, style, color)}: {clean(issue.message)}"


def header(d: Diagnostic, color: bool) -> str:
    where = paint(f"{d.path}:{d.line}:{d.column}:", BOLD, color)
    code = paint(d.code, SEVERITY_STYLE[d.severity], color)
    return f"{where} {code} [{d.severity.value}] {clean(d.message)}"


def fix_label(d: Diagnostic) -> str | None:
    if d.fix is None:
        return None
    if d.fix.edits and d.fix.applicability is Applicability.SAFE:
        return f"{d.fix.title} (safe fix)"
    if d.fix.edits and d.fix.applicability is Applicability.UNSAFE:
        return f"{d.fix.title} (unsafe fix)"
    return d.fix.title


def _excerpt_rows(d: Diagnostic) -> list[tuple[int | None, str, str | None]]:
    """(line number or None for an elision, displayed text, carets or None)."""
    lines: Sequence[str] = [s.rstrip("\r\n") for s in d.source_lines]
    if d.document or not lines:
        return []
    last = d.end_line
    # A finding that ends at the very start of a line (it took the line break
    # with it) does not cover that line.
    if last > d.line and d.end_column == 1:
        last -= 1
    rows: list[tuple[int | None, str, str | None]] = []
    for i, text in enumerate(lines):
        number = d.line + i
        if number > last:
            break
        if number == d.line:
            end = d.end_column - 1 if last == d.line else None
            shown, carets = underline(text, d.column - 1, end)
        else:
            first = len(text) - len(text.lstrip(" \t"))
            end = d.end_column - 1 if number == last else None
            if first >= len(text) or (end is not None and end <= first):
                shown, carets = expand(text)[0], None
            else:
                shown, carets = underline(text, first, end)
        rows.append((number, shown, carets))
    if d.line + len(lines) - 1 < last:
        rows.append((None, "...", None))
    return rows


def excerpt(d: Diagnostic, color: bool) -> list[str]:
    rows = _excerpt_rows(d)
    if not rows:
        return []
    width = max(len(str(n)) for n, _, _ in rows if n is not None)
    bar = paint(" " * width + " |", BLUE, color)
    style = SEVERITY_STYLE[d.severity]
    out = [bar]
    for number, shown, carets in rows:
        gutter = "." * width if number is None else str(number).rjust(width)
        out.append(f"{paint(gutter + ' |', BLUE, color)} {shown}".rstrip())
        if carets is not None:
            out.append(f"{bar} {paint(carets, style, color)}")
    out.append(bar)
    return out


def notes(d: Diagnostic, color: bool) -> list[str]:
    out = []
    label = fix_label(d)
    if label:
        out.append(f"  {paint('=', BLUE, color)} {paint('help', BOLD, color)}: {clean(label)}")
    if d.related_line:
        out.append(f"  {paint('=', BLUE, color)} {paint('note', BOLD, color)}: first copy at line {d.related_line}")
    return out


def block(d: Diagnostic, color: bool) -> str:
    return "\n".join([header(d, color), *excerpt(d, color), *notes(d, color)])


def tail(report: Report, ctx: FormatContext) -> list[str]:
    """The input problems, then the summary (the closing part of full and grouped)."""
    parts: list[str] = []
    if report.issues:
        parts.append("\n".join(issue_line(i, ctx.color) for i in report.issues))
    if not ctx.quiet:
        lines = summary(report, ctx)
        if lines:
            parts.append("\n".join(lines))
    return parts


def _join(parts: Iterable[str]) -> str:
    return "\n\n".join(p for p in parts if p)


def render(report: Report, ctx: FormatContext) -> str:
    return _join([*(block(d, ctx.color) for d in report.diagnostics), *tail(report, ctx)])
