"""Which files a run lints, in a stable order.

Directories are walked for article suffixes (``include``), skipping what
``exclude`` / ``extend-exclude`` name (gitignore-style globs relative to the
configuration's folder; the defaults hold README, CHANGELOG, LICENSE and the
other repository files that are not articles, and vendor and build folders)
and, by default, what ``.gitignore`` files ignore. A path named on the
command line is linted even when excluded, unless ``force-exclude`` is set
(as the pre-commit hook does, since pre-commit names every staged file); a
folder named there is walked even when it (or a folder above it) is excluded
or git-ignored, while what inside it is excluded stays excluded.
Nothing is read here: a FIFO or device is skipped with a warning, never opened.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Callable

from mhlint.diagnostic import InputIssue, Severity
from mhlint.settings.model import Settings

if TYPE_CHECKING:  # pragma: no cover
    from pathspec import GitIgnoreSpec

SettingsFor = Callable[[Path], Settings]


@dataclass
class Discovered:
    files: list[Path] = field(default_factory=list)
    issues: list[InputIssue] = field(default_factory=list)


def _through(top: Path | None, base: Path) -> list[str]:
    """``top`` (a folder named on the command line) and each folder above it,
    down from ``base``, as gitignore-style folder paths relative to ``base``."""
    if top is None:
        return []
    try:
        parts = top.relative_to(base).parts
    except ValueError:
        return []
    return ["/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)]


def _drop_through(spec: GitIgnoreSpec, folders: list[str]) -> GitIgnoreSpec:
    """``spec`` without the patterns that exclude one of ``folders``: naming a
    folder on the command line overrides what excludes it (or a folder above
    it), while the patterns about what lies inside it still apply."""
    if not folders:
        return spec
    kept = [p for p in spec.patterns if not p.include or not any(p.match_file(f) for f in folders)]
    from pathspec import GitIgnoreSpec

    return spec if len(kept) == len(spec.patterns) else GitIgnoreSpec(kept)


class _Excluder:
    """Exclude globs of one Settings, compiled once. ``top`` is the folder named
    on the command line that is being walked, if any."""

    def __init__(self, settings: Settings, top: Path | None = None, resolver: "_Resolver | None" = None) -> None:
        self.root = Path(settings.root).resolve()
        self.top = top.resolve() if top is not None else None
        from pathspec import GitIgnoreSpec

        self.spec = _drop_through(GitIgnoreSpec.from_lines(settings.all_exclude()), _through(self.top, self.root))
        self.resolve = (resolver or _Resolver()).resolve

    def excluded(self, path: Path, is_dir: bool) -> bool:
        try:
            real: Path | None = self.resolve(path)
        except OSError:
            real = None
        rel = _rel(real, self.root)
        if rel is None and self.top is not None:
            # Outside the configuration's folder (no configuration, a path
            # outside the working folder): the folder being walked stands for
            # the project root; the folders above it are not judged.
            rel = _rel(real, self.top)
        if rel is None:  # match on the name and the path as given
            rel = PurePosixPath(path).as_posix().lstrip("/")
        if rel in ("", "."):
            return False
        return self.spec.match_file(rel + ("/" if is_dir else ""))


def _rel(real: Path | None, root: Path) -> str | None:
    """``real`` (resolved) relative to ``root``, or None if outside it."""
    if real is None:
        return None
    try:
        return real.relative_to(root).as_posix()
    except ValueError:
        return None


class _Resolver:
    """``path.resolve()``, with each folder resolved once: for a path that is
    not itself a symbolic link it is its resolved folder and its name. A
    resolve costs a system call per component of the path; a walk meets the
    same folders over and over."""

    def __init__(self) -> None:
        self._real: dict[Path, Path] = {}  # folders as given -> resolved

    def resolve(self, path: Path) -> Path:
        if path.is_symlink() or path.name in ("", ".", ".."):
            return path.resolve()
        folder = path.parent
        real = self._real.get(folder)
        if real is None:
            real = self._real[folder] = folder.resolve()
        return real / path.name


class _GitIgnore:
    """Every ``.gitignore`` (and ``.git/info/exclude``) that applies to a path,
    read once per folder; a deeper file overrides a shallower one, a negation
    (``!keep.md``) re-includes, and nothing below an ignored folder can be
    re-included, as git does. A folder named on the command line (``top``) is
    walked even when ignored: the patterns that ignore it are left out."""

    def __init__(self, resolver: _Resolver | None = None) -> None:
        self._resolve = (resolver or _Resolver()).resolve
        self._specs: dict[Path, GitIgnoreSpec | None] = {}
        self._repo: dict[Path, Path | None] = {}
        self._below: dict[tuple[Path, Path], GitIgnoreSpec | None] = {}
        self._dirs: dict[tuple[Path, Path | None], bool] = {}

    def repo_root(self, folder: Path) -> Path | None:
        if folder not in self._repo:
            root = None
            for candidate in (folder, *folder.parents):
                if (candidate / ".git").exists():
                    root = candidate
                    break
            self._repo[folder] = root
        return self._repo[folder]

    def _spec(self, folder: Path, repo: Path, top: Path | None = None) -> GitIgnoreSpec | None:
        if folder not in self._specs:
            lines: list[str] = []
            sources = [folder / ".gitignore"]
            if folder == repo:
                sources.insert(0, repo / ".git" / "info" / "exclude")
            for source in sources:
                lines.extend(_read_ignore_file(source))
            if lines:
                from pathspec import GitIgnoreSpec

                self._specs[folder] = GitIgnoreSpec.from_lines(lines)
            else:
                self._specs[folder] = None
        spec = self._specs[folder]
        if spec is None or top is None:
            return spec
        if (folder, top) not in self._below:
            self._below[(folder, top)] = _drop_through(spec, _through(top, folder))
        return self._below[(folder, top)]

    def ignored(self, path: Path, is_dir: bool, top: Path | None = None) -> bool:
        path = self._resolve(path)
        top = self._resolve(top) if top is not None else None
        repo = self.repo_root(path.parent)
        if repo is None:
            return False
        # A folder above ``path`` that is ignored ignores it too (below ``top``
        # only: ``top`` and what is above it were named on purpose).
        for folder in path.parents:
            if folder == repo or repo not in folder.parents or (top is not None and (folder == top or folder in top.parents)):
                break
            key = (folder, top)
            if key not in self._dirs:
                self._dirs[key] = self._decide(folder, True, repo, top)
            if self._dirs[key]:
                return True
        return self._decide(path, is_dir, repo, top)

    def _decide(self, path: Path, is_dir: bool, repo: Path, top: Path | None) -> bool:
        decision = False
        chain = [p for p in reversed(path.parents) if p == repo or repo in p.parents]
        for folder in chain:
            spec = self._spec(folder, repo, top)
            if spec is None:
                continue
            rel = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
            result = spec.check_file(rel)
            if result.include is not None:
                decision = result.include
        return decision


MAX_IGNORE_BYTES = 1 << 20  # a .gitignore larger than this is read up to here


def _read_ignore_file(path: Path) -> list[str]:
    """The lines of a ``.gitignore`` (none if it is missing or unreadable).
    Opened without blocking and read only if it is a regular file: a FIFO
    named ``.gitignore`` must not hang the walk."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return []
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return []
        data = os.read(fd, MAX_IGNORE_BYTES)
    except OSError:
        return []
    finally:
        os.close(fd)
    return data.decode("utf-8", errors="replace").splitlines()


