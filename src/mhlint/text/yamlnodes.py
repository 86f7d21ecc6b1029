"""YAML with line numbers, for error messages that point at the right line.

(The parsing is in ``yamlparse``, which imports PyYAML: a run that reads no
YAML, its rule files' trees being kept between runs, does not import it.)

PyYAML's ``compose`` keeps a mark on every node; this converts a node tree into
plain dicts and lists that remember the line of each key and item, so schema
errors can say ``rules/x.yaml:12: ...`` rather than only the file.
"""

from __future__ import annotations

import math
from typing import Any


class LDict(dict):
    """A dict that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class LList(list):
    line: int = 0
    item_lines: list[int]


MAX_DEPTH = 100  # nested mappings and lists; deeper YAML is an error, not a RecursionError


def load(text: str, trusted: bool = False) -> Any:
    """Parse one YAML document into LDict/LList/scalars. Raises yaml.YAMLError,
    also for what PyYAML would crash or hang on: a structure that contains
    itself through an alias (``a: &a [*a]``), nesting deeper than
    ``MAX_DEPTH``. An alias is converted once and shared, so aliases of
    aliases (the "billion laughs") cost what the document's size costs.

    ``trusted`` (the bundled rule files, whose pure-Python parsing was half of
    the rule loading time): compose with libyaml when PyYAML has it. Its node
    tree is the same; an error is parsed again in Python so that the message
    is the usual one. Not for text from articles or users: libyaml recurses on
    the C stack, where a hostile nesting depth is a crash, not an error."""
    from mhlint.text import yamlparse  # PyYAML, imported only when YAML is read

    return yamlparse.load(text, trusted)


def line_of(container: Any, key: Any = None) -> int:
    """Best line for ``container[key]`` (or for the container itself)."""
    if isinstance(container, LDict):
        return container.key_lines.get(str(key), container.line) if key is not None else container.line
    if isinstance(container, LList):
        if isinstance(key, int) and 0 <= key < len(container.item_lines):
            return container.item_lines[key]
        return container.line
    return 0


# --- the converted tree as JSON data, for the derived-data store --------------
#
# Parsing the bundled rule files is most of building a rule set (73 files,
# composed by libyaml, then converted here), and it gives the same tree until
# a file changes. ``dump`` turns a tree into JSON data that keeps every line
# number (a mapping as ["d", line, [[key, key line, value], ...]], a list as
# ["l", line, item lines, items]); ``undump`` rebuilds the same LDict/LList
# tree. A tree holding a value JSON cannot carry exactly (a date, a set, a
# float that is not finite) is not dumped.

_SCALARS = (str, int, float, bool, type(None))


def dump(value: Any) -> Any:
    """JSON data for a tree ``load`` gave, or None if it cannot be kept."""
    try:
        return ["v", _dump(value, 0)]
    except ValueError:
        return None


def _dump(value: Any, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise ValueError("too deep")
    if isinstance(value, LDict):
        lines = value.key_lines
        return ["d", value.line, [[_scalar(k), lines.get(str(k), value.line), _dump(v, depth + 1)]
                                  for k, v in value.items()]]
    if isinstance(value, LList):
        return ["l", value.line, list(value.item_lines), [_dump(v, depth + 1) for v in value]]
    return ["s", _scalar(value)]


def _scalar(value: Any) -> Any:
    if type(value) not in _SCALARS or (type(value) is float and not math.isfinite(value)):
        raise ValueError("not a plain scalar")
    return value


def undump(data: Any) -> Any:
    """The tree ``dump`` described (ValueError if ``data`` is not such a description)."""
    if not (isinstance(data, list) and len(data) == 2 and data[0] == "v"):
        raise ValueError("not a dumped tree")
    return _undump(data[1], 0)


def _undump(node: Any, depth: int) -> Any:
    if depth > MAX_DEPTH or not isinstance(node, list) or not node:
        raise ValueError("not a dumped node")
    tag = node[0]
    if tag == "s" and len(node) == 2:
        if type(node[1]) not in _SCALARS:
            raise ValueError("not a scalar")
        return node[1]
    if tag == "d" and len(node) == 3:
        out = LDict()
        out.line = int(node[1])
        out.key_lines = {}
        for key, line, value in node[2]:
            if type(key) not in _SCALARS:
                raise ValueError("not a key")
            out[key] = _undump(value, depth + 1)
            out.key_lines[str(key)] = int(line)
        return out
    if tag == "l" and len(node) == 4:
        lst = LList(_undump(item, depth + 1) for item in node[3])
        lst.line = int(node[1])
        lst.item_lines = [int(n) for n in node[2]]
        if len(lst.item_lines) != len(lst):
            raise ValueError("item lines do not match the items")
        return lst
    raise ValueError("not a dumped node")
