"""Lazy spaCy: a blank English pipeline, rule-based only, loaded once.

``spacy.blank("en")`` + the sentencizer + the lookup lemmatizer (tables from
spacy-lookups-data) run offline, with no model download. The pipeline reads the
view of each segment (Unicode spaces already plain spaces, same length), so
token offsets are file offsets after adding the segment start. The lookup
table is case-sensitive ("Tears" stays "Tears"), so lemmas are looked up from
the lower-cased token, while the sentencizer still sees the real case. All segments
of all documents go through one ``nlp.pipe`` call, and the result is the
linguistic layer the Documents are built with.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Sequence

from mhlint.text.model import Linguistics, Sentence

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from mhlint.text.document import Document

# Tokens after which a full stop does not end a sentence.
_ALWAYS_JOIN = frozenset({"al", "dr", "mr", "mrs", "ms", "prof", "vs", "approx", "fig", "st", "jr", "sr"})
_LEMMAS: dict[str, Any] = {}


@lru_cache(maxsize=1)
def pipeline() -> "Language":
    import spacy
    from spacy.language import Language

    if not Language.has_factory("mhlint_abbreviations"):

        @Language.component("mhlint_abbreviations")
        def _abbreviations(doc: Any) -> Any:
            """Undo sentence breaks after "et al.", "Dr." and before "(2019)" or a
            lower-case word: the sentencizer only sees the full stop."""
            for i in range(2, len(doc)):
                tok = doc[i]
                if not tok.is_sent_start:
                    continue
                j = i - 1
                while j > 0 and doc[j].text in "([{\"'":
                    j -= 1
                if doc[j].text != "." or j == 0:
                    continue
                prev = doc[j - 1].text.lower()
                if prev in _ALWAYS_JOIN or tok.text[:1].islower() or (j < i - 1 and tok.like_num):
                    tok.is_sent_start = False
            return doc

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
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("mhlint_abbreviations")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    _LEMMAS["table"] = lemmatizer.lookups.get_table("lemma_lookup")
    _LEMMAS["by_lower"] = {}  # lower-case id -> lemma id, in this pipeline's vocabulary
    nlp.remove_pipe("lemmatizer")
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


def _prepared(doc: Document, start: int, end: int) -> str:
    return _spacy_safe(doc.view[start:end].replace("\r", " ").replace("\n", " "))


def analyse(docs: Sequence[Document], batch_size: int = 64) -> list[Linguistics]:
    """The linguistic layer of every document, from one batched spaCy run."""
    nlp = pipeline()
    # spaCy refuses texts over ``max_length`` (1,000,000 characters, E088) to
    # protect its parser and NER models from running out of memory; this
    # pipeline has neither, and a long paragraph must still be linted.
    longest = max((end - start for d in docs for start, end in d.segments), default=0)
    if longest >= nlp.max_length:
        nlp.max_length = longest + 1
    jobs = [(n, d, start) for n, d in enumerate(docs) for start, end in d.segments]
    texts = (_prepared(d, start, end) for d in docs for start, end in d.segments)
    sentences: list[list[Sentence]] = [[] for _ in docs]
    parsed: list[list[tuple[int, Any]]] = [[] for _ in docs]
    for (n, d, start), spacy_doc in zip(jobs, nlp.pipe(texts, batch_size=batch_size)):
        parsed[n].append((start, spacy_doc))
        for sent in spacy_doc.sents:
            text = sent.text
            if not text.strip():
                continue
            lead = len(text) - len(text.lstrip())
            s_start = start + sent.start_char + lead
            s_end = start + sent.end_char - (len(text) - len(text.rstrip()))
            sentences[n].append(Sentence(s_start, s_end, d.view[s_start:s_end]))
    return [Linguistics(tuple(s), tuple(p)) for s, p in zip(sentences, parsed)]
