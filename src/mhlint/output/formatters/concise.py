"""``path:line:col: CODE [severity] message``, one finding a line, then a
summary line. Input problems go to standard error as ``mhlint: error: ...``
lines (the run prints them), so standard output stays one finding a line for
editors' problem matchers."""

from __future__ import annotations

from typing import Any, Callable

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


def stream(report: Report, ctx: FormatContext, write: Callable[[str], Any]) -> None:
    """``render``'s text, a few hundred lines at a time."""
    diags = report.diagnostics
    tail = [] if ctx.quiet else summary(report, ctx)
    for i in range(0, len(diags), 512):
        chunk = "\n".join(line(d) for d in diags[i:i + 512])
        write(chunk + ("\n" if i + 512 < len(diags) or tail else ""))
    if tail:
        write("\n".join(tail))
