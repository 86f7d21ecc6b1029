"""mhlint: a content-quality linter for mental-health articles.

The public API is deliberately small: :func:`lint_text` lints one text and is a
pure function of (text, path, settings), so it can be cached, run in parallel
or served to an editor; :func:`lint_paths` walks files and batches NLP work.
Both are imported lazily so that ``import mhlint`` stays cheap.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.2.0"
__all__ = ["__version__", "lint_paths", "lint_text"]


def __getattr__(name: str) -> Any:
    if name in ("lint_text", "lint_paths"):
        from mhlint.engine import lint

        return getattr(lint, name)
    raise AttributeError(name)
