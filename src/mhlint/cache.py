"""The result cache: findings of files that have not changed, without parsing.

Like ruff's: ``.mhlint_cache/`` in the working folder (``--cache-dir`` to
move it, ``--no-cache`` to bypass it, ``mhlint clean`` to delete it), holding
one small JSON file per entry, keyed by a digest of the file's bytes, its path
(per-file ignores and messages depend on it), mhlint's version and the rule
set's fingerprint (rules, options, settings). A cache that is missing,
corrupt, truncated or unwritable is a warning at most, never a failure:
linting simply goes on without it. Entries are written atomically
(temporary file, then rename), so two runs sharing a cache never see half
an entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

from mhlint import __version__
from mhlint.diagnostic import Diagnostic
from mhlint.output.fixer import write_atomic

DEFAULT_DIR = ".mhlint_cache"
FORMAT = 1  # bump when the entry layout changes


class Cache:
    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self.warning: str | None = None  # the first problem met, reported once by the run
        self.hits = 0
        self._ready = False
        self._broken = False

    def _key(self, path: str, data: bytes, fingerprint: str) -> str:
        h = hashlib.sha256()
        for part in (str(FORMAT), __version__, fingerprint, os.path.normpath(path)):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key[2:]}.json"

    def _warn(self, message: str) -> None:
        if self.warning is None:
            self.warning = message

    def get(self, path: str, data: bytes, ruleset: Any) -> list[Diagnostic] | None:
        if self._broken:
            return None
        entry = self._entry(self._key(path, data, ruleset.fingerprint))
        try:
            raw = entry.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            self._warn(f"cannot read the cache ({exc.strerror or exc}); linting without it")
            return None
        try:
            stored = json.loads(raw)
            diags = [Diagnostic.from_json(d["d"], tuple(d["s"]), tuple(d["t"])) for d in stored["diagnostics"]]
        except (ValueError, KeyError, TypeError) as exc:
            self._warn(f"ignored a corrupt cache entry ({type(exc).__name__}); it will be rewritten")
            return None
        self.hits += 1
        return diags

    def _prepare(self) -> bool:
        if self._ready or self._broken:
            return self._ready
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by mhlint: the result cache, safe to delete.\n*\n", encoding="utf-8")
            self._ready = True
        except OSError as exc:
            self._broken = True
            self._warn(f"cannot write the cache in {self.folder} ({exc.strerror or exc}); linting without it")
        return self._ready

    def put(self, path: str, data: bytes, ruleset: Any, diagnostics: list[Diagnostic]) -> None:
        if not self._prepare():
            return
        entry = self._entry(self._key(path, data, ruleset.fingerprint))
        payload = json.dumps({"diagnostics": [{"d": d.to_json(), "s": list(d.source_lines), "t": list(d.tags)}
                                              for d in diagnostics]}, ensure_ascii=False)
        try:
            entry.parent.mkdir(exist_ok=True)
            write_atomic(entry, payload.encode("utf-8"), durable=False)
        except OSError as exc:
            self._broken = True
            self._warn(f"cannot write the cache in {self.folder} ({exc.strerror or exc}); linting without it")


def clean(folder: str | os.PathLike[str]) -> bool:
    """Delete the cache folder; True if there was one."""
    path = Path(folder)
    if not path.exists():
        return False
    shutil.rmtree(path)
    return True
