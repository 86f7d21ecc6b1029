"""``figure-consistency``: the same figure given twice with different numbers.

Each figure of a kind the rule names (a share: "60%", "1 in 5", "3 out of
10", all read as a percentage; or an amount per period: "7 hours a day") is
described by the content words around it: the words of its clause, minus
function words and numbers, reduced to a crude stem ("clients" -> "client",
"crying" -> "cry"). Two figures of the same kind whose descriptions share
enough words and whose values differ are the same claim stated twice with
different numbers; the later one is reported, naming the earlier line.

What keeps different claims apart: a different population word (women /
men, teens / adults), a different year, a comparison in either sentence
("rose from 40% to 55%", "compared with"), and figures of one sentence,
which are never compared with each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

from mhlint.checks import CheckType
from mhlint.checks.params import Param
from mhlint.checks.scope import block_at, clause
from mhlint.diagnostic import Finding
from mhlint.text.document import Document

_NUMBER = r"(\d{1,3}(?:[.,]\d{1,2})?)"
_WORDNUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_DIGIT = re.compile(r"\d")
_ONE_IN = re.compile(r"\b(?:one|two|three)\s+(?:in|out)\b", re.IGNORECASE)
_SHARE = re.compile(
    rf"(?<![\d.,]){_NUMBER}\s?(?:%|percent\b|per\s?cent\b)"
    r"|(?<![\d.,])(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out\s+of)\s+(?:every\s+)?(\d{1,4}|two|three|four|five|six|seven|eight|nine|ten)\b(?!\s*(?:%|percent))",
    re.IGNORECASE)
_RATE = re.compile(
    rf"(?<![\d.,]){_NUMBER}\s+(hours?|minutes?|days?|nights?|times?|drinks?|cups?)\s+(?:a|per|each|every)\s+(day|night|week|month|year)\b",
    re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_COMPARE = re.compile(
    r"\b(?:compared\s+(?:with|to)|versus|vs\.?|up\s+from|down\s+from|between\s+\S+\s+and|ranges?\s+from|respectively|"
    r"(?:rose|fell|increased|decreased|dropped|grew|climbed)\s+(?:from|to|by))\b",
    re.IGNORECASE)
_STOP = frozenset("""
a an the of in on at to for from by with and or but not no nor so as is are was were be been being has have had do does did
that this these those it its they them their there here which who whom whose what when where why how than then also only
just about around nearly almost roughly approximately over under more less most least some many much any each every all
both either neither such very quite often usually sometimes said say says reported report reports found find finds
showed show shows study survey studies research per cent percent people person one two three four five six seven eight
nine ten up down out into onto upon within without across after before during while if whether though although because
since until still even like may might can could will would should must we you your our us i me my he she his her him
""".split())
_POPULATION = frozenset("""
adult child children kid teen teenager adolescent youth student woman women man men mother father parent patient client
therapist employee worker veteran survivor participant user senior carer caregiver girl boy infant baby athlete manager
nurse doctor partner family smoker drinker resident retiree
""".split())


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    w = word.lower().replace("’", "'").strip("'-")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: len(w) - len(suffix)] + repl
            break
    return w


@dataclass(frozen=True)
class Figure:
    start: int  # file offsets of the figure
    end: int
    kind: str
    value: float
    text: str
    words: frozenset[str]
    population: frozenset[str]
    years: frozenset[str]
    compared: bool
    sentence: int  # index of its sentence
    line: int  # 1-based


def _share(m: re.Match[str]) -> float | None:
    if m.group(1):
        return float(m.group(1).replace(",", "."))
    num = m.group(2).lower()
    den = m.group(3).lower()
    n = _WORDNUM.get(num) or int(num)
    d = _WORDNUM.get(den) or int(den)
    if not d or n > d:
        return None
    return round(100.0 * n / d, 1)


class FigureConsistency(CheckType):
    name = "figure-consistency"
    needs = frozenset({"sentences"})
    fixable = False
    placeholders = frozenset({"match", "first_line", "first_value"})
    params = {
        "kinds": Param("list", default=["share", "rate"], doc="which figures: share (%, 1 in 5), rate (7 hours a day)"),
        "min_shared": Param("int", default=2, doc="content words two descriptions must share", option=True),
        "min_overlap": Param("float", default=0.3, doc="shared words / words of the shorter description", option=True),
        "tolerance": Param("float", default=0.0, doc="differences up to this (percentage points or units) are the same figure", option=True),
        "max_ratio": Param("float", default=3.0, doc="figures further apart than this factor describe different things", option=True),
        "block_kinds": Param("list", default=["paragraph", "list_item", "blockquote", "table_cell"]),
    }

    def figures(self, doc: Document) -> list[Figure]:
        out: list[Figure] = []
        wanted = set(self.config["kinds"])
        block_kinds = set(self.config["block_kinds"])
        index = doc.source.index
        for i, sent in enumerate(doc.sentences or ()):
            text = sent.text
            if not _DIGIT.search(text) and not _ONE_IN.search(text):
                continue
            block = block_at(doc, sent.start)
            if block is None or block.kind not in block_kinds:
                continue
            found: list[tuple[re.Match[str], str, float]] = []
            if "share" in wanted:
                for m in _SHARE.finditer(text):
                    value = _share(m)
                    if value is not None:
                        found.append((m, "share", value))
            if "rate" in wanted:
                for m in _RATE.finditer(text):
                    unit = f"{_stem(m.group(2))}/{m.group(3).lower()}"
                    found.append((m, f"rate:{unit}", float(m.group(1).replace(",", "."))))
            if not found:
                continue
            years = frozenset(_YEAR.findall(text))
            compared = len(found) > 1 or bool(_COMPARE.search(text))
            for m, kind, value in found:
                lo, hi = clause(text, m.start(), m.end())
                # The description: the clause, widened to the sentence when the
                # clause is short ("In the Rowan study (2020), 38% of ...").
                if len(_WORD.findall(text[lo:hi])) < 6:
                    lo, hi = 0, len(text)
                found_words = _WORD.findall(text[lo:hi])
                stems = {_stem(w) for w in found_words if len(w) > 2} | {w.lower() for w in found_words if w.isupper()}
                stems -= _STOP
                population = frozenset(s for s in stems if s in _POPULATION)
                out.append(Figure(sent.start + m.start(), sent.start + m.end(), kind, value, m.group(), frozenset(stems),
                                  population, years, compared, i, index.line_of(sent.start + m.start()) + 1))
        return out

    def _same_claim(self, a: Figure, b: Figure) -> bool:
        if a.kind != b.kind or a.sentence == b.sentence:
            return False
        low, high = sorted((a.value, b.value))
        if low <= 0 or high / low > self.config["max_ratio"]:
            return False
        if a.population and b.population and not (a.population & b.population):
            return False
        if a.years and b.years and not (a.years & b.years):
            return False
        if a.compared or b.compared:
            return False
        shared = a.words & b.words
        shorter = min(len(a.words), len(b.words)) or 1
        overlap = len(shared) / shorter
        # Two shared words are enough only for short descriptions that agree
        # on half their words ("40% of people with IBS ... anxiety").
        if len(shared) < self.config["min_shared"] or overlap < self.config["min_overlap"]:
            return False
        return len(shared) >= 3 or overlap >= 0.5

    def run(self, doc: Document) -> Iterable[Finding]:
        figures = self.figures(doc)
        tolerance = self.config["tolerance"]
        reported: set[int] = set()
        for j, b in enumerate(figures):
            for a in figures[:j]:
                if abs(a.value - b.value) <= tolerance or not self._same_claim(a, b):
                    continue
                if b.start in reported:
                    break
                reported.add(b.start)
                yield Finding(b.start, b.end, {"first_line": str(a.line), "first_value": a.text}, related_line=a.line)
                break
