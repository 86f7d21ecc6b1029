"""A bundled rule's regex, compiled when it is first searched.

The bundled rules hold some 640 regexes, and compiling them was most of the
time of building a rule set (0.47 of 0.74 s), paid again by every process:
a single-file run from an editor, each worker of a parallel run. Most of
them never run on a given article, because their literals
(:mod:`mhlint.checks.literals`) are not in it. ``Regex`` keeps the pattern
and compiles it on first use; after that its methods are the compiled
pattern's own (bound C methods in its slots), so a search costs what it
costs on an ``re.Pattern``. The compiling itself is ``re.compile``'s, from the
code an earlier run kept (:mod:`mhlint.checks.regex_code`) where it can be.

Only the bundled rules are loaded this way: the suite compiles every one of
them and runs their examples. A house rule or an option from a
configuration file is compiled, and checked for backtracking, as it is
loaded, so that a mistake is reported with its file and line before any
article is read.
"""

from __future__ import annotations

import re
from typing import Any

from mhlint.checks import regex_code

# What a Regex hands on to the compiled pattern.
_DELEGATED = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "groups", "groupindex")


class Regex:
    """An ``re.Pattern`` that compiles itself on first use."""

    __slots__ = ("pattern", "flags", "_compiled", *_DELEGATED)

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (``re.error`` if it is not a valid regex)."""
        found = self._compiled
        if found is None:
            found = self._compiled = regex_code.compile(self.pattern, self.flags)
            for name in _DELEGATED:
                setattr(self, name, getattr(found, name))
        return found

    def __getattr__(self, name: str) -> Any:
        # Reached only while a delegated slot is still empty.
        if name in _DELEGATED:
            return getattr(self.compiled(), name)
        raise AttributeError(name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Regex):
            return (self.pattern, self.flags) == (other.pattern, other.flags)
        if isinstance(other, re.Pattern):
            return (self.pattern, self.flags) == (other.pattern, other.flags & ~re.UNICODE)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __reduce__(self) -> tuple[Any, ...]:
        return (Regex, (self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"Regex({self.pattern!r}, {self.flags!r})"

