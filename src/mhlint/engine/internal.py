"""mhlint's own diagnostics: about suppression directives, not about the
article. They are defined here rather than as YAML rules because no check
type finds them: the suppression stage does. They appear in ``mhlint rules``
and in the SARIF rule list like any rule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mhlint.diagnostic import Diagnostic, Fix, Severity
from mhlint.text.document import Document


@dataclass(frozen=True)
class InternalRule:
    code: str
    name: str
    severity: str
    summary: str
    message: str
    explanation: str
    category: str = "suppression"
    tags: tuple[str, ...] = ()
    status: str = "stable"
    confidence: str = "high"
    check_type: str = "internal"
    references: tuple[str, ...] = ()
    fix: Any = None


INTERNAL = (
    InternalRule(
        "MH100", "unused-suppression", "warning",
        "A suppression directive that silences nothing.",
        "{what} silences nothing; delete it (or the selector) so it cannot hide a future finding.",
        "A directive that no longer matches any finding hides the next real problem on that line. "
        "Reported with --report-unused-suppressions; --fix deletes whole unused directives.",
    ),
    InternalRule(
        "MH101", "unknown-suppression-selector", "warning",
        "A suppression directive names no known rule.",
        "'{selector}' is not a rule code, code prefix, name, category or tag, so it silences nothing; correct it.",
        "A misspelt code in a directive silently suppresses nothing. Use a code (STAT001), a prefix (STAT), "
        "a rule name (unsourced-percentage) or a category (statistic); `mhlint rules` lists them.",
    ),
    InternalRule(
        "MH102", "malformed-suppression", "warning",
        "A suppression in front matter that mhlint cannot read.",
        "{problem}.",
        "Front matter may carry `mhlint: {ignore: [CODE, ...]}` to silence rules for the whole file; "
        "any other shape is ignored and reported.",
    ),
    InternalRule(
        "MH900", "internal-error", "error",
        "A rule failed on this file (a bug in mhlint).",
        "rule {rule} failed on this file ({error}); the other rules still ran. Please report this.",
        "An unexpected error inside one rule is reported here instead of stopping the run: every other "
        "rule and file is still checked, and the run exits 2 so that CI notices.",
    ),
)
BY_CODE = {r.code: r for r in INTERNAL}
INTERNAL_ERROR = "MH900"


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
