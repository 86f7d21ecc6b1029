"""The result cache: same findings as a fresh lint, no parsing on a hit, and
never a failure because of the cache itself."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from mhlint.cli import main
from mhlint.text import document

ATTR = "Studies show that crying helps."
SKIP = "Skip to content"


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(f"{SKIP}\n\n{ATTR}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"Intro.\n{ATTR}\n", encoding="utf-8")
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def entries(folder) -> list:
    """The result entries (``<2 hex digits>/<rest of the key>.json``), not the
    index of regex literals or the derived data."""
    return sorted(p for p in folder.glob("??/*.json"))


def test_a_cached_run_gives_the_same_output_without_parsing(here, monkeypatch):
    first = run("--output-format", "json", ".")
    assert len(entries(here / ".mhlint_cache")) == 2
    assert (here / ".mhlint_cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"

    def no_parsing(*args, **kwargs):
        raise AssertionError("a cached run parsed a document")

    monkeypatch.setattr(document, "build_all", no_parsing)
    monkeypatch.setattr("mhlint.engine.lint.document.build_all", no_parsing)
    second = run("--output-format", "json", ".")
    assert second.exit_code == first.exit_code == 1
    assert json.loads(second.stdout) == json.loads(first.stdout)
    full = run("--output-format", "full", ".")  # the source lines come from the cache too
    assert "Studies show that crying helps." in full.stdout and "^^^^" in full.stdout


def test_a_changed_file_or_configuration_is_linted_again(here):
    run(".")
    (here / "a.md").write_text(f"{ATTR}\n", encoding="utf-8")
    assert [line.split(" ")[1] for line in run("-q", "a.md").stdout.splitlines()] == ["ATTR001"]
    (here / ".mhlint.yaml").write_text("ignore: [ATTR]\n", encoding="utf-8")
    assert run("-q", "a.md").stdout == ""


def test_no_cache_reads_and_writes_nothing(here):
    run("--no-cache", ".")
    assert not (here / ".mhlint_cache").exists()


def test_cache_dir_and_clean(here):
    run("--cache-dir", "elsewhere", ".")
    assert len(entries(here / "elsewhere")) == 2
    result = run("clean", "--cache-dir", "elsewhere")
    assert result.exit_code == 0 and not (here / "elsewhere").exists()
    assert run("clean").stdout == "No cache at .mhlint_cache.\n"


def test_a_corrupt_or_truncated_entry_is_ignored_with_one_warning(here):
    expected = run("-q", ".").stdout
    for i, entry in enumerate(entries(here / ".mhlint_cache")):
        entry.write_text("{\"diagnostics\": [{" if i == 0 else "not json", encoding="utf-8")
    result = run("-q", ".")
    assert result.exit_code == 1
    assert result.stdout == expected
    assert result.stderr.count("mhlint: warning: .mhlint_cache: ignored a corrupt cache entry") == 1
    # and the entries were rewritten
    assert run("-q", ".").stderr == ""


def test_an_unwritable_cache_is_a_warning_not_a_failure(here):
    (here / "blocked").write_text("a file where the cache folder should be", encoding="utf-8")
    result = run("--cache-dir", "blocked", "-q", ".")
    assert result.exit_code == 1
    assert [line.split(" ")[1] for line in result.stdout.splitlines()] == ["BP001", "ATTR001", "ATTR001"]
    assert result.stderr.count("mhlint: warning: blocked: cannot") == 1  # one warning, whatever failed first
    assert "linting without it" in result.stderr


def test_entries_are_written_atomically(here):
    run(".")
    leftovers = [p for p in (here / ".mhlint_cache").rglob("*") if p.name.endswith(".mhlint-tmp")]
    assert leftovers == []
    assert all(os.path.getsize(p) > 0 for p in entries(here / ".mhlint_cache"))


@pytest.fixture
def fresh_literals(monkeypatch):
    """This process forgets what it has read of regexes' literals."""
    from mhlint.checks import literals

    for name in ("_MEMO", "_INDEX", "_NEW"):
        monkeypatch.setattr(literals, name, {})
    return literals


def _index(folder):
    found = sorted((folder / "literals").glob("*.json"))
    assert len(found) == 1
    return found[0]


def test_the_literals_of_regexes_are_read_once_and_kept_for_the_next_run(here, monkeypatch, fresh_literals):
    first = run("--output-format", "json", ".")
    index = json.loads(_index(here / ".mhlint_cache").read_text(encoding="utf-8"))
    assert len(index) > 100  # every regex the two files made the rules consult
    assert any(need is None for need in index.values()) and any(need for need in index.values())
    for name in ("_MEMO", "_INDEX", "_NEW"):
        monkeypatch.setattr(fresh_literals, name, {})
    for entry in entries(here / ".mhlint_cache"):
        entry.unlink()  # the files are linted again, the literals come from the index

    def no_reading(*args, **kwargs):
        raise AssertionError("a regex was parsed for its literals again")

    monkeypatch.setattr(fresh_literals, "_read", no_reading)
    second = run("--output-format", "json", ".")
    assert second.stderr == ""
    assert json.loads(second.stdout) == json.loads(first.stdout)


def test_a_corrupt_literal_index_is_ignored_with_one_warning_and_rewritten(here, monkeypatch, fresh_literals):
    expected = run("-q", ".").stdout
    index = _index(here / ".mhlint_cache")
    for bad in ('{"x": [1]}', "[1, 2]", '{"x": "book"}', "{", "\xff"):
        for name in ("_MEMO", "_INDEX", "_NEW"):
            monkeypatch.setattr(fresh_literals, name, {})
        for entry in entries(here / ".mhlint_cache"):
            entry.unlink()
        index.write_text(bad, encoding="latin-1")
        result = run("-q", ".")
        assert result.stdout == expected, bad
        assert result.stderr.count("ignored a corrupt cache entry") == 1, bad
        assert isinstance(json.loads(index.read_text(encoding="utf-8")), dict), bad
