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

from mhlint.checks.regex import Regex
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
    # The name of a Settings field that gives the value when neither the rule
    # file nor a per-rule option sets it (``readability_target_grade``): the
    # seam through which project-wide settings reach a check.
    setting: str | None = None


@dataclass
class Context:
    """Where we are while validating: the file (a rule file or a configuration
    file), the shared patterns, and which error to raise."""

    path: str
    macros: dict[str, str] = field(default_factory=dict)
    error_class: type[MhlintError] = RuleError
    # Reject regexes that may backtrack catastrophically (house rules and
    # configuration options; the bundled rules are reviewed and tested).
    check_backtracking: bool = True
    # Compile on first use (``checks.regex.Regex``): the bundled rules, which
    # the suite compiles and runs; nothing read from a user's file.
    lazy: bool = False

    def error(self, container: Any, key: Any, message: str) -> MhlintError:
        return self.error_class(message, self.path, line_of(container, key) or None)

    def expand(self, pattern: str) -> str:
        """``pattern`` with every ``{name}`` replaced by its shared pattern,
        recursively. A cycle (``a`` uses ``b``, ``b`` uses ``a``) is an error
        naming the chain, and so is an expansion beyond ``MAX_EXPANDED``
        characters (shared patterns that use each other twice over, level
        after level, grow exponentially)."""
        return _expand(pattern, self.macros, {}, ())

    def combined(self, pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
        """A regex a check builds from patterns already compiled (and checked)
        through ``compile``: lazy where they are."""
        return Regex(pattern, flags) if self.lazy else re.compile(pattern, flags)  # type: ignore[return-value]

    def compile(self, pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
        expanded = self.expand(pattern)
        if self.lazy and not self.check_backtracking:
            return Regex(expanded, flags)  # type: ignore[return-value]
        compiled = re.compile(expanded, flags)
        if self.check_backtracking:
            problem = backtracking_risk(expanded, flags)
            if problem:
                raise ValueError(problem)
        return compiled


MAX_EXPANDED = 200_000  # characters of one regex once its shared patterns are expanded


def _expand(pattern: str, macros: dict[str, str], done: dict[str, str], chain: tuple[str, ...]) -> str:
    def repl(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in chain:
            cycle = " -> ".join((*chain[chain.index(name):], name))
            raise ValueError(f"shared patterns refer to each other in a cycle: {cycle}")
        if name not in macros:
            raise ValueError(f"unknown shared pattern {{{name}}}")
        if name not in done:
            done[name] = _expand(macros[name], macros, done, (*chain, name))
        return done[name]

    total = [len(pattern)]

    def sized(m: re.Match[str]) -> str:
        piece = repl(m)
        total[0] += len(piece)
        if total[0] > MAX_EXPANDED:
            raise ValueError(f"the regular expression is longer than {MAX_EXPANDED:,} characters once its "
                             "shared patterns are expanded")
        return piece

    return _MACRO.sub(sized, pattern)


# --- Catastrophic backtracking -------------------------------------------
#
# Python's ``re`` backtracks, so a pattern in which a repeated group can match
# the same text in many ways (``(a+)+``, ``(\w+\s?)*``, ``(x\w+)+``, ``(\d+|x)*``)
# takes time exponential in the length of a line it fails on: ``(a+)+$``
# needs minutes on 28 a's and a period. House rules are checked statically
# when they load: a repeat (``*``, ``+``, ``{m,n}`` with n >= 2) whose body
# holds another repeat of characters that the rest of the body can also
# match, or leave out, is rejected. The test is conservative (characters are
# compared on a sample alphabet), it accepts what rules usually write
# (``(?:\s+\w+)*``, ``\w+(?:[-']\w+)*``) and points at the problem.

try:  # Python 3.11+
    from re import _constants as _C  # type: ignore[attr-defined]
    from re import _parser as _P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons name them sre_*
    _C = _P = None  # type: ignore[assignment]

_SAMPLE = "".join(chr(c) for c in range(32, 127)) + "\t\n\r\x0b\x0c\u00a0\u2009\u200b\u2028" \
    "\u00e9\u00c9\u00df\u00f1\u0436\u0416\u03b1\u0391\u4e2d\u0663\u00b2\u2019\u201c\u2014\u2026\u00a3\u20ac"
_ALL = (1 << len(_SAMPLE)) - 1


def _mask(test) -> int:
    out = 0
    for i, ch in enumerate(_SAMPLE):
        if test(ch):
            out |= 1 << i
    return out


_CATEGORY_PATTERNS = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
                      "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
                      "CATEGORY_LINEBREAK": r"\n", "CATEGORY_NOT_LINEBREAK": r"[^\n]"}
_CATEGORIES: dict[str, int] = {name: _mask(re.compile(p).fullmatch) for name, p in _CATEGORY_PATTERNS.items()}


def _fold(chars: int) -> int:
    """``chars`` with the other case of each letter (IGNORECASE)."""
    out = chars
    for i, ch in enumerate(_SAMPLE):
        if chars >> i & 1:
            for other in (ch.lower(), ch.upper()):
                j = _SAMPLE.find(other)
                if j >= 0 and len(other) == 1:
                    out |= 1 << j
    return out


def _literal(code: int, ic: bool) -> int:
    ch = chr(code)
    j = _SAMPLE.find(ch)
    mask = 1 << j if j >= 0 else 0
    if mask == 0:  # a character outside the sample: stands for itself only
        return 0
    return _fold(mask) if ic else mask


def _in(items: list, ic: bool) -> int:
    negate, mask = False, 0
    for op, av in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            mask |= _literal(av, ic)
        elif name == "RANGE":
            lo, hi = av
            mask |= _mask(lambda ch: lo <= ord(ch) <= hi or (ic and (lo <= ord(ch.lower()[0]) <= hi or lo <= ord(ch.upper()[0]) <= hi)))
        elif name == "CATEGORY":
            mask |= _CATEGORIES.get(str(av), _ALL)
        else:
            mask |= _ALL
    return (_ALL & ~mask) if negate else mask


class _Shape:
    """What the analysis needs of one regex element: the characters it can
    consume, whether it can match the empty string, and the repeats of
    characters in it that can match in several ways."""

    __slots__ = ("chars", "nullable")

    def __init__(self, chars: int, nullable: bool) -> None:
        self.chars, self.nullable = chars, nullable


def _flags_after(flags: int, add: int, remove: int) -> int:
    return (flags | add) & ~remove


def _shape(op, av, ic: bool) -> _Shape:
    name = str(op)
    if name == "LITERAL":
        return _Shape(_literal(av, ic), False)
    if name == "NOT_LITERAL":
        return _Shape(_ALL & ~_literal(av, ic), False)
    if name == "ANY":
        return _Shape(_ALL, False)
    if name == "IN":
        return _Shape(_in(av, ic), False)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        lo, _hi, body = av
        inner = _seq_shape(body, ic)
        return _Shape(inner.chars, lo == 0 or inner.nullable)
    if name == "SUBPATTERN":
        _group, add, remove, body = av
        return _seq_shape(body, _ic(ic, add, remove))
    if name == "ATOMIC_GROUP":
        return _seq_shape(av, ic)
    if name == "BRANCH":
        shapes = [_seq_shape(b, ic) for b in av[1]]
        chars = 0
        for s in shapes:
            chars |= s.chars
        return _Shape(chars, any(s.nullable for s in shapes))
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return _Shape(0, True)
    return _Shape(_ALL, True)  # back-references, conditionals: anything


def _seq_shape(seq, ic: bool) -> _Shape:
    chars, nullable = 0, True
    for op, av in seq:
        s = _shape(op, av, ic)
        chars |= s.chars
        nullable = nullable and s.nullable
    return _Shape(chars, nullable)


def _ic(ic: bool, add: int, remove: int) -> bool:
    if add & re.IGNORECASE:
        return True
    if remove & re.IGNORECASE:
        return False
    return ic


def _alternatives(seq, ic: bool, limit: int = 64) -> list[list[tuple[Any, Any, bool]]]:
    """The body of a repeat as flat sequences of (op, av, ignorecase): groups
    are opened and alternations multiplied out (up to ``limit`` sequences;
    past that an alternation stays one element)."""
    outs: list[list[tuple[Any, Any, bool]]] = [[]]
    for op, av in seq:
        name = str(op)
        if name == "SUBPATTERN":
            _group, add, remove, body = av
            parts = _alternatives(body, _ic(ic, add, remove), limit)
        elif name == "BRANCH" and len(outs) * len(av[1]) <= limit:
            parts = [alt for b in av[1] for alt in _alternatives(b, ic, limit)]
        else:
            parts = [[(op, av, ic)]]
        if len(outs) * len(parts) > limit:
            parts = [[(op, av, ic)]]
        outs = [o + p for o in outs for p in parts]
    return outs


def _ambiguous(body, ic: bool) -> bool:
    """Whether one iteration of a repeat with this body can be split into
    several iterations (``(a+)+``, ``(\\w+\\s?)*``), or can match one string in
    several ways (``(\\s*x{1,50})+`` with x matching a space): either way the
    number of ways to match grows exponentially with the iterations."""
    for alt in _alternatives(body, ic):
        shapes = [_shape(op, av, i) for op, av, i in alt]
        repeats = [k for k, (op, av, _i) in enumerate(alt)
                   if str(op) in ("MAX_REPEAT", "MIN_REPEAT") and av[1] >= 2 and shapes[k].chars]
        for k in repeats:
            inner = shapes[k].chars
            others = (s for j, s in enumerate(shapes) if j != k)
            if all(s.nullable or s.chars & inner for s in others):
                return True
        # Two repeats of overlapping characters with nothing between them
        # that must match: where one ends and the other begins is a choice.
        for a, b in zip(repeats, repeats[1:]):
            common = shapes[a].chars & shapes[b].chars
            if common and all(s.nullable for s in shapes[a + 1:b]):
                return True
    return False


def _walk(seq, ic: bool) -> str | None:
    for op, av in seq:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT"):
            lo, hi, body = av
            if hi >= 2 and _ambiguous(body, ic):
                return "a repeated group can match the same text in several ways (as in (a+)+ or (\\w+\\s?)*)"
            found = _walk(body, ic)
        elif name == "POSSESSIVE_REPEAT":
            found = _walk(av[2], ic)
        elif name == "SUBPATTERN":
            found = _walk(av[3], _ic(ic, av[1], av[2]))
        elif name == "ATOMIC_GROUP":
            found = _walk(av, ic)
        elif name == "BRANCH":
            found = next((f for f in (_walk(b, ic) for b in av[1]) if f), None)
        elif name in ("ASSERT", "ASSERT_NOT"):
            found = _walk(av[1], ic)
        elif name == "GROUPREF_EXISTS":
            found = _walk(av[1], ic) or (_walk(av[2], ic) if av[2] is not None else None)
        else:
            found = None
        if found:
            return found
    return None


def backtracking_risk(pattern: str, flags: int = re.IGNORECASE) -> str | None:
    """Why ``pattern`` may backtrack catastrophically (exponential time on a
    line it fails on), or None. ``pattern`` must compile."""
    if _P is None:  # pragma: no cover
        return None
    try:
        parsed = _P.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - compile() already accepted it
        return None
    problem = _walk(list(parsed), bool(parsed.state.flags & re.IGNORECASE))
    if problem is None:
        return None
    return (f"{problem}, so it can take exponential time on a line it does not match; make the inner "
            "repeat possessive (a++), atomic ((?>...)), or separate the repeated parts by a character "
            "they cannot match")


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
    except (re.error, ValueError, OverflowError, RecursionError) as exc:
        raise ctx.error(container, key, f"invalid regular expression in '{label}': {exc}") from None


