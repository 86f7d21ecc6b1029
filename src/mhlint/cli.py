"""The command line: ``mhlint [PATHS]...`` (the ``check`` command is the
default), ``mhlint rules``, ``mhlint rule CODE`` and ``mhlint config [PATH]``.

Argument parsing and wiring only: settings come from ``settings/``, linting
from ``engine/``, output from ``output/``. Exit codes follow ruff: 0 nothing
at or above ``--fail-on``, 1 findings at or above it, 2 a usage,
configuration, rule or input error (readable files are still linted and
reported). Errors are one line naming the file (and line), never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from mhlint import __version__
from mhlint.errors import MhlintError

EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2
FORMAT_NAMES = ["concise", "full", "grouped", "json", "json-lines", "sarif", "github", "junit"]
STDIN_DEFAULT_NAME = "stdin.md"


class DefaultGroup(click.Group):
    """Route ``mhlint seeds/`` to ``mhlint check seeds/``. A file literally
    named like a command can be linted with ``mhlint check rules``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _fail(exc: Exception) -> None:
    click.echo(f"mhlint: error: {exc}", err=True)
    sys.exit(EXIT_ERROR)


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mhlint")
def main() -> None:
    """Lint mental-health articles (Markdown or text) for scraped boilerplate,
    duplicated blocks, unsourced statistics, vague attribution and
    pseudo-physiological claims.

    Run `mhlint PATHS...` (same as `mhlint check PATHS...`)."""


def _settings_options(func: Any) -> Any:
    """Options shared by ``check`` and ``config``: everything that changes Settings."""
    options = [
        click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
                     help="Use this configuration file for every path (instead of the nearest one)."),
        click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
        click.option("--select", multiple=True, metavar="SELECTORS",
                     help="Only these rules: codes, code prefixes, names, categories or tags (comma-separated or repeated). Replaces the configuration's select."),
        click.option("--extend-select", multiple=True, metavar="SELECTORS", help="Add rules to the selection."),
        click.option("--ignore", multiple=True, metavar="SELECTORS", help="Skip these rules. Replaces the configuration's ignore."),
        click.option("--extend-ignore", multiple=True, metavar="SELECTORS", help="Skip these rules as well."),
        click.option("--extend-exclude", multiple=True, metavar="GLOB", help="Exclude these paths as well (gitignore-style globs)."),
        click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
                     help="Lowest severity that makes the exit status 1 [default: warning]."),
        click.option("--respect-gitignore/--no-respect-gitignore", default=None,
                     help="Skip files that .gitignore ignores [default: respect]."),
        click.option("--force-exclude/--no-force-exclude", default=None,
                     help="Apply exclusions to paths named on the command line too (the pre-commit hook passes this)."),
        click.option("--preview/--no-preview", default=None, help="Also run rules in preview."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _overrides(select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
               extend_ignore: tuple[str, ...], extend_exclude: tuple[str, ...], fail_on: str | None,
               respect_gitignore: bool | None, force_exclude: bool | None, preview: bool | None,
               **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in (("select", select), ("extend_select", extend_select), ("ignore", ignore),
                        ("extend_ignore", extend_ignore)):
        if value:
            out[name] = _split(value)
    if extend_exclude:
        out["extend_exclude"] = tuple(extend_exclude)
    for name, value in (("fail_on", fail_on), ("respect_gitignore", respect_gitignore),
                        ("force_exclude", force_exclude), ("preview", preview)):
        if value is not None:
            out[name] = value
    out.update({k: v for k, v in extra.items() if v is not None})
    return out


def _resolver(config_file: str | None, isolated: bool, overrides: dict[str, Any]):  # type: ignore[no-untyped-def]
    from mhlint.settings.config import Resolver
    from mhlint.settings.model import Settings

    if config_file is not None and not Path(config_file).is_file():
        raise MhlintError(f"--config: no such file: {config_file}")
    return Resolver(Settings(), overrides, Path(config_file) if config_file else None, isolated)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--output-format", "--format", "fmt", type=click.Choice(FORMAT_NAMES), default="concise",
              show_default=True, help="Output format (--format is an alias).")
@_settings_options
@click.option("--fix", is_flag=True, help="Apply safe fixes and write the files.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and write nothing (exit 1 if anything would change).")
@click.option("--show-fixes", is_flag=True, help="List what --fix fixed, per file and rule.")
@click.option("--stdin-filename", default=None, metavar="NAME",
              help="Lint standard input as if it were NAME (configuration and per-file ignores apply to NAME).")
@click.option("--report-unused-suppressions/--no-report-unused-suppressions", default=None,
              help="Report directives that silence nothing (MH100).")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the findings (no summary).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found (errors still exit 2).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=False,
              help="Worker processes for large runs [default: 0, one per core]; 1 lints in this process.")
@click.option("--cache-dir", default=None, metavar="DIR", envvar="MHLINT_CACHE_DIR",
              help="Where the result cache lives [default: .mhlint_cache in the working folder].")
