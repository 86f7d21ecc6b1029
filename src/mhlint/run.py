"""One ``mhlint check`` run, from paths (or standard input) to an exit code.

The CLI parses arguments; this module does the run: find the files, give
each the Settings of its nearest configuration and the RuleSet built from
them, lint (or fix) with the engine, print with a formatter. It is separate
from ``cli.py`` so that the same run can be driven by other front ends (an
editor server) without click.
"""

from __future__ import annotations

import operator
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mhlint.diagnostic import Diagnostic, InputIssue, Severity
from mhlint.errors import InputError, MhlintError
from mhlint.text.source import read_bytes

EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


@dataclass(frozen=True)
class Options:
    fmt: str = "concise"
    fix: bool = False
    unsafe: bool = False
    diff: bool = False
    show_fixes: bool = False
    statistics: bool = False
    quiet: bool = False
    exit_zero: bool = False
    color: bool = False
    fail_on: str | None = None
    cache_dir: str | None = None  # None: no cache
    jobs: int = 1


def _echo(text: str, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    if text:
        stream.write(text if text.endswith("\n") else text + "\n")


def _echo_stream(stream: Any, report: Any, ctx: Any, err: bool = False) -> None:
    """What ``_echo`` does with a formatter's text, written piece by piece as
    the formatter makes it (a site's JSON is never held in memory whole)."""
    out = sys.stderr if err else sys.stdout
    last = [""]

    def write(piece: str) -> None:
        if piece:
            out.write(piece)
            last[0] = piece[-1]

    stream(report, ctx, write)
    if last[0] and last[0] != "\n":
        out.write("\n")


def run(resolver: Any, options: Options, paths: list[str] | None = None,
        stdin: tuple[str, bytes] | None = None) -> int:
    from mhlint.engine.report import Report
    from mhlint.settings import files

    report = Report()
    diff_changed = False
    try:
        if stdin is not None:
            name, data = stdin
            from mhlint.catalog import ruleset as ruleset_mod

            settings = resolver.settings_for(Path(name))
            rs = ruleset_mod.build(settings)
            fixed_text, diff_changed = _lint_stdin(name, data, rs, options, report, settings)
            if fixed_text is not None:
                sys.stdout.buffer.write(fixed_text)
                sys.stdout.flush()
                _report_fix_summary(report, options)
                return _exit_code(report, options, resolver, diff_changed)
        else:
            found = files.discover([Path(p) for p in paths or ["."]], resolver.settings_for)
            report.issues.extend(found.issues)
            names = [str(p) for p in found.files]
            settings_list = [resolver.settings_for(p) for p in found.files]
            if options.fix:
                from mhlint.catalog import ruleset as ruleset_mod

                rulesets = [ruleset_mod.build(s) for s in settings_list]  # validates every configuration here
                diff_changed = _fix_files(names, rulesets, options, report)
            else:
                _lint(names, settings_list, options, report)
    except MhlintError as exc:
        # A bad configuration or rule file: nothing is linted, but every
        # format still says why (an empty SARIF upload would hide it).
        kind = {"ConfigError": "config", "RuleError": "rule"}.get(type(exc).__name__, "usage")
        report = Report(issues=[InputIssue(exc.path or "", exc.message, kind, exc.line)])
        if options.fmt == "concise":
            _echo(f"mhlint: error: {exc}", err=True)
            return EXIT_ERROR
        _print(report, options, None)
        return EXIT_ERROR
    _print(report, options, resolver)
    return _exit_code(report, options, resolver, diff_changed)


_SORT_KEY = operator.attrgetter("path", "line", "column", "code")


def _sort(diags: list[Diagnostic]) -> None:
    """Sort by ``Diagnostic.sort_key`` (as ``engine.lint.sort_diagnostics``
    does, without importing the engine), its fields read in C."""
    key = _SORT_KEY if diags and _SORT_KEY(diags[0]) == diags[0].sort_key() else Diagnostic.sort_key
    diags.sort(key=key)


def _lint(names: list[str], settings_list: list[Any], options: Options, report: Any) -> None:
    """Lint files, answering from the cache what it holds. A rule set is built
    (which validates its configuration) only for settings that some file not
    in the cache needs: a fully cached run loads no rules at all, since the
    cache remembers each rule set's fingerprint by its settings and rule
    files. The files left go to worker processes if there are enough of them
    to pay for starting them."""
    cache = None
    todo = list(range(len(names)))
    if options.cache_dir is not None:
        from mhlint.cache import Cache, Known

        cache = Cache(options.cache_dir)
        known: dict[Any, Any] = {}
        todo = []
        for i, (name, settings) in enumerate(zip(names, settings_list)):
            if settings not in known:
                fingerprint = cache.fingerprint(settings)
                known[settings] = Known(fingerprint) if fingerprint is not None else None
            hit = None
            if known[settings] is not None:
                try:
                    hit = cache.get(name, read_bytes(name), known[settings])
                except InputError:
                    hit = None  # the linting pass reports the unreadable file
            if hit is None:
                todo.append(i)
            else:
                report.files += 1
                report.diagnostics.extend(hit)
    if not todo:  # everything from the cache: nothing of the engine is even imported
        _sort(report.diagnostics)
        if cache is not None and cache.warning:
            report.issues.append(InputIssue(options.cache_dir or "", cache.warning, "cache", severity=Severity.WARNING))
        return
    from mhlint import derived

    if cache is not None:
        cache.load_literals()  # before the workers start, so that they have it too
        cache.load_regex_code()

    with derived.attached(cache):
        _lint_missing(names, settings_list, todo, options, report, cache)


def _lint_missing(names: list[str], settings_list: list[Any], todo: list[int], options: Options, report: Any,
                  cache: Any) -> None:
    """Lint the files the cache did not answer for (``todo``), in this
    process or in workers, with the cache's derived data attached."""
    from mhlint.catalog import ruleset as ruleset_mod
    from mhlint.engine.lint import PARALLEL_MIN_FILES, lint_files, lint_files_parallel, sort_diagnostics

    built: dict[Any, Any] = {}
    for i in todo:
        if settings_list[i] not in built:
            built[settings_list[i]] = ruleset_mod.build(settings_list[i])  # validates the configuration
            if cache is not None:
                cache.remember(settings_list[i], built[settings_list[i]].fingerprint)
    missing = [names[i] for i in todo]
    warning = None
    if options.jobs > 1 and len(missing) >= PARALLEL_MIN_FILES:
        warning = lint_files_parallel(missing, [settings_list[i] for i in todo], report, options.jobs, options.cache_dir)
    elif missing:
        lint_files(missing, [built[settings_list[i]] for i in todo], report, cache=cache)
    if cache is not None:
        cache.save_literals()
        cache.save_regex_code()
    warning = warning or (cache.warning if cache is not None else None)
    if warning:
        report.issues.append(InputIssue(options.cache_dir or "", warning, "cache", severity=Severity.WARNING))
    sort_diagnostics(report.diagnostics)


def _lint_stdin(name: str, data: bytes, rs: Any, options: Options, report: Any,
                settings: Any) -> tuple[bytes | None, bool]:
    """Lint (or fix) standard input under ``name``. Returns the bytes to write
    to standard output with ``--fix`` (None otherwise; ``--diff`` prints a diff
    instead), and whether the fix changes anything."""
    from mhlint.engine.lint import lint_sources
    from mhlint.engine.report import FixRecord
    from mhlint.output import fixer
    from mhlint.settings import files
    from mhlint.text.source import SourceFile

    passthrough = data if options.fix and not options.diff else None
    if settings.force_exclude and files.excluded(Path(name), settings):
        return passthrough, False  # as ruff does: an excluded name is neither linted nor changed
    try:
        source = SourceFile.from_bytes(data, name)
    except InputError as exc:
        report.issues.append(InputIssue(name, exc.message, exc.kind))
        return passthrough, False
    report.files = 1
    diags = lint_sources([source], rs)[0]
    if not options.fix:
        report.diagnostics.extend(diags)
        return None, False
    result = fixer.fix_source(source, diags, lambda s: lint_sources([s], rs)[0], options.unsafe)
    report.diagnostics.extend(result.diagnostics)
    report.fixes.append(FixRecord(name, tuple(sorted(result.counts.items()))))
    if not result.converged:
        report.issues.append(InputIssue(name, f"fixes did not settle after {fixer.MAX_PASSES} passes; "
                                              "the remaining findings are reported", "fix", severity=Severity.WARNING))
    if options.diff:
        report.diagnostics[:] = diags  # as for files: --diff reports what is there now
        report.fixes.clear()
        _echo(fixer.unified_diff(name, source.text, result.source.text))
        return None, result.changed
    return fixer.encode(result.source), result.changed


def _fix_files(names: list[str], rulesets: list[Any], options: Options, report: Any) -> bool:
    """Fix each file with its rule set; returns whether anything changed (or,
    with ``--diff``, would change). A file whose write fails is left as it
    was and reported; the others are still fixed."""
    from mhlint.engine.lint import lint_sources
    from mhlint.engine.report import FixRecord
    from mhlint.output import fixer
    from mhlint.text.source import SourceFile

    changed = False
    for name, rs in zip(names, rulesets):
        try:
            source = SourceFile.read(name)
        except InputError as exc:
            report.issues.append(InputIssue(name, exc.message, exc.kind))
            continue
        report.files += 1
        diags = lint_sources([source], rs)[0]
        result = fixer.fix_source(source, diags, lambda s, rs=rs: lint_sources([s], rs)[0], options.unsafe)
        error = None
        if not result.converged:
            report.issues.append(InputIssue(name, f"fixes did not settle after {fixer.MAX_PASSES} passes; "
                                                  "the remaining findings are reported", "fix", severity=Severity.WARNING))
        if result.changed:
            changed = True
            if options.diff:
                _echo(fixer.unified_diff(name, source.text, result.source.text))
            else:
                try:
                    fixer.write_atomic(name, fixer.encode(result.source))
                except OSError as exc:
                    error = f"could not write the fixes ({exc.strerror or exc}); the file is unchanged"
                    report.issues.append(InputIssue(name, error, "write"))
                    result.diagnostics = diags
        report.diagnostics.extend(result.diagnostics if error is None and not options.diff else diags)
        if not options.diff:
            counts = () if error else tuple(sorted(result.counts.items()))
            report.fixes.append(FixRecord(name, counts, error))
    report.diagnostics.sort(key=Diagnostic.sort_key)
    return changed


def _report_fix_summary(report: Any, options: Options) -> None:
    """With ``--fix`` on standard input the fixed text owns standard output;
    findings and the summary go to standard error."""
    _print(report, Options(**{**options.__dict__, "fmt": "concise"}), None, err=True)


def _print(report: Any, options: Options, resolver: Any, err: bool = False) -> None:
    from mhlint.output import formatters

    rules: list[Any] = []
    if options.fmt == "sarif":  # the only format that lists rules (the others need not load any)
        from mhlint.engine.internal import INTERNAL

        rules = [*INTERNAL]
        if resolver is not None:
            from mhlint.catalog.ruleset import build

            try:
                rules = [*build(resolver.settings_for(Path.cwd())).catalog, *INTERNAL]
            except MhlintError:
                pass  # the working folder's configuration is broken; its files reported that already
    ctx = formatters.FormatContext(rules=rules, color=options.color and not err, root=str(Path.cwd()),
                                   statistics=options.statistics, quiet=options.quiet)
    if options.show_fixes and report.fixes and options.fmt in ("concise", "full", "grouped"):
        for record in report.fixes:
            for code, n in record.counts:
                _echo(f"Fixed {n} × {code} in {record.path}", err=True)
    _echo_stream(formatters.get_stream(options.fmt), report, ctx, err)
    if options.fmt != "concise" or err:
        return  # the other formats carry the input problems in their own output
    for issue in report.issues:
        level = "error" if issue.severity is Severity.ERROR else "warning"
        _echo(f"mhlint: {level}: {issue}", err=True)


def _internal_error(diags: list[Diagnostic]) -> bool:
    """Whether an internal error was reported. mhlint's own codes start with
    "MH" (the engine filters them so too): only then is the catalogue of its
    own rules, and all it imports, needed to tell."""
    codes = {d.code for d in diags if d.code.startswith("MH")}
    if not codes:
        return False
    from mhlint.catalog.internal import INTERNAL_ERROR

    return INTERNAL_ERROR in codes


def _exit_code(report: Any, options: Options, resolver: Any, diff_changed: bool) -> int:
    """2 for any error; else 1 when a finding reaches the ``fail-on`` of its
    own file's configuration (or ``--fail-on``)."""
    if report.errors or _internal_error(report.diagnostics):
        return EXIT_ERROR
    if options.diff:
        return EXIT_FOUND if diff_changed else EXIT_CLEAN
    if options.exit_zero:
        return EXIT_CLEAN
    thresholds: dict[str, int] = {}
    for d in report.diagnostics:
        if d.path not in thresholds:
            level = options.fail_on or resolver.settings_for(Path(d.path)).fail_on
            thresholds[d.path] = Severity(level).rank
        if d.severity.rank >= thresholds[d.path]:
            return EXIT_FOUND
    return EXIT_CLEAN
