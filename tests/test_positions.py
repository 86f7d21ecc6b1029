"""Exact positions: the line index, BOM handling, and end-to-end line/column/offset
of real findings through odd spaces, quotes, astral characters, every kind of
line ending, front matter and Markdown containers."""

from __future__ import annotations

import pytest

from mhlint.engine.lint import lint_text
from mhlint.errors import InputError
from mhlint.text.source import LineIndex, SourceFile

from conftest import SEEDS

THIN, NBSP = "\u2009", "\u00a0"


# --- LineIndex ---------------------------------------------------------------

def test_line_starts_for_lf_crlf_and_lone_cr():
    index = LineIndex.build("a\nb\r\nc\rd")
    assert index.starts == (0, 2, 5, 7)  # CRLF counts as one break
    assert index.line_count == 4
    assert index.length == 8


def test_final_line_without_newline():
    text = "ab\ncd"
    index = LineIndex.build(text)
    assert index.starts == (0, 3)
    assert index.line_span(1, text) == (3, 5)
    assert index.position(4) == (2, 2)


def test_trailing_newline_opens_an_empty_last_line():
    text = "ab\n"
    index = LineIndex.build(text)
    assert index.starts == (0, 3)
    assert index.line_span(1, text) == (3, 3)


def test_only_cr_lf_and_crlf_break_lines():
    # U+2028, NEL, form feed and vertical tab are breaks for str.splitlines, not here
    text = "a\u2028b\x85c\x0cd\x0be"
    assert LineIndex.build(text).starts == (0,)
    assert len(text.splitlines()) == 5


@pytest.mark.parametrize("text", ["ab\ncd", "ab\r\ncd", "ab\rcd"])
def test_line_span_excludes_the_break(text):
    index = LineIndex.build(text)
    assert index.line_span(0, text) == (0, 2)
    start, end = index.line_span(1, text)
    assert text[start:end] == "cd"


def test_positions_around_a_crlf():
    index = LineIndex.build("ab\r\ncd\n\nxy")
    assert index.position(0) == (1, 1)
    assert index.position(2) == (1, 3)  # the CR belongs to line 1
    assert index.position(3) == (1, 4)  # and so does the LF
    assert index.position(4) == (2, 1)
    assert index.position(7) == (3, 1)  # the empty line
    assert index.position(9) == (4, 2)
    assert index.line_of(-5) == 0
    assert index.line_of(1000) == 3


def test_columns_count_code_points_not_utf16_units():
    text = "🙂𝄞x\ny"
    index = LineIndex.build(text)
    assert index.position(2) == (1, 3)
    assert index.position(4) == (2, 1)


# --- SourceFile --------------------------------------------------------------

def test_bom_is_stripped_and_flagged():
    src = SourceFile.from_text("\ufeffHello\nworld", "a.md")
    assert src.has_bom is True
    assert src.text == "Hello\nworld"
    assert src.index.position(0) == (1, 1)  # "H" is column 1, not 2
    assert src.index.position(6) == (2, 1)
    assert SourceFile.from_text("Hello").has_bom is False


def test_from_bytes_bom_and_errors():
    src = SourceFile.from_bytes("\ufeffé\r\nb".encode("utf-8"), "a.txt")
    assert (src.has_bom, src.text, src.index.starts) == (True, "é\r\nb", (0, 3))
    with pytest.raises(InputError) as bad:
        SourceFile.from_bytes(b"abc\xff", "bad.txt")
    assert str(bad.value) == "bad.txt: not valid UTF-8 (byte 0xff at offset 3)"
    with pytest.raises(InputError) as nul:
        SourceFile.from_bytes(b"a\x00b", "bin.txt")
    assert str(nul.value) == "bin.txt: looks like a binary file (it contains NUL bytes)"


# --- end to end --------------------------------------------------------------

def one(text: str, path: str, code: str):
    found = [d for d in lint_text(text, path) if d.code == code]
    assert len(found) == 1, [(d.code, d.line, d.column) for d in lint_text(text, path)]
    return found[0]


def where(d):
    return (d.line, d.column, d.end_line, d.end_column, d.offset, d.end_offset)


BOTH = pytest.mark.parametrize("path", ["case.md", "case.txt"])


@BOTH
def test_thin_and_no_break_spaces(path):
    text = f"Intro{THIN}line{NBSP}here. Studies{THIN}show{NBSP}that crying helps.\n"
    d = one(text, path, "ATTR001")
    assert where(d) == (1, 18, 1, 30, 17, 29)
    assert text[d.offset:d.end_offset] == f"Studies{THIN}show"
    assert d.match == f"Studies{THIN}show"


