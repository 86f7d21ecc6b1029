"""Suppressions: what the article's own directives and front matter silence.

Directives are found by the text layer (``text/directives.py``); here they are
matched against the rules. For each diagnostic, the last ``disable`` or
``enable`` at or above its line that names its rule decides; a
``disable-next-line`` covers the next non-blank line, ``disable-line`` its own
line, and ``disable-file`` or front matter ``mhlint: {ignore: [...]}`` the
whole file (the only way to silence a whole-document finding). Which directive
silenced what is recorded, so directives that silence nothing can be reported
(MH100, as ruff's RUF100), and a selector that names no rule is a warning
(MH101) naming the file and line. A comment inside the front matter is YAML,
not article text, so it is no directive; an empty ``ignore`` list silences
nothing, and a front-matter selector is reported at its own text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from mhlint.catalog import selection
from mhlint.catalog.schema import Rule
from mhlint.diagnostic import Applicability, Diagnostic, Edit, Fix
from mhlint.engine.edits import line_range
from mhlint.engine.internal import INTERNAL, internal_diagnostic
from mhlint.text.document import Document
from mhlint.text.model import Directive, Selector

FRONT_MATTER_KEY = "mhlint"
_SPLIT = re.compile(r"[^\s,]+")


@dataclass
class _Rule:
    """One directive (or the front-matter ignore list), resolved."""

    kind: str
    line: int  # 0-based line it takes effect from (for next-line: the covered line)
    selectors: tuple[Selector, ...]
    directive: Directive | None
    used: set[int] = field(default_factory=set)  # indexes of selectors that silenced something
    key: tuple[int, int] | None = None  # front matter: the span of the 'mhlint:' line

    def matching(self, diag: Diagnostic) -> int | None:
        """Index of the selector matching the diagnostic's rule, -1 for 'all
        rules', None for no match (selectors read code, name, category, tags)."""
        if not self.selectors:
            return -1
        for i, sel in enumerate(self.selectors):
            if selection.matches(sel.text, diag):  # type: ignore[arg-type]
                return i
        return None


def _next_nonblank(doc: Document, line: int) -> int:
    text, index = doc.text, doc.source.index
    n = line + 1
    while n < index.line_count:
        start, end = index.line_span(n, text)
        if text[start:end].strip():
            return n
        n += 1
    return n


def _front_matter_rules(doc: Document, problems: list[tuple[int, int, str]]) -> list[_Rule]:
    fm = doc.front_matter
    if fm is None or not fm.data or FRONT_MATTER_KEY not in fm.data:
        return []
    value = fm.data[FRONT_MATTER_KEY]
    line = fm.key_lines.get(FRONT_MATTER_KEY, 1)
    ignore = value.get("ignore") if isinstance(value, dict) else None
    if isinstance(ignore, str):
        ignore = [ignore]
    start, end = doc.source.index.line_span(line - 1, doc.text)
    if not isinstance(value, dict) or set(value) - {"ignore"} or not isinstance(ignore, list) \
            or not all(isinstance(v, str) for v in ignore):
        problems.append((start, end, "front matter 'mhlint' must be a mapping such as {ignore: [STAT001, boilerplate]}"))
        return []
    # "STAT001, BP" in one string is two selectors, as in a directive.
    codes = [part for v in ignore for part in _SPLIT.findall(v)]
    if not codes:  # ignore: [] silences nothing (no selectors would mean every rule)
        return []
    return [_Rule("disable-file", 0, _locate(doc, fm.end, start, end, codes), None, key=(start, end))]


def _locate(doc: Document, fm_end: int, key_start: int, key_end: int, codes: list[str]) -> tuple[Selector, ...]:
    """Selectors with the span of their own text in the front matter (so MH101
    and MH100 point at the code, not at the key), in order; a code not found
    (YAML escapes, quoting) gets the key's line."""
    text = doc.text
    found = re.compile(r"\bignore\b").search(text, key_start, fm_end)
    pos = found.end() if found else key_end
    out = []
    for code in codes:
        m = re.compile(r"(?<![\w-])" + re.escape(code) + r"(?![\w-])").search(text, pos, fm_end)
        if m:
            out.append(Selector(code, m.start(), m.end()))
            pos = m.end()
        else:
            out.append(Selector(code, key_start, key_end))
    return tuple(out)


