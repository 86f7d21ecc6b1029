"""``line-shape``: a line is page furniture when enough evidence adds up.

Lexicon rules (``line-pattern``) need the furniture's words; real pages keep
inventing new ones. What they share is a shape: short, no verb, no full stop,
separators between fragments, links or URLs, numbers, a file-name slug, a
place above or below the article. A ``line-shape`` rule gives each feature of
:data:`mhlint.checks.lines.SHAPE_FEATURES` a weight, adds its own lexicon as one
more feature, and reports a line whose score reaches ``threshold``. ``evidence``
names the features of which at least one must hold, so that a short verbless
subheading ("Warning signs") never qualifies on shape alone, and ``absent``
the features that must not hold. A weight may be negative: a feature that
speaks for content (a personal pronoun: someone is addressed) takes away. The finding's message can say why
(``{evidence}``: the features that held), so a reader can judge it.
"""

from __future__ import annotations

import bisect
from typing import Any, Iterable

from mhlint.checks import CheckType
from mhlint.checks.lines import SHAPE_FEATURES, shapes
from mhlint.checks.params import Context, Param
from mhlint.diagnostic import Finding
from mhlint.text.document import Document

_WORDS_FOR = {
    "short": "short", "tiny": "very short", "no_verb": "no verb", "pronoun": "a personal pronoun", "no_sentence_end": "no full stop", "title_case": "title case",
    "lower_start": "starts in lower case", "all_caps": "all capitals", "slug": "a file-name slug",
    "links": "a row of links", "url": "a web address", "separators": "separators between fragments",
    "number": "a count", "head": "above the article", "tail": "below the article", "alone": "a line of its own",
    "first_in_block": "first line of its block", "wrapped": "a sentence wrapped over lines", "bullet": "a list item",
    "table_row": "a row of a table", "lexicon": "furniture wording",
}


class LineShape(CheckType):
    name = "line-shape"
    placeholders = frozenset({"match", "evidence", "score"})
    params = {
        "weights": Param("mapping", required=True, doc="feature -> weight; features: " + ", ".join(SHAPE_FEATURES) + ", lexicon"),
        "threshold": Param("float", required=True, doc="the score a line needs to be reported", option=True),
        "lexicon": Param("regex-list", default=[], doc="furniture wording; a hit is the feature 'lexicon'", option=True),
        "evidence": Param("list", default=[], doc="at least one of these features must hold"),
        "absent": Param("list", default=[], doc="none of these features may hold"),
        "max_words": Param("int", default=20, doc="longer lines are never reported (at most 40: longer lines have no shape features)", option=True),
        "unless": Param("regex-list", default=[], doc="skip a line where one of these matches", option=True),
        "kinds": Param("list", default=["paragraph", "line", "list_item"], doc="block kinds to look at"),
    }

    def __init__(self, ctx: Context, config: dict[str, Any], raw: Any) -> None:
        super().__init__(ctx, config, raw)
        known = set(SHAPE_FEATURES) | {"lexicon"}
        where = raw if isinstance(raw, dict) else {}
        for key in ("weights", "evidence", "absent"):
            names = list(config[key]) if key != "weights" else list(config[key].keys())
            unknown = [n for n in names if n not in known]
            if unknown:
                raise ctx.error(where, key, f"unknown shape feature {unknown[0]!r} in '{key}' (known: {', '.join(sorted(known))})")
        weights: dict[str, float] = {}
        for name, value in config["weights"].items():
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ctx.error(where, "weights", f"the weight of {name!r} must be a number, not {value!r}")
            weights[name] = float(value)
        self.weights = weights

    def run(self, doc: Document) -> Iterable[Finding]:
        cfg = self.config
        line_shapes = shapes(doc)
        kinds = set(cfg["kinds"])
        directives = {d.line for d in doc.directives if d.own_line}
        for line, shape in zip(doc.lines, line_shapes):
            if shape.words > cfg["max_words"] or doc.blocks[line.block].kind not in kinds:
                continue
            if not shape.words or line.number in directives:
                continue
            features = set(shape.features)
            if cfg["absent"] and not features.isdisjoint(cfg["absent"]):
                continue
            # The lexicon is searched only where the shape already counts.
            score = sum(self.weights.get(f, 0.0) for f in features)
            if cfg["lexicon"] and score + self.weights.get("lexicon", 0.0) >= cfg["threshold"]:
                if any(p.search(line.text) for p in cfg["lexicon"]):
                    features.add("lexicon")
                    score += self.weights.get("lexicon", 0.0)
            if score < cfg["threshold"]:
                continue
            if cfg["evidence"] and features.isdisjoint(cfg["evidence"]):
                continue
            if any(p.search(line.text) for p in cfg["unless"]):
                continue
            said = [_WORDS_FOR[f] for f in (*SHAPE_FEATURES, "lexicon") if f in features and self.weights.get(f, 0) > 0]
            start, end = _with_markup(doc, line.start, line.end)
            yield Finding(start, end, {"evidence": ", ".join(said), "score": f"{score:g}"})


def _with_markup(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The line's span widened to the Markdown links that open or close it, so
    the match is "[Anxiety](/tags/anxiety) ...", not a slice of the markup.
    Links do not overlap, so only the last one starting before a point can
    hold it."""
    def spans(d: Document) -> tuple[list[tuple[int, int]], list[int]]:
        ordered = sorted((link.start, link.end) for link in d.links)
        return ordered, [a for a, _ in ordered]

    links, starts = doc.memo("links_by_start", spans)
    for point in (start, end):
        i = bisect.bisect_left(starts, point) - 1
        if i >= 0 and links[i][0] < point < links[i][1]:
            if point == start:
                start = links[i][0]
            else:
                end = links[i][1]
    return start, end
