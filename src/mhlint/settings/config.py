"""Configuration files: find the nearest one, read it, validate every key.

``.mhlint.yaml`` (or ``.mhlint.yml``), ``.mhlint.toml``, or ``[tool.mhlint]`` in
``pyproject.toml``, in that order within one folder. The nearest folder that
has one wins, walking up from each linted path, and files are never merged
(as ruff does): what a folder's file does not say comes from the defaults. An
unknown key or a bad value is a ``ConfigError`` naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any


from mhlint.errors import ConfigError, InputError
from mhlint.text.source import read_bytes
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


def display(path: Path) -> str:
    """A configuration file as messages show it: relative to the working
    folder when it is below it, else absolute."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


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
    """Whether a ``pyproject.toml`` holds a ``[tool.mhlint]`` table (however it
    is spelt: a header, a quoted or spaced header, dotted keys)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "mhlint" not in text:
        return False
    import tomllib

    try:
        tool = tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:
        # Broken TOML: a config only if it looks like one (then reading it
        # reports the syntax error with its line).
        return re.search(r"^\s*\[\s*tool\s*\.\s*[\"']?mhlint[\"']?\s*[\].]", text, re.MULTILINE) is not None
    return isinstance(tool, dict) and "mhlint" in tool


def read(path: Path) -> LDict:
    """The configuration mapping of one file, with line marks. Raises ConfigError."""
    shown = display(path)
    try:
        text = read_bytes(str(path)).decode("utf-8")  # a regular file only: a FIFO never blocks the run
    except InputError as exc:
        raise ConfigError(f"cannot read configuration: {exc.message}", shown) from None
    except UnicodeDecodeError:
        raise ConfigError("configuration is not valid UTF-8", shown) from None
    if path.suffix == ".toml":
        return _read_toml(text, shown, path.name == "pyproject.toml")
    import yaml

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
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = re.search(r"\s*\(at line (\d+), column (\d+)\)", message)
        line = None
        if m:
            line = int(m.group(1))
            message = f"{message[:m.start()]}{message[m.end():]} (column {m.group(2)})"
        elif "end of document" in message:
            line = max(1, len(text.splitlines()))
        raise ConfigError(f"invalid TOML: {message}", shown, line) from None
    prefix: tuple[Any, ...] = ()
    if pyproject:
        data = data.get("tool", {}).get("mhlint", {})
        prefix = ("tool", "mhlint")
    if not isinstance(data, dict):
        raise ConfigError("[tool.mhlint] must be a table", shown)
    return _mark_toml(data, _TomlLines(text).lines, prefix, 0)


def _mark_toml(data: Any, lines: dict[tuple[Any, ...], int], path: tuple[Any, ...], fallback: int) -> Any:
    """tomllib keeps no positions: give each table, key and array item the line
    the scanner found for it (a table header, a ``key =`` line, an inline
    table's key), so messages can still name a line."""
    if isinstance(data, list):
        out_list = LList(_mark_toml(v, lines, (*path, i), lines.get(path, fallback)) for i, v in enumerate(data))
        out_list.line = lines.get(path, fallback)
        out_list.item_lines = [lines.get((*path, i), out_list.line) for i in range(len(data))]
        return out_list
    if not isinstance(data, dict):
        return data
    out = LDict()
    out.line = lines.get(path, fallback)
    out.key_lines = {}
    for key, value in data.items():
        line = lines.get((*path, key), out.line)
        out[key] = _mark_toml(value, lines, (*path, key), line)
        out.key_lines[str(key)] = line
    return out


class _TomlLines:
    """The line of every key path in a TOML text: table headers (``[a.b]``,
    ``[[a]]``), dotted keys, keys of inline tables and items of arrays (an
    array of tables' entries and array items get their index in the path).

    The text has already been parsed by tomllib, so the scanner can be
    lenient; should it slip on some corner of the syntax, what it has found
    so far is kept and the rest of the keys fall back to their table's line.
    """

    _BARE = re.compile(r"[A-Za-z0-9_-]+")
    _SCALAR = re.compile(r"[^,\]}\r\n#]*")

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.lines: dict[tuple[Any, ...], int] = {}
        self._arrays: dict[tuple[Any, ...], int] = {}
        try:
            self._document()
        except (IndexError, ValueError):
            pass

    # -- characters
    def _peek(self, n: int = 1) -> str:
        return self.text[self.pos:self.pos + n]

    def _advance(self, n: int = 1) -> None:
        chunk = self.text[self.pos:self.pos + n]
        self.line += chunk.count("\n")
        self.pos += len(chunk)

    def _skip(self, newlines: bool) -> None:
        while self.pos < len(self.text):
            c = self.text[self.pos]
            if c in " \t" or (newlines and c in "\r\n"):
                self._advance()
            elif c == "#":
                end = self.text.find("\n", self.pos)
                self._advance((len(self.text) if end < 0 else end) - self.pos)
            else:
                return

    def _expect(self, token: str) -> None:
        if self._peek(len(token)) != token:
            raise ValueError(f"expected {token!r} at line {self.line}")
        self._advance(len(token))

    # -- syntax
    def _document(self) -> None:
        prefix: tuple[Any, ...] = ()
        while True:
            self._skip(newlines=True)
            if self.pos >= len(self.text):
                return
            line = self.line
            if self._peek(2) == "[[":
                self._advance(2)
                *parent, last = self._key()
                table = (*self._resolve(parent), last)
                self._skip(False)
                self._expect("]]")
                self._note(table, line)
                index = self._arrays.get(table, -1) + 1
                self._arrays[table] = index
                prefix = (*table, index)
                self.lines[prefix] = line
            elif self._peek() == "[":
                self._advance()
                prefix = self._resolve(self._key())
                self._skip(False)
                self._expect("]")
                self._note(prefix, line)
                self.lines[prefix] = line
            else:
                self._keyval(prefix)

    def _resolve(self, keys: list[str]) -> tuple[Any, ...]:
        """A header's path, with the index of the latest entry of each array
        of tables it goes through (``[arr.sub]`` after ``[[arr]]``)."""
        path: tuple[Any, ...] = ()
        for key in keys:
            path = (*path, key)
            if path in self._arrays:
                path = (*path, self._arrays[path])
        return path

    def _note(self, path: tuple[Any, ...], line: int) -> None:
        """``path`` and each table above it, where not seen before."""
        for i in range(1, len(path) + 1):
            self.lines.setdefault(path[:i], line)

    def _key(self) -> list[str]:
        parts = []
        while True:
            self._skip(False)
            c = self._peek()
            if c and c in "\"'":
                parts.append(self._string())
            else:
                m = self._BARE.match(self.text, self.pos)
                if not m:
                    raise ValueError(f"expected a key at line {self.line}")
                parts.append(m.group())
                self._advance(m.end() - self.pos)
            self._skip(False)
            if self._peek() != ".":
                return parts
            self._advance()

    def _keyval(self, prefix: tuple[Any, ...]) -> None:
        line = self.line
        path = (*prefix, *self._key())
        self._note(path, line)
        self._skip(False)
        self._expect("=")
        self._skip(False)
        self._value(path)

    def _value(self, path: tuple[Any, ...]) -> None:
        c = self._peek()
        if c == "{":
            self._advance()
            while True:
                self._skip(False)
                if self._peek() == "}":
                    self._advance()
                    return
                self._keyval(path)
                self._skip(False)
                if self._peek() == ",":
                    self._advance()
        elif c == "[":
            self._advance()
            index = 0
            while True:
                self._skip(newlines=True)
                if self._peek() == "]":
                    self._advance()
                    return
                self.lines.setdefault((*path, index), self.line)
                self._value((*path, index))
                index += 1
                self._skip(newlines=True)
                if self._peek() == ",":
                    self._advance()
        elif c and c in "\"'":
            self._string()
        else:
            m = self._SCALAR.match(self.text, self.pos)
            if not m or m.end() == self.pos:
                raise ValueError(f"expected a value at line {self.line}")
            self._advance(m.end() - self.pos)

    def _string(self) -> str:
        """Skip one string (basic, literal, either multi-line); its text, for keys."""
        quote = self._peek()
        if self._peek(3) == quote * 3:
            self._advance(3)
            start = self.pos
            while True:
                if quote == '"' and self._peek() == "\\":
                    self._advance(2)
                elif self._peek(3) == quote * 3:
                    while self._peek(4) == quote * 4:  # up to two quotes may end the content
                        self._advance()
                    text = self.text[start:self.pos]
                    self._advance(3)
                    return text
                elif self.pos >= len(self.text):
                    raise ValueError("unterminated string")
                else:
                    self._advance()
        self._advance()
        start = self.pos
        while True:
            c = self._peek()
            if not c or c == "\n":
                raise ValueError("unterminated string")
            if quote == '"' and c == "\\":
                self._advance(2)
            elif c == quote:
                raw = self.text[start:self.pos]
                self._advance()
                if quote == '"' and "\\" in raw:
                    import tomllib

                    try:
                        return tomllib.loads(f"k = {quote}{raw}{quote}")["k"]
                    except tomllib.TOMLDecodeError:
                        return raw
                return raw
            else:
                self._advance()


def apply(settings: Settings, data: LDict, path: Path) -> Settings:
    """Settings with every key of one configuration file applied and validated."""
    shown = display(path)
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
        folders = tuple(str((path.parent / p).resolve()) for p in _strings(value, at, key))
        missing = [f for f, given in zip(folders, _strings(value, at, key)) if not Path(f).is_dir()]
        if missing:
            raise at.error(f"'{key}': no such folder: {missing[0]} (relative paths start at the configuration file's folder)")
        return folders
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
        # The walk asks for every file's settings more than once, and for
        # thousands of files in the same folders: the answer for a path as
        # given, and each folder as given resolved once.
        self._by_path: dict[Path, Path | None] = {}
        self._resolved: dict[Path, Path] = {}

    def config_for(self, path: Path) -> Path | None:
        if self.isolated:
            return None
        if self.fixed is not None:
            return self.fixed
        if path in self._by_path:
            return self._by_path[path]
        given = path if path.is_dir() else path.parent
        folder = self._resolved.get(given)
        if folder is None:
            folder = self._resolved[given] = given.resolve()
        if folder not in self._by_dir:
            self._by_dir[folder] = find(folder)
        self._by_path[path] = self._by_dir[folder]
        return self._by_dir[folder]

    def settings_for(self, path: Path) -> Settings:
        return self.settings_of(self.config_for(path))

    def settings_of(self, config: Path | None) -> Settings:
        if config not in self._by_file:
            settings = self.base
            if config is not None:
                settings = apply(settings, read(config), config)
            if self.overrides:
                settings = _override(settings, self.overrides)
            self._by_file[config] = settings
        return self._by_file[config]


# Lists that add to what the configuration file said rather than replace it.
EXTENDING = ("extend_select", "extend_ignore", "extend_exclude")
CLI_ORIGIN = "command line"


def _override(settings: Settings, overrides: dict[str, Any]) -> Settings:
    """``settings`` with the command line's values: each replaces the file's,
    except the ``extend-*`` lists, which add to the file's lists (the origin
    then names both: ``FILE:LINE + command line``)."""
    plain = {k: v for k, v in overrides.items() if k not in EXTENDING or not getattr(settings, k)}
    settings = settings.with_values(CLI_ORIGIN, **plain)
    for name in EXTENDING:
        if name in overrides and name not in plain:
            merged = tuple(dict.fromkeys((*getattr(settings, name), *overrides[name])))
            settings = settings.with_values(f"{settings.origin(name)} + {CLI_ORIGIN}", **{name: merged})
    return settings


def config_key(field_name: str) -> str:
    """The configuration-file spelling of a Settings field (``readability.target-grade``)."""
    for key, (_, name) in _TOP.items():
        if name == field_name:
            return key
    for section, keys in _SECTIONS.items():
        for key, (_, name) in keys.items():
            if name == field_name:
                return f"{section}.{key}"
    return field_name.replace("_", "-")
