"""Per-category precision and recall of diagnostics against a labels file
({file name: [{line, category, note}]}), line 0 meaning the whole document."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Iterable


def score(labels_path: Path, diagnostics: Iterable, categories: Iterable[str]) -> dict[str, dict]:
    labels = json.loads(Path(labels_path).read_text(encoding="utf-8"))
    wanted = {(name, item["line"], item["category"]) for name, items in labels.items() for item in items}
    found = {(Path(d.path).name, d.line, d.category) for d in diagnostics if Path(d.path).name in labels}
    table: dict[str, dict] = {}
    for cat in categories:
        want = {k for k in wanted if k[2] == cat and k[1] > 0}
        got = {k for k in found if k[2] == cat}
        tp = len(want & got)
        table[cat] = {
            "labels": len(want),
            "tp": tp,
            "fp": sorted(got - want),
            "fn": sorted(want - got),
            "precision": tp / len(got) if got else (1.0 if not want else 0.0),
            "recall": tp / len(want) if want else 1.0,
        }
    return table
