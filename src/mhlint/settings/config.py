"""Configuration files: find the nearest one, read it, validate every key.

``.mhlint.yaml`` (or ``.mhlint.yml``), ``.mhlint.toml``, or ``[tool.mhlint]`` in
``pyproject.toml``, in that order within one folder. The nearest folder that
has one wins, walking up from each linted path, and files are never merged
(as ruff does): what a folder's file does not say comes from the defaults. An
unknown key or a bad value is a ``ConfigError`` naming the file and line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from mhlint.errors import ConfigError
from mhlint.settings.model import FAIL_ON, LOCALES, RuleSetting, Settings
from mhlint.text.yamlnodes import LDict, LList, line_of, load

CONFIG_NAMES = (".mhlint.yaml", ".mhlint.yml", ".mhlint.toml", "pyproject.toml")
SEVERITY_NAMES = ("error", "warning", "info")

# key -> (kind, Settings field). Kinds: selectors, globs, suffixes, paths, bool, choice:<...>
_TOP = {
    "select": ("selectors", "select"),
    "extend-select": ("selectors", "extend_select"),
    "ignore": ("selectors", "ignore"),
    "extend-ignore": ("selectors", "extend_ignore"),
    "per-file-ignores": ("per-file", "per_file_ignores"),
    "exclude": ("globs", "exclude"),
    "extend-exclude": ("globs", "extend_exclude"),
    "include": ("suffixes", "include"),
    "rules": ("rules", "rules"),
    "rule-dirs": ("paths", "rule_dirs"),
    "fail-on": ("fail-on", "fail_on"),
    "respect-gitignore": ("bool", "respect_gitignore"),
    "force-exclude": ("bool", "force_exclude"),
    "report-unused-suppressions": ("bool", "report_unused_suppressions"),
    "preview": ("bool", "preview"),
    "readability": ("section", None),
    "safety": ("section", None),
}
_SECTIONS = {
    "readability": {"target-grade": ("grade", "readability_target_grade"),
                    "max-sentence-words": ("count", "readability_max_sentence_words")},
    "safety": {"locale": ("locale", "safety_locale")},
}
_RULE_KEYS = ("severity", "options")


class _Located:
    """A value and where it sits: for messages that name the file and line."""

    def __init__(self, path: str, container: Any, key: Any) -> None:
        self.path, self.container, self.key = path, container, key

    @property
    def line(self) -> int | None:
        return line_of(self.container, self.key) or None

    def error(self, message: str) -> ConfigError:
        return ConfigError(message, self.path, self.line)

    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def find(directory: Path) -> Path | None:
    """The nearest configuration file at or above ``directory``."""
    directory = directory.resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_section(candidate)):
                return candidate
    return None


def _has_tool_section(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[tool\.mhlint[\].]", text, re.MULTILINE) is not None


def read(path: Path) -> LDict:
    """The configuration mapping of one file, with line marks. Raises ConfigError."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read configuration: {exc.strerror or exc}", shown) from None
    except UnicodeDecodeError:
        raise ConfigError("configuration is not valid UTF-8", shown) from None
    if path.suffix == ".toml":
        return _read_toml(text, shown, path.name == "pyproject.toml")
    try:
        data = load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"invalid YAML: {problem}", shown, mark.line + 1 if mark else None) from None
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"invalid value: {exc}", shown) from None
    if data is None:
        return LDict()
    if not isinstance(data, LDict):
        raise ConfigError("a configuration file must be a mapping of keys to values", shown, 1)
    return data


def _read_toml(text: str, shown: str, pyproject: bool) -> LDict:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise ConfigError(f"invalid TOML: {exc}", shown, int(m.group(1)) if m else None) from None
    if pyproject:
        data = data.get("tool", {}).get("mhlint", {})
    return _mark_toml(data, text.splitlines(), "tool.mhlint" if pyproject else "")


def _mark_toml(data: Any, lines: list[str], table: str) -> Any:
    """tomllib keeps no positions: find each key's line by reading the text, so
    messages can still name a line (the first line that assigns the key within
    its table, or the table's header)."""
    if isinstance(data, list):
        out_list = LList(_mark_toml(v, lines, table) for v in data)
        out_list.line, out_list.item_lines = 0, []
        return out_list
    if not isinstance(data, dict):
        return data
    out = LDict()
    out.line, out.key_lines = _header_line(lines, table), {}
    for key, value in data.items():
        child = f"{table}.{key}" if table else key
        line = _header_line(lines, child) or _assign_line(lines, key, out.line)
        out[key] = _mark_toml(value, lines, child)
        if isinstance(out[key], LDict) and not out[key].line:
            out[key].line = line
        out.key_lines[str(key)] = line
    return out


def _header_line(lines: list[str], table: str) -> int:
    if not table:
        return 0
    pattern = re.compile(r"^\s*\[\s*" + re.escape(table) + r"\s*\]")
    return next((n for n, text in enumerate(lines, 1) if pattern.match(text)), 0)


def _assign_line(lines: list[str], key: str, after: int) -> int:
    pattern = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    return next((n for n, text in enumerate(lines, 1) if n > after and pattern.match(text)), 0)


