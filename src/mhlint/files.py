"""Turn command-line paths into the files to lint, in a stable order.

Directories are walked recursively for ``.md``, ``.markdown`` and ``.txt``
files, skipping hidden directories (``.git``, ``.venv``) and
``node_modules``; a file named explicitly is linted whatever its suffix.
"""

from __future__ import annotations

import os
from pathlib import Path

LINTED_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt")
_SKIP_DIRS = {"node_modules", "__pycache__"}


def discover(paths: list[str]) -> tuple[list[str], list[str]]:
    """Return (files, missing): files to lint, and paths that do not exist."""
    files: list[str] = []
    missing: list[str] = []
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
                found.extend(os.path.join(root, n) for n in names if n.lower().endswith(LINTED_SUFFIXES))
            candidates = sorted(found)
        elif path.exists():
            candidates = [raw]
        else:
            missing.append(raw)
            continue
        for name in candidates:
            key = os.path.normpath(name)
            if key not in seen:
                seen.add(key)
                files.append(name)
    return files, missing
