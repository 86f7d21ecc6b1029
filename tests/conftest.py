"""Shared fixtures: the bundled rule catalogue, loaded once per session, and
the walk over a rule's compiled regexes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import pytest

from mhlint.catalog.ruleset import build
from mhlint.checks.regex import Regex
from mhlint.settings.model import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def compiled_patterns(value: Any, path: str) -> Iterator[tuple[str, re.Pattern[str]]]:
    """Every compiled regex in a rule's check configuration, with where it
    sits ("patterns[2]", "sources[0]"). A bundled rule's lazy ``Regex`` is
    compiled here."""
    if isinstance(value, Regex):
        yield path, value.compiled()
    elif isinstance(value, re.Pattern):
        yield path, value
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from compiled_patterns(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from compiled_patterns(item, f"{path}.{key}")


@pytest.fixture(scope="session")
def rules():
    return build(Settings()).catalog


@pytest.fixture
def here(tmp_path, monkeypatch):
    """A fresh working folder: CLI tests run there, so configuration
    discovery and the result cache never see the repository."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
