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


# --- Shape features: what a line looks like, whatever its words -------------
#
# Page furniture is recognised by its shape as much as by its words: a profile
# line ("412 Followers · Writer for Open Minds"), a footer ("© 2025 Calm Minds
# · 12 Elm Street"), a row of links, a file-name slug. Each feature below is a
# yes/no fact about one line, computed once per document and shared by every
# rule that weighs them (``line-shape``).

# Finite verbs, auxiliaries and subject pronouns: a line with none of them is
# a label, a name or a caption, not a clause. Participles ("sitting",
# "posted") are left out on purpose: captions and meta lines are full of them.
VERB_CUES = frozenset("""
am is are was were be been isn't aren't wasn't weren't 's 're 've 'll 'd
can could will would shall should may might must can't cannot won't wouldn't couldn't shouldn't
do does did don't doesn't didn't have has had haven't hasn't
i you we they he she it i'm you're we're they're it's that's there's here's
get gets got make makes made take takes took give gives gave go goes went come comes came
feel feels felt know knows knew think thinks thought need needs want wants try tries tried
help helps keep keeps find finds found see sees saw say says said tell tells told ask asks asked
let lets mean means show shows seem seems become becomes became start starts began stop stops
call calls called use uses work works live lives learn learns talk talks include includes
""".split())
# A separator between two fragments ("Anxiety · Sleep", "Home > Blog"); a
# leading bullet is not one. The wide gap a flattened menu leaves ("Print
# Email   Save") is one too, looked for in the original text, where blanked
# Markdown markup leaves no gaps of its own.
_SEPARATOR = re.compile(r"(?<=[^\s|•·/»›>~–—:])\s*(?:[|•·»›>~]|\s/|\s–|\s—|::)\s*(?=[^\s|•·/»›>~–—:])")
_BULLET = re.compile(r"^\s*(?:[•·▪◦‣∙*+-]|\d{1,3}[.)])\s")
_GAP = re.compile(r"\S[ \t\u00a0]{3,}(?=\S)")
# A file-name slug: three or more lower-case parts joined by hyphens or
# underscores, with a letter somewhere (a phone number is not a slug).
_SLUG = re.compile(r"(?<![\w/.-])(?=[\d_-]*[a-z])[a-z0-9]+(?:[-_][a-z0-9]+){2,}(?:\.(?:jpe?g|png|gif|webp|svg))?(?![\w/-])")
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+|\b[\w-]+\.(?:com|org|net|co\.uk|org\.uk|io|info|health)\b", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.])\d[\d,.]*[kKmM]?(?![\w])")
# A person addressed or speaking: a sign of a clause, even without a verb cue.
_PRONOUNS = frozenset("i you we they he she i'm you're we're they're".split())
SHORT_WORDS = 8  # "short": a label, a name, a menu entry
# Lines longer than this are prose, and their features are not computed: most
# of a document's text sits in such lines.
SHAPE_MAX_WORDS = 40
TINY_WORDS = 3  # "tiny": too few words to say what a line is by shape alone
_SMALL = frozenset("a an the of and or for to in on at by with from as vs".split())

SHAPE_FEATURES = ("short", "tiny", "no_verb", "pronoun", "no_sentence_end", "title_case", "lower_start", "all_caps", "slug",
                  "links", "url", "separators", "number", "head", "tail", "alone", "first_in_block", "wrapped",
                  "bullet", "table_row")
"""The names a ``line-shape`` rule may weigh."""


@dataclass(frozen=True)
class Shape:
    """The shape features of one line, and its word count."""

    words: int
    features: frozenset[str]


