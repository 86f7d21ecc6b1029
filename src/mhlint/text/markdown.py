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
from mhlint.text.model import Block, Link, Notice, Structure, Table
from mhlint.text.source import SourceFile
from mhlint.text.view import blank, find_urls, normalise

_QUOTE_MARKER = re.compile(r"[ ]*>[ ]?")
_LIST_MARKER = re.compile(r"[ ]*(?:[-*+]|\d{1,9}[.)])(?=[ ]|$)[ ]?")
_ATX_OPEN = re.compile(r"^[ ]{0,3}#{1,6}(?=[ ]|$)")
# Every pattern here runs in time linear in the length of the line: no
# unbounded run may be scanned again from each of its positions (a 1 MB line
# of "[[[[" or "<!--" must not take hours). Label and destination runs stop
# at the next bracket or parenthesis; a destination may hold one level of
# balanced parentheses (a Wikipedia URL); comments and code spans are found
# by scanning, not by lazy regex runs.
_BACKTICKS = re.compile(r"`+")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_DEST = r"\((?:[^()\n]|\([^()\n]*\))*\)"
_REF = r"\[[^\[\]\n]*\]"
_IMAGE = re.compile(r"!\[[^\[\]\n]*\](?:" + _DEST + "|" + _REF + ")")
_LINK = re.compile(r"\[(?!\^)([^\[\]\n]*)\](" + _DEST + "|" + _REF + ")")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_EMPHASIS = re.compile(r"(?<![\w*_~\\])(?:\*{1,3}|_{1,3}|~~)(?=[^\s*_~])|(?<=[^\s*_~\\])(?:\*{1,3}|_{1,3}|~~)(?![\w*_~])")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")

_CONTAINERS = {"blockquote_open": "blockquote", "list_item_open": "list_item"}
_LEAVES = frozenset({"paragraph_open", "heading_open", "fence", "code_block", "html_block", "hr", "table_open"})
# Container markers at the start of a line that markdown-it did not read (past MAX_NESTING).
_MARKERS = re.compile(r"(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)))+[ \t]?")

# markdown-it stops reading a list or quote nested deeper than ``maxNesting``
# levels (20 in its CommonMark preset: a list ten deep, a quote twenty deep)
# and silently drops everything after it to the end of the file. mhlint
# raises the limit (each level is a few Python frames of recursion, so it
# stays well inside the interpreter's limit) and reads whatever lies deeper
# still as plain paragraphs, with a notice: no text is ever dropped.
MAX_NESTING = 100


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", options_update={"maxNesting": MAX_NESTING}).enable("table")
    # Only block structure is read from markdown-it; inline markup is masked
    # below. Its inline parser is also quadratic on runs of brackets.
    md.disable("inline")
    return md


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
    notices: list[Notice] = []
    content_end = len(text.rstrip())  # a block ending here runs to the end of the file
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
            unclosed = _unclosed(tok, text[start:end]) if end >= content_end else None
            if unclosed:
                notices.append(Notice(first, f"{unclosed[0]} opened on line {first + 1} is never closed, so the rest "
                                             f"of the file is {unclosed[1]} and is not checked"))
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
            for j in range(i, len(tokens)):
                t = tokens[j]
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
    deep = [t.map[0] for t in tokens if t.type in _CONTAINERS and t.map and t.level >= MAX_NESTING - 1]
    if deep:
        added = _unread_lines(chars, source, tokens, min(deep), fm)
        if added:
            for start, end, first, last in added:
                blocks.append(Block("paragraph", start, end, first, last))
                segments.append((start, end))
                prose_spans.append((start, end))
            blocks.sort(key=lambda b: (b.start, b.end))
            segments.sort()
            prose_spans.sort()
            first_line = added[0][2] + 1
            notices.append(Notice(added[0][2], f"lists or quotes are nested more than {MAX_NESTING} levels deep "
                                  f"from line {first_line}; what lies deeper is read as plain paragraphs"))
    links: list[Link] = []
    for start, end in prose_spans:
        links.extend(_mask_inline(chars, text, start, end, code))
    view = "".join(chars)
    for start, end in prose_spans:
        links.extend(find_urls(view, start, end))
    links.sort(key=lambda link: link.start)
    found = directives.scan(text, index, plain=False, excluded=sorted(code))
    return Structure(view, tuple(blocks), tuple(segments), tuple(links), found, tuple(tables), tuple(notices))


