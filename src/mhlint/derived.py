"""Data derived from files mhlint reads but does not own, kept between runs.

Some of a cold start is spent deriving the same thing from the same installed
files on every run: the index of the pronouncing dictionary that the reading
grade counts syllables with, the parsed hyphenation patterns it falls back
on, and the compiled form of the bundled regexes. A run with a cache keeps
what it derived in the cache folder (``derived/``), keyed by the files it
came from (path, size, modification time) and by the versions of mhlint and
Python, and the next process reads it back instead.

The store is reached through this module because the checks that need it
run deep in the engine, in this process or a worker, and know nothing of the
cache: the run's :class:`mhlint.cache.Cache` is attached for the length of a
run (``attached``), and nothing is attached otherwise (``lint_text``,
``--no-cache``), when every value is derived afresh. A stored value is the
value itself, never a different one: each user checks what it reads back and
derives afresh if anything is off, and every entry carries a checksum of its
text, so a truncated or altered entry is ignored (with the cache's one
warning) and rewritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import zlib
from typing import Any, Callable, Iterator, Protocol, TypeVar

from mhlint import __version__

T = TypeVar("T")


class Store(Protocol):
    def load_derived(self, kind: str, key: str) -> str | None: ...
    def save_derived(self, kind: str, key: str, text: str) -> None: ...
    def corrupt(self, what: str) -> None: ...  # report a damaged entry (once a run)


_store: Store | None = None


@contextlib.contextmanager
def attached(store: Store | None) -> Iterator[None]:
    """Use ``store`` for derived data while the block runs."""
    global _store
    previous, _store = _store, store
    try:
        yield
    finally:
        _store = previous


def file_key(*paths: str, version: int) -> str | None:
    """A key for data derived from these files by derivation ``version``:
    None if one of them is not a plain file (nothing is stored then)."""
    h = hashlib.sha256(f"{version}\0{__version__}\0{sys.version}\0{sys.byteorder}\0".encode())
    for path in paths:
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            return None
        h.update(f"{os.path.abspath(path)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:32]


def package_file(package: str, *parts: str) -> str | None:
    """The path of a data file inside an installed package, if it is a plain
    file, found without importing the package (``importlib.util.find_spec``
    of a top-level package does not run it)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    for folder in (spec.submodule_search_locations or ()) if spec is not None else ():
        path = os.path.join(folder, *parts)
        if os.path.isfile(path):
            return path
    return None


def _check(payload: str) -> str:
    # A check against damage (a truncated or altered entry), not against
    # tampering: CRC-32 reads a megabyte in about a millisecond.
    data = payload.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(data):08x} {len(data)}"


def seal(payload: str) -> str:
    return _check(payload) + "\n" + payload


def unseal(text: str) -> str | None:
    check, newline, payload = text.partition("\n")
    if not newline or _check(payload) != check:
        return None
    return payload


def get(kind: str, key: str | None, make: Callable[[], T], encode: Callable[[T], Any],
        decode: Callable[[Any], T | None]) -> T:
    """The value ``make()`` gives, read back from the store if it holds it.

    ``encode`` turns a value into JSON data (None: this value is not stored),
    ``decode`` turns stored data back into the value, or None if the data
    is not what it expects (then the value is made again and stored)."""
    store = _store
    if store is None or key is None:
        return make()
    text = store.load_derived(kind, key)
    if text is not None:
        payload = unseal(text)
        value = None
        if payload is not None:
            try:
                value = decode(json.loads(payload))
            except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, RecursionError):
                value = None
        if value is not None:
            return value
        store.corrupt(f"a derived-data entry ({kind})")
    value = make()
    data = encode(value)
    if data is not None:
        store.save_derived(kind, key, seal(json.dumps(data, ensure_ascii=False, separators=(",", ":"))))
    return value