def apply(settings: Settings, data: LDict, path: Path) -> Settings:
    """Settings with every key of one configuration file applied and validated."""
    shown = str(path)
    values: dict[str, Any] = {"root": str(path.parent.resolve()), "config_file": shown}
    origins: dict[str, str] = {}
    for key in data:
        at = _Located(shown, data, key)
        if key not in _TOP:
            raise at.error(f"unknown key '{key}' in configuration (known: {', '.join(sorted(_TOP))})")
        kind, name = _TOP[key]
        if kind == "section":
            section = data[key]
            if not isinstance(section, dict):
                raise at.error(f"'{key}' must be a mapping")
            for sub in section:
                sub_at = _Located(shown, section, sub)
                if sub not in _SECTIONS[key]:
                    raise sub_at.error(f"unknown key '{key}.{sub}' (known: {', '.join(sorted(_SECTIONS[key]))})")
                sub_kind, sub_name = _SECTIONS[key][sub]
                values[sub_name] = _convert(sub_kind, section[sub], sub_at, f"{key}.{sub}", path)
                origins[sub_name] = sub_at.where()
            continue
        values[name] = _convert(kind, data[key], at, key, path)
        origins[name] = at.where()
    known = dict(settings.origins)
    known.update(origins)
    return replace(settings, **values, origins=tuple(sorted(known.items())))


def _strings(value: Any, at: _Located, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise at.error(f"'{key}' must be a list of strings")
    return tuple(v.strip() for v in value)


def _convert(kind: str, value: Any, at: _Located, key: str, path: Path) -> Any:
    if kind == "selectors":
        return tuple(part.strip() for v in _strings(value, at, key) for part in v.split(",") if part.strip())
    if kind == "globs":
        return _strings(value, at, key)
    if kind == "suffixes":
        suffixes = _strings(value, at, key)
        bad = [s for s in suffixes if not s.startswith(".") or "/" in s]
        if bad:
            raise at.error(f"'{key}' holds file suffixes such as '.md', not {bad[0]!r}")
        return tuple(s.lower() for s in suffixes)
    if kind == "paths":
        return tuple(str((path.parent / p).resolve()) for p in _strings(value, at, key))
    if kind == "bool":
        if not isinstance(value, bool):
            raise at.error(f"'{key}' must be true or false, not {value!r}")
        return value
    if kind == "fail-on":
        if value not in FAIL_ON:
            raise at.error(f"'{key}' must be one of {', '.join(FAIL_ON)}, not {value!r}")
        return value
    if kind == "locale":
        if value not in LOCALES:
            raise at.error(f"'{key}' must be one of {', '.join(LOCALES)}, not {value!r}")
        return value
    if kind == "grade":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 1 <= value <= 20:
            raise at.error(f"'{key}' must be a reading grade between 1 and 20, not {value!r}")
        return float(value)
    if kind == "count":
        if isinstance(value, bool) or not isinstance(value, int) or value < 5:
            raise at.error(f"'{key}' must be a whole number of at least 5, not {value!r}")
        return value
    if kind == "per-file":
        if not isinstance(value, dict):
            raise at.error(f"'{key}' must map file globs to lists of rule selectors")
        return tuple((str(glob), _convert("selectors", sel, _Located(at.path, value, glob), f"{key}.{glob}", path))
                     for glob, sel in value.items())
    if kind == "rules":
        return _rules(value, at)
    raise AssertionError(kind)  # pragma: no cover


def _rules(value: Any, at: _Located) -> tuple[tuple[str, RuleSetting], ...]:
    if not isinstance(value, dict):
        raise at.error("'rules' must map rule codes (or names) to {severity, options}")
    out = []
    for code, spec in value.items():
        here = _Located(at.path, value, code)
        if not isinstance(spec, dict):
            raise here.error(f"'rules.{code}' must be a mapping with 'severity' and/or 'options'")
        for k in spec:
            if k not in _RULE_KEYS:
                raise _Located(at.path, spec, k).error(f"unknown key '{k}' in rules.{code} (known: {', '.join(_RULE_KEYS)})")
        severity = spec.get("severity")
        if severity is not None and severity not in SEVERITY_NAMES:
            raise _Located(at.path, spec, "severity").error(
                f"'rules.{code}.severity' must be one of {', '.join(SEVERITY_NAMES)}, not {severity!r}")
        options = spec.get("options", {})
        if not isinstance(options, dict):
            raise _Located(at.path, spec, "options").error(f"'rules.{code}.options' must be a mapping")
        frozen = tuple(sorted((str(k), _freeze(v)) for k, v in options.items()))
        out.append((str(code), RuleSetting(severity, frozen, (at.path, here.line or 0), options)))
    return tuple(out)


def _freeze(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    return value


class Resolver:
    """Settings for each path: the nearest configuration file, applied to the
    defaults, then the command-line overrides. One per run; folders and files
    are looked up once."""

    def __init__(self, base: Settings, overrides: dict[str, Any], config: Path | None = None,
                 isolated: bool = False) -> None:
        self.base = base
        self.overrides = overrides
        self.isolated = isolated
        self.fixed = config
        self._by_dir: dict[Path, Path | None] = {}
        self._by_file: dict[Path | None, Settings] = {}

    def config_for(self, path: Path) -> Path | None:
        if self.isolated:
            return None
        if self.fixed is not None:
            return self.fixed
        folder = (path if path.is_dir() else path.parent).resolve()
        if folder not in self._by_dir:
            self._by_dir[folder] = find(folder)
        return self._by_dir[folder]

    def settings_for(self, path: Path) -> Settings:
        return self.settings_of(self.config_for(path))

    def settings_of(self, config: Path | None) -> Settings:
        if config not in self._by_file:
            settings = self.base
            if config is not None:
                settings = apply(settings, read(config), config)
            if self.overrides:
                settings = settings.with_values("command line", **self.overrides)
            self._by_file[config] = settings
        return self._by_file[config]
