"""In-article suppression directives and front matter ``mhlint: {ignore: [...]}``.

Every directive is tried in Markdown and in plain text (and with CRLF line
ends where it matters), against real findings of the bundled rules:

    "Studies show that crying helps."  ATTR001 (vague-attribution, attribution) at column 1
    "Nearly 60% of clients cry."       STAT001 (unsourced-percentage, statistic) at column 1
    "Skip to content" / "Back to top"  BP001 (skip-navigation-link, boilerplate) on its own line

and the suppression stage's own diagnostics: MH100 (unused, with
``report_unused_suppressions``), MH101 (unknown selector), MH102 (malformed
front matter).
"""

from __future__ import annotations

import dataclasses
import functools

import pytest
from click.testing import CliRunner

from mhlint.catalog import resources
from mhlint.catalog.ruleset import RuleSet
from mhlint.catalog.ruleset import build as build_ruleset
from mhlint.cli import main
from mhlint.diagnostic import Applicability
from mhlint.engine import suppress
from mhlint.engine.lint import lint_text
from mhlint.output.fixer import apply_edits
from mhlint.settings.model import Settings
from mhlint.text import document
from mhlint.text.source import SourceFile

ATTR = "Studies show that crying helps."  # ATTR001 at column 1
ATTR2 = "Research shows that it works."  # ATTR001 at column 1
ATTR3 = "Experts say that sleep matters."  # ATTR001 at column 1
STAT = "Nearly 60% of clients cry."  # STAT001 at column 1
STAT2 = "About 40% of parents feel low."  # STAT001 at column 1
BOTH = f"{ATTR} {STAT}"  # ATTR001 at column 1, STAT001 at column 33
STAT_COL = len(ATTR) + 2  # 33
CLEAN = "A calm evening routine helps many people rest."
CLEAN2 = "Talking with a friend can make a hard week lighter."

SUFFIXES = (".md", ".txt")
NEWLINES = pytest.mark.parametrize("nl", ["\n", "\r\n"], ids=["lf", "crlf"])
BOTH_SUFFIXES = pytest.mark.parametrize("suffix", SUFFIXES)

UNUSED_MSG = "this directive silences nothing; delete it (or the selector) so it cannot hide a future finding."


@functools.lru_cache(maxsize=None)
def _ruleset(report_unused: bool, only: str | None = None) -> RuleSet:
    """The bundled rule set, built once (a build takes a while); the variants
    differ only in the settings the suppression stage reads, or in the active rules."""
    base = build_ruleset(Settings())
    settings = Settings(report_unused_suppressions=report_unused, select=(only,) if only else ("ALL",))
    rules = tuple(r for r in base.rules if only is None or r.code.startswith(only))
    return dataclasses.replace(base, rules=rules, settings=settings)


DEFAULT = "default"
UNUSED = "unused"


def lint(text: str, suffix: str, settings: Settings | RuleSet | str = DEFAULT):
    if isinstance(settings, str):
        settings = _ruleset(settings == UNUSED)
    return lint_text(text, "article" + suffix, settings)


def found(text: str, suffix: str, settings: Settings | RuleSet | str = DEFAULT) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in lint(text, suffix, settings)]


def lines(*parts: str, nl: str = "\n") -> str:
    return nl.join(parts) + nl


# --- the sentences find what the tests rely on ---------------------------------------

@BOTH_SUFFIXES
def test_the_test_sentences_produce_the_expected_findings(suffix):
    text = lines("Skip to content", "", BOTH, "", ATTR2, "", ATTR3, "", STAT2, "", CLEAN, "", "Back to top")
    assert found(text, suffix) == [(1, 1, "BP001"), (3, 1, "ATTR001"), (3, STAT_COL, "STAT001"), (5, 1, "ATTR001"),
                                   (7, 1, "ATTR001"), (9, 1, "STAT001"), (13, 1, "BP001")]
    by_code = {d.code: d for d in lint(text, suffix)}
    assert (by_code["ATTR001"].name, by_code["ATTR001"].category) == ("vague-attribution", "attribution")
    assert (by_code["STAT001"].name, by_code["STAT001"].category) == ("unsourced-percentage", "statistic")
    assert by_code["BP001"].category == "boilerplate"


# --- disable-next-line ----------------------------------------------------------------

