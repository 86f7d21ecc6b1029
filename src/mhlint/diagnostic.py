"""What a rule reports: a Finding (from a check) becomes a Diagnostic (with the
rule's code, message and severity, and positions resolved against the file).

Offsets are code points into the decoded text; line and column are 1-based and
computed from the line index only here. A Diagnostic may carry a Fix: a set of
edits with an applicability (safe, unsafe, display-only) and a title saying what
the fix does, or, with no edits, how to fix the text by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Applicability(str, Enum):
    """How far a fix may be trusted (ruff's vocabulary). ``--fix`` applies safe
    fixes, ``--unsafe-fixes`` adds unsafe ones; display-only fixes are advice."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"

    @property
    def rank(self) -> int:
        return {"safe": 2, "unsafe": 1, "display-only": 0}[self.value]


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    applicability: Applicability
    title: str
    edits: tuple[Edit, ...]  # empty for display-only advice


@dataclass(frozen=True)
class Finding:
    """A check's raw result: a span of the original text and message data."""

    start: int
    end: int
    data: dict[str, Any] = field(default_factory=dict)
    document: bool = False
    related_line: int | None = None  # 1-based, e.g. the first copy of a duplicate
    # A check may lower the rule's fix applicability for one finding (a near,
    # not exact, duplicate is only an unsafe deletion).
    fix_applicability: Applicability | None = None


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
    # The original lines the finding covers (at most a few), for the ``full``
    # format; not part of the JSON shape.
    source_lines: tuple[str, ...] = field(default=(), compare=False, repr=False)
    tags: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    @property
    def hint(self) -> str | None:
        return self.fix.title if self.fix is not None else None

    @classmethod
    def from_json(cls, data: dict[str, Any], source_lines: tuple[str, ...] = (), tags: tuple[str, ...] = ()) -> "Diagnostic":
        """The inverse of ``to_json`` (the result cache stores diagnostics so)."""
        fix = data.get("fix")
        if fix is not None:
            fix = Fix(Applicability(fix["applicability"]), fix["title"],
                      tuple(Edit(e["offset"], e["end_offset"], e["content"]) for e in fix["edits"]))
        fields = {k: data[k] for k in ("path", "line", "column", "end_line", "end_column", "offset", "end_offset",
                                       "code", "name", "category", "confidence", "message", "match", "document",
                                       "related_line")}
        return cls(**fields, severity=Severity(data["severity"]), fix=fix, source_lines=tuple(source_lines),
                   tags=tuple(tags))

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


@dataclass(frozen=True)
class InputIssue:
    """Something that kept a file (or a setting) from being checked: unreadable,
    undecodable, binary, a bad configuration or rule file, a path holding no
    article. Errors make the run exit 2; warnings are reported and do not."""

    path: str
    message: str
    kind: str  # read, decode, binary, config, rule, usage, no-articles, internal
    line: int | None = None
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: " if self.line else (f"{self.path}: " if self.path else "")
        return where + self.message

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "kind": self.kind,
                "severity": self.severity.value, "message": self.message}
