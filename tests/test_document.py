"""The Document: Markdown blocks, masking of code/HTML/link destinations, front
matter, plain-text blocks and lines, and sentences that never cross a block."""

from __future__ import annotations

import pytest

from mhlint.text.document import MissingLayer
from mhlint.text.document import Link, build
from mhlint.engine.lint import lint_text
from mhlint.text.source import SourceFile

CLAIM = "Studies show that 60% of people cry."


def doc_of(text: str, path: str = "case.md"):
    return build(SourceFile.from_text(text, path))


def found(text: str, path: str = "case.md") -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in lint_text(text, path)]


ARTICLE = """\
# Why we cry

Paragraph one line one
continues here.

- item one
- item two

> quoted text
> second quoted line

| Col A | Col B |
|---|---|
| cell one | cell two |

Closing words
===
"""


def test_markdown_blocks_kinds_and_lines():
    doc = doc_of(ARTICLE)
    assert [(b.kind, b.first_line, b.last_line, b.level) for b in doc.blocks] == [
        ("heading", 0, 0, 1),
        ("paragraph", 2, 3, 0),
        ("list_item", 5, 5, 0),
        ("list_item", 6, 6, 0),
        ("blockquote", 8, 9, 0),
        ("table_cell", 11, 11, 0),
        ("table_cell", 11, 11, 0),
        ("table_cell", 13, 13, 0),
        ("table_cell", 13, 13, 0),
        ("heading", 15, 16, 1),
    ]
    assert [ARTICLE[b.start:b.end] for b in doc.blocks[5:9]] == ["Col A", "Col B", "cell one", "cell two"]
    assert ARTICLE[doc.blocks[1].start:doc.blocks[1].end] == "Paragraph one line one\ncontinues here."


def test_markdown_lines_are_the_words_a_reader_sees():
    doc = doc_of(ARTICLE)
    assert [(ln.number, ln.text) for ln in doc.lines] == [
        (0, "Why we cry"),
        (2, "Paragraph one line one"),
        (3, "continues here."),
        (5, "item one"),
        (6, "item two"),
        (8, "quoted text"),
        (9, "second quoted line"),
        (11, "Col A"),
        (11, "Col B"),
        (13, "cell one"),
        (13, "cell two"),
        (15, "Closing words"),
    ]
    assert len(doc.view) == len(ARTICLE)
    assert "#" not in doc.view and "|" not in doc.view and ">" not in doc.view
    assert "===" not in doc.view and "---" not in doc.view


def test_the_unmasked_claim_is_reported():
    # control for the masking tests below: the same words in prose are found
    assert found(f"Intro paragraph.\n\n{CLAIM}\n") == [("ATTR001", 3, 1), ("STAT001", 3, 19)]


@pytest.mark.parametrize(
    "text",
    [
        f"Intro paragraph.\n\n```\n{CLAIM}\n```\n",
        f"Intro paragraph.\n\n~~~text\n{CLAIM}\n~~~\n",
        f"```\n{CLAIM}\n",  # unclosed fence runs to the end
        f"Intro paragraph.\n\n    {CLAIM}\n",
        f"- item\n\n  ```\n  {CLAIM}\n  ```\n",
        f"> ```\n> {CLAIM}\n> ```\n",
        f"<div>\n{CLAIM}\n</div>\n",
        f"<!--\n{CLAIM}\n-->\n",
        f"Run `{CLAIM}` in the shell.\n",
        f"Run ``{CLAIM} `x` `` now.\n",
        f'Some <span title="{CLAIM}">words</span> here.\n',
        f"![{CLAIM}](https://example.org/x.png)\n",
    ],
    ids=["fence", "tilde-fence", "unclosed-fence", "indented", "fence-in-list", "fence-in-quote",
         "html-block", "html-comment", "inline-code", "double-backtick", "inline-html", "image"],
)
def test_code_and_html_are_never_linted(text):
    assert found(text) == []


def test_tab_indented_code_is_not_linted():
    assert found(f"Intro paragraph.\n\n\t{CLAIM}\n") == []


def test_link_text_is_kept_and_counts_as_a_source():
    text = "[Nearly 60% of clients cry](https://example.org/survey) after a loss.\n"
    doc = doc_of(text)
    assert doc.links == (Link(0, 55, "https://example.org/survey"),)
    assert doc.view == " Nearly 60% of clients cry                              after a loss.\n"
    assert found(text) == []
    # without the link the same sentence is an unsourced statistic
    assert found("Nearly 60% of clients cry after a loss.\n") == [("STAT001", 1, 1)]


def test_link_destination_and_title_are_masked():
    assert found("Learn more: tears detox the body.\n") == [("PHYS001", 1, 19)]
    text = 'Learn more in [our guide](<https://example.org/tears detox the body> "tears detox the body").\n'
    doc = doc_of(text)
    assert "detox" not in doc.view and "example" not in doc.view
    assert doc.view.split() == ["Learn", "more", "in", "our", "guide", "."]
    assert found(text) == []


