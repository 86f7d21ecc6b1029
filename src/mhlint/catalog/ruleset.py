"""RuleSet: the rules one run applies, built from Settings and nothing else.

Settings -> catalogue (bundled rules plus house-rule folders) -> selection
(``select`` / ``extend-select`` / ``ignore`` / ``extend-ignore``, preview) ->
per-rule severity and options (validated against the check type's declared
options, with the configuration file's line in errors). ``for_path`` then
applies ``per-file-ignores``. The fingerprint changes whenever anything that
can change a finding changes, so a result cache can key on it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Callable

from mhlint import __version__
from mhlint.catalog import selection
from mhlint.catalog.internal import ALWAYS_ON, INTERNAL
from mhlint.catalog.loader import load_catalog
from mhlint.catalog.resources import rules_dir
from mhlint.catalog.schema import Rule
from mhlint.checks.params import Context, validate
from mhlint.errors import ConfigError, InputError
from mhlint.text.source import read_bytes
from mhlint.settings.model import Settings

if TYPE_CHECKING:  # pragma: no cover
    from pathspec import GitIgnoreSpec


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]  # active, in code order, with overrides applied
    catalog: tuple[Rule, ...]  # every known rule, for directives and docs
    settings: Settings
    fingerprint: str
    internal: frozenset[str] = frozenset()  # mhlint's own rules (MH...) this run reports
    _per_file: dict[str, tuple[Rule, ...]] = field(default_factory=dict, compare=False, repr=False)
    _memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """Derived structures compiled once per rule set (the engine's check
        groups, one matcher per check type); the rule set itself never changes."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def for_path(self, path: str) -> tuple[Rule, ...]:
        """Active rules for ``path`` once ``per-file-ignores`` are applied."""
        if not self.settings.per_file_ignores:
            return self.rules
        rel = _relative(path, self.settings.root)
        if rel is None:
            # Outside the configuration's folder (``--config`` elsewhere): a
            # glob with a slash is anchored there, so only name globs can match.
            parts = [p for p in PurePosixPath(Path(path).as_posix()).parts if p not in ("/", ".", "..")]
            rel = "/".join(parts)
            globs = [(g, s) for g, s in self.settings.per_file_ignores
                     if "/" not in g.rstrip("/") or (g.startswith("**/") and "/" not in g[3:].rstrip("/"))]
        else:
            globs = list(self.settings.per_file_ignores)
        ignored = [sel for glob, sels in globs if _glob_match(rel, glob) for sel in sels]
        if not ignored:
            return self.rules
        key = "\0".join(sorted(ignored))
        if key not in self._per_file:
            self._per_file[key] = tuple(r for r in self.rules if not any(selection.matches(s, r) for s in ignored))
        return self._per_file[key]

    def needs(self, rules: tuple[Rule, ...] | None = None) -> frozenset[str]:
        out: frozenset[str] = frozenset()
        for rule in self.rules if rules is None else rules:
            out |= rule.needs
        return out


def _relative(path: str, root: str) -> str | None:
    """``path`` relative to ``root``, or None when it lies outside ``root``."""
    try:
        return PurePosixPath(Path(path).resolve().relative_to(Path(root).resolve())).as_posix()
    except (ValueError, OSError):
        return None


def _glob_match(rel: str, glob: str) -> bool:
    """Gitignore-style, as ``exclude`` is: a glob without a slash (a trailing
    one aside) matches the file name, or a folder name above it, at any depth;
    one with a slash is relative to the configuration file's folder; ``*``
    stays within one path segment and ``**`` crosses them; ``drafts/``
    matches every file below a ``drafts`` folder."""
    return _glob_spec(glob).match_file(rel)


@lru_cache(maxsize=256)
def _glob_spec(glob: str) -> GitIgnoreSpec:
    from pathspec import GitIgnoreSpec  # only for per-file ignores

    return GitIgnoreSpec.from_lines([glob])


def build(settings: Settings) -> RuleSet:
    """The RuleSet for ``settings``; equal settings share one (it is immutable)
    as long as no house-rule file has changed since it was built."""
    return _build(settings.rule_key(), _stamp(settings.rule_dirs), settings)


