"""The values a builder produces: blocks, lines, links, sentences, directives,
and ``Structure``, the named result of building one file's structure.

They live apart from ``document.py`` so that the Markdown and plain-text
builders depend on these values only, and the Document depends on the builders:
one direction, no import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Block:
    """A structural unit: a heading, a paragraph, a list item, a table cell..."""

    kind: str
    start: int
    end: int
    first_line: int  # 0-based
    last_line: int  # 0-based, inclusive
    level: int = 0  # heading level
    table: int = -1  # table cells: index into Structure.tables


@dataclass(frozen=True)
class Table:
    """A Markdown table: its line range and the number of columns of its header."""

    first_line: int  # 0-based
    last_line: int
    columns: int


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


@dataclass(frozen=True)
class Selector:
    """One code, prefix, name or category written in a directive, with its span."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Directive:
    """An ``<!-- mhlint-... -->`` comment: ``kind`` is disable, enable,
    disable-next-line, disable-line or disable-file; no selectors means all rules."""

    kind: str
    selectors: tuple[Selector, ...]
    line: int  # 0-based line of the comment
    start: int  # offsets of the whole comment
    end: int
    own_line: bool  # nothing but white space shares its line


@dataclass(frozen=True)
class Notice:
    """Something about how a file was read that its reader should know (a
    structure too deep for the Markdown parser, read as plain paragraphs):
    never an error, and never text dropped without a word."""

    line: int  # 0-based
    message: str


@dataclass(frozen=True)
class Structure:
    """What a builder returns for one file."""

    view: str
    blocks: tuple[Block, ...]
    segments: tuple[tuple[int, int], ...]  # NLP units: never cross a block
    links: tuple[Link, ...]
    directives: tuple[Directive, ...]
    tables: tuple[Table, ...] = ()
    notices: tuple[Notice, ...] = ()


@dataclass(frozen=True)
class Linguistics:
    """The linguistic layer: the sentences of every segment. Tokens are not
    part of it: the token-pattern check parses the few sentences it needs."""

    sentences: tuple[Sentence, ...]
