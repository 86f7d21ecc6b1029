"""The Document: one parse of one file, shared by every rule, never changed.

path -> SourceFile (text, line index) -> front matter -> Structure (markdown-it
for Markdown, blank-line paragraphs for text: blocks, links, directives, the
same-length view) -> lines. The linguistic layer (sentences) is part of what
a Document is built with: ``build_all(..., linguistic=True)`` splits every
segment into sentences (no tokenizer: see ``sentences``). A check that needs sentences
reads ``doc.sentences``, which raises on a document built without them, so no
check can silently find nothing on a half-built document.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, TypeVar

from mhlint.text import frontmatter
from mhlint.text.model import Block, Directive, Line, Linguistics, Link, Notice, Sentence, Structure, Table
from mhlint.text.source import SourceFile

T = TypeVar("T")

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
PROSE_KINDS = frozenset({"heading", "paragraph", "list_item", "blockquote", "table_cell", "line"})

__all__ = ["Block", "Directive", "Document", "Line", "Link", "Linguistics", "Notice", "Sentence", "Table",
           "build", "build_all", "is_markdown_path", "PROSE_KINDS"]


class MissingLayer(RuntimeError):
    """A check read the linguistic layer of a document built without it: a bug
    in the engine's planning, reported loudly instead of finding nothing."""


@dataclass(frozen=True, eq=False)
class Document:
    """Everything rules read about one file. Derived analyses shared by several
    rules (layout, line features) are memoised; the content never changes."""

    source: SourceFile
    is_markdown: bool
    structure: Structure
    lines: tuple[Line, ...]
    front_matter: frontmatter.FrontMatter | None = None
    linguistics: Linguistics | None = None
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def view(self) -> str:
        return self.structure.view

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self.structure.blocks

    @property
    def segments(self) -> tuple[tuple[int, int], ...]:
        return self.structure.segments

    @property
    def links(self) -> tuple[Link, ...]:
        return self.structure.links

    @property
    def directives(self) -> tuple[Directive, ...]:
        return self.structure.directives

    @property
    def tables(self) -> tuple[Table, ...]:
        return self.structure.tables

    @property
    def notices(self) -> tuple[Notice, ...]:
        """How the file was read, for its reader: structure past the Markdown
        parser's nesting limit read as plain paragraphs (never dropped)."""
        return self.structure.notices

    def _layer(self) -> Linguistics:
        if self.linguistics is None:
            raise MissingLayer(f"{self.path}: a check needs sentences, but the document was built without them")
        return self.linguistics

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return self._layer().sentences

    def memo(self, key: str, compute: Callable[["Document"], T]) -> T:
        """Cache a derived analysis (layout, line features) shared by several rules."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]


def is_markdown_path(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def _structural(source: SourceFile, markdown: bool | None) -> Document:
    from mhlint.text import markdown as md
    from mhlint.text import plaintext

    if markdown is None:
        markdown = is_markdown_path(source.path)
    fm = frontmatter.parse(source.text) if markdown else None
    structure = (md.build if markdown else plaintext.build)(source, fm)
    if fm is not None and fm.error is not None:
        # Its keys (author, date, mhlint's own) are then unknown: the reader
        # must hear why, not find the rules that read them silently quiet.
        line = (fm.error_line or 1) - 1
        notice = Notice(line, f"front matter cannot be read ({fm.error}); its keys are ignored")
        structure = dataclasses.replace(structure, notices=(notice, *structure.notices))
    return Document(source, markdown, structure, _lines(source, structure), fm)


def build_all(sources: Iterable[SourceFile], markdown: bool | None = None, linguistic: bool = False) -> list[Document]:
    """Build Documents; with ``linguistic``, with their sentences."""
    docs = [_structural(s, markdown) for s in sources]
    if not linguistic:
        return docs
    from mhlint.text.sentences import split

    return [Document(d.source, d.is_markdown, d.structure, d.lines, d.front_matter,
                     Linguistics(split(d.view, d.segments))) for d in docs]


def build(source: SourceFile, markdown: bool | None = None, linguistic: bool = False) -> Document:
    """Parse ``source`` into a Document (Markdown or plain text by suffix)."""
    return build_all([source], markdown, linguistic)[0]


def _lines(source: SourceFile, structure: Structure) -> tuple[Line, ...]:
    view = structure.view
    out: list[Line] = []
    seen: set[tuple[int, int]] = set()
    for b_index, block in enumerate(structure.blocks):
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
    return tuple(out)
