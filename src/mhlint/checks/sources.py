"""What counts as a source for a claim, inside a window of text.

Structural sources are found here: a link or URL, and a numbered citation
marker (``[1]``, ``[^1]``, ``¹``, ``(1)``, ``(2, 3)``) that resolves to a note
or a numbered reference list. Pages copied from the web often lose their
reference list; a bracketed or superscript marker then still shows that the
author cited something, so it counts when the article has no list at all.
A parenthesised number counts only when it resolves, or when it closes the
sentence ("... depression (1)."), since "(1) sleep, (2) diet" enumerates.
Textual sources (author-year citations, named organisations, journals and
studies) are regexes given by each rule, usually the shared ``{citation}``
and ``{named_source}`` patterns, so they can be tuned without Python.
"""

from __future__ import annotations

import re
from typing import Sequence

from mhlint.checks import literals
from mhlint.text.document import Document

_MARKER = re.compile(r"\[\^?(\w{1,6})\](?![(\[:])|([¹²³⁴⁵⁶⁷⁸⁹⁰]+)")
_NOTE_DEF = re.compile(r"^[ \t]*\[\^?(\w{1,6})\]:?", re.MULTILINE)
_REF_HEADING = re.compile(r"^\W*(references|sources|notes|footnotes|bibliography|citations|works cited|further reading)\W*$", re.IGNORECASE)
_NUMBERED = re.compile(r"^\W{0,3}(\d{1,3})[.)\]]?\s+\S")
_PAREN = re.compile(r"\((\d{1,3})(?:\s*[,–-]\s*\d{1,3})*\)")
_SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")


def defined_notes(doc: Document) -> frozenset[str]:
    """Labels a footnote marker can resolve to: ``[^n]:`` definitions, and the
    numbers of a numbered list under a References/Sources/Notes heading."""

    def compute(d: Document) -> frozenset[str]:
        labels = {m.group(1) for m in _NOTE_DEF.finditer(d.text)}
        in_refs = False
        for line in d.lines:
            if _REF_HEADING.match(line.text):
                in_refs = True
                continue
            if in_refs:
                # The whole physical line: a Markdown list item's block starts
                # after its "1." marker, which is the number we need.
                raw = d.text[slice(*d.source.index.line_span(line.number, d.text))]
                m = _NUMBERED.match(raw) or _NUMBERED.match(line.text)
                if m:
                    labels.add(m.group(1))
        return frozenset(labels)

    return doc.memo("defined_notes", compute)


def _closes(rest: str) -> bool:
    """Whether only the sentence's closing punctuation follows a marker."""
    return not rest.strip().lstrip(".!?;").strip("\"'”’) \t\r\n")


def has_source(doc: Document, start: int, end: int, patterns: Sequence[re.Pattern[str]]) -> bool:
    if any(link.url and link.start < end and link.end > start for link in doc.links):
        return True
    text = doc.text[start:end]
    notes = defined_notes(doc)
    for m in _MARKER.finditer(text):
        label = (m.group(1) or m.group(2) or "").translate(_SUPERSCRIPT)
        if label in notes or (not notes and label.isdigit()):
            return True
    for m in _PAREN.finditer(text):
        if m.group(1) in notes or (not notes and _closes(text[m.end():])):
            return True
    view = doc.view[start:end]
    # A textual source is searched only where one of its literals occurs.
    return any(literals.within(doc, literals.required(p), start, end) and p.search(view) for p in patterns)
