"""Configuration: finding the nearest file, reading YAML / TOML / pyproject
with file-and-line errors, precedence (command line > nearest file >
defaults), per-file ignores, ``mhlint config`` and its origins, and the
RuleSet built from the settings (severities, options, house rules,
fingerprint)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from mhlint.catalog.resources import rules_dir
from mhlint.catalog.ruleset import build
from mhlint.cli import main
from mhlint.errors import ConfigError
from mhlint.settings import config
from mhlint.settings.model import DEFAULT_EXCLUDE, RuleSetting, Settings

ATTR = "Studies show that crying helps."  # ATTR001
STAT = "Nearly 60% of clients cry."  # STAT001
BOTH = f"{ATTR}\n\n{STAT}\n"
# A source in the sentence after the figure: STAT001's window (around) accepts it.
NEXT_SOURCE = ("Nearly 60% of clients cry. That figure comes from a 2022 report by the "
               "Maternal Mental Health Alliance.\n")
FINDING = re.compile(r"^(?P<path>\S+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) \[(?P<sev>\w+)\]")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def findings(result) -> list[tuple[str, str, str]]:
    """(path, code, severity) of each finding line."""
    out = []
    for line in result.stdout.splitlines():
        m = FINDING.match(line)
        if m:
            out.append((m["path"], m["code"], m["sev"]))
    return out


def codes(result, path: str | None = None) -> list[str]:
    return [c for p, c, _ in findings(result) if path is None or p == path]


def settings_of(path: Path) -> Settings:
    """Settings from one configuration file, applied to the defaults."""
    return config.apply(Settings(), config.read(path), path)


def error_of(path: Path) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        build(settings_of(path))
    return info.value


# -- finding the configuration ------------------------------------------------

def test_find_walks_up_and_the_nearest_file_wins(tmp_path):
    root = write(tmp_path / ".mhlint.yaml", "select: [ATTR]\n")
    sub = write(tmp_path / "a" / ".mhlint.toml", 'select = ["STAT"]\n')
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    assert config.find(deep) == sub.resolve()
    assert config.find(tmp_path / "a") == sub.resolve()
    assert config.find(tmp_path) == root.resolve()


def test_find_order_within_one_folder(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.mhlint]\nselect = ["ATTR"]\n')
    assert config.find(tmp_path).name == "pyproject.toml"
    write(tmp_path / ".mhlint.toml", 'select = ["ATTR"]\n')
    assert config.find(tmp_path).name == ".mhlint.toml"
    write(tmp_path / ".mhlint.yml", "select: [ATTR]\n")
    assert config.find(tmp_path).name == ".mhlint.yml"
    write(tmp_path / ".mhlint.yaml", "select: [ATTR]\n")
    assert config.find(tmp_path).name == ".mhlint.yaml"


def test_a_pyproject_without_the_table_is_not_a_configuration(tmp_path):
    root = write(tmp_path / "pyproject.toml", '[tool.mhlint]\nselect = ["ATTR"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "mhlint-site"\n\n[tool.black]\nline-length = 99\n')
    assert config.find(tmp_path / "sub") == root.resolve()


@pytest.mark.parametrize("text", [
    '[tool.mhlint]\nselect = ["ATTR"]\n',
    '[tool.mhlint.rules.STAT001]\nseverity = "error"\n',
    '[ tool . "mhlint" ]\nselect = ["ATTR"]\n',
    '[tool]\nmhlint.select = ["ATTR"]\n',
])
def test_pyproject_table_spellings_are_found(tmp_path, text):
    path = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n' + text)
    assert config.find(tmp_path) == path.resolve()


def test_tool_mhlintx_is_not_mhlint(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.mhlintx]\nselect = ["ATTR"]\n')
    assert config.find(tmp_path) is None


def test_the_three_formats_read_the_same(tmp_path):
    yaml_file = write(tmp_path / "y" / ".mhlint.yaml",
                      "select: [ATTR, STAT]\nfail-on: error\nreadability:\n  target-grade: 8\n"
                      "rules:\n  STAT001:\n    severity: error\n    options: {window: sentence}\n")
    toml_file = write(tmp_path / "t" / ".mhlint.toml",
                      'select = ["ATTR", "STAT"]\nfail-on = "error"\n[readability]\ntarget-grade = 8\n'
                      '[rules.STAT001]\nseverity = "error"\noptions = { window = "sentence" }\n')
    py_file = write(tmp_path / "p" / "pyproject.toml",
                    '[project]\nname = "x"\n[tool.mhlint]\nselect = ["ATTR", "STAT"]\nfail-on = "error"\n'
                    '[tool.mhlint.readability]\ntarget-grade = 8\n'
                    '[tool.mhlint.rules.STAT001]\nseverity = "error"\n[tool.mhlint.rules.STAT001.options]\n'
                    'window = "sentence"\n')
    dicts = []
    for path in (yaml_file, toml_file, py_file):
        s = settings_of(path)
        d = s.as_dict()
        assert d["root"] == str(path.parent.resolve())
        del d["root"], d["config_file"]
        dicts.append(d)
        assert s.select == ("ATTR", "STAT") and s.fail_on == "error" and s.readability_target_grade == 8.0
    assert dicts[0] == dicts[1] == dicts[2]


# -- errors name the file and the line -----------------------------------------

def test_yaml_unknown_key_names_file_and_line(tmp_path):
    path = write(tmp_path / ".mhlint.yaml", "# comment\nselect: [ATTR]\n\nselekt: [STAT]\n")
    with pytest.raises(ConfigError) as info:
        settings_of(path)
    assert info.value.path == str(path) and info.value.line == 4
    assert "unknown key 'selekt'" in str(info.value)


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = write(tmp_path / ".mhlint.yaml", "select: [ATTR\nignore: [STAT]\n  - x\n")
    with pytest.raises(ConfigError) as info:
        config.read(path)
    assert info.value.path == str(path) and info.value.line is not None and "invalid YAML" in info.value.message


def test_toml_unknown_top_level_key_names_the_line(tmp_path):
    path = write(tmp_path / ".mhlint.toml", '# header\nselect = ["STAT"]\n\nbogus = 1\n')
    with pytest.raises(ConfigError) as info:
        settings_of(path)
    assert (info.value.path, info.value.line) == (str(path), 4)


def test_toml_syntax_error_names_the_line(tmp_path):
    path = write(tmp_path / ".mhlint.toml", 'select = ["STAT"]\nignore = [\n')
    with pytest.raises(ConfigError) as info:
        config.read(path)
    assert info.value.line is not None and "invalid TOML" in info.value.message


def test_toml_key_inside_a_rules_table_names_its_own_line(tmp_path):
    path = write(tmp_path / ".mhlint.toml",
                 'select = ["ALL"]\n\n[rules.STAT002]\nseverity = "error"\n\n[rules.STAT001]\nseverity = "fatal"\n')
    with pytest.raises(ConfigError) as info:
        settings_of(path)
    assert (info.value.path, info.value.line) == (str(path), 7)
    assert "fatal" in info.value.message


def test_toml_option_in_an_inline_table_names_its_line(tmp_path):
    # The same option name appears earlier in another table: the line must be
    # the inline table's, not the first line that says ``window =``.
    path = write(tmp_path / ".mhlint.toml",
                 '[rules.STAT002.options]\nwindow = "next"\n\n[rules.STAT001]\n'
                 'options = { window = "sometimes" }\n')
    err = error_of(path)
    assert (err.path, err.line) == (str(path), 5)
    assert "sometimes" in err.message


def test_toml_dotted_and_inline_section_keys_name_their_line(tmp_path):
    path = write(tmp_path / ".mhlint.toml", 'select = ["ALL"]\nreadability.target-grade = 50\n')
    with pytest.raises(ConfigError) as info:
        settings_of(path)
    assert info.value.line == 2
    path = write(tmp_path / ".mhlint.toml", 'select = ["ALL"]\n\nsafety = { locale = "Mars" }\n')
    with pytest.raises(ConfigError) as info:
        settings_of(path)
    assert info.value.line == 3 and "Mars" in info.value.message


def test_toml_multiline_array_and_strings_do_not_confuse_the_lines(tmp_path):
    path = write(tmp_path / ".mhlint.toml",
                 'select = [\n  "ATTR", # a comment ]\n  "STAT",\n]\nexclude = ["""x\nbogus = 1\n"""]\n'
                 "extend-exclude = ['a = b']\nfail-on = 'sometimes'\n")
    with pytest.raises(ConfigError) as info:
        settings_of(path)
    assert info.value.line == 9 and "fail-on" in info.value.message


def test_pyproject_errors_name_the_pyproject_line(tmp_path):
    path = write(tmp_path / "pyproject.toml",
                 '[project]\nname = "x"\nselect = 1\n\n[tool.mhlint]\nselect = ["ALL"]\nbogus = true\n')
    with pytest.raises(ConfigError) as info:
        settings_of(path)
    assert (info.value.path, info.value.line) == (str(path), 7)
    path = write(tmp_path / "pyproject.toml",
                 '[tool.mhlint]\nselect = ["ALL"]\n\n[tool.mhlint.rules.STAT001]\nseverity = "warning"\n'
                 'options = { windo = "sentence" }\n')
    err = error_of(path)
    assert (err.path, err.line) == (str(path), 6)
    assert "no option 'windo'" in err.message and "window" in err.message


def test_pyproject_lines_past_strings_and_arrays_of_tables(tmp_path):
    # A header quoted inside a multi-line string, and arrays of tables with
    # sub-tables, come before the real table: the line is still the real one.
    path = write(tmp_path / "pyproject.toml",
                 '[project]\nname = "x"\nreadme = """\n[tool.mhlint]\nbogus = 1\n"""\n\n'
                 '[[tool.poetry.source]]\nname = "a"\n[tool.poetry.source.extra]\nbogus = 2\n'
                 '[[tool.poetry.source]]\nname = "b"\n\n'
                 '[tool.mhlint]\nselect = ["ALL"]\n\n[tool.mhlint.rules]\nSTAT001 = { severity = "warning" }\n'
                 'DUP001 = { severity = "warning", options = { min_chars = "many" } }\n')
    assert config.find(tmp_path) == path.resolve()
    data = config.read(path)
    assert data.key_lines == {"select": 16, "rules": 18}
    err = error_of(path)
    assert (err.path, err.line) == (str(path), 20) and "min_chars" in err.message


@pytest.mark.parametrize("body, line, words", [
    ("fail-on: never\n", 2, "fail-on"),
    ("respect-gitignore: maybe\n", 2, "true or false"),
    ("include: [md]\n", 2, "suffixes"),
    ("readability:\n  target-grade: 40\n", 3, "reading grade"),
    ("readability:\n  max-sentence-words: 2\n", 3, "at least 5"),
    ("readability:\n  grade: 8\n", 3, "readability.grade"),
    ("safety:\n  locale: Mars\n", 3, "Mars"),
    ("safety: US\n", 2, "mapping"),
    ("exclude: 3\n", 2, "list of strings"),
    ("per-file-ignores: [x]\n", 2, "per-file-ignores"),
    ("rules:\n  STAT001: error\n", 3, "STAT001"),
    ("rules:\n  STAT001:\n    level: error\n", 4, "level"),
    ("rules:\n  STAT001:\n    severity: fatal\n", 4, "fatal"),
    ("rules:\n  STAT001:\n    options: [window]\n", 4, "mapping"),
])
def test_bad_values_name_file_and_line(tmp_path, body, line, words):
    path = write(tmp_path / ".mhlint.yaml", "select: [ALL]\n" + body)
    with pytest.raises(ConfigError) as info:
        settings_of(path)
    assert (info.value.path, info.value.line) == (str(path), line)
    assert words in info.value.message


@pytest.mark.parametrize("body, line", [
    ("select: [ATTR, NOPE]\n", 2),
    ("ignore:\n  - NOPE\n", 2),
    ("extend-select: [NOPE]\n", 2),
    ("per-file-ignores:\n  '*.md': [NOPE]\n", 2),
])
def test_unknown_selector_in_a_file_names_file_and_line(tmp_path, body, line):
    path = write(tmp_path / ".mhlint.yaml", "# site\n" + body)
    err = error_of(path)
    assert (err.path, err.line) == (str(path), line)
    assert "'NOPE' matches no rule" in err.message


def test_unknown_rule_in_rules_names_file_and_line(tmp_path):
    path = write(tmp_path / ".mhlint.toml", 'select = ["ALL"]\n[rules.STAT999]\nseverity = "error"\n')
    err = error_of(path)
    assert (err.path, err.line) == (str(path), 2) and "STAT999" in err.message


def test_cli_config_errors_exit_2_with_file_and_line(here):
    write(here / "a.md", ATTR + "\n")
    for name, text, line in [(".mhlint.yaml", "select: [ALL]\nbogus: 1\n", 2),
                             (".mhlint.toml", 'select = ["ALL"]\n[rules.STAT001]\noptions = { window = "x" }\n', 3),
                             ("pyproject.toml", '[tool.mhlint]\nselect = ["ALL"]\n\nselect-more = 1\n', 4),
                             (".mhlint.yaml", "select: [NOPE]\n", 1)]:
        for old in (".mhlint.yaml", ".mhlint.toml", "pyproject.toml"):
            (here / old).unlink(missing_ok=True)
        path = write(here / name, text)
        result = run("a.md")
        assert result.exit_code == 2, (name, result.output)
        assert f"mhlint: error: {name}:{line}: " in result.stderr, result.stderr  # relative to the working folder
        assert "Traceback" not in result.stderr


# -- precedence and scope -----------------------------------------------------

def test_cli_select_replaces_the_file_select(here):
    write(here / ".mhlint.yaml", "select: [STAT]\n")
    write(here / "a.md", BOTH)
    assert codes(run("a.md")) == ["STAT001"]
    assert codes(run("--select", "ATTR", "a.md")) == ["ATTR001"]


def test_cli_extend_ignore_adds_to_the_file_ignore(here):
    write(here / ".mhlint.yaml", "ignore: [ATTR]\n")
    write(here / "a.md", BOTH + "\nSkip to content\n")
    assert sorted(codes(run("a.md"))) == ["BP001", "STAT001"]
    assert codes(run("--extend-ignore", "STAT", "a.md")) == ["BP001"]
    # --ignore replaces the file's ignore.
    assert sorted(codes(run("--ignore", "STAT", "a.md"))) == ["ATTR001", "BP001"]


def test_cli_extend_lists_add_to_the_file_extend_lists(here):
    write(here / ".mhlint.yaml", "extend-ignore: [ATTR]\n")
    write(here / "a.md", BOTH + "\nSkip to content\n")
    assert codes(run("--extend-ignore", "STAT", "a.md")) == ["BP001"]
    result = run("config", "--extend-ignore", "STAT", "--format", "json", "a.md")
    entry = json.loads(result.stdout)["settings"]["extend-ignore"]
    assert entry["value"] == ["ATTR", "STAT"]
    assert entry["from"] == ".mhlint.yaml:1 + command line"


def test_unknown_cli_selector_with_a_file_extend_list_is_an_error(here):
    write(here / ".mhlint.yaml", "extend-select: [ATTR]\n")
    write(here / "a.md", BOTH)
    result = run("--extend-select", "NOPE", "a.md")
    assert result.exit_code == 2 and "'NOPE' matches no rule" in result.stderr
    assert "command line" in result.stderr


def test_cli_fail_on_beats_the_file(here):
    write(here / ".mhlint.yaml", "fail-on: error\n")
    write(here / "a.md", ATTR + "\n")
    assert run("a.md").exit_code == 0
    assert run("--fail-on", "warning", "a.md").exit_code == 1


def test_each_folder_uses_its_nearest_file_without_merging(here):
    write(here / ".mhlint.yaml", "ignore: [ATTR]\n")
    write(here / "sub" / ".mhlint.yaml", "ignore: [STAT]\n")
    write(here / "a.md", BOTH)
    write(here / "sub" / "b.md", BOTH)
    write(here / "sub" / "deeper" / "c.md", BOTH)
    result = run("a.md", "sub")
    assert codes(result, "a.md") == ["STAT001"]
    assert codes(result, "sub/b.md") == ["ATTR001"]
    assert codes(result, "sub/deeper/c.md") == ["ATTR001"]


def test_config_option_uses_one_file_for_every_path(here):
    write(here / ".mhlint.yaml", "ignore: [ATTR]\n")
    write(here / "sub" / ".mhlint.yaml", "ignore: [STAT]\n")
    write(here / "other" / "only.yaml", "select: [ATTR]\n")
    write(here / "a.md", BOTH)
    write(here / "sub" / "b.md", BOTH)
    result = run("--config", "other/only.yaml", "a.md", "sub/b.md")
    assert findings(result) == [("a.md", "ATTR001", "warning"), ("sub/b.md", "ATTR001", "warning")]


def test_config_option_missing_file_exits_2(here):
    write(here / "a.md", ATTR + "\n")
    result = run("--config", "nope.yaml", "a.md")
    assert result.exit_code == 2 and "nope.yaml" in result.stderr


def test_isolated_ignores_every_file(here):
    write(here / ".mhlint.yaml", "select: [STAT]\nbogus: 1\n")
    write(here / "a.md", BOTH)
    assert sorted(codes(run("--isolated", "a.md"))) == ["ATTR001", "STAT001"]


def test_pyproject_without_table_does_not_hide_the_parent_config(here):
    write(here / "pyproject.toml", '[tool.mhlint]\nselect = ["ATTR"]\n')
    write(here / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    write(here / "sub" / "a.md", BOTH)
    assert codes(run("sub/a.md")) == ["ATTR001"]


# -- per-file ignores -----------------------------------------------------------

def test_per_file_ignores_glob_semantics(here):
    write(here / ".mhlint.yaml",
          "per-file-ignores:\n"
          "  'notes.md': [ATTR]\n"          # no slash: the file name at any depth
          "  'posts/*.md': [STAT]\n"        # a slash: relative to this file's folder
          "  'drafts/': [ALL]\n")           # a folder, anywhere
    for name in ("notes.md", "deep/er/notes.md", "posts/a.md", "posts/sub/b.md", "other/posts/c.md",
                 "x/drafts/d.md", "plain.md"):
        write(here / name, BOTH)
    result = run(".")
    got = {}
    for path, code, _ in findings(result):
        got.setdefault(path, []).append(code)
    assert got == {
        "notes.md": ["STAT001"],
        "deep/er/notes.md": ["STAT001"],
        "posts/a.md": ["ATTR001"],
        "posts/sub/b.md": ["ATTR001", "STAT001"],   # '*' does not cross a slash
        "other/posts/c.md": ["ATTR001", "STAT001"],  # anchored at the configuration's folder
        "plain.md": ["ATTR001", "STAT001"],
    }


def test_per_file_ignores_are_relative_to_their_own_configuration(here):
    write(here / ".mhlint.yaml", "per-file-ignores:\n  'posts/*.md': [STAT]\n")
    write(here / "site" / ".mhlint.yaml", "per-file-ignores:\n  'posts/*.md': [ATTR]\n")
    write(here / "posts" / "a.md", BOTH)
    write(here / "site" / "posts" / "b.md", BOTH)
    result = run("posts/a.md", "site/posts/b.md")
    assert findings(result) == [("posts/a.md", "ATTR001", "warning"), ("site/posts/b.md", "STAT001", "warning")]


def test_per_file_ignores_with_config_option_are_relative_to_that_file(here):
    write(here / "conf" / "mhlint.yaml", "per-file-ignores:\n  'posts/*.md': [STAT]\n")
    write(here / "posts" / "a.md", BOTH)
    write(here / "conf" / "posts" / "b.md", BOTH)
    result = run("--config", "conf/mhlint.yaml", "posts/a.md", "conf/posts/b.md")
    assert codes(result, "posts/a.md") == ["ATTR001", "STAT001"]
    assert codes(result, "conf/posts/b.md") == ["ATTR001"]


# -- mhlint config ----------------------------------------------------------------

def test_config_command_text_shows_origins(here):
    path = write(here / ".mhlint.yaml", "# site settings\nselect: [STAT, ATTR]\nreadability:\n  target-grade: 9\n")
    result = run("config", "--fail-on", "error", ".")
    assert result.exit_code == 0, result.output
    where = ".mhlint.yaml"  # shown relative to the working folder
    lines = result.stdout.splitlines()
    assert f"# configuration file: {where}" in lines
    assert f'select: ["STAT", "ATTR"]    # from {where}:2' in lines
    assert f"readability.target-grade: 9.0    # from {where}:4" in lines
    assert 'fail-on: "error"    # from command line' in lines
    assert "preview: false    # from default" in lines
    assert "safety.locale: \"US\"    # from default" in lines
    active = next(line for line in lines if line.startswith("# active rules"))
    assert "STAT001" in active and "ATTR001" in active and "BP001" not in active


def test_config_command_json_shows_origins(here):
    path = write(here / "sub" / ".mhlint.yaml", "select: [STAT]\n\nfail-on: info\n")
    write(here / "sub" / "a.md", STAT + "\n")
    result = run("config", "--format", "json", "--extend-ignore", "STAT002", "sub/a.md")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    where = "sub/.mhlint.yaml"
    assert data["config_file"] == where
    s = data["settings"]
    assert s["select"] == {"value": ["STAT"], "from": f"{where}:1"}
    assert s["fail-on"] == {"value": "info", "from": f"{where}:3"}
    assert s["extend-ignore"] == {"value": ["STAT002"], "from": "command line"}
    assert s["exclude"] == {"value": list(DEFAULT_EXCLUDE), "from": "default"}
    assert s["respect-gitignore"] == {"value": True, "from": "default"}
    assert "STAT001" in data["active_rules"] and "STAT002" not in data["active_rules"]
    assert re.fullmatch(r"[0-9a-f]{16}", data["fingerprint"])


def test_config_command_toml_origins_have_lines(here):
    path = write(here / "pyproject.toml", '[project]\nname = "x"\n\n[tool.mhlint]\nselect = ["STAT"]\n'
                                          '[tool.mhlint.safety]\nlocale = "UK"\n')
    data = json.loads(run("config", "--format", "json").stdout)
    where = "pyproject.toml"
    assert data["settings"]["select"]["from"] == f"{where}:5"
    assert data["settings"]["safety.locale"] == {"value": "UK", "from": f"{where}:7"}


def test_config_command_without_a_file_is_all_defaults(here):
    data = json.loads(run("config", "--format", "json").stdout)
    assert data["config_file"] is None
    assert {v["from"] for v in data["settings"].values()} == {"default"}
    assert "none (defaults)" in run("config").stdout


def test_config_command_reports_bad_configuration(here):
    path = write(here / ".mhlint.yaml", "select: [ALL]\nrules:\n  STAT001:\n    options:\n      window: sometimes\n")
    result = run("config")
    assert result.exit_code == 2 and f"{path.name}:5:" in result.stderr


# -- the rule set ---------------------------------------------------------------

def test_severity_override_and_fail_on(here):
    write(here / ".mhlint.yaml", "fail-on: error\nrules:\n  STAT001:\n    severity: error\n")
    write(here / "attr.md", ATTR + "\n")
    write(here / "stat.md", STAT + "\n")
    result = run("attr.md")
    assert findings(result) == [("attr.md", "ATTR001", "warning")] and result.exit_code == 0
    result = run("stat.md")
    assert findings(result) == [("stat.md", "STAT001", "error")] and result.exit_code == 1


@pytest.mark.parametrize("key", ["stat001", "unsourced-percentage"])
def test_severity_override_by_name_or_lower_case_code(tmp_path, key):
    path = write(tmp_path / ".mhlint.yaml", f"rules:\n  {key}:\n    severity: info\n")
    rs = build(settings_of(path))
    assert next(r for r in rs.rules if r.code == "STAT001").severity == "info"


def test_window_option_changes_what_counts_as_sourced(here):
    write(here / "a.md", NEXT_SOURCE)
    assert codes(run("a.md")) == []
    write(here / ".mhlint.yaml", "rules:\n  STAT001:\n    options:\n      window: sentence\n")
    assert codes(run("a.md")) == ["STAT001"]


def test_option_overrides_keep_the_other_parameters(tmp_path):
    path = write(tmp_path / ".mhlint.yaml", "rules:\n  DUP001:\n    options:\n      min_chars: 500\n")
    rule = next(r for r in build(settings_of(path)).rules if r.code == "DUP001")
    base = next(r for r in build(Settings()).rules if r.code == "DUP001")
    assert rule.check.config["min_chars"] == 500 and base.check.config["min_chars"] == 50
    assert rule.check.config["min_run"] == base.check.config["min_run"]


def test_unknown_option_lists_the_allowed_ones(tmp_path):
    path = write(tmp_path / ".mhlint.yaml", "rules:\n  STAT001:\n    options:\n      window: sentence\n"
                                            "      claims: ['x']\n")
    err = error_of(path)
    assert (err.path, err.line) == (str(path), 5)
    assert "no option 'claims'" in err.message
    assert "(options: exclude, skip_questions, sources, unless_sentence, window)" in err.message


@pytest.mark.parametrize("body, line, words", [
    ("STAT001:\n    options:\n      window: sometimes\n", 5, "sentence, next, around, block"),
    ("DUP001:\n    options:\n      min_chars: many\n", 5, "must be a int"),
    ("STAT001:\n    options:\n      sources: ['(unclosed']\n", 5, "invalid regular expression"),
])
def test_bad_option_value_names_file_and_line(tmp_path, body, line, words):
    path = write(tmp_path / ".mhlint.yaml", "select: [ALL]\nrules:\n  " + body)
    err = error_of(path)
    assert (err.path, err.line) == (str(path), line)
    assert words in err.message


def test_options_of_an_unselected_rule_are_still_checked(tmp_path):
    path = write(tmp_path / ".mhlint.yaml", "select: [ATTR]\nrules:\n  STAT001:\n    options:\n      windo: x\n")
    err = error_of(path)
    assert err.line == 5 and "windo" in err.message


def house_rule(folder: Path, code: str = "STAT901", name: str = "house-percentage") -> Path:
    text = (rules_dir() / "statistic" / "STAT001-unsourced-percentage.yaml").read_text(encoding="utf-8")
    text = text.replace("code: STAT001", f"code: {code}").replace("name: unsourced-percentage", f"name: {name}")
    return write(folder / f"{code}-{name}.yaml", text)


def test_rule_dirs_load_a_house_rule_that_fires(here):
    house_rule(here / "house")
    write(here / ".mhlint.yaml", "rule-dirs: [house]\nselect: [STAT901, ATTR]\n")
    write(here / "a.md", BOTH)
    result = run("a.md")
    assert sorted(codes(result)) == ["ATTR001", "STAT901"], result.output
    assert "STAT901" in run("rules").stdout


def test_missing_rule_dir_is_an_error(here):
    write(here / ".mhlint.yaml", "rule-dirs: [nowhere]\n")
    write(here / "a.md", ATTR + "\n")
    result = run("a.md")
    assert result.exit_code == 2 and "nowhere" in result.stderr


def test_fingerprint(tmp_path):
    def fp(folder: str, text: str) -> str:
        return build(settings_of(write(tmp_path / folder / ".mhlint.yaml", text))).fingerprint

    base = "rules:\n  STAT001:\n    severity: error\n    options: {window: around}\n"
    assert fp("a", base) == fp("b", base)  # equal settings, two folders
    assert build(Settings()).fingerprint == build(Settings()).fingerprint
    assert fp("c", base.replace("error", "info")) != fp("a", base)
    assert fp("d", base.replace("around", "sentence")) != fp("a", base)
    assert fp("e", base + "select: [STAT]\n") != fp("a", base)

    house_rule(tmp_path / "house")
    with_house = base + "rule-dirs: [../house]\n"
    first = fp("f", with_house)
    assert first == fp("g", with_house) and first != fp("a", base)
    rule = house_rule(tmp_path / "house")
    rule.write_text(rule.read_text(encoding="utf-8").replace("severity: warning", "severity: info"), encoding="utf-8")
    changed = fp("f", with_house)
    assert changed != first
    assert next(r for r in build(settings_of(tmp_path / "f" / ".mhlint.yaml")).rules
                if r.code == "STAT901").severity == "info"


def test_rule_setting_built_directly_without_line_marks(tmp_path):
    settings = Settings(rules=(("STAT001", RuleSetting("error", (("window", "sentence"),))),))
    rule = next(r for r in build(settings).rules if r.code == "STAT001")
    assert rule.severity == "error" and rule.check.config["window"] == "sentence"


def test_house_rule_dir_with_patterns_file(here):
    house_rule(here / "house")
    write(here / "house" / "patterns.yaml", "house_word: 'clinic'\n")
    write(here / ".mhlint.yaml", "rule-dirs: [house]\nselect: [STAT901]\n")
    write(here / "a.md", STAT + "\n")
    assert codes(run("a.md")) == ["STAT901"]
    shutil.rmtree(here / "house")
    assert run("a.md").exit_code == 2


def test_preview_house_rule_runs_only_with_preview(here):
    rule = house_rule(here / "house")
    rule.write_text(rule.read_text(encoding="utf-8").replace("severity: warning", "severity: warning\nstatus: preview"),
                    encoding="utf-8")
    write(here / ".mhlint.yaml", "rule-dirs: [house]\nselect: [STAT9]\n")
    write(here / "a.md", STAT + "\n")
    result = run("a.md")
    assert codes(result) == [] and result.exit_code == 0
    assert codes(run("--preview", "a.md")) == ["STAT901"]
    write(here / ".mhlint.yaml", "rule-dirs: [house]\nselect: [STAT9]\npreview: true\n")
    assert codes(run("a.md")) == ["STAT901"]
