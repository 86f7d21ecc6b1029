"""The cheap tests in front of the expensive ones never change a finding.

Three shortcuts decide what is never searched: the sentence splitter (no
tokenizer for sentences), the literals a regex's match must contain (a
sentence or line without any of them is not searched), and the anchor words
of token rules (spaCy reads only sentences holding them). Each is checked
here against the plain way, on every text this repository holds: the seeds,
the corpora and every rule's own examples.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import ROOT, compiled_patterns
from mhlint.catalog.ruleset import build
from mhlint.checks import literals
from mhlint.checks.token_pattern import TokenPattern, _possible, _words
from mhlint.settings.model import Settings
from mhlint.text.document import build as build_doc
from mhlint.text.sentences import boundaries
from mhlint.text.source import SourceFile


@lru_cache(maxsize=1)
def texts() -> tuple[str, ...]:
    """The seeds, one corpus article in five (the suite's time is bounded;
    the corpora were all checked once) and every rule example."""
    corpus = sorted(p for p in (ROOT / "tests" / "corpus").rglob("*")
                    if p.suffix in (".md", ".txt") and p.name != "README.md")
    files = sorted((ROOT / "seeds").glob("*.txt")) + corpus[::5]
    out = [p.read_text(encoding="utf-8") for p in files]
    for rule in build(Settings(preview=True)).catalog:
        out.extend(ex.text for ex in (*rule.bad, *rule.good))
    return tuple(out)


@lru_cache(maxsize=1)
def sentences() -> tuple[str, ...]:
    out: list[str] = []
    for i, text in enumerate(texts()):
        doc = build_doc(SourceFile.from_text(text, f"t{i}.md"), linguistic=True)
        out.extend(s.text for s in doc.sentences)
        out.extend(ln.text for ln in doc.lines)
    return tuple(out)


# --- sentences ---------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("See Dr. Smith today. He left.", ["See Dr. Smith today.", "He left."]),
    ("In the U.S. most people agree.", ["In the U.S. most people agree."]),
    ("Use apps, e.g. a diary. Then rest.", ["Use apps, e.g. a diary.", "Then rest."]),
    ("It was late... then it ended.", ["It was late... then it ended."]),
    ("Wow!! Really? Yes.", ["Wow!!", "Really?", "Yes."]),
    ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
    ('She paused. "Why?" she asked.', ["She paused.", '"Why?" she asked.']),
    ("Done.Next one.", ["Done.", "Next one."]),
    ("As shown (Smith et al. 2019). Next.", ["As shown (Smith et al. 2019).", "Next."]),
    ("As shown (Smith et al., 2019). Next.", ["As shown (Smith et al., 2019).", "Next."]),
    ("Read this. (2019) next.", ["Read this. (2019) next."]),
    ("J. Smith wrote it. A. B. Jones too.", ["J. Smith wrote it.", "A. B. Jones too."]),
    ("The rate is 3.5 per cent. It rose.", ["The rate is 3.5 per cent.", "It rose."]),
    ("Visit site.com. Then go.", ["Visit site.com.", "Then go."]),
    ("It works.1,2 While others.", ["It works.1,2 While others."]),
    ("Living with ADHD. Treatment helps.", ["Living with ADHD.", "Treatment helps."]),
    ("Is it? yes it is.", ["Is it?", "yes it is."]),
    ("A row of dots........ and more", ["A row of dots........ and more"]),
    ("No full stop at all", ["No full stop at all"]),
    ("   ", []),
])
def test_sentence_boundaries(text, expected):
    assert [text[a:b] for a, b in boundaries(text)] == expected


def test_sentences_are_exact_slices_of_the_view():
    text = "First one.\u00a0Second one!\r\nThird\u2009one?  Fourth.\n"
    doc = build_doc(SourceFile.from_text(text, "a.txt"), linguistic=True)
    assert [s.text for s in doc.sentences] == ["First one.", "Second one!", "Third one?", "Fourth."]
    for s in doc.sentences:
        assert doc.view[s.start:s.end] == s.text
        assert text[s.start:s.end].replace("\u00a0", " ").replace("\u2009", " ") == s.text


# --- literals ----------------------------------------------------------------

@pytest.mark.parametrize("pattern, expected", [
    (r"\bbook\s+now\b", {"book"}),
    (r"\b(?:share|tweet)\s+this\b", {"share", "tweet"}),
    (r"studies\s+(?:show|suggest)", {"studies"}),
    (r"\d+\s*%", {"%"}),
    (r"(?:a|the)?\s*\w+", None),  # every part optional or a class: nothing known
    (r"Skip to (?=content)", {"skip to "}),
])
def test_required_literals(pattern, expected):
    need = literals.required(re.compile(pattern, re.IGNORECASE))
    assert (None if need is None else set(need)) == expected


def test_case_folding_letters_outside_ascii_still_hold_the_literal():
    # Ignoring case, "s", "k" and "i" also match the long s, the Kelvin sign and
    # the dotted and dotless i: the lowered text must still hold the literal.
    for text in ("\u017ftudies show", "\u212aeep going", "\u0130nsomnia", "\u0131nsomnia"):
        word = {"\u017f": "studies", "\u212a": "keep", "\u0130": "insomnia", "\u0131": "insomnia"}[text[0]]
        pattern = re.compile(word, re.IGNORECASE)
        assert pattern.search(text)
        doc = build_doc(SourceFile.from_text(text + ".\n", "a.txt"), linguistic=True)
        assert literals.within(doc, literals.required(pattern), 0, len(text))
        assert literals.holders(doc, literals.required(pattern), "sentences") == {0}


def _bundled_patterns() -> list[tuple[str, re.Pattern[str]]]:
    out: dict[tuple[str, int], tuple[str, re.Pattern[str]]] = {}
    for rule in build(Settings(preview=True)).catalog:
        for path, pattern in compiled_patterns(rule.check.config, rule.code):
            out.setdefault((pattern.pattern, pattern.flags), (path, pattern))
    return list(out.values())


def test_a_text_a_bundled_regex_matches_holds_one_of_its_literals():
    """Every bundled regex, on every sentence and line of every text here:
    wherever it matches, the literal test lets it through."""
    units = sentences()
    # One search over all of them joined, then the unit each match starts in:
    # far fewer calls than one search per unit and pattern.
    joined = "\n".join(units)
    starts, at = [], 0
    for unit in units:
        starts.append(at)
        at += len(unit) + 1
    lows = [literals.lowered(u) for u in units]
    known = [(label, p, literals.required(p)) for label, p in _bundled_patterns()]
    assert sum(need is not None for _, _, need in known) > len(known) // 2  # the shortcut is taken for most
    checked = 0
    for label, pattern, need in known:
        if need is None:
            continue
        seen = set()
        for m in pattern.finditer(joined):
            i = bisect.bisect_right(starts, m.start()) - 1
            if i in seen or m.end() > starts[i] + len(units[i]):
                continue  # a match across two units proves nothing
            seen.add(i)
            # The plain way, in the unit alone: where it matches, the shortcut must agree.
            if pattern.search(units[i]):
                checked += 1
                assert any(s in lows[i] for s in need), (label, pattern.pattern, units[i])
    assert checked > 500


def test_findings_are_the_same_without_the_literal_test(monkeypatch):
    from mhlint.engine.lint import lint_text

    subset = texts()[:24]
    fast = [lint_text(t, f"t{i}.md") for i, t in enumerate(subset)]
    monkeypatch.setattr(literals, "within", lambda doc, need, start, end: True)
    monkeypatch.setattr(literals, "holders", lambda doc, need, kind: None)  # every line and sentence
    slow = [lint_text(t, f"t{i}.md") for i, t in enumerate(subset)]
    assert [[(d.code, d.offset, d.end_offset) for d in ds] for ds in fast] == \
        [[(d.code, d.offset, d.end_offset) for d in ds] for ds in slow]
    assert sum(map(len, fast)) > 200


# --- token rules' anchors ----------------------------------------------------

def test_no_claim_is_found_in_a_sentence_without_its_anchor_words():
    """Every token rule's matcher, on spaCy's tokens of every sentence here:
    where it matches, the anchor test had let the sentence through."""
    from mhlint.text import nlp, tokens

    rules = [r for r in build(Settings(preview=True)).catalog if isinstance(r.check, TokenPattern)]
    assert len(rules) >= 10
    matchers = [(rule, rule.check.matchers()[0], rule.check.anchors()) for rule in rules]
    texts_ = sentences()
    matched = 0
    for text, doc in zip(texts_, nlp.parse([nlp.prepared(t) for t in texts_])):
        words = _words(text)
        toks = tokens.from_spacy(doc)
        for rule, slots, anchors in matchers:
            if slots.matches(toks):
                matched += 1
                assert _possible(anchors, words), (rule.code, text)
    assert matched > 50


# --- bundled regexes compile when first used ----------------------------------

def test_a_lazy_regex_behaves_as_the_compiled_pattern():
    import pickle

    from mhlint.checks.regex import Regex

    text = "Book now. Book NOW, or book later: 10% off."
    lazy, plain = Regex(r"\bbook\s+(now|later)\b", re.IGNORECASE), re.compile(r"\bbook\s+(now|later)\b", re.IGNORECASE)
    assert lazy._compiled is None  # nothing compiled until it is used
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert lazy._compiled is not None
    assert lazy.search(text, 5).span() == plain.search(text, 5).span()
    assert lazy.sub("x", text) == plain.sub("x", text) and lazy.findall(text) == plain.findall(text)
    assert lazy.groups == 1 and lazy.match(text) is not None and lazy.fullmatch(text) is None
    again = pickle.loads(pickle.dumps(lazy))
    assert again == lazy and hash(again) == hash(lazy) and again._compiled is None
    assert literals.required(lazy) == literals.required(plain) == frozenset({"book"})
    with pytest.raises(re.error):
        Regex("(unclosed").search("x")
    with pytest.raises(AttributeError):
        Regex("x").no_such_method  # noqa: B018


def test_the_bundled_rules_load_strictly_too():
    """A run compiles the bundled regexes when first used; loading the folder
    strictly, as house rules are, compiles and validates every one of them."""
    from mhlint.catalog.loader import load_catalog
    from mhlint.catalog.resources import rules_dir
    from mhlint.checks.regex import Regex

    _, strict = load_catalog(rules_dir())
    _, lazy = load_catalog(rules_dir(), lazy=True)
    assert [r.code for r in strict] == [r.code for r in lazy]
    strict_patterns = [p for r in strict for _, p in compiled_patterns(r.check.config, r.code)]
    assert strict_patterns and all(isinstance(p, re.Pattern) for p in strict_patterns)
    found = [v for r in lazy for v in r.check.config.values()
             for v in (v if isinstance(v, list) else [v]) if isinstance(v, Regex)]
    assert len(found) > 300 and all(v._compiled is None for v in found)
