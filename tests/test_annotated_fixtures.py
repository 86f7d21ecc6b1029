"""Annotated fixtures written for this project.

An HTML comment on its own line annotates the next non-blank line:
``<!-- expect: CODE -->`` says that line must get a diagnostic with that code
(or of that category); ``<!-- ok: CODE -->`` says it must not. Every
diagnostic in a fixture must be expected, so these files also measure false
positives. Comments are HTML blocks, which mhlint never lints, so the
annotations cannot change what is found. A fixture with no annotations (and
every ``.txt`` fixture, where comments would be text) must give no finding at
all: those are clean articles full of hard negatives.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mhlint.engine.lint import lint_paths

FIXTURES = sorted(p for p in (Path(__file__).parent / "fixtures").iterdir() if p.suffix in (".md", ".txt"))
ANNOTATION = re.compile(r"^\s*<!--\s*(expect|ok):\s*([\w, -]+?)\s*-->\s*$")


def annotations(path: Path) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    expect: dict[int, set[str]] = {}
    ok: dict[int, set[str]] = {}
    for i, line in enumerate(lines):
        m = ANNOTATION.match(line)
        if not m:
            continue
        target = next(j for j in range(i + 1, len(lines)) if lines[j].strip() and not ANNOTATION.match(lines[j]))
        bucket = expect if m.group(1) == "expect" else ok
        bucket.setdefault(target + 1, set()).update(s.strip() for s in m.group(2).split(","))
    return expect, ok


def _hits(diag, selectors: set[str]) -> bool:
    return diag.code in selectors or diag.category in selectors


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_annotated_fixture(fixture):
    expect, ok = annotations(fixture) if fixture.suffix == ".md" else ({}, {})
    diags = lint_paths([str(fixture)]).diagnostics
    for line, selectors in expect.items():
        for sel in selectors:
            assert any(d.line == line and _hits(d, {sel}) for d in diags), f"line {line}: expected {sel}"
    for line, selectors in ok.items():
        assert not [d for d in diags if d.line == line and _hits(d, selectors)], f"line {line}: unexpected {selectors}"
    unexpected = [f"{d.line}:{d.column} {d.code} {d.match!r}" for d in diags if d.line not in expect]
    assert not unexpected, unexpected
