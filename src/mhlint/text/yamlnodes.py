"""YAML with line numbers, for error messages that point at the right line.

PyYAML's ``compose`` keeps a mark on every node; this converts a node tree into
plain dicts and lists that remember the line of each key and item, so schema
errors can say ``rules/x.yaml:12: ...`` rather than only the file.
"""

from __future__ import annotations

from typing import Any

import yaml


class LDict(dict):
    """A dict that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class LList(list):
    line: int = 0
    item_lines: list[int]


def load(text: str) -> Any:
    """Parse one YAML document into LDict/LList/scalars. Raises yaml.YAMLError."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if node is None:
        return None
    return _convert(node)


def _convert(node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        out = LDict()
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = _convert(key_node)
            if isinstance(key, (dict, list)):
                raise yaml.constructor.ConstructorError(None, None, "a key must be a plain value", key_node.start_mark)
            if key in out:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            out[key] = _convert(value_node)
            out.key_lines[str(key)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        lst = LList(_convert(item) for item in node.value)
        lst.line = node.start_mark.line + 1
        lst.item_lines = [item.start_mark.line + 1 for item in node.value]
        return lst
    return _SCALARS.construct_object(node)


# One loader instance is enough to turn scalar nodes into Python values with
# the safe YAML 1.1 resolution rules (quoted "no" stays a string, bare no is False).
_SCALARS = yaml.SafeLoader("")


def line_of(container: Any, key: Any = None) -> int:
    """Best line for ``container[key]`` (or for the container itself)."""
    if isinstance(container, LDict):
        return container.key_lines.get(str(key), container.line) if key is not None else container.line
    if isinstance(container, LList):
        if isinstance(key, int) and 0 <= key < len(container.item_lines):
            return container.item_lines[key]
        return container.line
    return 0
