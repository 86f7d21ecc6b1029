"""``claim-source``: a claim that needs a source, with none nearby.

The claim is a regex (a percentage, "1 in 5", "studies show", "a survey
found"); support is a link, a resolving footnote or a textual source pattern
within the window: the sentence itself, the sentence and the next one in the
same block (the default), the previous, current and next sentences of the
block (a study introduced just before its figures), or the whole block. Sentences never
cross a block. Questions are not claims and are skipped by default.
"""

from __future__ import annotations

import bisect
from typing import Any, Iterable

from mhlint.checks import CheckType, literals
from mhlint.checks.scope import prose_blocks
from mhlint.checks.sources import has_source
from mhlint.diagnostic import Finding
from mhlint.text.document import Document, Sentence
from mhlint.checks.params import Context, Param


class ClaimSource(CheckType):
    name = "claim-source"
    needs = frozenset({"sentences"})
    params = {
        "claims": Param("regex-list", required=True, doc="what needs a source"),
        "exclude": Param("regex-list", default=[], doc="a claim inside a match of one of these is ignored (e.g. '100% confidential')", option=True),
        "unless_sentence": Param("regex-list", default=[], doc="skip sentences matching one of these", option=True),
        "sources": Param("regex-list", default=[], doc="textual sources (links and resolving footnotes always count)", option=True),
        "window": Param("str", default="next", choices=("sentence", "next", "around", "block"), option=True),
        "skip_questions": Param("bool", default=True, option=True),
        "kinds": Param("list", default=["paragraph", "list_item", "blockquote", "table_cell"],
                       doc="block kinds whose sentences are checked (headings announce, they do not claim)"),
    }

    def __init__(self, ctx: Context, config: dict[str, Any], raw: Any) -> None:
        super().__init__(ctx, config, raw)
        self.claims = config["claims"]

    def _window(self, sentences: list[Sentence], i: int, block: tuple[int, int]) -> tuple[int, int]:
        sent = sentences[i]
        mode = self.config["window"]
        if mode == "block":
            return block
        start, end = sent.start, sent.end
        if mode in ("next", "around") and i + 1 < len(sentences) and sentences[i + 1].start < block[1]:
            end = sentences[i + 1].end
        if mode == "around" and i > 0 and sentences[i - 1].start >= block[0]:
            start = sentences[i - 1].start
        return start, end

    def run(self, doc: Document) -> Iterable[Finding]:
        sentences = doc.sentences or []
        blocks, starts = prose_blocks(doc)
        cfg = self.config
        # The claims each sentence can hold: a claim goes only to the
        # sentences that hold one of its literals.
        candidates: dict[int, list[Any]] = {}
        # (The literals are read on first use, not at load: a rule set loads
        # every rule, and a run may select few.)
        for pattern in self.claims:
            need = literals.required(pattern)
            where = literals.holders(doc, need, "sentences")
            for i in (range(len(sentences)) if where is None else where):
                candidates.setdefault(i, []).append(pattern)
        for i in sorted(candidates):
            sent = sentences[i]
            text = sent.text
            if cfg["skip_questions"] and text.rstrip().rstrip("\"')").endswith("?"):
                continue
            # Claims first: most sentences hold none, and then the cues and
            # exclusions need not be searched at all.
            found = [(m.start(), m.end()) for pattern in candidates[i]
                     for m in pattern.finditer(text) if m.group().strip()]
            if not found or any(p.search(text) for p in cfg["unless_sentence"]):
                continue
            covers = [(x.start(), x.end()) for p in cfg["exclude"] for x in p.finditer(text)]
            matches = [(a, b) for a, b in found if not any(c <= a and b <= d for c, d in covers)]
            if not matches:
                continue
            b = blocks[bisect.bisect_right(starts, sent.start) - 1] if blocks else None
            if b is not None and b.kind not in cfg["kinds"]:
                continue
            block = (b.start, b.end) if b else (sent.start, sent.end)
            w_start, w_end = self._window(sentences, i, block)
            if has_source(doc, w_start, w_end, cfg["sources"]):
                continue
            last_end = -1
            for m_start, m_end in sorted(matches):
                if m_start >= last_end:
                    last_end = m_end
                    yield Finding(sent.start + m_start, sent.start + m_end)
