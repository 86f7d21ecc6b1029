"""Where a match sits and what frames it: the block of a sentence, the clause
of a match, and whether the match is asserted, negated, hedged or only
mentioned.

A claim is only a claim when the article asserts it. "Crying flushes out
toxins" asserts; "crying does not flush out toxins", "the idea that crying
flushes out toxins is a myth" and "the term 'dopamine detox'" do not. Today's
readers of the article see the negation anywhere in the clause, before or
after the claim, so the scope here is the clause on both sides of the match,
not a window of a few tokens. These functions are shared by every check type
that reports claims or words, so the mechanism is one, not one per rule.
"""

from __future__ import annotations

import bisect
import re
from typing import Sequence

from mhlint.text.document import PROSE_KINDS, Block, Document

# Clause boundaries: strong punctuation, and the conjunctions that start a new
# assertion ("..., but ...", "...; however ...", "... although ...").
_CLAUSE_BREAK = re.compile(
    r"[;:—–()]|\s-\s|,\s*(?:and|but|yet|however|although|though|while|whereas|which|where|who|so)\b"
    r"|\b(?:in|by|through|during)\s+which\b"
    r"|\b(?:but|however|although|though|whereas|yet)\b")
# Words that negate what their clause says.
_NEGATION = re.compile(
    r"\b(?:not|no|never|cannot|can't|won't|don't|doesn't|didn't|isn't|aren't|wasn't|weren't|"
    r"shouldn't|wouldn't|couldn't|nor|neither|nothing|none|nobody|without|hardly|rarely)\b|n[’']t\b",
    re.IGNORECASE)
# "Not only ... but", "no doubt", "nothing but": negation words that assert.
_NOT_NEGATING = re.compile(
    r"\b(?:not\s+only|not\s+just|no\s+doubt|no\s+wonder|nothing\s+but|no\s+matter|no\s+longer\s+have\s+to|"
    r"never\s+again|no\s+more|not\s+have\s+to|don't\s+have\s+to|do\s+not\s+have\s+to|without\s+(?:drugs|medication|medicine|pills|therapy|side\s+effects))\b",
    re.IGNORECASE)
# Negations that describe a thing instead of denying the claim: "with no
# phone", "without escaping", "no longer" after "with".
_WITH_BEFORE = re.compile(r"\bwith\s+$", re.IGNORECASE)
# The negation of a verb, as opposed to a determiner ("no phone").
_VERBAL_NEGATION = re.compile(
    r"not|never|cannot|can't|won't|don't|doesn't|didn't|isn't|aren't|wasn't|weren't|"
    r"shouldn't|wouldn't|couldn't|n[’']t", re.IGNORECASE)
# Words that open a smaller clause inside the claim's clause.
_SUBORDINATOR = re.compile(r"\b(?:that|who|whom|whose|which|where|when|whenever|if|unless|until|because|since|once)\b",
                           re.IGNORECASE)
_WORDS = re.compile(r"[\w’'-]+")
# Adverbs and auxiliaries that may stand between a negation and its verb
# (with every word ending in "-ly").
_LINKING = frozenset(
    "actually really even always ever necessarily quite just be been being have has had going to able "
    "do does did will would can could help in fact".split())
_CLAUSE_VERB = frozenset("is are was were get gets got stay stays remain remains become becomes lives live "
                         "sits sit ends end builds".split())


def _linking(word: str) -> bool:
    w = word.lower()
    return w in _LINKING or w.endswith("ly")


# How many words may stand after a claim before its verb's negation
# ("detox programmes simply do not ...").
_AFTER_WORDS = 3
# Hedges: the clause states a possibility, not a promise.
_HEDGE = re.compile(
    r"\b(?:may|might|could|can\s+help|can\s+ease|can\s+reduce|some\s+people|many\s+people|for\s+some|"
    r"in\s+some\s+cases|possibly|perhaps|likely|tends?\s+to|research\s+on\s+whether|"
    r"whether|claims?\s+to|promises?\s+to|advertis\w+|marketed|purports?)\b",
    re.IGNORECASE)
# Quotation marks that open and close a mention.
_OPEN_QUOTES = "\"'“‘«"
_CLOSE_QUOTES = "\"'”’»"
# "the term X", "words like X", "phrases such as X": X is named, not used.
_MENTION_BEFORE = re.compile(
    r"\b(?:the\s+(?:words?|terms?|phrases?|labels?|expressions?|notion|idea|concept|trend|buzzword|slogan)|"
    r"(?:words|terms|phrases|labels|expressions)\s+(?:like|such\s+as)|so-called|called|dubbed|known\s+as|"
    r"phrases?\s+like|saying|say)\s*[\"'“‘«]?\s*$",
    re.IGNORECASE)


