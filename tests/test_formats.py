"""The output formats (full, grouped, json-lines, sarif, github, junit) on
reports built from real lint results and the real rule catalogue.

The SARIF schema fixture is the OASIS SARIF 2.1.0 schema (errata 01), taken
unchanged from github.com/oasis-tcs/sarif-spec, sarif-2.1/schema/sarif-schema-2.1.0.json.
"""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest

import mhlint
from mhlint.catalog.ruleset import build
from mhlint.catalog.schema import FixSpec
from mhlint.diagnostic import Applicability, Diagnostic, InputIssue, Severity
from mhlint.engine import internal
from mhlint.engine.lint import lint_text
from mhlint.engine.report import Report
from mhlint.output import fixer
from mhlint.output.formatters import FORMATS, FormatContext, get
from mhlint.output.formatters import full as full_mod
from mhlint.output.formatters import github as github_mod
from mhlint.output.formatters.summary import summary

SCHEMA = Path(__file__).parent / "fixtures" / "sarif-2.1.0.schema.json"

SAMPLE = "Skip to content\n\nStudies show that crying helps.\n\nNearly 60% of clients cry.\n"
TAB_QUOTE = "Note:\tMany say \u201cyes\u201d; studies show that crying helps.\n"
UNUSED = "Intro text here.\n\n<!-- mhlint-disable-next-line STAT001 -->\nAll fine.\n"
TWICE = "Studies show that crying helps. Studies show it again.\n"
DUPLICATE = ("# Title\n\nA paragraph that is long enough to count as a block for the duplicate detector rule here.\n\n"
             "A paragraph that is long enough to count as a block for the duplicate detector rule here.\n")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def settings():
    from mhlint.settings.model import Settings

    return Settings()


@pytest.fixture(scope="module")
def rules(settings):
    return [*build(settings).catalog, *internal.INTERNAL]


@pytest.fixture(scope="module")
def lint(settings):
    cache: dict[tuple[str, str, bool], list[Diagnostic]] = {}

    def run(text: str, path: str = "<text>.md", unused: bool = False) -> list[Diagnostic]:
        key = (text, path, unused)
        if key not in cache:
            s = dataclasses.replace(settings, report_unused_suppressions=True) if unused else settings
            cache[key] = lint_text(text, path=path, settings=s)
        return cache[key]

    return run


def codes(diags):
    return [d.code for d in diags]


def ctx(rules=(), **kw) -> FormatContext:
    return FormatContext(rules=rules, **kw)


BROKEN = InputIssue("broken/unreadable.md", "cannot be decoded as UTF-8 (byte 0xff at offset 3)", "decode")


# -- the engine gives what these tests rely on -------------------------------

def test_sample_findings(lint):
    assert codes(lint(SAMPLE)) == ["BP001", "ATTR001", "STAT001"]
    assert codes(lint(UNUSED, unused=True)) == ["MH100"]
    [mh100] = lint(UNUSED, unused=True)
    assert mh100.fix is not None and mh100.fix.edits and mh100.fix.applicability is Applicability.SAFE


# -- every format --------------------------------------------------------------

MINE = ["full", "grouped", "json", "json-lines", "sarif", "github", "junit"]


@pytest.mark.parametrize("fmt", MINE)
def test_every_format_carries_input_issues(fmt, lint, rules):
    report = Report(diagnostics=list(lint(SAMPLE, path="a.md")), issues=[BROKEN], files=2)
    out = get(fmt)(report, ctx(rules))
    assert isinstance(out, str) and not out.endswith("\n")
    assert BROKEN.path in out
    assert BROKEN.message in out


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_registered_format_renders_an_empty_report(fmt):
    out = get(fmt)(Report(files=0), ctx())
    assert isinstance(out, str)


# -- full ----------------------------------------------------------------------

def _excerpt(out: str, number: int) -> tuple[str, str]:
    """(source text, caret text) of line ``number`` in a full-format excerpt."""
    lines = out.splitlines()
    for i, line in enumerate(lines):
        m = re.match(rf"^ *{number} \| (.*)$", line)
        if m:
            caret = re.match(r"^ *\| (.*)$", lines[i + 1])
            assert caret, lines[i + 1]
            return m.group(1), caret.group(1)
    raise AssertionError(f"no excerpt of line {number} in:\n{out}")


