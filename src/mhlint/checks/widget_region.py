"""``widget-region``: a page widget that starts with a heading and runs on.

A related-posts widget is a heading ("Related Posts", "More To Explore")
followed by post titles, category labels and teasers cut off mid-sentence.
Only the heading is in a lexicon; the members are recognised by shape: short
lines, lines that stop without ending a sentence, lines repeated within the
widget. The region ends at the first line that reads like real body text,
or at the heading of a real section ("About the author", "References").
"""

from __future__ import annotations

from typing import Any, Iterable

from mhlint.checks import CheckType
from mhlint.checks.lines import ends_sentence, key, trimmed, words
from mhlint.diagnostic import Finding
from mhlint.text.document import Document
from mhlint.checks.params import Context, Param


class WidgetRegion(CheckType):
    name = "widget-region"
    placeholders = frozenset({"match", "start_line", "heading"})
    params = {
        "start": Param("regex-list", required=True, doc="whole-line patterns for the widget heading"),
        "stop": Param("regex-list", default=[], doc="whole-line patterns of a real section that ends the widget", option=True),
        "max_heading_words": Param("int", default=6, option=True),
        "item_max_words": Param("int", default=14, doc="a line this short continues the widget", option=True),
        "teaser_min_words": Param("int", default=12, doc="a line this long that does not end a sentence is a teaser", option=True),
    }

    def __init__(self, ctx: Context, config: dict[str, Any], raw: Any) -> None:
        super().__init__(ctx, config, raw)
        self.start = config["start"]

    def _member(self, text: str, seen: set[str]) -> bool:
        cfg = self.config
        if any(p.fullmatch(trimmed(text)) for p in cfg["stop"]):
            return False
        if words(text) <= cfg["item_max_words"] or key(text) in seen:
            return True
        stripped = text.rstrip()
        if stripped.endswith(("...", "…", "[…]", "[...]")) or stripped.lower().endswith("read more"):
            return True
        return words(text) >= cfg["teaser_min_words"] and not ends_sentence(text)

    def run(self, doc: Document) -> Iterable[Finding]:
        lines = doc.lines
        i = 0
        while i < len(lines):
            line = lines[i]
            core = trimmed(line.text)
            if words(core) > self.config["max_heading_words"] or not any(p.fullmatch(core) for p in self.start):
                i += 1
                continue
            data = {"start_line": line.number + 1, "heading": core}
            yield Finding(line.start, line.end, data)
            seen: set[str] = set()
            i += 1
            while i < len(lines) and self._member(lines[i].text, seen):
                seen.add(key(lines[i].text))
                yield Finding(lines[i].start, lines[i].end, data)
                i += 1
