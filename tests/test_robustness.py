"""Hostile inputs: linting never crashes, never hangs, never drops text
silently, and a file that cannot be linted gets one line naming it.

Each case runs mhlint as a user would (the CLI in process, or in a fresh
process where a hang or a network call must be caught) and checks the
message and that the other files are still linted.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from mhlint.cli import main
from mhlint.engine.lint import lint_text
from mhlint.errors import InputError
from mhlint.settings import files
from mhlint.text import document, markdown, nlp, source
from mhlint.text.source import MAX_BYTES, SourceFile
from conftest import ROOT, SEEDS

CLAIM = "Studies show that 60% of people cry."  # ATTR001 and STAT001
SHARE = "Share This Post"  # BP002, safe to delete


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def run_process(*args: str, cwd: Path, timeout: float = 120, code: str | None = None) -> subprocess.CompletedProcess:
    """mhlint in a fresh process, killed after ``timeout`` seconds: a hang
    fails the test instead of stopping the suite."""
    command = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "mhlint", *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env,
                          stdin=subprocess.DEVNULL)


def codes(diags) -> set[str]:
    return {d.code for d in diags}


def issue_lines(stderr: str, name: str) -> list[str]:
    return [line for line in stderr.splitlines() if f" {name}:" in line]


# --- unreadable, undecodable and odd files -------------------------------------------

def test_binary_file_is_skipped_and_said_so(here):
    (here / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    (here / "good.md").write_text(CLAIM + "\n", encoding="utf-8")
    result = run("image.md", "good.md")
    assert issue_lines(result.stderr, "image.md") == ["mhlint: error: image.md: looks like a binary file (it contains NUL bytes)"]
    assert "good.md:1:1: ATTR001" in result.stdout
    assert result.exit_code == 2


def test_non_utf8_text_is_reported_and_the_other_files_are_linted(here):
    (here / "latin1.md").write_bytes("Caf\u00e9 culture and grief.\n".encode("latin-1"))
    (here / "good.md").write_text(CLAIM + "\n", encoding="utf-8")
    result = run("--format", "json", ".")
    data = json.loads(result.stdout)
    assert [(e["path"], e["kind"]) for e in data["errors"]] == [("latin1.md", "decode")]
    assert data["errors"][0]["message"] == "not valid UTF-8 (byte 0xe9 at offset 3)"
    assert {d["code"] for d in data["diagnostics"] if d["path"] == "good.md"} == {"ATTR001", "STAT001"}


@pytest.mark.parametrize("data, expected", [
    ("\ufeffGrief\n".encode("utf-16-le"), "is UTF-16 text (it starts with a UTF-16 byte-order mark); mhlint reads UTF-8 only"),
    ("Grief and tears\n".encode("utf-16-le"), "looks like UTF-16 text (every other byte is NUL); mhlint reads UTF-8 only"),
    (b"\xed\xa0\x80 a lone surrogate, encoded", "not valid UTF-8 (byte 0xed at offset 0)"),
])
def test_other_encodings_are_named(here, data, expected):
    (here / "other.md").write_bytes(data)
    result = run("other.md")
    assert issue_lines(result.stderr, "other.md") == [f"mhlint: error: other.md: {expected}"]


@pytest.mark.parametrize("content", ["", " ", "\n", "\r\n\r\n", " \t \n\u00a0\n\u2009\r", "\ufeff", "\ufeff\n\n"])
@pytest.mark.parametrize("name", ["empty.md", "empty.txt"])
def test_empty_and_whitespace_only_files(here, content, name):
    (here / name).write_bytes(content.encode("utf-8"))
    result = run(name)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "No problems found in 1 file."
    assert result.stderr == ""


def test_nul_bytes_in_a_file_are_reported_and_in_a_text_are_linted(here):
    (here / "nul.txt").write_bytes(b"Share This Post\n\x00\nmore text\n")
    result = run("nul.txt")
    assert issue_lines(result.stderr, "nul.txt") == ["mhlint: error: nul.txt: looks like a binary file (it contains NUL bytes)"]
    # The library reads a str as it is: NUL is a character like any other.
    assert codes(lint_text(f"a\x00b\n\n{CLAIM}\x00\n", "a.md")) == {"ATTR001", "STAT001"}


def test_a_fifo_among_house_rules_is_an_error_not_a_hang(here):
    """The cache's digest of the rule files read them with a plain open(),
    which blocks forever on a FIFO; it now reads them as the loader does."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    (here / "house").mkdir()
    os.mkfifo(here / "house" / "BP902-pipe.yaml")
    (here / ".mhlint.yaml").write_text("rule-dirs: [house]\n", encoding="utf-8")
    (here / "a.md").write_text(CLAIM + "\n", encoding="utf-8")
    proc = run_process("a.md", cwd=here, timeout=60)  # the cache is on: its digest runs first
    assert proc.returncode == 2
    assert proc.stderr.strip() == ("mhlint: error: house/BP902-pipe.yaml: not a regular file "
                                   "(a folder, FIFO, socket or device)"), proc.stderr


