"""Each family on sentences written for this test: variants the rules were not
written from, and hard negatives that must stay silent (cited statistics,
accurate physiology, "share" and "related" in prose, numbered lists, short
headings). Every case runs through the full rule set."""

from __future__ import annotations

import pytest

from mhlint.engine.lint import lint_text


def categories(text: str, path: str = "case.md") -> set[str]:
    return {d.category for d in lint_text(text, path)}


POSITIVE = [
    ("boilerplate", "Jump to navigation\n\n# Coping with exam stress\n\nExams are stressful for most students and their families.\n"),
    ("boilerplate", "A long paragraph about worry that ends the way most paragraphs do, with a full stop.\n\nShare on Facebook\n"),
    ("boilerplate", "Why we cry\n\nTeenager on a benchby Rosa Ortiz (https://www.pexels.com/@rosaortiz)\n"),
    ("boilerplate", "Struggling with sleep? Book your free 20-minute discovery call with our team today.\n"),
    ("boilerplate", "Contact our clinic on (415) 555-0199 to arrange an appointment with a counsellor who understands anxiety.\n"),
    ("boilerplate", "Home › Resources › Anxiety › Panic\n\n# Panic attacks\n\nPanic is frightening but passes.\n"),
    ("boilerplate", "Posted in: Anxiety, Sleep\n"),
    ("boilerplate", "Placeholder: read the guide [insert link to NHS page] first.\n"),
    ("boilerplate", "Subscribe to our newsletter for weekly tips on wellbeing.\n"),
    ("duplicate", "# Grief at work\n\nReturning to work after a loss can feel impossible at first.\n\nTalk to your manager.\n\nReturning to work after a loss can feel impossible at first.\n"),
    ("statistic", "Roughly a quarter of adults report trouble sleeping during exams.\n"),
    ("statistic", "Four in ten new fathers say they felt low after the birth.\n"),
    ("statistic", "People who exercise are half as likely to report low mood.\n"),
    ("statistic", "Depression affects 280 million people worldwide.\n"),
    ("statistic", "Up to 85 percent of teens feel pressure to do well.\n"),
    ("attribution", "Scientists have found that gratitude improves sleep.\n"),
    ("attribution", "A new study of 400 parents showed that routines lower stress.\n"),
    ("attribution", "It is widely believed that talking therapies work better than medication.\n"),
    ("physiology", "Sweating in a hot yoga class detoxes your body of stress.\n"),
    ("physiology", "Five minutes of breathing rewires your nervous system and your brain.\n"),
    ("physiology", "Years of stress cause adrenal exhaustion.\n"),
    ("physiology", "Clinical depression is the result of a chemical imbalance.\n"),
    ("physiology", "Anger gets trapped in your hips until a stretch releases it.\n"),
]

NEGATIVE = [
    "According to the Office for National Statistics, 21% of adults reported symptoms of depression in 2021.",
    "About 1 in 6 adults in England has a common mental health problem ([NHS Digital, 2016](https://example.org/apms)).",
    "Roughly half of participants improved (Cuijpers et al., 2020).",
    "Cortisol is released during stress and helps the body respond to a threat.",
    "Exercise can lift mood, and regular activity helps many people sleep better.",
    "There is no evidence that tears flush toxins out of the body.",
    "Contrary to popular belief, you use all of your brain.",
    "When clients share their fears, the therapist listens without judgement.",
    "Anxiety-related insomnia often improves when the worry itself is treated.",
    "1. Write down the worry.\n2. Set it aside until tomorrow.\n3. Return to it at a set time.",
    "## Summary\n\nSmall steps add up.\n\n## What helps\n\nRoutine, light and company.",
    "If you are thinking about suicide, call or text 988 at any time.",
    "Take 20 mg once a day, and allow two to four weeks before judging the effect.",
    "She was 34 when she first saw a therapist, in March 2019.",
    "Sessions cost $120 and last 50 minutes.",
    "A self-help book can be a useful companion between sessions.",
    "Research on this topic is still young, and more research is needed.",
    "By Dr. Ana Ruiz, PsyD\n\nPanic attacks are common and treatable.",
    "Our grief group meets every Tuesday; related topics include loss of a pet.",
]


@pytest.mark.parametrize("category,text", POSITIVE, ids=[f"{c}-{i}" for i, (c, _) in enumerate(POSITIVE)])
@pytest.mark.parametrize("path", ["case.md", "case.txt"])
def test_variant_is_caught(category, text, path):
    assert category in categories(text, path)


@pytest.mark.parametrize("text", NEGATIVE, ids=[f"neg-{i}" for i in range(len(NEGATIVE))])
@pytest.mark.parametrize("path", ["case.md", "case.txt"])
def test_hard_negative_is_silent(text, path):
    found = lint_text(text, path)
    assert not found, "; ".join(f"{d.code} {d.match!r}" for d in found)
