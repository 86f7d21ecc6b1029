"""The command line: ``mhlint [PATHS]...`` (the ``check`` command is the
default), ``mhlint rules`` and ``mhlint rule CODE``.

Exit codes follow ruff: 0 nothing found, 1 something found, 2 a usage, rule
or input error. Errors are one line naming the file (and line), never a
traceback; readable files are still linted when another path is bad.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from mhlint import __version__
from mhlint.errors import MhlintError

EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


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


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mhlint")
def main() -> None:
    """Lint mental-health articles (Markdown or text) for scraped boilerplate,
    duplicated blocks, unsourced statistics, vague attribution and
    pseudo-physiological claims.

    Run `mhlint PATHS...` (same as `mhlint check PATHS...`)."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["concise", "json"]), default="concise", show_default=True, help="Output format.")
@click.option("--select", multiple=True, metavar="SELECTORS", help="Only these rules: codes, code prefixes, names or categories (comma-separated or repeated).")
@click.option("--ignore", multiple=True, metavar="SELECTORS", help="Skip these rules (same selectors as --select).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
def check(paths: tuple[str, ...], fmt: str, select: tuple[str, ...], ignore: tuple[str, ...], exit_zero: bool) -> None:
    """Lint files and directories (default: the current directory)."""
    from mhlint import engine
    from mhlint.formatters import FORMATS

    try:
        rules = engine.active_rules(select, ignore)
        report = engine.lint_paths(list(paths) or ["."], rules)
    except MhlintError as exc:
        _fail(exc)
        return
    click.echo(FORMATS[fmt](report))
    for error in report.errors:
        click.echo(f"mhlint: error: {error}", err=True)
    if report.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FOUND if report.diagnostics and not exit_zero else EXIT_CLEAN)


@main.command("rules")
@click.option("--category", default=None, help="Only rules of this category.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(category: str | None, fmt: str) -> None:
    """List every rule: code, name, category, severity and summary."""
    from mhlint import catalog, ruledoc

    try:
        rules = [r for r in catalog.bundled() if category in (None, r.category)]
    except MhlintError as exc:
        _fail(exc)
        return
    if fmt == "json":
        click.echo(json.dumps([ruledoc.as_json(r) for r in rules], indent=2, ensure_ascii=False))
        return
    for r in rules:
        click.echo(f"{r.code:<8} {r.name:<32} {r.category:<12} {r.severity:<8} {r.summary}")


@main.command("rule")
@click.argument("code")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show_rule(code: str, fmt: str) -> None:
    """Print one rule's documentation, with its examples (CODE or name)."""
    from mhlint import catalog, ruledoc

    try:
        rules = catalog.bundled()
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
