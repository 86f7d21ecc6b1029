"""Detection quality on the labelled corpora written for the project.

Every folder of ``tests/corpus`` with a ``labels.json`` is linted with the
default settings and scored with ``mhlint.evaluation`` (line 0 labels are
whole-document findings). ``dev`` was used while writing the first rules;
``holdout``, ``fresh`` and ``fresh2`` were written by people who had not seen the rules
and were first measured untouched (their READMEs give those figures); all of
them are now used for tuning. The floors below guard against regressions;
they are not targets to tune to: the targets (precision 0.95, recall 0.90 in
every category, nothing on clean articles) are measured by
``scripts/evaluate.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mhlint.engine.lint import lint_paths
from mhlint.evaluation import CATEGORIES, Row, clean_files, load_labels, score
from mhlint.settings.model import Settings

CORPUS = Path(__file__).parent / "corpus"
FOLDERS = sorted(p.parent for p in CORPUS.glob("*/labels.json"))
# category -> (minimum precision, minimum recall) over all corpora together
FLOORS = {c: (0.95, 0.90) for c in CATEGORIES}


@pytest.fixture(scope="module")
def results() -> list[tuple[dict, list]]:
    out = []
    for folder in FOLDERS:
        labels = load_labels(folder / "labels.json")
        files = [str(folder / name) for name in sorted(labels)]
        out.append((labels, lint_paths(files, Settings()).diagnostics))
    return out


def test_there_are_at_least_sixty_articles_and_twelve_clean():
    labels = [load_labels(f / "labels.json") for f in FOLDERS]
    assert sum(len(x) for x in labels) >= 60
    assert sum(len(clean_files(x)) for x in labels) >= 12


def test_every_labelled_file_exists():
    for folder in FOLDERS:
        for name in load_labels(folder / "labels.json"):
            assert (folder / name).is_file(), (folder.name, name)


@pytest.mark.parametrize("category", CATEGORIES)
def test_precision_and_recall_over_all_corpora(results, category):
    total = Row()
    for labels, diags in results:
        row = score(labels, [(d.path, d.line, d.category) for d in diags], [category])[category]
        total.labels += row.labels
        total.tp += row.tp
        total.fp += row.fp
        total.fn += row.fn
    min_p, min_r = FLOORS[category]
    assert total.labels > 0, category
    assert total.precision >= min_p, (category, total.fp)
    assert total.recall >= min_r, (category, total.fn)


def test_no_finding_on_a_clean_article(results):
    on_clean = [f"{d.path}:{d.line} {d.code}" for labels, diags in results for d in diags
                if d.path.replace("\\", "/").rsplit("/", 1)[-1] in set(clean_files(labels))]
    assert on_clean == []
