"""Settings: everything a user can decide, as one immutable value.

A Settings value comes from the defaults, then the nearest configuration file,
then the command line (each replaces what the one before said; lists named
``extend-*`` add to it). Linting is a pure function of (text, path, settings):
the rule set, the file walk and every output decision are derived from it, and
``origins`` remembers where each value came from for ``mhlint config``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

# Repository files that are not articles, and folders that hold no articles of
# the site's own. Gitignore-style patterns, matched relative to the project root.
DEFAULT_EXCLUDE = (
    "README*", "CHANGELOG*", "CHANGES*", "HISTORY*", "NEWS*", "LICENSE*", "LICENCE*", "COPYING*",
    "CONTRIBUTING*", "CODE_OF_CONDUCT*", "SECURITY*", "SUPPORT*", "AUTHORS*", "CONTRIBUTORS*",
    "CODEOWNERS", "NOTICE*", "PULL_REQUEST_TEMPLATE*", "ISSUE_TEMPLATE*",
    "robots.txt", "humans.txt", "ads.txt", "app-ads.txt", "security.txt", "llms.txt",
    "requirements*.txt", "constraints*.txt", "*.egg-info/", "CMakeLists.txt",
    ".git/", ".github/", ".gitlab/", ".hg/", ".svn/", ".venv/", "venv/", ".tox/", ".nox/",
    "node_modules/", "vendor/", "bower_components/", "__pycache__/", ".mhlint_cache/",
    "build/", "dist/", "_site/", "public/", "site/", ".next/", ".nuxt/", ".docusaurus/",
    "resources/_gen/", ".cache/",
)
DEFAULT_INCLUDE = (".md", ".markdown", ".mdown", ".mkd", ".txt")
FAIL_ON = ("error", "warning", "info")
LOCALES = ("US", "UK", "IE", "CA", "AU", "international")


@dataclass(frozen=True)
class RuleSetting:
    """``rules: CODE: {severity, options}`` from a configuration file. ``where``
    is the file and line it came from, so option errors can point at it."""

    severity: str | None = None
    options: tuple[tuple[str, Any], ...] = ()
    where: tuple[str, int] = ("", 0)
    raw: Any = field(default=None, compare=False, hash=False)  # the options mapping, with line marks


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    rules: tuple[tuple[str, RuleSetting], ...] = ()
    rule_dirs: tuple[str, ...] = ()  # absolute paths
    fail_on: str = "warning"
    readability_target_grade: float = 12.0
    readability_max_sentence_words: int = 35
    safety_locale: str = "US"
    respect_gitignore: bool = True
    force_exclude: bool = False
    report_unused_suppressions: bool = False
    preview: bool = False
    # Where the configuration was found; globs are relative to ``root``.
    root: str = "."
    config_file: str | None = None
    origins: tuple[tuple[str, str], ...] = field(default=(), compare=False, hash=False)

    def with_values(self, origin: str, **values: Any) -> "Settings":
        """A copy with ``values`` replaced, each recorded as coming from ``origin``."""
        known = dict(self.origins)
        known.update({name: origin for name in values})
        return replace(self, origins=tuple(sorted(known.items())), **values)

    def origin(self, name: str) -> str:
        return dict(self.origins).get(name, "default")

    def rule_key(self) -> tuple[Any, ...]:
        """What the rule set depends on: a hashable key for caching it."""
        return (self.select, self.extend_select, self.ignore, self.extend_ignore, self.rules,
                self.rule_dirs, self.readability_target_grade, self.readability_max_sentence_words,
                self.safety_locale, self.preview)

    def all_exclude(self) -> tuple[str, ...]:
        return self.exclude + self.extend_exclude

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name in ("origins",):
                continue
            value = getattr(self, f.name)
            if f.name == "rules":
                value = {code: {"severity": r.severity, "options": dict(r.options)} for code, r in value}
            elif f.name == "per_file_ignores":
                value = {glob: list(sel) for glob, sel in value}
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = value
        return out


def root_of(settings: Settings) -> Path:
    return Path(settings.root)
