"""One defect, one finding: when two rules report the same words, the one
that names the defect more precisely wins.

A rule declares ``supersedes: [codes or prefixes]`` in its YAML: a breadcrumb
rule supersedes the generic "content above the title" rule, an inconsistent
figure supersedes "unsourced percentage" on the same figure, a widget region
supersedes "repeated block" on a line that is repeated because the widget is.
A finding is dropped when a finding of a rule that supersedes it overlaps its
span (for whole-line findings, its line). Nothing else is merged: two rules
of different concerns on the same words (a flattened table that also holds
an unsourced figure) both stay.
"""

from __future__ import annotations

import bisect
from itertools import accumulate
from typing import Mapping, Sequence

from mhlint.diagnostic import Diagnostic


def covers(selector: str, code: str) -> bool:
    """Whether a ``supersedes``/``yields_to`` selector (a code or a prefix such
    as ``BP``) names ``code``."""
    return code == selector or (code.startswith(selector) and not selector[-1:].isdigit())


def resolve(diagnostics: Sequence[Diagnostic], supersedes: Mapping[str, tuple[str, ...]]) -> list[Diagnostic]:
    """``diagnostics`` without those superseded by an overlapping finding on
    the same line. ``supersedes`` maps a rule code to the selectors it
    supersedes.

    Each finding is compared only with the findings of the rules that
    supersede it, and through an index rather than one by one: per line and
    code, the spans sorted by start with the running maximum of their ends,
    so "does one of them overlap this span" is one bisection. A line with
    thousands of findings (an article pasted into one line) costs what it
    holds, not its square."""
    if not any(supersedes.values()):
        return list(diagnostics)
    codes = {d.code for d in diagnostics}
    beaters = {code: [e for e in codes if e != code and any(covers(s, code) for s in supersedes.get(e, ()))]
               for code in codes}
    if not any(beaters.values()):
        return list(diagnostics)
    grouped: dict[tuple[bool, int, str], list[tuple[int, int]]] = {}
    for d in diagnostics:
        grouped.setdefault((d.document, d.line, d.code), []).append((d.offset, d.end_offset))
    index: dict[tuple[bool, int, str], tuple[list[int], list[int], set[int]]] = {}
    for key, spans in grouped.items():
        spans.sort()
        index[key] = ([a for a, _ in spans], list(accumulate((b for _, b in spans), max)),
                      {a for a, b in spans if a == b})
    out = []
    for d in diagnostics:
        if not any(_overlapped(d, index.get((d.document, d.line, code))) for code in beaters[d.code]):
            out.append(d)
    return out


def _overlapped(d: Diagnostic, found: tuple[list[int], list[int], set[int]] | None) -> bool:
    """Whether a span of ``found`` (spans of one code on ``d``'s line, of the
    same kind) overlaps ``d``: two whole-document findings always do; two
    spans do when each starts before the other ends, or when both are empty
    at the same offset."""
    if found is None:
        return False
    if d.document:
        return True  # two findings on the whole document always overlap
    starts, reach, empty = found
    k = bisect.bisect_left(starts, d.end_offset)  # the spans that start before d ends
    if k and reach[k - 1] > d.offset:  # and one of them ends after d starts
        return True
    return d.offset == d.end_offset and d.offset in empty  # two empty spans at one place