@NEWLINES
@BOTH_SUFFIXES
def test_disable_next_line_silences_only_its_code_on_only_the_next_line(suffix, nl):
    text = lines("<!-- mhlint-disable-next-line ATTR001 -->", BOTH, ATTR2, nl=nl)
    # STAT001 on the covered line stays; the ATTR001 on the line after is not covered.
    assert found(text, suffix) == [(2, STAT_COL, "STAT001"), (3, 1, "ATTR001")]


@NEWLINES
@BOTH_SUFFIXES
def test_disable_next_line_covers_the_next_non_blank_line(suffix, nl):
    text = lines("<!-- mhlint-disable-next-line ATTR001 -->", "", "  ", BOTH, "", ATTR2, nl=nl)
    assert found(text, suffix) == [(4, STAT_COL, "STAT001"), (6, 1, "ATTR001")]


@BOTH_SUFFIXES
def test_disable_next_line_with_no_selector_silences_every_rule_on_that_line(suffix):
    text = lines(CLEAN, "", "<!-- mhlint-disable-next-line -->", BOTH, "", STAT2)
    assert found(text, suffix) == [(6, 1, "STAT001")]


@BOTH_SUFFIXES
def test_disable_next_line_at_the_end_of_the_file_covers_nothing(suffix):
    text = lines(BOTH, "", "<!-- mhlint-disable-next-line ATTR001 -->", "")
    assert found(text, suffix) == [(1, 1, "ATTR001"), (1, STAT_COL, "STAT001")]
    assert found(text, suffix, UNUSED) == [(1, 1, "ATTR001"), (1, STAT_COL, "STAT001"), (3, 1, "MH100")]


# --- disable-line ---------------------------------------------------------------------

@NEWLINES
@BOTH_SUFFIXES
def test_disable_line_at_the_end_of_a_line_silences_only_its_code_on_that_line(suffix, nl):
    text = lines(f"{BOTH} <!-- mhlint-disable-line STAT001 -->", ATTR2, "", STAT2, nl=nl)
    assert found(text, suffix) == [(1, 1, "ATTR001"), (2, 1, "ATTR001"), (4, 1, "STAT001")]


@BOTH_SUFFIXES
def test_disable_line_with_no_selector_silences_every_rule_on_its_line(suffix):
    text = lines(f"{BOTH} <!-- mhlint-disable-line -->", "", ATTR2)
    assert found(text, suffix) == [(3, 1, "ATTR001")]


@BOTH_SUFFIXES
def test_disable_line_does_not_reach_the_next_line(suffix):
    text = lines(f"{CLEAN} <!-- mhlint-disable-line STAT001 -->", STAT)
    assert found(text, suffix) == [(2, 1, "STAT001")]


# --- disable ... enable ranges --------------------------------------------------------

@NEWLINES
@BOTH_SUFFIXES
def test_a_range_silences_its_code_until_enable(suffix, nl):
    text = lines("<!-- mhlint-disable ATTR001 -->", BOTH, "", ATTR2, "", "<!-- mhlint-enable ATTR001 -->", "",
                 ATTR3, nl=nl)
    assert found(text, suffix) == [(2, STAT_COL, "STAT001"), (8, 1, "ATTR001")]


@BOTH_SUFFIXES
def test_a_range_without_enable_runs_to_the_end_of_the_file(suffix):
    text = lines(ATTR, "", "<!-- mhlint-disable ATTR001 -->", "", ATTR2, "", STAT, "", ATTR3)
    assert found(text, suffix) == [(1, 1, "ATTR001"), (7, 1, "STAT001")]


@BOTH_SUFFIXES
def test_a_bare_disable_silences_everything_until_a_bare_enable(suffix):
    text = lines(CLEAN, "", "<!-- mhlint-disable -->", "Skip to content", "", BOTH, "", ATTR2, "",
                 "<!-- mhlint-enable -->", "", STAT2, "", "Back to top")
    assert found(text, suffix) == [(12, 1, "STAT001"), (14, 1, "BP001")]


@BOTH_SUFFIXES
def test_enable_one_code_after_disabling_everything_re_enables_only_that_code(suffix):
    text = lines("<!-- mhlint-disable -->", BOTH, "", "<!-- mhlint-enable STAT001 -->", "", f"{ATTR2} {STAT2}", "",
                 "<!-- mhlint-enable -->", "", ATTR3)
    assert found(text, suffix) == [(6, len(ATTR2) + 2, "STAT001"), (10, 1, "ATTR001")]