def _link_share(line: Line, covered: bytearray) -> tuple[float, int]:
    """Share of the line's visible characters that are link or URL text, and
    how many separate links or URLs it holds; ``covered`` marks the document's
    link characters. Most lines hold no link: they cost one byte search."""
    text = line.text
    mask = bytearray(covered[line.start:line.start + len(text)])
    urls = list(_URL.finditer(text))
    if 1 not in mask and not urls:
        return 0.0, 0
    for m in urls:
        mask[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    visible = [not c.isspace() for c in text]
    total = sum(visible)
    runs = sum(1 for i, k in enumerate(mask) if k and (i == 0 or not mask[i - 1]))
    return (sum(1 for v, k in zip(visible, mask) if v and k) / total if total else 0.0), runs


def _without_comments(text: str) -> str:
    """``text`` with HTML comments blanked: in a plain-text file they are
    markup that stayed (or mhlint's own directives), not words of the line.
    A scan with ``find``, linear however many openers are left unclosed."""
    if "<!--" not in text:
        return text
    out, i = [], 0
    while True:
        a = text.find("<!--", i)
        if a < 0:
            break
        b = text.find("-->", a + 4)
        end = len(text) if b < 0 else b + 3
        out.append(text[i:a])
        out.append(" " * (end - a))
        i = end
    out.append(text[i:])
    return "".join(out)


def shape_of(doc: Document, line: Line, zone: str, covered: bytearray, wrapped: bool = False,
             table_row: bool = False) -> Shape:
    """The features of one line (``zone`` is head, body or tail; ``wrapped``:
    the line is part of a sentence that runs on to the next or came from the
    previous line of its block; ``table_row``: it and a neighbour in its block
    hold the same number of ``|``, the rows of a table written as text)."""
    text = _without_comments(line.text)
    tokens = _WORD.findall(text)
    n = len(tokens)
    if n > SHAPE_MAX_WORDS:
        return Shape(n, frozenset())  # a paragraph: furniture is never this long
    found: set[str] = set()
    if n <= SHORT_WORDS:
        found.add("short")
    if n <= TINY_WORDS:
        found.add("tiny")
    lowered = {t.lower() for t in tokens} | {t.lower() for t in text.replace("’", "'").split()}
    if lowered.isdisjoint(VERB_CUES):
        found.add("no_verb")
    if not lowered.isdisjoint(_PRONOUNS):
        found.add("pronoun")
    if not ends_sentence(text):
        found.add("no_sentence_end")
    content = [t for t in tokens if t.lower() not in _SMALL and t[:1].isalpha()]
    if len(content) >= 2 and sum(t[0].isupper() for t in content) >= 0.75 * len(content):
        found.add("title_case")
    core = trimmed(text)
    # A list item's lower-case start ("• picking at old wounds") is a list's,
    # not a caption's.
    if _BULLET.match(text):
        found.add("bullet")
    elif core[:1].islower():
        found.add("lower_start")
    letters = [c for c in text if c.isalpha()]
    if n >= 2 and len(letters) >= 4 and all(c.isupper() for c in letters):
        found.add("all_caps")
    if _SLUG.search(text):
        found.add("slug")
    share, runs = _link_share(line, covered)
    # A row of links; one link on its own line is a resource or a reference.
    if share >= 0.5 and runs >= 2:
        found.add("links")
    if _URL.search(text):
        found.add("url")
    if _SEPARATOR.search(text) or _GAP.search(doc.text, line.start, line.end):
        found.add("separators")
    if _NUMBER.search(text):
        found.add("number")
    if zone in ("head", "tail"):
        found.add(zone)
    block = doc.blocks[line.block]
    if block.first_line == block.last_line:
        found.add("alone")
    if line.number == block.first_line:
        found.add("first_in_block")
    if wrapped:
        found.add("wrapped")
    if table_row:
        found.add("table_row")
    return Shape(n, frozenset(found))


def shapes(doc: Document) -> list[Shape]:
    """The shape of every line, computed once per document."""

    def compute(d: Document) -> list[Shape]:
        # One pass over the links marks their characters (linear in the text).
        covered = bytearray(len(d.text))
        for link in d.links:
            covered[link.start:link.end] = b"\x01" * (link.end - link.start)
        lines = d.lines
        out = []
        for i, ln in enumerate(lines):
            nxt = lines[i + 1] if i + 1 < len(lines) and lines[i + 1].block == ln.block else None
            prev = lines[i - 1] if i and lines[i - 1].block == ln.block else None
            wrapped = ((nxt is not None and not ends_sentence(ln.text) and trimmed(nxt.text)[:1].islower())
                       or (prev is not None and not ends_sentence(prev.text) and trimmed(ln.text)[:1].islower()))
            bars = ln.text.count("|")
            table_row = bars > 0 and any(other is not None and other.text.count("|") == bars for other in (prev, nxt))
            out.append(shape_of(d, ln, zone_of(d, ln), covered, wrapped, table_row))
        return out

    return doc.memo("line_shapes", compute)
