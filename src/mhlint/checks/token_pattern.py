"""``token-pattern``: lemma-aware phrase patterns over spaCy's tokens, with
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
from typing import Any, Iterable, Iterator, Sequence

from mhlint.checks import CheckGroup, CheckType, literals
from mhlint.checks.scope import mentioned, negated
from mhlint.checks.sources import has_source
from mhlint.diagnostic import Finding
from mhlint.text.document import Document
from mhlint.checks.params import Context, Param
from mhlint.text.yamlnodes import LList

_SLOT = re.compile(r"^(.+?)(\{\d+,\d+\}|[?+*])?$")
_WORD = re.compile(r"^~?[\w'&%.-]+$")
# The words of a sentence as the prefilter sees them: runs of letters and
# digits, their letter and digit parts ("10mg": 10, mg), and the stem spaCy
# splits off before "n't" ("doesn't": does, "can't": ca).
_RUNS = re.compile(r"[^\W_]+")
_PARTS = re.compile(r"\d+|[^\W\d_]+")
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
    """Turn the compact syntax into token specs, written as spaCy Matcher
    patterns (``Slots`` matches them); ValueError if bad.
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

    def _negated(self, parsed: Any, start: int, span: tuple[int, int]) -> bool:
        """Whether a negation frames the claim: tokens from ``start`` of the
        sentence ``parsed``, at its characters ``span``."""
        scope = self.config["negation_scope"]
        if scope == "off":
            return False
        if scope == "clause":
            return negated(parsed.text, *span)
        window = self.config["negation_window"]
        if not window:
            return False
        for i in range(start - 1, max(0, start - window) - 1, -1):  # backwards, within the clause
            tok = parsed[i]
            if tok.is_punct and tok.text in ",;:()-–—":
                return False
            if tok.lower_ in self.negations:
                nxt = parsed[i + 1].lower_ if i + 1 < len(parsed) else ""
                if nxt not in _NOT_NEGATING:
                    return True
        return False

    def lemmas(self) -> set[str]:
        """Every ``~lemma`` of the claim patterns."""
        return {lemma for pattern in self.compiled["patterns"] for spec in pattern
                for lemma in spec.get("LEMMA", {}).get("IN", ())}

    def anchors(self, inflected: dict[str, frozenset[str]] | None = None) -> list[list[frozenset[str]]] | None:
        """For each claim pattern, the words that can fill each of its
        required slots: every inflection of a ``~lemma``, the word itself
        otherwise. A sentence can match the pattern only if every slot has
        one of its words among the sentence's words, a test that needs no
        tokenizer. A slot word that is not plain letters or digits ("n't",
        "e.g.") cannot be seen that way and is not tested. None when some
        pattern has no testable slot at all. ``inflected`` maps each lemma to
        its words (``nlp.inflections``; computed here when not given)."""
        if inflected is None:
            from mhlint.text.nlp import inflections

            inflected = inflections(self.lemmas())
        out: list[list[frozenset[str]]] = []
        for pattern in self.compiled["patterns"]:
            required = []
            for spec in pattern:
                if _optional(spec.get("OP")):
                    continue
                if "LOWER" in spec:
                    words = frozenset(spec["LOWER"]["IN"])
                elif "LEMMA" in spec:
                    words = frozenset().union(*(inflected[lemma] for lemma in spec["LEMMA"]["IN"]))
                else:
                    continue
                if all(_RUNS.fullmatch(w) for w in words):
                    required.append(words)
            if not required:
                return None
            out.append(required)
        return out

    def matchers(self, inflected: dict[str, frozenset[str]] | None = None) -> tuple["Slots", "Slots"]:
        """This rule's claim patterns and its ``with`` patterns, as ``Slots``."""
        if self._matchers is None:
            if inflected is None:
                from mhlint.text.nlp import inflections

                inflected = inflections(self.lemmas() | self.with_lemmas())
            self._matchers = (Slots(self.compiled["patterns"], inflected), Slots(self.compiled["with"], inflected))
        return self._matchers

    def with_lemmas(self) -> set[str]:
        return {lemma for pattern in self.compiled["with"] for spec in pattern
                for lemma in spec.get("LEMMA", {}).get("IN", ())}

    def process(self, doc: Document, index: int, parsed: Any, found: list[tuple[int, int]],
                corrected: list[bool] | None = None) -> Iterable[Finding]:
        """Findings of this rule's claim matches (token spans) in sentence
        ``index`` of the document (``parsed``: its ``Tokens``). A match that the article
        corrects (a debunking cue, a negation, a correction in the next
        sentence) appends True to ``corrected``, for ``document_frame``."""
        cfg = self.config
        support = self.matchers()[1]
        if support and not support.any(parsed):
            return
        sentence = doc.sentences[index]
        text = parsed.text
        if cfg["skip_questions"] and text.rstrip().endswith("?"):
            return
        last_end = -1
        for start, end in sorted(found, key=lambda m: (m[0], -m[1])):
            if start < last_end:
                continue
            # The claim's characters within its sentence, for the clause tests.
            span = (parsed[start].idx, parsed[end - 1].idx + len(parsed[end - 1].text))
            if any(p.search(text) for p in cfg["unless_sentence"]) or self._negated(parsed, start, span):
                if corrected is not None:
                    corrected.append(True)
                continue
            if cfg["mentions"] and mentioned(text, *span):
                continue
            following = _next_in_segment(doc, index) if cfg["unless_next"] else None
            if following is not None:
                if any(p.search(following) for p in cfg["unless_next"]):
                    if corrected is not None:
                        corrected.append(True)
                    continue
            if cfg["unless_source"] and has_source(doc, sentence.start, sentence.end, cfg["sources"]):
                continue
            last_end = end
            yield Finding(sentence.start + span[0], sentence.start + span[1])

    def run(self, doc: Document) -> Iterable[Finding]:
        if self._solo is None:
            self._solo = TokenPatternGroup([self])
        return self._solo.run(doc)[0]


