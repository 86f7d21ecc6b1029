"""Which rules run: ``--select`` and ``--ignore`` resolved against the catalogue.

A selector is a code (``STAT001``), a code prefix (``STAT``, ``BP0``), a rule
name (``unsourced-percentage``), a category (``statistic``) or ``ALL``. A
selector that matches no rule is an error: a typo must not silently turn a
rule off (or fail to turn one on).
"""

from __future__ import annotations

from typing import Iterable, Sequence

from mhlint.errors import UsageError
from mhlint.schema import Rule


def matches(selector: str, rule: Rule) -> bool:
    sel = selector.strip()
    if sel.upper() == "ALL":
        return True
    return rule.code.startswith(sel.upper()) or sel.lower() in (rule.name, rule.category)


def split(values: Iterable[str]) -> list[str]:
    """Accept repeated options and comma-separated lists alike."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def resolve(rules: Sequence[Rule], select: Iterable[str] = (), ignore: Iterable[str] = (), source: str = "--select") -> list[Rule]:
    chosen_sel = split(select) or ["ALL"]
    chosen_ign = split(ignore)
    for option, selectors in (("--select", chosen_sel), ("--ignore", chosen_ign)):
        for sel in selectors:
            if not any(matches(sel, r) for r in rules):
                raise UsageError(f"{option}: '{sel}' matches no rule (use a code, code prefix, rule name or category)")
    return [r for r in rules if any(matches(s, r) for s in chosen_sel) and not any(matches(s, r) for s in chosen_ign)]
