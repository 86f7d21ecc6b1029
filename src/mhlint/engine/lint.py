"""Run a rule set over documents and turn findings into diagnostics.

One pass of data: SourceFile -> Document (built with the linguistic layer
when an active rule needs it) -> checks -> diagnostics -> suppressions.
``lint_text`` is a pure function of (text, path, settings): no global state
decides anything, no I/O, so results can be cached, computed in parallel or
served to an editor. ``lint_paths`` adds the file walk and the per-folder
configuration, and never lets one unreadable file stop the others.
"""

from __future__ import annotations

import operator
from pathlib import Path
from typing import Any, Protocol, Sequence

from mhlint.catalog import ruleset as ruleset_mod
from mhlint.catalog.ruleset import RuleSet
from mhlint.catalog.schema import Rule
from mhlint.diagnostic import Diagnostic, Finding, InputIssue, Severity
from mhlint.engine import suppress
from mhlint.engine.edits import make_fix
from mhlint.engine.internal import INTERNAL_ERROR, internal_diagnostic
from mhlint.engine.report import Report
from mhlint.errors import InputError, MhlintError
from mhlint.settings.model import Settings
from mhlint.engine import overlap
from mhlint.text import document
from mhlint.text.document import Document
from mhlint.text.source import SourceFile, read_bytes

NLP_NEEDS = frozenset({"sentences", "tokens"})
MESSAGE_MATCH_CHARS = 60  # longer matches are shortened in messages (JSON keeps them whole)
CONTEXT_LINES = 5  # source lines a diagnostic carries for the full format


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MESSAGE_MATCH_CHARS else text[: MESSAGE_MATCH_CHARS - 1].rstrip() + "…"


def to_diagnostic(doc: Document, rule: Rule, finding: Finding) -> Diagnostic:
    text, index = doc.text, doc.source.index
    if finding.document:
        start = end = 0
        line = column = end_line = end_column = 1
    else:
        start, end = finding.start, finding.end
        line, column = index.position(start)
        end_line, end_column = index.position(end)
    data = {"match": _short(doc.view[start:end]), **finding.data}
    last = min(end_line, line + CONTEXT_LINES - 1)
    # One string per source line, shared by every diagnostic on it (a site's
    # run holds tens of thousands of diagnostics until it prints them).
    lines: dict[int, str] = doc.memo("context_lines", lambda _d: {})
    context = []
    for n in range(line - 1, last):
        got = lines.get(n)
        if got is None:
            a, b = index.line_span(n, text)
            got = lines[n] = text[a:b]
        context.append(got)
    return Diagnostic(
        path=doc.path, line=line, column=column, end_line=end_line, end_column=end_column,
        offset=start, end_offset=end, code=rule.code, name=rule.name, category=rule.category,
        severity=Severity(rule.severity), confidence=rule.confidence, message=rule.render(data),
        match=text[start:end], document=finding.document, related_line=finding.related_line,
        fix=make_fix(doc, rule.fix, finding) if rule.fix is not None else None,
        source_lines=tuple(context), tags=rule.tags,
    )


def _plan(rules: Sequence[Rule]) -> list[tuple[Any, list[Rule]]]:
    """Rules grouped by check type, each group compiled once (see CheckGroup)."""
    by_type: dict[type, list[Rule]] = {}
    for rule in rules:
        by_type.setdefault(type(rule.check), []).append(rule)
    return [(cls.group_class([r.check for r in members]), members) for cls, members in by_type.items()]


def check_document(doc: Document, rules: Sequence[Rule], plan: list[tuple[Any, list[Rule]]] | None = None) -> list[Diagnostic]:
    """Every rule's findings on one document, as diagnostics (no suppressions).
    If a group fails, its rules run one by one, so the failure names its rule."""
    seen: set[tuple[str, int, int]] = set()
    diags = []
    for group, members in plan if plan is not None else _plan(rules):
        try:
            results = group.run(doc)
        except Exception:  # one rule's bug must not lose the file or the run: find which
            results = []
            for rule in members:
                try:
                    results.append(list(rule.check.run(doc)))
                except Exception as exc:
                    diags.append(internal_diagnostic(doc, INTERNAL_ERROR, 0, 0, rule=rule.code,
                                                     error=f"{type(exc).__name__}: {exc}"))
                    results.append([])
        for rule, findings in zip(members, results):
            for finding in findings:
                key = (rule.code, finding.start, finding.end)
                if key not in seen:
                    seen.add(key)
                    diags.append(to_diagnostic(doc, rule, finding))
    return overlap.resolve(diags, {rule.code: rule.supersedes for rule in rules})