class TokenPatternGroup(CheckGroup):
    """All token-pattern rules of a rule set, run on the sentences where some
    rule's anchor words occur, each sentence only against the rules whose
    anchors it holds. The anchor test reads plain words and ``text.tokens``
    tokenizes plain prose, so spaCy is imported only for a sentence of
    another shape; the matches go to their own rule's polarity,
    co-occurrence and source tests."""

    def __init__(self, checks: Sequence[CheckType]) -> None:
        super().__init__(checks)
        self._matcher: Any = None
        self._words: dict[str, frozenset[str]] | None = None
        self._anchors: list[list[list[frozenset[str]]] | None] | None = None
        self._union: frozenset[str] | None = None

    def _inflected(self) -> dict[str, frozenset[str]]:
        """The words of every rule's lemmas, from one pass over the lemma table."""
        if self._words is None:
            from mhlint.text.nlp import inflections

            self._words = inflections(set().union(*(c.lemmas() | c.with_lemmas() for c in self.checks)))  # type: ignore[attr-defined]
        return self._words

    def _filters(self) -> list[list[list[frozenset[str]]] | None]:
        if self._anchors is None:
            inflected = self._inflected()
            self._anchors = [check.anchors(inflected) for check in self.checks]  # type: ignore[attr-defined]
            # One key slot per pattern, the least common-looking (the one whose
            # shortest word is longest: "detox" before "~be"); a sentence that
            # can match a pattern holds a word of its key slot. ``_union`` is
            # every key word (None: a rule without anchors reads every
            # sentence), ``_by_key`` the rules each key word may start.
            self._by_key: dict[str, set[int]] = {}
            if any(a is None for a in self._anchors):
                self._union = None
            else:
                for i, anchors in enumerate(self._anchors):
                    for pattern in anchors:  # type: ignore[union-attr]
                        key = max(pattern, key=lambda slot: (min(map(len, slot)), -len(slot)))
                        for word in key:
                            self._by_key.setdefault(word, set()).add(i)
                self._union = frozenset(self._by_key)
        return self._anchors

    def _slots(self) -> list["Slots"]:
        if self._matcher is None:
            inflected = self._inflected()
            self._matcher = [check.matchers(inflected)[0] for check in self.checks]  # type: ignore[attr-defined]
        return self._matcher

    def run(self, doc: Document) -> list[list[Finding]]:
        out: list[list[Finding]] = [[] for _ in self.checks]
        filters = self._filters()
        sentences = doc.sentences
        union = self._union
        if union is None:
            candidates: Iterable[int] = range(len(sentences))
        else:
            # The sentences that hold an anchor word: each word found once
            # per document with the literal test the regex rules use (and
            # share); only those sentences get the full test.
            held = literals.holders(doc, union, "sentences")
            if held is not None and not held:
                return out
            candidates = range(len(sentences)) if held is None else sorted(held)
        hits: list[tuple[int, list[int]]] = []  # (sentence, the rules it may match)
        for i in candidates:
            words = _words(sentences[i].text)
            rules = range(len(filters)) if union is None else \
                sorted(set().union(*(self._by_key[w] for w in union.intersection(words))))
            possible = [r for r in rules if _possible(filters[r], words)]
            if possible:
                hits.append((i, possible))
        if not hits:
            return out
        from mhlint.text import nlp, tokens

        slots = self._slots()
        texts = [nlp.prepared(sentences[i].text) for i, _ in hits]
        parsed: list[Any] = [tokens.tokenize(t) for t in texts]
        # What mhlint cannot tokenize as spaCy would, spaCy tokenizes.
        slow = [k for k, p in enumerate(parsed) if p is None]
        if slow:
            for k, spacy_doc in zip(slow, nlp.parse([texts[k] for k in slow])):
                parsed[k] = tokens.from_spacy(spacy_doc)
        corrected: list[list[bool]] = [[] for _ in self.checks]
        for (index, rules), toks in zip(hits, parsed):
            for r in rules:
                found = slots[r].matches(toks)
                if found:
                    out[r].extend(self.checks[r].process(doc, index, toks, found, corrected[r]))  # type: ignore[attr-defined]
        # An article that corrects the named idea once ("Dopamine detox isn't
        # real") mentions it everywhere else in that light.
        return [[] if corrected[i] and check.config["document_frame"] else found
                for i, (check, found) in enumerate(zip(self.checks, out))]


