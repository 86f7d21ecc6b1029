"""mhlint's own rules: about suppression directives and about mhlint itself,
not about the article. They are defined here rather than as YAML rules
because no check type finds them (the suppression stage and the engine do);
they are listed by ``mhlint rules``, selectable like any rule (MH900, an
internal error, always stays on), and appear in SARIF's rule list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mhlint.catalog.schema import FixSpec
from mhlint.diagnostic import Applicability


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
    bad: tuple[Any, ...] = ()
    good: tuple[Any, ...] = ()
    path: str = "(built in)"


INTERNAL = (
    InternalRule(
        "MH100", "unused-suppression", "warning",
        "A suppression directive that silences nothing.",
        "{what} silences nothing; delete it (or the selector) so it cannot hide a future finding.",
        "A directive that no longer matches any finding hides the next real problem on that line. "
        "Reported with --report-unused-suppressions; --fix deletes whole unused directives.",
        fix=FixSpec("delete-match", Applicability.SAFE, "Delete the directive."),
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
        category="internal",
    ),
)
BY_CODE = {r.code: r for r in INTERNAL}
INTERNAL_ERROR = "MH900"
ALWAYS_ON = frozenset({INTERNAL_ERROR})