def _stamp(folders: tuple[str, ...]) -> tuple[Any, ...]:
    """What the house-rule folders hold (each file's name and a digest of its
    bytes), so an edited house rule is loaded again rather than served from
    the cache. House folders are small; reading them is cheap next to linting."""
    out: list[Any] = []
    for folder in folders:
        try:
            files = sorted(Path(folder).rglob("*.yaml"))
        except OSError:
            files = []
        out.extend((str(path), _digest(str(path))) for path in files)
    return tuple(out)


@lru_cache(maxsize=32)
def _build(_key: tuple[Any, ...], _files: tuple[Any, ...], settings: Settings) -> RuleSet:
    house = settings.rule_dirs
    macros, catalog = _catalog(str(rules_dir()), house, _files, str(Path.cwd()) if house else "")
    active = _select(catalog, settings)
    overrides: dict[str, Any] = {}
    for code, setting in settings.rules:
        rule = next((r for r in catalog if code.upper() == r.code or code.lower() == r.name), None)
        if rule is None:
            where, line = setting.where
            raise ConfigError(f"rules: '{code}' is not a rule code or name (see `mhlint rules`)", where or None,
                              line or None)
        overrides[rule.code] = setting
    # Every override is validated, also for a rule this run does not select:
    # a typo in an option must not wait until the rule is turned on.
    applied = {rule.code: _apply(rule, overrides, macros) for rule in catalog if rule.code in overrides}
    rules = _yield(tuple(_bind(applied.get(rule.code, rule), settings, macros) for rule in active))
    internal = _internal(settings)
    return RuleSet(rules, catalog, settings, _fingerprint(rules, settings, internal), internal)