def notices(doc: Document) -> list[InputIssue]:
    """What the reader of a document should know about how it was read (a
    structure too deep for the Markdown parser, an unclosed fence hiding the
    rest of the file), as warnings naming the file and line."""
    return [InputIssue(doc.path, n.message, "notice", n.line + 1, Severity.WARNING) for n in doc.notices]


def lint_document(doc: Document, ruleset: RuleSet) -> list[Diagnostic]:
    rules = ruleset.for_path(doc.path)
    plan = ruleset.memo(("plan", tuple(r.code for r in rules)), lambda: _plan(rules))
    diags = check_document(doc, rules, plan)
    diags = suppress.apply(doc, diags, ruleset.catalog, rules, ruleset.settings.report_unused_suppressions)
    diags = [d for d in diags if not d.code.startswith("MH") or d.code in ruleset.internal]
    return sorted(diags, key=Diagnostic.sort_key)


_SORT_KEY = operator.attrgetter("path", "line", "column", "code")


def sort_diagnostics(diags: list[Diagnostic]) -> None:
    """Sort by ``Diagnostic.sort_key``, with its fields read in C (the key
    method costs a Python call per diagnostic, on tens of thousands of them)."""
    key = _SORT_KEY if diags and _SORT_KEY(diags[0]) == diags[0].sort_key() else Diagnostic.sort_key
    diags.sort(key=key)


def lint_sources(sources: Sequence[SourceFile], ruleset: RuleSet, markdown: bool | None = None,
                 issues: list[InputIssue] | None = None) -> list[list[Diagnostic]]:
    """Lint several sources with one rule set; their sentences are split only
    if a rule that applies to one of them needs them. The documents' notices
    go to ``issues`` when given."""
    linguistic = any(ruleset.needs(ruleset.for_path(s.path)) & NLP_NEEDS for s in sources)
    docs = document.build_all(sources, markdown, linguistic)
    if issues is not None:
        for doc in docs:
            issues.extend(notices(doc))
    return [lint_document(doc, ruleset) for doc in docs]


def lint_text(text: str, path: str = "<text>.md", settings: Settings | RuleSet | None = None,
              markdown: bool | None = None) -> list[Diagnostic]:
    """Lint one text. ``path`` decides Markdown or plain text unless ``markdown``
    is given, and is the name per-file ignores are matched against."""
    ruleset = settings if isinstance(settings, RuleSet) else ruleset_mod.build(settings or Settings())
    return lint_sources([SourceFile.from_text(text, path)], ruleset, markdown)[0]


def for_rules(rules: Sequence[Rule], settings: Settings | None = None) -> RuleSet:
    """A rule set of exactly ``rules`` (tests and rule examples run one rule)."""
    base = ruleset_mod.build(settings or Settings())
    return RuleSet(tuple(rules), base.catalog, base.settings, base.fingerprint + ":" + ",".join(r.code for r in rules),
                   base.internal)


class ResultCache(Protocol):
    """What the engine asks of a result cache (see ``mhlint.cache``): findings
    of a file by its path, bytes and rule set, or None."""

    def get(self, path: str, data: bytes, ruleset: RuleSet) -> list[Diagnostic] | None: ...

    def put(self, path: str, data: bytes, ruleset: RuleSet, diagnostics: list[Diagnostic]) -> None: ...