@BOTH_SUFFIXES
def test_a_bare_enable_ends_a_range_of_one_code(suffix):
    text = lines("<!-- mhlint-disable STAT -->", STAT, "", "<!-- mhlint-enable -->", STAT2)
    assert found(text, suffix) == [(5, 1, "STAT001")]


@BOTH_SUFFIXES
def test_a_disabled_code_stays_disabled_when_another_is_enabled(suffix):
    text = lines("<!-- mhlint-disable ATTR001 STAT001 -->", BOTH, "", "<!-- mhlint-enable ATTR001 -->", "",
                 f"{ATTR2} {STAT2}")
    assert found(text, suffix) == [(6, 1, "ATTR001")]


# --- selectors ------------------------------------------------------------------------

@BOTH_SUFFIXES
@pytest.mark.parametrize("selector", ["STAT001", "STAT", "S", "unsourced-percentage", "statistic", "stat001"])
def test_one_selector_by_code_prefix_name_or_category(suffix, selector):
    text = lines("Skip to content", "", f"<!-- mhlint-disable-next-line {selector} -->", BOTH, "", STAT2)
    assert found(text, suffix) == [(1, 1, "BP001"), (4, 1, "ATTR001"), (6, 1, "STAT001")]
    assert not [d for d in lint(text, suffix, UNUSED) if d.code.startswith("MH")]


@BOTH_SUFFIXES
def test_all_is_a_selector_for_every_rule(suffix):
    text = lines("Skip to content", "", "<!-- mhlint-disable-next-line ALL -->", BOTH, "", STAT2)
    assert found(text, suffix, UNUSED) == [(1, 1, "BP001"), (6, 1, "STAT001")]


@BOTH_SUFFIXES
@pytest.mark.parametrize("selectors", [
    "ATTR001,STAT001", "ATTR001, STAT001", "ATTR001 STAT001", "vague-attribution,unsourced-percentage",
    "attribution statistic", "ATTR , statistic", "statistic,,vague-attribution",
])
def test_several_selectors_separated_by_spaces_or_commas(suffix, selectors):
    text = lines(f"<!-- mhlint-disable-next-line {selectors} -->", BOTH, "", "Back to top")
    assert found(text, suffix) == [(4, 1, "BP001")]
    assert not [d for d in lint(text, suffix, UNUSED) if d.code.startswith("MH")]


def test_a_tag_is_a_selector(tmp_path):
    house = tmp_path / "house"
    house.mkdir()
    rule = (resources.rules_dir() / "boilerplate" / "BP001-skip-navigation-link.yaml").read_text(encoding="utf-8")
    rule = rule.replace("code: BP001", "code: BP901").replace("name: skip-navigation-link", "name: house-skip-link")
    rule = rule.replace("category: boilerplate", "category: boilerplate\ntags: [scraping]")
    (house / "BP901-house-skip-link.yaml").write_text(rule, encoding="utf-8")
    settings = Settings(rule_dirs=(str(house),), report_unused_suppressions=True)
    for suffix in SUFFIXES:
        assert found(lines("Skip to content", "", CLEAN), suffix, settings) == [(1, 1, "BP001"), (1, 1, "BP901")]
        text = lines("<!-- mhlint-disable-next-line scraping -->", "Skip to content", "", CLEAN)
        assert found(text, suffix, settings) == [(2, 1, "BP001")]


# --- disable-file and front matter ----------------------------------------------------

@NEWLINES
@BOTH_SUFFIXES
@pytest.mark.parametrize("where", ["top", "middle", "bottom", "bottom-no-break"])
def test_disable_file_anywhere_silences_its_code_everywhere(suffix, nl, where):
    parts = [BOTH, "", STAT2, "", ATTR2]
    directive = "<!-- mhlint-disable-file STAT -->"
    if where == "top":
        parts = [directive, *parts]
    elif where == "middle":
        parts = [*parts[:2], directive, "", *parts[2:]]
    else:
        parts = [*parts, "", directive]
    text = lines(*parts, nl=nl)
    if where == "bottom-no-break":
        text = text[: -len(nl)]
    codes = [code for _, _, code in found(text, suffix)]
    assert codes == ["ATTR001", "ATTR001"]