_MENTION_CUE = re.compile(
    r"\b(?:terms?|words?|phrases?|labels?|idea|notion|concept|called|so-called|dubbed|known\s+as|claim\w*|"
    r"promis\w*|myths?|buzzwords?|trend|note\s+on|about|what\s+is|says?|saying|said|read|heard|like|such\s+as|"
    r"means?|meaning|instead|avoid|describ\w+|calls?|calling)\b", re.IGNORECASE)


def prose_blocks(doc: Document) -> tuple[list[Block], list[int]]:
    """Prose blocks and their start offsets, shared by every check."""

    def compute(d: Document) -> tuple[list[Block], list[int]]:
        blocks = [b for b in d.blocks if b.kind in PROSE_KINDS]
        return blocks, [b.start for b in blocks]

    return doc.memo("prose_blocks", compute)


def block_at(doc: Document, offset: int) -> Block | None:
    """The prose block holding ``offset``, or None."""
    blocks, starts = prose_blocks(doc)
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0:
        return None
    block = blocks[i]
    return block if block.start <= offset < max(block.end, block.start + 1) else None


def clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``text`` (a sentence) that holds the span start..end."""
    lo, hi = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


def negated(text: str, start: int, end: int) -> bool:
    """Whether a negation in the match's clause negates the match itself.

    A negation counts when it is bound to the claim:

    - before it in the same clause ("does not cure", "no pill cures"),
      unless a subordinator ("that", "who", "where", "if") opens a smaller
      clause around the negation and other words stand between it and the
      claim ("Grief that is never spoken about gets stored ..."), while
      "experts say that crying does not really flush ..." is negated;
    - just after it, as a verb's negation ("dopamine detox doesn't reset
      anything", "adrenal fatigue is not a diagnosis", "cures nothing").

    A negation that only describes something else does not count: a
    preposition ("with no phone", "without medication"), a negation inside a
    relative clause ("..., where the glands can no longer ..."), or the
    match's own words ("never feel anxious again").
    """
    lo, hi = clause(text, start, end)
    before = _NOT_NEGATING.sub(lambda m: " " * len(m.group()), text[lo:start])
    for m in _NEGATION.finditer(before):
        if m.group().lower() == "without" or _WITH_BEFORE.search(before, 0, m.start()):
            continue
        # Inside a smaller clause ("that you never process"), a negation
        # negates the claim only when the claim follows its verb ("... that
        # crying does not really flush toxins"); a new finite verb in between
        # means the smaller clause has ended ("... never process is stored").
        if not _SUBORDINATOR.search(before, 0, m.start()):
            return True
        gap = _WORDS.findall(before, m.end()) + _WORDS.findall(text, start, end)[:1]
        content = [w for w in gap if not _linking(w)]
        if len(content) <= 3 and not any(w.lower() in _CLAUSE_VERB for w in gap):
            return True
    after = _NOT_NEGATING.sub(lambda m: " " * len(m.group()), text[end:hi])
    for m in _NEGATION.finditer(after):
        if len(_WORDS.findall(after, 0, m.start())) > _AFTER_WORDS:
            break
        if _VERBAL_NEGATION.fullmatch(m.group()) or m.group().lower() in ("nothing", "never"):
            return True
    return False


def hedged(text: str, start: int, end: int) -> bool:
    """A hedge in the match's clause ("may help", "for some people")."""
    lo, hi = clause(text, start, end)
    return bool(_HEDGE.search(text[lo:hi]))


def mentioned(text: str, start: int, end: int) -> bool:
    """The words are named rather than used: quoted ("the term 'dopamine
    detox'", a quoted list of words to avoid) or introduced as a term."""
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    # Quotes right around the words name them when the sentence talks about
    # words ("the term", "a note on", "promises to"); without such a cue they
    # are scare quotes on a claim the article makes.
    if before and before[-1] in _OPEN_QUOTES and after and after[0] in _CLOSE_QUOTES and _MENTION_CUE.search(text):
        return True
    # Inside a short quotation (a term, a list of words to avoid): an opening
    # quote a few words before, its closing quote a few words after. A long
    # quotation is someone's speech, which uses the words.
    head = text[max(0, start - 40):start]
    tail = text[end:end + 40]
    opens = [head.rfind(q) for q in "\"“«"]
    opened = max(opens)
    if opened >= 0:
        closes = [i for i in (tail.find(q) for q in "\"”»") if i >= 0]
        if closes and not any(q in head[opened + 1:] for q in "\"”»"):
            quoted = head[opened + 1:] + text[start:end] + tail[:min(closes)]
            if len(quoted.split()) <= 5 and _MENTION_CUE.search(text):
                return True
    return bool(_MENTION_BEFORE.search(text[max(0, start - 40):start]))


def silenced(text: str, start: int, end: int, frames: Sequence[str]) -> bool:
    """True if any of the named ``frames`` (negation, hedge, mention) holds."""
    return (("mention" in frames and mentioned(text, start, end))
            or ("negation" in frames and negated(text, start, end))
            or ("hedge" in frames and hedged(text, start, end)))


FRAMES = ("negation", "hedge", "mention")
