"""Suppression directives written in the article: HTML comments, invisible
when the Markdown is rendered.

    <!-- mhlint-disable [SELECTORS] -->   ...   <!-- mhlint-enable [SELECTORS] -->
    <!-- mhlint-disable-next-line [SELECTORS] -->
    text <!-- mhlint-disable-line [SELECTORS] -->
    <!-- mhlint-disable-file [SELECTORS] -->

Selectors are codes, code prefixes, rule names or categories, separated by
spaces or commas; none means every rule. This module only finds them, with
exact offsets; what they silence is decided by the engine, which knows the
rules. In Markdown a directive counts anywhere outside code; in plain text it
must stand on its own line (``disable-line`` at the end of a line).
"""

from __future__ import annotations

import bisect
import re
from typing import Sequence

from mhlint.text.model import Directive, Selector
from mhlint.text.source import LineIndex

KINDS = ("disable-next-line", "disable-line", "disable-file", "disable", "enable")
# The opening of a directive; its end is the first "-->" on the same line,
# found by a forward scan shared by all openings (a lazy regex run to the end
# of the line would rescan a long line from every opening).
_OPENING = re.compile(r"<!--[ \t]*mhlint-(disable-next-line|disable-line|disable-file|disable|enable)(?![\w-])")
_SELECTOR = re.compile(r"[^\s,]+")


def scan(text: str, index: LineIndex, plain: bool, excluded: Sequence[tuple[int, int]] = ()) -> tuple[Directive, ...]:
    """Every directive in ``text`` outside the ``excluded`` spans (code)."""
    if "mhlint-" not in text:  # cheap prefilter: almost no article has one
        return ()
    inside = _Spans(excluded)
    out: list[Directive] = []
    close = -1  # the first "-->" at or after the current opening's end
    last_end = 0  # directives do not overlap: an opening inside one is its text
    for m in _OPENING.finditer(text):
        if m.start() < last_end:
            continue
        line = index.line_of(m.start())
        line_start, line_end = index.line_span(line, text)
        if close < m.end():
            close = text.find("-->", m.end())
            if close < 0:
                break  # no directive can end after here
        if close + 3 > line_end:
            continue  # not closed on its own line
        end = last_end = close + 3
        if inside.holds(m.start()):
            continue
        before = text[line_start:m.start()].strip()
        after = text[end:line_end].strip()
        own_line = not before and not after
        kind = m.group(1)
        if plain and not (own_line or (kind == "disable-line" and not after)):
            continue
        selectors = tuple(Selector(s.group(), s.start(), s.end()) for s in _SELECTOR.finditer(text, m.end(), close))
        out.append(Directive(kind, selectors, line, m.start(), end, own_line))
    return tuple(out)


class _Spans:
    """Membership of an offset in a union of spans, by binary search."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def holds(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]