def test_a_fifo_is_skipped_and_never_opened(here):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo(here / "pipe.md")
    os.mkdir(here / "site")
    os.mkfifo(here / "site" / "pipe.md")
    (here / "site" / "good.md").write_text(CLAIM + "\n", encoding="utf-8")
    # A fresh process with a timeout: opening a FIFO for reading blocks forever.
    proc = run_process("pipe.md", "site", cwd=here, timeout=120)
    assert "mhlint: warning: pipe.md: not a regular file (a FIFO, socket or device); skipped" in proc.stderr
    assert f"mhlint: warning: {os.path.join('site', 'pipe.md')}: not a regular file" in proc.stderr
    assert "site/good.md:1:1: ATTR001" in proc.stdout.replace(os.sep, "/")
    # A FIFO put where a listed file was (a race) is refused, not read.
    started = time.monotonic()
    with pytest.raises(InputError, match="not a regular file"):
        SourceFile.read(str(here / "pipe.md"))
    assert time.monotonic() - started < 5


def test_a_folder_named_like_a_file_is_not_read_as_one(here):
    (here / "folder.md").mkdir()
    with pytest.raises(InputError) as caught:
        SourceFile.read("folder.md")
    assert str(caught.value) == "folder.md: not a regular file (a folder, FIFO, socket or device); skipped"
    result = run("folder.md")
    assert issue_lines(result.stderr, "folder.md") == [
        "mhlint: warning: folder.md: holds no article to lint (looked for .md, .markdown, .mdown, .mkd, .txt, "
        "outside excluded and git-ignored paths)"]


def test_an_unreadable_file_is_reported(here):
    if os.geteuid() == 0:
        pytest.skip("running as root: permission bits do not stop root from reading a file "
                    "(the folder-named-like-a-file case covers an open that fails)")
    secret = here / "secret.md"
    secret.write_text(CLAIM, encoding="utf-8")
    secret.chmod(0)
    try:
        result = run("secret.md")
    finally:
        secret.chmod(0o644)
    assert issue_lines(result.stderr, "secret.md") == ["mhlint: error: secret.md: Permission denied"]


def test_symlink_loops_are_reported_named_or_walked(here):
    os.symlink("loop2.md", here / "loop1.md")
    os.symlink("loop1.md", here / "loop2.md")
    (here / "good.md").write_text(CLAIM + "\n", encoding="utf-8")
    named = run("loop1.md", "good.md")
    assert issue_lines(named.stderr, "loop1.md") == [
        "mhlint: error: loop1.md: symbolic link that points nowhere (or to itself)"]
    walked = run(".")
    assert issue_lines(walked.stderr, "loop1.md") == [
        "mhlint: warning: loop1.md: symbolic link that points nowhere (or to itself)"]
    assert "good.md:1:1: ATTR001" in walked.stdout
    with pytest.raises(InputError, match="symbolic link that points to itself"):
        SourceFile.read("loop1.md")


def test_a_file_that_vanishes_between_listing_and_reading(here, monkeypatch):
    (here / "gone.md").write_text(CLAIM + "\n", encoding="utf-8")
    (here / "stays.md").write_text(CLAIM + "\n", encoding="utf-8")
    discover = files.discover

    def discover_then_delete(*args, **kwargs):
        found = discover(*args, **kwargs)
        (here / "gone.md").unlink()
        return found

    monkeypatch.setattr(files, "discover", discover_then_delete)
    result = run(".")
    [line] = issue_lines(result.stderr, "gone.md")
    assert line.startswith("mhlint: error: gone.md: ") and "no such file" in line.lower(), line
    assert "stays.md:1:1: ATTR001" in result.stdout
    with pytest.raises(InputError) as caught:
        SourceFile.read(str(here / "gone.md"))
    assert caught.value.message == "no such file (it may have been moved or deleted while mhlint ran)"


