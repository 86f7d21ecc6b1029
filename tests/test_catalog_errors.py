"""Malformed rule files: each break must fail loading with one line,
``rules/<file>:<line>: <message>``, pointing at the offending line."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from mhlint.catalog import loader, resources
from mhlint.catalog.ruleset import build
from mhlint.settings.model import Settings
from mhlint.cli import main
from mhlint.errors import RuleError

BP001 = "boilerplate/BP001-skip-navigation-link.yaml"
STAT001 = "statistic/STAT001-unsourced-percentage.yaml"
PHYS001 = "physiology/PHYS001-tears-detox.yaml"


@pytest.fixture
def rules_copy(tmp_path):
    root = tmp_path / "rules"
    shutil.copytree(resources.rules_dir(), root)
    return root


def line_of(text: str, needle: str) -> int:
    """1-based line of the first occurrence of ``needle``."""
    assert text.count(needle) == 1, needle
    return text[: text.index(needle)].count("\n") + 1


def break_rule(root, rel: str, old: str, new: str) -> int:
    """Replace ``old`` (which must occur once) by ``new``; return the line it was on."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    line = line_of(text, old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return line


def load_error(root) -> str:
    with pytest.raises(RuleError) as info:
        loader.load_dir(root)
    return str(info.value)


def test_the_pristine_copy_loads(rules_copy):
    _, loaded = loader.load_dir(rules_copy)
    assert [r.code for r in loaded] == [r.code for r in build(Settings()).catalog]
    assert {r.path for r in loaded} >= {f"rules/{BP001}", f"rules/{STAT001}"}


def test_misspelt_top_level_key(rules_copy):
    line = break_rule(rules_copy, STAT001, "\nmessage:", "\nmesage:") + 1
    assert load_error(rules_copy) == (
        f"rules/{STAT001}:{line}: unknown key 'mesage' in rule (known: category, check, code, confidence, "
        "examples, explanation, fix, message, name, references, severity, status, summary, supersedes, tags, "
        "yields_to)")


def test_unknown_check_type(rules_copy):
    line = break_rule(rules_copy, STAT001, "type: claim-source", "type: claim-sauce")
    assert load_error(rules_copy) == (
        f"rules/{STAT001}:{line}: unknown check type 'claim-sauce' (known: claim-source, duplicate-block, "
        "figure-consistency, glued-run, line-pattern, line-shape, page-head, phrase, readability, required, token-pattern, widget-region)")


def test_invalid_regex_points_at_the_list_item(rules_copy):
    line = break_rule(rules_copy, BP001, '- "top\\\\s+of', '- "top(\\\\s+of')
    assert load_error(rules_copy) == (
        f"rules/{BP001}:{line}: invalid regular expression in 'patterns': "
        "missing ), unterminated subpattern at position 3")


def test_yaml_syntax_error(rules_copy):
    line = break_rule(rules_copy, BP001, "name: skip-navigation-link", "name: skip: navigation-link")
    assert load_error(rules_copy) == f"rules/{BP001}:{line}: invalid YAML: mapping values are not allowed here"


def test_code_prefix_must_match_category(rules_copy):
    line = break_rule(rules_copy, BP001, "category: boilerplate", "category: statistic")
    assert load_error(rules_copy) == (
        f"rules/{BP001}:{line}: code prefix BP belongs to category 'boilerplate', not 'statistic'")


def test_unknown_category(rules_copy):
    line = break_rule(rules_copy, BP001, "category: boilerplate", "category: navigation")
    assert load_error(rules_copy).startswith(f"rules/{BP001}:{line}: 'category' must be one of boilerplate, ")


def test_file_name_must_be_code_and_name(rules_copy):
    (rules_copy / BP001).rename(rules_copy / "boilerplate" / "BP001-skip-link.yaml")
    line = line_of((rules_copy / "boilerplate" / "BP001-skip-link.yaml").read_text(encoding="utf-8"), "code: BP001")
    assert load_error(rules_copy) == (
        f"rules/boilerplate/BP001-skip-link.yaml:{line}: file name must be 'BP001-skip-navigation-link.yaml'")


def test_message_placeholder_the_check_does_not_provide(rules_copy):
    line = break_rule(rules_copy, BP001, "'{match}' is a page", "'{nope}' is a page")
    assert load_error(rules_copy) == (
        f"rules/{BP001}:{line}: message uses {{nope}}, which check type 'line-pattern' does not provide "
        "(it provides {match})")


