"""SARIF 2.1.0, as GitHub code scanning (``github/codeql-action/upload-sarif``)
and other SARIF viewers read it.

One run. ``tool.driver.rules`` lists every rule in ``ctx.rules`` (YAML and
internal rules), deduplicated by code, plus a minimal entry for any code a
finding carries that ``ctx.rules`` lacks, so every result's ``ruleId`` and
``ruleIndex`` point at a rule. Positions: ``columnKind`` is
``unicodeCodePoints`` (mhlint counts columns in code points), regions carry
``startLine``/``startColumn``/``endLine``/``endColumn`` with ``endColumn``
exclusive as SARIF defines it; a whole-document finding has ``startLine: 1``
only. Files are named relative to ``%SRCROOT%`` (``ctx.root``, given in
``originalUriBaseIds`` as a ``file:`` URI ending in ``/``), percent-encoded;
a file outside the root gets an absolute ``file:`` URI instead.

``partialFingerprints["mhlintMatch/v1"]`` is a hash of the rule code, the
relative path, the matched text with whitespace folded, and the index of that
(code, text) pair among the file's findings. It does not depend on line
numbers, so a finding keeps its identity (and its dismissal on GitHub) when
lines are added above it, while two identical matches in one file stay apart.

Fixes with edits become SARIF ``fixes``: one ``artifactChange`` whose
replacements use ``charOffset``/``charLength``, i.e. mhlint's code-point
offsets into the decoded text (without a BOM, which SARIF says text regions
must not depend on), and ``insertedContent.text``.

Input problems (unreadable files, bad configuration) go into
``invocations[0].toolExecutionNotifications``; ``executionSuccessful`` is
false when one of them is an error.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path, PurePath
from typing import Any, Sequence
from urllib.parse import quote

from mhlint import __version__
from mhlint.diagnostic import Applicability, Diagnostic, InputIssue, Severity
from mhlint.engine.report import Report
from mhlint.output.formatters import FormatContext

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/mhlint/"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "mhlintMatch/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
MAX_TAGS = 20  # GitHub code scanning reads at most 20 tags per rule
PRECISION = {"very-high", "high", "medium", "low"}
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}


def level(severity: Severity | str) -> str:
    return LEVELS[severity.value if isinstance(severity, Severity) else str(severity)]


# -- rules -------------------------------------------------------------------

def _help_markdown(rule: Any) -> str:
    parts = [f"**{rule.code} ({rule.name})**: {rule.summary}".rstrip(), rule.explanation]
    spec = getattr(rule, "fix", None)
    if spec is not None and getattr(spec, "title", None):
        how = getattr(getattr(spec, "applicability", None), "value", None)
        kind = {"safe": " (safe fix: `mhlint --fix`)", "unsafe": " (unsafe fix: `mhlint --fix --unsafe-fixes`)"}
        auto = kind.get(how, "") if getattr(spec, "kind", "none") != "none" else ""
        parts.append(f"**Fix:** {spec.title}{auto}")
    refs = tuple(getattr(rule, "references", ()) or ())
    if refs:
        parts.append("**References:**\n\n" + "\n".join(f"- {r}" for r in refs))
    return "\n\n".join(p for p in parts if p)


def _help_text(rule: Any) -> str:
    text = rule.explanation or rule.summary
    spec = getattr(rule, "fix", None)
    if spec is not None and getattr(spec, "title", None):
        text = f"{text}\n\nFix: {spec.title}"
    return text


def rule_descriptor(rule: Any) -> dict[str, Any]:
    severity = str(rule.severity)
    tags = [rule.category, *[t for t in (rule.tags or ()) if t != rule.category]]
    props: dict[str, Any] = {"tags": tags[:MAX_TAGS]}
    confidence = getattr(rule, "confidence", None)
    if confidence in PRECISION:
        props["precision"] = confidence
    props["problem.severity"] = PROBLEM_SEVERITY.get(severity, "warning")
    status = getattr(rule, "status", "stable")
    if status and status != "stable":
        props["status"] = status
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "fullDescription": {"text": rule.explanation or rule.summary or rule.name},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS.get(severity, "warning")},
        "properties": props,
    }


def _fallback_descriptor(d: Diagnostic) -> dict[str, Any]:
    return {
        "id": d.code,
        "name": d.name,
        "shortDescription": {"text": d.name},
        "defaultConfiguration": {"level": level(d.severity)},
        "properties": {"tags": [d.category, *d.tags]},
    }


def driver_rules(rules: Sequence[Any], diagnostics: Sequence[Diagnostic]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    out: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for rule in rules:
        if rule.code not in index:
            index[rule.code] = len(out)
            out.append(rule_descriptor(rule))
    for d in diagnostics:
        if d.code not in index:
            index[d.code] = len(out)
            out.append(_fallback_descriptor(d))
    return out, index


# -- locations ---------------------------------------------------------------

def root_uri(root: str) -> str:
    uri = Path(os.path.abspath(root)).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def relative_path(path: str, root: str) -> str | None:
    """``path`` relative to ``root`` in POSIX form, or None if it lies outside."""
    base = os.path.abspath(root)
    full = os.path.abspath(path)
    try:
        if os.path.commonpath([full, base]) != base:
            return None
    except ValueError:  # another drive on Windows
        return None
    return PurePath(os.path.relpath(full, base)).as_posix()


def artifact_location(path: str, root: str) -> dict[str, Any]:
    rel = relative_path(path, root)
    if rel is None:
        return {"uri": Path(os.path.abspath(path)).as_uri()}
    return {"uri": quote(rel, safe="/"), "uriBaseId": SRCROOT}


def region(d: Diagnostic) -> dict[str, int]:
    if d.document:
        return {"startLine": 1}
    return {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line, "endColumn": d.end_column}


def fingerprint(code: str, rel: str, match: str, occurrence: int) -> str:
    key = "\0".join((code, rel, " ".join(match.split()), str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def fingerprints(diagnostics: Sequence[Diagnostic], root: str) -> list[str]:
    """One stable fingerprint per diagnostic (see the module docstring)."""
    order = sorted(range(len(diagnostics)), key=lambda i: (diagnostics[i].path, diagnostics[i].offset,
                                                           diagnostics[i].end_offset, diagnostics[i].code))
    seen: dict[tuple[str, str, str], int] = {}
    out = [""] * len(diagnostics)
    for i in order:
        d = diagnostics[i]
        rel = relative_path(d.path, root) or PurePath(os.path.abspath(d.path)).as_posix()
        text = " ".join(d.match.split())
        key = (rel, d.code, text)
        n = seen.get(key, 0)
        seen[key] = n + 1
        out[i] = fingerprint(d.code, rel, text, n)
    return out


def fixes(d: Diagnostic, location: dict[str, Any]) -> list[dict[str, Any]]:
    if d.fix is None or not d.fix.edits or d.fix.applicability is Applicability.DISPLAY_ONLY:
        return []
    replacements = []
    for e in sorted(d.fix.edits, key=lambda e: (e.start, e.end)):
        rep: dict[str, Any] = {"deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start}}
        if e.replacement:
            rep["insertedContent"] = {"text": e.replacement}
        replacements.append(rep)
    return [{
        "description": {"text": f"{d.fix.title} ({d.fix.applicability.value} fix)"},
        "artifactChanges": [{"artifactLocation": dict(location), "replacements": replacements}],
    }]


def result(d: Diagnostic, rule_index: int, print_id: str, root: str) -> dict[str, Any]:
    location = artifact_location(d.path, root)
    out: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region(d)}}],
        "partialFingerprints": {FINGERPRINT: print_id},
    }
    if d.related_line:
        out["relatedLocations"] = [{
            "id": 1,
            "message": {"text": f"first copy (line {d.related_line})"},
            "physicalLocation": {"artifactLocation": dict(location), "region": {"startLine": d.related_line}},
        }]
    fix_list = fixes(d, location)
    if fix_list:
        out["fixes"] = fix_list
    props: dict[str, Any] = {"name": d.name, "category": d.category, "confidence": d.confidence}
    if d.fix is not None and d.fix.title:
        props["hint"] = d.fix.title
    out["properties"] = props
    return out


def notification(issue: InputIssue, root: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "level": "error" if issue.severity is Severity.ERROR else "warning",
        "message": {"text": issue.message},
        "properties": {"kind": issue.kind},
    }
    if issue.path:
        physical: dict[str, Any] = {"artifactLocation": artifact_location(issue.path, root)}
        if issue.line:
            physical["region"] = {"startLine": issue.line}
        out["locations"] = [{"physicalLocation": physical}]
    return out


def document(report: Report, ctx: FormatContext) -> dict[str, Any]:
    rules, index = driver_rules(ctx.rules, report.diagnostics)
    prints = fingerprints(report.diagnostics, ctx.root)
    invocation: dict[str, Any] = {"executionSuccessful": not report.errors}
    if report.issues:
        invocation["toolExecutionNotifications"] = [notification(i, ctx.root) for i in report.issues]
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "mhlint",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": INFORMATION_URI,
            "rules": rules,
        }},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {SRCROOT: {"uri": root_uri(ctx.root)}},
        "results": [result(d, index[d.code], p, ctx.root) for d, p in zip(report.diagnostics, prints)],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report: Report, ctx: FormatContext) -> str:
    return json.dumps(document(report, ctx), indent=2, ensure_ascii=False)
