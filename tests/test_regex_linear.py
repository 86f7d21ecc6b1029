"""Every bundled regex runs in (near) linear time on adversarial lines.

Scraped pages hold strange lines: a menu of forty items separated by bars, a
16 KB run of capitals, a row of dashes, a paragraph of a thousand words with
no full stop. A regex with nested or overlapping quantifiers backtracks
exponentially on a short such line, or quadratically on a long one, and one
bad line then stalls a whole run. This test collects every compiled regex of
every bundled rule (its ``check.config``), the shared patterns of
``rules/patterns.yaml`` and the module-level regexes of ``mhlint.checks``,
and times each on families of adversarial lines:

- short lines (100 and 130 characters): each call must finish within
  ``SHORT_FLOOR + SHORT_FACTOR * baseline``, ``baseline`` being a trivially
  linear regex over the same line (exponential backtracking shows up already
  at this length);
- long lines: from 1,250 to 5,000 characters (and 5,000 to 20,000 for the
  patterns known to be at risk, on the lines they spend time on, and
  wherever the first ratio is above ``GREY``), four times the length must
  not cost more than ``GROWTH`` times the time. Linear is 4x, quadratic 16x;
  the threshold sits between them with room for noise (per doubling it is
  ~2.8x, against 2x and 4x).

Each regex is called the way its check calls it: ``search`` always, and also
``fullmatch`` for whole-line patterns, ``finditer`` for claims, ``sub`` for
``trimmed``. Times are CPU times of this thread (a shared machine's other
processes do not count), the minimum of a few runs, repeated only when a
first run looks bad; a CPU-time alarm stops a runaway call. Lines are built
from units in seeded random order, so they are the same on every run but the
CPU cannot learn a short cycle.
"""

from __future__ import annotations

import functools
import importlib
import itertools
import pkgutil
import random
import re
import signal
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import pytest

import mhlint.checks
from conftest import compiled_patterns
from mhlint.catalog.loader import load_macros
from mhlint.catalog.resources import rules_dir
from mhlint.catalog.ruleset import build
from mhlint.checks.params import Context
from mhlint.settings.model import Settings

SHORT_FLOOR = 0.05  # seconds
SHORT_FACTOR = 200
SHORTS = (100, 130)  # characters
LONG = 1_250  # characters: measured at LONG and 4 * LONG
GROWTH = 8.0  # allowed time ratio for four times the length
LONG_FLOOR = 0.003  # seconds: faster than this at 4 * LONG, noise dominates: pass
GREY = 5.0  # a ratio above this (yet within GROWTH) is measured again from 4 * LONG to 16 * LONG
SUSPECT_FLOOR = 0.0005  # seconds at 4 * LONG: a pattern at risk doing this much work is measured again too
REPEATS = 5
HARD_CAP = 2.0  # seconds of CPU time: a call taking longer is stopped and fails

# How the checks call each regex parameter, besides ``search`` (always timed).
# (check type, parameter) -> extra methods; whole-line patterns are fullmatched.
_CALLS = {
    ("widget-region", "start"): ("fullmatch",),
    ("widget-region", "stop"): ("fullmatch",),
    ("glued-run", "allow"): ("fullmatch",),
    ("claim-source", "claims"): ("finditer",),
    ("claim-source", "exclude"): ("finditer",),
}

# Patterns known to be at risk of quadratic time on long lines: measured at
# 5,000 and 20,000 characters as well. (rule code or file, parameter name)
_SUSPECTS = {
    ("lines", "_EDGE"),
    ("BP005", "patterns"),
    ("BP019", "patterns"),
    ("BP013", "glue"),
    ("BP011", "patterns"),
    ("patterns.yaml", "named_source"),
    ("patterns.yaml", "citation"),
    ("patterns.yaml", "name"),
}


@dataclass
class Target:
    pattern: re.Pattern[str]
    labels: list[str] = field(default_factory=list)
    methods: set[str] = field(default_factory=lambda: {"search"})
    suspect: bool = False

    @property
    def label(self) -> str:
        """The first place the regex is used, and a few of the others."""
        if len(self.labels) == 1:
            return self.labels[0]
        more = ", ..." if len(self.labels) > 4 else ""
        return f"{self.labels[0]} (also {', '.join(self.labels[1:4])}{more})"


