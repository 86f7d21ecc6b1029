"""The PyYAML half of ``yamlnodes``: compose a document and convert its node
tree into LDict/LList/scalars (``yamlnodes.load`` documents the limits)."""

from __future__ import annotations

from typing import Any

import yaml

from mhlint.text.yamlnodes import MAX_DEPTH, LDict, LList


def load(text: str, trusted: bool = False) -> Any:
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