def check(paths: tuple[str, ...], fmt: str, config_file: str | None, isolated: bool, fix: bool, unsafe_fixes: bool,
          diff: bool, show_fixes: bool, stdin_filename: str | None, report_unused_suppressions: bool | None,
          statistics: bool, quiet: bool, exit_zero: bool, no_cache: bool, cache_dir: str | None, jobs: int,
          **settings_args: Any) -> None:
    """Lint files and directories (default: the current directory); `-` reads standard input."""
    from mhlint.run import Options, run

    try:
        overrides = _overrides(**settings_args, report_unused_suppressions=report_unused_suppressions)
        resolver = _resolver(config_file, isolated, overrides)
    except MhlintError as exc:
        _fail(exc)
        return
    use_stdin = paths == ("-",) or (not paths and stdin_filename is not None)
    if "-" in paths and not use_stdin:
        _fail(MhlintError("'-' (standard input) cannot be combined with other paths"))
    options = Options(fmt=fmt, fix=fix or diff, unsafe=unsafe_fixes, diff=diff, show_fixes=show_fixes,
                      statistics=statistics, quiet=quiet, exit_zero=exit_zero,
                      color=_color(fmt), fail_on=settings_args.get("fail_on"),
                      cache_dir=None if no_cache else (cache_dir or _default_cache_dir()),
                      jobs=jobs or os.cpu_count() or 1)
    if use_stdin:
        stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
        stdin_bytes = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
        code = run(resolver, options, stdin=(stdin_filename or STDIN_DEFAULT_NAME, stdin_bytes))
    else:
        code = run(resolver, options, paths=list(paths) or ["."])
    sys.exit(code)


def _default_cache_dir() -> str:
    from mhlint.cache import DEFAULT_DIR

    return DEFAULT_DIR


def _color(fmt: str) -> bool:
    if fmt not in ("full", "grouped", "concise") or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


@main.command("rules")
@click.option("--category", default=None, help="Only rules of this category.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Include the house rules of this configuration.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file (bundled rules only).")
def list_rules(category: str | None, fmt: str, config_file: str | None, isolated: bool) -> None:
    """List every rule: code, name, category, severity, fix and summary."""
    from mhlint.catalog import ruledoc

    try:
        everything = _catalog(config_file, isolated)
    except MhlintError as exc:
        _fail(exc)
        return
    rules = [r for r in everything if category in (None, r.category)]
    if not rules:
        known = ", ".join(sorted({r.category for r in everything}))
        _fail(MhlintError(f"--category: no rule in category '{category}' (categories: {known})"))
    if fmt == "json":
        click.echo(json.dumps([ruledoc.as_json(r) for r in rules], indent=2, ensure_ascii=False))
        return
    for r in rules:
        fixable = r.fix.applicability.value if r.fix is not None and r.fix.edits else "-"
        click.echo(f"{r.code:<8} {r.name:<32} {r.category:<12} {r.severity:<8} {fixable:<7} {r.summary}")


def _catalog(config_file: str | None, isolated: bool) -> list[Any]:
    from mhlint.catalog.ruleset import build
    from mhlint.engine.internal import INTERNAL

    resolver = _resolver(config_file, isolated, {})
    settings = resolver.settings_for(Path.cwd())
    return [*build(settings).catalog, *INTERNAL]


@main.command("rule")
@click.argument("code")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None)
@click.option("--isolated", is_flag=True)
def show_rule(code: str, fmt: str, config_file: str | None, isolated: bool) -> None:
    """Print one rule's documentation, with its examples (CODE or name)."""
    from mhlint.catalog import ruledoc

    try:
        rules = _catalog(config_file, isolated)
    except MhlintError as exc:
        _fail(exc)
        return
    found: Any = next((r for r in rules if code.upper() == r.code or code.lower() == r.name), None)
    if found is None:
        _fail(MhlintError(f"no rule '{code}' (see `mhlint rules`)"))
    if fmt == "json":
        click.echo(json.dumps(ruledoc.as_json(found), indent=2, ensure_ascii=False))
    else:
        click.echo(ruledoc.as_text(found))


@main.command("config")
@click.argument("path", required=False, type=click.Path(), default=".")
@_settings_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show_config(path: str, config_file: str | None, isolated: bool, fmt: str, **settings_args: Any) -> None:
    """Print the effective configuration for PATH and where each value came from."""
    from mhlint.catalog.ruleset import build

    try:
        resolver = _resolver(config_file, isolated, _overrides(**settings_args))
        settings = resolver.settings_for(Path(path))
        active = build(settings)
    except MhlintError as exc:
        _fail(exc)
        return
    from mhlint.settings.config import config_key

    values = {k: v for k, v in settings.as_dict().items() if k not in ("root", "config_file")}
    source = settings.config_file or "none (defaults)"
    if fmt == "json":
        data = {"path": path, "config_file": settings.config_file,
                "settings": {config_key(k): {"value": v, "from": settings.origin(k)} for k, v in values.items()},
                "active_rules": [r.code for r in active.rules], "fingerprint": active.fingerprint}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(f"# Effective configuration for {path}")
    click.echo(f"# configuration file: {source}")
    for key, value in values.items():
        shown = config_key(key)
        click.echo(f"{shown}: {json.dumps(value, ensure_ascii=False)}    # from {settings.origin(key)}")
    click.echo(f"# active rules ({len(active.rules)}): {' '.join(r.code for r in active.rules)}")


@main.command("clean")
@click.option("--cache-dir", default=None, metavar="DIR", envvar="MHLINT_CACHE_DIR",
              help="The cache folder to delete [default: .mhlint_cache].")
def clean_cache(cache_dir: str | None) -> None:
    """Delete the result cache."""
    from mhlint.cache import clean

    folder = cache_dir or _default_cache_dir()
    try:
        removed = clean(folder)
    except OSError as exc:
        _fail(MhlintError(f"cannot delete the cache: {exc.strerror or exc}", folder))
        return
    click.echo(f"Removed {folder}." if removed else f"No cache at {folder}.")