def test_front_matter_is_parsed_and_not_linted():
    text = f"---\ntitle: Why we cry\ntags: [grief, tears]\nsummary: {CLAIM}\n---\nCalm body text.\n"
    doc = doc_of(text)
    assert doc.front_matter.data == {"title": "Why we cry", "tags": ["grief", "tears"], "summary": CLAIM}
    assert (doc.front_matter.start, doc.front_matter.end) == (0, text.index("\nCalm"))
    assert [(b.kind, b.first_line) for b in doc.blocks] == [("paragraph", 5)]
    assert found(text) == []


def test_malformed_front_matter_is_still_front_matter():
    doc = doc_of(f"---\ntitle: [unclosed\n---\n{CLAIM}\n")
    assert doc.front_matter.data is None
    assert doc.front_matter.error.startswith("while parsing a flow sequence")
    assert found(f"---\ntitle: [unclosed {CLAIM}\n---\nCalm body.\n") == []


def test_front_matter_is_not_read_in_text_files():
    text = f"---\ntitle: x\n---\n{CLAIM}\n"
    assert doc_of(text, "case.txt").front_matter is None
    assert found(text, "case.txt") == [("ATTR001", 4, 1), ("STAT001", 4, 19)]


def test_crlf_front_matter():
    text = f"---\r\ntitle: X\r\nsummary: {CLAIM}\r\n---\r\nCalm body.\r\n"
    assert doc_of(text).front_matter.data == {"title": "X", "summary": CLAIM}
    assert found(text) == []


def test_lone_cr_front_matter():
    text = f"---\rtitle: X\rsummary: {CLAIM}\r---\rCalm body.\r"
    assert doc_of(text).front_matter.data == {"title": "X", "summary": CLAIM}
    assert found(text) == []


def test_text_blocks_are_blank_line_paragraphs():
    text = "First line.\n  Second line, indented.  \n\n\nThird para.\n \t \nFourth.\n# Not a heading\n"
    doc = doc_of(text, "case.txt")
    assert [(b.kind, b.first_line, b.last_line) for b in doc.blocks] == [
        ("paragraph", 0, 1), ("paragraph", 4, 4), ("paragraph", 6, 7),
    ]
    assert [(ln.number, ln.text, ln.block) for ln in doc.lines] == [
        (0, "First line.", 0), (1, "Second line, indented.", 0), (4, "Third para.", 1),
        (6, "Fourth.", 2), (7, "# Not a heading", 2),
    ]
    second = doc.lines[1]
    assert text[second.start:second.end] == "Second line, indented."
    assert doc.front_matter is None and doc.is_markdown is False


def test_text_files_do_not_mask_markdown():
    assert found(f"```\n{CLAIM}\n```\n", "case.txt") == [("ATTR001", 2, 1), ("STAT001", 2, 19)]


def sentences(text: str, path: str = "case.md") -> list[str]:
    doc = build(SourceFile.from_text(text, path), linguistic=True)
    return [s.text for s in doc.sentences]


def test_a_document_built_without_sentences_refuses_to_give_none():
    doc = doc_of("Studies show that crying helps.\n")
    with pytest.raises(MissingLayer):
        doc.sentences


def test_sentences_never_cross_blocks():
    assert sentences("# Why we cry\nStudies show that crying helps.\n") == ["Why we cry", "Studies show that crying helps."]
    assert sentences("- first item\n- second item\n\n> a quote\n") == ["first item", "second item", "a quote"]
    assert sentences("| a b | c d |\n|---|---|\n| e f | g h |\n") == ["a b", "c d", "e f", "g h"]
    assert sentences("One sentence here. Another one there.\n") == ["One sentence here.", "Another one there."]


def test_text_sentences_split_at_capitalised_lines_only():
    assert sentences("Why we cry\nStudies show that crying helps.\n", "case.txt") == [
        "Why we cry", "Studies show that crying helps."]
    assert sentences("A sentence that is hard\nwrapped here.\n", "case.txt") == ["A sentence that is hard\nwrapped here."]


def test_heading_is_not_the_source_window_of_the_next_paragraph():
    # a link in the heading must not source a statistic in the paragraph below
    text = "# See [the survey](https://example.org/s)\nNearly 60% of clients cry.\n"
    assert found(text) == [("STAT001", 2, 1)]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", " \t \r\n\r\n", "\ufeff", "\ufeff\n \n"])
@pytest.mark.parametrize("path", ["empty.md", "empty.txt"])
def test_empty_and_whitespace_only(text, path):
    doc = doc_of(text, path)
    assert doc.blocks == () and doc.lines == ()
    assert lint_text(text, path) == []


def test_quote_inside_list_item_is_blanked():
    doc = doc_of("- > Skip to content\n")
    assert doc.view == "    Skip to content\n"
    d = [x for x in lint_text("Intro paragraph that reads normally.\n\n- > Skip to content\n", "case.md") if x.code == "BP001"]
    assert [(x.line, x.column) for x in d] == [(3, 5)]


def test_nested_list_markers_on_one_line_are_blanked():
    assert [ln.text for ln in doc_of("- - nested item\n").lines] == ["nested item"]
