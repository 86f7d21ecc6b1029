"""The command line through click's CliRunner: exit codes, output format and
order, JSON, selection, bad inputs, directory walking, and the rule commands."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from mhlint import __version__
from mhlint.catalog.ruleset import build
from mhlint.engine.internal import INTERNAL
from mhlint.settings.model import Settings
from mhlint.cli import main

ATTR = "Studies show that crying helps."
SKIP_LINE = "Skip to content"
STAT = "Nearly 60% of clients cry."
MIXED = f"Skip to content\n\n{ATTR}\n\n{STAT}\n"  # BP001 line 1, ATTR001 line 3, STAT001 line 5
ATTR_MSG = "'Studies show' attributes the claim to no one in particular; name the study, author or organisation, or link it."
STAT_MSG = ("'Nearly 60%' is a statistic with no source nearby; cite where it comes from "
            "(a link, an author-year citation or a named survey) or remove it.")
CATEGORIES = {"boilerplate", "duplicate", "statistic", "attribution", "physiology", "language",
              "safety", "claims", "consistency", "metadata", "readability"}
JSON_KEYS = {"path", "line", "column", "end_line", "end_column", "offset", "end_offset", "code", "name",
             "category", "severity", "confidence", "message", "match", "document", "related_line", "fix"}


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def codes(result) -> list[str]:
    """Codes of the finding lines (``path:line:col: CODE ...``), not the summary."""
    return [line.split(" ")[1] for line in result.stdout.splitlines() if re.match(r"^\S+:\d+:\d+: ", line)]


def test_clean_file_exits_0(here):
    write(here / "calm.md", "# Sleep\n\nA calm evening routine helps many people rest.\n")
    result = run("calm.md")
    assert result.exit_code == 0
    assert result.stdout == "No problems found in 1 file.\n"
    assert result.stderr == ""


def test_findings_exit_1_sorted_by_path_and_position(here):
    write(here / "b.md", f"{STAT}\n\n{ATTR}\n")
    write(here / "a.txt", f"Intro.\n{ATTR} {STAT}\n")
    write(here / "c.md", "Nothing to see.\n")
    result = run("c.md", "b.md", "a.txt")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"a.txt:2:1: ATTR001 [warning] {ATTR_MSG}",
        f"a.txt:2:33: STAT001 [warning] {STAT_MSG}",
        f"b.md:1:1: STAT001 [warning] {STAT_MSG}",
        f"b.md:3:1: ATTR001 [warning] {ATTR_MSG}",
        "Found 4 problems (4 warnings) in 2 of 3 files.",
    ]
    assert result.stderr == ""


def test_exit_zero_flag(here):
    write(here / "b.md", STAT + "\n")
    result = run("--exit-zero", "b.md")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "Found 1 problem (1 warning) in 1 of 1 file."


def test_json_format(here):
    write(here / "mixed.md", MIXED)
    result = run("--format", "json", "mixed.md")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert set(report) == {"version", "files", "diagnostics", "errors", "fixed"}
    assert (report["files"], report["errors"], report["fixed"]) == (1, [], [])
    data = report["diagnostics"]
    assert [(d["code"], d["line"], d["column"], d["end_line"], d["end_column"]) for d in data] == [
        ("BP001", 1, 1, 1, 16), ("ATTR001", 3, 1, 3, 13), ("STAT001", 5, 1, 5, 11)]
    for d in data:
        assert set(d) == JSON_KEYS
        assert d["category"] in CATEGORIES
        assert d["path"] == "mixed.md" and d["document"] is False and d["severity"] == "warning"
    assert data[1]["name"] == "vague-attribution" and data[1]["category"] == "attribution"
    assert data[1]["message"] == ATTR_MSG and data[1]["match"] == "Studies show"
    assert (data[2]["offset"], data[2]["end_offset"]) == (50, 60)


def test_json_of_a_clean_run_has_no_diagnostics(here):
    write(here / "calm.md", "A calm evening.\n")
    result = run("--format", "json", "calm.md")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["diagnostics"] == []


def test_json_carries_input_errors(here):
    (here / "bad.txt").write_bytes(b"\xff\xfe bad")
    result = run("--output-format", "json", "bad.txt", "missing.md")
    assert result.exit_code == 2
    errors = json.loads(result.stdout)["errors"]
    assert errors == [
        {"path": "missing.md", "line": None, "kind": "read", "severity": "error", "message": "no such file or directory"},
        {"path": "bad.txt", "line": None, "kind": "decode", "severity": "error",
         "message": "not valid UTF-8 (byte 0xff at offset 0)"},
    ]


@pytest.mark.parametrize(
    "option, selectors, expected",
    [
        ("--select", ["STAT001"], ["STAT001"]),
        ("--select", ["BP"], ["BP001"]),
        ("--select", ["vague-attribution"], ["ATTR001"]),
        ("--select", ["statistic"], ["STAT001"]),
        ("--select", ["bp001,statistic"], ["BP001", "STAT001"]),
        ("--select", ["BP001", "ATTR"], ["BP001", "ATTR001"]),
        ("--ignore", ["STAT001"], ["BP001", "ATTR001"]),
        ("--ignore", ["BP"], ["ATTR001", "STAT001"]),
        ("--ignore", ["skip-navigation-link"], ["ATTR001", "STAT001"]),
        ("--ignore", ["attribution,statistic"], ["BP001"]),
    ],
)
def test_select_and_ignore(here, option, selectors, expected):
    write(here / "mixed.md", MIXED)
    args = [arg for sel in selectors for arg in (option, sel)]
    result = run(*args, "mixed.md")
    assert result.exit_code == 1
    assert codes(result) == expected


def test_select_and_ignore_together(here):
    write(here / "mixed.md", MIXED)
    result = run("--select", "ALL", "--ignore", "BP,STAT", "mixed.md")
    assert codes(result) == ["ATTR001"]


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_selector_exits_2(here, option):
    write(here / "mixed.md", MIXED)
    result = run(option, "NOPE", "mixed.md")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (f"mhlint: error: {option}: 'NOPE' matches no rule "
                             "(use a code, code prefix, rule name, category or tag)\n")
    assert "Traceback" not in result.output


def test_missing_path_exits_2_and_others_are_linted(here):
    write(here / "b.md", STAT + "\n")
    result = run("b.md", "missing.md")
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [f"b.md:1:1: STAT001 [warning] {STAT_MSG}",
                                          "Found 1 problem (1 warning) in 1 of 1 file."]
    assert result.stderr == "mhlint: error: missing.md: no such file or directory\n"


def test_non_utf8_file_exits_2_and_others_are_linted(here):
    (here / "bad.txt").write_bytes(b"\xff\xfe bad")
    write(here / "good.md", ATTR + "\n")
    result = run("bad.txt", "good.md")
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == f"good.md:1:1: ATTR001 [warning] {ATTR_MSG}"
    assert result.stderr == "mhlint: error: bad.txt: not valid UTF-8 (byte 0xff at offset 0)\n"
    assert "Traceback" not in result.output


def test_directories_are_walked_recursively(here):
    for name in ["docs/a.md", "docs/sub/b.markdown", "docs/sub/deeper/c.txt", "docs/notes.rst",
                 "docs/data.json", "docs/.hidden/h.md", "docs/node_modules/n.md", "docs/sub/README"]:
        write(here / name, ATTR + "\n")
    result = run("docs")
    assert result.exit_code == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()[:-1]] == [
        "docs/a.md", "docs/sub/b.markdown", "docs/sub/deeper/c.txt"]
    assert result.stdout.splitlines()[-1] == "Found 3 problems (3 warnings) in 3 of 3 files."


def test_a_file_named_explicitly_is_linted_whatever_its_suffix(here):
    write(here / "notes.rst", ATTR + "\n")
    result = run("notes.rst")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"notes.rst:1:1: ATTR001 [warning] {ATTR_MSG}"


def test_no_paths_lints_the_current_directory(here):
    write(here / "a.md", ATTR + "\n")
    write(here / "sub" / "b.txt", STAT + "\n")
    write(here / "skip.py", ATTR + "\n")
    result = run()
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"a.md:1:1: ATTR001 [warning] {ATTR_MSG}",
        f"sub/b.txt:1:1: STAT001 [warning] {STAT_MSG}",
        "Found 2 problems (2 warnings) in 2 of 2 files.",
    ]


def test_rules_lists_every_rule(here):
    result = run("rules")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines()]
    assert listed == [rule.code for rule in build(Settings()).catalog] + [r.code for r in INTERNAL]
    assert {"BP001", "STAT001", "ATTR001", "PHYS001", "DUP001"} <= set(listed)
    stat = next(line for line in result.stdout.splitlines() if line.startswith("STAT001 "))
    assert stat.split()[1:3] == ["unsourced-percentage", "statistic"]


def test_rules_by_category(here):
    result = run("rules", "--category", "statistic")
    assert [line.split()[0] for line in result.stdout.splitlines()] == [
        rule.code for rule in build(Settings()).catalog if rule.category == "statistic"]


@pytest.mark.parametrize("name", ["STAT001", "stat001", "unsourced-percentage"])
def test_rule_shows_name_and_examples(here, name):
    result = run("rule", name)
    assert result.exit_code == 0
    out = result.stdout
    assert out.splitlines()[0] == "STAT001 (unsourced-percentage)"
    assert "Category: statistic    Severity: warning    Confidence: high" in out
    rule = next(r for r in build(Settings()).catalog if r.code == "STAT001")
    assert len(rule.bad) >= 2 and len(rule.good) >= 2
    for example in rule.bad + rule.good:
        for line in example.text.rstrip("\n").splitlines():
            assert f"    {line}\n" in out
    assert out.index("Examples that are reported:") < out.index(f"    {rule.bad[0].text.splitlines()[0]}")
    assert out.index("Examples that are not reported:") < out.index(f"    {rule.good[0].text.splitlines()[0]}")


def test_unknown_rule_exits_2(here):
    result = run("rule", "NOPE")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "mhlint: error: no rule 'NOPE' (see `mhlint rules`)\n"


def test_check_rules_treats_rules_as_a_path(here):
    write(here / "rules" / "a.md", ATTR + "\n")
    result = run("check", "rules")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"rules/a.md:1:1: ATTR001 [warning] {ATTR_MSG}",
                                          "Found 1 problem (1 warning) in 1 of 1 file."]
    # while plain `mhlint rules` is the command
    assert run("rules").stdout.startswith("ATTR001 ")


def test_version_subprocess():
    proc = subprocess.run([sys.executable, "-m", "mhlint", "--version"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0
    assert proc.stdout == f"mhlint, version {__version__}\n"
    assert __version__ == "0.2.0"


def test_fail_on_comes_from_the_linted_file_s_own_configuration(here):
    write(here / "sub" / ".mhlint.yaml", "fail-on: error\n")
    write(here / "sub" / "a.md", ATTR + "\n")
    write(here / "b.md", ATTR + "\n")
    assert run("sub").exit_code == 0  # a warning, below sub's threshold
    assert run("sub", "b.md").exit_code == 1  # b.md has the default threshold
    assert run("--fail-on", "warning", "sub").exit_code == 1  # the command line wins


def test_statistics_counts_by_rule_and_quiet_prints_only_findings(here):
    write(here / "a.md", MIXED)
    write(here / "b.md", f"{ATTR}\n")
    stats = run("--statistics", "a.md", "b.md")
    assert "2  ATTR001  vague-attribution" in stats.stdout.splitlines()
    assert "1  BP001    skip-navigation-link  [fixable]" in stats.stdout.splitlines()
    quiet = run("--quiet", "a.md", "b.md")
    assert quiet.exit_code == 1
    assert all(re.match(r"^\S+:\d+:\d+: [A-Z]+\d{3} \[", line) for line in quiet.stdout.splitlines())
    assert len(quiet.stdout.splitlines()) == 4


def test_stdin_is_linted_under_its_filename_with_config_and_per_file_ignores(here):
    write(here / ".mhlint.yaml", "per-file-ignores:\n  'drafts/*.md': [statistic]\n")
    result = run("-", "--stdin-filename", "drafts/new.md", input=f"{STAT}\n\n{ATTR}\n")
    assert result.exit_code == 1
    assert codes(result) == ["ATTR001"]
    assert result.stdout.startswith("drafts/new.md:3:1: ATTR001 [warning] ")
    elsewhere = run("-", "--stdin-filename", "posts/new.md", input=f"{STAT}\n")
    assert codes(elsewhere) == ["STAT001"]


def test_stdin_under_an_excluded_name_is_skipped_only_with_force_exclude(here):
    assert codes(run("-", "--stdin-filename", "README.md", input=f"{STAT}\n")) == ["STAT001"]
    forced = run("-", "--stdin-filename", "README.md", "--force-exclude", input=f"{STAT}\n")
    assert (forced.exit_code, codes(forced)) == (0, [])


def _on_a_terminal(args: list[str], cwd, env_extra: dict[str, str]) -> str:
    """Run mhlint with its standard output on a real pseudo-terminal."""
    import os
    import pty

    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(env_extra)
    proc = subprocess.Popen([sys.executable, "-m", "mhlint", *args], stdout=slave, stderr=subprocess.DEVNULL,
                            cwd=cwd, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the terminal closed when the process ended
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_full_output_is_coloured_on_a_terminal_unless_no_color(here):
    write(here / "a.md", f"{ATTR}\n")
    coloured = _on_a_terminal(["--output-format", "full", "a.md"], here, {})
    plain = _on_a_terminal(["--output-format", "full", "a.md"], here, {"NO_COLOR": "1"})
    piped = run("--output-format", "full", "a.md").stdout
    assert "\x1b[" in coloured
    assert "\x1b[" not in plain and "\x1b[" not in piped
    assert "^^^^^^^^^^^^" in plain and "ATTR001" in plain


def test_a_rule_that_crashes_is_reported_and_the_rest_still_runs(here, monkeypatch):
    from mhlint.checks.line_pattern import LinePattern

    def broken(self, doc):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(LinePattern, "run", broken)  # every line-pattern rule (BP001 among them) fails
    write(here / "a.md", MIXED)
    result = run("a.md")
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert "a.md:3:1: ATTR001 [warning] " + ATTR_MSG in lines  # other check types still ran
    assert "a.md:1:1: MH900 [error] rule BP001 failed on this file (ZeroDivisionError: boom); the other rules still ran. Please report this." in lines


def test_a_configuration_error_is_carried_by_the_machine_formats(here):
    write(here / ".mhlint.yaml", "select: [NOPE]\n")
    write(here / "a.md", ATTR + "\n")
    result = run("--output-format", "json", "a.md")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["errors"] == [
        {"path": ".mhlint.yaml", "line": 1, "kind": "config", "severity": "error",
         "message": "select: 'NOPE' matches no rule (use a code, code prefix, rule name, category or tag)"}]
    sarif = json.loads(run("--output-format", "sarif", "a.md").stdout)
    assert sarif["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_mhlint_s_own_rules_can_be_ignored(here):
    write(here / "a.md", "<!-- mhlint-disable-next-line NOPE1 -->\nCalm text.\n")
    assert codes(run("a.md")) == ["MH101"]
    assert run("--ignore", "MH101", "a.md").exit_code == 0


def test_diff_on_stdin_reports_like_files(here):
    result = run("-", "--diff", input=f"{SKIP_LINE}\n\nCalm text.\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/stdin.md\n+++ b/stdin.md\n")
    assert codes(result) == ["BP001"]
    assert run("-", "--diff", input="Calm text.\n").exit_code == 0
