"""``--jobs``: worker processes give exactly the output of one process, in the
same order, with each file's own configuration."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from conftest import SEEDS
from mhlint.cli import main
from mhlint.engine.lint import PARALLEL_MIN_FILES


def test_workers_give_the_same_report_as_one_process(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(PARALLEL_MIN_FILES + 2):
        folder = tmp_path / ("strict" if i % 3 == 0 else "plain")
        folder.mkdir(exist_ok=True)
        shutil.copy(seeds[i % len(seeds)], folder / f"{i:03d}-{seeds[i % len(seeds)].name}")
    (tmp_path / "strict" / ".mhlint.yaml").write_text("ignore: [BP]\n", encoding="utf-8")
    one = CliRunner().invoke(main, ["--no-cache", "-j", "1", "--output-format", "json", "."])
    two = CliRunner().invoke(main, ["--no-cache", "-j", "2", "--output-format", "json", "."])
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    diags = json.loads(one.stdout)["diagnostics"]
    strict = [d for d in diags if d["path"].startswith("strict/")]
    plain = [d for d in diags if d["path"].startswith("plain/")]
    assert strict and plain
    assert not any(d["code"].startswith("BP") for d in strict)  # the folder's own configuration applied
    assert any(d["code"].startswith("BP") for d in plain)
