"""``path:line:col: CODE message``, one finding a line, then a summary."""

from __future__ import annotations

from collections import Counter

from mhlint.engine import Report


def render(report: Report) -> str:
    out = [f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}" for d in report.diagnostics]
    n = len(report.diagnostics)
    if n:
        by_sev = Counter(d.severity.value for d in report.diagnostics)
        detail = ", ".join(f"{by_sev[s]} {s}{'s' if by_sev[s] != 1 else ''}" for s in ("error", "warning", "info") if by_sev[s])
        files = len({d.path for d in report.diagnostics})
        out.append(f"Found {n} problem{'s' if n != 1 else ''} ({detail}) in {files} of {report.files} file{'s' if report.files != 1 else ''}.")
    else:
        out.append(f"No problems found in {report.files} file{'s' if report.files != 1 else ''}.")
    return "\n".join(out)
