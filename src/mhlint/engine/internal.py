"""Diagnostics of mhlint's own rules (``catalog/internal.py``), made by the
suppression stage and the engine."""

from __future__ import annotations

from mhlint.catalog.internal import BY_CODE, INTERNAL, INTERNAL_ERROR
from mhlint.diagnostic import Diagnostic, Fix, Severity
from mhlint.text.document import Document


def internal_diagnostic(doc: Document, code: str, start: int, end: int, fix: Fix | None = None, **data: str) -> Diagnostic:
    rule = BY_CODE[code]
    line, column = doc.source.index.position(start)
    end_line, end_column = doc.source.index.position(end)
    return Diagnostic(
        path=doc.path, line=line, column=column, end_line=end_line, end_column=end_column, offset=start,
        end_offset=end, code=rule.code, name=rule.name, category=rule.category, severity=Severity(rule.severity),
        confidence=rule.confidence, message=rule.message.format_map(data), match=doc.text[start:end], fix=fix,
        source_lines=tuple(doc.text[a:b] for a, b in (doc.source.index.line_span(n, doc.text) for n in range(line - 1, end_line))),
    )


__all__ = ["INTERNAL", "INTERNAL_ERROR", "internal_diagnostic"]