def apply(doc: Document, diagnostics: Sequence[Diagnostic], catalog: Sequence[Rule], active: Sequence[Rule],
          report_unused: bool) -> list[Diagnostic]:
    """Diagnostics left after the suppressions, plus MH100/MH101/MH102 ones."""
    problems: list[tuple[int, int, str]] = []
    entries = _front_matter_rules(doc, problems)
    fm_end = doc.front_matter.end if doc.front_matter is not None else 0
    for d in doc.directives:
        if d.start < fm_end:
            continue  # a comment in the YAML front matter is not in the article
        line = _next_nonblank(doc, d.line) if d.kind == "disable-next-line" else d.line
        entries.append(_Rule(d.kind, line, d.selectors, d))
    extra: list[Diagnostic] = []
    known: list[object] = [*catalog, *INTERNAL]
    for entry in entries:
        for sel in entry.selectors:
            if not any(selection.matches(sel.text, r) for r in known):  # type: ignore[arg-type]
                extra.append(internal_diagnostic(doc, "MH101", sel.start, sel.end, selector=sel.text))
    for start, end, message in problems:
        extra.append(internal_diagnostic(doc, "MH102", start, end, problem=message))
    if not entries:
        return [*diagnostics, *extra]
    ranges = sorted((e for e in entries if e.kind in ("disable", "enable")), key=lambda e: (e.line, e.directive.start if e.directive else 0))
    kept: list[Diagnostic] = []
    for diag in diagnostics:
        if not _silenced(diag, entries, ranges):
            kept.append(diag)
    if report_unused:
        extra.extend(_unused(doc, entries, active))
    return [*kept, *extra]


def _silenced(diag: Diagnostic, entries: list[_Rule], ranges: list[_Rule]) -> bool:
    line = diag.line - 1
    for entry in entries:
        if entry.kind == "disable-file" or (not diag.document and (
                (entry.kind == "disable-next-line" and entry.line == line)
                or (entry.kind == "disable-line" and entry.line == line))):
            hit = entry.matching(diag)
            if hit is not None:
                entry.used.add(hit)
                return True
    if diag.document:
        return False
    decisive: tuple[_Rule, int] | None = None
    for entry in ranges:
        if entry.line > line:
            break
        hit = entry.matching(diag)
        if hit is not None:
            decisive = (entry, hit)
    if decisive is not None and decisive[0].kind == "disable":
        decisive[0].used.add(decisive[1])
        return True
    return False


def _unused(doc: Document, entries: Iterable[_Rule], active: Sequence[Rule]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for entry in entries:
        if entry.kind == "enable" or entry.used:
            if entry.kind != "enable" and entry.selectors:
                # Name the selectors of a partly used directive that silenced nothing.
                idle = [s for i, s in enumerate(entry.selectors) if i not in entry.used and _judgeable(s, active)]
                for sel in idle:
                    out.append(internal_diagnostic(doc, "MH100", sel.start, sel.end, what=f"'{sel.text}'"))
            continue
        if entry.selectors and not any(_judgeable(s, active) for s in entry.selectors):
            continue  # it names only rules this run does not apply: nothing to judge
        d = entry.directive
        if d is None:  # front matter
            start, end = entry.key or (entry.selectors[0].start, entry.selectors[0].end)
            out.append(internal_diagnostic(doc, "MH100", start, end, what="front matter 'mhlint: ignore'"))
            continue
        lo, hi = line_range(doc, d.start, d.end) if d.own_line else (d.start, d.end)
        if not d.own_line and lo > 0 and doc.text[lo - 1] in " \t":
            lo -= 1
        fix = Fix(Applicability.SAFE, "Delete the directive.", (Edit(lo, hi, ""),))
        out.append(internal_diagnostic(doc, "MH100", d.start, d.end, what="this directive", fix=fix))
    return out


def _judgeable(sel: Selector, active: Sequence[Rule]) -> bool:
    return any(selection.matches(sel.text, r) for r in active)


