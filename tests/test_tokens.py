"""mhlint's tokenizer and token matcher against spaCy's.

``text.tokens.tokenize`` must give exactly spaCy's tokens (text and offset)
wherever it answers, and answer for most prose; ``token_pattern.Slots`` must
find exactly the matches spaCy's Matcher finds. spaCy is the reference
here, and stays the tokenizer of every sentence ``tokenize`` declines.
"""

from __future__ import annotations

import random
from functools import lru_cache

import pytest
from hypothesis import given, settings, strategies as st

from conftest import ROOT
from mhlint.catalog.ruleset import build
from mhlint.checks.token_pattern import Slots, TokenPattern, _possible, _words, like_num
from mhlint.engine.lint import lint_text
from mhlint.settings.model import Settings
from mhlint.text import nlp, tokens
from mhlint.text.document import build as build_doc
from mhlint.text.source import SourceFile


def spacy_tokens(text: str) -> list[tuple[int, str]]:
    return [(t.idx, t.text) for t in nlp.pipeline().tokenizer(text)]


def ours(text: str) -> list[tuple[int, str]] | None:
    found = tokens.tokenize(text)
    return None if found is None else [(t.idx, t.text) for t in found]


def assert_alike(texts) -> int:
    """Every text ``tokenize`` answers for is tokenized as spaCy does; the
    number answered."""
    answered, wrong = 0, []
    for text in texts:
        mine = ours(text)
        if mine is None:
            continue
        answered += 1
        if mine != spacy_tokens(text):
            wrong.append((text, mine, spacy_tokens(text)))
    assert not wrong, wrong[:5]
    return answered


@lru_cache(maxsize=1)
def sentences() -> tuple[str, ...]:
    """Every sentence of the seeds, the corpora and the rule examples, as the
    token rules hand them over."""
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
        p for p in (ROOT / "tests" / "corpus").rglob("*") if p.suffix in (".md", ".txt") and p.name != "README.md")
    texts = [(p.read_text(encoding="utf-8"), p.suffix) for p in files]
    for rule in build(Settings(preview=True)).catalog:
        texts.extend((ex.text, ".md") for ex in (*rule.bad, *rule.good))
    out = []
    for i, (text, suffix) in enumerate(texts):
        doc = build_doc(SourceFile.from_text(text, f"t{i}{suffix}"), linguistic=True)
        out.extend(nlp.prepared(s.text) for s in doc.sentences)
    return tuple(out)


def test_every_sentence_here_is_tokenized_as_spacy_does_and_most_without_it():
    texts = sentences()
    answered = assert_alike(texts)
    assert answered >= 0.95 * len(texts), f"{answered} of {len(texts)}"


def test_every_spacy_exception_alone_and_in_context():
    keys = list(nlp.pipeline().tokenizer.rules)
    assert len(keys) > 1000
    contexts = ["{}", "({})", '"{}."', "{}),", "a-{}", "{}-a", "x {} y", "{}:", "{}'s", "{}.", "({}):"]
    assert_alike(c.format(k) for c in contexts for k in keys)


@pytest.mark.parametrize("text, expected", [
    ("Don't stop.", ["Do", "n't", "stop", "."]),
    ("It’s self-care, isn't it?", ["It", "’s", "self", "-", "care", ",", "is", "n't", "it", "?"]),
    ("You cannot (and should not) do it.", ["You", "can", "not", "(", "and", "should", "not", ")", "do", "it", "."]),
    ("COVID-19 hit 19-year-olds; 1-2 in 10.", ["COVID-19", "hit", "19", "-", "year", "-", "olds", ";", "1", "-", "2",
                                              "in", "10", "."]),
    ("See Dr. Smith about ADHD.", ["See", "Dr.", "Smith", "about", "ADHD", "."]),
    ("a  b   c", ["a", " ", "b", "  ", "c"]),
    ("About 50% of parents' time.", ["About", "50", "%", "of", "parents", "'", "time", "."]),
])
def test_examples(text, expected):
    assert [t for _, t in ours(text)] == expected
    assert [t for _, t in spacy_tokens(text)] == expected


@pytest.mark.parametrize("text", ["See www.example.com", "10mg a day", "Great :-)", "a\tb", "a\u00a0b", "(GAD): a",
                                  "ages 5 to 8)", "e.g. this", "the PhD. then", "I'M HERE", "y'all"])
def test_shapes_it_leaves_to_spacy(text):
    assert tokens.tokenize(text) is None


# Pieces that make up the shapes tokenize handles and their near misses.
PIECES = ["a", "I", "x", "o", "e", "D", "Dr", "vs", "Mr", "co", "St", "ADHD", "Ok", "no", "cannot", "Cannot", "gonna",
          "id", "were", "well", "its", "it", "do", "does", "ca", "wo", "self", "care", "COVID", "café", "naïve", "Über",
          "β", "1", "8", "19", "2020", "1,000", "3.5", "0", "²", "-", "–", "—", "--", "'", "’", "'s", "’s", "n't",
          "n’t", "'re", "'ll", "'d", "'m", "'ve", "(", ")", "[", "]", "{", "}", '"', "“", "”", ",", ";", ":", "!", "?",
          ".", "..", "%", " ", " ", "  ", "   ", "/", "&", "$", "#", "_", "*", "‘", "…", "\t", "\u00a0", "\u200b"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8))
