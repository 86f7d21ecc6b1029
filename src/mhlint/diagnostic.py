"""What a rule reports: a Finding (from a check) becomes a Diagnostic (with the
rule's code, message and severity, and positions resolved against the file).

Offsets are code points into the decoded text; line and column are 1-based and
computed from the line index only here. A Diagnostic may carry a Fix: a set of
edits with an applicability (safe, unsafe, suggestion), so that ``--fix`` can be
added without changing what checks produce.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(str, Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"
    SUGGESTION = "suggestion"


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    applicability: Applicability
    title: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Finding:
    """A check's raw result: a span of the original text and message data."""

    start: int
    end: int
    data: dict[str, Any] = field(default_factory=dict)
    document: bool = False
    related_line: int | None = None  # 1-based, e.g. the first copy of a duplicate
    fix: Fix | None = None


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    end_offset: int
    code: str
    name: str
    category: str
    severity: Severity
    confidence: str
    message: str
    match: str
    document: bool = False
    related_line: int | None = None
    fix: Fix | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def to_json(self) -> dict[str, Any]:
        fix = None
        if self.fix is not None:
            fix = {
                "applicability": self.fix.applicability.value,
                "title": self.fix.title,
                "edits": [{"offset": e.start, "end_offset": e.end, "content": e.replacement} for e in self.fix.edits],
            }
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "offset": self.offset,
            "end_offset": self.end_offset,
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "severity": self.severity.value,
            "confidence": self.confidence,
            "message": self.message,
            "match": self.match,
            "document": self.document,
            "related_line": self.related_line,
            "fix": fix,
        }