@BOTH_SUFFIXES
def test_a_bare_disable_file_silences_everything(suffix):
    text = lines("Skip to content", "", BOTH, "", "<!-- mhlint-disable-file -->", "", STAT2)
    assert found(text, suffix) == []


@NEWLINES
@pytest.mark.parametrize("front, silences_bp", [
    ("mhlint: {ignore: [STAT001]}", False),
    ("mhlint:\n  ignore:\n    - statistic", False),
    ("mhlint: {ignore: STAT}", False),
    ("mhlint: {ignore: [unsourced-percentage, BP]}", True),
    ("mhlint:\n  ignore: [boilerplate, STAT001]", True),
])
def test_front_matter_ignore_silences_for_the_whole_file(nl, front, silences_bp):
    head = ["---", "title: Crying in therapy", *front.split("\n"), "---", ""]
    text = lines(*head, "Back to top", "", BOTH, "", STAT2, "", "Skip to content", nl=nl)
    first = len(head) + 1
    expected = [(first + 2, 1, "ATTR001")]
    if not silences_bp:
        expected = [(first, 1, "BP001"), *expected, (first + 6, 1, "BP001")]
    assert found(text, ".md", UNUSED) == expected


def test_front_matter_ignore_with_a_comma_separated_string():
    text = lines("---", "mhlint: {ignore: 'STAT001, attribution'}", "---", "", BOTH, "", "Back to top")
    assert found(text, ".md", UNUSED) == [(7, 1, "BP001")]


def test_front_matter_is_only_read_in_markdown():
    text = lines("---", "mhlint: {ignore: [STAT001, ATTR001]}", "---", "", BOTH)
    assert found(text, ".txt", UNUSED) == [(5, 1, "ATTR001"), (5, STAT_COL, "STAT001")]


def test_an_empty_front_matter_ignore_list_silences_nothing():
    text = lines("---", "mhlint: {ignore: []}", "---", "", BOTH)
    assert found(text, ".md", UNUSED) == [(5, 1, "ATTR001"), (5, STAT_COL, "STAT001")]


@pytest.mark.parametrize("value", [
    "mhlint: STAT001", "mhlint: [STAT001]", "mhlint: {ignore: [1, 2]}", "mhlint: {skip: [STAT001]}",
    "mhlint: {ignore: [STAT001], also: x}", "mhlint:", "mhlint: {ignore: {STAT001: true}}",
])
def test_a_malformed_front_matter_value_is_mh102_and_silences_nothing(value):
    text = lines("---", "title: Crying", value, "---", "", BOTH)
    diags = lint(text, ".md")
    assert [(d.line, d.column, d.code) for d in diags] == [(3, 1, "MH102"), (6, 1, "ATTR001"), (6, STAT_COL, "STAT001")]
    mh102 = diags[0]
    assert mh102.match == value and mh102.end_line == 3
    assert mh102.message == "front matter 'mhlint' must be a mapping such as {ignore: [STAT001, boilerplate]}."


def test_a_directive_inside_the_front_matter_is_not_a_directive():
    text = lines("---", "title: '<!-- mhlint-disable-file -->'", "---", "", BOTH)
    assert found(text, ".md", UNUSED) == [(5, 1, "ATTR001"), (5, STAT_COL, "STAT001")]


# --- whole-document findings ----------------------------------------------------------

def _document_level(text: str, suffix: str):
    """Apply suppressions to a whole-document diagnostic (no bundled rule makes
    one, so one is made from a real finding)."""
    rs = _ruleset(False)
    source = SourceFile.from_text(text, "article" + suffix)
    doc = document.build(source)
    real = lint_text(lines(STAT), "article" + suffix)[0]
    diag = dataclasses.replace(real, path=source.path, document=True, line=1, column=1, end_line=1, end_column=1,
                               offset=0, end_offset=0, match="")
    return suppress.apply(doc, [diag], rs.catalog, rs.catalog, False)


