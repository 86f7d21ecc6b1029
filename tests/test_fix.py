"""``--fix``, ``--unsafe-fixes``, ``--diff`` and ``--show-fixes``: what is
written, byte for byte, and what is never touched.

The seeds are fixed in a temporary folder: afterwards no safe-fixable finding
remains, every line that labels.json does not mark as boilerplate or duplicate
is still there, and fixing again changes nothing.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest
from click.testing import CliRunner

from mhlint.cli import main
from mhlint.diagnostic import Applicability, Diagnostic, Edit, Fix, Severity
from mhlint.engine.lint import lint_text
from mhlint.output import fixer
from conftest import SEEDS

SKIP = "Skip to content"
BODY = "Grief changes shape over the first year, and most people find their own rhythm."
SHARE = "Share This Post"


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("bom", [False, True])
def test_fix_keeps_newline_style_bom_and_every_other_byte(here, newline, bom):
    lines = [SKIP, "", BODY, "", SHARE, "", "Be gentle with yourself\u2009\u2014 it takes time."]
    text = newline.join(lines)  # no final newline, as in the seeds
    raw = ("\ufeff" if bom else "") + text
    (here / "a.txt").write_bytes(raw.encode("utf-8"))
    result = run("--fix", "a.txt")
    expected = ("\ufeff" if bom else "") + newline.join([BODY, "", "Be gentle with yourself\u2009\u2014 it takes time."])
    assert (here / "a.txt").read_bytes() == expected.encode("utf-8")
    assert result.exit_code == 0, result.output
    assert "Fixed 2 problems in 1 file." in result.stdout


def test_fix_twice_equals_fix_once(here):
    shutil.copy(SEEDS / "002_cd56f3b0d5948c42.txt", here / "s.txt")
    run("--fix", "s.txt")
    once = (here / "s.txt").read_bytes()
    second = run("--fix", "s.txt")
    assert (here / "s.txt").read_bytes() == once
    assert "Nothing to fix." in second.stdout


def _labelled_lines(name: str) -> set[int]:
    labels = json.loads((SEEDS / "labels.json").read_text(encoding="utf-8"))[name]
    return {item["line"] for item in labels if item["category"] in ("boilerplate", "duplicate")}


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_fixing_a_seed_keeps_every_body_line_and_leaves_nothing_safe_to_fix(here, seed):
    original = (SEEDS / seed).read_text(encoding="utf-8")
    shutil.copy(SEEDS / seed, here / seed)
    result = run("--fix", seed)
    assert result.exit_code in (0, 1), result.output
    fixed = (here / seed).read_text(encoding="utf-8")
    removable = _labelled_lines(seed)
    body = [line for n, line in enumerate(original.split("\n"), 1) if n not in removable and line.strip()]
    remaining = fixed.split("\n")
    # Every unlabelled line is still there, unchanged, in its order. (A line may
    # lose a placeholder in the middle: BP012 edits a span, so compare those
    # lines with the placeholder taken out.)
    position = 0
    for line in body:
        wanted = [i for i in range(position, len(remaining)) if remaining[i] == line]
        if not wanted:
            shortened = [i for i in range(position, len(remaining)) if remaining[i] and line.startswith(remaining[i].rstrip(".")[:60])]
            assert shortened, f"{seed}: lost body line {line[:80]!r}"
            wanted = shortened
        position = wanted[0] + 1
    left = lint_text(fixed, seed)
    assert not [d for d in left if fixer.wanted(d, unsafe=False)]


def test_fix_never_deletes_a_flattened_table_or_a_glued_title(here):
    shutil.copy(SEEDS / "002_cd56f3b0d5948c42.txt", here / "t.txt")
    shutil.copy(SEEDS / "003_ebec8332164ff798.txt", here / "b.txt")
    run("--fix", "--unsafe-fixes", "t.txt", "b.txt")
    table = (SEEDS / "002_cd56f3b0d5948c42.txt").read_text(encoding="utf-8").split("\n")[4:12]
    fixed = (here / "t.txt").read_text(encoding="utf-8")
    assert all(row in fixed for row in table)
    title = (SEEDS / "003_ebec8332164ff798.txt").read_text(encoding="utf-8").split("\n")[0]
    assert title in (here / "b.txt").read_text(encoding="utf-8")
    # and the findings that carry advice say how to restore them
    diags = [d for d in lint_text(fixed, "t.txt") if d.code == "BP013"]
    assert diags and diags[0].fix is not None and diags[0].fix.applicability is Applicability.DISPLAY_ONLY
    assert "Markdown table" in diags[0].fix.title and not diags[0].fix.edits


def test_unsafe_fixes_only_with_the_flag(here):
    text = "Calm Minds\n\nHome » Blog » Anxiety\n\nWhy worry peaks at night\n\n" + BODY + "\n"
    (here / "a.md").write_text(text, encoding="utf-8")
    run("--fix", "a.md")
    assert (here / "a.md").read_text(encoding="utf-8") == text  # BP008 is an unsafe fix
    run("--fix", "--unsafe-fixes", "a.md")
    assert "Home » Blog" not in (here / "a.md").read_text(encoding="utf-8")


def test_diff_prints_and_writes_nothing(here):
    text = f"{SKIP}\n\n{BODY}\n"
    (here / "a.md").write_text(text, encoding="utf-8")
    result = run("--diff", "a.md")
    assert result.exit_code == 1
    assert (here / "a.md").read_text(encoding="utf-8") == text
    assert result.stdout.startswith("--- a/a.md\n+++ b/a.md\n@@ ")
    assert f"-{SKIP}\n" in result.stdout and f"+{BODY}" not in result.stdout
    (here / "b.md").write_text(BODY + "\n", encoding="utf-8")
    clean = run("--diff", "b.md")
    assert (clean.exit_code, clean.stdout.strip()) == (0, "No problems found in 1 file.")


def test_show_fixes_lists_what_was_fixed(here):
    (here / "a.md").write_text(f"{SKIP}\n\n{BODY}\n\n{SHARE}\n", encoding="utf-8")
    result = run("--fix", "--show-fixes", "a.md")
    assert "Fixed 1 × BP001 in a.md" in result.stderr
    assert "Fixed 1 × BP002 in a.md" in result.stderr


def test_a_failed_write_leaves_the_file_untouched_and_the_others_fixed(here, monkeypatch):
    """The disk fills up while one file is written: that file keeps its bytes,
    no temporary file is left, the other file is fixed, and the run exits 2."""
    text = f"{SKIP}\n\n{BODY}\n"
    (here / "a.md").write_text(text, encoding="utf-8")
    (here / "b.md").write_text(text, encoding="utf-8")
    real_fsync = os.fsync
    calls = []

    def full_disk(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(fixer.os, "fsync", full_disk)
    result = run("--fix", "a.md", "b.md")
    assert result.exit_code == 2
    assert (here / "a.md").read_text(encoding="utf-8") == text
    assert (here / "b.md").read_text(encoding="utf-8") == BODY + "\n"
    assert sorted(p.name for p in here.iterdir()) == ["a.md", "b.md"]
    assert "a.md: could not write the fixes (No space left on device); the file is unchanged" in result.stderr


def test_write_keeps_permission_bits(here):
    (here / "a.md").write_text(f"{SKIP}\n\n{BODY}\n", encoding="utf-8")
    os.chmod(here / "a.md", 0o640)
    run("--fix", "a.md")
    assert os.stat(here / "a.md").st_mode & 0o777 == 0o640


def _diag(start: int, end: int, code: str = "BP001", replacement: str = "") -> Diagnostic:
    fix = Fix(Applicability.SAFE, "t", (Edit(start, end, replacement),))
    return Diagnostic("x.md", 1, 1, 1, 1, start, end, code, "n", "boilerplate", Severity.WARNING, "high", "m", "", fix=fix)


def test_overlapping_edits_are_never_applied_together():
    edits, counts = fixer.choose([_diag(0, 10, "A"), _diag(5, 15, "B"), _diag(20, 25, "C")], unsafe=False)
    assert edits == [Edit(0, 10, ""), Edit(20, 25, "")]
    assert counts == {"A": 1, "C": 1}


def test_the_same_edit_from_two_rules_is_made_once():
    edits, counts = fixer.choose([_diag(0, 10, "A"), _diag(0, 10, "B")], unsafe=False)
    assert edits == [Edit(0, 10, "")]
    assert counts == {"A": 1, "B": 1}


def test_fixing_converges_on_overlaps_in_a_later_pass(here):
    """Two widgets on adjacent lines are both removed, over two passes if needed."""
    (here / "a.md").write_text(f"{BODY}\n\n{SHARE}\nLeave a Reply\n", encoding="utf-8")
    run("--fix", "a.md")
    assert (here / "a.md").read_text(encoding="utf-8") == BODY + "\n"


def test_stdin_fix_writes_the_fixed_text_to_stdout(here):
    result = run("-", "--stdin-filename", "post.md", "--fix", input=f"{SKIP}\r\n\r\n{BODY}\r\n".encode())
    assert result.exit_code == 0
    assert result.stdout_bytes == f"{BODY}\r\n".encode()
    assert "Fixed 1 problem in 1 file." in result.stderr


def test_exact_duplicates_are_safe_to_delete_near_duplicates_are_not():
    para = "Crying in therapy is common and can be a sign that something important is being touched."
    exact = lint_text(f"{para}\n\n{BODY}\n\n{para}\n", "a.md")
    near = lint_text(f"{para}\n\n{BODY}\n\n{para.upper()}\n", "a.md")
    (e,) = [d for d in exact if d.code == "DUP001"]
    (n,) = [d for d in near if d.code == "DUP001"]
    assert e.fix.applicability is Applicability.SAFE
    assert n.fix.applicability is Applicability.UNSAFE
