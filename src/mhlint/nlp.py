"""Lazy spaCy: a blank English pipeline, rule-based only, loaded once.

``spacy.blank("en")`` + the sentencizer + the lookup lemmatizer (tables from
spacy-lookups-data) run offline, with no model download. The pipeline reads a
lower-cased, same-length copy of each segment (the lookup table is
case-sensitive, and Unicode spaces are already plain spaces in the view), so
token offsets are file offsets after adding the segment start. All segments
of all documents go through one ``nlp.pipe`` call.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable

from mhlint.document import Document, Sentence
from mhlint.view import lower_same_length

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

# Tokens after which a full stop does not end a sentence.
_ALWAYS_JOIN = frozenset({"al", "dr", "mr", "mrs", "ms", "prof", "vs", "approx", "fig", "st", "jr", "sr"})


@lru_cache(maxsize=1)
def pipeline() -> "Language":
    import spacy
    from spacy.language import Language

    if not Language.has_factory("mhlint_abbreviations"):

        @Language.component("mhlint_abbreviations")
        def _abbreviations(doc: Any) -> Any:
            """Undo sentence breaks after "et al.", "Dr." and before "(2019)"."""
            for i in range(1, len(doc) - 1):
                tok, nxt = doc[i], doc[i + 1]
                if tok.text != "." or not nxt.is_sent_start:
                    continue
                prev = doc[i - 1].text.lower()
                joined = prev in _ALWAYS_JOIN or nxt.text[:1].islower() or (
                    nxt.text == "(" and i + 2 < len(doc) and doc[i + 2].like_num
                )
                if joined:
                    nxt.is_sent_start = False
            return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("mhlint_abbreviations")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def _prepared(doc: Document, start: int, end: int) -> str:
    text = doc.view[start:end].replace("\r", " ").replace("\n", " ")
    return lower_same_length(text)


def annotate(docs: Iterable[Document], batch_size: int = 64) -> None:
    """Attach sentences and spaCy docs to every document that lacks them."""
    pending = [d for d in docs if d.sentences is None]
    if not pending:
        return
    nlp = pipeline()
    jobs = [(d, start, end) for d in pending for start, end in d.segments]
    texts = (_prepared(d, start, end) for d, start, end in jobs)
    for d in pending:
        d.sentences, d.nlp_docs = [], []
    for (d, start, _end), parsed in zip(jobs, nlp.pipe(texts, batch_size=batch_size)):
        d.nlp_docs.append((start, parsed))
        for sent in parsed.sents:
            text = sent.text
            if not text.strip():
                continue
            lead = len(text) - len(text.lstrip())
            s_start = start + sent.start_char + lead
            s_end = start + sent.end_char - (len(text) - len(text.rstrip()))
            d.sentences.append(Sentence(s_start, s_end, d.view[s_start:s_end]))