@BOTH_SUFFIXES
@pytest.mark.parametrize("directive", [
    "<!-- mhlint-disable-next-line STAT001 -->\n" + CLEAN,
    CLEAN + " <!-- mhlint-disable-line STAT001 -->",
    "<!-- mhlint-disable STAT001 -->\n" + CLEAN,
    "<!-- mhlint-disable -->\n" + CLEAN,
])
def test_a_whole_document_finding_is_not_silenced_by_line_or_range_directives(suffix, directive):
    assert [d.code for d in _document_level(directive + "\n", suffix)] == ["STAT001"]


@BOTH_SUFFIXES
@pytest.mark.parametrize("directive", ["<!-- mhlint-disable-file STAT001 -->", "<!-- mhlint-disable-file -->"])
def test_a_whole_document_finding_is_silenced_by_disable_file(suffix, directive):
    assert _document_level(lines(CLEAN, "", directive), suffix) == []


def test_a_whole_document_finding_is_silenced_by_front_matter():
    assert _document_level(lines("---", "mhlint: {ignore: [statistic]}", "---", "", CLEAN), ".md") == []


# --- MH101: unknown selectors ---------------------------------------------------------

@BOTH_SUFFIXES
@pytest.mark.parametrize("kind", ["disable-next-line", "disable", "enable", "disable-file"])
def test_an_unknown_selector_is_mh101_at_its_exact_position(suffix, kind):
    directive = f"<!-- mhlint-{kind} STAT001, NOPE42 -->"
    text = lines(CLEAN, "", directive, BOTH)
    diags = [d for d in lint(text, suffix) if d.code == "MH101"]
    column = directive.index("NOPE42") + 1
    assert [(d.path, d.line, d.column, d.end_line, d.end_column, d.match) for d in diags] == [
        ("article" + suffix, 3, column, 3, column + len("NOPE42"), "NOPE42")]
    assert diags[0].message == ("'NOPE42' is not a rule code, code prefix, name, category or tag, "
                                "so it silences nothing; correct it.")


@NEWLINES
@BOTH_SUFFIXES
def test_an_unknown_selector_at_the_end_of_a_line(suffix, nl):
    text = lines(CLEAN, f"{BOTH}   <!-- mhlint-disable-line ATTR001 STAT0001 -->", nl=nl)
    column = text.split(nl)[1].index("STAT0001") + 1
    # The known selector still works; the misspelt one silences nothing.
    assert found(text, suffix) == [(2, STAT_COL, "STAT001"), (2, column, "MH101")]


def test_an_unknown_selector_in_front_matter_points_at_the_selector():
    text = lines("---", "title: Crying", "mhlint:", "  ignore:", "    - STAT001", "    - NOPE42", "---", "", BOTH)
    assert found(text, ".md") == [(6, 7, "MH101"), (9, 1, "ATTR001")]
    text = lines("---", "mhlint: {ignore: [STAT001, NOPE42]}", "---", "", BOTH)
    assert found(text, ".md") == [(2, 28, "MH101"), (5, 1, "ATTR001")]


@BOTH_SUFFIXES
def test_an_unknown_selector_is_reported_without_report_unused_and_not_as_unused(suffix):
    text = lines("<!-- mhlint-disable-next-line NOPE42 -->", CLEAN)
    assert found(text, suffix) == [(1, 31, "MH101")]
    assert found(text, suffix, UNUSED) == [(1, 31, "MH101")]


# --- MH100: unused directives ---------------------------------------------------------

UNUSED_CASES = [
    # (directive lines, the text that stays after the fix)
    (["<!-- mhlint-disable-next-line STAT001 -->", CLEAN], [CLEAN]),
    (["<!-- mhlint-disable-next-line -->", CLEAN], [CLEAN]),
    ([CLEAN, "", "<!-- mhlint-disable STAT -->", CLEAN2], [CLEAN, "", CLEAN2]),
    ([CLEAN, "", "<!-- mhlint-disable-file ATTR001 -->", "", CLEAN2], [CLEAN, "", "", CLEAN2]),
    (["<!-- mhlint-disable-file -->", CLEAN], [CLEAN]),
]