def excluded(path: Path, settings: Settings) -> bool:
    """Whether ``path`` (a file, perhaps not on disk: standard input's
    ``--stdin-filename``) is excluded by ``settings`` or git-ignored."""
    if _Excluder(settings).excluded(path, False) or not path.name.lower().endswith(settings.include):
        return True
    return settings.respect_gitignore and _GitIgnore().ignored(path, False)


def discover(paths: list[Path], settings_for: SettingsFor, force_exclude: bool | None = None) -> Discovered:
    """Files to lint under ``paths``, each judged with the Settings that apply
    to it (its nearest configuration; a folder's exclusion is judged by the
    configuration of the folder that holds it, as a file's is)."""
    out = Discovered()
    seen: set[Path] = set()
    resolver = _Resolver()
    gitignore = _GitIgnore(resolver)
    excluders: dict[tuple[int, Path | None], _Excluder] = {}

    def excluder(settings: Settings, top: Path | None) -> _Excluder:
        key = (id(settings), top)
        if key not in excluders:
            excluders[key] = _Excluder(settings, top, resolver)
        return excluders[key]

    def skip(path: Path, is_dir: bool, top: Path | None = None, settings: Settings | None = None) -> bool:
        if settings is None:
            settings = settings_for(Path(os.path.abspath(path)).parent if is_dir else path)
        if excluder(settings, top).excluded(path, is_dir):
            return True
        return settings.respect_gitignore and gitignore.ignored(path, is_dir, top)

    def add(path: Path) -> None:
        key = Path(os.path.normpath(path.absolute()))
        if key not in seen:
            seen.add(key)
            out.files.append(path)

    for raw in paths:
        shown = str(raw)
        try:
            info = os.stat(raw)
        except OSError as exc:
            out.issues.append(InputIssue(shown, _unreadable(raw, exc), "read"))
            continue
        settings = settings_for(raw)
        forced = settings.force_exclude if force_exclude is None else force_exclude
        if stat.S_ISDIR(info.st_mode):
            if forced and skip(raw, True):
                continue
            before = len(out.files)
            top = Path(os.path.abspath(raw))
            _walk(raw, settings_for, lambda path, is_dir, settings=None, top=top: skip(path, is_dir, top, settings),
                  add, out)
            if len(out.files) == before:
                suffixes = ", ".join(settings.include)
                out.issues.append(InputIssue(shown, f"holds no article to lint (looked for {suffixes}, "
                                                    "outside excluded and git-ignored paths)", "no-articles",
                                             severity=Severity.WARNING))
        elif stat.S_ISREG(info.st_mode):
            if forced and (skip(raw, False) or not raw.name.lower().endswith(settings.include)):
                continue
            add(raw)
        else:
            out.issues.append(InputIssue(shown, "not a regular file (a FIFO, socket or device); skipped", "read",
                                         severity=Severity.WARNING))
    return out


