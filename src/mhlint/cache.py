"""The result cache: findings of files that have not changed, without parsing.

Like ruff's: ``.mhlint_cache/`` in the working folder (``--cache-dir`` to
move it, ``--no-cache`` to bypass it, ``mhlint clean`` to delete it), holding
one small JSON file per entry, keyed by a digest of the file's bytes, its path
(per-file ignores and messages depend on it), mhlint's version and the rule
set's fingerprint (rules, options, settings). A cache that is missing,
corrupt, truncated or unwritable is a warning at most, never a failure:
linting simply goes on without it. Entries are written atomically
(temporary file, then rename), so two runs sharing a cache never see half
an entry.

A cached re-run should cost what reading the answers costs, so it loads no
rules either: the fingerprint of the rule set that a Settings value gives is
remembered too (``rulesets/``, keyed by the settings, mhlint's version and a
digest of every rule file that could be part of it), and the RuleSet is only
built when some file is not in the cache. Entries hold each diagnostic's
values in field order and each source line once, which makes them quick to
read back.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any, Sequence

from mhlint import __version__
from mhlint.diagnostic import Applicability, Diagnostic, Edit, Fix, Severity
from mhlint.output.fixer import write_atomic

DEFAULT_DIR = ".mhlint_cache"
FORMAT = 2  # bump when the entry layout changes
RULESETS = "rulesets"  # fingerprints of rule sets, by settings
LITERALS = "literals"  # what each regex's matches must contain (``checks.literals``), by pattern digest
DERIVED = "derived"  # data derived from installed files (``mhlint.derived``), by kind and key
_DERIVED_NAME = re.compile(r"[a-z0-9-]{1,40}")
_FINGERPRINT = re.compile(r"[0-9a-f]{8,64}")
# The fields an entry holds, in order: the Diagnostic fields that ``to_json`` writes.
_FIELDS = tuple(f.name for f in dataclasses.fields(Diagnostic) if f.name not in ("fix", "source_lines", "tags"))
_SEVERITY_AT = _FIELDS.index("severity")
_LINE_AT = _FIELDS.index("line")
_SEVERITY = {s.value: s for s in Severity}
_APPLICABILITY = {a.value: a for a in Applicability}
# Building a Diagnostic by filling its __dict__ skips the frozen dataclass's
# __init__ (most of the time of reading an entry); possible as long as it has one.
_FAST = not hasattr(Diagnostic, "__slots__") and not hasattr(Diagnostic, "__post_init__")


class Cache:
    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self._folder = os.fspath(self.folder)
        self.warning: str | None = None  # the first problem met, reported once by the run
        self.hits = 0
        self._ready = False
        self._broken = False

    def _key(self, path: str, data: bytes, fingerprint: str) -> str:
        h = hashlib.sha256()
        for part in (str(FORMAT), __version__, fingerprint, os.path.normpath(path)):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _entry(self, key: str) -> str:
        # A string path, not pathlib: a cached run asks for a thousand of them.
        return os.path.join(self._folder, key[:2], f"{key[2:]}.json")

    def _warn(self, message: str) -> None:
        if self.warning is None:
            self.warning = message

    def get(self, path: str, data: bytes, ruleset: Any) -> list[Diagnostic] | None:
        """The diagnostics stored for this file's bytes under ``ruleset`` (any
        object with the rule set's ``fingerprint``), or None."""
        if self._broken:
            return None
        entry = self._entry(self._key(path, data, ruleset.fingerprint))
        try:  # bytes: json.loads decodes UTF-8 itself
            with open(entry, "rb") as handle:
                raw = handle.read()
        except FileNotFoundError:
            return None
        except OSError as exc:
            self._warn(f"cannot read the cache ({exc.strerror or exc}); linting without it")
            return None
        try:
            diags = _decode(json.loads(raw))
        except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
            self._warn(f"ignored a corrupt cache entry ({type(exc).__name__}); it will be rewritten")
            return None
        self.hits += 1
        return diags

    def _prepare(self) -> bool:
        if self._ready or self._broken:
            return self._ready
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by mhlint: the result cache, safe to delete.\n*\n", encoding="utf-8")
            self._ready = True
        except OSError as exc:
            self._broken = True
            self._warn(f"cannot write the cache in {self.folder} ({exc.strerror or exc}); linting without it")
        return self._ready

    def _write(self, entry: str | Path, payload: str) -> None:
        try:
            os.makedirs(os.path.dirname(entry), exist_ok=True)
            write_atomic(entry, payload.encode("utf-8", "surrogatepass"), durable=False)
        except OSError as exc:
            self._broken = True
            self._warn(f"cannot write the cache in {self.folder} ({exc.strerror or exc}); linting without it")

    def put(self, path: str, data: bytes, ruleset: Any, diagnostics: list[Diagnostic]) -> None:
        if not self._prepare():
            return
        self._write(self._entry(self._key(path, data, ruleset.fingerprint)),
                    json.dumps(_encode(diagnostics), ensure_ascii=False, separators=(",", ":")))

    # -- rule-set fingerprints, so that a cached run loads no rules
    def _ruleset_entry(self, settings: Any) -> Path:
        return self.folder / RULESETS / settings_digest(settings)

    def fingerprint(self, settings: Any) -> str | None:
        """The fingerprint of the rule set ``settings`` gave when their rule
        files were as they are now, if a run has recorded it."""
        if self._broken:
            return None
        try:
            text = self._ruleset_entry(settings).read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return text if _FINGERPRINT.fullmatch(text) else None

    def remember(self, settings: Any, fingerprint: str) -> None:
        if not self._prepare() or not _FINGERPRINT.fullmatch(fingerprint):
            return
        entry = self._ruleset_entry(settings)
        try:
            if entry.read_text(encoding="ascii").strip() == fingerprint:
                return
        except (OSError, UnicodeDecodeError):
            pass
        self._write(entry, fingerprint + "\n")

    # -- the literals of regexes, so that a run need not parse every regex again
    def _literals_entry(self) -> Path:
        import sys

        from mhlint.checks.literals import VERSION

        python = f"{sys.version_info[0]}.{sys.version_info[1]}"
        return self.folder / LITERALS / f"{VERSION}-{python}-{__version__}.json"

    def load_literals(self) -> None:
        """Give ``checks.literals`` the index an earlier run saved, if any.
        Reading a regex's literals is a parse of it (0.3 s for the bundled
        rules); a missing or corrupt index costs that parse, nothing else."""
        if self._broken:
            return
        from mhlint.checks import literals

        try:
            stored = json.loads(self._literals_entry().read_text(encoding="utf-8"))
            index = {}
            for key, need in stored.items():
                if need is not None and not (isinstance(need, list) and need and all(isinstance(s, str) and s for s in need)):
                    raise ValueError("not a list of literals")
                index[str(key)] = None if need is None else frozenset(need)
        except FileNotFoundError:
            return
        except OSError as exc:
            self._warn(f"cannot read the cache ({exc.strerror or exc}); linting without it")
            return
        except (ValueError, AttributeError) as exc:  # UnicodeDecodeError is a ValueError
            self._warn(f"ignored a corrupt cache entry ({type(exc).__name__}); it will be rewritten")
            return
        literals.adopt(index)

    def save_literals(self) -> None:
        """Save the index, if this run read literals it did not hold."""
        from mhlint.checks import literals

        if not literals.learned() or not self._prepare():
            return
        index = {key: None if need is None else sorted(need) for key, need in literals.known().items()}
        self._write(self._literals_entry(), json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True))

    # -- the compiled code of regexes (``checks.regex_code``)
    def _regex_code_key(self) -> str:
        from mhlint.checks.regex_code import table_key

        return hashlib.blake2b(f"{table_key()}\0{__version__}".encode(), digest_size=16).hexdigest()

    def load_regex_code(self) -> None:
        """Give ``checks.regex_code`` the table an earlier run saved, if any
        (one entry of the derived data, read before any worker starts)."""
        from mhlint import derived
        from mhlint.checks import regex_code

        if not regex_code.usable():
            return
        text = self.load_derived("regex-code", self._regex_code_key())
        if text is None:
            return
        payload = derived.unseal(text)
        try:
            adopted = payload is not None and regex_code.adopt(json.loads(payload))
        except (ValueError, RecursionError):
            adopted = False
        if not adopted:
            self.corrupt("compiled regexes")

    def save_regex_code(self) -> None:
        """Save the table, if this run compiled regexes it did not hold."""
        from mhlint import derived
        from mhlint.checks import regex_code

        if regex_code.learned():
            self.save_derived("regex-code", self._regex_code_key(), derived.seal(json.dumps(
                regex_code.known(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)))

    # -- data derived from installed files (``mhlint.derived``)
    def load_derived(self, kind: str, key: str) -> str | None:
        if self._broken or not (_DERIVED_NAME.fullmatch(kind) and _DERIVED_NAME.fullmatch(key)):
            return None
        try:
            return (self.folder / DERIVED / kind / f"{key}.json").read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            self._warn(f"cannot read the cache ({exc.strerror or exc}); linting without it")
        except UnicodeDecodeError:
            self.corrupt(f"a derived-data entry ({kind})")
        return None

    def save_derived(self, kind: str, key: str, text: str) -> None:
        if not (_DERIVED_NAME.fullmatch(kind) and _DERIVED_NAME.fullmatch(key)) or not self._prepare():
            return
        self._write(self.folder / DERIVED / kind / f"{key}.json", text)

    def corrupt(self, what: str) -> None:
        self._warn(f"ignored a corrupt cache entry ({what}); it will be rewritten")


class Known:
    """A rule set known only by its fingerprint (from ``Cache.fingerprint``):
    enough to look files up in the cache."""

    def __init__(self, fingerprint: str) -> None:
        self.fingerprint = fingerprint


def settings_digest(settings: Any) -> str:
    """A digest of everything a rule set is built from: mhlint's version, the
    settings (all of them, whatever rules may read), the working folder (it
    shows in house rules' paths), and the name and bytes of every rule file
    in the bundled folder and the house-rule folders, read as the rule set
    reads them (``ruleset._stamp``: a FIFO or unreadable file counts as
    absent, it is never opened to block)."""
    from mhlint.catalog.resources import rules_dir
    from mhlint.catalog.ruleset import _stamp

    h = hashlib.sha256()
    fields = {f.name: getattr(settings, f.name) for f in dataclasses.fields(settings) if f.name != "origins"}
    folders = (str(rules_dir()), *getattr(settings, "rule_dirs", ()))
    for part in (str(FORMAT), __version__, repr(sorted(fields.items())), str(Path.cwd()), repr(folders)):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    for path, digest in _stamp(folders):
        h.update(path.encode("utf-8", "surrogatepass") + b"\0" + digest)
    return h.hexdigest()


def _encode(diagnostics: Sequence[Diagnostic]) -> dict[str, Any]:
    """An entry: the fields' names, each diagnostic's values, its fix, its
    tags and its source lines, as a count of lines from its own ``line`` in a
    table of the file's lines that holds each line once."""
    table: dict[int, str] = {}
    rows = []
    verbatim = False  # two diagnostics that disagree about a line: keep every diagnostic's own lines
    for d in diagnostics:
        values = [getattr(d, name) for name in _FIELDS]
        values[_SEVERITY_AT] = d.severity.value
        fix = None
        if d.fix is not None:
            fix = [d.fix.applicability.value, d.fix.title, [[e.start, e.end, e.replacement] for e in d.fix.edits]]
        for i, text in enumerate(d.source_lines):
            if table.setdefault(d.line + i, text) != text:
                verbatim = True
        rows.append([values, fix, len(d.source_lines), list(d.tags)])
    first = min(table, default=0)
    lines = [table.get(n, "") for n in range(first, max(table, default=-1) + 1)]
    if verbatim:
        for row, d in zip(rows, diagnostics):
            row[2] = list(d.source_lines)
        first, lines = 0, []
    return {"format": FORMAT, "fields": list(_FIELDS), "first_line": first, "lines": lines, "diagnostics": rows}


def _decode(stored: dict[str, Any]) -> list[Diagnostic]:
    if stored["format"] != FORMAT or tuple(stored["fields"]) != _FIELDS:
        raise ValueError("an entry of another layout")
    lines, base = stored["lines"], stored["first_line"]
    n_fields, sev, line_at, fields_of = len(_FIELDS), _SEVERITY_AT, _LINE_AT, _FIELDS
    advice: dict[tuple[str, str], Fix] = {}  # fixes without edits, shared (they are immutable)
    out = []
    new, setattr_ = object.__new__, object.__setattr__
    for values, fix, source, tags in stored["diagnostics"]:
        if len(values) != n_fields:
            raise ValueError("a diagnostic with missing fields")
        fields = dict(zip(fields_of, values))
        fields["severity"] = _SEVERITY[values[sev]]
        if fix is not None:
            applicability, title, edits = fix
            if edits:
                fix = Fix(_APPLICABILITY[applicability], title, tuple(Edit(a, b, c) for a, b, c in edits))
            else:
                key = (applicability, title)
                fix = advice.get(key) or advice.setdefault(key, Fix(_APPLICABILITY[applicability], title, ()))
        fields["fix"] = fix
        if type(source) is int:
            at = values[line_at] - base
            if at < 0 or at + source > len(lines):
                raise IndexError("a source line outside the entry's table")
            fields["source_lines"] = tuple(lines[at:at + source])
        else:
            fields["source_lines"] = tuple(source)
        fields["tags"] = tuple(tags)
        if _FAST:
            d = new(Diagnostic)
            setattr_(d, "__dict__", fields)
        else:  # pragma: no cover - a Diagnostic with slots or checks of its own
            d = Diagnostic(**fields)
        out.append(d)
    return out


def clean(folder: str | os.PathLike[str]) -> bool:
    """Delete the cache folder; True if there was one."""
    path = Path(folder)
    if not path.exists():
        return False
    import shutil

    shutil.rmtree(path)
    return True
