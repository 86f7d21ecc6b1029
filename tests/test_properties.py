"""Property tests: for any text, Markdown or plain, linting never raises, and
what it reports is consistent.

For any Unicode text (lone surrogates, zero-width and bidi characters, every
kind of space and line break) and for generated Markdown (headings, nested
lists and quotes, tables, fences, front matter good and bad, links, HTML,
comments and suppression directives, mixed CRLF/CR/LF), in ``.md`` and
``.txt``:

- ``lint_text`` returns; it never raises;
- every diagnostic's offsets lie inside the text, ``text[offset:end_offset]``
  is its ``match``, and its line and column are those of the offsets, with
  lines ending at ``\\r\\n``, ``\\r`` or ``\\n`` only;
- linting twice gives the same diagnostics;
- the safe fixes settle, fixing the fixed text changes nothing, and each
  pass changes only lines a finding flagged (and blank lines beside them).

The number of examples is small by default (a few seconds a test). For a long
run: ``HYPOTHESIS_PROFILE=long python3 -m pytest tests/test_properties.py``
(``MHLINT_PROPERTY_EXAMPLES=N`` sets the number directly). The checks are
plain functions, shared with ``scripts/fuzz.py``.
"""

from __future__ import annotations

import bisect
import os
import re
from typing import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mhlint.catalog import ruleset as ruleset_mod
from mhlint.diagnostic import Diagnostic
from mhlint.engine.lint import lint_sources, lint_text
from mhlint.output import fixer
from mhlint.settings.model import Settings
from mhlint.text.source import BOM, SourceFile

# --- profiles ------------------------------------------------------------------

_COMMON = dict(deadline=None, database=None, print_blob=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
settings.register_profile("mhlint", max_examples=int(os.environ.get("MHLINT_PROPERTY_EXAMPLES", "60")), **_COMMON)
settings.register_profile("long", max_examples=int(os.environ.get("MHLINT_PROPERTY_EXAMPLES", "3000")), **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "mhlint")
                      if os.environ.get("HYPOTHESIS_PROFILE") in ("mhlint", "long") else "mhlint")

_BREAK = re.compile(r"\r\n|\r|\n")


# --- the checks (shared with scripts/fuzz.py) -------------------------------------

_RULESET = None


def ruleset():
    """The default rule set, every rule selected (preview too), built once."""
    global _RULESET
    if _RULESET is None:
        _RULESET = ruleset_mod.build(Settings(preview=True))
    return _RULESET


def line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _BREAK.finditer(text))]


