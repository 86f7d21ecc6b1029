"""Each seed article's diagnostics are pinned in ``tests/snapshots/<seed>.txt``
(``line:col: CODE message``, sorted). A change in behaviour shows up as a diff
to review; run ``MHLINT_UPDATE_SNAPSHOTS=1 pytest tests/test_seed_snapshots.py``
to accept it. Snapshots pin behaviour; the label scores in
``test_seed_quality.py`` are what says the behaviour is right."""

from __future__ import annotations

import os

import pytest

from conftest import ROOT, SEEDS
from mhlint.engine import lint_paths

SNAPSHOTS = ROOT / "tests" / "snapshots"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def render(path) -> str:
    report = lint_paths([str(path)])
    assert not report.errors
    return "".join(f"{d.line}:{d.column}: {d.code} {d.message}\n" for d in report.diagnostics)


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_seed_snapshot(seed):
    actual = render(seed)
    snapshot = SNAPSHOTS / f"{seed.stem}.txt"
    if os.environ.get("MHLINT_UPDATE_SNAPSHOTS") == "1":
        snapshot.write_text(actual, encoding="utf-8")
    assert snapshot.exists(), f"no snapshot for {seed.name}; run with MHLINT_UPDATE_SNAPSHOTS=1"
    assert actual == snapshot.read_text(encoding="utf-8")


def test_seeds_are_unchanged_copies():
    """The seeds are fixtures: byte-for-byte the five source articles."""
    assert len(SEED_FILES) == 5
    for seed in SEED_FILES:
        data = seed.read_bytes()
        assert not data.endswith(b"\n"), "the source articles have no final newline"
