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
from mhlint.diagnostic import Applicability, Diagnostic, Severity
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
# An enum member's value by lookup: ``.value`` goes through enum's descriptor, twice a diagnostic.
_VALUE: dict[Any, Any] = {m: m.value for enum in (Severity, Applicability) for m in enum}


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
    render_batch = _items if item is _item else (lambda ds: [_generic_item(d) for d in ds])
    for start in range(0, len(diags), _BATCH):
        last = start + _BATCH >= len(diags)
        write(between.join(render_batch(diags[start:start + _BATCH])) + ("" if last else between))
    write(outer + "]" + tail)


_BATCH = 256


def _items(diags: Sequence[Diagnostic]) -> list[str]:
    """``_item`` of each diagnostic, with the values of the whole batch
    encoded in one call of the C encoder (a call costs more than a
    diagnostic's values: the encoder is made anew for each)."""
    rows: list[tuple[int | None, str | None]] = []
    flat: list[Any] = []
    for d in diags:
        values = _values(d)
        if values is None:
            rows.append((None, _generic_item(d)))
            continue
        rows.append((len(values), None))
        flat.extend(values)
    parts = _ENCODE(flat)[1:-1].split(_SEP) if flat else []
    out, at = [], 0
    for d, (count, done) in zip(diags, rows):
        if done is not None:
            out.append(done)
            continue
        out.append(_template_of(d) % tuple(parts[at:at + count]))  # type: ignore[operator]
        at += count  # type: ignore[operator]
    return out


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


def _values(d: Diagnostic) -> list[Any] | None:
    """The values a diagnostic's template takes, in order; None if one of
    them is not of a plain type (a float, an int subclass: json decides)."""
    values = [d.path, d.line, d.column, d.end_line, d.end_column, d.offset, d.end_offset, d.code, d.name,
              d.category, _VALUE[d.severity], d.confidence, d.message, d.match, d.document, d.related_line]
    fix = d.fix
    if fix is not None:
        values.append(_VALUE[fix.applicability])
        values.append(fix.title)
        for e in fix.edits:
            values.extend((e.start, e.end, e.replacement))
    return values if _PLAIN.issuperset(map(type, values)) else None


def _item(d: Diagnostic) -> str:
    values = _values(d)
    if values is None:
        return _generic_item(d)
    return _template_of(d) % tuple(_ENCODE(values)[1:-1].split(_SEP))


def _template_of(d: Diagnostic) -> str:
    edits = None if d.fix is None else len(d.fix.edits)
    template = _TEMPLATES.get(edits)
    if template is None:
        template = _TEMPLATES[edits] = _template(edits)
    return template
