"""Start-up stays light: commands that lint nothing, runs whose rules need no
tokens, and articles in which no token rule has anything to read never import
spaCy (its import alone costs most of a cold start)."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import sys
from mhlint.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print("SPACY" if "spacy" in sys.modules else "NO-SPACY", file=sys.stderr)
"""


def imports_spacy(args: list[str], cwd) -> bool:
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=cwd, timeout=120)
    last = proc.stderr.strip().splitlines()[-1]
    assert last in ("SPACY", "NO-SPACY"), proc.stderr
    return last == "SPACY"


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["rules"], ["rule", "STAT001"], ["config"],
                                  ["--select", "BP,DUP", "a.md"]])
def test_no_spacy_where_no_rule_needs_tokens(tmp_path, args):
    (tmp_path / "a.md").write_text("Skip to content\n\nStudies show that crying helps.\n", encoding="utf-8")
    assert not imports_spacy(args, tmp_path)


def test_sentences_alone_never_import_spacy(tmp_path):
    # Sentence rules (claims, phrases, readability) run on every article; they
    # use mhlint's own splitter, so an article none of whose sentences holds a
    # token rule's anchor word is linted without spaCy.
    (tmp_path / "a.md").write_text("Studies show that crying helps. Most people feel better after.\n", encoding="utf-8")
    assert not imports_spacy(["--no-cache", "a.md"], tmp_path)


def run_probe(args: list[str], cwd) -> tuple[bool, str]:
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=cwd, timeout=120)
    return proc.stderr.strip().splitlines()[-1] == "SPACY", proc.stdout


def test_plain_prose_a_token_rule_reads_is_tokenized_without_spacy(tmp_path):
    # mhlint's own tokenizer gives spaCy's tokens for plain prose.
    (tmp_path / "a.md").write_text("Studies show that a dopamine detox resets your brain's reward system.\n",
                                   encoding="utf-8")
    spacy, out = run_probe(["--no-cache", "-q", "a.md"], tmp_path)
    assert not spacy and "PHYS004" in out


def test_spacy_tokenizes_a_sentence_of_another_shape(tmp_path):
    # "10mg/day" is not a shape mhlint's tokenizer knows: spaCy reads that sentence.
    (tmp_path / "a.md").write_text("A dopamine detox (10mg/day of nothing) resets your brain.\n", encoding="utf-8")
    spacy, out = run_probe(["--no-cache", "-q", "a.md"], tmp_path)
    assert spacy and "PHYS004" in out


def test_version_is_answered_without_the_command_line_and_says_what_click_says(tmp_path):
    # The entry point answers ``--version`` itself; its text and exit status
    # must stay those of the click command it stands in for.
    fast = subprocess.run([sys.executable, "-m", "mhlint", "--version"], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    full = subprocess.run([sys.executable, "-c", "from mhlint.cli import main; main(['--version'])"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert (fast.returncode, fast.stdout, fast.stderr) == (full.returncode, full.stdout, full.stderr)
    assert fast.stdout.startswith("mhlint, version ")
    probe = ("import sys\nfrom mhlint.__main__ import run\ntry:\n    run(['--version'])\nexcept SystemExit:\n    pass\n"
             "print('click' in sys.modules, file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.stderr.strip() == "False"


@pytest.mark.parametrize("args", [["--version", "--help"], ["rules"], []])
def test_the_entry_point_hands_everything_else_to_the_command_line(tmp_path, args):
    via_entry = subprocess.run([sys.executable, "-m", "mhlint", *args], capture_output=True, text=True,
                               cwd=tmp_path, timeout=120)
    via_cli = subprocess.run([sys.executable, "-c", f"from mhlint.cli import main; main({args!r}, prog_name='mhlint')"],
                             capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert (via_entry.returncode, via_entry.stdout, via_entry.stderr) == \
        (via_cli.returncode, via_cli.stdout, via_cli.stderr)
