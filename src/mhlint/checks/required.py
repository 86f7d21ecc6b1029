"""``required``: something every article (or every article that raises a
subject) must carry, with a document-level finding when it is missing.

- ``when``: the subject that creates the need (an article that mentions
  suicide needs a crisis resource); no ``when`` means every article;
  ``when_exclude`` removes names that are not the subject ("American
  Foundation for Suicide Prevention"); only prose is searched.
- what satisfies it: a front-matter key (``front_matter``: author, date...),
  a line whose start matches (``lines``: "By Jane Doe", "Updated on
  3 March 2025"), or text anywhere (``anywhere``), optionally per locale
  (``anywhere_by_locale``: the locale comes from the ``safety.locale``
  setting, and ``other_locales`` says whether another locale's resource
  also counts).

The finding is on the whole document, or with ``report: first-trigger`` on
the first mention of the subject, so an editor shows it where the subject is
raised. Either way there is nothing to delete, so these rules carry advice,
not edits.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from mhlint.checks import CheckType
from mhlint.checks.params import Context, Param
from mhlint.checks.scope import block_at
from mhlint.checks.lines import words
from mhlint.diagnostic import Finding
from mhlint.text.document import Document


# A template slot is not a value: "{{author_name}}" names no author.
_PLACEHOLDER = re.compile(r"\{\{|\{%|^\s*\[[^\]]*\]\s*$|^\s*(?:tbd|tbc|todo|xxx+|n/?a|none|null|-)\s*$", re.IGNORECASE)


class Required(CheckType):
    name = "required"
    fixable = False
    placeholders = frozenset({"match", "resource", "locale", "trigger_line"})
    params = {
        "when": Param("regex-list", default=[], doc="the subject that creates the need (default: every article)"),
        "when_exclude": Param("regex-list", default=[], doc="names that are not the subject", option=True),
        "when_kinds": Param("list", default=["heading", "paragraph", "list_item", "blockquote", "table_cell", "line"]),
        "front_matter": Param("list", default=[], doc="front-matter keys that satisfy it when they hold a value"),
        "lines": Param("regex-list", default=[], doc="regexes matched at the start of a line (after its marker)", option=True),
        "anywhere": Param("regex-list", default=[], doc="regexes searched in the whole text", option=True),
        "anywhere_by_locale": Param("mapping", default={}, doc="locale -> regexes, for the current locale"),
        "resources": Param("mapping", default={}, doc="locale -> what to add, for the message ({resource})"),
        "other_locales": Param("bool", default=True, doc="another locale's resource also satisfies it", option=True),
        "locale": Param("str", default="US", setting="safety_locale", doc="from the safety.locale setting"),
        "report": Param("str", default="document", choices=("document", "first-trigger")),
        "min_words": Param("int", default=0, option=True,
                           doc="only documents with at least this many words of prose (an article, not a fragment)"),
    }

    def __init__(self, ctx: Context, config: dict[str, Any], raw: Any) -> None:
        super().__init__(ctx, config, raw)
        self.by_locale: dict[str, list[re.Pattern[str]]] = {}
        for locale, patterns in config["anywhere_by_locale"].items():
            items = [patterns] if isinstance(patterns, str) else patterns
            if not isinstance(items, list) or not all(isinstance(p, str) for p in items):
                raise ctx.error(raw, "anywhere_by_locale", f"anywhere_by_locale.{locale} must be a list of regexes")
            try:
                self.by_locale[str(locale)] = [ctx.compile(p) for p in items]
            except (re.error, ValueError) as exc:
                raise ctx.error(raw, "anywhere_by_locale", f"anywhere_by_locale.{locale}: invalid regex: {exc}") from None
        if self.by_locale and config["locale"] not in self.by_locale:
            known = ", ".join(sorted(self.by_locale))
            raise ctx.error(raw, "anywhere_by_locale", f"no patterns for locale {config['locale']!r} (have: {known})")

    def _trigger(self, doc: Document) -> tuple[int, int] | None:
        """The first mention of the subject in prose, or None."""
        cfg = self.config
        kinds = set(cfg["when_kinds"])
        for line in doc.lines:
            text = line.text
            covers = [(m.start(), m.end()) for p in cfg["when_exclude"] for m in p.finditer(text)]
            for pattern in cfg["when"]:
                for m in pattern.finditer(text):
                    if any(a <= m.start() and m.end() <= b for a, b in covers):
                        continue
                    block = block_at(doc, line.start)
                    if block is None or block.kind not in kinds:
                        break
                    return line.start + m.start(), line.start + m.end()
        return None

    def _front_matter(self, doc: Document) -> bool:
        fm = doc.front_matter
        if fm is None or not isinstance(fm.data, dict):
            return False
        wanted = {k.lower() for k in self.config["front_matter"]}
        for key, value in fm.data.items():
            if str(key).lower() in wanted and value not in (None, "", [], {}) and not _PLACEHOLDER.search(str(value)):
                return True
        return False

    def satisfied(self, doc: Document) -> bool:
        cfg = self.config
        if self._front_matter(doc):
            return True
        for line in doc.lines:
            if any(p.match(line.text) for p in cfg["lines"]):
                return True
        view = doc.view
        patterns = list(cfg["anywhere"])
        if self.by_locale:
            locales = self.by_locale if cfg["other_locales"] else {cfg["locale"]: self.by_locale[cfg["locale"]]}
            patterns += [p for group in locales.values() for p in group]
        return any(p.search(view) for p in patterns)

    def run(self, doc: Document) -> Iterable[Finding]:
        cfg = self.config
        if cfg["min_words"] and sum(words(ln.text) for ln in doc.lines) < cfg["min_words"]:
            return
        span = self._trigger(doc) if cfg["when"] else None
        if cfg["when"] and span is None:
            return
        if self.satisfied(doc):
            return
        resources = cfg["resources"]
        data = {"resource": str(resources.get(cfg["locale"], "")), "locale": cfg["locale"], "trigger_line": ""}
        if span is not None:
            data["trigger_line"] = str(doc.source.index.line_of(span[0]) + 1)
        if cfg["report"] == "first-trigger" and span is not None:
            yield Finding(span[0], span[1], data)
        else:
            yield Finding(0, 0, data, document=True)
