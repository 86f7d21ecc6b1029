"""Tokens of a sentence, as spaCy's blank English tokenizer gives them,
without importing spaCy for ordinary prose.

The token rules need the tokens of the few sentences that hold one of their
anchor words. spaCy's import costs 1.5-2 s and some 70 MB a process, which
made it the largest part of linting one file from an editor, and of each
worker's memory. Most of those sentences are plain prose: words, hyphens,
common contractions, numbers and the punctuation around them. For such text
spaCy's English tokenizer is predictable: it splits on spaces, peels quotes,
brackets and punctuation off both ends of a chunk, splits "self-care" at the
hyphen, "doesn't" into "does" + "n't" and "mother's" into "mother" + "'s",
and keeps a list of exceptions ("Dr.", "a.", "cannot" -> "can" + "not").

``tokenize`` gives those tokens for text in which every chunk has that
shape, and None for anything else (a URL, "10mg", an emoticon, an
abbreviation spaCy keeps whole, a tab): that sentence then goes to spaCy,
which stays the tokenizer of record. The suite compares the two on every
sentence of the seeds, corpora and rule examples, on every exception in
spaCy's table, and on generated text; where ``tokenize`` answers at all, it
gives spaCy's tokens, character for character.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator, Sequence

# Words spaCy's English exceptions split or keep in their own way, compared
# in lower case (the table holds the lower-case and capitalised forms): the
# contractions written without an apostrophe ("dont", "youre", "id"), a few
# informal words, and two emoticons. A chunk whose core is one of them goes
# to spaCy; ``cannot``, the one that is common in articles, is split here.
_EXCEPTION_WORDS = frozenset("""
aint arent cannot cant cantve couldnt couldntve couldve darent didnt didntve doesnt doesntve doin
dont dontve em goin gonna gotta hadnt hadntve hasnt havent havin hed hedve hellve hes howd howdve
howll howllve howre hows howve id idve illve im ima isnt itd itdve itll itllve ive ll lovin maynt
mayntve mightnt mightntve mightve mustnt mustntve mustve neednt needntve nothin notve nuff nuthin ol
oughtnt oughtntve shant shantve shedve shellve shes shouldnt shouldntve shouldve somethin thatd
thatdve thatll thatllve thats thered theredve therell therellve therere theres thereve thesed
thesedve thesell thesellve thesere theseve theyd theydve theyll theyllve theyre theyve thisd thisdve
thisll thisllve thiss thosed thosedve thosell thosellve thosere thoseve wasnt wed wedve wellve
werent weve whatd whatdve whatll whatllve whatre whats whatve whend whendve whenll whenllve whenre
whens whenve whered wheredve wherell wherellve wherere wheres whereve whod whodve wholl whollve whos
whove whyd whydve whyll whyllve whyre whys whyve wont wontve wouldnt wouldntve wouldve xd xdd yall
youd youdve youll youllve youre youve
""".split())

# Abbreviations spaCy keeps whole with their full stop ("Dr.", "vs."), as
# written; a single letter with a full stop ("a.", "E.") is kept whole too.
_ABBREVIATIONS = frozenset("""
Adm Ak Ala Apr Ariz Ark Aug Bros Calif Co Colo Conn Corp Dec Del Dr Feb Fla Ga Gen Gov Ia Id Ill Inc
Ind Jan Jr Jul Jun Kan Kans Ky La Ltd Mar Mass Md Messrs Mich Minn Miss Mo Mont Mr Mrs Ms Mt Neb
Nebr Nev Nov Oct Okla Ore Pa Prof Rep Rev Sen Sep Sept St Tenn Va Wash Wis co vs
""".split())

# Contractions with an apostrophe: the stems spaCy splits before each ending
# (lower case; a capitalised stem is split the same way, an upper-case one is not).
_CONTRACTIONS: dict[str, frozenset[str]] = {
    "n't": frozenset("ai are ca could dare did do does had has have is may might must need ought sha should "
                     "was were wo would".split()),
    "'d": frozenset("he how i it she that there these they this those we what when where who why you".split()),
    "'ll": frozenset("he how i it she that there these they this those we what when where who why you".split()),
    "'m": frozenset(["i"]),
    "'re": frozenset("how there these they those we what when where who why you".split()),
    "'ve": frozenset("could how i might must not should there these they those we what when where who why "
                     "would you".split()),
}

_OPENERS = frozenset("([{\"“")  # peeled off the front of a chunk, one token each
_CLOSERS = frozenset(")]}\"”,;:!?")  # and off the end ("." apart: see _core)
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZäöü")  # "a." is one token
# spaCy's emoticons that a run of closing marks can spell (``_CLOSERS`` pairs).
_EMOTICONS = frozenset(["):", ":)", ":]", ":}", ";)", "))", "]]"])
_CHUNK = re.compile(r"[^ ]+")
_OTHER_SPACE = re.compile(r"[^\S ]")  # a tab, a no-break space...: spaCy makes tokens of them
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*\Z")
_ASCII_DIGITS = frozenset("0123456789")


class Token:
    """What the token rules read of a token, named as on a spaCy token."""

    __slots__ = ("idx", "text", "lower_", "is_punct")

    def __init__(self, idx: int, text: str) -> None:
        self.idx = idx
        self.text = text
        self.lower_ = text.lower()
        self.is_punct = is_punct(text)

    def __repr__(self) -> str:
        return f"Token({self.idx}, {self.text!r})"


class Tokens(Sequence[Token]):
    """A sentence's tokens and its text (``parsed.text``, ``parsed[i]``)."""

    __slots__ = ("text", "_tokens")

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self._tokens = tokens

    def __getitem__(self, i):  # type: ignore[override]
        return self._tokens[i]

    def __len__(self) -> int:
        return len(self._tokens)

    def __iter__(self) -> Iterator[Token]:
        return iter(self._tokens)


