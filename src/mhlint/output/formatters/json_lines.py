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
from typing import Any, Callable

from mhlint.engine.report import Report
from mhlint.output.formatters import FormatContext

_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def dumps(obj: Any) -> str:
    text = json.dumps(obj, ensure_ascii=False)
    for ch, esc in _BREAKS.items():
        if ch in text:  # these can only occur inside JSON strings
            text = text.replace(ch, esc)
    return text


def _objects(report: Report) -> Any:
    for d in report.diagnostics:
        yield {"type": "diagnostic", **d.to_json()}
    for i in report.issues:
        yield {"type": "error", **i.to_json()}
    for r in report.fixes:
        yield {"type": "fixed", "path": r.path, "fixes": dict(r.counts), "error": r.error}


def render(report: Report, ctx: FormatContext) -> str:
    return "\n".join(dumps(obj) for obj in _objects(report))


def stream(report: Report, ctx: FormatContext, write: Callable[[str], Any]) -> None:
    """``render``'s text, one object a line, written as it is made."""
    first = True
    for obj in _objects(report):
        write(("" if first else "\n") + dumps(obj))
        first = False
