"""Lazy spaCy: the blank English tokenizer, and the lookup lemmas, for the
token-pattern rules.

Sentences come from :mod:`mhlint.text.sentences`, not from spaCy. The token
rules read only the sentences in which one of their anchor words occurs, and
:mod:`mhlint.text.tokens` gives spaCy's tokens of plain prose itself; spaCy
(``spacy.blank("en")``, offline, no model) is imported only for a sentence
of another shape. Lemmas are those of spaCy's lookup lemmatizer (tables from
spacy-lookups-data), read without spaCy. The table is case-sensitive
("Tears" stays "Tears"), so lemmas are looked up from the lower-cased token.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

@lru_cache(maxsize=1)
def pipeline() -> "Language":
    """spaCy's blank English pipeline; only its tokenizer is used."""
    import spacy

    return spacy.blank("en")


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
    """spaCy's tokens of ``texts`` (prepared), in order, as docs."""
    nlp = pipeline()
    # spaCy refuses texts over ``max_length`` (1,000,000 characters, E088) to
    # protect its parser and NER models from running out of memory; this
    # pipeline has neither, and a long sentence must still be linted.
    longest = max((len(t) for t in texts), default=0)
    if longest >= nlp.max_length:
        nlp.max_length = longest + 1
    return nlp.tokenizer.pipe(texts, batch_size=batch_size)


def lemma_table() -> dict[str, str]:
    """The English lookup table (word -> lemma), read straight from
    spacy-lookups-data without importing spaCy (30 ms). Not kept: the token
    rules read it once, for the words of their lemmas (some 25 MB a process
    if it stayed)."""
    import gzip
    import json

    file = _lemma_table_file()
    if file is not None:
        with open(file, "rb") as handle:
            data = handle.read()
    else:  # not a plain file (a zipped install): through the package's resources
        from importlib import resources

        data = resources.files("spacy_lookups_data").joinpath(*_LEMMA_TABLE).read_bytes()
    return json.loads(gzip.decompress(data))


_LEMMA_TABLE = ("data", "en_lemma_lookup.json.gz")
_INFLECTIONS_VERSION = 1


def _lemma_table_file() -> str | None:
    """Where the lookup table is, found without importing its package."""
    from mhlint import derived

    return derived.package_file("spacy_lookups_data", *_LEMMA_TABLE)


def inflections(lemmas: frozenset[str] | set[str]) -> dict[str, frozenset[str]]:
    """For each of ``lemmas``, exactly the lower-case words whose lemma it is,
    as spaCy's lookup lemmatizer gives lemmas (the table's entry for the
    lower-cased word, the word itself when the table has none), from one
    pass over the table. A token then has a lemma when its lower-case form is
    one of these words: no table at matching time.

    Reading the table (1.3 MB compressed, 180,000 entries) is 0.1 s a process,
    for the same answer until the table or the lemmas change, so a run with a
    cache keeps the answer (``mhlint.derived``)."""
    import hashlib

    from mhlint import derived

    wanted = frozenset(lemmas)
    file = _lemma_table_file()
    key = None
    if file is not None:
        stamp = derived.file_key(file, version=_INFLECTIONS_VERSION)
        if stamp is not None:
            key = hashlib.blake2b("\0".join([stamp, *sorted(wanted)]).encode("utf-8", "surrogatepass"),
                                  digest_size=16).hexdigest()

    def decode(data: Any) -> dict[str, frozenset[str]] | None:
        if not isinstance(data, dict) or set(data) != wanted:
            return None
        if not all(isinstance(words, list) and all(isinstance(w, str) for w in words) for words in data.values()):
            return None
        return {lemma: frozenset(words) for lemma, words in data.items()}

    return derived.get("inflections", key, lambda: _inflections(wanted),
                       lambda found: {lemma: sorted(words) for lemma, words in found.items()}, decode)


def _inflections(lemmas: frozenset[str]) -> dict[str, frozenset[str]]:
    table = lemma_table()
    found: dict[str, set[str]] = {lemma: ({lemma} if lemma not in table else set()) for lemma in lemmas}
    for word, lemma in table.items():
        words = found.get(lemma)
        if words is not None:
            words.add(word)
    return {lemma: frozenset(words) for lemma, words in found.items()}