def position(starts: Sequence[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


def check_diagnostics(text: str, diags: Sequence[Diagnostic], path: str, decoded: bool = False) -> None:
    """Offsets inside the text, match = the text at the offsets, line and
    column computed from \\r\\n, \\r and \\n only. ``text`` is what was
    linted (a leading BOM is not part of the text), or with ``decoded`` the
    text of a SourceFile."""
    body = text[1:] if text.startswith(BOM) and not decoded else text
    starts = line_starts(body)
    for d in diags:
        assert d.path == path
        assert 0 <= d.offset <= d.end_offset <= len(body), (d.code, d.offset, d.end_offset, len(body))
        assert body[d.offset:d.end_offset] == d.match, (d.code, d.offset, d.end_offset)
        if d.document:
            assert (d.line, d.column) == (1, 1)
            continue
        assert (d.line, d.column) == position(starts, d.offset), (d.code, d.offset)
        assert (d.end_line, d.end_column) == position(starts, d.end_offset), (d.code, d.end_offset)
        if d.fix is not None:
            for e in d.fix.edits:
                assert 0 <= e.start <= e.end <= len(body), (d.code, e)


def _lines(text: str) -> list[str]:
    return _BREAK.split(text)


def _touched(text: str, diags: Sequence[Diagnostic]) -> set[int]:
    """0-based lines that a wanted (safe) fix of ``diags`` may change."""
    index = SourceFile("<fix>", text).index
    out: set[int] = set()
    for d in diags:
        if not fixer.wanted(d, False):
            continue
        out.update(range(d.line - 1, d.end_line))
        for e in d.fix.edits:  # type: ignore[union-attr]
            first = index.line_of(e.start)
            last = index.line_of(max(e.start, e.end - 1))
            out.update(range(first, last + 1))
    return out


def check_pass(before: str, after: str, diags: Sequence[Diagnostic]) -> None:
    """One fix pass changed only lines flagged by a fix (and blank lines next
    to deleted ones): every other line is still there, in order, and no line
    appears that is not what is left of a flagged one."""
    touched = _touched(before, diags)
    a, b = _lines(before), _lines(after)
    kept = [line for n, line in enumerate(a) if n not in touched and line.strip()]
    rest = [line for line in b if line.strip()]
    i = 0
    for line in rest:
        if i < len(kept) and line == kept[i]:
            i += 1
    assert i == len(kept), f"an unflagged line was changed or lost: {kept[i]!r}"
    flagged = sum(1 for n in touched if n < len(a) and a[n].strip())
    assert len(rest) - len(kept) <= flagged, "more lines after the fix than flagged lines could leave"


def check_fixes(text: str, path: str, diags: list[Diagnostic], rs=None) -> str:
    """Apply the safe fixes: they settle, each pass changes only flagged
    lines, and fixing the result changes nothing. Returns the fixed text."""
    rs = rs or ruleset()
    source = SourceFile.from_text(text, path)
    passes: list[tuple[str, list[Diagnostic]]] = [(source.text, diags)]

    def relint(s: SourceFile) -> list[Diagnostic]:
        found = lint_sources([s], rs)[0]
        passes.append((s.text, found))
        return found

    result = fixer.fix_source(source, diags, relint)
    assert result.converged, "the safe fixes did not settle"
    for (before, found), (after, _) in zip(passes, passes[1:]):
        check_diagnostics(after, _, path, decoded=True)
        check_pass(before, after, found)
    again = fixer.fix_source(result.source, lint_sources([result.source], rs)[0],
                             lambda s: lint_sources([s], rs)[0])
    assert again.source.text == result.source.text, "fixing the fixed text changed it"
    assert not again.changed
    return result.source.text


def check_text(text: str, path: str, fixes: bool = True, twice: bool = True) -> list[Diagnostic]:
    """Every property for one text (``twice``: lint it again and compare):
    returns its diagnostics."""
    rs = ruleset()
    diags = lint_text(text, path, rs)
    check_diagnostics(text, diags, path)
    if twice:
        again = lint_text(text, path, rs)
        assert [d.to_json() for d in again] == [d.to_json() for d in diags], "linting twice differed"
    if fixes and any(fixer.wanted(d, False) for d in diags):
        check_fixes(text, path, diags, rs)
    return diags


# --- generators ------------------------------------------------------------------

SPECIAL = [
    "\u00a0", "\u2009", "\u202f", "\u2007", "\u3000", "\t", "\x0b", "\x0c",  # spaces
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",  # zero width
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f",  # bidi
    "\ud800", "\udbff", "\udc00", "\udfff",  # lone surrogates
    "\u2028", "\u2029", "\x85", "\x1c", "\x1d", "\x1e",  # what str.splitlines calls a break
    "\x00", "\x7f", "\ufffd", "\U0001f600", "e\u0301", "\u2018", "\u2019", "\u201c", "\u201d", "\u2013", "\u2014",
]

any_piece = st.one_of(st.characters(exclude_categories=()), st.sampled_from(SPECIAL),
                      st.sampled_from(list("\r\n \t#>-*+|`[]()!<>_~\\:") + ["\r\n", "<!--", "-->", "---\n", "Studies show 60%. "]))
any_text = st.lists(any_piece, max_size=300).map("".join)

NEWLINE = st.sampled_from(["\n", "\r\n", "\r"])
WORDS = ["Studies", "show", "that", "nearly", "60%", "of", "clients", "cry", "research", "indicates", "tears",
         "detoxify", "the", "body", "Share", "This", "Post", "Skip", "to", "content", "1 in 5", "adults",
         "according", "to", "NIMH", "(Smith", "et", "al.,", "2019)", "rewire", "your", "brain", "Read", "more",
         "Home", "|", "About", "Contact", "Book", "a", "session", "call", "555-123-4567", "January", "10,", "2025",
         "3074", "views", "Photo", "by", "Jane", "Doe", "on", "Unsplash", "[link to the article]", "click", "here"]
word = st.one_of(st.sampled_from(WORDS), st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=12),
                 st.sampled_from(SPECIAL))


@st.composite
def inline(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 14))):
        kind = draw(st.integers(0, 14))
        w = draw(word)
        if kind == 0:
            parts.append(f"[{w}]({draw(st.sampled_from(['https://example.org/a', 'x', '', 'a b', 'https://en.wikipedia.org/wiki/A_(b)']))})")
        elif kind == 1:
            parts.append(f"![{w}](img.png)")
        elif kind == 2:
            parts.append(draw(st.sampled_from(["`", "``", "```"])) + w + draw(st.sampled_from(["`", "``", ""])))
        elif kind == 3:
            mark = draw(st.sampled_from(["*", "**", "_", "__", "~~", "***"]))
            parts.append(mark + w + draw(st.sampled_from([mark, ""])))
        elif kind == 4:
            parts.append(draw(st.sampled_from(["<b>", "</b>", "<br/>", "<a href='x'>", "<!--", "-->", "<!-- note -->", "<span"])))
        elif kind == 5:
            sel = draw(st.sampled_from(["", " STAT", " ATTR001", " boilerplate", " NOPE999", " STAT001,BP002", " -->"]))
            kind_ = draw(st.sampled_from(["disable", "enable", "disable-line", "disable-next-line", "disable-file"]))
            parts.append(f"<!-- mhlint-{kind_}{sel} -->")
        elif kind == 6:
            parts.append(draw(st.sampled_from(["https://example.org/x?y=1", "www.example.com", "<https://a.b>", "[^1]", "[1]", "¹"])))
        elif kind == 7:
            parts.append(draw(st.sampled_from(["\\*", "\\[", "&amp;", "&#x20;", "  ", "\\"])))
        else:
            parts.append(w)
    return " ".join(parts)


