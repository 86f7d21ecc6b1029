"""Load and validate the rule catalogue: one YAML file per rule.

Every problem is reported as ``rules/<file>:<line>: <problem>``: YAML syntax,
unknown or missing keys, a code that does not fit its category or file name,
an unknown check type, a bad regex, a message placeholder the check type does
not provide, a missing good or bad example.
"""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path

import yaml

from mhlint import checks
from mhlint.errors import RuleError
from mhlint.resources import rules_dir
from mhlint.schema import CATEGORIES, CODE_RE, NAME_RE, RULE_KEYS, Context, Param, Rule, examples, validate
from mhlint.yamlnodes import LDict, load

PATTERNS_FILE = "patterns.yaml"


def _display(path: Path, root: Path) -> str:
    try:
        return str(Path(root.name) / path.relative_to(root))
    except ValueError:
        return str(path)


def _parse(path: Path, shown: str) -> object:
    try:
        return load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RuleError(exc.strerror or str(exc), shown) from None
    except UnicodeDecodeError:
        raise RuleError("not valid UTF-8", shown) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleError(f"invalid YAML: {problem}", shown, mark.line + 1 if mark else None) from None


def load_macros(root: Path) -> dict[str, str]:
    path = root / PATTERNS_FILE
    shown = _display(path, root)
    data = _parse(path, shown)
    ctx = Context(shown)
    if not isinstance(data, dict):
        raise RuleError("must map pattern names to regular expressions", shown)
    macros: dict[str, str] = {}
    for key, value in data.items():
        if not isinstance(value, str) or not str(key).isidentifier():
            raise ctx.error(data, key, f"'{key}' must be a name mapped to a regular expression string")
        macros[str(key)] = f"(?:{value})"
    ctx.macros = macros
    for key in macros:
        try:
            ctx.compile(macros[key])
        except Exception as exc:  # re.error or unknown name
            raise ctx.error(data, key, f"invalid regular expression '{key}': {exc}") from None
    return macros


def load_rule(path: Path, root: Path, macros: dict[str, str]) -> Rule:
    shown = _display(path, root)
    ctx = Context(shown, macros)
    data = _parse(path, shown)
    if not isinstance(data, LDict):
        raise RuleError("a rule file must be a YAML mapping", shown, 1)
    head = validate(ctx, data, RULE_KEYS, "rule")
    code, name, category = head["code"], head["name"], head["category"]
    m = CODE_RE.match(code)
    if not m or m.group(1) not in CATEGORIES:
        raise ctx.error(data, "code", f"code '{code}' must be a known prefix ({', '.join(CATEGORIES)}) and three digits")
    if CATEGORIES[m.group(1)] != category:
        raise ctx.error(data, "category", f"code prefix {m.group(1)} belongs to category '{CATEGORIES[m.group(1)]}', not '{category}'")
    if not NAME_RE.match(name):
        raise ctx.error(data, "name", f"name '{name}' must be kebab-case")
    if path.stem != f"{code}-{name}":
        raise ctx.error(data, "code", f"file name must be '{code}-{name}.yaml'")
    check_map = data["check"]
    check_type = check_map.get("type") if isinstance(check_map, dict) else None
    cls = checks.get(check_type) if isinstance(check_type, str) else None
    if cls is None:
        known = ", ".join(sorted(checks.REGISTRY))
        raise ctx.error(check_map, "type", f"unknown check type {check_type!r} (known: {known})")
    params = {"type": Param("str", required=True), **cls.params}
    config = validate(ctx, check_map, params, f"check ({check_type})")
    check = cls(ctx, config, check_map)
    for _, field_name, _, _ in string.Formatter().parse(head["message"]):
        if field_name is not None and field_name not in cls.placeholders:
            allowed = ", ".join("{" + p + "}" for p in sorted(cls.placeholders))
            raise ctx.error(data, "message", f"message uses {{{field_name}}}, which check type '{check_type}' does not provide (it provides {allowed})")
    bad, good = examples(ctx, data["examples"])
    return Rule(
        code=code, name=name, category=category, severity=head["severity"], confidence=head["confidence"],
        summary=head["summary"].strip(), message=head["message"].strip(), explanation=head["explanation"].strip(),
        check_type=check_type, check=check, bad=bad, good=good, references=list(head["references"]), path=shown,
    )


def load_dir(root: Path) -> list[Rule]:
    macros = load_macros(root)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in sorted(root.rglob("*.yaml")):
        if path.name == PATTERNS_FILE:
            continue
        rule = load_rule(path, root, macros)
        for key in (rule.code, rule.name):
            if key in seen:
                raise RuleError(f"'{key}' is already used by {seen[key]}", rule.path, 1)
            seen[key] = rule.path
        rules.append(rule)
    return sorted(rules, key=lambda r: r.code)


@lru_cache(maxsize=4)
def bundled() -> tuple[Rule, ...]:
    return tuple(load_dir(rules_dir()))