def test_good_examples_must_not_be_empty(rules_copy):
    text = (rules_copy / BP001).read_text(encoding="utf-8")
    good = text[text.index("  good:"):]
    line = break_rule(rules_copy, BP001, good, "  good: []\n")
    assert load_error(rules_copy) == f"rules/{BP001}:{line}: examples.good must be a non-empty list"


def test_good_examples_are_required(rules_copy):
    text = (rules_copy / BP001).read_text(encoding="utf-8")
    good = text[text.index("  good:"):]
    break_rule(rules_copy, BP001, good, "")
    line = line_of(text, "  bad:")  # the examples mapping starts at its first key
    assert load_error(rules_copy) == f"rules/{BP001}:{line}: examples is missing required key 'good'"


def test_unknown_shared_pattern(rules_copy):
    line = break_rule(rules_copy, BP001, '- "toggle', '- "{nosuch}toggle')
    assert load_error(rules_copy) == (
        f"rules/{BP001}:{line}: invalid regular expression in 'patterns': unknown shared pattern {{nosuch}}")


def test_invalid_token_pattern(rules_copy):
    line = break_rule(rules_copy, PHYS001, '- "~toxin"', '- "~toxin$"')
    assert load_error(rules_copy) == (
        f"rules/{PHYS001}:{line}: invalid token pattern in 'patterns': "
        "slot '~toxin$' holds characters a word cannot have")


def test_invalid_shared_pattern_in_patterns_file(rules_copy):
    line = break_rule(rules_copy, "patterns.yaml", 'url: "(?:https?://', 'url: "((?:https?://')
    assert load_error(rules_copy).startswith(f"rules/patterns.yaml:{line}: invalid regular expression 'url': ")


def test_duplicate_code(rules_copy):
    shutil.copy(rules_copy / BP001, rules_copy / "statistic" / "BP001-skip-navigation-link.yaml")
    # files load in sorted path order, so the copy under statistic/ is the second one
    assert load_error(rules_copy) == (
        f"rules/statistic/BP001-skip-navigation-link.yaml:1: 'BP001' is already used by rules/{BP001}")


HOUSE = "house/STAT901-house-percentage.yaml"


@pytest.fixture
def broken_house_rule(tmp_path):
    """A configuration whose house-rule folder holds one broken rule."""
    house = tmp_path / "house"
    house.mkdir()
    text = (resources.rules_dir() / STAT001).read_text(encoding="utf-8")
    text = text.replace("code: STAT001", "code: STAT901").replace("name: unsourced-percentage", "name: house-percentage")
    (house / "STAT901-house-percentage.yaml").write_text(text, encoding="utf-8")
    (tmp_path / ".mhlint.yaml").write_text("rule-dirs: [house]\n", encoding="utf-8")
    return break_rule(house, "STAT901-house-percentage.yaml", "\nmessage:", "\nmesage:") + 1


@pytest.mark.parametrize("args", [["seeds/"], ["check", "seeds/"], ["rules"], ["rule", "STAT001"]])
def test_cli_reports_a_broken_house_rule_in_one_line(broken_house_rule, tmp_path, monkeypatch, args):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.md").write_text("Studies show that crying helps.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"mhlint: error: {HOUSE}:{broken_house_rule}: unknown key 'mesage' in rule (known: category, "
        "check, code, confidence, examples, explanation, fix, message, name, references, severity, status, "
        "summary, supersedes, tags, yields_to)\n")
    assert "Traceback" not in result.output


def test_house_rules_load_with_the_bundled_shared_patterns(tmp_path, monkeypatch):
    house = tmp_path / "house"
    house.mkdir()
    text = (resources.rules_dir() / STAT001).read_text(encoding="utf-8")
    assert "{citation}" in text or "{named_source}" in text  # the copy relies on shared patterns
    text = text.replace("code: STAT001", "code: STAT901").replace("name: unsourced-percentage", "name: house-percentage")
    (house / "STAT901-house-percentage.yaml").write_text(text, encoding="utf-8")
    rs = build(Settings(rule_dirs=(str(house),)))
    assert "STAT901" in {r.code for r in rs.catalog} and "STAT001" in {r.code for r in rs.catalog}


def test_a_house_rule_reusing_a_bundled_code_is_an_error(tmp_path):
    house = tmp_path / "house"
    house.mkdir()
    shutil.copy(resources.rules_dir() / BP001, house / "BP001-skip-navigation-link.yaml")
    with pytest.raises(RuleError) as info:
        build(Settings(rule_dirs=(str(house),)))
    assert "'BP001' is already used by rules/" + BP001 in str(info.value)
