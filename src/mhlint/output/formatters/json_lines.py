"""One JSON object a line (JSON Lines): each finding as in the ``json``
format with ``"type": "diagnostic"``, each input problem with
``"type": "error"`` (its ``severity`` field says whether it is an error or a
warning), and, after ``--fix``, one ``"type": "fixed"`` object per file with
the same fields as the ``json`` format's ``fixed`` entries.

Text is UTF-8, not ASCII-escaped, except the characters that some line
splitters (Python's ``str.splitlines``, JavaScript) treat as line breaks
inside a string: U+0085, U+2028 and U+2029 are written as ``\\uXXXX`` so every
object stays on one physical line whatever reads it.
"""

from __future__ import annotations

import json
from typing import Any

from mhlint.engine.report import Report
from mhlint.output.formatters import FormatContext

_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def dumps(obj: Any) -> str:
    text = json.dumps(obj, ensure_ascii=False)
    for ch, esc in _BREAKS.items():
        if ch in text:  # these can only occur inside JSON strings
            text = text.replace(ch, esc)
    return text


def render(report: Report, ctx: FormatContext) -> str:
    lines = [dumps({"type": "diagnostic", **d.to_json()}) for d in report.diagnostics]
    lines.extend(dumps({"type": "error", **i.to_json()}) for i in report.issues)
    lines.extend(dumps({"type": "fixed", "path": r.path, "fixes": dict(r.counts), "error": r.error})
                 for r in report.fixes)
    return "\n".join(lines)
