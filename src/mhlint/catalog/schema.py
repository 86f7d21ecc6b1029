"""The rule schema: what one YAML rule file holds, as typed values.

The header keys (code, name, category, severity, message, ...) are validated
with the same ``Param`` machinery as check-type parameters, so an unknown or
misspelt key fails loading with its file and line. ``fix`` says what kind of
edit the rule's findings carry and how safe it is (ruff's applicability);
``tags`` group rules for selection and docs; ``status`` marks preview and
deprecated rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mhlint.checks.params import Context, Param, validate
from mhlint.diagnostic import Applicability
from mhlint.text.yamlnodes import LDict

if TYPE_CHECKING:  # pragma: no cover
    from mhlint.checks import CheckType

CATEGORIES = {
    "BP": "boilerplate",
    "DUP": "duplicate",
    "STAT": "statistic",
    "ATTR": "attribution",
    "PHYS": "physiology",
    "STIG": "language",
    "SAFE": "safety",
    "CURE": "claims",
    "CONS": "consistency",
    "META": "metadata",
    "READ": "readability",
}
SEVERITIES = ("error", "warning", "info")
CONFIDENCES = ("high", "medium", "low")
STATUSES = ("stable", "preview", "deprecated")
CODE_RE = re.compile(r"^([A-Z]{2,4})(\d{3})$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

# What a fix does to the flagged text. ``none`` is advice only: the finding
# holds content that a person must restore (a flattened table), so the fix is
# a hint shown to the user and never applied.
FIX_KINDS = ("delete-line", "delete-match", "replace", "none")
FIX_KEYS = {
    "kind": Param("str", required=True, choices=FIX_KINDS),
    "applicability": Param("str", required=True, choices=tuple(a.value for a in Applicability)),
    "title": Param("str", required=True, doc="what the fix does, or how to fix it by hand"),
    "replace": Param("mapping", default=None, doc="kind replace: matched text (case-insensitive) -> replacement; optional when the check suggests one"),
}


@dataclass(frozen=True)
class FixSpec:
    kind: str
    applicability: Applicability
    title: str
    replace: tuple[tuple[str, str], ...] = ()

    @property
    def edits(self) -> bool:
        return self.kind != "none"


@dataclass(frozen=True)
class Example:
    text: str
    expect: tuple[dict[str, Any], ...] = ()
    formats: tuple[str, ...] = ("md", "txt")
    fixed: str | None = None  # the text after this rule's fix (bad examples of fixable rules)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: str
    confidence: str
    summary: str
    message: str
    explanation: str
    check_type: str
    check: "CheckType"
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    references: tuple[str, ...]
    path: str  # the rule file, as shown in messages
    file: str = field(default="", compare=False)  # the rule file's real path, for fingerprints
    fix: FixSpec | None = None
    tags: tuple[str, ...] = ()
    status: str = "stable"
    # Codes or prefixes whose findings on the same words this rule replaces
    # (one defect, one finding; see engine/overlap.py).
    supersedes: tuple[str, ...] = ()
    # Codes or prefixes that supersede this rule: a generic rule (the shape
    # classifier) yields to every more specific one on the same line, without
    # each of them having to name it.
    yields_to: tuple[str, ...] = ()
    options: tuple[tuple[str, Any], ...] = field(default=(), compare=False)  # overrides applied by the RuleSet

    @property
    def needs(self) -> frozenset[str]:
        return self.check.needs

    def render(self, data: dict[str, Any]) -> str:
        return self.message.format_map(data)


RULE_KEYS = {
    "code": Param("str", required=True),
    "name": Param("str", required=True),
    "category": Param("str", required=True, choices=tuple(CATEGORIES.values())),
    "severity": Param("str", default="warning", choices=SEVERITIES),
    "confidence": Param("str", default="medium", choices=CONFIDENCES),
    "summary": Param("str", required=True),
    "message": Param("str", required=True),
    "explanation": Param("str", required=True),
    "check": Param("mapping", required=True),
    "examples": Param("mapping", required=True),
    "references": Param("list", default=[]),
    "fix": Param("mapping", default=None),
    "tags": Param("list", default=[]),
    "status": Param("str", default="stable", choices=STATUSES),
    "supersedes": Param("list", default=[]),
    "yields_to": Param("list", default=[]),
}
EXAMPLE_KEYS = {
    "text": Param("str", required=True),
    "expect": Param("any", default=None),
    "format": Param("str", default=None, choices=("md", "txt")),
    "fixed": Param("str", default=None),
}
EXPECT_KEYS = {"line": Param("int", required=True), "column": Param("int"), "match": Param("str")}


def fix_spec(ctx: Context, mapping: LDict) -> FixSpec:
    spec = validate(ctx, mapping, FIX_KEYS, "fix")
    applicability = Applicability(spec["applicability"])
    replace = spec["replace"]
    if spec["kind"] == "replace":
        # Without a map, the replacement is the check's own suggestion for each
        # finding (``phrase`` rules' ``suggest``); a finding with none is advice only.
        if replace is not None and not all(isinstance(k, str) and isinstance(v, str) for k, v in replace.items()):
            raise ctx.error(mapping, "replace", "'replace:' must map matched text to its replacement")
    elif replace is not None:
        raise ctx.error(mapping, "replace", f"'replace' only goes with fix kind 'replace', not '{spec['kind']}'")
    if spec["kind"] == "none" and applicability is not Applicability.DISPLAY_ONLY:
        raise ctx.error(mapping, "applicability", "a fix of kind 'none' edits nothing, so its applicability must be 'display-only'")
    pairs = tuple((k.casefold(), v) for k, v in (replace or {}).items())
    return FixSpec(spec["kind"], applicability, spec["title"].strip(), pairs)


def examples(ctx: Context, mapping: LDict, fix: FixSpec | None) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    spec = validate(ctx, mapping, {"bad": Param("any", required=True), "good": Param("any", required=True)}, "examples")
    out: dict[str, tuple[Example, ...]] = {}
    for kind in ("bad", "good"):
        items = spec[kind]
        if not isinstance(items, list) or not items:
            raise ctx.error(mapping, kind, f"examples.{kind} must be a non-empty list")
        parsed = []
        for i, item in enumerate(items):
            if isinstance(item, str):
                parsed.append(Example(item))
                continue
            fields = validate(ctx, item, EXAMPLE_KEYS, f"examples.{kind}[{i}]")
            expect = fields["expect"] or []
            if kind == "good" and (expect or fields["fixed"] is not None):
                raise ctx.error(item, "expect" if expect else "fixed", "a good example cannot expect findings or a fix")
            if fields["fixed"] is not None and (fix is None or not fix.edits):
                raise ctx.error(item, "fixed", "'fixed' needs a rule whose fix edits the text")
            if not isinstance(expect, list):
                raise ctx.error(item, "expect", "'expect' must be a list of {line, column, match}")
            checked = tuple(validate(ctx, e, EXPECT_KEYS, "expect item") for e in expect)
            formats = (fields["format"],) if fields["format"] else ("md", "txt")
            parsed.append(Example(fields["text"], checked, formats, fields["fixed"]))
        out[kind] = tuple(parsed)
    return out["bad"], out["good"]
