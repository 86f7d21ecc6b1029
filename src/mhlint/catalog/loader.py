"""Load and validate the rule catalogue: one YAML file per rule.

Every problem is reported as ``rules/<file>:<line>: <problem>``: YAML syntax,
unknown or missing keys, a code that does not fit its category or file name,
an unknown check type, a bad regex, a message placeholder the check type does
not provide, a missing good or bad example, a fix the check cannot make.
House-rule folders (``rule-dirs``) go through exactly the same loading, with
the bundled shared patterns available to them; loading is a pure function of
the folders, cached by the rule set that asks for it.
"""

from __future__ import annotations

import hashlib
import os
import stat
import string
from pathlib import Path


from mhlint import checks
from mhlint.catalog.schema import CATEGORIES, CODE_RE, NAME_RE, RULE_KEYS, Rule, examples, fix_spec
from mhlint.checks.params import _MACRO as _MACRO_REF
from mhlint.checks.params import Context, Param, validate
from mhlint.errors import RuleError
from mhlint.text.yamlnodes import LDict, load

PATTERNS_FILE = "patterns.yaml"
MAX_RULE_BYTES = 1 << 20  # a rule file is a few kilobytes; a larger one is a mistake


def _display(path: Path, root: Path, house: bool = False) -> str:
    """``rules/<file>`` for the bundled folder; a house folder as the user can
    find it: relative to the working folder when below it, else absolute."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        return str(path)
    label = root.name
    if house:
        try:
            label = str(root.resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            label = str(root.resolve())
    return str(Path(label) / rel)


def _read(path: Path, shown: str) -> str:
    """The text of a rule file. Only regular files are opened, and without
    blocking, so a FIFO named like a rule file cannot hang the run."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise RuleError(exc.strerror or str(exc), shown) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise RuleError("not a regular file (a folder, FIFO, socket or device)", shown)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_RULE_BYTES + 1)
    except OSError as exc:
        raise RuleError(exc.strerror or str(exc), shown) from None
    finally:
        os.close(fd)
    if len(data) > MAX_RULE_BYTES:
        raise RuleError(f"larger than {MAX_RULE_BYTES // (1 << 20)} MiB; a rule file is a few kilobytes", shown)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", shown) from None


