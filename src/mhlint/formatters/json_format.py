"""A JSON array of findings; the field set is documented in the README."""

from __future__ import annotations

import json

from mhlint.engine import Report


def render(report: Report) -> str:
    return json.dumps([d.to_json() for d in report.diagnostics], indent=2, ensure_ascii=False)