@NEWLINES
@BOTH_SUFFIXES
@pytest.mark.parametrize("parts, fixed", UNUSED_CASES)
def test_an_unused_directive_is_mh100_with_a_fix_deleting_its_line(suffix, nl, parts, fixed):
    text = lines(*parts, nl=nl)
    assert lint(text, suffix) == []
    diags = lint(text, suffix, UNUSED)
    assert [d.code for d in diags] == ["MH100"]
    diag = diags[0]
    number = next(i for i, p in enumerate(parts) if "mhlint-" in p)
    assert (diag.path, diag.line, diag.column) == ("article" + suffix, number + 1, 1)
    assert diag.match == parts[number]
    assert diag.message == UNUSED_MSG
    assert diag.fix is not None and diag.fix.applicability is Applicability.SAFE
    assert apply_edits(text, diag.fix.edits) == lines(*fixed, nl=nl)


@NEWLINES
@BOTH_SUFFIXES
def test_an_unused_disable_line_fix_deletes_only_the_comment(suffix, nl):
    text = lines(f"{CLEAN} <!-- mhlint-disable-line STAT001 -->", CLEAN2, nl=nl)
    diags = lint(text, suffix, UNUSED)
    assert [(d.line, d.column, d.code) for d in diags] == [(1, len(CLEAN) + 2, "MH100")]
    assert apply_edits(text, diags[0].fix.edits) == lines(CLEAN, CLEAN2, nl=nl)


@BOTH_SUFFIXES
def test_an_unused_directive_on_the_last_line_without_a_break(suffix):
    text = f"{CLEAN}\n\n<!-- mhlint-disable-file STAT -->"
    diags = lint(text, suffix, UNUSED)
    assert [(d.line, d.code) for d in diags] == [(3, "MH100")]
    assert apply_edits(text, diags[0].fix.edits) == f"{CLEAN}\n"


@BOTH_SUFFIXES
@pytest.mark.parametrize("text", [
    lines("<!-- mhlint-disable-next-line STAT001 -->", BOTH),
    lines(f"{BOTH} <!-- mhlint-disable-line STAT001 -->"),
    lines("<!-- mhlint-disable STAT001 -->", BOTH, "", "<!-- mhlint-enable STAT001 -->"),
    lines("<!-- mhlint-disable -->", BOTH, "", "<!-- mhlint-enable -->"),
    lines(BOTH, "", "<!-- mhlint-disable-file STAT001 -->"),
    lines("<!-- mhlint-disable-next-line ATTR001, STAT001 -->", BOTH),
])
def test_a_directive_that_silenced_something_is_not_reported(suffix, text):
    diags = lint(text, suffix, UNUSED)
    assert [d.code for d in diags] in (["ATTR001"], [])  # STAT001 was silenced, and no MH100


def test_front_matter_that_silenced_something_is_not_reported_and_unused_is():
    used = lines("---", "mhlint: {ignore: [STAT001]}", "---", "", BOTH)
    assert found(used, ".md", UNUSED) == [(5, 1, "ATTR001")]
    unused = lines("---", "mhlint: {ignore: [BP]}", "---", "", BOTH)
    diags = lint(unused, ".md", UNUSED)
    assert [(d.line, d.column, d.code) for d in diags] == [(2, 1, "MH100"), (5, 1, "ATTR001"), (5, STAT_COL, "STAT001")]
    assert diags[0].message.startswith("front matter 'mhlint: ignore' silences nothing")
    assert found(unused, ".md") == [(5, 1, "ATTR001"), (5, STAT_COL, "STAT001")]


@BOTH_SUFFIXES
def test_mh100_needs_report_unused_suppressions(suffix):
    text = lines("<!-- mhlint-disable-next-line STAT001 -->", CLEAN, "", "<!-- mhlint-disable ATTR -->", CLEAN2)
    assert lint(text, suffix) == []
    assert found(text, suffix, UNUSED) == [(1, 1, "MH100"), (4, 1, "MH100")]


@BOTH_SUFFIXES
def test_a_partly_used_directive_names_the_idle_selector(suffix):
    directive = "<!-- mhlint-disable-next-line STAT001 BP001 -->"
    text = lines(directive, BOTH)
    diags = lint(text, suffix, UNUSED)
    assert [(d.line, d.column, d.code, d.match) for d in diags] == [
        (1, directive.index("BP001") + 1, "MH100", "BP001"), (2, 1, "ATTR001", "Studies show")]
    assert diags[0].message.startswith("'BP001' silences nothing")


