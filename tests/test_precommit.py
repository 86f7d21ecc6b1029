"""The pre-commit hooks in .pre-commit-hooks.yaml, driven by the real pre-commit.

Each test runs ``pre-commit run`` inside a temporary Git repository, with a
configuration that names this repository as the hook repository, the way a
user's ``.pre-commit-config.yaml`` does. The hook source is a snapshot of this
repository's tracked files as they are in the working tree (uncommitted
changes included, untracked files not: what ``pre-commit try-repo`` would
use), committed once per session. pre-commit installs the hook's environment
with pip (spaCy included) the first time and reuses it for the same
repository and revision, as it does for a user; the session's PRE_COMMIT_HOME
keeps that store out of the user's cache.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_bed2983824eff4f2.txt"
TIMEOUT = 900  # seconds; installing the hook environment downloads spaCy

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (pre-commit needs it)"),
    # One worker runs them all under ``-n``: the hook's environment is built once.
    pytest.mark.xdist_group("pre-commit"),
]

CLEAN = """\
# A calmer bedtime routine

Going to bed and getting up at the same time each day helps your body know when to sleep.

An hour before bed, dim the lights and put your phone in another room. A warm shower, \
a short walk after dinner or a few pages of a paper book can help you wind down.

If you lie awake for a long time, get up, sit somewhere quiet and go back to bed when \
you feel sleepy. If poor sleep goes on for weeks, talk to your doctor.
"""

# "Skip to content" (BP001, a safe line deletion) above otherwise clean content.
SKIP_BODY = """\
# Winding down in the evening

A regular bedtime helps your body know when to sleep.

Dim the lights an hour before bed and keep your phone in another room.
"""
SKIP = "Skip to content\n\n" + SKIP_BODY

# Text with a finding (ATTR001): it must never be linted in these files.
NOT_ARTICLES = {name: "Studies show that crying helps.\n" for name in ("LICENSE", "robots.txt", "requirements.txt")}


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def env(pre_commit_home: Path) -> dict[str, str]:
    # Without the GIT_* variables a surrounding git (a hook running this suite)
    # sets, and without SKIP, which would make pre-commit skip our hooks.
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k != "SKIP"}
    clean["PRE_COMMIT_HOME"] = str(pre_commit_home)
    clean["PRE_COMMIT_COLOR"] = "never"
    return clean


def _git(cwd: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=cwd, env=env, check=True,
                   capture_output=True, text=True, timeout=60)


def _repo(path: Path, env: dict[str, str], files: dict[str, str]) -> Path:
    """A Git repository at ``path`` with ``files`` committed."""
    path.mkdir()
    _git(path, env, "init", "-q")
    _git(path, env, "config", "user.name", "mhlint tests")
    _git(path, env, "config", "user.email", "mhlint-tests@example.invalid")
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    _git(path, env, "add", "--", *files)
    _git(path, env, "commit", "-q", "-m", "articles")
    return path


@pytest.fixture(scope="session")
def hook_source(tmp_path_factory: pytest.TempPathFactory, pre_commit_home: Path) -> tuple[Path, str]:
    """(repository, revision) of a snapshot of this repository for pre-commit."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, env=env, capture_output=True, text=True, check=True,
                            timeout=60).stdout.split("\0")
    source = tmp_path_factory.mktemp("hook-source")
    for name in filter(None, listed):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    _git(source, env, "init", "-q")
    _git(source, env, "config", "user.name", "mhlint tests")
    _git(source, env, "config", "user.email", "mhlint-tests@example.invalid")
    _git(source, env, "add", "-A")
    _git(source, env, "commit", "-q", "-m", "snapshot")
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=source, env=env, capture_output=True, text=True,
                         check=True, timeout=60).stdout.strip()
    return source, rev


def _run_hook(repo: Path, env: dict[str, str], source: tuple[Path, str], hook: str,
              *selection: str) -> subprocess.CompletedProcess[str]:
    """``pre-commit run HOOK`` in ``repo``, configured as a user would."""
    path, rev = source
    config = repo.parent / f"{repo.name}-pre-commit-config.yaml"
    config.write_text(f"repos:\n  - repo: {path.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: {hook}\n",
                      encoding="utf-8")
    cmd = [sys.executable, "-m", "pre_commit", "run", "--config", str(config), hook, "--verbose", "--color=never",
           *selection]
    result = subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    print("$", " ".join(cmd), f"(exit {result.returncode})")
    print(result.stdout)
    print(result.stderr, file=sys.stderr)
    return result


def _status(output: str, name: str) -> str:
    """The hook's status line: 'Passed', 'Failed' or 'Skipped'."""
    found = re.findall(rf"^{re.escape(name)}\.+(?:\([^)]*\))?(Passed|Failed|Skipped)\s*$", output, re.M)
    assert len(found) == 1, f"no single status line for hook {name!r} in:\n{output}"
    return found[0]


def _reported(output: str, name: str) -> list[str]:
    """Finding lines that mhlint printed for file ``name``."""
    return [line for line in output.splitlines() if line.startswith(f"{name}:")]