def test_full_caret_under_exact_columns_with_tab_and_curly_quote(lint):
    [d] = lint(TAB_QUOTE)
    assert (d.code, d.match, d.column) == ("ATTR001", "studies show", 23)
    out = get("full")(Report(diagnostics=[d], files=1), ctx())
    assert out.splitlines()[0] == f"<text>.md:1:23: ATTR001 [warning] {d.message}"
    source, carets = _excerpt(out, 1)
    assert "\t" not in out
    assert source == TAB_QUOTE.rstrip("\n").expandtabs(full_mod.TAB_WIDTH)
    start = len(carets) - len(carets.lstrip(" "))
    assert carets.strip(" ") == "^" * len("studies show")
    assert source[start:start + len("studies show")] == "studies show"


def test_full_caret_counts_wide_characters_twice(lint):
    [d] = lint("日本語 studies show that crying helps.\n")
    source, carets = _excerpt(get("full")(Report(diagnostics=[d], files=1), ctx()), 1)
    assert carets == " " * (2 * 3 + 1) + "^" * 12  # three wide characters, a space, then the match


def test_full_underline_unit():
    assert full_mod.underline("a\tb", 2, 3) == ("a   b", "    ^")
    assert full_mod.underline("ab\tc", 3, 4, tab=4) == ("ab  c", "    ^")
    assert full_mod.underline("x\u0301yz", 2, 4) == ("x\u0301yz", " ^^")  # combining accent: no cell
    assert full_mod.underline("abc", 1, 1) == ("abc", " ^")  # empty range still visible
    shown, carets = full_mod.underline("\x1b[31mred", 5, 8)
    assert "\x1b" not in shown and shown.endswith("red") and carets == "     ^^^"


def test_full_color_only_when_asked(lint):
    report = Report(diagnostics=list(lint(SAMPLE)), issues=[BROKEN], files=1)
    plain = get("full")(report, ctx(color=False))
    colored = get("full")(report, ctx(color=True))
    assert "\x1b" not in plain
    assert ANSI.search(colored)
    assert ANSI.sub("", colored) == plain


def test_full_help_note_issues_and_summary(lint):
    [mh100] = lint(UNUSED, unused=True)
    [dup] = lint(DUPLICATE)
    assert dup.related_line == 3
    report = Report(diagnostics=[mh100, dup], issues=[BROKEN], files=2)
    out = get("full")(report, ctx())
    assert "  = help: Delete the directive. (safe fix)" in out
    assert "  = note: first copy at line 3" in out
    assert f"{BROKEN.path}: error: {BROKEN.message}" in out
    closing = summary(report, ctx())
    assert closing[0] == "Found 2 problems (2 warnings) in 1 of 2 files."
    assert out.endswith("\n\n" + "\n".join(closing))
    quiet = get("full")(report, ctx(quiet=True))
    assert "Found 2 problems" not in quiet and f"{BROKEN.path}: error:" in quiet


def test_full_help_without_edits_and_unsafe(lint):
    [d] = lint(TAB_QUOTE)
    advice = dataclasses.replace(d, fix=mhlint.diagnostic.Fix(Applicability.DISPLAY_ONLY, "Name the study.", ()))
    unsafe = dataclasses.replace(d, fix=mhlint.diagnostic.Fix(Applicability.UNSAFE, "Delete it.",
                                                               (mhlint.diagnostic.Edit(d.offset, d.end_offset, ""),)))
    out = get("full")(Report(diagnostics=[advice, unsafe], files=1), ctx(quiet=True))
    assert "  = help: Name the study.\n" in out + "\n"
    assert "  = help: Delete it. (unsafe fix)" in out


def test_full_document_level_and_multiline(lint):
    [d] = lint(TAB_QUOTE)
    doc = dataclasses.replace(d, document=True, line=1, column=1, end_line=1, end_column=1, fix=None)
    out = get("full")(Report(diagnostics=[doc], files=1), ctx(quiet=True))
    assert out == f"<text>.md:1:1: ATTR001 [warning] {d.message}"  # no excerpt
    multi = dataclasses.replace(d, line=7, column=3, end_line=9, end_column=4,
                                source_lines=("ab first", "\tsecond", "third line"))
    out = get("full")(Report(diagnostics=[multi], files=1), ctx(quiet=True))
    assert _excerpt(out, 7) == ("ab first", "  ^^^^^^")  # column to end of the first line
    assert _excerpt(out, 8) == ("    second", "    ^^^^^^")  # continuation: its text
    assert _excerpt(out, 9) == ("third line", "^^^")  # last line: up to the end column


