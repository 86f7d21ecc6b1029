"""``duplicate-block``: a later copy of an earlier block of the same article.

Lines are compared after folding case, spacing and punctuation. A later copy
is reported when it is long enough to be more than a stock phrase
(``min_chars``), when it belongs to a run of consecutive copied lines (an
author bio or info box pasted twice, whatever the length of each line), when
it sits next to another copy exactly as its original sits next to that one's
original (a heading copied together with its paragraph), or when it repeats
the title. Short repeats such as a
"Summary" heading, and list items or table cells on their own, are left alone.
In Markdown, only blocks of the same kind are compared, so a table of contents
does not make every heading a duplicate.
"""

from __future__ import annotations

from typing import Iterable

from mhlint.checks import CheckType
from mhlint.checks.lines import key, layout, words
from mhlint.diagnostic import Applicability, Finding
from mhlint.text.document import Document, Line
from mhlint.checks.params import Param

_LONE_KINDS = ("list_item", "table_cell")


class DuplicateBlock(CheckType):
    name = "duplicate-block"
    placeholders = frozenset({"match", "first_line"})
    params = {
        "min_chars": Param("int", default=50, doc="a lone copied line must be at least this long (after folding)", option=True),
        "min_run": Param("int", default=3, doc="consecutive copied lines reported whatever their length", option=True),
        "title_min_words": Param("int", default=3, option=True),
    }

    def run(self, doc: Document) -> Iterable[Finding]:
        cfg = self.config
        first_copy: dict[tuple[str, str], Line] = {}
        copies: list[tuple[Line, Line]] = []  # (later, first)
        for line in doc.lines:
            k = key(line.text)
            if not k:
                continue
            group = doc.blocks[line.block].kind if doc.is_markdown else "line"
            if group == "table_cell":
                continue
            earlier = first_copy.get((group, k))
            if earlier is None:
                first_copy[(group, k)] = line
            else:
                copies.append((line, earlier))
        lay = layout(doc)
        if doc.is_markdown and lay.title is not None:  # "# Title" then "Title" as a paragraph
            known = {later.number for later, _ in copies}
            for line in doc.lines:
                if line.number > lay.title.number and line.number not in known and key(line.text) == lay.title_key:
                    copies.append((line, lay.title))
        original = {later.number: first.number for later, first in copies}
        position = {line.number: i for i, line in enumerate(doc.lines)}
        numbers = [line.number for line in doc.lines]
        for later, first in copies:
            kind = doc.blocks[later.block].kind
            long_enough = len(key(later.text)) >= cfg["min_chars"] and kind not in _LONE_KINDS
            is_title = (
                lay.title is not None and first.number == lay.title.number
                and words(later.text) >= cfg["title_min_words"]
            )
            if long_enough or is_title or self._in_run(later.number, original) or self._same_structure(
                later.number, first.number, original, position, numbers
            ):
                # Deleting the copy is safe only when it is the same text to the letter.
                exact = doc.text[later.start:later.end] == doc.text[first.start:first.end]
                yield Finding(later.start, later.end, {"first_line": first.number + 1}, related_line=first.number + 1,
                              fix_applicability=None if exact else Applicability.UNSAFE)

    @staticmethod
    def _same_structure(later: int, first: int, original: dict[int, int], position: dict[int, int], numbers: list[int]) -> bool:
        """A neighbour of this copy is a copy of the same neighbour of the original."""
        i, j = position[later], position[first]
        for step in (-1, 1):
            if 0 <= i + step < len(numbers) and 0 <= j + step < len(numbers):
                neighbour = numbers[i + step]
                if original.get(neighbour) == numbers[j + step] and neighbour != first:
                    return True
        return False

    def _in_run(self, number: int, copied: dict[int, int]) -> bool:
        low = high = number
        while low - 1 in copied:
            low -= 1
        while high + 1 in copied:
            high += 1
        return high - low + 1 >= self.config["min_run"]