def _word_runs(low: str) -> Iterator[tuple[int, str]]:
    """(offset, word) of every word of lower-cased text as the anchor test
    reads it (see ``_RUNS``): the runs, the stem before "n't", and the letter
    and digit parts of a mixed run (at the run's offset)."""
    for m in _RUNS.finditer(low):
        run, at = m.group(), m.start()
        yield at, run
        if run[-1] == "n" and low[m.end():m.end() + 2] in ("'t", "\u2019t"):
            yield at, run[:-1]
        if not (run.isalpha() or run.isdigit()):
            for part in _PARTS.findall(run):
                yield at, part


def _words(text: str) -> set[str]:
    """The lower-case words the anchor test compares."""
    return {word for _, word in _word_runs(text.lower())}


def _next_in_segment(doc: Document, index: int) -> str | None:
    """The text of the sentence after sentence ``index``, if it is in the
    same segment (a paragraph, a list item): a correction must follow the
    claim, not open the next section."""
    sentences = doc.sentences
    if index + 1 >= len(sentences):
        return None
    here, after = sentences[index].start, sentences[index + 1].start
    for start, end in doc.segments:
        if start <= here < end:
            return sentences[index + 1].text if after < end else None
    return None


def _optional(op: str | None) -> bool:
    """Whether a slot with this operator may match no token at all."""
    return op in ("?", "*") or (op is not None and op.startswith("{0,"))


def _possible(anchors: list[list[frozenset[str]]] | None, present: set[str]) -> bool:
    """Whether some pattern has every required slot among ``present``."""
    if anchors is None:
        return True
    return any(all(not slot.isdisjoint(present) for slot in pattern) for pattern in anchors)


