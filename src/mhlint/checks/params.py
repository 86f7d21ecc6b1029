"""Typed parameters, validated with file and line.

A check type declares its parameters as ``Param`` objects; rule headers and
configuration files use the same machinery. Unknown keys, wrong types and regexes that do not compile are
errors, never silently ignored (a typo such as ``mesage:`` must fail loading).
Regexes may use shared named pieces, ``{phone}`` or ``{date}``, defined in
``rules/patterns.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from mhlint.errors import MhlintError, RuleError
from mhlint.text.yamlnodes import LDict, LList, line_of

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
    # A user may override it per rule in the configuration (``rules: CODE: options:``).
    option: bool = False


@dataclass
class Context:
    """Where we are while validating: the file (a rule file or a configuration
    file), the shared patterns, and which error to raise."""

    path: str
    macros: dict[str, str] = field(default_factory=dict)
    error_class: type[MhlintError] = RuleError

    def error(self, container: Any, key: Any, message: str) -> MhlintError:
        return self.error_class(message, self.path, line_of(container, key) or None)

    def expand(self, pattern: str) -> str:
        def repl(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in self.macros:
                raise ValueError(f"unknown shared pattern {{{name}}}")
            return self.macros[name]

        for _ in range(6):  # shared patterns may use each other, a few levels deep
            expanded = _MACRO.sub(repl, pattern)
            if expanded == pattern:
                return pattern
            pattern = expanded
        raise ValueError("shared patterns refer to each other in a cycle (or nest more than five deep)")

    def compile(self, pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
        return re.compile(self.expand(pattern), flags)


def validate(ctx: Context, mapping: Any, params: dict[str, Param], what: str, partial: bool = False) -> dict[str, Any]:
    """Check ``mapping`` against ``params``; return values with defaults filled in
    (``partial``: only the keys given, as for per-rule option overrides).
    Regex parameters come back compiled (case-insensitive)."""
    if not isinstance(mapping, dict):
        raise ctx.error(mapping, None, f"{what} must be a mapping")
    for key in mapping:
        if key not in params:
            known = ", ".join(sorted(params)) or "none"
            raise ctx.error(mapping, key, f"unknown key '{key}' in {what} (known: {known})")
    out: dict[str, Any] = {}
    for key, param in params.items():
        if key not in mapping:
            if partial:
                continue
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


