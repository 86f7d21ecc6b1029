"""``line-pattern``: a lexicon of regexes, constrained by the shape of the line.

A phrase alone is not evidence of page residue ("share" and "book" are common
words), so a rule combines its patterns with shape: a word limit, whether the
pattern must cover the whole line, whether the line may end like a sentence,
and where on the page it sits. ``long_if`` admits longer lines with a strong
feature (a phone number); ``continue_*`` extends a finding to the lines that
carry on a banner (a lower-case continuation line, or a short line addressed
to the reader right after a call to action).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from mhlint.checks import CheckType, literals
from mhlint.checks.lines import ends_sentence, trimmed, words, zone_of
from mhlint.diagnostic import Finding
from mhlint.text.document import Document, Line
from mhlint.checks.params import Context, Param


@dataclass(frozen=True)
class LineFeatures:
    words: int
    trimmed: str
    ends_sentence: bool


def line_features(doc: Document) -> list[LineFeatures]:
    """Word count, trimmed text and sentence end of every line, computed once
    per document and shared by every line-pattern rule."""
    return doc.memo("line_features", lambda d: [
        LineFeatures(words(ln.text), trimmed(ln.text), ends_sentence(ln.text)) for ln in d.lines])


class LinePattern(CheckType):
    name = "line-pattern"
    params = {
        "patterns": Param("regex-list", required=True, doc="regexes searched in the line (case-insensitive)"),
        "whole_line": Param("bool", default=False, doc="a pattern must cover the whole trimmed line"),
        "max_words": Param("int", default=None, doc="only lines with at most this many words", option=True),
        "min_words": Param("int", default=0, doc="only lines with at least this many words", option=True),
        "last_in_block": Param("bool", default=False, doc="only the last line of its block"),
        "long_if": Param("regex-list", default=[], doc="a longer line still qualifies if one of these matches"),
        "unless": Param("regex-list", default=[], doc="skip a line where one of these matches", option=True),
        "sentence_end": Param("str", default="any", choices=("any", "forbidden"), doc="'forbidden': the line must not end like a sentence"),
        "zone": Param("str", default="any", choices=("any", "head", "tail", "edge", "body")),
        "kinds": Param("list", default=[], doc="block kinds to look at (default: all prose)"),
        "report": Param("str", default="line", choices=("line", "match")),
        "continue_lowercase": Param("bool", default=False, doc="also flag following lines of the block that start in lower case"),
        "continue_next": Param("regex-list", default=[], doc="also flag the next line if short and matching one of these"),
        "continue_max_words": Param("int", default=15),
    }

    def __init__(self, ctx: Context, config: dict[str, Any], raw: Any) -> None:
        super().__init__(ctx, config, raw)
        self.patterns = config["patterns"]

    def _qualifies(self, doc: Document, line: Line, feature: "LineFeatures",
                   candidates: list[Any]) -> tuple[int, int] | None:
        """The span to report if the line qualifies. ``candidates`` are the
        patterns that can match in it (see ``run``). The tests are pure and
        must all pass, so the cheapest come first: the shape and place of the
        line, the patterns themselves, and only for a line a pattern matched,
        ``unless``."""
        cfg = self.config
        if cfg["kinds"] and doc.blocks[line.block].kind not in cfg["kinds"]:
            return None
        text = line.text
        n_words = feature.words
        if n_words < cfg["min_words"]:
            return None
        if cfg["last_in_block"] and line.number != doc.blocks[line.block].last_line:
            return None
        if cfg["sentence_end"] == "forbidden" and feature.ends_sentence:
            return None
        if cfg["max_words"] is not None and n_words > cfg["max_words"]:
            if not any(p.search(text) for p in cfg["long_if"]):
                return None
        if cfg["zone"] != "any":
            zone = zone_of(doc, line)
            wanted = {"edge": ("head", "tail")}.get(cfg["zone"], (cfg["zone"],))
            if zone not in wanted:
                return None
        whole = cfg["whole_line"]
        core = feature.trimmed if whole else text
        for pattern in candidates:
            m = pattern.fullmatch(core) if whole else pattern.search(text)
            if m:
                break
        else:
            return None
        if any(p.search(text) for p in cfg["unless"]):
            return None
        if cfg["report"] == "match" and not whole:
            return line.start + m.start(), line.start + m.end()
        return line.start, line.end

    def run(self, doc: Document) -> Iterable[Finding]:
        cfg = self.config
        lines = doc.lines
        # The patterns each line can match in, in pattern order: a pattern
        # goes only to the lines that hold one of its literals (almost none).
        candidates: dict[int, list[Any]] = {}
        for pattern in self.patterns:  # literals read on first use, not at load
            where = literals.holders(doc, literals.required(pattern), "lines")
            for i in (range(len(lines)) if where is None else where):
                candidates.setdefault(i, []).append(pattern)
        if not candidates:
            return
        flagged: set[int] = set()
        shapes = line_features(doc)
        for i, line in enumerate(lines):
            if i not in candidates:
                continue
            span = self._qualifies(doc, line, shapes[i], candidates[i])
            if span is None:
                continue
            if i not in flagged:
                flagged.add(i)
                yield Finding(*span)
            j = i + 1
            if cfg["continue_lowercase"]:
                while j < len(lines) and lines[j].block == line.block and lines[j].text[:1].islower():
                    if j not in flagged:
                        flagged.add(j)
                        yield Finding(lines[j].start, lines[j].end)
                    j += 1
            if cfg["continue_next"] and j < len(lines) and j not in flagged:
                nxt = lines[j]
                if shapes[j].words <= cfg["continue_max_words"] and any(p.search(nxt.text) for p in cfg["continue_next"]):
                    flagged.add(j)
                    yield Finding(nxt.start, nxt.end)