@BOTH
@pytest.mark.parametrize(
    "text, code, expected, words",
    [
        pytest.param("She said \u201cit\u2019s fine\u201d and left. Studies show that crying helps.\n", "ATTR001",
                     (1, 32, 1, 44, 31, 43), "Studies show", id="curly-quotes-before"),
        # "I felt " 7, emoji 1, " and " 5, clef 1, " today, and " 12 -> offset 26
        pytest.param("I felt \U0001f642 and \U0001d11e today, and studies show that crying helps.\n", "ATTR001",
                     (1, 27, 1, 39, 26, 38), "studies show", id="astral-before"),
        pytest.param("First line.\r\n\r\nNearly 60% of clients cry.\r\n", "STAT001",
                     (3, 1, 3, 11, 15, 25), "Nearly 60%", id="crlf-counts-once"),
        pytest.param("First line of text.\rStudies show that crying helps.\r", "ATTR001",
                     (2, 1, 2, 13, 20, 32), "Studies show", id="lone-cr"),
        pytest.param("Thanks for reading this article.\r\rSkip to content\r", "BP001",
                     (3, 1, 3, 16, 34, 49), "Skip to content", id="skip-link-after-lone-crs"),
    ],
)
def test_exact_positions(path, text, code, expected, words):
    d = one(text, path, code)
    assert where(d) == expected
    assert text[d.offset:d.end_offset] == words


@BOTH
def test_bom_offsets_are_after_the_bom(path):
    text = "\ufeffIntro.\n\nStudies show that crying helps.\n"
    d = one(text, path, "ATTR001")
    assert where(d) == (3, 1, 3, 13, 8, 20)
    # offsets count from after the BOM (README: "code points into the file, after any BOM")
    assert text[1 + d.offset:1 + d.end_offset] == "Studies show"
    first = one("\ufeffStudies show that crying helps.\n", path, "ATTR001")
    assert where(first) == (1, 1, 1, 13, 0, 12)


def test_front_matter_lines_are_counted():
    text = "---\ntitle: Crying\n---\nStudies show that crying helps.\n"
    d = one(text, "case.md", "ATTR001")
    assert where(d) == (4, 1, 4, 13, 22, 34)


@pytest.mark.parametrize(
    "text, expected, words",
    [
        ("# Title\n\n- Nearly 60% of clients cry.\n", (3, 3, 3, 13, 11, 21), "Nearly 60%"),
        ("Intro.\n\n1. First.\n2. Second: nearly 60% of clients cry.\n", (4, 12, 4, 22, 29, 39), "nearly 60%"),
        ("> Nearly 60% of clients cry.\n", (1, 3, 1, 13, 2, 12), "Nearly 60%"),
        ("> > Nearly 60% of clients cry.\n", (1, 5, 1, 15, 4, 14), "Nearly 60%"),
        ("> - Nearly 60% of clients cry.\n", (1, 5, 1, 15, 4, 14), "Nearly 60%"),
        ("| A | B |\n|---|---|\n| x | Nearly 60% of clients cry. |\n", (3, 7, 3, 17, 26, 36), "Nearly 60%"),
        ("## Why we cry\nStudies show that crying helps.\n", (2, 1, 2, 13, 14, 26), "Studies show"),
        ("## Tears detoxify the body\n\nText.\n", (1, 10, 1, 18, 9, 17), "detoxify"),  # headings: positions after the marker
        ("Why we cry\n==========\nStudies show that crying helps.\n", (3, 1, 3, 13, 22, 34), "Studies show"),
    ],
)
def test_markdown_containers(text, expected, words):
    code = "STAT001" if "%" in text else "PHYS001" if "detoxify" in text else "ATTR001"
    d = one(text, "case.md", code)
    assert where(d) == expected
    assert text[d.offset:d.end_offset] == words


def test_everything_at_once_in_markdown():
    text = (
        "\ufeff---\r\ntitle: Tears\r\n---\r\n"  # BOM + CRLF front matter
        "# Why we cry\r\n\r\n"
        f"- \U0001f642 \u201cReally\u201d:{THIN}nearly{NBSP}60% of clients cry.\r\n"
    )
    d = one(text, "case.md", "STAT001")
    body = text[1:]
    # line 6 starts at offset 40 (after the BOM); "- " 2 + emoji 1 + " " 1
    # + quoted word 8 + ":" 1 + thin space 1 = 14 -> column 15
    assert where(d) == (6, 15, 6, 25, 54, 64)
    assert body[d.offset:d.end_offset] == f"nearly{NBSP}60%"


def test_seed_with_thousands_of_thin_spaces():
    path = SEEDS / "002_cd56f3b0d5948c42.txt"
    text = path.read_text(encoding="utf-8")
    assert text.count(THIN) > 2000
    line52 = text.split("\n")[51]
    column = line52.find(f"research{THIN}indicates") + 1
    assert column > 1
    found = [d for d in lint_text(text, str(path)) if d.code == "ATTR001" and d.line == 52]
    assert [(d.column, d.end_column) for d in found] == [(column, column + len("research indicates"))]
    assert text[found[0].offset:found[0].end_offset] == f"research{THIN}indicates"
