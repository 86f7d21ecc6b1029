"""Where the bundled rules live: inside the installed package (the wheel puts
the top-level ``rules/`` at ``mhlint/rules``), or, from a source checkout or an
editable install, in ``rules/`` at the repository root."""

from __future__ import annotations

from pathlib import Path

from mhlint.errors import RuleError


def rules_dir() -> Path:
    package = Path(__file__).resolve().parent.parent
    candidates = [package / "rules", package.parent.parent / "rules"]
    for candidate in candidates:
        if (candidate / "patterns.yaml").is_file():
            return candidate
    raise RuleError("bundled rules not found (looked in " + " and ".join(str(c) for c in candidates) + ")")