def test_hook_manifest_and_file_filter(tmp_path: Path) -> None:
    """Which files pre-commit hands to each hook (files AND types), checked
    with pre-commit's manifest loader and identify, without installing anything."""
    from identify.identify import tags_from_path
    from pre_commit.clientlib import load_manifest

    hooks = {hook["id"]: hook for hook in load_manifest(str(REPO / ".pre-commit-hooks.yaml"))}
    assert set(hooks) == {"mhlint", "mhlint-fix"}
    assert hooks["mhlint"]["entry"] == "mhlint check --force-exclude"
    assert hooks["mhlint-fix"]["entry"] == "mhlint check --fix --force-exclude"
    articles = {"a.md", "docs/B.MD", "c.markdown", "d.Mdown", "e.mkd", "f.txt", "G.TXT",
                # not articles, but with an article suffix: mhlint's default excludes skip them
                "robots.txt", "requirements.txt"}
    others = {"LICENSE", "README", "notes.rst", "page.html", "a.md.orig", "x.mdx", "setup.py"}
    for name in articles | others:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Some text.\n", encoding="utf-8")
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["require_serial"] is True
        assert hook["minimum_pre_commit_version"] != "0"

        def passes(name: str) -> bool:
            tags = tags_from_path(str(tmp_path / name))
            return bool(re.search(hook["files"], name) and not re.search(hook["exclude"], name)
                        and set(hook["types"]) <= tags and (not hook["types_or"] or set(hook["types_or"]) & tags)
                        and not set(hook["exclude_types"]) & tags)

        assert {name for name in articles | others if passes(name)} == articles, hook["id"]


def test_mhlint_hook_fails_on_findings_and_names_only_articles(tmp_path: Path, env: dict[str, str],
                                                               hook_source: tuple[Path, str]) -> None:
    files = {SEED.name: SEED.read_text(encoding="utf-8"), "skip.md": SKIP, "clean.md": CLEAN, **NOT_ARTICLES}
    repo = _repo(tmp_path / "repo", env, files)
    result = _run_hook(repo, env, hook_source, "mhlint", "--files", *files)
    assert result.returncode == 1
    assert _status(result.stdout, "mhlint") == "Failed"
    assert "- exit code: 1" in result.stdout  # findings, not an error (2)
    assert _reported(result.stdout, SEED.name)
    assert any(" BP001 " in line for line in _reported(result.stdout, "skip.md:1:1"))
    for name in ("clean.md", *NOT_ARTICLES):
        assert not _reported(result.stdout, name), name
    assert "mhlint: error" not in result.stdout + result.stderr


def test_mhlint_hook_passes_on_clean_article_and_skips_non_articles(tmp_path: Path, env: dict[str, str],
                                                                    hook_source: tuple[Path, str]) -> None:
    repo = _repo(tmp_path / "repo", env, {"clean.md": CLEAN, **NOT_ARTICLES})
    # Control: linted by name without --force-exclude, each non-article has a finding.
    direct = subprocess.run([sys.executable, "-m", "mhlint", "check", *NOT_ARTICLES], cwd=repo, env=env,
                            capture_output=True, text=True, timeout=TIMEOUT)
    assert direct.returncode == 1, direct.stdout + direct.stderr
    for name in NOT_ARTICLES:
        assert _reported(direct.stdout, name), name
    # The hook passes, so none of them was linted: LICENSE is filtered out by
    # pre-commit (no article suffix); robots.txt and requirements.txt reach
    # mhlint, which skips them (default excludes, applied by --force-exclude).
    result = _run_hook(repo, env, hook_source, "mhlint", "--all-files")
    assert result.returncode == 0
    assert _status(result.stdout, "mhlint") == "Passed"
    for name in ("clean.md", *NOT_ARTICLES):
        assert not _reported(result.stdout, name), name


def test_mhlint_fix_hook_deletes_skip_link(tmp_path: Path, env: dict[str, str], hook_source: tuple[Path, str]) -> None:
    repo = _repo(tmp_path / "repo", env, {"skip.md": SKIP, "clean.md": CLEAN})
    # The fix is there to be applied: --diff shows the deletion and writes nothing.
    diff = subprocess.run([sys.executable, "-m", "mhlint", "check", "--diff", "skip.md"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=TIMEOUT)
    assert diff.returncode == 1, diff.stdout + diff.stderr
    assert "-Skip to content" in diff.stdout
    assert (repo / "skip.md").read_text(encoding="utf-8") == SKIP

    result = _run_hook(repo, env, hook_source, "mhlint-fix", "--files", "skip.md", "clean.md")
    assert result.returncode == 1
    assert _status(result.stdout, "mhlint (fix)") == "Failed"
    assert "- files were modified by this hook" in result.stdout
    # Everything it found was fixed, so mhlint itself exited 0.
    assert "- exit code:" not in result.stdout
    assert (repo / "skip.md").read_text(encoding="utf-8") == SKIP_BODY
    assert (repo / "clean.md").read_text(encoding="utf-8") == CLEAN
