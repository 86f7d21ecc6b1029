"""The compiled form of the bundled regexes, kept between runs.

Compiling a regex in CPython is two steps in Python (``re._parser`` parses
it, ``re._compiler`` turns the tree into the engine's code, a list of
integers) and one in C (``_sre.compile`` makes the pattern object from that
code, validating it). The two Python steps were most of what a single-file
run still spent on regexes (0.10-0.15 s for the 90 or so an article needs),
and every new process paid them again for the same patterns.

So the code is remembered, like the literals (:mod:`mhlint.checks.literals`):
a run adopts the table an earlier run saved in the cache (``adopt``), makes
a pattern in the table with ``_sre.compile`` alone, and hands back what it
compiled itself (``learned``, ``known``) to be saved. The table's key holds
the Python version and the engine's ``MAGIC`` and ``CODESIZE``, so code is
only ever given to the engine that made it; ``_sre.compile`` checks the code
it is given, and anything it refuses is compiled the usual way. This process
checks once that its own two steps give the pattern ``re.compile`` gives
(equal patterns have equal code); if not, or if the interpreter has no such
module layout, every pattern is compiled with ``re.compile``.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from mhlint.checks.literals import index_key

VERSION = 1  # of the stored layout
_PROBE = (r"(?P<word>[^\W\d_]+(?:['’-][^\W\d_]+)*)\s*(?i:and|or)?\b(?=[.,;:!?]|$)|\d{1,3}(?:,\d{3})+", re.MULTILINE)

State = list[Any]  # [flags, code, groups, groupindex, indexgroup], the arguments of _sre.compile
_INDEX: dict[str, State] = {}  # from an earlier run
_NEW: dict[str, State] = {}  # compiled in this process, not in the index
_usable: bool | None = None


def table_key() -> str:
    """What a saved table is valid for: this layout, Python and regex engine."""
    try:
        import _sre

        engine = f"{_sre.MAGIC}-{_sre.CODESIZE}"
    except (ImportError, AttributeError):
        engine = "none"
    implementation = sys.implementation.name
    python = "-".join(str(part) for part in sys.version_info[:3])
    return f"{VERSION}-{implementation}-{python}-{engine}-{sys.byteorder}"


def _state(pattern: str, flags: int) -> State:
    """``re.compile``'s two Python steps, stopping before the C one."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    tree = _parser.parse(pattern, flags)
    code = _compiler._code(tree, flags)
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # Plain ints (the opcodes are int subclasses): what JSON stores and gives back.
    return [int(flags | tree.state.flags), [int(c) for c in code], tree.state.groups - 1, groupindex, indexgroup]


def _make(pattern: str, state: State) -> re.Pattern[str]:
    import _sre

    flags, code, groups, groupindex, indexgroup = state
    return _sre.compile(pattern, flags, code, groups, groupindex, tuple(indexgroup))  # type: ignore[no-any-return]


def usable() -> bool:
    """Whether this interpreter's ``re`` is laid out as this module expects."""
    global _usable
    if _usable is None:
        try:
            pattern, flags = _PROBE
            _usable = _make(pattern, _state(pattern, flags)) == re.compile(pattern, flags)
        except Exception:  # noqa: BLE001 - any other layout: use re.compile
            _usable = False
    return _usable


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the table where it holds the pattern."""
    if not usable():
        return re.compile(pattern, flags)
    key = index_key(pattern, flags)
    state = _INDEX.get(key) or _NEW.get(key)
    if state is not None:
        try:
            return _make(pattern, state)
        except (RuntimeError, TypeError, ValueError, OverflowError):
            _INDEX.pop(key, None)  # refused by the engine: compile it again below
    state = _state(pattern, flags)  # re.error for an invalid pattern, as re.compile raises
    compiled = _make(pattern, state)
    _NEW[key] = state
    return compiled


def _valid(state: Any) -> bool:
    # The shape only: the code itself is checked by _sre.compile, which
    # refuses what is not valid code for its engine (see ``compile``).
    if not (isinstance(state, list) and len(state) == 5):
        return False
    flags, code, groups, groupindex, indexgroup = state
    return (type(flags) is int and type(groups) is int and isinstance(code, list) and isinstance(groupindex, dict)
            and isinstance(indexgroup, list) and len(indexgroup) == groups + 1
            and all(isinstance(k, str) and type(v) is int and 0 < v <= groups for k, v in groupindex.items())
            and all(g is None or isinstance(g, str) for g in indexgroup))


def adopt(table: Any) -> bool:
    """Use a table an earlier run saved; False (nothing adopted) if it is not
    one."""
    if not isinstance(table, dict) or not all(isinstance(k, str) and _valid(v) for k, v in table.items()):
        return False
    _INDEX.update(table)
    return True


def learned() -> dict[str, State]:
    return dict(_NEW)


def known() -> dict[str, State]:
    return {**_INDEX, **_NEW}