@st.composite
def front_matter(draw) -> str:
    body = draw(st.lists(st.sampled_from([
        "title: Why we cry", "date: 2076-14-04", "date: 2024-02-30", "x: !!int x", "y: !!timestamp x",
        "z: !!float nope", "tags: [grief, tears", "a: &a [*a]", "b: {c: d", "mhlint: {ignore: [STAT001]}",
        "mhlint: {ignore: NOPE}", "mhlint: 5", "mhlint:\n  ignore:\n    - BP", "key: : :", "- just a list",
        "? [complex]\n: key", "<<: *nothing", "!!python/object:os.system x", "\tindented: tab", "dup: 1\ndup: 2",
        "summary: Studies show that 60% of people cry.", "k: !!binary Zm9v", "k: !!binary @@@",
    ]), max_size=5))
    close = draw(st.sampled_from(["---", "...", "--- ", ""]))
    return "\n".join(["---", *body, close]) if close else "\n".join(["---", *body])


@st.composite
def block(draw, depth: int = 0) -> list[str]:
    kind = draw(st.integers(0, 12))
    text = draw(inline())
    if kind == 0:
        return [draw(st.sampled_from(["#", "##", "###", "######", "#######"])) + " " + text + draw(st.sampled_from(["", " #", " ##  "]))]
    if kind == 1:
        return [text, draw(st.sampled_from(["===", "---", "-", "= ="]))]
    if kind == 2:  # a list, nested
        levels = draw(st.integers(1, 40))
        marker = draw(st.sampled_from(["-", "*", "+", "1.", "2)"]))
        step = draw(st.sampled_from([2, 3, 4]))
        return [" " * (step * min(i, 60)) + f"{marker} {draw(inline())}" for i in range(levels)]
    if kind == 3:  # quotes, nested
        levels = draw(st.integers(1, 40))
        return [">" * draw(st.integers(1, levels)) + " " + draw(inline()) for _ in range(draw(st.integers(1, 4)))]
    if kind == 4:  # a table
        cols = draw(st.integers(1, 5))
        rows = ["| " + " | ".join(draw(inline()) or "x" for _ in range(cols)) + " |"]
        rows.append("|" + "|".join(draw(st.sampled_from(["---", ":--", "--:", ":-:"])) for _ in range(cols)) + "|")
        for _ in range(draw(st.integers(0, 4))):
            rows.append("| " + " | ".join(draw(inline()) for _ in range(draw(st.integers(0, cols + 1)))) + " |")
        return rows
    if kind == 5:  # a fence, closed or not
        fence = draw(st.sampled_from(["```", "~~~", "````"]))
        lines = [fence + draw(st.sampled_from(["", "python", "md"])), draw(inline()), draw(inline())]
        if draw(st.booleans()):
            lines.append(fence)
        return lines
    if kind == 6:
        return ["    " + text]  # indented code
    if kind == 7:
        return [draw(st.sampled_from(["<div>", "<!--", "<table><tr><td>x</td></tr></table>", "<script>", "-->", "</div>"])), text]
    if kind == 8:
        return [draw(st.sampled_from(["---", "***", "___", "- - -"]))]
    if kind == 9 and depth < 2:  # a container holding blocks
        prefix = draw(st.sampled_from(["> ", "- ", "1. ", ">> ", "- > "]))
        inner = draw(st.lists(block(depth + 1), min_size=1, max_size=3))
        return [prefix + line for lines in inner for line in lines]
    if kind == 10:
        return [f"[{draw(word)}]: https://example.org/ref", "[^1]: A footnote."]
    return [text]


