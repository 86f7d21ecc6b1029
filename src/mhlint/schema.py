"""The rule schema: typed parameters, validated with file and line.

A check type declares its parameters as ``Param`` objects; rule headers use the
same machinery. Unknown keys, wrong types and regexes that do not compile are
errors, never silently ignored (a typo such as ``mesage:`` must fail loading).
Regexes may use shared named pieces, ``{phone}`` or ``{date}``, defined in
``rules/patterns.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mhlint.errors import RuleError
from mhlint.yamlnodes import LDict, LList, line_of

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
CODE_RE = re.compile(r"^([A-Z]{2,4})(\d{3})$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_MACRO = re.compile(r"\{([a-z][a-z_]*)\}")


@dataclass(frozen=True)
class Param:
    """One parameter: ``kind`` is str, int, float, bool, regex, list (of str),
    regex-list, mapping or any; ``choices`` restricts a str."""

    kind: str
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    doc: str = ""


class ParamError(Exception):
    def __init__(self, key: str, message: str, index: int | None = None) -> None:
        super().__init__(message)
        self.key, self.message, self.index = key, message, index


@dataclass
class Context:
    """Where we are while validating: the rule file and the shared patterns."""

    path: str
    macros: dict[str, str] = field(default_factory=dict)

    def error(self, container: Any, key: Any, message: str) -> RuleError:
        return RuleError(message, self.path, line_of(container, key) or None)

    def expand(self, pattern: str) -> str:
        def repl(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in self.macros:
                raise ValueError(f"unknown shared pattern {{{name}}}")
            return self.macros[name]

        for _ in range(5):  # shared patterns may use each other, a few levels deep
            expanded = _MACRO.sub(repl, pattern)
            if expanded == pattern:
                break
            pattern = expanded
        return pattern

    def compile(self, pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
        return re.compile(self.expand(pattern), flags)


def validate(ctx: Context, mapping: Any, params: dict[str, Param], what: str) -> dict[str, Any]:
    """Check ``mapping`` against ``params``; return values with defaults filled in.
    Regex parameters come back compiled (case-insensitive)."""
    if not isinstance(mapping, dict):
        raise ctx.error(mapping, None, f"{what} must be a mapping")
    for key in mapping:
        if key not in params:
            known = ", ".join(sorted(params))
            raise ctx.error(mapping, key, f"unknown key '{key}' in {what} (known: {known})")
    out: dict[str, Any] = {}
    for key, param in params.items():
        if key not in mapping:
            if param.required:
                raise ctx.error(mapping, None, f"{what} is missing required key '{key}'")
            out[key] = param.default
            continue
        out[key] = _value(ctx, mapping, key, param)
    return out


def _value(ctx: Context, mapping: Any, key: str, param: Param) -> Any:
    value = mapping[key]
    kind = param.kind
    simple = {"str": str, "int": int, "float": (int, float), "bool": bool, "mapping": dict}
    if kind in simple:
        ok = isinstance(value, simple[kind]) and not (kind in ("int", "float") and isinstance(value, bool))
        if not ok:
            raise ctx.error(mapping, key, f"'{key}' must be a {kind}, not {type(value).__name__}")
        if param.choices and value not in param.choices:
            raise ctx.error(mapping, key, f"'{key}' must be one of {', '.join(param.choices)}, not {value!r}")
        return value
    if kind == "regex":
        return _regex(ctx, mapping, key, value)
    if kind in ("list", "regex-list"):
        if isinstance(value, str):
            value = LList([value])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ctx.error(mapping, key, f"'{key}' must be a list of strings")
        if kind == "list":
            return list(value)
        return [_regex(ctx, value, i, v, key) for i, v in enumerate(value)]
    return value  # "any": the check type validates it


def _regex(ctx: Context, container: Any, key: Any, value: Any, name: str | None = None) -> re.Pattern[str]:
    label = name or key
    if not isinstance(value, str):
        raise ctx.error(container, key, f"'{label}' must be a regular expression string")
    try:
        return ctx.compile(value)
    except (re.error, ValueError) as exc:
        raise ctx.error(container, key, f"invalid regular expression in '{label}': {exc}") from None


@dataclass(frozen=True)
class Example:
    text: str
    expect: tuple[dict[str, Any], ...] = ()
    formats: tuple[str, ...] = ("md", "txt")


@dataclass
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
    bad: list[Example]
    good: list[Example]
    references: list[str]
    path: str

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
}
EXAMPLE_KEYS = {
    "text": Param("str", required=True),
    "expect": Param("any", default=None),
    "format": Param("str", default=None, choices=("md", "txt")),
}
EXPECT_KEYS = {"line": Param("int", required=True), "column": Param("int"), "match": Param("str")}


def examples(ctx: Context, mapping: LDict) -> tuple[list[Example], list[Example]]:
    spec = validate(ctx, mapping, {"bad": Param("any", required=True), "good": Param("any", required=True)}, "examples")
    out: dict[str, list[Example]] = {}
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
            if kind == "good" and expect:
                raise ctx.error(item, "expect", "a good example cannot expect findings")
            if not isinstance(expect, list):
                raise ctx.error(item, "expect", "'expect' must be a list of {line, column, match}")
            checked = tuple(validate(ctx, e, EXPECT_KEYS, "expect item") for e in expect)
            formats = (fields["format"],) if fields["format"] else ("md", "txt")
            parsed.append(Example(fields["text"], checked, formats))
        out[kind] = parsed
    return out["bad"], out["good"]
