"""Superseded findings: the indexed resolution drops exactly what comparing
every pair on a line drops, and a line with thousands of findings costs what
it holds."""

from __future__ import annotations

import time

from hypothesis import given, settings, strategies as st

from mhlint.diagnostic import Diagnostic, Severity
from mhlint.engine.overlap import covers, resolve

SUPERSEDES = {"BP008": ("BP012",), "CONS001": ("STAT",), "BP021": ("DUP",), "STAT001": ()}
CODES = ["BP008", "BP012", "CONS001", "STAT001", "STAT002", "BP021", "DUP001"]


def diag(code: str, line: int, start: int, end: int, document: bool = False) -> Diagnostic:
    return Diagnostic("a.md", line, 1, line, 1, start, end, code, "n", "c", Severity.WARNING, "high", "m", "",
                      document=document)


def _overlap(a: Diagnostic, b: Diagnostic) -> bool:
    """Two findings overlap: both on the whole document, or spans that share
    a character, or two empty spans at one offset."""
    if a.document or b.document:
        return a.document and b.document
    if a.offset < b.end_offset and b.offset < a.end_offset:
        return True
    return a.offset == a.end_offset == b.offset == b.end_offset


def every_pair(diagnostics, supersedes):
    """The definition: beaten by an overlapping finding on the same line of a
    rule that supersedes it."""
    return [d for d in diagnostics
            if not any(e.code != d.code and e.line == d.line and _overlap(d, e)
                       and any(covers(s, d.code) for s in supersedes.get(e.code, ())) for e in diagnostics)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CODES), st.integers(1, 3), st.integers(0, 12), st.integers(0, 4),
                          st.booleans()), max_size=25))
def test_the_index_drops_what_every_pair_drops(items):
    diagnostics = [diag(code, line, start, start + width, document=doc and width == 0)
                   for code, line, start, width, doc in items]
    assert resolve(diagnostics, SUPERSEDES) == every_pair(diagnostics, SUPERSEDES)


def test_thousands_of_findings_on_one_line_are_resolved_in_linear_time():
    def cost(n: int) -> float:
        diagnostics = [diag(CODES[i % len(CODES)], 1, 3 * i, 3 * i + 2) for i in range(n)]
        started = time.process_time()
        resolve(diagnostics, SUPERSEDES)
        return time.process_time() - started

    small, large = min(cost(2_000) for _ in range(3)), min(cost(20_000) for _ in range(3))
    # Ten times the findings, not a hundred times the time (comparing every
    # pair takes minutes at 20,000).
    assert large < 30 * max(small, 0.02), (small, large)
