"""Literals a match must contain: the cheap test before a regex.

Most rules' regexes match almost nowhere, and a search costs far more than a
substring test. A regex that can only match where one of a few literal
strings occurs ("book" for ``\\bbook\\s+now``) need not run on a sentence or
a line without any of them, and a rule none of whose literals occurs in a
document need not look at that document at all.

The literals come from the regex's parse tree (``re._parser``, the parser the
``re`` module itself compiles from). Nothing depends on it for correctness:
a pattern that cannot be read, or a Python whose ``re`` is laid out
differently, has no literals, and is then simply always searched.

Literals are ASCII and compared with lower-cased text. Case-insensitive
matching of an ASCII letter also accepts four non-ASCII letters (the dotted
and dotless i, the long s and the Kelvin sign); ``lowered`` maps them to
their ASCII letters first, so a text holding a match always holds one of its
pattern's literals.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from typing import Any, Iterable

try:
    from re import _parser as _P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a Python whose re is laid out differently
    _P = None  # type: ignore[assignment]

VERSION = 1  # of what ``required`` reads from a pattern; bump when it changes (a saved index keys on it)
Need = frozenset[str] | None  # a match contains one of these strings; None: nothing known
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_FOLDED = re.compile("[\u0130\u0131\u017f\u212a]")


def lowered(text: str) -> str:
    """``text`` as literals are compared with it."""
    if not text.isascii() and _FOLDED.search(text):
        text = text.translate(_FOLD)
    return text.lower()


def _best(needs: list[frozenset[str]]) -> Need:
    """The most selective requirement: the longest shortest literal, then the fewest."""
    if not needs:
        return None
    return max(needs, key=lambda n: (min(len(s) for s in n), -len(n)))


def _need_of(seq: Any) -> Need:
    """What every match of the parsed sequence ``seq`` must contain."""
    needs: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            needs.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in seq:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(av))
            continue
        flush()
        sub: Need = None
        if name == "SUBPATTERN":
            sub = _need_of(av[3])
        elif name == "ATOMIC_GROUP":
            sub = _need_of(av)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            sub = _need_of(av[2]) if av[0] >= 1 else None
        elif name == "BRANCH":
            alternatives = [_need_of(branch) for branch in av[1]]
            if alternatives and all(a is not None for a in alternatives):
                sub = frozenset().union(*alternatives)  # type: ignore[arg-type]
        elif name == "ASSERT" and av[0] == 1:  # a look-ahead: its text is in the searched text too
            sub = _need_of(av[1])
        if sub is not None:
            needs.append(sub)
    flush()
    return _best(needs)


def _read(pattern: str, flags: int) -> Need:
    if _P is None:  # pragma: no cover
        return None
    try:
        need = _need_of(_P.parse(pattern, flags))
    except Exception:  # noqa: BLE001 - a pattern we cannot read: no shortcut
        return None
    if need is None or not all(s and s.isascii() for s in need):
        return None
    return frozenset(s.lower() for s in need)


# Reading a regex's literals means parsing it, which is most of the cost of
# compiling it; with the bundled regexes compiled only when used, it would be
# the largest part of a single-file run. So what was read is remembered: in
# this process by pattern, and across runs in an index a caller may give
# (``adopt``) and save (``learned``), keyed by a digest of flags and pattern.
# A pattern missing from it is simply read. It memoises a pure function of the
# pattern; no setting decides it.
_MEMO: dict[tuple[str, int], Need] = {}
_INDEX: dict[str, Need] = {}  # digest -> need, from an earlier run
_NEW: dict[str, Need] = {}  # read in this process, not in the index


def index_key(pattern: str, flags: int) -> str:
    """The index's key of a pattern (``re.UNICODE`` is implied for text)."""
    raw = f"{flags & ~re.UNICODE}\0{pattern}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _literals(pattern: str, flags: int) -> Need:
    memo = (pattern, flags)
    try:
        return _MEMO[memo]
    except KeyError:
        pass
    key = index_key(pattern, flags)
    if key in _INDEX:
        need = _INDEX[key]
    else:
        need = _NEW[key] = _read(pattern, flags)
    _MEMO[memo] = need
    return need


def adopt(index: dict[str, Need]) -> None:
    """Use the needs of an index an earlier run saved (see ``learned``)."""
    _INDEX.update(index)


