"""YAML front matter: a leading ``---`` block, closed by ``---`` or ``...``.

Its span is reported so the Markdown parser and the prose view can blank it
(keeping its line count), and its data is kept for rules that read metadata.
Malformed YAML or an impossible value is not fatal: the block is still front
matter, with no data and the error kept. Keys remember their line, so a
finding about a key (an unknown code in ``mhlint: {ignore: ...}``) can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


from mhlint.text.yamlnodes import LDict, load

_OPEN = re.compile(r"---[ \t]*(\r\n|\r|\n)")
_CLOSE = re.compile(r"^(---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class FrontMatter:
    start: int
    end: int  # offset just past the closing fence line (without its break)
    data: dict[str, Any] | None
    error: str | None = None
    key_lines: dict[str, int] = field(default_factory=dict)  # top-level key -> 1-based line in the file
    error_line: int | None = None  # 1-based line of a YAML error, in the file


def parse(text: str) -> FrontMatter | None:
    opening = _OPEN.match(text)
    if not opening:
        return None
    body_start = opening.end()
    closing = _CLOSE.search(text.replace("\r\n", " \n").replace("\r", "\n"), body_start)
    # The replacement keeps offsets (\r\n -> " \n" has the same length; the
    # space is allowed trailing white space) and lets ``^``/``$`` see CR line ends.
    if not closing:
        return None
    raw = text[body_start:closing.start()]
    import yaml  # only for an article that has front matter

    try:
        data = load(raw) if raw.strip() else LDict()
    except yaml.YAMLError as exc:
        # The line of what the message's first line names: the context
        # ("while parsing a flow sequence", where it began) when there is one.
        context = getattr(exc, "context_mark", None) if getattr(exc, "context", None) else None
        mark = context or getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1 for 1-based, +1 for the opening fence
        return FrontMatter(0, closing.end(), None, str(exc).splitlines()[0], error_line=line)
    except (ValueError, TypeError, AttributeError, OverflowError, RecursionError) as exc:
        # yamlnodes turns impossible values (a 14th month, !!int x) and
        # self-containing aliases into YAML errors with a line; this is the
        # last guard: front matter never stops the file from being linted.
        return FrontMatter(0, closing.end(), None, f"invalid value: {exc}")
    if not isinstance(data, dict):
        return FrontMatter(0, closing.end(), None, "front matter is not a mapping of keys to values")
    lines = {k: v + 1 for k, v in getattr(data, "key_lines", {}).items()}
    return FrontMatter(0, closing.end(), data, key_lines=lines)