def _parse(path: Path, shown: str, house: bool = True) -> object:
    """The YAML of a rule file. The bundled ones (ours, shipped with mhlint)
    are composed with libyaml, several times faster than PyYAML's Python
    parser; house rules, written by users, always go through the Python
    parser, whose errors and limits ``load`` documents (see ``yamlnodes``)."""
    text = _read(path, shown)
    if house:
        return _load(text, shown, house)
    # A bundled file's tree is kept between runs, keyed by its text (see
    # ``yamlnodes.dump``): parsing the 73 of them was most of building a rule set.
    from mhlint import derived
    from mhlint.text.yamlnodes import dump, undump

    key = hashlib.blake2b(f"{_tree_stamp()}\0{text}".encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    kept = derived.get("rule-yaml", key, lambda: (_load(text, shown, house),), lambda tree: dump(tree[0]),
                       lambda data: (undump(data),))
    return kept[0]


_TREE_VERSION = 1  # of yamlnodes.dump's layout


def _tree_stamp() -> str:
    """What a kept tree depends on besides the text: the layout, mhlint (the
    converter) and the installed PyYAML (its module file, found without
    importing it: a reinstall or an upgrade changes it)."""
    import importlib.util

    from mhlint import derived

    try:
        spec = importlib.util.find_spec("yaml")
    except (ImportError, ValueError):
        spec = None
    origin = getattr(spec, "origin", None)
    return str(derived.file_key(origin, version=_TREE_VERSION) if origin else None)


def _load(text: str, shown: str, house: bool) -> object:
    import yaml

    try:
        return load(text, trusted=not house)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleError(f"invalid YAML: {problem}", shown, mark.line + 1 if mark else None) from None


def load_macros(root: Path, inherited: dict[str, str] | None = None, required: bool = True,
                lazy: bool = False) -> dict[str, str]:
    """Shared patterns of a folder (``patterns.yaml``), on top of ``inherited``
    ones; a house folder may add patterns but not redefine bundled ones."""
    path = root / PATTERNS_FILE
    base = dict(inherited or {})
    if not os.path.lexists(path) and not required:
        return base
    house = inherited is not None
    shown = _display(path, root, house)
    data = _parse(path, shown, house)
    ctx = Context(shown, check_backtracking=False, lazy=lazy and not house)
    if not isinstance(data, dict):
        raise RuleError("must map pattern names to regular expressions", shown)
    macros: dict[str, str] = dict(base)
    for key, value in data.items():
        if not isinstance(value, str) or not str(key).isidentifier():
            raise ctx.error(data, key, f"'{key}' must be a name mapped to a regular expression string")
        if key in base:
            raise ctx.error(data, key, f"shared pattern '{key}' is already defined by the bundled rules")
        macros[str(key)] = f"(?:{value})"
    ctx.macros = macros
    for key in macros:
        # A house folder's own patterns are checked for catastrophic
        # backtracking; the bundled ones (inherited) were checked where they live.
        ctx.check_backtracking = house and key not in base
        # Compiled by reference, so a cycle is named from this pattern on.
        ref = "{" + key + "}"
        try:
            ctx.compile(ref if _MACRO_REF.fullmatch(ref) else macros[key])
        except Exception as exc:  # re.error, an unknown name, a cycle, RecursionError
            raise ctx.error(data, key, f"invalid regular expression '{key}': {exc}") from None
    return macros


def load_rule(path: Path, root: Path, macros: dict[str, str], house: bool = False, lazy: bool = False) -> Rule:
    """One rule file. ``lazy``: its regexes compile when first used (the
    bundled rules in a run; see ``checks.regex``), else as they are read."""
    shown = _display(path, root, house)
    ctx = Context(shown, macros, check_backtracking=house, lazy=lazy and not house)
    data = _parse(path, shown, house)
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
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(head["message"])]
    except ValueError as exc:
        raise ctx.error(data, "message", f"message is not a valid template ({exc}); write a literal brace as {{{{ or }}}}") from None
    for field_name in fields:
        if field_name is not None and field_name not in cls.placeholders:
            allowed = ", ".join("{" + p + "}" for p in sorted(cls.placeholders))
            raise ctx.error(data, "message", f"message uses {{{field_name}}}, which check type '{check_type}' does not provide (it provides {allowed})")
    fix = fix_spec(ctx, data["fix"]) if head["fix"] is not None else None
    if fix is not None and fix.edits and not cls.fixable:
        raise ctx.error(data, "fix", f"check type '{check_type}' reports whole documents, so its findings cannot carry edits (use kind: none)")
    bad, good = examples(ctx, data["examples"], fix)
    return Rule(
        code=code, name=name, category=category, severity=head["severity"], confidence=head["confidence"],
        summary=head["summary"].strip(), message=head["message"].strip(), explanation=head["explanation"].strip(),
        check_type=check_type, check=check, bad=bad, good=good, references=tuple(head["references"]), path=shown,
        file=str(path.resolve()), fix=fix, tags=tuple(head["tags"]), status=head["status"],
        supersedes=tuple(str(x).upper() for x in head["supersedes"]),
        yields_to=tuple(str(x).upper() for x in head["yields_to"]),
    )


def load_dir(root: Path, inherited: dict[str, str] | None = None,
             lazy: bool = False) -> tuple[dict[str, str], list[Rule]]:
    """(shared patterns, rules) of one folder. The bundled folder must have a
    ``patterns.yaml``; a house folder may, and inherits the bundled patterns.
    ``lazy`` applies to the bundled folder only: a house folder's regexes are
    always compiled, and checked, as they are read."""
    if not root.is_dir():
        raise RuleError("rule folder not found", str(root))
    macros = load_macros(root, inherited, required=inherited is None, lazy=lazy)
    paths = [path for path in sorted(root.rglob("*.yaml")) if path.name != PATTERNS_FILE and not path.is_dir()]
    rules = [load_rule(path, root, macros, inherited is not None, lazy) for path in paths]
    _unique(rules)
    return macros, sorted(rules, key=lambda r: r.code)


def _unique(rules: list[Rule]) -> None:
    """A code or name used twice is an error naming both files (in load order)."""
    seen: dict[str, str] = {}
    for rule in rules:
        for key in (rule.code, rule.name):
            if key in seen:
                raise RuleError(f"'{key}' is already used by {seen[key]}", rule.path, 1)
            seen[key] = rule.path


def load_catalog(bundled: Path, house: tuple[Path, ...] = (),
                 lazy: bool = False) -> tuple[dict[str, str], tuple[Rule, ...]]:
    """Bundled rules plus house-rule folders. A code or name used twice, in one
    folder or across folders, is an error naming both files. ``lazy``: the
    bundled folder's regexes compile when first used, which a run asks for
    (the suite loads that folder strictly, and runs every rule's examples)."""
    macros, rules = load_dir(bundled, lazy=lazy)
    for folder in house:
        rules.extend(load_dir(folder, macros)[1])
    _unique(rules)
    return macros, tuple(sorted(rules, key=lambda r: r.code))