# -- grouped -------------------------------------------------------------------

def test_grouped_groups_by_file(lint):
    diags = [*lint(SAMPLE, path="one.md"), *lint(TAB_QUOTE, path="two.md"), *lint(TWICE, path="one-more.md")]
    report = Report(diagnostics=diags, issues=[BROKEN], files=3)
    out = get("grouped")(report, ctx())
    blocks = out.split("\n\n")
    assert [b.splitlines()[0] for b in blocks[:3]] == ["one.md:", "two.md:", "one-more.md:"]
    one = blocks[0].splitlines()[1:]
    assert [r.split()[1] for r in one] == ["BP001", "ATTR001", "STAT001"]
    assert all(re.match(r"^  \d+:\d+ +[A-Z]+\d+ \[(error|warning|info)\] \S", r) for r in one)
    assert blocks[1].splitlines()[1] == f"  1:23 ATTR001 [warning] {diags[3].message}"
    assert blocks[3] == f"{BROKEN.path}: error: {BROKEN.message}"
    assert blocks[4].startswith("Found 6 problems")
    assert "\x1b" not in out and ANSI.search(get("grouped")(report, ctx(color=True)))


# -- json-lines ----------------------------------------------------------------

def test_json_lines(lint):
    diags = list(lint(SAMPLE))
    odd = dataclasses.replace(diags[0], match="line\u2028sep\u0085x", message="100% \"quoted\"\nnext")
    warn = InputIssue("", "no article found in 'docs'", "no-articles", severity=Severity.WARNING)
    report = Report(diagnostics=[*diags, odd], issues=[BROKEN, warn], files=1)
    out = get("json-lines")(report, ctx())
    lines = out.split("\n")
    assert len(lines) == len(out.splitlines()) == 6  # no object spans lines, even for str.splitlines
    objs = [json.loads(line) for line in lines]
    assert [o["type"] for o in objs] == ["diagnostic"] * 4 + ["error"] * 2
    for o, d in zip(objs, [*diags, odd]):
        assert {k: v for k, v in o.items() if k != "type"} == d.to_json()
    assert objs[3]["match"] == "line\u2028sep\u0085x"
    assert objs[4] == {"type": "error", **BROKEN.to_json()}
    assert objs[5]["severity"] == "warning"


# -- github --------------------------------------------------------------------

