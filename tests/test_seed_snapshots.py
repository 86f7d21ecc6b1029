"""Each seed article's diagnostics are pinned in ``tests/snapshots/<seed>.txt``
(``line:col: CODE message``, sorted). A change in behaviour shows up as a diff
to review; run ``MHLINT_UPDATE_SNAPSHOTS=1 pytest tests/test_seed_snapshots.py``
to accept it. Snapshots pin behaviour; the label scores in
``test_seed_quality.py`` are what says the behaviour is right."""

from __future__ import annotations

import hashlib
import os

import pytest

from conftest import ROOT, SEEDS
from mhlint.engine.lint import lint_paths

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


# SHA-256 of the five source articles and their labels, as they were handed over.
SEED_DIGESTS = {
    "000_bed2983824eff4f2.txt": "cffa7a4365bf4219887ee580ffecd7604d3b653864bba87c6f3c007e503cf87d",
    "001_a1efd41a8938ef15.txt": "f2b97869bf484ae9ffb1676a7ba90eb205c88694d30351029882ea22e71ffa8b",
    "002_cd56f3b0d5948c42.txt": "9e18c2342f28cf989e8ee3137c5a51975957fd10fd2c06d58968de8c247905b1",
    "003_ebec8332164ff798.txt": "fad17c16bbb743130884044a101b7b0923504101893279624f897b2ba925a684",
    "004_76e7fb4154985cf8.txt": "4fb9f50a2d5a09126b12d6ba3943e929ac9f3d1f2ad73b5115d4e841a6759297",
    "labels.json": "b7e8fcc12bbda74eb5d406af8063a0834a20d428aac4ca33f08996340831a764",
}


def test_seeds_are_unchanged_copies():
    """The seeds are fixtures: byte-for-byte the five source articles and labels."""
    found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SEEDS.iterdir() if p.is_file()}
    assert found == SEED_DIGESTS
