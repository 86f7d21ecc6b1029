"""The closing lines shared by the human formats: how many problems, in how
many files, what was fixed, and the counts by rule with ``--statistics``."""

from __future__ import annotations

from collections import Counter

from mhlint.engine.report import Report
from mhlint.output.formatters import FormatContext


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def statistics(report: Report) -> list[str]:
    counts = report.counts_by_rule()
    fixable = Counter(d.code for d in report.diagnostics if d.fix is not None and d.fix.edits)
    width = max((len(str(n)) for n in counts.values()), default=1)
    return [f"{n:>{width}}  {code:<8} {name}{'  [fixable]' if fixable[code] else ''}"
            for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def summary(report: Report, ctx: FormatContext) -> list[str]:
    out: list[str] = []
    if ctx.statistics and report.diagnostics:
        out.extend(statistics(report))
    fixed = report.fixed_total()
    if report.fixes:
        files = sum(1 for r in report.fixes if r.counts)
        out.append(f"Fixed {_plural(fixed, 'problem')} in {_plural(files, 'file')}." if fixed else "Nothing to fix.")
    n = len(report.diagnostics)
    files = _plural(report.files, "file")
    if n:
        by_sev = Counter(d.severity.value for d in report.diagnostics)
        detail = ", ".join(_plural(by_sev[s], s) for s in ("error", "warning", "info") if by_sev[s])
        touched = len({d.path for d in report.diagnostics})
        out.append(f"Found {_plural(n, 'problem')} ({detail}) in {touched} of {files}.")
        safe = sum(1 for d in report.diagnostics if d.fix is not None and d.fix.edits and d.fix.applicability.value == "safe")
        if safe:
            out.append(f"{safe} fixable with --fix.")
    else:
        out.append(f"No problems found in {files}.")
    return out
