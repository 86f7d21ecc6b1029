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

import re
from typing import Sequence

from mhlint.text.model import Directive, Selector
from mhlint.text.source import LineIndex

KINDS = ("disable-next-line", "disable-line", "disable-file", "disable", "enable")
# Linear: a literal prefix, then a lazy run bounded by the end of the line.
_DIRECTIVE = re.compile(r"<!--[ \t]*mhlint-(disable-next-line|disable-line|disable-file|disable|enable)(?![\w-])([^\r\n]*?)-->")
_SELECTOR = re.compile(r"[^\s,]+")


def scan(text: str, index: LineIndex, plain: bool, excluded: Sequence[tuple[int, int]] = ()) -> tuple[Directive, ...]:
    """Every directive in ``text`` outside the ``excluded`` spans (code)."""
    if "mhlint-" not in text:  # cheap prefilter: almost no article has one
        return ()
    out: list[Directive] = []
    for m in _DIRECTIVE.finditer(text):
        if any(a <= m.start() < b for a, b in excluded):
            continue
        line = index.line_of(m.start())
        line_start, line_end = index.line_span(line, text)
        before = text[line_start:m.start()].strip()
        after = text[m.end():line_end].strip()
        own_line = not before and not after
        kind = m.group(1)
        if plain and not (own_line or (kind == "disable-line" and not after)):
            continue
        body_start = m.start(2)
        selectors = tuple(
            Selector(s.group(), body_start + s.start(), body_start + s.end()) for s in _SELECTOR.finditer(m.group(2))
        )
        out.append(Directive(kind, selectors, line, m.start(), m.end(), own_line))
    return tuple(out)
