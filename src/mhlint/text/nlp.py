"""Lazy spaCy: a blank English tokenizer with lookup lemmas, loaded only
when a token-pattern rule has something to look at.

Sentences come from :mod:`mhlint.text.sentences`, not from spaCy. spaCy
reads only the sentences in which some token rule's anchor word occurs
(most articles hold a handful, many none), so a lint that meets no anchor
never imports it. ``spacy.blank("en")`` and the lookup lemmatizer (tables
from spacy-lookups-data) run offline, with no model download. The lookup
table is case-sensitive ("Tears" stays "Tears"), so lemmas are looked up
from the lower-cased token.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

_LEMMAS: dict[str, Any] = {}


@lru_cache(maxsize=1)
def pipeline() -> "Language":
    import spacy
    from spacy.language import Language

    if not Language.has_factory("mhlint_lemmas"):

        @Language.component("mhlint_lemmas")
        def _lemmas(doc: Any) -> Any:
            """Lemma of the lower-cased token, from the lookup table. Set for
            the whole doc at once from the tokens' lower-case ids (a Token
            object per token and a string look-up each were most of the
            time of this component); ``by_lower`` remembers each lower-case
            form's lemma id, valid as long as the pipeline's vocabulary."""
            if not len(doc):
                return doc
            import numpy
            from spacy.attrs import LEMMA, LOWER

            table, by_lower, strings = _LEMMAS["table"], _LEMMAS["by_lower"], doc.vocab.strings
            lemmas = []
            for low in doc.to_array(LOWER).tolist():
                lemma = by_lower.get(low)
                if lemma is None:
                    text = strings[low]
                    lemma = by_lower[low] = strings.add(table.get(text, text))
                lemmas.append(lemma)
            doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
            return doc

    nlp = spacy.blank("en")
    # The same table spaCy's lookup lemmatizer would load, read once.
    _LEMMAS["table"] = lemma_table()
    _LEMMAS["by_lower"] = {}  # lower-case id -> lemma id, in this pipeline's vocabulary
    nlp.add_pipe("mhlint_lemmas")
    return nlp


# spaCy's tokenizer peels prefixes and suffixes off a token one at a time,
# searching the rest of it each time: time quadratic in the length of a run
# of punctuation ("((((...", "****..."), minutes for 10,000 characters. A run
# of more than MAX_TOKEN_CHARS non-space characters with more than
# MAX_TOKEN_PUNCT punctuation marks in it, or of more than MAX_RUN_CHARS
# characters, is cut by a space every MAX_TOKEN_CHARS characters in what
# spaCy reads (offsets are unchanged; the view and the rules see the text as
# it is). A URL or a long word is left whole.
MAX_TOKEN_CHARS = 64
MAX_TOKEN_PUNCT = 48
MAX_RUN_CHARS = 1024
_LONG_RUN = re.compile(r"(?<!\S)\S{%d,}" % (MAX_TOKEN_CHARS + 1))


def _spacy_safe(text: str) -> str:
    runs = [m.span() for m in _LONG_RUN.finditer(text)]
    cut = [(a, b) for a, b in runs
           if b - a > MAX_RUN_CHARS or sum(1 for ch in text[a:b] if not ch.isalnum()) > MAX_TOKEN_PUNCT]
    if not cut:
        return text
    chars = list(text)
    for start, end in cut:
        for i in range(start + MAX_TOKEN_CHARS, end, MAX_TOKEN_CHARS + 1):
            chars[i] = " "
    return "".join(chars)


def prepared(text: str) -> str:
    """What spaCy reads of a sentence: line breaks as spaces (same length, so
    token offsets stay character offsets of the sentence), long runs cut."""
    return _spacy_safe(text.replace("\r", " ").replace("\n", " "))


def parse(texts: Sequence[str], batch_size: int = 64) -> Iterator[Any]:
    """spaCy docs of ``texts`` (prepared), in order, from one ``nlp.pipe``."""
    nlp = pipeline()
    # spaCy refuses texts over ``max_length`` (1,000,000 characters, E088) to
    # protect its parser and NER models from running out of memory; this
    # pipeline has neither, and a long sentence must still be linted.
    longest = max((len(t) for t in texts), default=0)
    if longest >= nlp.max_length:
        nlp.max_length = longest + 1
    return nlp.pipe(texts, batch_size=batch_size)


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """The English lookup table (word -> lemma), read straight from
    spacy-lookups-data without importing spaCy (30 ms): the token rules'
    prefilter needs every inflection of its anchor lemmas before deciding
    whether spaCy is needed at all."""
    import gzip
    import json
    from importlib import resources

    data = resources.files("spacy_lookups_data").joinpath("data", "en_lemma_lookup.json.gz").read_bytes()
    return json.loads(gzip.decompress(data))


def inflections(lemmas: frozenset[str] | set[str]) -> dict[str, frozenset[str]]:
    """For each of ``lemmas``, every lower-case word whose lookup lemma it is
    (a word missing from the table is its own lemma), from one pass over the
    table: an index of every lemma would cost 9 MB a process for the few
    dozen the token rules name."""
    found: dict[str, set[str]] = {lemma: {lemma} for lemma in lemmas}
    for word, lemma in lemma_table().items():
        words = found.get(lemma)
        if words is not None:
            words.add(word)
    return {lemma: frozenset(words) for lemma, words in found.items()}