def test_generated_text_is_tokenized_as_spacy_does(pieces):
    assert_alike(["".join(pieces)])


@pytest.mark.slow
def test_many_generated_texts():
    rng = random.Random(7)
    texts = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 8))) for _ in range(60_000)]
    assert assert_alike(texts) > 8_000


# --- the matcher ---------------------------------------------------------------

def _spacy_matcher(patterns):
    from spacy.matcher import Matcher

    matcher = Matcher(nlp.pipeline().vocab)
    matcher.add("k", patterns)
    return matcher


def _spacy_matches(patterns, doc) -> set[tuple[int, int]]:
    return {(start, end) for _, start, end in _spacy_matcher(patterns)(doc)}


@lru_cache(maxsize=1)
def _table():
    return nlp.lemma_table()


def _with_lemmas(doc):
    """spaCy's doc with the lookup lemmas set, as the lemmatizer would."""
    table = _table()
    for tok in doc:
        tok.lemma_ = table.get(tok.lower_, tok.lower_)
    return doc


def test_slots_find_what_spacys_matcher_finds_for_every_token_rule():
    rules = [r for r in build(Settings(preview=True)).catalog if isinstance(r.check, TokenPattern)]
    assert len(rules) >= 10
    texts = sentences()
    docs = [_with_lemmas(d) for d in nlp.parse(texts)]
    ours_ = [tokens.from_spacy(d) for d in docs]
    words = [_words(t) for t in texts]
    compared = matched = 0
    for rule in rules:
        claims, support = rule.check.matchers()
        for key, slots in (("patterns", claims), ("with", support)):
            patterns = rule.check.compiled[key]
            if not patterns:
                continue
            matcher = _spacy_matcher(patterns)
            # The sentences the anchor test lets through for this rule (the
            # only ones it is run on), and a sample of the others.
            anchors = rule.check.anchors() if key == "patterns" else None
            chosen = [i for i, w in enumerate(words) if _possible(anchors, w)] if anchors else []
            chosen = sorted(set(chosen) | set(range(0, len(docs), 25)))
            for doc, toks in ((docs[i], ours_[i]) for i in chosen):
                expected = {(start, end) for _, start, end in matcher(doc)}
                got = set(slots.matches(toks))
                assert got == expected, (rule.code, key, doc.text)
                compared += 1
                matched += bool(got)
    assert compared > 3_000 and matched > 100


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", ",", "9", "ten"]), min_size=0, max_size=9),
       st.lists(st.tuples(st.sampled_from(["a", "b", "a|c", "_", "#"]),
                          st.sampled_from(["", "?", "*", "+", "{0,2}", "{1,3}"])), min_size=1, max_size=4))
def test_slots_follow_spacys_operators(words, slots):
    from mhlint.checks.token_pattern import compile_pattern

    patterns = compile_pattern(" ".join(body + op for body, op in slots))
    doc = _with_lemmas(nlp.pipeline().tokenizer(" ".join(words)))
    slots = Slots(patterns, {})
    toks = tokens.from_spacy(doc)
    got = set(slots.matches(toks))
    assert got == _spacy_matches(patterns, doc)
    assert slots.any(toks) == bool(got)


@pytest.mark.parametrize("text", ["12", "1,000.5", "3/4", "ten", "Tenth", "21st", "-5", "±2", "x", "1/2/3", "a1", ""])
def test_like_num_is_spacys(text):
    from spacy.lang.en.lex_attrs import like_num as spacy_like_num

    assert like_num(text) == spacy_like_num(text)


# --- end to end ----------------------------------------------------------------

def test_the_same_findings_when_spacy_tokenizes_everything(monkeypatch):
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
        p for p in (ROOT / "tests" / "corpus").rglob("*") if p.suffix in (".md", ".txt") and p.name != "README.md")
    texts = [(p.read_text(encoding="utf-8"), f"t{i}{p.suffix}") for i, p in enumerate(files)]
    token_rules = [r.code for r in build(Settings()).rules if isinstance(r.check, TokenPattern)]
    select = Settings(select=tuple(token_rules))

    def findings():
        return [[(d.code, d.offset, d.end_offset) for d in lint_text(t, name, select)] for t, name in texts]

    fast = findings()
    monkeypatch.setattr(tokens, "tokenize", lambda text: None)
    assert findings() == fast
    assert sum(map(len, fast)) > 30


@pytest.mark.parametrize("unit", ["a.)", ".)", "a-", "((", "word ", "Dr.", "x.", "a'"])
def test_tokenizing_is_linear_on_long_runs(unit):
    import time

    def cost(n: int) -> float:
        text = "a" + unit * n
        best = float("inf")
        for _ in range(3):  # the best of three: a busy machine slows single runs, not the trend
            start = time.process_time()
            tokens.tokenize(text)
            best = min(best, time.process_time() - start)
        return best

    small, large = cost(5_000), cost(50_000)
    assert large < 30 * max(small, 0.002), (small, large)  # ten times the text: about ten times the time
