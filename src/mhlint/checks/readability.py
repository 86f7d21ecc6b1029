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

import re
from typing import Any, Iterable

from mhlint.checks import CheckType
from mhlint.checks.params import Param
from mhlint.checks.scope import block_at
from mhlint.diagnostic import Finding
from mhlint.text.document import Document, Sentence

_WORD = re.compile(r"[^\W_](?:[\w’'.-]*[^\W_])?")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_ENDS = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
PROSE = ("paragraph", "list_item", "blockquote")


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
            out.append(sent)
        return out

    return doc.memo(f"prose_sentences:{','.join(kinds)}:{min_fragment_words}", compute)


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
