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
    loader = getattr(yaml, "CSafeLoader", None) if trusted else None
    if loader is not None:
        try:
            node = yaml.compose(text, Loader=loader)
        except yaml.YAMLError:
            node = _compose(text)
    else:
        node = _compose(text)
    if node is None:
        return None
    return _Converter().convert(node, 0)


def _compose(text: str) -> Any:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:
        raise yaml.YAMLError(f"nested more than {MAX_DEPTH} levels deep") from None


class _Converter:
    def __init__(self) -> None:
        self.done: dict[int, Any] = {}
        self.active: set[int] = set()
        # A fresh constructor per document: PyYAML's keeps every node it has
        # constructed (and generators it could not finish), which would grow
        # without end over a run and carry state from one file to the next.
        self.scalars = yaml.SafeLoader("")

    def convert(self, node: yaml.Node, depth: int) -> Any:
        key = id(node)
        if key in self.done:
            return self.done[key]
        if key in self.active:
            raise yaml.constructor.ConstructorError(None, None, "an alias refers to the structure that contains it",
                                                    node.start_mark)
        if depth > MAX_DEPTH:
            raise yaml.constructor.ConstructorError(None, None, f"nested more than {MAX_DEPTH} levels deep",
                                                    node.start_mark)
        self.active.add(key)
        try:
            out = self._convert(node, depth)
        finally:
            self.active.discard(key)
        self.done[key] = out
        return out

    def _convert(self, node: yaml.Node, depth: int) -> Any:
        if isinstance(node, yaml.MappingNode):
            out = LDict()
            out.line = node.start_mark.line + 1
            out.key_lines = {}
            merged: list[tuple[Any, Any, int]] = []
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    merged.extend(self._merge(value_node, depth, key_node.start_mark.line + 1))
                    continue
                key = self.convert(key_node, depth + 1)
                if isinstance(key, (dict, list, set)) or not _hashable(key):
                    raise yaml.constructor.ConstructorError(None, None, "a key must be a plain value", key_node.start_mark)
                if key in out:
                    raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
                out[key] = self.convert(value_node, depth + 1)
                out.key_lines[str(key)] = key_node.start_mark.line + 1
            for key, value, line in merged:  # ``<<: *defaults``: explicit keys win
                if key not in out:
                    out[key] = value
                    out.key_lines[str(key)] = line
            return out
        if isinstance(node, yaml.SequenceNode):
            lst = LList(self.convert(item, depth + 1) for item in node.value)
            lst.line = node.start_mark.line + 1
            lst.item_lines = [item.start_mark.line + 1 for item in node.value]
            return lst
        try:
            return self.scalars.construct_object(node, deep=True)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, AttributeError, OverflowError, IndexError, KeyError) as exc:
            # A value YAML resolves eagerly and cannot build: ``date: 2076-14-04``,
            # ``!!int x``, ``!!timestamp x``. An error at its line, never a crash.
            tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
            shown = str(node.value)
            shown = shown if len(shown) <= 40 else shown[:39] + "…"
            why = f" ({exc})" if isinstance(exc, (ValueError, OverflowError)) and str(exc) else ""
            raise yaml.constructor.ConstructorError(None, None, f"impossible value {shown!r} for {tag}{why}",
                                                    node.start_mark) from None

    def _merge(self, node: yaml.Node, depth: int, line: int) -> list[tuple[Any, Any, int]]:
        value = self.convert(node, depth + 1)
        sources = value if isinstance(value, list) else [value]
        if not all(isinstance(s, dict) for s in sources):
            raise yaml.constructor.ConstructorError(None, None, "a merge key (<<) must name a mapping or a list "
                                                    "of mappings", node.start_mark)
        out: list[tuple[Any, Any, int]] = []
        for source in sources:
            for key, item in source.items():
                out.append((key, item, line))
        return out


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def line_of(container: Any, key: Any = None) -> int:
    """Best line for ``container[key]`` (or for the container itself)."""
    if isinstance(container, LDict):
        return container.key_lines.get(str(key), container.line) if key is not None else container.line
    if isinstance(container, LList):
        if isinstance(key, int) and 0 <= key < len(container.item_lines):
            return container.item_lines[key]
        return container.line
    return 0
