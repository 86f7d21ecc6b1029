"""GitHub Actions workflow commands, one a line, which the runner turns into
annotations on the pull request::

    ::warning file=notes.md,line=3,col=1,endLine=3,endColumn=13,title=ATTR001 (vague-attribution)::'Studies show' ...

Levels: error -> ``error``, warning -> ``warning``, info -> ``notice``.
Columns are 1-based code points and ``endColumn`` is exclusive, as in every
mhlint format. GitHub accepts ``col``/``endColumn`` only when the annotation
starts and ends on one line, so a finding over several lines gives
``line``/``endLine`` only, and a whole-document finding ``line=1`` only.

Escaping follows the runner's rules (actions/toolkit ``command.ts``): in the
message ``%`` -> ``%25``, CR -> ``%0D``, LF -> ``%0A``; in property values
(file, title) also ``:`` -> ``%3A`` and ``,`` -> ``%2C``.

Absolute paths under ``ctx.root`` are made relative to it (GitHub wants paths
from the repository root, which is where the CLI sets ``ctx.root``); other
paths are printed as given, with ``/`` separators. Input problems become
``::error file=PATH[,line=L]::message`` (``::warning`` for warnings). No
summary: the annotations are the output.
"""

from __future__ import annotations

import os
from pathlib import PurePath

from mhlint.diagnostic import Diagnostic, InputIssue, Severity
from mhlint.engine.report import Report
from mhlint.output.formatters import FormatContext

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def display_path(path: str, root: str) -> str:
    if path and os.path.isabs(path):
        base = os.path.abspath(root)
        try:
            if os.path.commonpath([os.path.abspath(path), base]) == base:
                path = os.path.relpath(path, base)
        except ValueError:  # another drive on Windows
            pass
    return PurePath(path).as_posix() if path else path


def command(level: str, props: list[tuple[str, object]], message: str) -> str:
    joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props)
    return f"::{level}{' ' + joined if joined else ''}::{escape_data(message)}"


def diagnostic(d: Diagnostic, root: str) -> str:
    props: list[tuple[str, object]] = [("file", display_path(d.path, root)), ("line", d.line)]
    if not d.document:
        if d.end_line == d.line:
            props += [("col", d.column), ("endLine", d.end_line), ("endColumn", d.end_column)]
        else:
            props += [("endLine", d.end_line)]
    props.append(("title", f"{d.code} ({d.name})"))
    return command(LEVELS[d.severity], props, d.message)


def issue(i: InputIssue, root: str) -> str:
    props: list[tuple[str, object]] = []
    if i.path:
        props.append(("file", display_path(i.path, root)))
        if i.line:
            props.append(("line", i.line))
    return command("error" if i.severity is Severity.ERROR else "warning", props, i.message)


def render(report: Report, ctx: FormatContext) -> str:
    lines = [diagnostic(d, ctx.root) for d in report.diagnostics]
    lines.extend(issue(i, ctx.root) for i in report.issues)
    return "\n".join(lines)
