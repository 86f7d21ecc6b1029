"""Lazy spaCy: a blank English pipeline, rule-based only, loaded once.

``spacy.blank("en")`` + the sentencizer + the lookup lemmatizer (tables from
spacy-lookups-data) run offline, with no model download. The pipeline reads the
view of each segment (Unicode spaces already plain spaces, same length), so
token offsets are file offsets after adding the segment start. The lookup
table is case-sensitive ("Tears" stays "Tears"), so lemmas are looked up from
the lower-cased token, while the sentencizer still sees the real case. All segments
of all documents go through one ``nlp.pipe`` call.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable

from mhlint.document import Document, Sentence

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

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
