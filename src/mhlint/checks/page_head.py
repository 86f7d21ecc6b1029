"""``page-head``: residue around the article's title.

Scraped pages often begin with the site name, a breadcrumb and a category
label before the title, and repeat the title with a teaser glued on. The title
is the first H1 in Markdown, otherwise a line repeated at the top of the page,
otherwise the first line. ``above-title`` reports short lines before it;
``title-teaser`` reports a line that starts with the title and runs on into a
few words of the body without ending a sentence.
"""

from __future__ import annotations

from typing import Any, Iterable

from mhlint.checks import CheckType
from mhlint.checks.lines import ends_sentence, key, layout, words
from mhlint.diagnostic import Finding
from mhlint.text.document import Document
from mhlint.checks.params import Param


class PageHead(CheckType):
    name = "page-head"
    placeholders = frozenset({"match", "title_line"})
    params = {
        "mode": Param("str", required=True, choices=("above-title", "title-teaser")),
        "max_words": Param("int", default=6, doc="above-title: longest line reported; title-teaser: most extra words", option=True),
        "head_lines": Param("int", default=12, doc="title-teaser: how many lines from the top to look at", option=True),
    }

    def run(self, doc: Document) -> Iterable[Finding]:
        lay = layout(doc)
        title = lay.title
        if title is None:
            return
        data = {"title_line": title.number + 1}
        limit = self.config["max_words"]
        if self.config["mode"] == "above-title":
            for line in doc.lines:
                if line.number >= title.number:
                    break
                if words(line.text) <= limit and not ends_sentence(line.text):
                    yield Finding(line.start, line.end, data)
            return
        title_words = words(title.text)
        for line in doc.lines[: self.config["head_lines"]]:
            if line.number <= title.number or title_words < 3:
                continue
            k = key(line.text)
            if k.startswith(lay.title_key + " ") and not ends_sentence(line.text):
                extra = words(line.text) - title_words
                if 0 < extra <= limit:
                    yield Finding(line.start, line.end, data)