@st.composite
def markdown(draw) -> str:
    lines: list[str] = []
    if draw(st.booleans()):
        lines.extend(draw(front_matter()).split("\n"))
    for b in draw(st.lists(block(), max_size=10)):
        lines.extend(b)
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", " ", "\t", "\u00a0"])))
    # Mixed line endings: each break drawn on its own.
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        if i < len(lines) - 1 or draw(st.booleans()):
            out.append(draw(NEWLINE))
    text = "".join(out)
    # Sprinkle hostile characters.
    for _ in range(draw(st.integers(0, 4))):
        if text:
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(SPECIAL)) + text[at:]
    if draw(st.integers(0, 9)) == 0:
        text = BOM + text
    return text


PATHS = st.sampled_from(["article.md", "article.txt"])


# --- the properties ------------------------------------------------------------------

@given(text=any_text, path=PATHS)
def test_any_unicode_text(text, path):
    check_text(text, path)


@given(text=markdown(), path=PATHS)
def test_generated_markdown(text, path):
    check_text(text, path)


@given(text=markdown())
def test_line_index_counts_only_cr_and_lf(text):
    source = SourceFile.from_text(text)
    assert list(source.index.starts) == line_starts(source.text)
    for offset in range(0, len(source.text) + 1, max(1, len(source.text) // 17)):
        assert source.index.position(offset) == position(line_starts(source.text), offset)


@pytest.mark.parametrize("text", [
    "Skip to content\r\n\r\nGrief changes.\rShare This Post\n",
    "---\ndate: 2076-14-04\n---\nSkip to content\n\nStudies show that 60% of people cry.\n",
    "\ufeffShare This Post\u2028Studies show\ud800 tears detoxify the body.\n",
    "- " * 30 + "Share This Post\n\nSkip to content\n",
    "> " * 60 + "Share This Post\n\n" + "Studies show.\n",
    "| a | b |\r|---|---|\r| Share This Post | x |\r",
])
@pytest.mark.parametrize("path", ["article.md", "article.txt"])
def test_known_hostile_texts(text, path):
    check_text(text, path)
