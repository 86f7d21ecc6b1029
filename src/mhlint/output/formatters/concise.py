"""``path:line:col: CODE [severity] message``, one finding a line, then a
summary line (and the input problems, which also go to standard error)."""

from __future__ import annotations

from mhlint.engine.report import Report
from mhlint.output.formatters import FormatContext
from mhlint.output.formatters.summary import summary


def line(d) -> str:  # type: ignore[no-untyped-def]
    return f"{d.path}:{d.line}:{d.column}: {d.code} [{d.severity.value}] {d.message}"


def render(report: Report, ctx: FormatContext) -> str:
    out = [line(d) for d in report.diagnostics]
    if not ctx.quiet:
        out.extend(summary(report, ctx))
    return "\n".join(out)
