"""The six newer families and the seams they use: settings reaching checks
(readability targets, the safety locale), suggestions as fixes, the frames
that separate using words from naming them, document-level findings, and the
scoring of labelled corpora."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mhlint.engine.lint import lint_text
from mhlint.evaluation import micro, score
from mhlint.settings.model import Settings

HARD = (
    "Psychotherapeutic interventions characteristically necessitate systematic identification of maladaptive "
    "cognitive schemata. Contemporary conceptualisations emphasise bidirectional interrelationships between "
    "physiological dysregulation and interpersonal vulnerability. Practitioners consequently operationalise "
    "individualised formulations incorporating developmental and neurobiological considerations. Comprehensive "
    "evaluation furthermore encompasses comorbidity, psychosocial functioning and medication adherence. "
    "Therapeutic effectiveness demonstrably depends upon collaborative alliance formation and psychoeducation. "
    "Epidemiological heterogeneity complicates generalisation from randomised investigations to clinical populations. "
    "Methodological limitations notwithstanding, longitudinal investigations demonstrate considerable variability. "
    "Pharmacological augmentation strategies remain controversial, particularly regarding adolescents experiencing "
    "concurrent neurodevelopmental conditions. Practitioners should communicate probabilistic prognostic information "
    "transparently, acknowledging uncertainty regarding individualised treatment responsiveness. Interdisciplinary "
    "collaboration facilitates comprehensive biopsychosocial conceptualisation and coordinated intervention sequencing.\n"
)
PLAIN = ("Sleep helps your mood. Go to bed at the same time each night. Keep your room cool and dark. "
         "Put your phone in another room. If you cannot sleep, get up and read for a while. Most people "
         "sleep better after a few weeks of this. Talk to your doctor if it does not help. A short walk "
         "in the morning light can also help you sleep. Try to eat your last big meal a few hours before "
         "bed. Cut down on coffee after lunch. Write down your worries before you go to bed. Keep a glass "
         "of water by the bed. Do not nap late in the day. Ask a friend to go for a walk with you.\n")


def codes(diags, prefix=""):
    return [d.code for d in diags if d.code.startswith(prefix)]


# --- readability: a grade from prose only, and the target from the settings

def test_hard_prose_gets_one_document_level_grade():
    diags = [d for d in lint_text(HARD, "a.txt") if d.code == "READ001"]
    assert len(diags) == 1
    assert diags[0].document and diags[0].line == 1
    assert "grade" in diags[0].message and "above the target of 12" in diags[0].message


def test_plain_prose_passes_the_default_target_but_not_a_strict_one():
    assert "READ001" not in codes(lint_text(PLAIN, "a.txt"))
    strict = Settings(readability_target_grade=1.0)
    diags = [d for d in lint_text(PLAIN, "a.txt", strict) if d.code == "READ001"]
    assert diags and "above the target of 1" in diags[0].message


def test_headings_and_tables_are_not_prose():
    # The same hard sentences as headings and table cells give no grade.
    heads = "".join(f"## {s.strip()}\n\n" for s in HARD.split(". "))
    assert "READ001" not in codes(lint_text(heads, "a.md"))


def test_text_too_short_for_a_formula_gets_no_grade():
    assert "READ001" not in codes(lint_text("Psychotherapeutic conceptualisations necessitate operationalisation.\n", "a.txt"))


def test_sentence_length_limit_comes_from_the_settings():
    text = "You can write down the worries that keep you awake at night and put them away until the morning.\n"
    assert "READ002" not in codes(lint_text(text, "a.txt"))
    diags = [d for d in lint_text(text, "a.txt", Settings(readability_max_sentence_words=10)) if d.code == "READ002"]
    assert [(d.line, d.column) for d in diags] == [(1, 1)]
    assert "19 words (limit 10)" in diags[0].message


def test_a_citation_marker_ends_a_sentence_the_splitter_ran_on():
    first = ("Dopamine is a chemical messenger that the brain uses for many things, including movement, "
             "motivation and the feeling of wanting more of something pleasant, largely through the reward system.")
    second = ("While some people believe a short break from screens can reset this system, the evidence for "
              "that idea is thin and the studies behind it are small.")
    assert codes(lint_text(f"{first}1, 2, 3 {second}\n", "a.txt"), "READ002") == []
    assert codes(lint_text(f"{first} [3] {second}\n", "a.txt"), "READ002") == []
    # Without the marker it is one sentence of over 35 words, and reported.
    assert codes(lint_text(f"{first[:-1]}, and {second}\n", "a.txt"), "READ002") == ["READ002"]


def test_configuration_file_sets_the_target(tmp_path: Path):
    (tmp_path / ".mhlint.yaml").write_text("readability:\n  target-grade: 1\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(PLAIN, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "mhlint", "--no-cache", "--select", "READ001", "a.txt"],
                         cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 1, out.stderr
    assert "READ001" in out.stdout and "target of 1" in out.stdout


# --- safety: the crisis resource depends on the locale

SUICIDE = "Some people who think about suicide tell no one.\n\nAsk them directly how they are.\n"


def test_suicide_without_resource_is_reported_at_the_first_mention():
    diags = [d for d in lint_text(SUICIDE, "a.txt") if d.code == "SAFE001"]
    assert [(d.line, d.column, d.match) for d in diags] == [(1, 29, "suicide")]
    assert "988" in diags[0].message


def test_locale_decides_the_resource_named_and_required():
    uk = Settings(safety_locale="UK")
    diags = [d for d in lint_text(SUICIDE, "a.txt", uk) if d.code == "SAFE001"]
    assert diags and "116 123" in diags[0].message
    with_uk_line = SUICIDE + "\nYou can call Samaritans on 116 123.\n"
    assert "SAFE001" not in codes(lint_text(with_uk_line, "a.txt", uk))


def test_another_locales_resource_counts_unless_the_option_says_otherwise(tmp_path: Path):
    text = SUICIDE + "\nIn the US, call or text 988.\n"
    assert "SAFE001" not in codes(lint_text(text, "a.txt", Settings(safety_locale="UK")))
    (tmp_path / ".mhlint.yaml").write_text(
        "safety:\n  locale: UK\nrules:\n  SAFE001:\n    options:\n      other_locales: false\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "mhlint", "--no-cache", "--select", "SAFE", "a.txt"],
                         cwd=tmp_path, capture_output=True, text=True)
    assert "SAFE001" in out.stdout, out.stdout + out.stderr


def test_an_article_that_never_mentions_suicide_gets_no_safety_finding():
    assert codes(lint_text(PLAIN, "a.txt"), "SAFE") == []


def test_organisation_names_do_not_raise_the_subject():
    text = "The American Foundation for Suicide Prevention funds sleep research.\n"
    assert "SAFE001" not in codes(lint_text(text, "a.txt"))


# --- language: suggestions become unsafe fixes; mentions are not uses

def test_suggestion_is_the_unsafe_fix_and_keeps_the_capital(tmp_path: Path):
    text = "Anxiety sufferers often avoid crowds.\n"
    diags = [d for d in lint_text(text, "a.txt") if d.code == "STIG002"]
    assert diags and "people with anxiety" in diags[0].message
    assert diags[0].fix is not None and diags[0].fix.applicability.value == "unsafe"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    run = [sys.executable, "-m", "mhlint", "--no-cache", "--select", "STIG002", "--fix", str(path)]
    subprocess.run(run, capture_output=True, text=True)
    assert path.read_text(encoding="utf-8") == text  # an unsafe fix needs --unsafe-fixes
    subprocess.run(run + ["--unsafe-fixes"], capture_output=True, text=True)
    assert path.read_text(encoding="utf-8") == "People with anxiety often avoid crowds.\n"


@pytest.mark.parametrize("text", [
    'Avoid labels like "the mentally ill"; say "people with mental illness".',
    "Words such as “crazy” and “psycho” keep people from asking for help.",
    "He went to Alcoholics Anonymous for ten years.",
    "Psychotherapy and psychologists can help.",
])
def test_named_words_organisations_and_substrings_are_not_reported(text):
    assert codes(lint_text(text + "\n", "a.txt"), "STIG") == []


def test_a_long_quotation_is_speech_and_is_reported():
    text = '"I used to think addicts were people living under bridges," he says.\n'
    assert "STIG005" in codes(lint_text(text, "a.txt"))


# --- claims (phrase) and physiology (token-pattern): a negation or hedge bound
# to the claim, anywhere in its clause, silences it; a negation that describes
# something else does not

@pytest.mark.parametrize("family,text,reported", [
    ("CURE", "Our programme will cure your anxiety.", True),
    ("CURE", "There is no cure for anxiety, but treatment helps.", False),
    ("CURE", "Nothing will cure your anxiety overnight.", False),
    ("CURE", "This app may help some people get rid of anxiety for good.", False),
    ("CURE", "These steps will get rid of your anxiety for good.", True),
    ("CURE", "Be wary of apps that promise to eliminate stress for good.", False),
    # negated: before the claim, far before it, after it, or in a "that" clause
    ("PHYS", "Crying does not flush toxins out of your body.", False),
    ("PHYS", "No amount of crying will flush toxins out of your body.", False),
    ("PHYS", "Nothing you eat will instantly boost serotonin levels.", False),
    ("PHYS", "A dopamine detox doesn't reset your reward system.", False),
    ("PHYS", "Adrenal fatigue is not a recognised medical diagnosis.", False),
    ("PHYS", "Experts say that crying cannot flush toxins from the body.", False),
    ("PHYS", "Studies found that crying will not be able to flush toxins out.", False),
    # asserted: the negation belongs to a preposition or a smaller clause
    ("PHYS", "A weekend dopamine detox with no phone will reset your reward system.", True),
    ("PHYS", "Each time you face the fear without escaping, you rewire your brain for good.", True),
    ("PHYS", "Nurses often develop adrenal fatigue, where the glands can no longer make cortisol.", True),
    ("PHYS", "Trauma that is never talked about gets stored in your muscles and tissues.", True),
    ("PHYS", "Trauma that you never process is stored in the body.", True),
    ("PHYS", "People who never cry store toxins; crying flushes toxins out of the body.", True),
])
def test_negation_and_hedges_are_read_from_the_whole_clause(family, text, reported):
    assert bool(codes(lint_text(text + "\n", "a.txt"), family)) is reported


def test_an_article_that_corrects_a_named_idea_mentions_it_in_that_light():
    debunking = ("# Dopamine detox isn't real\n\nA dopamine detox means a day without phones, games and snacks.\n\n"
                 "People who try a dopamine detox often say they feel calmer.\n")
    assert codes(lint_text(debunking, "a.md"), "PHYS004") == []
    promoting = ("# Reset your week\n\nA dopamine detox means a day without phones, games and snacks.\n\n"
                 "People who try a dopamine detox often say they feel calmer.\n")
    assert codes(lint_text(promoting, "a.md"), "PHYS004") == ["PHYS004", "PHYS004"]


def test_a_question_about_a_named_idea_asserts_nothing():
    assert codes(lint_text("Does your body actually need a cortisol detox?\n", "a.txt"), "PHYS") == []
    assert codes(lint_text("Your body needs a cortisol detox.\n", "a.txt"), "PHYS") == ["PHYS003"]


def test_the_older_negation_window_is_one_option_away(tmp_path: Path):
    text = "No amount of crying will ever flush toxins out of your body.\n"
    assert codes(lint_text(text, "a.txt"), "PHYS") == []
    (tmp_path / ".mhlint.yaml").write_text(
        "rules:\n  PHYS001:\n    options:\n      negation_scope: window\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "mhlint", "--no-cache", "--select", "PHYS", "a.txt"],
                         cwd=tmp_path, capture_output=True, text=True)
    assert "PHYS001" in out.stdout, out.stdout + out.stderr


def test_a_promise_in_the_front_matter_title_is_reported_where_it_is():
    text = '---\ntitle: "Cure Panic Attacks for Good"\n---\n\nSome calm advice.\n'
    diags = [d for d in lint_text(text, "a.md") if d.code.startswith("CURE")]
    assert diags and all(d.line == 2 for d in diags)
    assert any(d.match.startswith("Cure Panic Attacks") for d in diags)


# --- metadata: document level, and a template slot is no author

ARTICLE = PLAIN + "\n" + PLAIN.replace("Sleep helps your mood.", "Rest matters too.")  # over 150 words


def test_missing_author_and_date_are_document_findings():
    diags = [d for d in lint_text(ARTICLE, "a.txt") if d.category == "metadata"]
    assert sorted(d.code for d in diags) == ["META001", "META002"]
    assert all(d.document for d in diags)


def test_front_matter_author_and_date_satisfy_and_a_slot_does_not():
    good = "---\nauthor: Maya Chen\ndate: 2025-03-04\n---\n\n" + ARTICLE
    assert codes(lint_text(good, "a.md"), "META") == []
    slot = "---\nauthor: \"{{author_name}}\"\ndate: 2025-03-04\n---\n\n" + ARTICLE
    assert codes(lint_text(slot, "a.md"), "META") == ["META001"]


def test_a_fragment_is_not_an_article():
    assert codes(lint_text(PLAIN, "a.txt"), "META") == []


# --- consistency: the later figure, naming the earlier line

def test_inconsistent_figure_names_the_earlier_line():
    text = ("Nearly 60% of clients find crying in therapy cathartic.\n\nSome other words here.\n\n"
            "In fact 70% of clients find crying in therapy cathartic and healing.\n")
    diags = [d for d in lint_text(text, "a.txt") if d.code == "CONS001"]
    assert [(d.line, d.match, d.related_line) for d in diags] == [(5, "70%", 1)]
    assert "line 1" in diags[0].message


def test_different_groups_are_not_compared():
    text = "In the survey, 38% of women slept badly.\n\nIn the same survey, 22% of men slept badly.\n"
    assert "CONS001" not in codes(lint_text(text, "a.txt"))


# --- scoring of labelled corpora

def test_line_zero_labels_absorb_the_documents_findings():
    labels = {"a.txt": [{"line": 0, "category": "readability"}, {"line": 3, "category": "statistic"}]}
    found = [("x/a.txt", 1, "readability"), ("x/a.txt", 9, "readability"), ("x/a.txt", 3, "statistic"),
             ("x/a.txt", 4, "statistic"), ("x/b.txt", 1, "statistic")]
    table = score(labels, found)
    assert (table["readability"].tp, table["readability"].fp) == (1, [])
    assert (table["statistic"].tp, table["statistic"].fp) == (1, [("a.txt", 4, "statistic")])
    m = micro(table)
    assert (m.labels, m.tp, len(m.fp), len(m.fn)) == (2, 2, 1, 0)


def test_a_missed_document_label_is_a_miss():
    table = score({"a.txt": [{"line": 0, "category": "metadata"}]}, [])
    assert table["metadata"].fn == [("a.txt", 0, "metadata")] and table["metadata"].recall == 0.0


# --- one defect, one finding

def test_a_rule_that_supersedes_another_keeps_the_one_finding():
    text = "A recent study found that journaling lifts mood.\n"
    found = codes(lint_text(text, "a.txt"), "ATTR")
    assert found == ["ATTR002"]  # ATTR002 (an unnamed study) supersedes ATTR001 on the same words


def test_findings_of_different_concerns_on_the_same_words_both_stay():
    text = ("Nearly 60% of clients find crying in therapy cathartic.\n\nSome other words here.\n\n"
            "In fact 70% of clients find crying in therapy cathartic and healing.\n")
    found = codes(lint_text(text, "a.txt"))
    assert "CONS001" in found and found.count("STAT001") == 2


@pytest.mark.parametrize("text,reported", [
    ('A note on "adrenal fatigue"\n\nMost people with burnout have normal adrenal glands.\n', False),
    ("Burnout is really adrenal fatigue, and supplements repair the glands.\n", True),
    ('Eye movements convert "right-brain" memories into "left-brain" ones.\n', True),  # scare quotes assert
])
def test_token_rules_tell_a_named_term_from_a_claim(text, reported):
    assert bool(codes(lint_text(text, "a.txt"), "PHYS")) is reported
