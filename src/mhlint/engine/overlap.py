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

from typing import Mapping, Sequence

from mhlint.diagnostic import Diagnostic


def covers(selector: str, code: str) -> bool:
    """Whether a ``supersedes``/``yields_to`` selector (a code or a prefix such
    as ``BP``) names ``code``."""
    return code == selector or (code.startswith(selector) and not selector[-1:].isdigit())


def _overlap(a: Diagnostic, b: Diagnostic) -> bool:
    if a.document or b.document:
        return a.document and b.document
    if a.offset < b.end_offset and b.offset < a.end_offset:
        return True
    return a.offset == a.end_offset == b.offset == b.end_offset


def resolve(diagnostics: Sequence[Diagnostic], supersedes: Mapping[str, tuple[str, ...]]) -> list[Diagnostic]:
    """``diagnostics`` without those superseded by an overlapping finding.
    ``supersedes`` maps a rule code to the selectors it supersedes."""
    if not any(supersedes.values()):
        return list(diagnostics)
    by_line: dict[int, list[Diagnostic]] = {}
    for d in diagnostics:
        by_line.setdefault(d.line, []).append(d)
    out = []
    for d in diagnostics:
        near = by_line.get(d.line, ())
        beaten = any(e.code != d.code and _overlap(d, e) and any(covers(s, d.code) for s in supersedes.get(e.code, ()))
                     for e in near)
        if not beaten:
            out.append(d)
    return out