def lint_files(names: Sequence[str], rulesets: Sequence[RuleSet], report: Report, batch: int = 16,
               cache: ResultCache | None = None) -> None:
    """Lint files (each with its own rule set), appending to ``report``.
    Files sharing a rule set are built together, ``batch`` at a time (the
    documents of a batch are alive together, so a batch bounds the memory).
    A file whose bytes and rule set are in ``cache`` is not parsed at all."""
    groups: dict[int, list[tuple[str, RuleSet]]] = {}
    for name, rs in zip(names, rulesets):
        groups.setdefault(id(rs), []).append((name, rs))
    for items in groups.values():
        rs = items[0][1]
        for i in range(0, len(items), batch):
            sources, raw = [], []
            for name, _ in items[i:i + batch]:
                try:
                    data = read_bytes(name)
                    hit = cache.get(name, data, rs) if cache is not None else None
                    if hit is not None:
                        report.files += 1
                        report.diagnostics.extend(hit)
                        continue
                    sources.append(SourceFile.from_bytes(data, name))
                    raw.append(data)
                except InputError as exc:
                    report.issues.append(InputIssue(name, exc.message, exc.kind))
            report.files += len(sources)
            if not sources:
                continue
            for source, data, diags in zip(sources, raw, lint_sources(sources, rs, issues=report.issues)):
                report.diagnostics.extend(diags)
                if cache is not None:
                    cache.put(source.path, data, rs, diags)
    sort_diagnostics(report.diagnostics)


def lint_paths(paths: Sequence[str], settings: Settings | None = None) -> Report:
    """Lint files and directories with one Settings (no configuration files).
    Unreadable inputs become structured issues in the report; the other files
    are still linted."""
    from mhlint.settings import files

    settings = settings or Settings()
    report = Report()
    try:
        rs = ruleset_mod.build(settings)
    except MhlintError as exc:
        report.issues.append(InputIssue(exc.path or "", exc.message, "rule", exc.line))
        return report
    found = files.discover([Path(p) for p in paths], lambda _p: settings)
    report.issues.extend(found.issues)
    lint_files([str(p) for p in found.files], [rs] * len(found.files), report)
    return report


PARALLEL_MIN_FILES = 48  # below this, starting worker processes (each loads the rules, maybe spaCy) costs more than it saves
CHUNK = 24


def _lint_chunk(job: tuple[list[str], list[Settings], str | None]) -> tuple[list[Diagnostic], list[InputIssue], int, str | None]:
    """One worker's share: build the rule sets from the settings (each worker
    compiles its own), lint, return plain values."""
    names, settings_list, cache_dir = job
    cache = None
    if cache_dir is not None:
        from mhlint.cache import Cache

        cache = Cache(cache_dir)
    report = Report()
    from mhlint import derived

    with derived.attached(cache):
        lint_files(names, [ruleset_mod.build(s) for s in settings_list], report, cache=cache)
    return report.diagnostics, report.issues, report.files, cache.warning if cache is not None else None


def lint_files_parallel(names: Sequence[str], settings_list: Sequence[Settings], report: Report, jobs: int,
                        cache_dir: str | None = None) -> str | None:
    """Lint files in ``jobs`` processes, in chunks: ``jobs - 1`` workers take
    chunks from the front, and this process, which would otherwise only
    wait, lints from the back the chunks no worker has started (so ``jobs``
    processes lint, not ``jobs + 1`` that each hold a copy of everything: the
    memory of a run is that of the processes that do the work). The report
    comes out in the same order as one process gives. Returns a cache
    warning, if any."""
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing

    chunks = [(list(names[i:i + CHUNK]), list(settings_list[i:i + CHUNK]), cache_dir)
              for i in range(0, len(names), CHUNK)]
    results: dict[int, Any] = {}
    if jobs <= 1 or len(chunks) == 1:
        results = {i: _lint_chunk(chunk) for i, chunk in enumerate(chunks)}
    else:
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=context) as pool:
            futures = [pool.submit(_lint_chunk, chunk) for chunk in chunks]
            for i in range(len(chunks) - 1, -1, -1):
                if not futures[i].cancel():
                    break  # a worker has it, and every chunk before it
                results[i] = _lint_chunk(chunks[i])
            for i, future in enumerate(futures):
                if i not in results:
                    results[i] = future.result()
    warning = None
    for i in range(len(chunks)):
        diags, issues, files, cache_warning = results[i]
        report.diagnostics.extend(diags)
        report.issues.extend(issues)
        report.files += files
        warning = warning or cache_warning
    sort_diagnostics(report.diagnostics)
    return warning