def _yield(rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """``yields_to`` turned around: every rule a generic rule yields to
    supersedes it, so the engine has one relation to resolve."""
    from mhlint.engine.overlap import covers

    generic = [(r.code, r.yields_to) for r in rules if r.yields_to]
    if not generic:
        return rules
    out = []
    for rule in rules:
        # Two generic rules that yield to each other's family stay side by side.
        extra = tuple(code for code, selectors in generic
                      if code != rule.code and code not in rule.supersedes
                      and any(covers(s, rule.code) for s in selectors)
                      and not any(covers(s, code) for s in rule.yields_to))
        out.append(replace(rule, supersedes=rule.supersedes + extra) if extra else rule)
    return tuple(out)


def _internal(settings: Settings) -> frozenset[str]:
    chosen = settings.select + settings.extend_select
    dropped = settings.ignore + settings.extend_ignore
    on = {r.code for r in INTERNAL if any(selection.matches(s, r) for s in chosen)  # type: ignore[arg-type]
          and not any(selection.matches(s, r) for s in dropped)}  # type: ignore[arg-type]
    return frozenset(on) | ALWAYS_ON


@lru_cache(maxsize=8)
def _catalog(bundled: str, house: tuple[str, ...], _files: tuple[Any, ...],
             _cwd: str) -> tuple[dict[str, str], tuple[Rule, ...]]:
    """The catalogue of the bundled folder plus ``house`` folders, loaded once
    for all the rule sets that use it (settings of several configuration
    files differ in their folder, not in their rules). House rules are shown
    relative to the working folder, hence ``_cwd``; ``_files`` is their stamp."""
    return load_catalog(Path(bundled), tuple(Path(p) for p in house), lazy=True)


def _select(catalog: tuple[Rule, ...], settings: Settings) -> tuple[Rule, ...]:
    def check(option: str, sels: tuple[str, ...]) -> None:
        for sel in sels:
            if not any(selection.matches(sel, r) for r in (*catalog, *INTERNAL)):  # type: ignore[arg-type]
                origin = settings.origin(option)
                key = option.replace("_", "-")
                if origin == "command line":
                    key = "--" + key
                msg = f"{key}: '{sel}' matches no rule (use a code, code prefix, rule name, category or tag)"
                if origin.endswith(" + command line"):  # a file's extend-* list plus the command line's
                    raise ConfigError(f"{msg}; {key} is set in {origin[:-len(' + command line')]} "
                                      f"and by --{key} on the command line")
                path, _, line = origin.rpartition(":")
                if path and line.isdigit():
                    raise ConfigError(msg, path, int(line))
                raise ConfigError(msg, origin if origin not in ("default", "command line") else None)

    for option in ("select", "extend_select", "ignore", "extend_ignore"):
        check(option, getattr(settings, option))
    for glob, sels in settings.per_file_ignores:
        check("per_file_ignores", sels)
    chosen = settings.select + settings.extend_select
    dropped = settings.ignore + settings.extend_ignore
    out = []
    for rule in catalog:
        if rule.status == "deprecated" and not any(sel.upper() == rule.code for sel in chosen):
            continue
        if rule.status == "preview" and not settings.preview:
            continue
        if any(selection.matches(s, rule) for s in chosen) and not any(selection.matches(s, rule) for s in dropped):
            out.append(rule)
    return tuple(out)


def _apply(rule: Rule, overrides: dict[str, Any], macros: dict[str, str]) -> Rule:
    setting = overrides.get(rule.code)
    if setting is None:
        return rule
    new = rule
    if setting.severity:
        new = replace(new, severity=setting.severity)
    if setting.options:
        cls = type(rule.check)
        allowed = cls.options()
        path, line = setting.where
        ctx = Context(path, macros, ConfigError)
        raw = setting.raw if isinstance(setting.raw, dict) else dict(setting.options)
        for key in raw:
            if key not in allowed:
                known = ", ".join(sorted(allowed)) or "none"
                raise ctx.error(raw, key, f"rules.{rule.code}: check type '{rule.check_type}' has no option '{key}' (options: {known})")
        given = validate(ctx, raw, allowed, f"rules.{rule.code}.options", partial=True)
        merged = {**rule.check.config, **given}
        check = cls(ctx, merged, rule.check.raw)
        new = replace(new, check=check, options=setting.options)
    return new


def _bind(rule: Rule, settings: Settings, macros: dict[str, str]) -> Rule:
    """Give a check the project settings its parameters read (``Param.setting``),
    where neither the rule file nor a per-rule option chose the value."""
    cls = type(rule.check)
    raw = rule.check.raw if isinstance(rule.check.raw, dict) else {}
    chosen = {key for key, _ in rule.options} | set(raw)
    values = {key: getattr(settings, p.setting) for key, p in cls.params.items()
              if p.setting and key not in chosen and rule.check.config.get(key) != getattr(settings, p.setting)}
    if not values:
        return rule
    check = cls(Context(rule.file, macros), {**rule.check.config, **values}, rule.check.raw)
    return replace(rule, check=check)


def _fingerprint(rules: tuple[Rule, ...], settings: Settings, internal: frozenset[str] = frozenset()) -> str:
    """A digest of everything a finding depends on: mhlint's version, each
    active rule's file, severity and options, and the settings rules read."""
    h = hashlib.sha256(__version__.encode())
    h.update(",".join(sorted(internal)).encode())
    for rule in rules:
        h.update(json.dumps([rule.code, rule.severity, rule.path, repr(rule.options)]).encode())
        h.update(_digest(rule.file))
    for folder in (str(rules_dir()), *settings.rule_dirs):
        h.update(_digest(str(Path(folder) / "patterns.yaml")))
    h.update(repr((settings.per_file_ignores, settings.root if settings.per_file_ignores else "")).encode())
    h.update(repr((settings.readability_target_grade, settings.readability_max_sentence_words,
                   settings.safety_locale, settings.report_unused_suppressions)).encode())
    if settings.per_file_ignores:  # globs are relative to the configuration's folder
        h.update(repr((settings.per_file_ignores, str(Path(settings.root).resolve()))).encode())
    return h.hexdigest()[:16]


def _digest(path: str) -> bytes:
    """Digest of a rule file; anything but a regular file (a FIFO that would
    block, a folder) or an unreadable one counts as absent."""
    try:
        return hashlib.sha256(read_bytes(path)).digest()
    except InputError:
        return b"-"
