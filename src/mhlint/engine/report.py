"""The Report: everything one run found, for every output format.

Diagnostics are findings in articles; issues are what kept mhlint from
checking something (an unreadable file, a bad configuration, a path with no
article), structured as (path, line, kind, severity, message) so that JSON,
SARIF, JUnit and GitHub consumers see them too, not only a terminal.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from mhlint.diagnostic import Diagnostic, InputIssue, Severity


@dataclass(frozen=True)
class FixRecord:
    """What ``--fix`` did to one file: how many fixes per rule, or why not."""

    path: str
    counts: tuple[tuple[str, int], ...]
    error: str | None = None


@dataclass
class Report:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    issues: list[InputIssue] = field(default_factory=list)
    files: int = 0
    fixes: list[FixRecord] = field(default_factory=list)

    @property
    def errors(self) -> list[InputIssue]:
        return [i for i in self.issues if i.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[InputIssue]:
        return [i for i in self.issues if i.severity is not Severity.ERROR]

    def counts_by_rule(self) -> Counter[tuple[str, str]]:
        return Counter((d.code, d.name) for d in self.diagnostics)

    def fixed_total(self) -> int:
        return sum(n for record in self.fixes for _, n in record.counts)
