"""``phrase``: wording to avoid, with what to say instead.

A rule lists regexes for the wording ("committed suicide", "X sufferers",
"cure your anxiety"), and optionally ``suggest``: pairs of a regex and its
replacement, the first that matches the whole finding giving the suggestion
(``\\1`` refers to the regex's groups, so "anxiety sufferers" becomes "people
with anxiety"). The suggestion fills ``{suggestion}`` in the message and is the
text of a ``replace`` fix.

Context decides whether words are used or only named, which is the
difference between stigmatising language and an article that teaches which
words to avoid:

- ``exclude``: a match inside one of these is ignored (organisation names such
  as "Alcoholics Anonymous", titles of works);
- ``unless_sentence``: the sentence is about the words ("instead of saying");
- ``frames``: ``mention`` (quoted, or "the term ..."), ``negation`` and
  ``hedge`` (in the clause, on either side of the match; for promises: "there
  is no cure", "may help some people");
- ``with``: another regex that must occur in the same sentence ("a failed
  attempt" is about suicide only next to a suicide term).

A rule's regexes, exclusions and frames run only on the sentences where its
cheap trigger (its regexes joined into one alternation) matched.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from mhlint.checks import CheckType, literals
from mhlint.checks.params import Context, Param
from mhlint.checks.scope import FRAMES, block_at, silenced
from mhlint.diagnostic import Finding
from mhlint.text.document import Document


_UNREAD = object()


class Phrase(CheckType):
    name = "phrase"
    needs = frozenset({"sentences"})
    placeholders = frozenset({"match", "suggestion"})
    params = {
        "patterns": Param("regex-list", required=True, doc="the wording to report"),
        "exclude": Param("regex-list", default=[], doc="a match inside a match of one of these is ignored (names, titles)", option=True),
        "unless_sentence": Param("regex-list", default=[], doc="skip sentences matching one of these", option=True),
        "with": Param("regex-list", default=[], doc="one of these must also occur in the sentence (or the document)"),
        "with_scope": Param("str", default="sentence", choices=("sentence", "block", "document"),
                            doc="where 'with' is looked for: the sentence, its block (paragraph), or anywhere in the article's prose"),
        "frames": Param("list", default=["mention"], doc="what silences a match: mention, negation, hedge", option=True),
        "suggest": Param("any", default=[], doc="[regex, replacement] pairs: the first whose regex matches the whole finding gives the suggestion"),
        "kinds": Param("list", default=["heading", "paragraph", "list_item", "blockquote", "table_cell", "line"],
                       doc="block kinds whose sentences are checked"),
        "front_matter": Param("list", default=[], doc="front-matter keys whose text is checked too (a title)"),
    }

    def __init__(self, ctx: Context, config: dict[str, Any], raw: Any) -> None:
        super().__init__(ctx, config, raw)
        bad = [f for f in config["frames"] if f not in FRAMES]
        if bad:
            raise ctx.error(raw, "frames", f"unknown frame {bad[0]!r} (frames: {', '.join(FRAMES)})")
        self.suggest: list[tuple[re.Pattern[str], str]] = []
        if not isinstance(config["suggest"], list):
            raise ctx.error(raw, "suggest", "'suggest' must be a list of [regex, replacement] pairs")
        for i, pair in enumerate(config["suggest"]):
            if not (isinstance(pair, (list, tuple)) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
                raise ctx.error(raw, "suggest", f"suggest item {i + 1} must be a pair [regex, replacement]")
            try:
                self.suggest.append((ctx.compile(pair[0]), pair[1]))
            except (re.error, ValueError) as exc:
                raise ctx.error(raw, "suggest", f"suggest item {i + 1}: invalid regex: {exc}") from None
        # One alternation of every pattern: the cheap test each sentence gets first.
        self.trigger = ctx.combined("|".join(f"(?:{p.pattern})" for p in config["patterns"]), re.IGNORECASE)
        self._need: Any = _UNREAD  # the literals a match must hold (see ``literals``)

    def suggestion(self, match: str) -> str | None:
        # Lower-case ordinary words so that "Anxiety sufferers" suggests "people
        # with anxiety" (the fix restores a capital at the start of a sentence);
        # acronyms (PTSD, OCD) keep their case.
        words = " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in match.split())
        for regex, replacement in self.suggest:
            m = regex.fullmatch(words)
            if m:
                return m.expand(replacement)
        return None

    def _finding(self, start: int, end: int, match: str) -> Finding:
        suggestion = self.suggestion(match)
        data: dict[str, Any] = {"suggestion": suggestion or ""}
        if suggestion is not None:
            data["replacement"] = suggestion
        return Finding(start, end, data)

    def check_text(self, text: str, offset: int, context: str | None = None,
                   with_text: str | None = None, triggered: bool = False) -> Iterable[Finding]:
        """Findings in one sentence (or one front-matter value) at ``offset``.
        ``context`` is what ``unless_sentence`` reads when it is wider than
        the sentence: a table cell is read with its row, so a "Myth | Fact"
        row that corrects the myth in its next cell is not a claim.
        ``with_text`` is where ``with`` looks under ``with_scope: block``
        (the sentence's paragraph: "Some fathers have thoughts of suicide.
        ... he made a failed attempt"). ``triggered``: the caller has already
        found the trigger in ``text``."""
        cfg = self.config
        if not triggered and not self.trigger.search(text):
            return
        if any(p.search(context or text) for p in cfg["unless_sentence"]):
            return
        if cfg["with"] and cfg["with_scope"] != "document" and not any(p.search(with_text or text) for p in cfg["with"]):
            return
        covers = [(x.start(), x.end()) for p in cfg["exclude"] for x in p.finditer(text)]
        last_end = -1
        spans = sorted({(m.start(), m.end()) for p in cfg["patterns"] for m in p.finditer(text) if m.group().strip()})
        for a, b in spans:
            if a < last_end or any(x <= a and b <= y for x, y in covers):
                continue
            if silenced(text, a, b, cfg["frames"]):
                continue
            last_end = b
            yield self._finding(offset + a, offset + b, text[a:b])

    def _document_has_with(self, doc: Document) -> bool:
        view = doc.view
        return any(p.search(view[ln.start:ln.end]) for ln in doc.lines for p in self.config["with"])

    def run(self, doc: Document) -> Iterable[Finding]:
        if self.config["with"] and self.config["with_scope"] == "document" and not self._document_has_with(doc):
            return
        yield from self._sentences(doc)
        yield from self._front_matter(doc)

    def _sentences(self, doc: Document) -> Iterable[Finding]:
        sentences = doc.sentences
        # Only the sentences holding a literal of some pattern can match.
        if self._need is _UNREAD:  # read on first use, not at load (a run may select few rules)
            self._need = literals.any_of(self.config["patterns"])
        where = literals.holders(doc, self._need, "sentences")
        if where is not None and not where:
            return
        kinds = set(self.config["kinds"])
        trigger = self.trigger
        for i in range(len(sentences)) if where is None else sorted(where):
            sent = sentences[i]
            if not trigger.search(sent.text):
                continue
            block = block_at(doc, sent.start)
            if block is None or block.kind not in kinds:
                continue
            context = None
            if block.kind == "table_cell":
                index = doc.source.index
                context = doc.view[slice(*index.line_span(index.line_of(sent.start), doc.view))]
            with_text = doc.view[block.start:block.end] if self.config["with_scope"] == "block" else None
            yield from self.check_text(sent.text, sent.start, context, with_text, triggered=True)

    def _front_matter(self, doc: Document) -> Iterable[Finding]:
        fm = doc.front_matter
        if not self.config["front_matter"] or fm is None or not isinstance(fm.data, dict):
            return
        # Front matter is blanked in the view, so its values are found in the text.
        index, text = doc.source.index, doc.text
        for key in self.config["front_matter"]:
            value = fm.data.get(key)
            line = fm.key_lines.get(key)
            if not isinstance(value, str) or not line:
                continue
            lo, hi = index.line_span(line - 1, text)
            where = text.find(value, lo, hi)
            if where >= 0:  # a one-line value: positions are exact
                yield from self.check_text(value, where)

