"""One JSON object: the findings, the input problems and the file count.
The field set is documented in the README and stays stable.

The text is exactly ``json.dumps(data, indent=2, ensure_ascii=False)``, but
it is written as it is made (``stream``), one diagnostic at a time, instead of
being built whole in memory first (the text of a site's diagnostics runs to
tens of megabytes, held several times over), and the diagnostics do not go
through the json module's pure-Python indenting encoder: each is filled into
a template of its shape with all its values encoded by the C encoder in one
call. The templates follow ``Diagnostic.to_json``; each run first checks
that they still give what ``to_json`` gives, and if not, uses ``to_json``.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Sequence

from mhlint import __version__
from mhlint.diagnostic import Diagnostic
from mhlint.engine.report import Report
from mhlint.output.formatters import FormatContext

_SEP = "\0"  # the C encoder escapes NUL inside strings, so a bare one separates values
_PLACEHOLDER = "\0diagnostics\0"
# One encoder for every call (json.dumps builds a new one each time it is given options).
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(_SEP, ":")).encode
_KEYS = ("path", "line", "column", "end_line", "end_column", "offset", "end_offset", "code", "name",
         "category", "severity", "confidence", "message", "match", "document", "related_line")
_DEPTH = 2  # a diagnostic's indentation: inside the top-level object's "diagnostics" list
_PLAIN = frozenset({str, int, bool, type(None)})  # exact types: json encodes these alike everywhere


def render(report: Report, ctx: FormatContext) -> str:
    parts: list[str] = []
    stream(report, ctx, parts.append)
    return "".join(parts)


def stream(report: Report, ctx: FormatContext, write: Callable[[str], Any]) -> None:
    """Write the JSON object piece by piece."""
    data = {
        "version": __version__,
        "files": report.files,
        "diagnostics": _PLACEHOLDER,
        "errors": [i.to_json() for i in report.issues],
        "fixed": [{"path": r.path, "fixes": dict(r.counts), "error": r.error} for r in report.fixes],
    }
    head, _, tail = json.dumps(data, indent=2, ensure_ascii=False).partition(json.dumps(_PLACEHOLDER))
    diags = report.diagnostics
    if not diags:
        write(head + "[]" + tail)
        return
    item = _item if _templates_hold(diags) else _generic_item
    outer = "\n" + "  " * (_DEPTH - 1)
    between = "," + outer + "  "
    write(head + "[" + outer + "  ")
    batch: list[str] = []
    for i, d in enumerate(diags):
        batch.append(item(d))
        if len(batch) >= 256:
            write(between.join(batch) + (between if i + 1 < len(diags) else ""))
            batch = []
    if batch:
        write(between.join(batch))
    write(outer + "]" + tail)


def _templates_hold(diags: Sequence[Diagnostic]) -> bool:
    """Whether the templates give what ``to_json`` + ``json.dumps`` give, on
    the first diagnostic of each shape (with no fix, with edits, without)."""
    seen: set[Any] = set()
    for d in diags:
        shape = None if d.fix is None else len(d.fix.edits)
        if shape in seen:
            continue
        seen.add(shape)
        if _item(d) != _generic_item(d):
            return False
        if len(seen) >= 3:
            break
    return True


def _generic_item(d: Diagnostic) -> str:
    return json.dumps(d.to_json(), indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * _DEPTH)


_TEMPLATES: dict[int | None, str] = {}


def _template(edits: int | None) -> str:
    """The %-template of a diagnostic with no fix (None) or a fix of ``edits`` edits."""
    pad = "\n" + "  " * (_DEPTH + 1)
    end = "\n" + "  " * _DEPTH
    body = "{" + pad + ("," + pad).join(json.dumps(k) + ": %s" for k in _KEYS) + "," + pad
    if edits is None:
        return body + '"fix": null' + end + "}"
    p2, p3, p4 = ("\n" + "  " * (_DEPTH + n) for n in (2, 3, 4))
    one = "{" + p4 + '"offset": %s,' + p4 + '"end_offset": %s,' + p4 + '"content": %s' + p3 + "}"
    listed = "[]" if not edits else "[" + p3 + ("," + p3).join([one] * edits) + p2 + "]"
    return (body + '"fix": {' + p2 + '"applicability": %s,' + p2 + '"title": %s,' + p2 + '"edits": ' + listed
            + pad + "}" + end + "}")


def _item(d: Diagnostic) -> str:
    values = [d.path, d.line, d.column, d.end_line, d.end_column, d.offset, d.end_offset, d.code, d.name,
              d.category, d.severity.value, d.confidence, d.message, d.match, d.document, d.related_line]
    fix = d.fix
    if fix is None:
        edits = None
    else:
        values.append(fix.applicability.value)
        values.append(fix.title)
        for e in fix.edits:
            values.extend((e.start, e.end, e.replacement))
        edits = len(fix.edits)
    if not _PLAIN.issuperset(map(type, values)):  # a float, an int subclass: let json decide
        return _generic_item(d)
    template = _TEMPLATES.get(edits)
    if template is None:
        template = _TEMPLATES[edits] = _template(edits)
    return template % tuple(_ENCODE(values)[1:-1].split(_SEP))
