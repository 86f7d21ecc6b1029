#!/usr/bin/env python3
"""Fuzz mhlint: lint many generated inputs and check every property of
``tests/test_properties.py`` on each (never raises; offsets, match, line and
column consistent; deterministic (every ``--twice-every``-th input is linted
twice); safe fixes settle, are idempotent and touch only flagged lines).

    python3 scripts/fuzz.py                       # 100,000 inputs, 2 processes
    python3 scripts/fuzz.py -n 5000 -j 1 --out fuzz-out --seed 7

Inputs come from a seeded random generator (so input ``k`` of seed ``s`` can
be made again with ``--only k``): generated Markdown (headings, nested lists
and quotes, tables, fences, front matter good and bad, links, HTML, comments,
directives, mixed line endings), raw Unicode noise (lone surrogates,
zero-width, bidi and odd spaces), and windows of the seed articles with
splices and hostile characters put in. Each is linted as ``.md`` and ``.txt``
alternately. A failing input is saved in ``--out`` with its traceback; an
input that takes longer than ``--hang`` seconds is stopped and saved as a
hang; one slower than ``--slow`` seconds is saved for timing. The report gives
counts, the slowest inputs and the time per input (mean, p50, p99, max).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import signal
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

SPECIAL = [
    "\u00a0", "\u2009", "\u202f", "\u2007", "\u3000", "\t", "\x0b", "\x0c", "\u200b", "\u200c", "\u200d", "\u2060",
    "\ufeff", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e",
    "\u200f", "\ud800", "\udbff", "\udc00", "\udfff", "\u2028", "\u2029", "\x85", "\x1c", "\x1d", "\x1e", "\x00",
    "\x7f", "\ufffd", "\U0001f600", "e\u0301", "\u2018", "\u2019", "\u201c", "\u201d", "\u2013", "\u2014", "\r", "\n",
    "\r\n",
]
MARKUP = list("#>-*+|`[]()!<>_~\\:=.") + ["<!--", "-->", "```", "~~~", "---", "<b>", "</b>", "](", "[^1]", "&amp;"]
WORDS = ["Studies", "show", "that", "nearly", "60%", "of", "clients", "cry", "research", "indicates", "tears",
         "detoxify", "the", "body", "Share", "This", "Post", "Skip", "to", "content", "1 in 5", "adults",
         "according", "to", "NIMH", "(Smith", "et", "al.,", "2019)", "rewire", "your", "brain", "Read", "more",
         "Home", "|", "About", "Contact", "Book", "a", "session", "call", "555-123-4567", "January", "10,", "2025",
         "3074", "views", "Photo", "by", "Jane", "Doe", "on", "Unsplash", "[link to the article]", "click", "here",
         "Related", "Posts", "Subscribe", "newsletter", "cookies", "Accept", "Leave", "a", "comment", "Menu"]
FRONT = ["title: Why we cry", "date: 2076-14-04", "date: 2024-02-30", "x: !!int x", "y: !!timestamp x",
         "z: !!float nope", "tags: [grief, tears", "a: &a [*a]", "b: {c: d", "mhlint: {ignore: [STAT001]}",
         "mhlint: {ignore: NOPE}", "mhlint: 5", "mhlint:\n  ignore:\n    - BP", "key: : :", "- just a list",
         "? [complex]\n: key", "<<: *nothing", "!!python/object:os.system x", "\tindented: tab", "dup: 1\ndup: 2",
         "summary: Studies show that 60% of people cry.", "k: !!binary Zm9v", "k: !!binary @@@", "mhlint: &m [*m]",
         "deep: " + "[" * 150 + "]" * 150, "base: &b {x: 1}\nc:\n  <<: *b"]


def _word(r: random.Random) -> str:
    k = r.random()
    if k < 0.75:
        return r.choice(WORDS)
    if k < 0.9:
        return "".join(chr(r.randint(0x20, 0x2FFF)) for _ in range(r.randint(1, 8)))
    return r.choice(SPECIAL + MARKUP)


def _inline(r: random.Random) -> str:
    parts = []
    for _ in range(r.randint(0, 10)):
        k = r.randint(0, 15)
        w = _word(r)
        if k == 0:
            parts.append(f"[{w}]({r.choice(['https://example.org/a', 'x', '', 'a b', 'https://en.wikipedia.org/wiki/A_(b)'])})")
        elif k == 1:
            parts.append(f"![{w}](img.png)")
        elif k == 2:
            parts.append(r.choice(["`", "``", "```"]) + w + r.choice(["`", "``", ""]))
        elif k == 3:
            mark = r.choice(["*", "**", "_", "__", "~~", "***"])
            parts.append(mark + w + r.choice([mark, ""]))
        elif k == 4:
            parts.append(r.choice(["<b>", "</b>", "<br/>", "<a href='x'>", "<!--", "-->", "<!-- note -->", "<span"]))
        elif k == 5:
            sel = r.choice(["", " STAT", " ATTR001", " boilerplate", " NOPE999", " STAT001,BP002", " -->"])
            parts.append(f"<!-- mhlint-{r.choice(['disable', 'enable', 'disable-line', 'disable-next-line', 'disable-file'])}{sel} -->")
        elif k == 6:
            parts.append(r.choice(["https://example.org/x?y=1", "www.example.com", "<https://a.b>", "[^1]", "[1]", "¹"]))
        elif k == 7:
            parts.append(r.choice(MARKUP) * r.randint(1, 40))
        else:
            parts.append(w)
    return " ".join(parts)


def _block(r: random.Random, depth: int = 0) -> list[str]:
    k = r.randint(0, 12)
    text = _inline(r)
    if k == 0:
        return [r.choice(["#", "##", "###", "######", "#######"]) + " " + text + r.choice(["", " #", " ##  "])]
    if k == 1:
        return [text, r.choice(["===", "---", "-", "= ="])]
    if k == 2:
        levels, marker, step = r.choice([r.randint(1, 6), r.randint(1, 45)]), r.choice(["-", "*", "+", "1.", "2)"]), r.choice([2, 3, 4])
        return [" " * (step * min(i, 60)) + f"{marker} {_word(r)} {_word(r)}" for i in range(levels)]
    if k == 3:
        levels = r.choice([r.randint(1, 6), r.randint(1, 120)])
        return [">" * r.randint(1, levels) + " " + _inline(r) for _ in range(r.randint(1, 4))]
    if k == 4:
        cols = r.randint(1, 5)
        rows = ["| " + " | ".join(_inline(r) or "x" for _ in range(cols)) + " |",
                "|" + "|".join(r.choice(["---", ":--", "--:", ":-:"]) for _ in range(cols)) + "|"]
        rows += ["| " + " | ".join(_inline(r) for _ in range(r.randint(0, cols + 1))) + " |" for _ in range(r.randint(0, 4))]
        return rows
    if k == 5:
        fence = r.choice(["```", "~~~", "````"])
        lines = [fence + r.choice(["", "python", "md"]), _inline(r), _inline(r)]
        return lines + ([fence] if r.random() < 0.7 else [])
    if k == 6:
        return ["    " + text]
    if k == 7:
        return [r.choice(["<div>", "<!--", "<table><tr><td>x</td></tr></table>", "<script>", "-->", "</div>"]), text]
    if k == 8:
        return [r.choice(["---", "***", "___", "- - -"])]
    if k == 9 and depth < 3:
        prefix = r.choice(["> ", "- ", "1. ", ">> ", "- > ", "  "])
        return [prefix + line for _ in range(r.randint(1, 3)) for line in _block(r, depth + 1)]
    if k == 10:
        return [f"[{_word(r)}]: https://example.org/ref", "[^1]: A footnote."]
    return [text]


def generated_markdown(r: random.Random) -> str:
    lines: list[str] = []
    if r.random() < 0.3:
        body = [r.choice(FRONT) for _ in range(r.randint(0, 5))]
        close = r.choice(["---", "...", "--- ", ""])
        lines += ["---", *body] + ([close] if close else [])
    for _ in range(r.randint(0, 7)):
        lines += _block(r)
        if r.random() < 0.5:
            lines.append(r.choice(["", " ", "\t", "\u00a0"]))
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        if i < len(lines) - 1 or r.random() < 0.5:
            out.append(r.choice(["\n", "\n", "\r\n", "\r"]))
    return _sprinkle(r, "".join(out))


def _sprinkle(r: random.Random, text: str) -> str:
    for _ in range(r.randint(0, 5)):
        at = r.randint(0, len(text))
        text = text[:at] + r.choice(SPECIAL) + text[at:]
    if r.random() < 0.1:
        text = "\ufeff" + text
    return text


def unicode_noise(r: random.Random) -> str:
    out = []
    for _ in range(r.randint(0, 300)):
        k = r.random()
        if k < 0.5:
            out.append(chr(r.randint(0, 0x10FFFF)))
        elif k < 0.7:
            out.append(r.choice(SPECIAL))
        elif k < 0.85:
            out.append(r.choice(MARKUP))
        else:
            out.append(r.choice(WORDS) + " ")
    return "".join(out)


_ARTICLES: list[str] = []


def mutated_article(r: random.Random) -> str:
    if not _ARTICLES:
        for path in sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests").rglob("*.md")):
            try:
                _ARTICLES.append(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                pass
    text = r.choice(_ARTICLES)
    start = r.randint(0, max(0, len(text) - 1))
    window = text[start:start + r.randint(100, 1500)]
    for _ in range(r.randint(0, 4)):  # splices from another article
        other = r.choice(_ARTICLES)
        a = r.randint(0, max(0, len(other) - 1))
        at = r.randint(0, len(window))
        window = window[:at] + other[a:a + r.randint(1, 200)] + window[at:]
    if r.random() < 0.3:
        window = window.replace("\n", r.choice(["\r\n", "\r", "\n\n", "\n> ", "\n- ", "\n    "]))
    return _sprinkle(r, window)


GENERATORS = [(0.7, "markdown", generated_markdown), (0.15, "unicode", unicode_noise), (0.15, "article", mutated_article)]


def make_input(seed: int, k: int) -> tuple[str, str, str]:
    """(kind, path, text) of input ``k`` of run ``seed``."""
    r = random.Random(f"{seed}:{k}")
    x, acc = r.random(), 0.0
    for weight, kind, gen in GENERATORS:
        acc += weight
        if x < acc:
            break
    path = "fuzz.md" if k % 2 == 0 else "fuzz.txt"
    return kind, path, gen(r)


class Hang(Exception):
    pass


def _alarm(signum, frame):  # noqa: ARG001
    raise Hang()


def _work(job: tuple[int, int, int, str, float, float, int]) -> dict:
    seed, first, count, out, hang, slow, twice = job
    from test_properties import check_text  # noqa: E402 - after sys.path is set

    signal.signal(signal.SIGALRM, _alarm)
    check_text("Warm up: load spaCy. Studies show 60% of people cry.", "warm.md")  # not timed
    times: list[float] = []
    failures: list[dict] = []
    slowest: list[tuple[float, int, str, int]] = []
    kinds: dict[str, int] = {}
    for k in range(first, first + count):
        kind, path, text = make_input(seed, k)
        kinds[kind] = kinds.get(kind, 0) + 1
        started = time.perf_counter()
        error = None
        signal.setitimer(signal.ITIMER_REAL, hang)
        try:
            check_text(text, path, twice=k % twice == 0)
        except Hang:
            error = f"hang: more than {hang:g} s"
        except BaseException as exc:  # noqa: BLE001 - everything is a finding here
            error = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        elapsed = time.perf_counter() - started
        times.append(elapsed)
        slowest.append((elapsed, k, path, len(text)))
        slowest = sorted(slowest, reverse=True)[:10]
        if error is not None or elapsed > slow:
            label = "crash" if error and not error.startswith("hang") else ("hang" if error else "slow")
            stem = Path(out) / f"{label}-{seed}-{k}{Path(path).suffix}"
            stem.parent.mkdir(parents=True, exist_ok=True)
            stem.write_text(text, encoding="utf-8", errors="surrogatepass")
            if error is not None:
                Path(str(stem) + ".txt").write_text(error, encoding="utf-8")
                failures.append({"k": k, "kind": kind, "path": path, "label": label, "file": str(stem),
                                 "error": error.strip().splitlines()[-1][:300]})
    return {"times": times, "failures": failures, "slowest": slowest, "kinds": kinds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--inputs", type=int, default=100_000)
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="fuzz-out", help="folder for failing and slow inputs (default: fuzz-out)")
    parser.add_argument("--hang", type=float, default=60.0, help="seconds after which an input counts as a hang")
    parser.add_argument("--slow", type=float, default=2.0, help="save inputs slower than this (seconds)")
    parser.add_argument("--only", type=int, help="run input number K only (to reproduce a failure)")
    parser.add_argument("--chunk", type=int, default=500)
    parser.add_argument("--twice-every", type=int, default=4, help="lint every Nth input twice (determinism)")
    args = parser.parse_args(argv)

    if args.only is not None:
        jobs = [(args.seed, args.only, 1, args.out, args.hang, args.slow, 1)]
    else:
        jobs = [(args.seed, i, min(args.chunk, args.inputs - i), args.out, args.hang, args.slow, args.twice_every)
                for i in range(0, args.inputs, args.chunk)]
    started = time.time()
    times: list[float] = []
    failures: list[dict] = []
    slowest: list[tuple[float, int, str, int]] = []
    kinds: dict[str, int] = {}
    with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
        for n, result in enumerate(pool.imap_unordered(_work, jobs), 1):
            times += result["times"]
            failures += result["failures"]
            slowest = sorted(slowest + [tuple(s) for s in result["slowest"]], reverse=True)[:10]
            for kind, c in result["kinds"].items():
                kinds[kind] = kinds.get(kind, 0) + c
            if n % 10 == 0 or n == len(jobs):
                print(f"[{time.time() - started:7.0f} s] {len(times):>7} inputs, {len(failures)} failing", flush=True)
    times.sort()
    report = {
        "seed": args.seed, "inputs": len(times), "kinds": kinds, "processes": args.jobs,
        "wall_seconds": round(time.time() - started, 1),
        "failing": len(failures), "crashes": sum(f["label"] == "crash" for f in failures),
        "hangs": sum(f["label"] == "hang" for f in failures),
        "seconds_per_input": {
            "mean": round(sum(times) / len(times), 4) if times else None,
            "p50": round(times[len(times) // 2], 4) if times else None,
            "p99": round(times[min(len(times) - 1, int(len(times) * 0.99))], 4) if times else None,
            "max": round(times[-1], 4) if times else None,
        },
        "slowest": [{"seconds": round(t, 3), "k": k, "path": p, "chars": c} for t, k, p, c in slowest],
        "failures": failures[:50],
    }
    Path(args.out).mkdir(parents=True, exist_ok=True)
    (Path(args.out) / "report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "failures"}, indent=2))
    for f in failures[:20]:
        print(f"{f['label'].upper()} input {f['k']} ({f['kind']}, {f['path']}): {f['error']}  -> {f['file']}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
