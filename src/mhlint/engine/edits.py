"""From a rule's ``fix:`` spec and one finding to the concrete edits.

Edits are computed here, once, from the original text and the finding's
offsets, and carried in the Diagnostic to every output and to the fixer:
nothing searches for the text again. Deleting a line takes its line break
with it (or, on a last line with no break, the break before it), so a fix
never leaves half a line behind.
"""

from __future__ import annotations

from mhlint.catalog.schema import FixSpec
from mhlint.diagnostic import Applicability, Edit, Finding, Fix
from mhlint.text.document import Document

_RANK = {a.rank: a for a in Applicability}


def weakest(a: Applicability, b: Applicability | None) -> Applicability:
    return a if b is None else _RANK[min(a.rank, b.rank)]


def line_range(doc: Document, start: int, end: int) -> tuple[int, int]:
    """Offsets that delete the whole lines holding ``start``..``end``."""
    index, text = doc.source.index, doc.text
    first = index.line_of(start)
    last = index.line_of(max(start, end - 1)) if end > start else first
    lo = index.starts[first]
    hi = index.starts[last + 1] if last + 1 < index.line_count else len(text)
    if hi == len(text) and (hi == 0 or text[hi - 1] not in "\r\n") and first > 0:
        # The last line has no break of its own: take the break before it.
        prev_end = index.line_span(first - 1, text)[1]
        lo = prev_end
    return lo, hi


def make_fix(doc: Document, spec: FixSpec, finding: Finding) -> Fix | None:
    applicability = weakest(spec.applicability, finding.fix_applicability)
    if spec.kind == "none" or finding.document:
        return Fix(Applicability.DISPLAY_ONLY, spec.title, ())
    text = doc.text
    if spec.kind == "delete-line":
        lo, hi = line_range(doc, finding.start, finding.end)
        return Fix(applicability, spec.title, (Edit(lo, hi, ""),))
    if spec.kind == "delete-match":
        lo, hi = finding.start, finding.end
        if lo > 0 and text[lo - 1] in " \t" and (hi == len(text) or text[hi] in " \t\r\n.,;:!?)"):
            lo -= 1  # "see [here](#) now" -> "see now", not "see  now"
        return Fix(applicability, spec.title, (Edit(lo, hi, ""),))
    # replace: the check's own suggestion for this finding, else the rule's
    # suggestion map; either way keeping an initial capital
    match = text[finding.start:finding.end]
    replacement = finding.data.get("replacement")
    if not isinstance(replacement, str):
        replacement = dict(spec.replace).get(" ".join(doc.view[finding.start:finding.end].split()).casefold())
    if replacement is None:
        return Fix(Applicability.DISPLAY_ONLY, spec.title, ())
    if match[:1].isupper() and replacement[:1].islower():
        replacement = replacement[:1].upper() + replacement[1:]
    return Fix(applicability, spec.title, (Edit(finding.start, finding.end, replacement),))
