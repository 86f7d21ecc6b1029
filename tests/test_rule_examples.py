"""Every rule proves itself with its own examples.

Each bad example must give that rule's diagnostic (exactly on the stated
lines, and at the stated column and match where given); each good example
must give none. Examples run in Markdown and in plain text unless the example
names one format, with only the rule under test selected.
"""

from __future__ import annotations

import pytest

from mhlint.catalog.ruleset import build
from mhlint.engine.lint import for_rules, lint_sources, lint_text
from mhlint.output import fixer
from mhlint.settings.model import Settings
from mhlint.text.source import SourceFile

RULES = build(Settings()).catalog
ALONE = {rule.code: for_rules([rule]) for rule in RULES}
SUFFIX = {"md": "example.md", "txt": "example.txt"}


def _cases(kind: str):
    for rule in RULES:
        for i, example in enumerate(getattr(rule, kind)):
            for fmt in example.formats:
                yield pytest.param(rule, example, fmt, id=f"{rule.code}-{kind}{i}-{fmt}")


@pytest.mark.parametrize("rule,example,fmt", list(_cases("bad")))
def test_bad_example_is_reported(rule, example, fmt):
    diags = [d for d in lint_text(example.text, SUFFIX[fmt], ALONE[rule.code]) if d.code == rule.code]
    assert diags, f"{rule.code} did not report its bad example ({fmt}): {example.text!r}"
    if example.expect:
        assert sorted({d.line for d in diags}) == sorted({e["line"] for e in example.expect})
        for expected in example.expect:
            on_line = [d for d in diags if d.line == expected["line"]]
            if expected.get("column") is not None:
                assert expected["column"] in [d.column for d in on_line]
            if expected.get("match") is not None:
                assert expected["match"] in [d.match for d in on_line]


def _fixed_cases():
    for rule in RULES:
        for i, example in enumerate(rule.bad):
            if example.fixed is not None:
                for fmt in example.formats:
                    yield pytest.param(rule, example, fmt, id=f"{rule.code}-bad{i}-{fmt}")


@pytest.mark.parametrize("rule,example,fmt", list(_fixed_cases()))
def test_fix_of_a_bad_example_gives_the_stated_text(rule, example, fmt):
    """Applying the rule's own fix (unsafe included) gives exactly ``fixed``,
    and the fixed text has no fixable finding of that rule left."""
    rs = ALONE[rule.code]
    source = SourceFile.from_text(example.text, SUFFIX[fmt])
    diags = lint_sources([source], rs)[0]
    result = fixer.fix_source(source, diags, lambda s: lint_sources([s], rs)[0], unsafe=True)
    assert result.source.text == example.fixed
    assert not [d for d in result.diagnostics if d.code == rule.code and fixer.wanted(d, unsafe=True)]


def test_every_rule_whose_fix_edits_shows_a_fixed_example():
    missing = [r.code for r in RULES if r.fix is not None and r.fix.edits and not any(e.fixed is not None for e in r.bad)]
    assert not missing, missing


@pytest.mark.parametrize("rule,example,fmt", list(_cases("good")))
def test_good_example_is_silent(rule, example, fmt):
    diags = [d for d in lint_text(example.text, SUFFIX[fmt], ALONE[rule.code]) if d.code == rule.code]
    assert not diags, f"{rule.code} reported its good example ({fmt}): " + "; ".join(
        f"{d.line}:{d.column} {d.match!r}" for d in diags
    )


def test_every_rule_has_examples_of_both_kinds():
    for rule in RULES:
        assert rule.bad and rule.good, rule.code


def test_codes_names_and_files_are_consistent():
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    for rule in RULES:
        assert rule.path.endswith(f"{rule.category}/{rule.code}-{rule.name}.yaml")
        assert rule.explanation and rule.summary and rule.message


def test_every_bad_example_states_its_line_column_and_match():
    """A bad example is a specification: where the finding starts and what it covers."""
    vague = [f"{rule.code} bad[{i}]" for rule in RULES for i, example in enumerate(rule.bad)
             if not example.expect or any(e.get("column") is None or e.get("match") is None for e in example.expect)]
    assert vague == []
