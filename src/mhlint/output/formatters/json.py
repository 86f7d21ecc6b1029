"""One JSON object: the findings, the input problems and the file count.
The field set is documented in the README and stays stable."""

from __future__ import annotations

import json

from mhlint import __version__
from mhlint.engine.report import Report
from mhlint.output.formatters import FormatContext


def render(report: Report, ctx: FormatContext) -> str:
    data = {
        "version": __version__,
        "files": report.files,
        "diagnostics": [d.to_json() for d in report.diagnostics],
        "errors": [i.to_json() for i in report.issues],
        "fixed": [{"path": r.path, "fixes": dict(r.counts), "error": r.error} for r in report.fixes],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)
