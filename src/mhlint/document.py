"""The Document: one parse of one file, shared by every rule.

path -> SourceFile (text, line index) -> front matter -> blocks (markdown-it for
Markdown, blank-line paragraphs for text) -> view (same-length, masked) ->
lines and NLP segments. Sentences and tokens are attached later, in one batch
for all documents, and only when an active rule needs them (see ``nlp.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

from mhlint import frontmatter
from mhlint.source import SourceFile

T = TypeVar("T")

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
PROSE_KINDS = frozenset({"heading", "paragraph", "list_item", "blockquote", "table_cell", "line"})
_URL = re.compile(r"\bhttps?://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]|\bwww\.[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]")


@dataclass(frozen=True)
class Block:
    """A structural unit: a heading, a paragraph, a list item, a table cell..."""

    kind: str
    start: int
    end: int
    first_line: int  # 0-based
    last_line: int  # 0-based, inclusive
    level: int = 0  # heading level


@dataclass(frozen=True)
class Line:
    """One non-empty physical line of a prose block, trimmed, in the view."""

    number: int  # 0-based line number
    start: int
    end: int
    text: str
    block: int  # index into Document.blocks


@dataclass(frozen=True)
class Link:
    start: int
    end: int
    url: str


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str  # the view text of the sentence


@dataclass(eq=False)
class Document:
    """Everything rules read about one file. Heavy parts are computed once."""

    source: SourceFile
    is_markdown: bool
    view: str
    blocks: list[Block]
    lines: list[Line]
    segments: list[tuple[int, int]]  # NLP units: never cross a block
    links: list[Link]
    front_matter: frontmatter.FrontMatter | None = None
    sentences: list[Sentence] | None = None  # filled by nlp.annotate
    nlp_docs: list[tuple[int, Any]] | None = None  # (segment start, spaCy Doc)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def text(self) -> str:
        return self.source.text

    def memo(self, key: str, compute: Callable[["Document"], T]) -> T:
        """Cache a derived analysis (layout, line features) shared by several rules."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]



def is_markdown_path(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def build(source: SourceFile, markdown: bool | None = None) -> Document:
    """Parse ``source`` into a Document (Markdown or plain text by suffix)."""
    from mhlint import markdown as md
    from mhlint import plaintext

    if markdown is None:
        markdown = is_markdown_path(source.path)
    fm = frontmatter.parse(source.text) if markdown else None
    builder = md.build if markdown else plaintext.build
    view, blocks, segments, links = builder(source, fm)
    lines = _lines(source, view, blocks)
    return Document(source, markdown, view, blocks, lines, segments, links, fm)


def _lines(source: SourceFile, view: str, blocks: list[Block]) -> list[Line]:
    out: list[Line] = []
    seen: set[tuple[int, int]] = set()
    for b_index, block in enumerate(blocks):
        if block.kind not in PROSE_KINDS:
            continue
        for number in range(block.first_line, block.last_line + 1):
            start, end = source.index.line_span(number, source.text)
            start, end = max(start, block.start), min(end, block.end)
            text = view[start:end]
            stripped = text.strip()
            key = (number, b_index if block.kind == "table_cell" else -1)
            if not stripped or key in seen:
                continue
            seen.add(key)
            lead = len(text) - len(text.lstrip())
            out.append(Line(number, start + lead, start + lead + len(stripped), stripped, b_index))
    out.sort(key=lambda ln: ln.number)
    return out


def find_urls(text: str, start: int, end: int) -> list[Link]:
    return [Link(m.start(), m.end(), m.group()) for m in _URL.finditer(text, start, end)]
