"""The match view: a copy of the text with exactly the same length.

Rules match against the view, never against the raw text, so a regex offset in
the view *is* an offset in the file. Two things happen here, both one character
for one character: look-alike characters are normalised (no-break and thin
spaces become a space, curly quotes straight ones, Unicode hyphens ``-``), and
spans that are not prose (code, HTML, link destinations, Markdown markers,
front matter) are blanked with spaces while line breaks are kept.
"""

from __future__ import annotations

import re

from mhlint.text.model import Link

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000\t\x0b\x0c"
_TABLE = {ord(ch): " " for ch in _SPACES}
_TABLE.update({ord(ch): "'" for ch in "\u2018\u2019\u201a\u201b\u2032\u02bc"})
_TABLE.update({ord(ch): '"' for ch in "\u201c\u201d\u201e\u201f\u2033"})
_TABLE.update({ord(ch): "-" for ch in "\u2010\u2011\u2012\u2013\u2212"})
# A lone surrogate (possible in a str, never in decoded UTF-8) cannot be
# encoded, and spaCy and the output encoders would fail on it: the view reads
# it as U+FFFD, the replacement character.
_TABLE.update({code: "\ufffd" for code in range(0xD800, 0xE000)})


_URL = re.compile(r"\bhttps?://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]|\bwww\.[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]")


def normalise(text: str) -> str:
    """Replace look-alike characters one for one; the length never changes."""
    return text.translate(_TABLE)


def blank(chars: list[str], start: int, end: int) -> None:
    """Overwrite ``chars[start:end]`` with spaces, keeping line breaks."""
    for i in range(max(0, start), min(end, len(chars))):
        if chars[i] not in "\r\n":
            chars[i] = " "


def find_urls(text: str, start: int, end: int) -> list[Link]:
    """Bare URLs in ``text[start:end]`` (the view), as links with no markup."""
    return [Link(m.start(), m.end(), m.group()) for m in _URL.finditer(text, start, end)]
