"""Detection quality on the seeds, scored against ``seeds/labels.json`` the
way the project's evaluation does: a labelled (line, category) is found when
a diagnostic of that category sits on that line; a diagnostic on an unlabelled
(line, category) is a false positive. The issue's bar: recall 1.0 and
precision at least 0.9 for the five core families."""

from __future__ import annotations

from conftest import SEEDS
from mhlint.engine.lint import lint_paths
from scoring import score

CORE = ("boilerplate", "duplicate", "statistic", "attribution", "physiology")


def test_seed_recall_and_precision():
    report = lint_paths([str(SEEDS)])
    table = score(SEEDS / "labels.json", report.diagnostics, CORE)
    for category in CORE:
        row = table[category]
        assert row["recall"] == 1.0, (category, row)
        assert row["precision"] >= 0.9, (category, row)