class Slots:
    """Token patterns compiled to slots, matched on ``Tokens`` with spaCy
    Matcher's semantics: every (start, end) at which some pattern matches,
    each once, none empty. A slot is a test and how many tokens in a row it
    takes (``?`` 0-1, ``*`` 0 or more, ``+`` 1 or more, ``{m,n}``). A lemma
    slot tests the lower-case word against the words of that lemma
    (``nlp.inflections``), which is what spaCy's lookup lemma comes to."""

    def __init__(self, patterns: list[list[dict[str, Any]]], inflected: dict[str, frozenset[str]]) -> None:
        self.patterns = [[_slot(spec, inflected) for spec in pattern] for pattern in patterns]

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def matches(self, toks: Sequence[Any]) -> list[tuple[int, int]]:
        """(start, end) of every match, sorted."""
        return sorted({(start, end) for start, ends in self._ends(toks) for end in ends})

    def any(self, toks: Sequence[Any]) -> bool:
        """Whether some pattern matches (stops at the first match)."""
        return any(ends for _, ends in self._ends(toks))

    def _ends(self, toks: Sequence[Any]) -> Iterator[tuple[int, set[int]]]:
        """For each pattern and start, the ends of its non-empty matches."""
        n = len(toks)
        for pattern in self.patterns:
            first, first_low, _ = pattern[0]
            for start in range(n):
                if first_low and not first(toks[start]):
                    continue  # most patterns begin with a word that must be there
                at = {start}
                for slot in pattern:
                    at = _advance(slot, toks, at)
                    if not at:
                        break
                yield start, {end for end in at if end > start}


def _advance(slot: tuple[Any, int, int], toks: Sequence[Any], at: set[int]) -> set[int]:
    """The positions a slot can end at, from each position of ``at``: after
    ``low`` to ``high`` tokens in a row that pass its test."""
    test, low, high = slot
    n = len(toks)
    out: set[int] = set()
    for p in at:
        taken = 0
        while True:
            if taken >= low:
                out.add(p + taken)
            if taken == high or p + taken >= n or not test(toks[p + taken]):
                break
            taken += 1
    return out


_UNBOUNDED = 1 << 30


def _slot(spec: dict[str, Any], inflected: dict[str, frozenset[str]]) -> tuple[Any, int, int]:
    op = spec.get("OP")
    low, high = {None: (1, 1), "?": (0, 1), "*": (0, _UNBOUNDED), "+": (1, _UNBOUNDED)}.get(op, (None, None))
    if low is None:
        m = re.fullmatch(r"\{(\d+),(\d+)\}", op or "")
        if m is None:
            raise ValueError(f"operator {op!r}")
        low, high = int(m.group(1)), int(m.group(2))
    if "LOWER" in spec:
        words = frozenset(spec["LOWER"]["IN"])
        test = lambda tok: tok.lower_ in words  # noqa: E731
    elif "LEMMA" in spec:
        words = frozenset().union(*(inflected[lemma] for lemma in spec["LEMMA"]["IN"]))
        test = lambda tok: tok.lower_ in words  # noqa: E731
    elif "LIKE_NUM" in spec:
        test = lambda tok: like_num(tok.text)  # noqa: E731
    else:  # {"IS_PUNCT": False}: any word
        test = lambda tok: not tok.is_punct  # noqa: E731
    return test, low, high


_NUMBER_WORDS = frozenset("""zero one two three four five six seven eight nine ten eleven twelve thirteen
fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
hundred thousand million billion trillion quadrillion quintillion sextillion septillion octillion nonillion
decillion gajillion bazillion first second third fourth fifth sixth seventh eighth ninth tenth eleventh
twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth
fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth thousandth millionth billionth
trillionth quadrillionth quintillionth sextillionth septillionth octillionth nonillionth decillionth
gajillionth bazillionth""".split())


def like_num(text: str) -> bool:
    """spaCy's English LIKE_NUM: "12", "1,000.5", "3/4", "ten", "tenth", "21st"."""
    if text[:1] in ("+", "-", "±", "~"):
        text = text[1:]
    text = text.replace(",", "").replace(".", "")
    if text.isdigit():
        return True
    if text.count("/") == 1:
        num, denom = text.split("/")
        if num.isdigit() and denom.isdigit():
            return True
    low = text.lower()
    return low in _NUMBER_WORDS or (low[-2:] in ("st", "nd", "rd", "th") and low[:-2].isdigit())


TokenPattern.group_class = TokenPatternGroup
