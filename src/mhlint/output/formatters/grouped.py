"""Findings grouped by file, like ruff's ``grouped`` output::

    notes.md:
      1:1  BP001 [warning] 'Skip to content' is a page navigation link ...
      3:1  ATTR001 [warning] 'Studies show' attributes the claim ...
     12:40 STAT001 [warning] 'Nearly 60%' is a statistic with no source ...

    other.md:
      ...

Files appear in the order of their first finding, rows in position order,
with the ``line:col`` column aligned within each file; a blank line separates
files. Then come the input problems (``path[:line]: error: message``) and,
unless ``ctx.quiet``, the shared summary lines. Colour only when ``ctx.color``.
"""

from __future__ import annotations

from mhlint.diagnostic import Diagnostic
from mhlint.engine.report import Report
from mhlint.output.formatters import FormatContext
from mhlint.output.formatters.full import BOLD, SEVERITY_STYLE, clean, paint, tail


def group(diagnostics: list[Diagnostic]) -> dict[str, list[Diagnostic]]:
    """Diagnostics by path, paths in order of first appearance, rows sorted."""
    groups: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        groups.setdefault(d.path, []).append(d)
    return {path: sorted(ds, key=Diagnostic.sort_key) for path, ds in groups.items()}


def file_block(path: str, diags: list[Diagnostic], color: bool) -> str:
    lw = max(len(str(d.line)) for d in diags)
    cw = max(len(str(d.column)) for d in diags)
    rows = [paint(f"{path}:", BOLD + ";4", color)]
    for d in diags:
        pos = f"{str(d.line).rjust(lw)}:{str(d.column).ljust(cw)}"
        code = paint(d.code, SEVERITY_STYLE[d.severity], color)
        rows.append(f"  {pos} {code} [{d.severity.value}] {clean(d.message)}")
    return "\n".join(rows)


def render(report: Report, ctx: FormatContext) -> str:
    blocks = [file_block(path, ds, ctx.color) for path, ds in group(report.diagnostics).items()]
    return "\n\n".join(b for b in [*blocks, *tail(report, ctx)] if b)