@BOTH_SUFFIXES
def test_a_directive_naming_only_rules_not_run_is_not_judged(suffix):
    text = lines("<!-- mhlint-disable-next-line STAT001 -->", CLEAN)
    only_attr = _ruleset(True, "ATTR")
    assert found(text, suffix, only_attr) == []
    assert found(text, suffix, UNUSED) == [(1, 1, "MH100")]


@BOTH_SUFFIXES
def test_a_range_ended_before_any_finding_is_unused(suffix):
    text = lines("<!-- mhlint-disable STAT001 -->", CLEAN, "", "<!-- mhlint-enable STAT001 -->", "", STAT)
    assert found(text, suffix, UNUSED) == [(1, 1, "MH100"), (6, 1, "STAT001")]


# --- what is not a directive ----------------------------------------------------------

@pytest.mark.parametrize("block", [
    ["```", "<!-- mhlint-disable-next-line STAT001 NOPE42 -->", "```"],
    ["~~~markdown", "<!-- mhlint-disable-file -->", "<!-- mhlint-disable NOPE42 -->", "~~~"],
    ["    <!-- mhlint-disable-file NOPE42 -->", "    <!-- mhlint-disable -->"],
    ["Write `<!-- mhlint-disable-file NOPE42 -->` at the end of the file."],
    ["Write ``<!-- mhlint-disable -->`` before it."],
])
def test_a_directive_in_markdown_code_is_not_a_directive(block):
    text = lines(CLEAN, "", *block, "", BOTH, "", STAT2)
    first = len(block) + 4
    assert found(text, ".md", UNUSED) == [(first, 1, "ATTR001"), (first, STAT_COL, "STAT001"), (first + 2, 1, "STAT001")]


def test_an_inline_code_span_directive_on_the_line_before_is_not_a_directive():
    text = lines("Use `<!-- mhlint-disable-next-line STAT001 -->` like this:", "", STAT)
    assert found(text, ".md", UNUSED) == [(3, 1, "STAT001")]
    text = lines(f"{STAT} `<!-- mhlint-disable-line STAT001 -->`")
    assert found(text, ".md", UNUSED) == [(1, 1, "STAT001")]


@pytest.mark.parametrize("line", [
    "See <!-- mhlint-disable-next-line STAT001 --> below.",
    "Note: <!-- mhlint-disable-next-line STAT001 -->",
    "<!-- mhlint-disable-next-line STAT001 --> and more words",
    "<!-- mhlint-disable STAT001 --> Calm words here.",
    "Calm words. <!-- mhlint-disable-file STAT001 -->",
    "<!-- mhlint-disable-line STAT001 --> Calm words here.",
    "<!-- mhlint-disable-file NOPE42 --> Calm words.",
])
def test_in_plain_text_a_directive_sharing_its_line_with_text_is_not_a_directive(line):
    text = lines(line, STAT, "", STAT2)
    assert found(text, ".txt", UNUSED) == [(2, 1, "STAT001"), (4, 1, "STAT001")]


def test_in_plain_text_disable_line_after_a_second_comment_is_still_at_the_end():
    text = lines(f"{STAT} <!-- a note --> <!-- mhlint-disable-line STAT001 -->", STAT2)
    assert found(text, ".txt", UNUSED) == [(2, 1, "STAT001")]


def test_in_markdown_a_directive_after_text_on_its_line_still_counts():
    # Inline HTML: invisible when rendered, so it is a directive.
    text = lines("Calm words. <!-- mhlint-disable-next-line STAT001 -->", STAT, "", STAT2)
    assert found(text, ".md", UNUSED) == [(4, 1, "STAT001")]


@BOTH_SUFFIXES
@pytest.mark.parametrize("comment", [
    "<!-- mhlint-disabled STAT001 -->", "<!-- mhlint-disable-nextline STAT001 -->", "<!-- mhlint disable -->",
])
def test_near_misses_are_not_directives(suffix, comment):
    text = lines(comment, "", STAT)
    assert found(text, suffix, UNUSED)[-1] == (3, 1, "STAT001")
    assert not [d for d in lint(text, suffix, UNUSED) if d.code.startswith("MH")]


# --- directives do not change what the other rules see --------------------------------

ALL_KINDS = [
    "<!-- mhlint-disable STAT002 -->", "<!-- mhlint-enable STAT002 -->", "<!-- mhlint-disable-next-line STAT002 -->",
    "<!-- mhlint-disable-file STAT002 -->", "<!-- mhlint-disable-line STAT002 -->", "<!--mhlint-disable-->",
    "<!-- mhlint-enable -->",
]


