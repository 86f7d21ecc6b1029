"""User-facing errors. Each carries the file (and line) it is about, so the CLI
can print one clear line and exit 2 instead of a traceback."""

from __future__ import annotations


class MhlintError(Exception):
    """Base for every error shown to a user as ``path:line: message``."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + self.message


class RuleError(MhlintError):
    """A rule file is malformed: bad YAML, unknown key, bad regex, failing schema."""


class ConfigError(MhlintError):
    """A configuration file is malformed: bad syntax, unknown key, bad value."""


class InputError(MhlintError):
    """An input file cannot be read or decoded. ``kind`` says why (read,
    decode, binary), for the structured errors every output format carries."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None, kind: str = "read") -> None:
        super().__init__(message, path, line)
        self.kind = kind


class UsageError(MhlintError):
    """A command-line value is invalid (unknown selector, missing path)."""
