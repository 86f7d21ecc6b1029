"""Detection quality on the labelled corpora written for the project.

``tests/corpus/dev`` was used while writing rules; ``tests/corpus/holdout``
was written independently and first measured untouched (micro precision
0.952, recall 0.645; see the README there). The floors below guard against
regressions; they are not targets to tune to.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mhlint.engine.lint import lint_paths
from scoring import score

CORPUS = Path(__file__).parent / "corpus"
CORE = ("boilerplate", "duplicate", "statistic", "attribution", "physiology")
# corpus -> (minimum precision, minimum recall) per category
FLOORS = {"dev": (0.9, 0.9), "holdout": (0.8, 0.5)}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_corpus_precision_and_recall(name):
    folder = CORPUS / name
    table = score(folder / "labels.json", lint_paths([str(folder)]).diagnostics, CORE)
    min_p, min_r = FLOORS[name]
    for category in CORE:
        row = table[category]
        assert row["precision"] >= min_p, (name, category, row["fp"])
        assert row["recall"] >= min_r, (name, category, row["fn"])
