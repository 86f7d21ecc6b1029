"""Line shape and page layout, shared by the boilerplate check types.

Shape: word counts, terminal punctuation, edge trimming. Layout: where the
article's title is and where its body starts, computed once per Document.
Scraped pages put navigation and widgets above the title and after the body;
knowing those places lets a rule use position as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mhlint.text.document import Document, Line

_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
# Leading or trailing punctuation. The trailing run is tried only where a run
# starts (after a word character), so a long run of punctuation inside a line
# is scanned once, not once per character (which was quadratic).
_EDGE = re.compile(r"^[\W_]+|(?<![\W_])[\W_]++$")
_TERMINAL = re.compile(r"""[.!?…]["')\]]*$|[.!?]["']$""")
_NORMALISE = re.compile(r"[^\w%]+")
BODY_MIN_WORDS = 20


def words(text: str) -> int:
    return len(_WORD.findall(text))


def trimmed(text: str) -> str:
    """The line without leading/trailing punctuation, bullets, emoji or quotes."""
    return _EDGE.sub("", text)


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip()))


def key(text: str) -> str:
    """Comparison key: case, punctuation and spacing folded."""
    return " ".join(_NORMALISE.sub(" ", text.casefold()).split())


def is_body(line: Line) -> bool:
    return words(line.text) >= BODY_MIN_WORDS and ends_sentence(line.text)


@dataclass(frozen=True)
class Layout:
    title: Line | None  # first copy of the title line
    title_key: str
    body_start: int  # line number of the first body paragraph (or a large number)
    body_end: int  # line number of the last body paragraph (or -1)


def _title(doc: Document) -> Line | None:
    lines = doc.lines
    if not lines:
        return None
    if doc.is_markdown:
        h1 = next((ln for ln in lines if doc.blocks[ln.block].kind == "heading" and doc.blocks[ln.block].level == 1), None)
        if h1 is not None:
            return h1
    head = [ln for ln in lines[:12] if not is_body(ln)]
    seen: dict[str, Line] = {}
    for ln in head:
        k = key(ln.text)
        if words(ln.text) >= 3 and k in seen:
            return seen[k]  # a line repeated at the top of the page is its title
        seen.setdefault(k, ln)
    return lines[0]


def layout(doc: Document) -> Layout:
    def compute(d: Document) -> Layout:
        title = _title(d)
        body = [ln.number for ln in d.lines if is_body(ln)]
        return Layout(
            title=title,
            title_key=key(title.text) if title else "",
            body_start=body[0] if body else 1 << 30,
            body_end=body[-1] if body else -1,
        )

    return doc.memo("layout", compute)


def zone_of(doc: Document, line: Line) -> str:
    lay = layout(doc)
    if line.number < lay.body_start:
        return "head"
    if line.number > lay.body_end:
        return "tail"
    return "body"
