"""Markdown (``.md``): blocks from markdown-it-py, markers blanked in the view.

markdown-it gives block types and line ranges (its ``map``), never character
offsets that survive CRLF, so all offsets are computed here from the original
text's line index. Code, HTML and front matter are blanked entirely; headings,
list and quote markers, table pipes, emphasis runs, link brackets and
destinations are blanked so rules see only the words a reader sees.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

from mhlint.text import directives
from mhlint.text.frontmatter import FrontMatter
from mhlint.text.model import Block, Link, Structure, Table
from mhlint.text.source import SourceFile
from mhlint.text.view import blank, find_urls, normalise

_QUOTE_MARKER = re.compile(r"[ ]*>[ ]?")
_LIST_MARKER = re.compile(r"[ ]*(?:[-*+]|\d{1,9}[.)])(?=[ ]|$)[ ]?")
_ATX_OPEN = re.compile(r"^[ ]{0,3}#{1,6}(?=[ ]|$)")
_ATX_CLOSE = re.compile(r"[ ]+#+[ ]*$")
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)
_HTML = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.DOTALL)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|!\[[^\]\n]*\]\[[^\]\n]*\]")
_LINK = re.compile(r"\[(?!\^)([^\]\n]*)\](\([^)\n]*\)|\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_EMPHASIS = re.compile(r"(?<![\w*_~\\])(?:\*{1,3}|_{1,3}|~~)(?=[^\s*_~])|(?<=[^\s*_~\\])(?:\*{1,3}|_{1,3}|~~)(?![\w*_~])")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")

_CONTAINERS = {"blockquote_open": "blockquote", "list_item_open": "list_item"}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def build(source: SourceFile, fm: FrontMatter | None) -> Structure:
    text, index = source.text, source.index
    chars = list(normalise(text))
    original = list(text)
    if fm is not None:
        blank(chars, fm.start, fm.end)
        blank(original, fm.start, fm.end)
    # Parse the original characters (a tab or a no-break space changes how
    # Markdown reads a line); front matter is blanked with its lines kept.
    tokens = _parser().parse("".join(original))

    def span(first: int, last: int) -> tuple[int, int]:
        return index.line_span(first, text)[0], index.line_span(last, text)[1]

    blocks: list[Block] = []
    segments: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []  # open containers (kind, first line)
    prose_spans: list[tuple[int, int]] = []
    code: list[tuple[int, int]] = []  # code blocks and spans: directives there are examples, not directives
    tables: list[Table] = []
    for i, tok in enumerate(tokens):
        if tok.type in _CONTAINERS:
            stack.append((_CONTAINERS[tok.type], tok.map[0] if tok.map else -1))
            continue
        if tok.type in ("blockquote_close", "list_item_close"):
            stack.pop()
            continue
        if tok.map is None:
            continue
        first, last = tok.map[0], tok.map[1] - 1
        if tok.type in ("fence", "code_block", "html_block", "hr"):
            start, end = span(first, last)
            blank(chars, start, end)
            kind = {"fence": "code", "code_block": "code", "html_block": "html"}.get(tok.type, "rule")
            blocks.append(Block(kind, start, end, first, last))
            if kind == "code":
                code.append((start, end))
        elif tok.type == "heading_open":
            start, end = span(first, last)
            for number in range(first, last + 1):
                _blank_containers(chars, index.line_span(number, text), stack, number)
            _blank_heading(chars, text, index, first, last, tok.markup)
            blocks.append(Block("heading", start, end, first, last, int(tok.tag[1])))
            segments.append((start, end))
            prose_spans.append((start, end))
        elif tok.type == "paragraph_open":
            start, end = span(first, last)
            kind = stack[-1][0] if stack else "paragraph"
            for number in range(first, last + 1):
                _blank_containers(chars, index.line_span(number, text), stack, number)
            blocks.append(Block(kind, start, end, first, last))
            segments.append((start, end))
            prose_spans.append((start, end))
        elif tok.type == "table_open":
            header_cells = 0
            for t in tokens[i:]:
                if t.type == "th_open":
                    header_cells += 1
                elif t.type == "tr_close":
                    break
            tables.append(Table(first, last, header_cells))
        elif tok.type == "tr_open":
            start, end = index.line_span(first, text)
            _blank_containers(chars, (start, end), stack, first)
            for cell_start, cell_end in _cells(chars, start, end):
                blocks.append(Block("table_cell", cell_start, cell_end, first, first, table=len(tables) - 1))
                segments.append((cell_start, cell_end))
                prose_spans.append((cell_start, cell_end))
            if tokens[i - 1].type == "thead_open" and first + 1 < index.line_count:
                blank(chars, *index.line_span(first + 1, text))  # the |---|---| row
    links: list[Link] = []
    for start, end in prose_spans:
        links.extend(_mask_inline(chars, text, start, end, code))
    view = "".join(chars)
    for start, end in prose_spans:
        links.extend(find_urls(view, start, end))
    links.sort(key=lambda link: link.start)
    found = directives.scan(text, index, plain=False, excluded=sorted(code))
    return Structure(view, tuple(blocks), tuple(segments), tuple(links), found, tuple(tables))


def _blank_heading(chars: list[str], text: str, index, first: int, last: int, markup: str) -> None:
    if markup and markup[0] in "=-":  # setext: the underline is the last line
        blank(chars, *index.line_span(last, text))
        return
    start, end = index.line_span(first, text)
    line = "".join(chars[start:end])
    lead = len(line) - len(line.lstrip(" "))
    opening = _ATX_OPEN.match(line[lead:])
    if opening:
        blank(chars, start, start + lead + opening.end())
    closing = _ATX_CLOSE.search(line)
    if closing:
        blank(chars, start + closing.start(), end)


def _blank_containers(chars: list[str], line: tuple[int, int], stack: list[tuple[str, int]], number: int) -> None:
    """Blank the markers every open container puts on this line, outermost
    first: a ``>`` for each block quote, and a list marker on the first line
    of each list item (``- > quote``, ``> - item``, ``- - nested``)."""
    start, end = line
    text = "".join(chars[start:end])
    offset = 0
    for kind, item_line in stack:
        if kind == "blockquote":
            m = _QUOTE_MARKER.match(text, offset)
        elif number == item_line:
            m = _LIST_MARKER.match(text, offset)
        else:
            continue
        if m:
            offset = m.end()
    blank(chars, start, start + offset)


def _cells(chars: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """Blank unescaped pipes of a table row and return the non-empty cell spans."""
    cells, cell_start = [], start
    for i in range(start, end + 1):
        if i == end or (chars[i] == "|" and (i == start or chars[i - 1] != "\\")):
            raw = "".join(chars[cell_start:i])
            if raw.strip():
                lead = len(raw) - len(raw.lstrip())
                cells.append((cell_start + lead, cell_start + len(raw.rstrip())))
            if i < end:
                chars[i] = " "
            cell_start = i + 1
    return cells


def _mask_inline(chars: list[str], text: str, start: int, end: int, code: list[tuple[int, int]]) -> list[Link]:
    """Blank inline markup inside one prose span; return the links found and
    add the code spans to ``code``."""
    links: list[Link] = []
    current = "".join(chars[start:end])
    for pattern in (_CODE_SPAN, _HTML, _IMAGE):
        for m in pattern.finditer(current):
            blank(chars, start + m.start(), start + m.end())
            if pattern is _CODE_SPAN:
                code.append((start + m.start(), start + m.end()))
            if pattern is _IMAGE:
                links.append(Link(start + m.start(), start + m.end(), ""))
        current = "".join(chars[start:end])
    for m in _LINK.finditer(current):
        dest = m.group(2)
        url = dest[1:-1].split()[0] if dest.startswith("(") and dest[1:-1].strip() else dest
        links.append(Link(start + m.start(), start + m.end(), url))
        chars[start + m.start()] = " "
        blank(chars, start + m.start(2) - 1, start + m.end(2))
    current = "".join(chars[start:end])
    for m in _AUTOLINK.finditer(current):
        chars[start + m.start()] = " "
        chars[start + m.end() - 1] = " "
    current = "".join(chars[start:end])
    for pattern in (_EMPHASIS, _ESCAPE):
        for m in pattern.finditer(current):
            blank(chars, start + m.start(), start + m.end())
        current = "".join(chars[start:end])
    return links