def _collect() -> list[Target]:
    targets: dict[tuple[str, int], Target] = {}

    def add(label: str, pattern: re.Pattern[str], methods: tuple[str, ...], suspect: bool) -> None:
        t = targets.setdefault((pattern.pattern, pattern.flags), Target(pattern))
        t.labels.append(label)
        t.methods.update(methods)
        t.suspect = t.suspect or suspect

    rs = build(Settings())
    for rule in rs.catalog:
        config = rule.check.config
        for key, value in config.items():
            methods = _CALLS.get((rule.check_type, key), ())
            if rule.check_type == "line-pattern" and key == "patterns" and config.get("whole_line"):
                methods = ("fullmatch",)
            for path, pattern in compiled_patterns(value, key):
                add(f"{rule.code}.{path}", pattern, methods, (rule.code, key) in _SUSPECTS)
    macros = load_macros(rules_dir())
    ctx = Context("patterns.yaml", macros)
    for name, text in macros.items():  # compiled as rules compile them (case-insensitive)
        pattern = re.compile(ctx.expand(text), re.IGNORECASE)
        add(f"patterns.yaml:{name}", pattern, (), ("patterns.yaml", name) in _SUSPECTS)
    for info in sorted(pkgutil.iter_modules(mhlint.checks.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"mhlint.checks.{info.name}")
        for name, value in sorted(vars(module).items()):
            if isinstance(value, re.Pattern):
                add(f"mhlint.checks.{info.name}.{name}", value, ("sub",) if name == "_EDGE" else (),
                    (info.name, name) in _SUSPECTS)
    return list(targets.values())


# --- adversarial lines -------------------------------------------------------

NAV = ["Home", "About us", "Blog", "Shop", "Contact", "Search", "Menu", "Donate", "Sign in", "Podcasts"]
SHORT_WORDS = ["Home", "FAQ", "Blog", "Me", "Shop", "Art", "Tips", "Us", "a"]
PLAIN = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do"]
MODIFIERS = ["the", "our", "their", "all", "surveyed", "american", "british", "young", "older", "new",
             "adult", "female", "male"]
LANGUAGES = ["English", "Español", "Français", "Deutsch", "Italiano", "Português", "Nederlands", "Polski",
             "Svenska", "Cymraeg", "Gaeilge", "Română", "Magyar", "Türkçe", "Bahasa Melayu", "Tiếng Việt"]
LOCALES = ["en_US", "EN", "fr_FR", "FR", "de-DE", "DE", "es_ES", "ES", "it_IT", "IT", "pt_BR", "PT"]
LOCALE_PAIRS = ["en_US", "fr_FR", "de-DE", "es_ES", "en_GBEN", "pt_BR PT", "it_IT"]
CODES = ["EN", "FR", "DE", "ES", "IT", "PT", "NL", "PL", "SV", "DA", "NO", "FI"]
CAPS = ["Aaaa", "Bbbb", "Royal", "College", "Of", "Mental", "Health", "The", "Journal", "University",
        "National", "Survey", "And", "Institute", "Smith", "Et"]
MIXED = ["Home", "›", "12%", "of", "the", "Royal", "College", "(2020)", "sign", "up", "—", "read", "more", "...",
         "English", "|", "EN", "en_US", "by", "Smith,", "doi", "5", "min", "read", "January", "10,", "2025"]


def _run(units: list[str], sep: str, n: int, seed: str) -> str:
    """Units picked at random (seeded, so a longer line extends a shorter one)
    and joined by ``sep`` up to about ``n`` characters. Random rather than
    cyclic, so the CPU cannot learn the line and skew the timing."""
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < n:
        unit = rng.choice(units)
        out.append(unit)
        size += len(unit) + len(sep)
    return sep.join(out)


def _chars(alphabet: str, n: int) -> str:
    return _run(list(alphabet), "", n, alphabet)


FAMILIES: dict[str, Callable[[int], str]] = {}
for _name, _units in (("nav", NAV), ("short", SHORT_WORDS), ("plain", PLAIN), ("modifiers", MODIFIERS)):
    for _sep_name, _sep in (("space", " "), ("gap", "   "), ("gt", " > "), ("bar", " | "), ("dot", " · "),
                            ("comma", ", ")):
        FAMILIES[f"{_name}-{_sep_name}"] = (lambda n, u=_units, s=_sep, k=f"{_name}-{_sep_name}": _run(u, s, n, k))
for _name, _units in (("languages", LANGUAGES), ("locales", LOCALES), ("locale-pairs", LOCALE_PAIRS),
                      ("codes", CODES)):
    for _sep_name, _sep in (("space", " "), ("gap", "  "), ("bar", " | "), ("slash", " / "), ("glued", "")):
        FAMILIES[f"{_name}-{_sep_name}"] = (lambda n, u=_units, s=_sep, k=f"{_name}-{_sep_name}": _run(u, s, n, k))
FAMILIES.update({
    "caps-words": lambda n: _run(CAPS, " ", n, "caps"),
    "caps-words-upper": lambda n: _run(["WHO", "NHS", "AAAA", "BBBB", "CDC", "NIMH"], " ", n, "upper"),
    "caps-run": lambda n: _chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", n),
    "camel": lambda n: _chars("aBcDeFgHiJ", n),
    "digits": lambda n: _chars("1234567890", n),
    "number-list": lambda n: _run(["1", "23", "456", "7.5", "8,900"], ",", n, "number-list"),
    "percent": lambda n: _run(["12%", "3.5%", "40 percent", "1 in 5", "2,000", "10", "%"], " ", n, "percent"),
    "dates": lambda n: _run(["January 10, 2025", "2024-03-09", "5 min read", "1,204 views", "12:30 pm"], " ", n,
                            "dates"),
    "punct": lambda n: _chars(".,;:!?-_*#()[]'\"…»›→/|·•", n),
    "dashes": lambda n: "-" * n,
    "spaces": lambda n: " " * n,
    "spaced-punct": lambda n: _chars(" .-,!", n),
    "word": lambda n: _chars("abcdefghij", n),
    "mixed": lambda n: _run(MIXED, " ", n, "mixed"),
})

# Prefixes and suffixes make a search fail late: a letter glued on, a trailing
# full stop or question mark, a last item too long to be a menu label, trigger
# words in front (a menu label, a sign-up prompt, a proportion).
TRIGGER = "Home | sign up · half of "
VARIANTS = [("", ""), ("", "."), ("", "q" * 35), ("x", "x9"), ("5 ", "x"), (TRIGGER, " ?")]
# A long line also gets 30 words in front (a paragraph that runs on) with a
# sign-up prompt right before the run.
WORDY = " ".join(PLAIN * 3) + " sign up"
LONG_VARIANTS = [("", ""), ("x", "x9."), ("5 ", "x"), (TRIGGER, "q" * 40), (WORDY, "x")]
# Long runs: what a quadratic search is slow on (a run of one character class,
# a run of words the search scans ahead over). Fewer than for short lines,
# to keep the test fast.
LONG_FAMILIES = ["nav-bar", "short-gt", "modifiers-gap", "languages-space", "codes-glued",
                 "caps-words", "caps-run", "camel", "digits", "number-list", "dates", "punct", "dashes", "spaces",
                 "spaced-punct", "word", "mixed"]


@functools.lru_cache(maxsize=None)
def _line(family: str, n: int, variant: tuple[str, str]) -> str:
    prefix, suffix = variant
    return prefix + FAMILIES[family](max(n - len(prefix) - len(suffix), 1)) + suffix


# --- timing ------------------------------------------------------------------

_BASELINE = re.compile(r"(?s:.)\x00")


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout()


@pytest.fixture(autouse=True)
def _timer():
    old = signal.signal(signal.SIGPROF, _alarm)
    yield
    signal.setitimer(signal.ITIMER_PROF, 0)
    signal.signal(signal.SIGPROF, old)


def _once(pattern: re.Pattern[str], method: str, text: str, cap: float) -> float:
    """Seconds for one call, or infinity when the hard cap stops it."""
    call: Callable[[str], Any]
    if method == "finditer":
        call = lambda s: sum(1 for _ in pattern.finditer(s))  # noqa: E731
    elif method == "sub":
        call = lambda s: pattern.sub("", s)  # noqa: E731
    else:
        call = getattr(pattern, method)
    signal.setitimer(signal.ITIMER_PROF, cap)
    start = time.thread_time()
    try:
        call(text)
    except _Timeout:
        return float("inf")
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
    return time.thread_time() - start


@functools.lru_cache(maxsize=None)
def _baseline(text: str) -> float:
    return min(_once(_BASELINE, "search", text, HARD_CAP) for _ in range(REPEATS))


def _timed(pattern: re.Pattern[str], method: str, text: str, ok: Callable[[float], bool], cap: float) -> float:
    """Minimum time over up to REPEATS calls; stop repeating once it is ``ok``
    (or when a call hits the hard cap: repeating a runaway search is pointless)."""
    best = float("inf")
    for _ in range(REPEATS):
        t = _once(pattern, method, text, cap)
        best = min(best, t)
        if ok(best) or t == float("inf"):
            break
    return best


def _fmt(t: float) -> str:
    return f">{HARD_CAP:.1f} s (stopped)" if t == float("inf") else f"{t * 1000:.1f} ms"


TARGETS = _collect()
_IDS = [t.labels[0] for t in TARGETS]


def test_collects_every_kind_of_regex():
    labels = [label for t in TARGETS for label in t.labels]
    assert any(label.startswith("BP020.patterns") for label in labels)
    assert any(label.startswith("STAT003.claims") for label in labels)
    assert any(label.startswith("patterns.yaml:named_source") for label in labels)
    assert any(label == "mhlint.checks.lines._EDGE" for label in labels)
    assert len(TARGETS) > 100


@pytest.mark.parametrize("target", TARGETS, ids=_IDS)
def test_short_lines_do_not_backtrack_exponentially(target: Target):
    failures: list[str] = []
    for family, variant, size, method in itertools.product(FAMILIES, VARIANTS, SHORTS, sorted(target.methods)):
        text = _line(family, size, variant)
        bound = SHORT_FLOOR + SHORT_FACTOR * _baseline(text)
        t = _timed(target.pattern, method, text, lambda x: x < bound, max(2 * bound, 0.2))
        if t >= bound:
            failures.append(f"{method} on {family} {variant!r} ({len(text)} chars): {_fmt(t)}, "
                            f"bound {bound * 1000:.1f} ms: {text[:60]!r}...")
            if len(failures) >= 3:
                break
    assert not failures, f"{target.label}: super-linear on short lines:\n  " + "\n  ".join(failures)


def _growth(target: Target, family: str, variant: tuple[str, str], method: str,
            n: int) -> tuple[str | None, float, float]:
    """A complaint (or None), the time ratio from ``n`` to ``4 * n`` characters
    (0 when the long line is too fast to tell) and the time at ``4 * n``."""
    small, large = _line(family, n, variant), _line(family, 4 * n, variant)
    where = f"{method} on {family} {variant[0][:8]!r}..{variant[1][:8]!r}"
    t_large = _once(target.pattern, method, large, HARD_CAP)
    if t_large < LONG_FLOOR:
        return None, 0.0, t_large  # fast at the long length: nothing to compare
    t_small = float("inf")
    for _ in range(REPEATS):  # interleaved, so both see the same machine
        t_small = min(t_small, _once(target.pattern, method, small, HARD_CAP))
        if t_small == float("inf"):
            return f"{where}: {n} chars {_fmt(t_small)}", t_small, t_large
        if t_large <= GROWTH * t_small:
            break
        t_large = min(t_large, _once(target.pattern, method, large, HARD_CAP))
        if t_large < LONG_FLOOR:
            return None, 0.0, t_large
    ratio = t_large / max(t_small, 1e-9)
    if ratio > GROWTH:
        return (f"{where}: {n} chars {_fmt(t_small)}, {4 * n} chars {_fmt(t_large)} "
                f"(x{ratio:.1f}, allowed x{GROWTH:.0f})"), ratio, t_large
    return None, ratio, t_large


@pytest.mark.parametrize("target", TARGETS, ids=_IDS)
def test_long_lines_take_linear_time(target: Target):
    failures: list[str] = []
    for family, variant, method in itertools.product(LONG_FAMILIES, LONG_VARIANTS, sorted(target.methods)):
        problem, ratio, t_long = _growth(target, family, variant, method, LONG)
        if problem is None and ((target.suspect and t_long >= SUSPECT_FLOOR) or ratio > GREY):
            problem, _, _ = _growth(target, family, variant, method, 4 * LONG)
        if problem:
            failures.append(problem)
            if len(failures) >= 3:
                break
    assert not failures, f"{target.label}: super-linear on long lines:\n  " + "\n  ".join(failures)