def _walk(top: Path, settings_for: SettingsFor, skip: Callable[..., bool], add: Callable[[Path], None],
          out: Discovered) -> None:
    def failed(exc: OSError) -> None:
        out.issues.append(InputIssue(str(exc.filename or top), f"cannot read folder: {exc.strerror or exc}", "read",
                                     severity=Severity.WARNING))

    for root, dirs, names in os.walk(top, onerror=failed):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not skip(here / d, True))
        for name in sorted(names):
            path = here / name
            settings = settings_for(path)
            if not name.lower().endswith(settings.include) or name.startswith("."):
                continue
            try:
                mode = os.stat(path).st_mode
            except OSError as exc:
                out.issues.append(InputIssue(str(path), _unreadable(path, exc), "read", severity=Severity.WARNING))
                continue
            if not stat.S_ISREG(mode):
                out.issues.append(InputIssue(str(path), "not a regular file (a FIFO, socket or device); skipped",
                                             "read", severity=Severity.WARNING))
                continue
            if skip(path, False, settings):
                continue
            add(path)


def _unreadable(path: Path, exc: OSError) -> str:
    """Why ``os.stat`` failed on a path, in a few words."""
    if os.path.islink(path):
        return "symbolic link that points nowhere (or to itself)"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    return exc.strerror or str(exc)
