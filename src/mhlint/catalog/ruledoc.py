"""A rule's documentation, drawn from its YAML: summary, explanation, the
check it runs, and its own bad and good examples (as ``ruff rule`` prints)."""

from __future__ import annotations

import textwrap
from typing import Any

from mhlint.catalog.schema import Example, Rule


def _example(ex: Example) -> str:
    body = textwrap.indent(ex.text.rstrip("\n"), "    ")
    return body if len(ex.formats) == 2 else f"{body}\n    ({ex.formats[0]} only)"


def _fix(rule: Rule) -> str:
    if rule.fix is None:
        return "none"
    return f"{rule.fix.applicability.value} ({rule.fix.kind}): {rule.fix.title}"


def as_text(rule: Rule) -> str:
    parts = [
        f"{rule.code} ({rule.name})",
        "",
        f"Category: {rule.category}    Severity: {rule.severity}    Confidence: {rule.confidence}",
        f"Check type: {rule.check_type}    Status: {rule.status}" + (f"    Tags: {', '.join(rule.tags)}" if rule.tags else ""),
        f"Fix: {_fix(rule)}",
        *([f"Supersedes on the same words: {', '.join(rule.supersedes)}"] if rule.supersedes else []),
        *([f"Yields on the same words to: {', '.join(rule.yields_to)}"] if rule.yields_to else []),
        "",
        rule.summary,
        "",
        rule.explanation,
    ]
    if rule.bad or rule.good:
        parts += [
            "",
            "Examples that are reported:",
            *(_example(e) for e in rule.bad),
            "",
            "Examples that are not reported:",
            *(_example(e) for e in rule.good),
        ]
    if rule.references:
        parts += ["", "References:", *(f"  - {r}" for r in rule.references)]
    return "\n".join(parts)


def as_json(rule: Rule) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "category": rule.category,
        "severity": rule.severity,
        "confidence": rule.confidence,
        "check_type": rule.check_type,
        "summary": rule.summary,
        "message": rule.message,
        "explanation": rule.explanation,
        "examples": {
            "bad": [{"text": e.text, "expect": list(e.expect), "fixed": e.fixed} for e in rule.bad],
            "good": [{"text": e.text} for e in rule.good],
        },
        "references": list(rule.references),
        "fix": None if rule.fix is None else {"kind": rule.fix.kind, "applicability": rule.fix.applicability.value,
                                              "title": rule.fix.title},
        "tags": list(rule.tags),
        "status": rule.status,
        "file": rule.path,
    }
