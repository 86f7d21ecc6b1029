"""Scoring findings against hand-made labels: how the rule set is measured.

A labels file maps a file name to ``[{"line": N, "category": C, "note": ...}]``;
line 0 means the whole document (no author, a reading grade). Matching:

- a line label is found by a diagnostic of its file, line and category;
- a line-0 label is found by any diagnostic of its file and category that no
  line label needs, and every such diagnostic then belongs to it;
- every other diagnostic is a false positive, counted once per (file, line,
  category).

Files the labels do not list are ignored. The corpus audit and the test of
the labelled corpora share this one definition.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

CATEGORIES = ("boilerplate", "duplicate", "statistic", "attribution", "physiology", "language",
              "safety", "claims", "consistency", "metadata", "readability")

Key = tuple[str, int, str]


@dataclass
class Row:
    """One category's counts; ``fp`` and ``fn`` hold the keys for reading."""

    labels: int = 0
    tp: int = 0
    fp: list[Key] = field(default_factory=list)
    fn: list[Key] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.tp + len(self.fp)
        return self.tp / found if found else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.labels if self.labels else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_labels(path: Path) -> dict[str, list[dict[str, Any]]]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {Path(name).name: items for name, items in data.items()}


def score(labels: Mapping[str, list[dict[str, Any]]], found: Iterable[tuple[str, int, str]],
          categories: Iterable[str] = CATEGORIES) -> dict[str, Row]:
    """Rows per category for ``found`` (file name, line, category) triples."""
    cats = tuple(categories)
    table = {c: Row() for c in cats}
    wanted: set[Key] = {(name, int(i["line"]), str(i["category"])) for name, items in labels.items() for i in items}
    got = {(Path(f).name, int(line), c) for f, line, c in found if Path(f).name in labels and c in table}
    line_labels = {k for k in wanted if k[1] > 0}
    doc_labels = {(k[0], k[2]) for k in wanted if k[1] == 0}
    for key in wanted:
        if key[2] in table:
            table[key[2]].labels += 1
    hit = line_labels & got
    spare = got - hit
    for key in hit:
        table[key[2]].tp += 1
    for name, cat in doc_labels:
        if cat not in table:
            continue
        mine = {k for k in spare if k[0] == name and k[2] == cat}
        if mine:
            table[cat].tp += 1
            spare -= mine
        else:
            table[cat].fn.append((name, 0, cat))
    for key in sorted(line_labels - got):
        if key[2] in table:
            table[key[2]].fn.append(key)
    for key in sorted(spare):
        table[key[2]].fp.append(key)
    return table


def micro(table: Mapping[str, Row]) -> Row:
    total = Row()
    for row in table.values():
        total.labels += row.labels
        total.tp += row.tp
        total.fp += row.fp
        total.fn += row.fn
    return total


def clean_files(labels: Mapping[str, list[dict[str, Any]]]) -> list[str]:
    return sorted(name for name, items in labels.items() if not items)


def format_table(title: str, table: Mapping[str, Row]) -> str:
    lines = [title, f"{'category':<13} {'labels':>6} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}"]
    for cat, row in table.items():
        if row.labels or row.fp:
            lines.append(f"{cat:<13} {row.labels:>6} {row.tp:>4} {len(row.fp):>4} {len(row.fn):>4} "
                         f"{row.precision:>6.3f} {row.recall:>6.3f} {row.f1:>6.3f}")
    m = micro(table)
    lines.append(f"{'micro':<13} {m.labels:>6} {m.tp:>4} {len(m.fp):>4} {len(m.fn):>4} "
                 f"{m.precision:>6.3f} {m.recall:>6.3f} {m.f1:>6.3f}")
    return "\n".join(lines)