def _unclosed(tok, raw: str) -> tuple[str, str] | None:
    """What ``tok`` opens and never closes, if anything: a code fence or an
    HTML comment that runs to the end of the file hides all that follows."""
    if tok.type == "fence":
        lines = raw.splitlines()
        closing = lines[-1].strip().lstrip(">").strip() if len(lines) > 1 else ""
        markup = tok.markup
        if closing and set(closing) == {markup[0]} and len(closing) >= len(markup):
            return None
        return "a code fence", "code"
    if tok.type == "html_block" and raw.lstrip(" >-*+0123456789.)").startswith("<!--") and "-->" not in raw:
        return "an HTML comment", "a comment, hidden from readers,"
    return None


def _unread_lines(chars: list[str], source: SourceFile, tokens: list, from_line: int,
                  fm: FrontMatter | None) -> list[tuple[int, int, int, int]]:
    """Runs of non-blank lines from ``from_line`` on that no block of
    markdown-it covers (it skipped them, past ``MAX_NESTING``), their container
    markers blanked: (start, end, first line, last line) of each run."""
    text, index = source.text, source.index
    covered: set[int] = set()
    for tok in tokens:
        if tok.type in _LEAVES and tok.map:
            covered.update(range(tok.map[0], tok.map[1]))
    fm_end = fm.end if fm is not None else -1
    runs: list[tuple[int, int, int, int]] = []
    for number in range(from_line, index.line_count):
        start, end = index.line_span(number, text)
        if number in covered or start < fm_end:
            continue
        line = "".join(chars[start:end])
        marker = _MARKERS.match(line)
        if marker:
            blank(chars, start, start + marker.end())
            line = line[marker.end():]
        if not line.strip():
            continue
        if runs and runs[-1][3] == number - 1:
            runs[-1] = (runs[-1][0], end, runs[-1][2], number)
        else:
            runs.append((start, end, number, number))
    return runs


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
    # A closing sequence: spaces, then #s, then spaces, at the end of the line
    # (string methods: a regex would rescan a long run of spaces from each one).
    body = line.rstrip(" ")
    hashes = body.rstrip("#")
    if len(hashes) < len(body) and hashes.endswith(" "):
        blank(chars, start + len(hashes.rstrip(" ")), end)


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
    for a, b in _code_spans(current):
        blank(chars, start + a, start + b)
        code.append((start + a, start + b))
    current = "".join(chars[start:end])
    for a, b in _comments(current):
        blank(chars, start + a, start + b)
    current = "".join(chars[start:end])
    for pattern in (_TAG, _IMAGE):
        for m in pattern.finditer(current):
            blank(chars, start + m.start(), start + m.end())
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


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Code spans: a run of backticks up to the next run of the same length
    (a run with no partner is literal text), in one pass over the runs."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    partner: list[int] = [-1] * len(runs)
    latest: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i][1] - runs[i][0]
        partner[i] = latest.get(length, -1)
        latest[length] = i
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(runs):
        j = partner[i]
        if j < 0:
            i += 1
            continue
        spans.append((runs[i][0], runs[j][1]))
        i = j + 1
    return spans


def _comments(text: str) -> list[tuple[int, int]]:
    """``<!-- ... -->`` comments; an unclosed one ends the search."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        a = text.find("<!--", pos)
        if a < 0:
            return spans
        b = text.find("-->", a + 4)
        if b < 0:
            return spans
        spans.append((a, b + 3))
        pos = b + 3
