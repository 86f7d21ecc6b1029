"""``token-pattern``: lemma-aware phrase patterns (spaCy Matcher), with
co-occurrence and polarity.

Patterns are written compactly, one slot per token:

- ``word`` matches the word (case-insensitive); ``a|b`` any of them;
- ``~lemma`` matches every inflection (``~flush`` = flush, flushes, flushing);
- ``#`` a number-like token; ``_`` any word; ``_{0,3}`` up to three words;
- a trailing ``?``, ``+`` or ``*`` makes a slot optional or repeatable.

``with`` requires another pattern in the same sentence (tears ... toxins).
A negation anywhere in the claim's clause, before or after it ("does not
flush toxins", "no food boosts serotonin", "boosts nothing"), or a debunking
cue in the sentence ("there is no evidence", "myth") silences it, so an
article that corrects a myth is not flagged for stating it. The clause and
the negation test are those of :mod:`mhlint.checks.scope`, shared with the
``phrase`` check type; ``negation_scope: window`` keeps the older test of a
few tokens before the claim, for a rule that needs it.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Sequence

from mhlint.checks import CheckGroup, CheckType
from mhlint.checks.scope import mentioned, negated
from mhlint.checks.sources import has_source
from mhlint.diagnostic import Finding
from mhlint.text.document import Document
from mhlint.checks.params import Context, Param
from mhlint.text.yamlnodes import LList

_SLOT = re.compile(r"^(.+?)(\{\d+,\d+\}|[?+*])?$")
_WORD = re.compile(r"^~?[\w'&%.-]+$")
DEFAULT_NEGATIONS = ["not", "n't", "no", "never", "cannot", "nor", "neither", "without", "nothing"]
_NOT_NEGATING = {"only", "just", "merely", "simply"}


def _slot_specs(slot: str) -> list[dict[str, Any]]:
    """One slot -> one token spec, or two when it mixes words and ~lemmas."""
    m = _SLOT.match(slot)
    if not m:
        raise ValueError(f"cannot read slot {slot!r}")
    body, op = m.groups()
    if body == "_":
        specs: list[dict[str, Any]] = [{"IS_PUNCT": False}]
    elif body == "#":
        specs = [{"LIKE_NUM": True}]
    else:
        alternatives = body.lower().split("|")
        if not all(_WORD.match(a) for a in alternatives):
            raise ValueError(f"slot {slot!r} holds characters a word cannot have")
        lemmas = [a[1:] for a in alternatives if a.startswith("~")]
        plain = [a for a in alternatives if not a.startswith("~")]
        specs = ([{"LEMMA": {"IN": lemmas}}] if lemmas else []) + ([{"LOWER": {"IN": plain}}] if plain else [])
    for spec in specs:
        if op:
            spec["OP"] = op
    return specs


def compile_pattern(text: str) -> list[list[dict[str, Any]]]:
    """Turn the compact syntax into spaCy Matcher patterns; ValueError if bad.
    A slot mixing words and lemmas expands into one pattern per kind."""
    slots = text.split()
    if not slots:
        raise ValueError("empty pattern")
    patterns: list[list[dict[str, Any]]] = [[]]
    for slot in slots:
        specs = _slot_specs(slot)
        patterns = [p + [dict(spec)] for p in patterns for spec in specs]
        if len(patterns) > 64:
            raise ValueError("too many word/lemma mixtures in one pattern; split it")
    return patterns


class TokenPattern(CheckType):
    name = "token-pattern"
    needs = frozenset({"sentences", "tokens"})
    params = {
        "patterns": Param("list", required=True, doc="the claim, in the compact token syntax"),
        "with": Param("list", default=[], doc="another pattern that must occur in the same sentence"),
        "unless_sentence": Param("regex-list", default=[], doc="debunking or hedging cues that silence the sentence", option=True),
        "negations": Param("list", default=DEFAULT_NEGATIONS, option=True),
        "negation_scope": Param("str", default="clause", choices=("clause", "window", "off"),
                                doc="where a negation silences the claim: its whole clause, or negation_window tokens before it", option=True),
        "negation_window": Param("int", default=3, doc="tokens before the claim searched for a negation, with negation_scope: window", option=True),
        "unless_next": Param("regex-list", default=[], doc="debunking cues in the next sentence (\"That is a myth.\")"),
        "mentions": Param("bool", default=True, doc="a quoted or named term (\"the term 'dopamine detox'\") is not a claim", option=True),
        "unless_source": Param("bool", default=False, doc="a cited claim is not reported", option=True),
        "sources": Param("regex-list", default=[], doc="textual sources, with unless_source", option=True),
        "document_frame": Param("bool", default=False, option=True,
                                doc="once the article corrects the claim anywhere, its other mentions of the named idea are not claims"),
        "skip_questions": Param("bool", default=False, option=True, doc="a question (\"does your body need a cortisol detox?\") asserts nothing"),
    }

    def __init__(self, ctx: Context, config: dict[str, Any], raw: Any) -> None:
        super().__init__(ctx, config, raw)
        self.compiled: dict[str, list[list[dict[str, Any]]]] = {}
        for key in ("patterns", "with"):
            items = config[key]
            container = raw.get(key) if isinstance(raw, dict) else None
            out = []
            for i, item in enumerate(items):
                try:
                    out.extend(compile_pattern(item))
                except ValueError as exc:
                    # Point at the list item when the key held a list, else at the key.
                    where, at = (container, i) if isinstance(container, LList) else (raw, key)
                    raise ctx.error(where, at, f"invalid token pattern in '{key}': {exc}") from None
            self.compiled[key] = out
        self.negations = {w.lower() for w in config["negations"]}
        self._matchers: Any = None
        self._solo: TokenPatternGroup | None = None

    def _negated(self, sent: Any, start: int, span: tuple[int, int]) -> bool:
        """Whether a negation frames the claim: tokens from ``start``, at
        characters ``span`` of the sentence."""
        scope = self.config["negation_scope"]
        if scope == "off":
            return False
        if scope == "clause":
            return negated(sent.text, *span)
        window = self.config["negation_window"]
        if not window:
            return False
        lo = max(sent.start, start - window)
        for i in range(start - 1, lo - 1, -1):  # backwards, within the clause
            tok = sent.doc[i]
            if tok.is_punct and tok.text in ",;:()-–—":
                return False
            if tok.lower_ in self.negations:
                nxt = sent.doc[i + 1].lower_ if i + 1 < len(sent.doc) else ""
                if nxt not in _NOT_NEGATING:
                    return True
        return False

    def anchors(self) -> list[list[frozenset[str]]] | None:
        """For each claim pattern, the word or lemma sets of its required
        slots: a segment can match the pattern only if every set has a member
        among the segment's words and lemmas. A cheap test before the matcher;
        None when some pattern has no required word slot at all."""
        out: list[list[frozenset[str]]] = []
        for pattern in self.compiled["patterns"]:
            required = [frozenset((spec.get("LOWER") or spec.get("LEMMA"))["IN"]) for spec in pattern
                        if not _optional(spec.get("OP")) and ("LOWER" in spec or "LEMMA" in spec)]
            if not required:
                return None
            out.append(required)
        return out

    def support_matcher(self) -> Any:
        if self._matchers is None:
            from spacy.matcher import Matcher

            from mhlint.text.nlp import pipeline

            support = None
            if self.compiled["with"]:
                support = Matcher(pipeline().vocab)
                support.add("with", self.compiled["with"])
            self._matchers = support
        return self._matchers

    def process(self, doc: Document, offset: int, parsed: Any, found: list[tuple[int, int, int]],
                corrected: list[bool] | None = None) -> Iterable[Finding]:
        """Findings of this rule's claim matches in one segment. A match that
        the article corrects (a debunking cue, a negation, a correction in the
        next sentence) appends True to ``corrected``, for ``document_frame``."""
        cfg = self.config
        support = self.support_matcher()
        # Claims are rare: run the co-occurrence matcher only where one matched.
        supported = {parsed[s].sent.start for _, s, _ in support(parsed)} if support is not None else None
        last_end = -1
        for _, start, end in sorted(found, key=lambda m: (m[1], -m[2])):
            if start < last_end:
                continue
            sent = parsed[start].sent
            if supported is not None and sent.start not in supported:
                continue
            if cfg["skip_questions"] and sent.text.rstrip().endswith("?"):
                continue
            # The claim's characters within its sentence, for the clause tests.
            span = (parsed[start].idx - sent.start_char,
                    parsed[end - 1].idx + len(parsed[end - 1].text) - sent.start_char)
            if any(p.search(sent.text) for p in cfg["unless_sentence"]) or self._negated(sent, start, span):
                if corrected is not None:
                    corrected.append(True)
                continue
            if cfg["mentions"] and mentioned(sent.text, *span):
                continue
            if cfg["unless_next"] and sent.end < len(parsed):
                following = parsed[sent.end].sent.text
                if any(p.search(following) for p in cfg["unless_next"]):
                    if corrected is not None:
                        corrected.append(True)
                    continue
            s_start, s_end = offset + sent.start_char, offset + sent.end_char
            if cfg["unless_source"] and has_source(doc, s_start, s_end, cfg["sources"]):
                continue
            last_end = end
            yield Finding(offset + parsed[start].idx, offset + parsed[end - 1].idx + len(parsed[end - 1].text))

    def run(self, doc: Document) -> Iterable[Finding]:
        if self._solo is None:
            self._solo = TokenPatternGroup([self])
        return self._solo.run(doc)[0]


class TokenPatternGroup(CheckGroup):
    """All token-pattern rules of a rule set in one spaCy Matcher. A segment
    is matched only when it holds an anchor word or lemma of some rule (most
    segments hold none), and the matches go to their own rule's polarity,
    co-occurrence and source tests."""

    def __init__(self, checks: Sequence[CheckType]) -> None:
        super().__init__(checks)
        self._matcher: Any = None
        self._anchors: list[list[list[frozenset[int]]] | None] = []

    def _compile(self) -> Any:
        if self._matcher is None:
            from spacy.matcher import Matcher

            from mhlint.text.nlp import pipeline

            vocab = pipeline().vocab
            matcher = Matcher(vocab)
            for i, check in enumerate(self.checks):
                matcher.add(f"rule{i}", check.compiled["patterns"])  # type: ignore[attr-defined]
                slots = check.anchors()  # type: ignore[attr-defined]
                self._anchors.append(None if slots is None else [
                    [frozenset(vocab.strings.add(w) for w in words) for words in pattern] for pattern in slots])
            self._keys = {vocab.strings.add(f"rule{i}"): i for i in range(len(self.checks))}
            self._matcher = matcher
        return self._matcher

    def run(self, doc: Document) -> list[list[Finding]]:
        from spacy.attrs import LEMMA, LOWER

        matcher = self._compile()
        out: list[list[Finding]] = [[] for _ in self.checks]
        corrected: list[list[bool]] = [[] for _ in self.checks]
        for offset, parsed in doc.nlp_docs:
            present = set(parsed.to_array([LOWER, LEMMA]).ravel().tolist()) if len(parsed) else set()
            if not any(_possible(a, present) for a in self._anchors):
                continue
            by_rule: dict[int, list[tuple[int, int, int]]] = {}
            for match in matcher(parsed):
                by_rule.setdefault(self._keys[match[0]], []).append(match)
            for i, found in by_rule.items():
                out[i].extend(self.checks[i].process(doc, offset, parsed, found, corrected[i]))  # type: ignore[attr-defined]
        # An article that corrects the named idea once ("Dopamine detox isn't
        # real") mentions it everywhere else in that light.
        return [[] if corrected[i] and check.config["document_frame"] else found
                for i, (check, found) in enumerate(zip(self.checks, out))]


def _optional(op: str | None) -> bool:
    """Whether a slot with this operator may match no token at all."""
    return op in ("?", "*") or (op is not None and op.startswith("{0,"))


def _possible(anchors: list[list[frozenset[int]]] | None, present: set[int]) -> bool:
    """Whether some pattern has every required slot among ``present``."""
    if anchors is None:
        return True
    return any(all(not slot.isdisjoint(present) for slot in pattern) for pattern in anchors)


TokenPattern.group_class = TokenPatternGroup