def is_punct(text: str) -> bool:
    """spaCy's IS_PUNCT: every character is punctuation (Unicode P*)."""
    return bool(text) and all(unicodedata.category(ch).startswith("P") for ch in text)


def from_spacy(doc: object) -> Tokens:
    """A spaCy doc as ``Tokens``."""
    return Tokens(doc.text, [Token(t.idx, t.text) for t in doc])  # type: ignore[attr-defined]


def tokenize(text: str) -> Tokens | None:
    """spaCy's tokens of ``text`` (a sentence, line breaks already spaces),
    or None when some chunk is not of a shape known to tokenize alike."""
    if _OTHER_SPACE.search(text):
        return None
    tokens: list[Token] = []
    at = 0  # end of the last chunk
    for m in _CHUNK.finditer(text):
        start, end = m.span()
        # Leading spaces are one token; between chunks, all but the first.
        gap_start = at if at == 0 else at + 1
        if start > gap_start:
            tokens.append(Token(gap_start, text[gap_start:start]))
        if not _chunk(text, start, end, tokens):
            return None
        at = end
    if len(text) - at > 1 and at:
        tokens.append(Token(at + 1, text[at + 1:]))
    elif not at and text:
        tokens.append(Token(0, text))  # nothing but spaces
    return Tokens(text, tokens)


def _chunk(text: str, start: int, end: int, out: list[Token]) -> bool:
    """Append the tokens of ``text[start:end]`` (no spaces); False if its
    shape is not one this module tokenizes."""
    if end - start == 1:  # one character is one token, whatever it is
        out.append(Token(start, text[start]))
        return True
    if not any(ch.isalnum() for ch in text[start:end]):
        return False  # punctuation alone: an emoticon, perhaps (":-)", "(:")
    head: list[Token] = []
    while end - start > 1 and text[start] in _OPENERS:
        head.append(Token(start, text[start]))
        start += 1
    tail: list[Token] = []
    dotted = False  # the chunk ends in an abbreviation whose full stop is part of it
    while end - start > 1:
        last = text[end - 1]
        if last in _CLOSERS:
            tail.append(Token(end - 1, last))
            end -= 1
        elif last == "." and text[end - 2] != ".":
            # "Dr.", "vs." and "a." are spaCy's own tokens, after a hyphen too.
            # Only the last few characters can be one (a chunk may be long,
            # and this loop may run once per full stop in it).
            near = max(start, end - 2 - _LONGEST_ABBREVIATION)  # room for the dash before it
            piece = text[near:end - 1]
            cut = max(piece.rfind(d) for d in _DASHES)
            last_part = piece[cut + 1:] if cut >= 0 or near == start else ""
            if last_part in _ABBREVIATIONS or last_part in _LETTERS:
                dotted = True
                break
            # Otherwise a full stop is split off after a lower-case letter, a
            # digit or a mark, or after two capitals ("ADHD."), not after
            # one capital ("PhD." stays whole).
            before = text[end - 2]
            if before.isupper() and not (end - start > 2 and text[end - 3].isupper()):
                return False
            if not (before.islower() or before in _ASCII_DIGITS or before.isupper() or is_punct(before) or before == "%"):
                return False
            tail.append(Token(end - 1, "."))
            end -= 1
        else:
            break
    # spaCy's exceptions include emoticons, which it finds across the
    # tokens of a chunk: "):" in "(GAD):", "8)" in "(ages 5 to 8)".
    if len(tail) > 1 and any(a.text + b.text in _EMOTICONS for a, b in zip(tail[1:], tail)):
        return False
    if tail and tail[-1].text == ")" and text[start:end] == "8" or head and tail and text[start:end] == "o":
        return False  # "8)", "(o:"
    body = _core(text, start, end - 1 if dotted else end)
    if body is None:
        return False
    if dotted:
        body[-1] = Token(body[-1].idx, body[-1].text + ".")
    out.extend(head)
    out.extend(body)
    out.extend(reversed(tail))
    return True