def _parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Read a workflow command back the way the runner does."""
    m = re.match(r"^::(\w+)(?: ([^:]*))?::(.*)$", line)
    assert m, line
    unesc = lambda s: s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")  # noqa: E731
    props = dict(p.split("=", 1) for p in m.group(2).split(",")) if m.group(2) else {}
    return m.group(1), {k: unesc(v) for k, v in props.items()}, unesc(m.group(3))


def test_github_commands_and_escaping(lint):
    [bp, attr, stat] = lint(SAMPLE, path="docs/a.md")
    assert bp.end_line == bp.line
    odd = dataclasses.replace(attr, path="dir,1/a:b%.md", name="x:y,z", severity=Severity.ERROR,
                              message="100% sure: a, b\nnext\rline")
    note = dataclasses.replace(stat, severity=Severity.INFO)
    issue = InputIssue("bad, name:1.md", "50% unreadable: yes, really", "read", line=4)
    warn = InputIssue("docs", "no articles", "no-articles", severity=Severity.WARNING)
    out = get("github")(Report(diagnostics=[bp, odd, note], issues=[issue, warn], files=1), ctx()).split("\n")
    assert out[0] == (f"::warning file=docs/a.md,line=1,col=1,endLine=1,endColumn={bp.end_column},"
                      f"title=BP001 (skip-navigation-link)::{bp.message}")
    assert out[1] == ("::error file=dir%2C1/a%3Ab%25.md,line=3,col=1,endLine=3,endColumn=13,"
                      "title=ATTR001 (x%3Ay%2Cz)::100%25 sure: a, b%0Anext%0Dline")
    assert out[2].startswith("::notice file=docs/a.md,line=5,")
    assert "60%25" in out[2]
    assert out[3] == "::error file=bad%2C name%3A1.md,line=4::50%25 unreadable: yes, really"
    assert out[4] == "::warning file=docs::no articles"
    level, props, message = _parse_command(out[1])
    assert (level, props["file"], props["title"], message) == ("error", "dir,1/a:b%.md", "ATTR001 (x:y,z)", odd.message)
    assert all("\n" not in line and "\r" not in line for line in out)


def test_github_multiline_document_and_absolute_paths(lint, tmp_path):
    [d] = lint(TAB_QUOTE)
    multi = dataclasses.replace(d, path=str(tmp_path / "sub" / "x.md"), end_line=3, end_column=2)
    doc = dataclasses.replace(d, document=True, line=1, column=1, end_line=1, end_column=1)
    out = get("github")(Report(diagnostics=[multi, doc], files=1), ctx(root=str(tmp_path))).split("\n")
    assert _parse_command(out[0])[1] == {"file": "sub/x.md", "line": "1", "endLine": "3", "title": "ATTR001 (vague-attribution)"}
    assert _parse_command(out[1])[1] == {"file": "<text>.md", "line": "1", "title": "ATTR001 (vague-attribution)"}
    assert github_mod.escape_property("a%b:c,d\r\n") == "a%25b%3Ac%2Cd%0D%0A"


# -- junit ---------------------------------------------------------------------

def test_junit_parses_and_counts(lint):
    diags = [*lint(SAMPLE, path="one.md"), *lint(TAB_QUOTE, path="two.md")]
    nasty = dataclasses.replace(diags[-1], message='a <b> & "c" \x0b\x00 end')
    diags[-1] = nasty
    warn = InputIssue("docs", "no articles", "no-articles", severity=Severity.WARNING)
    report = Report(diagnostics=diags, issues=[BROKEN, warn], files=7)
    out = get("junit")(report, ctx())
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    assert suite.get("name") == "mhlint"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["one.md", "two.md", f"{BROKEN.path}", "docs"]
    assert [c.get("classname") for c in cases[:2]] == ["one.md", "two.md"]
    failures = [f for c in cases for f in c.findall("failure")]
    assert len(failures) == len(diags)
    assert [f.get("type") for f in failures] == codes(diags)
    assert failures[0].text == f"1:1 BP001 {diags[0].message}"
    assert failures[-1].get("message") == 'a <b> & "c" \ufffd\ufffd end'
    [error] = cases[2].findall("error")
    assert error.get("message") == BROKEN.message and error.get("type") == "decode"
    assert cases[3].find("skipped") is not None
    for el in (root, suite):
        assert el.get("tests") == "7"  # max(files, testcases)
        assert el.get("failures") == "2"  # testcases with a failure
        assert el.get("errors") == "1"
    assert suite.get("skipped") == "1"
    small = ET.fromstring(get("junit")(Report(diagnostics=diags, files=1), ctx()))
    assert small.get("tests") == "2"


# -- sarif ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _replacing(lint) -> Diagnostic:
    """The TAB_QUOTE finding with an unsafe fix that replaces the match."""
    [d] = lint(TAB_QUOTE)
    edit = mhlint.diagnostic.Edit(d.offset, d.end_offset, "a 2019 review found")
    return dataclasses.replace(d, fix=mhlint.diagnostic.Fix(Applicability.UNSAFE, "Name it.", (edit,)))


def _sarif(report: Report, rules, root) -> dict:
    return json.loads(get("sarif")(report, ctx(rules, root=str(root))))


def _full_report(lint, root: Path) -> Report:
    diags = [*lint(SAMPLE, path=str(root / "docs" / "my notes #1.md")),
             *lint(UNUSED, path=str(root / "b.md"), unused=True),
             *lint(DUPLICATE, path=str(root / "dup.md"))]
    info = dataclasses.replace(diags[1], severity=Severity.INFO)
    doc = dataclasses.replace(diags[2], document=True, line=1, column=1, end_line=1, end_column=1)
    err = dataclasses.replace(diags[0], severity=Severity.ERROR, code="BP012")
    return Report(diagnostics=[*diags, info, doc, err, dataclasses.replace(_replacing(lint), path=str(root / "t.md"))],
                  issues=[InputIssue(str(root / "bad file.md"), "cannot read", "read", line=2),
                          InputIssue("", "no articles", "no-articles", severity=Severity.WARNING)],
                  files=4)


def test_sarif_validates_against_official_schema(lint, rules, validator, tmp_path):
    report = _full_report(lint, tmp_path)
    validator.validate(_sarif(report, rules, tmp_path))
    validator.validate(_sarif(Report(files=0), rules, tmp_path))
    validator.validate(_sarif(report, (), tmp_path))  # rules missing from ctx: fallback descriptors


def test_sarif_structure_for_github(lint, rules, tmp_path):
    report = _full_report(lint, tmp_path)
    log = _sarif(report, rules, tmp_path)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["informationUri"]) == (
        "mhlint", mhlint.__version__, "https://pypi.org/project/mhlint/")
    assert [r["id"] for r in driver["rules"]] == [r.code for r in rules]
    by_code = {r.code: r for r in rules}
    for desc in driver["rules"]:
        rule = by_code[desc["id"]]
        assert desc["name"] == rule.name
        assert desc["shortDescription"]["text"] == rule.summary
        assert desc["fullDescription"]["text"] == rule.explanation
        assert desc["help"]["text"].startswith(rule.explanation) and desc["help"]["markdown"]
        assert desc["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning", "info": "note"}[rule.severity]
        assert desc["properties"]["tags"][0] == rule.category
    assert run["columnKind"] == "unicodeCodePoints"
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == tmp_path.as_uri() + "/"
    results = run["results"]
    assert len(results) == len(report.diagnostics)
    for res, d in zip(results, report.diagnostics):
        assert res["ruleId"] == d.code
        assert driver["rules"][res["ruleIndex"]]["id"] == d.code
        assert res["level"] == {"error": "error", "warning": "warning", "info": "note"}[d.severity.value]
        assert res["message"]["text"] == d.message
        [loc] = res["locations"]
        art = loc["physicalLocation"]["artifactLocation"]
        assert art["uriBaseId"] == "%SRCROOT%"
        assert not art["uri"].startswith(("/", "file:")) and " " not in art["uri"] and "#" not in art["uri"]
        assert tmp_path / unquote(art["uri"]) == Path(d.path)
        region = loc["physicalLocation"]["region"]
        if d.document:
            assert region == {"startLine": 1}
        else:
            assert region == {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line, "endColumn": d.end_column}
        assert list(res["partialFingerprints"]) == ["mhlintMatch/v1"]
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/my%20notes%20%231.md"
    assert {r["level"] for r in results} == {"error", "warning", "note"}
    dup = next(r for r in results if r["ruleId"] == "DUP001")
    assert dup["relatedLocations"][0]["physicalLocation"]["region"] == {"startLine": 3}
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["error", "warning"]
    assert notes[0]["message"]["text"] == "cannot read"
    assert notes[0]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "bad%20file.md", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 2}}
    ok = _sarif(Report(diagnostics=report.diagnostics, issues=report.issues[1:], files=4), rules, tmp_path)
    assert ok["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_sarif_relative_paths_and_outside_root(lint, rules, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    inside = list(lint(TAB_QUOTE, path="sub dir/a.md"))
    outside = [dataclasses.replace(inside[0], path=str(tmp_path.parent / "elsewhere.md"))]
    log = _sarif(Report(diagnostics=inside + outside, files=2), rules, tmp_path / "sub dir")
    arts = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]]
    assert arts[0] == {"uri": "a.md", "uriBaseId": "%SRCROOT%"}
    assert arts[1] == {"uri": (tmp_path.parent / "elsewhere.md").as_uri()}
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/sub%20dir/")


def test_sarif_rule_help_includes_fix_title(rules, tmp_path):
    spec = FixSpec(kind="delete-line", applicability=Applicability.SAFE, title="Delete the line.")
    fixable = dataclasses.replace(rules[0], fix=spec)
    [desc] = _sarif(Report(), [fixable], tmp_path)["runs"][0]["tool"]["driver"]["rules"]
    assert desc["help"]["text"] == f"{fixable.explanation}\n\nFix: Delete the line."
    assert "Delete the line." in desc["help"]["markdown"]


def _prints(log: dict) -> list[tuple[str, int, str]]:
    return [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"],
             r["partialFingerprints"]["mhlintMatch/v1"]) for r in log["runs"][0]["results"]]


def test_sarif_fingerprints_survive_lines_inserted_above(lint, rules, tmp_path):
    path = str(tmp_path / "a.md")
    before = _prints(_sarif(Report(diagnostics=list(lint(SAMPLE, path=path)), files=1), rules, tmp_path))
    shifted = "An added paragraph of plain prose.\n\n" + SAMPLE.replace("Skip to content\n\n", "")
    after = _prints(_sarif(Report(diagnostics=list(lint(shifted, path=path)), files=1), rules, tmp_path))
    assert [c for c, _, _ in after] == ["ATTR001", "STAT001"]
    assert [line for _, line, _ in after] == [3, 5]
    plain = "Intro.\n\n" + SAMPLE.replace("Skip to content\n\n", "")
    base = _prints(_sarif(Report(diagnostics=list(lint(plain, path=path)), files=1), rules, tmp_path))
    moved = "Two added lines.\n\n" + plain
    later = _prints(_sarif(Report(diagnostics=list(lint(moved, path=path)), files=1), rules, tmp_path))
    assert [c for c, _, _ in base] == [c for c, _, _ in later] == ["ATTR001", "STAT001"]
    assert [line + 2 for _, line, _ in base] == [line for _, line, _ in later]
    assert [p for _, _, p in base] == [p for _, _, p in later]
    assert before[1][2] == base[0][2]  # same text, same file: same fingerprint wherever it sits


def test_sarif_fingerprints_differ_for_identical_matches(lint, rules, tmp_path):
    diags = list(lint(TWICE, path=str(tmp_path / "a.md")))
    assert [(d.code, d.match) for d in diags] == [("ATTR001", "Studies show")] * 2
    other = list(lint(TWICE, path=str(tmp_path / "b.md")))
    prints = [p for _, _, p in _prints(_sarif(Report(diagnostics=diags + other, files=2), rules, tmp_path))]
    assert len(set(prints)) == 4


def _apply_sarif_fix(text: str, fix: dict) -> str:
    [change] = fix["artifactChanges"]
    for rep in sorted(change["replacements"], key=lambda r: -r["deletedRegion"]["charOffset"]):
        start = rep["deletedRegion"]["charOffset"]
        end = start + rep["deletedRegion"].get("charLength", 0)
        text = text[:start] + rep.get("insertedContent", {}).get("text", "") + text[end:]
    return text


def test_sarif_fixes_apply_to_the_text(lint, rules, tmp_path):
    [d] = lint(UNUSED, path=str(tmp_path / "b.md"), unused=True)
    [res] = _sarif(Report(diagnostics=[d], files=1), rules, tmp_path)["runs"][0]["results"]
    [fix] = res["fixes"]
    assert fix["artifactChanges"][0]["artifactLocation"] == {"uri": "b.md", "uriBaseId": "%SRCROOT%"}
    assert _apply_sarif_fix(UNUSED, fix) == fixer.apply_edits(UNUSED, d.fix.edits) == "Intro text here.\n\nAll fine.\n"
    # Every other fix with edits that the catalogue produces on these texts
    # (DUP001 deletes the second copy), then a replacement after a tab and
    # curly quotes: offsets are code points.
    applied = 0
    for text in (SAMPLE, TAB_QUOTE, DUPLICATE, TWICE):
        diags = list(lint(text, path=str(tmp_path / "c.md")))
        results = _sarif(Report(diagnostics=diags, files=1), rules, tmp_path)["runs"][0]["results"]
        for d, res in zip(diags, results):
            if d.fix is not None and d.fix.edits and d.fix.applicability is not Applicability.DISPLAY_ONLY:
                [fix] = res["fixes"]
                assert _apply_sarif_fix(text, fix) == fixer.apply_edits(text, d.fix.edits)
                applied += 1
            else:
                assert "fixes" not in res
    assert applied >= 1
    [res] = _sarif(Report(diagnostics=[_replacing(lint)], files=1), rules, tmp_path)["runs"][0]["results"]
    fixed = _apply_sarif_fix(TAB_QUOTE, res["fixes"][0])
    assert fixed == TAB_QUOTE.replace("studies show", "a 2019 review found")
