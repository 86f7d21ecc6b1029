"""JUnit XML, for CI dashboards (GitLab, Jenkins, Azure, CircleCI) that show
test reports.

``<testsuites>`` holds one ``<testsuite name="mhlint">``. Each linted file
with findings is one ``<testcase classname=PATH name=PATH>`` with one
``<failure message=... type=CODE>`` per finding, whose text is
``line:col CODE message``. Each input problem (a file that could not be
checked, a bad configuration) is a testcase of its own: an ``<error>`` when
it is an error, a ``<skipped>`` when it is only a warning (it does not fail
the run, so it should not turn a dashboard red).

Counts follow the usual reading of the JUnit schema: ``failures`` and
``errors`` count testcases, not elements. Files without findings would be
passing testcases, but the report gives only their number
(``Report.files``), not their names, so they are not listed; ``tests`` is
``max(report.files, number of testcases)`` so the total still counts them.

Text is escaped by ElementTree; characters XML 1.0 cannot carry at all
(most C0 controls, lone surrogates, U+FFFE/U+FFFF) are replaced by U+FFFD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from mhlint.diagnostic import Diagnostic, Severity
from mhlint.engine.report import Report
from mhlint.output.formatters import FormatContext

SUITE = "mhlint"
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _INVALID.sub("\ufffd", text)


def _failure_text(d: Diagnostic) -> str:
    return f"{d.line}:{d.column} {d.code} {d.message}"


def render(report: Report, ctx: FormatContext) -> str:
    by_file: dict[str, list[Diagnostic]] = {}
    for d in report.diagnostics:
        by_file.setdefault(d.path, []).append(d)

    cases: list[ET.Element] = []
    failures = errors = skipped = 0
    for path, diags in by_file.items():
        case = ET.Element("testcase", classname=xml_text(path), name=xml_text(path))
        for d in sorted(diags, key=Diagnostic.sort_key):
            el = ET.SubElement(case, "failure", message=xml_text(d.message), type=d.code)
            el.text = xml_text(_failure_text(d))
        failures += 1
        cases.append(case)
    for issue in report.issues:
        where = issue.path or SUITE
        name = f"{where}:{issue.line}" if issue.line else where
        case = ET.Element("testcase", classname=xml_text(where), name=xml_text(name))
        if issue.severity is Severity.ERROR:
            el = ET.SubElement(case, "error", message=xml_text(issue.message), type=issue.kind)
            el.text = xml_text(str(issue))
            errors += 1
        else:
            el = ET.SubElement(case, "skipped", message=xml_text(issue.message), type=issue.kind)
            skipped += 1
        cases.append(case)

    tests = max(report.files, len(cases))
    counts = {"tests": str(tests), "failures": str(failures), "errors": str(errors)}
    root = ET.Element("testsuites", name=SUITE, **counts)
    suite = ET.SubElement(root, "testsuite", name=SUITE, **counts, skipped=str(skipped))
    suite.extend(cases)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
