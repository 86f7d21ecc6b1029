"""The shape classifier for page furniture (``line-shape``): its features,
its scoring and its place among the boilerplate rules.

The features are facts about one line that do not depend on its words; the
rules weigh them. These tests pin the facts on lines whose shape is clear,
and the scoring on lines real pages carry and clean articles carry."""

from __future__ import annotations

import shutil
import time

import pytest

from mhlint.catalog import loader, resources
from mhlint.engine.lint import lint_text
from mhlint.errors import RuleError
from mhlint.text.document import build
from mhlint.text.source import SourceFile
from mhlint.checks.lines import shapes

BODY = ("Most of us learn to hide tears early, and that habit is hard to unlearn when we grow up "
        "and want to cry in front of someone we trust.")


def features(text: str, path: str = "a.txt") -> list[frozenset[str]]:
    doc = build(SourceFile.from_text(text, path))
    return [s.features for s in shapes(doc)]


@pytest.mark.parametrize("line,has,lacks", [
    ("412 Followers · Writer for Open Minds", {"separators", "number", "no_verb", "short", "no_sentence_end"}, {"pronoun"}),
    ("Print this page    Email    Save for later", {"separators"}, {"number"}),
    ("• Reducing stress and tension", set(), {"separators"}),
    ("woman-breathing-slowly-on-sofa.jpg", {"slug", "lower_start"}, set()),
    ("Visit www.example.org for more", {"url"}, set()),
    ("You can call us any time.", {"pronoun"}, {"no_verb", "no_sentence_end"}),
    ("SHARE THIS ARTICLE", {"all_caps", "title_case"}, set()),
    ("Self-help and well-being", set(), {"slug"}),
])
def test_features_of_one_line(line, has, lacks):
    (found,) = features(line)
    assert has <= found, sorted(found)
    assert not (lacks & found), sorted(found)


def test_link_share_counts_link_text_and_zone_follows_the_body():
    text = f"# T\n\n[Anxiety](/a) [Stress](/s) [Sleep](/z)\n\n{BODY}\n\nSee [our guide](/g) before you book a first session with anyone at all.\n"
    shaped = features(text, "a.md")
    assert {"links", "head"} <= shaped[1]
    assert "links" not in shaped[3] and "tail" in shaped[3]


@pytest.mark.parametrize("text", [
    "412 Followers · Writer for Open Minds",
    "Like · Comment · Share · Save",
    "9 November 2023, 06:00 GMT | Health | 3,482 views",
    "Author: Odile Marchetti — 31 articles — Follow",
    "← Previous post: Sleep after a loss  |  Next post: When grief comes back →",
    "Print this page    Email    Save for later",
])
def test_furniture_gets_exactly_one_finding(text):
    diags = [d for d in lint_text(f"{BODY}\n\n{text}\n", "a.txt") if d.category == "boilerplate"]
    assert [d.line for d in diags] == [3], [(d.code, d.line) for d in diags]


def test_the_shape_finding_says_why():
    text = f"{BODY}\n\nAuthor: Odile Marchetti — 31 articles — Follow\n"
    (diag,) = [d for d in lint_text(text, "a.txt") if d.code == "BP028"]
    assert "separators between fragments" in diag.message and "a count" in diag.message
    assert "below the article" in diag.message


@pytest.mark.parametrize("text", [
    "By Maya Chen | Updated 4 March 2025",
    "Warning signs",
    "Call or text 988 | Crisis Text Line: text HOME to 741741",
    "Smith J, Lee K. Sleep and mood. J Sleep Res. 2021;30:e13210. https://doi.org/10.1111/jsr.13210",
    "Morning · noon · night: the rhythm of a day shapes how we sleep, and you can use it.",
])
def test_content_shaped_lines_are_left_alone(text):
    assert not [d for d in lint_text(f"{BODY}\n\n{text}\n\n{BODY}\n", "a.txt") if d.code in ("BP028", "BP029")]


def test_a_specific_rule_wins_on_the_same_line():
    diags = lint_text(f"{BODY}\n\nShare: Facebook | Twitter | Pinterest | Email\n", "a.txt")
    on_line = sorted(d.code for d in diags if d.line == 3)
    assert on_line == ["BP002"]


def test_image_descriptions_need_the_caption_shape():
    text = f"{BODY}\n\nsmiling woman holding mug\n\nTalking to your child\n\n{BODY}\n"
    assert [(d.code, d.line) for d in lint_text(text, "a.txt") if d.code == "BP029"] == [("BP029", 3)]


@pytest.fixture
def rules_copy(tmp_path):
    root = tmp_path / "rules"
    shutil.copytree(resources.rules_dir(), root)
    return root


def test_an_unknown_feature_names_the_file_and_line(rules_copy):
    path = rules_copy / "boilerplate/BP028-furniture-line.yaml"
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("    no_verb: 1")].count("\n") + 1
    path.write_text(text.replace("    no_verb: 1", "    no_verbs: 1"), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        loader.load_dir(rules_copy)
    message = str(info.value)
    assert message.startswith("rules/boilerplate/BP028-furniture-line.yaml:")
    assert "unknown shape feature 'no_verbs'" in message
    reported_line = int(message.split(":")[1])
    assert abs(reported_line - line) <= 12  # the 'weights' key or its entry


def test_a_weight_must_be_a_number(rules_copy):
    path = rules_copy / "boilerplate/BP028-furniture-line.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    no_verb: 1", "    no_verb: heavy"), encoding="utf-8")
    with pytest.raises(RuleError, match="the weight of 'no_verb' must be a number"):
        loader.load_dir(rules_copy)


def test_shapes_grow_linearly_with_the_number_of_lines():
    line = "412 Followers · Writer for Open Minds · [Profile](/p) · www.example.org\n\n"

    def timed(n: int) -> float:
        doc = build(SourceFile.from_text(line * n, "a.md"))
        start = time.perf_counter()
        shapes(doc)
        return time.perf_counter() - start

    small, large = timed(500), timed(5000)
    # Ten times the lines: far less than the hundredfold of a quadratic pass.
    assert large < small * 40 + 0.05


def test_a_sentence_wrapped_over_lines_is_prose_whatever_its_links():
    text = (f"# Burnout\n\n{BODY}\n\nAccording to the [Royal College](https://example.org/rcn), 30% of\n"
            "respondents reported working unpaid overtime every week.\n")
    shaped = features(text, "a.md")
    assert "wrapped" in shaped[2] and "separators" not in shaped[2]
    assert not [d for d in lint_text(text, "a.md") if d.code in ("BP028", "BP029")]
