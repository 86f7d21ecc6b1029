"""Run rules over documents and turn findings into diagnostics.

Linting one text is a pure function of (text, path, rules): no global state,
no I/O, so results can be cached, computed in parallel or served to an editor.
When several files are linted, every Document is built first and spaCy runs
once over all of them (only if an active rule needs sentences or tokens).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from mhlint import catalog, document, files, selection
from mhlint.diagnostic import Diagnostic, Finding, Severity
from mhlint.errors import InputError
from mhlint.schema import Rule
from mhlint.source import SourceFile

NLP_NEEDS = frozenset({"sentences", "tokens"})
MESSAGE_MATCH_CHARS = 60  # longer matches are shortened in messages (JSON keeps them whole)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MESSAGE_MATCH_CHARS else text[: MESSAGE_MATCH_CHARS - 1].rstrip() + "…"


@dataclass
class Report:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line each, for stderr
    files: int = 0


def active_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    return selection.resolve(catalog.bundled(), select, ignore)


def to_diagnostic(doc: document.Document, rule: Rule, finding: Finding) -> Diagnostic:
    text, index = doc.text, doc.source.index
    if finding.document:
        start = end = 0
        line = column = end_line = end_column = 1
    else:
        start, end = finding.start, finding.end
        line, column = index.position(start)
        end_line, end_column = index.position(end)
    match = text[start:end]
    data = {"match": _short(doc.view[start:end]), **finding.data}
    return Diagnostic(
        path=doc.path, line=line, column=column, end_line=end_line, end_column=end_column,
        offset=start, end_offset=end, code=rule.code, name=rule.name, category=rule.category,
        severity=Severity(rule.severity), confidence=rule.confidence, message=rule.render(data),
        match=match, document=finding.document, related_line=finding.related_line, fix=finding.fix,
    )


def lint_documents(docs: Sequence[document.Document], rules: Sequence[Rule]) -> list[list[Diagnostic]]:
    if any(rule.needs & NLP_NEEDS for rule in rules):
        from mhlint import nlp

        nlp.annotate(docs)
    results = []
    for doc in docs:
        seen: set[tuple[str, int, int]] = set()
        diags = []
        for rule in rules:
            for finding in rule.check.run(doc):
                key = (rule.code, finding.start, finding.end)
                if key not in seen:
                    seen.add(key)
                    diags.append(to_diagnostic(doc, rule, finding))
        results.append(sorted(diags, key=Diagnostic.sort_key))
    return results


def lint_text(text: str, path: str = "<text>.md", rules: Sequence[Rule] | None = None,
              markdown: bool | None = None) -> list[Diagnostic]:
    """Lint one text. ``path`` decides Markdown or plain text unless ``markdown`` is given."""
    doc = document.build(SourceFile.from_text(text, path), markdown)
    return lint_documents([doc], active_rules() if rules is None else rules)[0]


def lint_paths(paths: Sequence[str], rules: Sequence[Rule] | None = None) -> Report:
    """Lint files and directories. Unreadable inputs are reported in
    ``Report.errors`` and the other files are still linted."""
    rules = active_rules() if rules is None else rules
    report = Report()
    names, missing = files.discover(list(paths))
    report.errors.extend(f"{p}: no such file or directory" for p in missing)
    docs = []
    for name in names:
        try:
            docs.append(document.build(SourceFile.read(name)))
        except InputError as exc:
            report.errors.append(str(exc))
    report.files = len(docs)
    for diags in lint_documents(docs, rules):
        report.diagnostics.extend(diags)
    report.diagnostics.sort(key=Diagnostic.sort_key)
    return report
