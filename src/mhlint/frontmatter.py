"""YAML front matter: a leading ``---`` block, closed by ``---`` or ``...``.

Its span is reported so the Markdown parser and the prose view can blank it
(keeping its line count), and its data is kept for rules that read metadata.
Malformed YAML is not fatal: the block is still front matter, with no data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

_OPEN = re.compile(r"---[ \t]*(\r\n|\r|\n)")
_CLOSE = re.compile(r"^(---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class FrontMatter:
    start: int
    end: int  # offset just past the closing fence line (without its break)
    data: dict[str, Any] | None
    error: str | None = None


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
    try:
        data = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError as exc:
        return FrontMatter(0, closing.end(), None, str(exc).splitlines()[0])
    if not isinstance(data, dict):
        data = None
    return FrontMatter(0, closing.end(), data)