_SEGMENT = re.compile(r"[^\W\d_]+[0-9]*|[0-9]+")  # letters (perhaps then digits: "COVID19"), or digits
_DASHES = "-\u2013\u2014"  # hyphen, en and em dash: spaCy splits words at them


def _core(text: str, start: int, end: int) -> list[Token] | None:
    """The tokens of a chunk's core: words and numbers joined by dashes, with
    a possessive or a known contraction at the end, or a number with its
    thousands and decimals, or with a per cent sign."""
    core = text[start:end]
    if _NUMBER.match(core):
        return [Token(start, core)]
    if core.endswith("%") and _NUMBER.match(core[:-1]):
        return [Token(start, core[:-1]), Token(end - 1, "%")]
    if "8-D" in core:  # an emoticon
        return None
    ending = ""
    word = core.replace("\u2019", "'")
    if word.endswith("'s") and len(word) > 2:
        ending = "'s"
    elif word.endswith("n't") and len(word) > 3:
        ending = "n't"
    elif word.endswith("'") and len(word) > 1:
        ending = "'"
    else:
        for suffix in ("'d", "'ll", "'m", "'re", "'ve"):
            if word.endswith(suffix) and len(word) > len(suffix):
                ending = suffix
                break
    stem_end = end - len(ending)
    # Segments and the dashes between them, each dash split off or not as
    # spaCy's infix rules do: before a letter always ("self-care",
    # "19-year"), a hyphen between digits ("1-2"), never after a letter
    # before a digit ("COVID-19" stays whole).
    tokens: list[Token] = []
    at = start
    while True:
        m = _SEGMENT.match(text, at, stem_end)
        if m is None:
            return None
        seg = m.group()
        if not (seg.rstrip("0123456789").isalpha() or seg.isascii() and seg.isdigit()):
            return None  # "²" is a word character, not a letter
        if seg.lower() in _EXCEPTION_WORDS and seg not in ("cannot", "Cannot"):
            return None
        if seg in ("cannot", "Cannot"):
            if at != start or m.end() != stem_end:
                return None
            tokens.extend([Token(at, seg[:3]), Token(at + 3, seg[3:])])
        elif tokens and tokens[-1].text not in _DASHES:
            tokens[-1] = Token(tokens[-1].idx, tokens[-1].text + seg)  # "COVID-" + "19"
        else:
            tokens.append(Token(at, seg))
        at = m.end()
        if at == stem_end:
            break
        dash = text[at]
        if dash not in _DASHES or at + 1 >= stem_end:
            return None
        prev, nxt = text[at - 1], text[at + 1]
        if nxt.isalpha():
            split = True
        elif dash == "-" and prev in _ASCII_DIGITS and nxt in _ASCII_DIGITS:
            split = True
        elif dash == "-" and prev.isalpha() and nxt in _ASCII_DIGITS:
            split = False
        else:
            return None
        if split:
            tokens.append(Token(at, dash))
        else:
            tokens[-1] = Token(tokens[-1].idx, tokens[-1].text + dash)
        at += 1
    if ending:
        if len(tokens) != 1 or "'" in word[:len(word) - len(ending)]:
            return None
        stem = tokens[0].text
        if ending in _CONTRACTIONS:
            if stem.lower() not in _CONTRACTIONS[ending] or not (stem.islower() or stem.istitle()):
                return None
        elif not (stem.isalpha() or stem.isascii() and stem.isdigit()):
            return None
        tokens.append(Token(stem_end, text[stem_end:end]))
    return tokens
