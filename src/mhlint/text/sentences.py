"""Sentence boundaries without a tokenizer.

Four check types read sentences (claim-source, phrase, consistency,
readability) and none of them needs tokens: running spaCy over every
paragraph to find full stops cost most of a lint and a second of start-up.
This splitter finds the same boundaries spaCy's sentencizer and the old
abbreviation component did, in one linear scan of each segment:

- a sentence ends after ``.``, ``!``, ``?`` (or a script's own full stop),
  with the closing quotes and brackets that follow it, before white space;
- a full stop glued to the next word ends a sentence only between a
  lower-case letter and a capital ("done.Next"), never inside "3.5",
  "site.com" or "system.1";
- an ellipsis ("...") does not end a sentence;
- a full stop after an abbreviation ("Dr.", "e.g.", "et al.", "U.S."), after
  an initial ("J. Smith"), before a lower-case word, or before a bracketed
  number ("... al. (2019)") does not end one, nor does a quoted question
  before a lower-case word ('"Why?" she asked').

Where it differs from the sentencizer it is on purpose: an acronym before a
full stop ("... with ADHD. Treatment ...") ends its sentence (spaCy kept
"ADHD." as one token and ran two sentences together), and an opening quote
or bracket starts the next sentence instead of trailing the last one.
"""

from __future__ import annotations

import re

from mhlint.text.model import Sentence

_STOP = re.compile(r"[.!?\u203c\u203d\u2047-\u2049\u3002\uff01\uff1f\uff61\uff0e\u061f\u06d4\u0964\u0965]+")
# Markdown emphasis left in plain text ("... help."*) closes like a quote.
_CLOSERS = frozenset("\"')]}*_\u201d\u2019\u00bb\u203a")
_OPENERS = frozenset("\"'([{\u201c\u2018\u00ab\u2039")
# Written with their case: "Ill." and "Mar." are abbreviations, "ill." and
# "mar." end sentences.
_ABBREVIATIONS = frozenset(
    "Dr Mr Mrs Ms Mx Prof St Jr Sr Rev Gen Gov Sen Rep Adm Mt Inc Ltd Co Corp Bros Messrs Vol Fig Figs "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec vs co cf approx fig figs vol pp ca".split())
_ANY_CASE = frozenset({"al", "dr", "mr", "mrs", "ms", "prof", "vs", "approx", "fig", "st", "jr", "sr", "cf", "pp"})
# An initial ("J") or a dotted abbreviation ("U.S", "e.g", "Ph.D", "a.m").
_DOTTED = re.compile(r"[^\W\d_]|(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")


def _joins(text: str, start: int, stop: str, after: int) -> bool:
    """Whether the full stop at ``start`` (the run ``stop``), followed by
    white space at ``after``, leaves the sentence going on. A quoted question
    or exclamation before a lower-case word ('"Why?" she asked') does."""
    if stop != ".":
        quoted = after > start + len(stop)
        return quoted and _next_is_lower(text, after)
    lo = start
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    word = text[lo:start].lstrip("".join(_OPENERS))
    if word in _ABBREVIATIONS or word.lower() in _ANY_CASE or _DOTTED.fullmatch(word):
        return True
    j = after
    n = len(text)
    while j < n and text[j].isspace():
        j += 1
    bracketed = False
    while j < n and text[j] in _OPENERS:
        bracketed, j = True, j + 1
    if j >= n:
        return False
    return text[j].islower() or (bracketed and text[j].isdigit())


def _next_is_lower(text: str, at: int) -> bool:
    n = len(text)
    while at < n and text[at].isspace():
        at += 1
    return at < n and text[at].islower()


def boundaries(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, white space trimmed."""
    n = len(text)
    cuts: list[int] = []
    for m in _STOP.finditer(text):
        start, end = m.span()
        stop = m.group()
        if len(stop) > 1 and stop.strip(".") == "":
            continue  # an ellipsis
        k = end
        while k < n and text[k] in _CLOSERS:
            k += 1
        if k < n and not text[k].isspace():
            # Glued to what follows: only "done.Next" ends a sentence.
            if not (stop == "." and k == end and start > 0 and text[start - 1].islower()
                    and text[k].isupper()):
                continue
        elif k >= n or _joins(text, start, stop, k):
            continue
        cuts.append(k)
    out: list[tuple[int, int]] = []
    prev = 0
    for cut in cuts + [n]:
        a, b = prev, cut
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
        prev = cut
    return out


def split(view: str, segments: tuple[tuple[int, int], ...]) -> tuple[Sentence, ...]:
    """The sentences of every segment of a document, in file offsets."""
    out: list[Sentence] = []
    for seg_start, seg_end in segments:
        for a, b in boundaries(view[seg_start:seg_end]):
            out.append(Sentence(seg_start + a, seg_start + b, view[seg_start + a:seg_start + b]))
    return tuple(out)