def learned() -> dict[str, Need]:
    """The needs read in this process that the adopted index did not hold."""
    return dict(_NEW)


def known() -> dict[str, Need]:
    """The adopted index and what this process read: what to save."""
    return {**_INDEX, **_NEW}


def required(pattern: re.Pattern[str]) -> Need:
    """Lower-cased ASCII strings one of which every match of ``pattern``
    contains, or None if nothing useful is known."""
    return _literals(pattern.pattern, pattern.flags)


def any_of(patterns: Iterable[re.Pattern[str]]) -> Need:
    """The literals one of which a match of any of ``patterns`` contains
    (None if one of them has none)."""
    out: set[str] = set()
    for p in patterns:
        need = required(p)
        if need is None:
            return None
        out |= need
    return frozenset(out)


def within(doc: Any, need: Need, start: int, end: int) -> bool:
    """Whether one of the literals of ``need`` occurs wholly inside
    ``[start, end)`` of the document (None: nothing known, so perhaps)."""
    if need is None:
        return True
    index = _index(doc)
    for s in need:
        found = index.offsets(s)
        i = bisect.bisect_left(found, start)
        if i < len(found) and found[i] + len(s) <= end:
            return True
    return False


def view_text(doc: Any) -> str:
    """The ``lowered`` view of ``doc``, once per document."""
    return _index(doc).low


def holders(doc: Any, need: Need, kind: str) -> set[int] | None:
    """Indexes of the document's ``kind`` units ("sentences" or "lines")
    whose text holds one of the literals of ``need``: the only units a
    pattern with that need can match in. Each literal is found once per
    document, in its lowered view (same length as the view, so offsets are
    the units' offsets), however many rules and unit kinds share it. None:
    nothing known, every unit."""
    if need is None:
        return None
    index = _index(doc)
    cache = index.units[kind]
    out: set[int] = set()
    for s in need:
        hit = cache.get(s)
        if hit is None:
            hit = cache[s] = index.holding(doc, s, kind)
        if hit:
            out |= hit
    return out


class _Index:
    """One document's literal bookkeeping, fetched once per call rather than
    through a memo per step: a rule set asks about some 800 literals a
    document, most of them absent, and the steps were a fifth of a lint."""

    # It holds no reference to its document (it lives in the document's
    # memo: a reference back would be a cycle, and every document would wait
    # for the garbage collector instead of going when its lint is done).
    __slots__ = ("low", "found", "units")

    def __init__(self, doc: Any) -> None:
        self.low = lowered(doc.view)
        self.found: dict[str, tuple[int, ...]] = {}  # literal -> where it occurs in ``low``
        self.units: dict[str, dict[str, frozenset[int]]] = {"sentences": {}, "lines": {}}

    def offsets(self, literal: str) -> tuple[int, ...]:
        found = self.found.get(literal)
        if found is None:
            low, out = self.low, []
            at = low.find(literal)
            while at >= 0:
                out.append(at)
                at = low.find(literal, at + 1)
            found = self.found[literal] = tuple(out)
        return found

    def holding(self, doc: Any, literal: str, kind: str) -> frozenset[int]:
        found = self.offsets(literal)
        if not found:
            return _NONE
        units = doc.sentences if kind == "sentences" else doc.lines
        starts, ordered = unit_starts(doc, kind)
        if not ordered:  # never met; then unit by unit
            low = self.low
            return frozenset(i for i, u in enumerate(units) if literal in low[u.start:u.end])
        out = set()
        size = len(literal)
        for at in found:
            i = bisect.bisect_right(starts, at) - 1
            if i >= 0 and at + size <= units[i].end:
                out.add(i)
        return frozenset(out)


_NONE: frozenset[int] = frozenset()


def _index(doc: Any) -> _Index:
    return doc.memo("literal_index", _Index)


def unit_starts(doc: Any, kind: str) -> tuple[list[int], bool]:
    """The start offsets of the document's sentences or lines, once per
    document, and whether they are in file order (they always have been;
    a caller that bisects them checks)."""
    def compute(d: Any) -> tuple[list[int], bool]:
        starts = [u.start for u in (d.sentences if kind == "sentences" else d.lines)]
        return starts, all(a <= b for a, b in zip(starts, starts[1:]))

    return doc.memo(f"starts_{kind}", compute)
