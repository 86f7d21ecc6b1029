"""Shared fixtures: the bundled rule catalogue, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from mhlint.catalog.ruleset import build
from mhlint.settings.model import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def rules():
    return build(Settings()).catalog


@pytest.fixture
def here(tmp_path, monkeypatch):
    """A fresh working folder: CLI tests run there, so configuration
    discovery and the result cache never see the repository."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
