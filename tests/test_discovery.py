"""File discovery: which files ``mhlint PATHS`` lints. Defaults that leave a
site's repository files alone, ``.gitignore`` in a real git repository (with
nested files and negations, checked against git itself), explicit paths and
``--force-exclude``, ``exclude`` / ``extend-exclude``, warnings for folders
without articles and errors for missing paths."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from mhlint.cli import main
from mhlint.settings import files
from mhlint.settings.config import Resolver
from mhlint.settings.model import Settings

ATTR = "Studies show that crying helps.\n"  # ATTR001 in every file, so each linted file shows up
FINDING = re.compile(r"^(?P<path>\S+?):\d+:\d+: [A-Z]+\d+ ")
SUMMARY = re.compile(r"in (\d+) of (\d+) files?\.")
GIT_ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}

ARTICLES = ["content/_index.md", "content/about.txt", "content/posts/first.md", "content/posts/second.md",
            "content/posts/private/keep.md"]
NOT_ARTICLES = ["README.md", "LICENSE.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "SECURITY.md",
                ".github/ISSUE_TEMPLATE.md", "node_modules/x/readme.md", "vendor/lib/notes.md",
                "public/posts/first/index.md", "robots.txt", "requirements.txt", "content/posts/.hidden.md"]
GIT_IGNORED = ["scratch/todo.md", "content/posts/private/secret.md", "content/posts/old.bak.md"]


def write(path: Path, text: str = ATTR) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=GIT_ENV)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def linted(result) -> set[str]:
    return {m["path"] for line in result.stdout.splitlines() if (m := FINDING.match(line))}


def counts(result) -> tuple[int, int]:
    m = SUMMARY.search(result.stdout)
    assert m, result.stdout
    return int(m.group(1)), int(m.group(2))


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A Hugo-style site in a real git repository, as the working folder."""
    assert git(tmp_path, "init", "-q").returncode == 0
    for name in ARTICLES + NOT_ARTICLES + GIT_IGNORED:
        write(tmp_path / name)
    write(tmp_path / "CHANGELOG.md", "## 2.0\n\nNearly 40% faster builds.\n")
    write(tmp_path / "static" / "logo.svg", "<svg/>")
    write(tmp_path / "hugo.toml", 'title = "Site"\n')
    write(tmp_path / ".gitignore", "scratch/\n*.bak.md\n")
    write(tmp_path / "content" / "posts" / "private" / ".gitignore", "*.md\n!keep.md\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_git_agrees_with_the_fixture(site):
    """The ignored files of the fixture are exactly what git itself ignores."""
    out = git(site, "check-ignore", *ARTICLES, *GIT_IGNORED, "CHANGELOG.md").stdout.split()
    assert sorted(out) == sorted(GIT_IGNORED)


def test_defaults_lint_only_the_articles(site):
    result = run(".")
    assert linted(result) == set(ARTICLES)
    assert counts(result) == (5, 5)
    assert "CHANGELOG" not in result.stdout
    assert result.exit_code == 1 and result.stderr == ""


def test_no_paths_is_the_current_folder(site):
    assert linted(run()) == set(ARTICLES)


def test_no_respect_gitignore_lints_ignored_files_but_keeps_the_defaults(site):
    result = run("--no-respect-gitignore", ".")
    assert linted(result) == set(ARTICLES) | set(GIT_IGNORED)


def test_respect_gitignore_false_in_the_configuration(site):
    write(site / ".mhlint.yaml", "respect-gitignore: false\n")
    assert linted(run(".")) == set(ARTICLES) | set(GIT_IGNORED)
    assert linted(run("--respect-gitignore", ".")) == set(ARTICLES)


def test_git_info_exclude_is_respected(site):
    write(site / ".git" / "info" / "exclude", "content/about.txt\n")
    assert linted(run(".")) == set(ARTICLES) - {"content/about.txt"}


def test_a_gitignore_outside_a_repository_is_not_applied(tmp_path, monkeypatch):
    write(tmp_path / ".gitignore", "*.md\n")
    write(tmp_path / "post.md")
    monkeypatch.chdir(tmp_path)
    assert linted(run(".")) == {"post.md"}


def test_a_negation_cannot_reinclude_below_an_ignored_folder(site):
    write(site / ".gitignore", "scratch/\n*.bak.md\n!scratch/todo.md\n")
    assert git(site, "check-ignore", "-q", "scratch/todo.md").returncode == 0  # git: still ignored
    assert "scratch/todo.md" not in linted(run("."))
    assert "scratch/todo.md" not in linted(run("--force-exclude", "scratch/todo.md"))


def test_explicit_files_are_linted_even_when_excluded(site):
    named = ["README.md", "node_modules/x/readme.md", "scratch/todo.md", "robots.txt", "hugo.toml"]
    result = run(*named)
    assert linted(result) == set(named) - {"hugo.toml"}
    assert counts(result) == (4, 5)
    result = run("--force-exclude", *named, "content/posts/first.md")
    assert linted(result) == {"content/posts/first.md"}
    assert counts(result) == (1, 1)


def test_force_exclude_in_the_configuration(site):
    write(site / ".mhlint.yaml", "force-exclude: true\n")
    assert linted(run("README.md", "content/posts/first.md")) == {"content/posts/first.md"}


def test_explicit_excluded_folders_are_walked(site):
    write(site / "vendor" / "lib" / "README.md")  # still excluded by its own name
    assert linted(run("vendor")) == {"vendor/lib/notes.md"}
    assert linted(run("node_modules/x")) == {"node_modules/x/readme.md"}
    assert linted(run("scratch")) == {"scratch/todo.md"}  # git-ignored folder, named
    result = run("--force-exclude", "vendor", "scratch", "content/posts")
    assert linted(result) == {"content/posts/first.md", "content/posts/second.md", "content/posts/private/keep.md"}


def test_explicit_subfolder_of_a_git_ignored_folder(site):
    write(site / "scratch" / "deep" / "more.md")
    write(site / "scratch" / "deep" / "more.bak.md")  # ignored by its own pattern
    assert linted(run("scratch/deep")) == {"scratch/deep/more.md"}


def test_folder_without_articles_warns_and_does_not_exit_2(site):
    result = run("static", "content/posts/first.md")
    assert result.exit_code == 1
    assert linted(result) == {"content/posts/first.md"}
    assert "mhlint: warning: static: holds no article to lint" in result.stderr
    result = run("static")
    assert result.exit_code == 0 and "mhlint: warning: static:" in result.stderr
    assert linted(run("public")) == {"public/posts/first/index.md"}  # named, so walked
    result = run("--force-exclude", "node_modules")
    assert result.exit_code == 0 and linted(result) == set()


def test_missing_path_is_an_error_and_the_others_are_linted(site):
    result = run("content/posts/first.md", "no/such.md", "content/posts/second.md")
    assert result.exit_code == 2
    assert "mhlint: error: no/such.md: no such file or directory" in result.stderr
    assert linted(result) == {"content/posts/first.md", "content/posts/second.md"}


def test_exclude_replaces_the_defaults(site):
    write(site / ".mhlint.yaml", "exclude: ['content/posts/']\n")
    got = linted(run("."))
    assert "README.md" in got and "CHANGELOG.md" in got and "vendor/lib/notes.md" in got
    assert not any(p.startswith("content/posts/") for p in got)
    assert "scratch/todo.md" not in got  # .gitignore still applies
    assert ".github/ISSUE_TEMPLATE.md" not in got  # hidden folders are never walked


def test_extend_exclude_adds_to_the_defaults(site):
    write(site / ".mhlint.yaml", "extend-exclude: ['content/posts/', '_index.md']\n")
    assert linted(run(".")) == {"content/about.txt"}


def test_cli_extend_exclude(site):
    assert linted(run("--extend-exclude", "*.txt", ".")) == set(ARTICLES) - {"content/about.txt"}
    write(site / ".mhlint.yaml", "extend-exclude: ['_index.md']\n")
    assert linted(run("--extend-exclude", "*.txt", ".")) == set(ARTICLES) - {"content/about.txt",
                                                                             "content/_index.md"}


def test_include_suffixes(site):
    write(site / ".mhlint.yaml", "include: ['.md']\n")
    assert linted(run(".")) == set(ARTICLES) - {"content/about.txt"}
    assert "content/about.txt" in linted(run("content/about.txt"))


def test_a_subfolder_configuration_governs_its_own_files(site):
    write(site / "content" / "posts" / ".mhlint.yaml", "extend-exclude: ['second.md']\n")
    write(site / "content" / "posts" / "README.md")  # the defaults apply again there: not merged, not lost
    assert linted(run(".")) == set(ARTICLES) - {"content/posts/second.md"}


def test_a_folder_excluded_by_its_parent_stays_excluded_despite_its_own_config(site):
    write(site / ".mhlint.yaml", "extend-exclude: ['legacy/']\n")
    write(site / "content" / "legacy" / ".mhlint.yaml", "select: [ALL]\n")
    write(site / "content" / "legacy" / "old.md")
    assert linted(run(".")) == set(ARTICLES)
    assert linted(run("content/legacy")) == {"content/legacy/old.md"}  # named: walked


def test_excluded_folder_names_above_the_walked_folder_do_not_matter(tmp_path, monkeypatch):
    # No configuration, linting a folder outside the working folder whose path
    # happens to contain 'build' and 'site' (default excluded folder names).
    write(tmp_path / "build" / "site" / "blog" / "post.md")
    write(tmp_path / "build" / "site" / "blog" / "README.md")
    write(tmp_path / "build" / "site" / "blog" / "public" / "copy.md")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    assert linted(run("../build/site/blog")) == {"../build/site/blog/post.md"}
    absolute = tmp_path / "build" / "site" / "blog"
    assert linted(run(str(absolute))) == {str(absolute / "post.md")}


def test_discover_is_ordered_and_without_duplicates(site):
    resolver = Resolver(Settings(), {})
    found = files.discover([Path("content/posts"), Path("content/posts/first.md"), Path("content")],
                           resolver.settings_for)
    assert [p.as_posix() for p in found.files] == [
        "content/posts/first.md", "content/posts/second.md", "content/posts/private/keep.md",
        "content/_index.md", "content/about.txt"]
    assert found.issues == []


def test_excluded_helper_for_standard_input_names(site):
    settings = Settings()
    assert files.excluded(Path("README.md"), settings)
    assert files.excluded(Path("scratch/new.md"), settings)  # git-ignored folder, file not on disk
    assert files.excluded(Path("content/image.png"), settings)
    assert not files.excluded(Path("content/posts/new.md"), settings)


def test_each_folder_is_resolved_once_and_a_path_resolves_as_pathlib_does(tmp_path):
    from mhlint.settings.files import _GitIgnore

    real = tmp_path / "real"
    real.mkdir()
    (real / "a.md").write_text("x\n", encoding="utf-8")
    (tmp_path / "linked").symlink_to(real, target_is_directory=True)
    (real / "b.md").symlink_to(real / "a.md")
    (real / "loop.md").symlink_to(real / "loop.md")
    walker = _GitIgnore()
    for path in (real / "a.md", tmp_path / "linked" / "a.md", real / "b.md", tmp_path / "linked" / "b.md",
                 real / "missing.md", tmp_path / "linked" / ".." / "real" / "a.md", Path("."), real):
        assert walker._resolve(path) == path.resolve(), path
    with pytest.raises(RuntimeError):  # as pathlib does (the walk reports a loop before it gets here)
        walker._resolve(real / "loop.md")
