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
            """Lemma of the lower-cased token, from the lookup table."""
            table = _LEMMAS["table"]
            for tok in doc:
                tok.lemma_ = table.get(tok.lower_, tok.lower_)
            return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("mhlint_abbreviations")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    _LEMMAS["table"] = lemmatizer.lookups.get_table("lemma_lookup")
    nlp.remove_pipe("lemmatizer")
    nlp.add_pipe("mhlint_lemmas")
    return nlp


def _prepared(doc: Document, start: int, end: int) -> str:
    return doc.view[start:end].replace("\r", " ").replace("\n", " ")


def analyse(docs: Sequence[Document], batch_size: int = 64) -> list[Linguistics]:
    """The linguistic layer of every document, from one batched spaCy run."""
    nlp = pipeline()
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
