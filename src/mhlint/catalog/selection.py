"""Rule selectors, as written in ``select``, ``ignore``, per-file ignores and
suppression directives.

A selector is a code (``STAT001``), a code prefix (``STAT``, ``BP0``), a rule
name (``unsourced-percentage``), a category (``statistic``), a tag or ``ALL``.
A selector that matches no rule is an error where it selects rules (a typo
must not silently turn a rule off) and a warning in a directive.
"""

from __future__ import annotations

from typing import Iterable

from mhlint.catalog.schema import Rule


def matches(selector: str, rule: Rule) -> bool:
    sel = selector.strip()
    if sel.upper() == "ALL":
        return True
    low = sel.lower()
    return rule.code.startswith(sel.upper()) or low in (rule.name, rule.category) or low in (t.lower() for t in rule.tags)


def split(values: Iterable[str]) -> list[str]:
    """Accept repeated options and comma-separated lists alike."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