@NEWLINES
@BOTH_SUFFIXES
def test_directive_lines_produce_no_findings_of_their_own(suffix, nl):
    text = lines(*ALL_KINDS, "", CLEAN, "", *ALL_KINDS[:3], CLEAN2, *ALL_KINDS[3:], nl=nl)
    assert lint(text, suffix) == []
    text = lines(f"{CLEAN} <!-- mhlint-disable-line STAT002 -->", CLEAN2, nl=nl)
    assert lint(text, suffix) == []


@NEWLINES
@BOTH_SUFFIXES
def test_a_directive_is_blank_in_the_view_the_rules_match(suffix, nl):
    directive = "<!-- mhlint-disable-next-line STAT001 -->"
    text = lines(CLEAN, directive, STAT, f"{CLEAN2} <!-- mhlint-disable-line ATTR -->", nl=nl)
    doc = document.build(SourceFile.from_text(text, "article" + suffix))
    assert [d.kind for d in doc.directives] == ["disable-next-line", "disable-line"]
    assert len(doc.view) == len(text)
    for d in doc.directives:
        assert doc.view[d.start:d.end] == " " * (d.end - d.start)
        assert text[d.start:d.end].startswith("<!-- mhlint-") and text[d.start:d.end].endswith("-->")
    assert doc.view.replace(" ", "") == text.replace(" ", "").replace(directive.replace(" ", ""), "").replace(
        "<!--mhlint-disable-lineATTR-->", "")
    assert [line.text for line in doc.lines] == [CLEAN, STAT, CLEAN2]


@NEWLINES
@BOTH_SUFFIXES
@pytest.mark.parametrize("directive", ALL_KINDS[:4] + ["<!-- mhlint-disable-next-line BP001, STAT002 -->"])
def test_findings_keep_their_positions_around_a_directive_line(suffix, nl, directive):
    """A directive line reads as a blank line: findings before and after it are
    where they are when the line is empty, with the same messages."""
    body = ["Skip to content", "", BOTH, "{}", ATTR2, "", f"Calm words first. {STAT2}"]
    with_directive = lines(*body, nl=nl).replace("{}", directive)
    blank = lines(*body, nl=nl).replace("{}", "")

    def shape(text):
        return [(d.line, d.column, d.end_line, d.end_column, d.code, d.message) for d in lint(text, suffix)]

    assert shape(with_directive) == shape(blank)
    assert len(shape(blank)) == 5


@NEWLINES
@BOTH_SUFFIXES
def test_findings_keep_their_columns_on_a_line_ending_in_a_directive(suffix, nl):
    plain = lines(CLEAN, BOTH, nl=nl)
    directed = lines(CLEAN, f"{BOTH}  <!-- mhlint-disable-line BP001 -->", nl=nl)

    def shape(text):
        return [(d.line, d.column, d.end_line, d.end_column, d.code, d.message) for d in lint(text, suffix)]

    assert shape(directed) == shape(plain) == [
        (2, 1, 2, 13, "ATTR001", shape(plain)[0][5]), (2, STAT_COL, 2, STAT_COL + 10, "STAT001", shape(plain)[1][5])]


# --- the command line -----------------------------------------------------------------

def test_cli_reports_unused_suppressions_in_concise_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(lines(CLEAN, "", "<!-- mhlint-disable-next-line STAT001 -->", CLEAN2),
                                   encoding="utf-8")
    (tmp_path / "b.txt").write_text(lines("<!-- mhlint-disable-line NOPE42 -->", CLEAN), encoding="utf-8")
    runner = CliRunner()
    quiet = runner.invoke(main, ["check", "--isolated", "a.md"])
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stdout == "No problems found in 1 file.\n"
    result = runner.invoke(main, ["check", "--isolated", "--report-unused-suppressions", "a.md", "b.txt"])
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[:3] == [
        f"a.md:3:1: MH100 [warning] {UNUSED_MSG}",
        "b.txt:1:26: MH101 [warning] 'NOPE42' is not a rule code, code prefix, name, category or tag, "
        "so it silences nothing; correct it.",
        "Found 2 problems (2 warnings) in 2 of 2 files.",
    ]