# --- size -------------------------------------------------------------------------------

def test_a_file_over_the_size_limit_is_refused_quickly(here):
    line = (CLAIM + " ") * 30 + "\n\n"
    data = (line * (MAX_BYTES // len(line) + 10)).encode("utf-8")
    assert 20 << 20 > len(data) > MAX_BYTES
    data += data[: (20 << 20) - len(data)]  # 20 MiB
    (here / "huge.md").write_bytes(data)
    (here / "good.md").write_text(CLAIM + "\n", encoding="utf-8")
    started = time.monotonic()
    result = run("--format", "json", "huge.md", "good.md")
    assert time.monotonic() - started < 60
    errors = json.loads(result.stdout)["errors"]
    assert [(e["path"], e["kind"]) for e in errors] == [("huge.md", "too-large")]
    assert errors[0]["message"] == "is 20.0 MiB, larger than the 16 MiB mhlint reads (MAX_BYTES; an article is rarely over 1 MiB)"
    assert {d["path"] for d in json.loads(result.stdout)["diagnostics"]} == {"good.md"}
    # Standard input goes through the same limit.
    piped = run("-", input=data)
    assert "mhlint: error: -: is 20.0 MiB, larger than the 16 MiB mhlint reads" in piped.stderr or \
        "is 20.0 MiB, larger than the 16 MiB" in piped.output


def _single_line(size: int) -> str:
    words = "Grief changes shape over the first year and most people find their own rhythm again, "
    return (words * (size // len(words) + 1))[:size] + f" {CLAIM}"


@pytest.mark.slow
def test_a_one_megabyte_single_line_is_linted_in_linear_time():
    lint_text("warm up", "a.txt")
    timings = {}
    for size in (1 << 17, 1 << 20):
        started = time.monotonic()
        diags = lint_text(_single_line(size), "a.txt")
        timings[size] = time.monotonic() - started
        assert {"ATTR001", "STAT001"} <= codes(diags)  # the claim at the very end is found
    assert timings[1 << 20] < 8 * timings[1 << 17] * 2.5 + 2, timings  # 8 times the text, not 64 times the time
    assert timings[1 << 20] < 120, timings


@pytest.mark.slow
def test_a_paragraph_over_a_million_characters_is_linted():
    text = "word " * 220_000 + CLAIM + "\n"
    assert len(text) > nlp.pipeline().max_length or len(text) > 1_000_000
    for path in ("long.md", "long.txt"):
        diags = lint_text(text, path)
        found = {(d.code, d.offset) for d in diags}
        assert ("ATTR001", text.index("Studies")) in found, path


@pytest.mark.parametrize("run_text", [
    "(" * 50_000, "[" * 50_000, "![" * 25_000, "[a](" * 12_500, "<!--" * 12_500, "`" * 50_000, "*" * 50_000,
    "<" * 50_000, "<http:" * 8_000, "`a``" * 12_500, "# " + " " * 50_000 + "x", "<!-- mhlint-disable " * 2_500,
], ids=lambda text: f"{text[:8]!r}x{len(text)}")
@pytest.mark.parametrize("path", ["runs.md", "runs.txt"])
def test_long_runs_of_markup_characters_are_read_in_linear_time(run_text, path):
    """What the text layer does with a 50,000-character line of one markup
    character (markdown-it's inline parser, lazy regexes, spaCy's tokenizer
    are all quadratic on some of them). The rules' own regexes are tested in
    test_regex_linear.py."""
    text = f"Text {run_text}\n\n{CLAIM}\n"  # inline: at the start of a line "```" opens a fence, "<!--" a comment
    started = time.monotonic()
    doc = document.build(SourceFile.from_text(text, path), linguistic=True)
    assert time.monotonic() - started < 10, run_text[:10]
    assert any(s.text == CLAIM for s in doc.sentences)


# --- structure -------------------------------------------------------------------------

@pytest.mark.parametrize("depth", [10, 25, 60, 150, 400])
@pytest.mark.parametrize("kind", ["list", "quote", "both"])
def test_deep_nesting_never_drops_text(kind, depth):
    if kind == "list":
        lines = ["  " * i + f"- Item {i}: {CLAIM}" for i in range(depth)]
    elif kind == "quote":
        lines = [">" * (i + 1) + f" Quote {i}: {CLAIM}" for i in range(depth)]
    else:
        lines = ["- > " * (i + 1) + f"Mixed {i}: {CLAIM}" for i in range(depth)]
    text = "\n".join(lines) + f"\n\nAfter the nesting. {CLAIM}\n"
    diags = lint_text(text, "deep.md")
    flagged = {d.line for d in diags if d.code == "ATTR001"}
    assert flagged == set(range(1, depth + 1)) | {depth + 2}, sorted(set(range(1, depth + 3)) - flagged)
    # Past markdown-it's nesting limit the rest is read as plain paragraphs,
    # with a notice; below it, Markdown as usual.
    notices = document.build(SourceFile.from_text(text, "deep.md")).notices
    if depth <= 25:
        assert notices == ()
    elif depth >= 150:
        assert len(notices) == 1 and f"nested more than {markdown.MAX_NESTING} levels deep" in notices[0].message


@pytest.mark.parametrize("text, closed, notice", [
    (f"{CLAIM}\n\n<!-- a comment\n\n{CLAIM}\n", f"{CLAIM}\n\n<!-- a comment -->\n\n{CLAIM}\n",
     "an HTML comment opened on line 3 is never closed"),
    (f"{CLAIM}\n\n```\ncode\n\n{CLAIM}\n", f"{CLAIM}\n\n```\ncode\n```\n\n{CLAIM}\n",
     "a code fence opened on line 3 is never closed"),
    (f"{CLAIM}\n\n> ````\n> code\n> ```\n", f"{CLAIM}\n\n> ````\n> code\n> ````\n",
     "a code fence opened on line 3 is never closed"),
], ids=["comment", "fence", "short-closing-fence"])
def test_an_unclosed_comment_or_fence_that_hides_the_rest_is_noticed(text, closed, notice):
    """As a Markdown renderer does, the rest of the file is a comment or code;
    the Document says so, so that it can be reported."""
    doc = document.build(SourceFile.from_text(text, "a.md"))
    assert [n.message.split(",")[0] for n in doc.notices] == [notice]
    assert [d.line for d in lint_text(text, "a.md") if d.code == "ATTR001"] == [1]
    assert document.build(SourceFile.from_text(closed, "a.md")).notices == ()


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "mixed"])
@pytest.mark.parametrize("path", ["a.md", "a.txt"])
def test_line_endings_keep_positions_exact(newline, path):
    lines = ["# Title", "", SHARE, "", f"Body. {CLAIM}", "", SHARE]
    breaks = ["\r\n", "\n", "\r", "\r\n", "\n", "\r"] if newline == "mixed" else [newline] * 6
    text = "".join(line + brk for line, brk in zip(lines, breaks)) + lines[-1]
    found = sorted((d.code, d.line, d.column) for d in lint_text(text, path))
    assert ("BP002", 3, 1) in found and ("BP002", 7, 1) in found
    assert ("ATTR001", 5, 7) in found


def test_bom_is_kept_out_of_positions(here):
    (here / "bom.md").write_bytes(("\ufeff" + CLAIM + "\r\n").encode("utf-8"))
    result = run("bom.md")
    assert "bom.md:1:1: ATTR001" in result.stdout
    assert "bom.md:1:19: STAT001" in result.stdout


def test_a_lone_surrogate_does_not_reach_spacy():
    text = f"Hello \ud800 world. {CLAIM}\n\n\udfff\n"
    for path in ("a.md", "a.txt"):
        assert codes(lint_text(text, path)) == {"ATTR001", "STAT001"}


@pytest.mark.parametrize("front", [
    "title: [unclosed", "date: 2076-14-04", "x: !!int x", "y: !!timestamp x", "a: &a [*a]", "b: &b {c: *b}",
    "k: !!binary '@@@'", "? [a]\n: b", "!!python/object:os.system x", "k: !!set 5", "deep: " + "[" * 500 + "]" * 500,
    "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
    "mhlint: !!int x", "mhlint: {ignore: &i [*i]}", "mhlint:\n  ignore: !!timestamp x",
], ids=lambda text: text[:24])
def test_bad_front_matter_never_crashes(front):
    text = f"---\n{front}\n---\n\n{CLAIM}\n"
    started = time.monotonic()
    diags = lint_text(text, "a.md")
    assert time.monotonic() - started < 10
    assert {"ATTR001", "STAT001"} <= codes(diags)
    assert "MH900" not in codes(diags)
    fm = document.build(SourceFile.from_text(text, "a.md")).front_matter
    assert fm is not None and fm.end == text.index("\n\n")


# --- configuration and rule files -------------------------------------------------------

@pytest.mark.parametrize("config, where", [
    ("select: [STAT\nfoo: : :\n", ".mhlint.yaml:2: invalid YAML"),
    ("a: &a [*a]\n", ".mhlint.yaml:1: invalid YAML: an alias refers to the structure that contains it"),
    ("select: !!timestamp x\n", ".mhlint.yaml:1: invalid YAML: impossible value 'x' for !!timestamp"),
    ("select: " + "[" * 300 + "]" * 300 + "\n", ".mhlint.yaml:1: invalid YAML: nested more than 100 levels deep"),
], ids=["syntax", "alias-loop", "timestamp", "deep"])
def test_malformed_configuration_names_file_and_line(here, config, where):
    (here / ".mhlint.yaml").write_text(config, encoding="utf-8")
    (here / "a.md").write_text(CLAIM + "\n", encoding="utf-8")
    result = run("a.md")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"mhlint: error: {where}"), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


HOUSE_RULE = """\
code: BP901
name: house-pattern
category: boilerplate
summary: A house rule.
message: "'{{match}}' is house boilerplate."
explanation: Test rule.
check:
  type: line-pattern
  report: match
  patterns:
    - "{pattern}"
examples:
  bad: ["aaaa"]
  good: ["bbbb"]
"""


def _house(here: Path, pattern: str, patterns_yaml: str | None = None) -> None:
    folder = here / "house"
    folder.mkdir(exist_ok=True)
    (folder / "BP901-house-pattern.yaml").write_text(HOUSE_RULE.format(pattern=pattern), encoding="utf-8")
    if patterns_yaml is not None:
        (folder / "patterns.yaml").write_text(patterns_yaml, encoding="utf-8")
    (here / ".mhlint.yaml").write_text("rule-dirs: [house]\n", encoding="utf-8")
    (here / "a.md").write_text("aaaa\n", encoding="utf-8")


def test_a_house_rule_that_backtracks_catastrophically_is_rejected_at_load(here):
    _house(here, "(a+)+$")
    started = time.monotonic()
    result = run("a.md")
    assert time.monotonic() - started < 30
    assert result.exit_code == 2
    assert result.stderr.startswith("mhlint: error: house/BP901-house-pattern.yaml:11: invalid regular expression "
                                    "in 'patterns': a repeated group can match the same text in several ways"), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_safe_house_rule_still_loads(here):
    _house(here, "a{4}(?:\\\\s+\\\\w+)*")
    result = run("a.md")
    assert "a.md:1:1: BP901" in result.stdout, result.output


def test_shared_patterns_in_a_cycle_are_an_error(here):
    _house(here, "{house_a}", "house_a: 'x{house_b}'\nhouse_b: 'y{house_c}'\nhouse_c: '{house_a}'\n")
    result = run("a.md")
    assert result.exit_code == 2
    assert result.stderr.startswith("mhlint: error: house/patterns.yaml:1: invalid regular expression 'house_a': "
                                    "shared patterns refer to each other in a cycle: house_a -> house_b -> house_c -> house_a"), result.stderr


def test_shared_patterns_that_grow_exponentially_are_an_error(here):
    names = [f"p{chr(97 + i)}" for i in range(26)]
    lines = [f"{a}: '{{{b}}}{{{b}}}'" for a, b in zip(names, names[1:])] + [f"{names[-1]}: x"]
    _house(here, "{pa}", "\n".join(lines) + "\n")
    started = time.monotonic()
    result = run("a.md")
    assert time.monotonic() - started < 30
    assert "longer than 200,000 characters once its shared patterns are expanded" in result.stderr


def test_a_configuration_option_that_backtracks_catastrophically_is_rejected(here):
    (here / ".mhlint.yaml").write_text("rules:\n  BP001:\n    options:\n      unless: ['(\\w+\\s?)*$']\n", encoding="utf-8")
    (here / "a.md").write_text(CLAIM + "\n", encoding="utf-8")
    result = run("a.md")
    assert result.exit_code == 2
    assert result.stderr.startswith("mhlint: error: .mhlint.yaml:4:"), result.stderr
    assert "several ways" in result.stderr


def test_a_malformed_rule_file_names_file_and_line(here):
    _house(here, "x")
    (here / "house" / "BP901-house-pattern.yaml").write_text("code: BP901\nname: [unclosed\n", encoding="utf-8")
    result = run("a.md")
    assert result.stderr.startswith("mhlint: error: house/BP901-house-pattern.yaml:3: invalid YAML"), result.stderr


def test_a_fifo_in_a_rule_folder_does_not_hang(here):
    """The rule loader opens only regular files (without blocking). The run
    as a whole also hashes house-rule files for its cache key
    (``catalog/ruleset.py``), which must do the same; this tests the loader."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    _house(here, "x")
    os.mkfifo(here / "house" / "BP902-pipe.yaml")
    code = textwrap.dedent("""
        from pathlib import Path
        from mhlint.catalog.loader import load_catalog
        from mhlint.catalog.resources import rules_dir
        from mhlint.errors import RuleError
        try:
            load_catalog(Path(rules_dir()), (Path("house"),))
        except RuleError as exc:
            print(exc)
    """)
    proc = run_process(cwd=here, code=code, timeout=120)
    assert proc.stdout.strip() == "house/BP902-pipe.yaml: not a regular file (a folder, FIFO, socket or device)", proc.stderr


# --- the network ----------------------------------------------------------------------

NO_NETWORK = textwrap.dedent("""
    import socket, sys
    tried = []
    def refuse(*args, **kwargs):
        tried.append(args[1:] or kwargs)
        raise OSError("mhlint must not open a network connection")
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    from mhlint.cli import main
    try:
        main(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
    print("TRIED", len(tried), file=sys.stderr)
    sys.exit(code)
""")


@pytest.mark.parametrize("fmt", ["concise", "sarif"])
def test_mhlint_never_opens_a_network_connection(fmt):
    proc = run_process("--format", fmt, str(SEEDS), cwd=ROOT, code=NO_NETWORK, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert "TRIED 0" in proc.stderr.splitlines()[-1]
    assert "Traceback" not in proc.stderr


def test_socket_patch_catches_a_connection():
    """The patch above would see a connection attempt (it is not vacuous)."""
    code = NO_NETWORK.replace("from mhlint.cli import main", "import socket as s\ntry:\n    s.create_connection(('127.0.0.1', 9))\nexcept OSError:\n    pass\nfrom mhlint.cli import main")
    proc = run_process("--version", cwd=ROOT, code=code, timeout=120)
    assert "TRIED 1" in proc.stderr


@pytest.mark.parametrize("front, line, says", [
    ("title: [unclosed", 2, "while parsing a flow sequence"),
    ("date: 2076-14-04", 2, "impossible value '2076-14-04' for !!timestamp"),
    ("title: ok\nx: !!int x", 3, "impossible value 'x' for !!int"),
    ("- a list, not keys", 1, "not a mapping"),
])
def test_front_matter_that_cannot_be_read_is_said_with_its_line(here, front, line, says):
    (here / "a.md").write_text(f"---\n{front}\n---\n\n{CLAIM}\n", encoding="utf-8")
    result = run("a.md")
    claim_line = 4 + front.count("\n") + 1
    assert f"a.md:{claim_line}:1: ATTR001" in result.stdout  # the article is still linted
    warning = [w for w in result.stderr.splitlines() if "front matter cannot be read" in w]
    assert len(warning) == 1 and warning[0].startswith(f"mhlint: warning: a.md:{line}: front matter cannot be read ("), \
        result.stderr
    assert says in warning[0] and warning[0].endswith("its keys are ignored")


def test_readable_front_matter_gives_no_notice():
    text = f"---\ntitle: Fine\ndate: 2024-01-05\n---\n\n{CLAIM}\n"
    assert document.build(SourceFile.from_text(text, "a.md")).notices == ()
