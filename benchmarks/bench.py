#!/usr/bin/env python3
"""mhlint benchmark: throughput, memory, start-up, cache and growth with size.

A script, not a test. One run builds a corpus in a temporary folder, times
mhlint on it (every rule on, the cache off), times proselint and spaCy's bare
blank-English tokenizer on the same files, times start-up, a cached re-run
(when mhlint has a cache) and one article of growing size, and prints a table
with the targets beside each figure.

    python benchmarks/bench.py                 # 1,000 files, sizes up to 10 MB
    python benchmarks/bench.py --quick         # 200 files, sizes up to 1 MB
    python benchmarks/bench.py --json out.json # also save every figure

Every tool runs in a fresh subprocess; wall-clock times are end to end
(interpreter start, imports, file walk, output) unless a line says otherwise.
Peak memory is the peak resident set size of the subprocess (and of any
worker it waits for), from ``os.wait4``; with psutil installed, the sum over
the process tree is sampled as well (that is what counts with worker
processes). The machine may be small and shared: cheap figures are the best of
several runs, and the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT / "tests" / "corpus"
ARTICLE_SUFFIXES = (".txt", ".md")
MB = 1_000_000  # decimal megabytes throughout

TARGETS = {
    "vs_proselint": 10.0,  # mhlint files/s >= 10x proselint's
    "vs_tokenizer": 0.5,  # mhlint files/s >= 0.5x the bare tokenizer's
    "cold_single_s": 0.6,
    "version_s": 0.15,
    "cached_s": 0.5,  # cached re-run of 1,000 files
    "peak_mb": 300.0,
}

try:  # optional: process-tree memory sampling
    import psutil  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - optional
    psutil = None


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ----------------------------------------------------------------- processes

class Run:
    """One finished subprocess: wall time, exit code, peak memory, output."""

    def __init__(self, wall: float, rc: int | None, maxrss_mb: float, tree_mb: float | None,
                 timed_out: bool, stdout_path: Path | None, stderr: str):
        self.wall, self.rc, self.maxrss_mb, self.tree_mb = wall, rc, maxrss_mb, tree_mb
        self.timed_out, self.stdout_path, self.stderr = timed_out, stdout_path, stderr

    @property
    def peak_mb(self) -> float:
        return max(self.maxrss_mb, self.tree_mb or 0.0)


def _maxrss_mb(ru: Any) -> float:
    # Linux reports kibibytes, macOS bytes.
    return ru.ru_maxrss / MB if sys.platform == "darwin" else ru.ru_maxrss * 1024 / MB


def _sample_tree(pid: int, stop: threading.Event, out: list[float]) -> None:
    try:
        root = psutil.Process(pid)
    except Exception:
        return
    while not stop.is_set():
        total = 0
        try:
            procs = [root, *root.children(recursive=True)]
        except Exception:
            break
        for p in procs:
            try:
                total += p.memory_info().rss
            except Exception:
                pass
        if total:
            out.append(total / MB)
        stop.wait(0.05)


def run(cmd: list[str], cwd: Path, timeout: float, stdout_path: Path | None = None,
        env: dict[str, str] | None = None) -> Run:
    """Run ``cmd`` in its own process group; time it and read its rusage with
    wait4 (so the figure is this child's, not the maximum over all children)."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    err_file = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err_file, stdin=subprocess.DEVNULL,
                            env=env, start_new_session=True)
    timed_out = threading.Event()

    def _kill() -> None:
        timed_out.set()
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the group of the process we started
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout, _kill)
    timer.start()
    samples: list[float] = []
    stop = threading.Event()
    sampler = None
    if psutil is not None:
        sampler = threading.Thread(target=_sample_tree, args=(proc.pid, stop, samples), daemon=True)
        sampler.start()
    try:
        _, status, ru = os.wait4(proc.pid, 0)
    except BaseException:  # interrupted (Ctrl-C, SIGTERM): do not leave the child running
        _kill()
        os.waitpid(proc.pid, 0)
        proc.returncode = -9
        raise
    finally:
        wall = time.perf_counter() - t0
        timer.cancel()
        stop.set()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if sampler is not None:
        sampler.join()
    if stdout_path:
        out.close()  # type: ignore[union-attr]
    err_file.seek(0)
    stderr = err_file.read().decode("utf-8", "replace")
    err_file.close()
    return Run(wall, None if timed_out.is_set() else proc.returncode, _maxrss_mb(ru),
               max(samples) if samples else None, timed_out.is_set(), stdout_path, stderr)


def best_of(n: int, fn: Any) -> tuple[Run, list[float]]:
    runs = [fn() for _ in range(n)]
    return min(runs, key=lambda r: r.wall), [r.wall for r in runs]


def median(values: list[float]) -> float:
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


# -------------------------------------------------------------------- corpus

def source_articles() -> tuple[list[Path], list[Path]]:
    seeds = sorted(p for p in SEEDS.iterdir() if p.suffix in ARTICLE_SUFFIXES)
    corpus = sorted(p for p in CORPUS.rglob("*") if p.suffix in ARTICLE_SUFFIXES
                    and p.is_file() and not p.name.upper().startswith("README"))
    return seeds, corpus


def build_corpus(folder: Path, n_files: int) -> dict[str, Any]:
    """``n_files`` verbatim copies: 90 % seed copies (the seeds in turn, every
    other copy saved as .md so the Markdown path runs too), 10 % copies of the
    tests/corpus articles with their own suffix. Names are distinct."""
    seeds, corpus = source_articles()
    folder.mkdir(parents=True)
    n_corpus = max(1, n_files // 10) if corpus else 0
    total = 0
    suffixes = {".txt": 0, ".md": 0}
    si = ci = 0
    for i in range(n_files):
        # spread the tests/corpus copies evenly through the run
        if corpus and ci < n_corpus and (i * n_corpus) // n_files >= ci:
            src = corpus[ci % len(corpus)]
            suffix = src.suffix
            ci += 1
        else:
            src = seeds[si % len(seeds)]
            suffix = ".md" if (si // len(seeds)) % 2 else src.suffix
            si += 1
        data = src.read_bytes()
        name = f"a{i:05d}_{src.stem}{suffix}"
        (folder / name).write_bytes(data)
        total += len(data)
        suffixes[suffix] = suffixes.get(suffix, 0) + 1
    return {"files": n_files, "bytes": total, "mb": total / MB, "avg_kb": total / n_files / 1000,
            "seed_copies": si, "corpus_copies": ci, "txt": suffixes.get(".txt", 0), "md": suffixes.get(".md", 0),
            "sources": len(seeds) + len(corpus)}


def vary(paragraph: str, k: int) -> str:
    """Copy ``k`` of a paragraph, unique: every integer is shifted by ``k``; a
    line with no digit gets `` #k`` appended."""
    lines = []
    for line in paragraph.split("\n"):
        if not line.strip():
            lines.append(line)
        elif re.search(r"\d", line):
            lines.append(re.sub(r"\d+", lambda m: str(int(m.group()) + k), line))
        else:
            lines.append(f"{line} #{k}")
    return "\n".join(lines)


def build_sized(path: Path, size: int) -> int:
    seeds, _ = source_articles()
    paragraphs = [p.strip("\n") for s in seeds for p in re.split(r"\n\s*\n", s.read_text(encoding="utf-8"))
                  if p.strip()]
    parts: list[str] = []
    total = k = 0
    while total < size:
        part = vary(paragraphs[k % len(paragraphs)], k // len(paragraphs) + 1)
        parts.append(part)
        total += len(part.encode("utf-8")) + 2
        k += 1
    text = "\n\n".join(parts) + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


# --------------------------------------------------------------------- tools

def mhlint_command(explicit: str | None) -> list[str]:
    if explicit:
        return explicit.split()
    # the entry-point script next to this interpreter (a pyenv shim would add its own start-up)
    beside = Path(sys.executable).parent / "mhlint"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("mhlint")
    return [found] if found else [sys.executable, "-m", "mhlint"]


def ensure_bytecode(work: Path) -> dict[str, Any]:
    """Have mhlint's modules byte-compiled, as an installed wheel has them.

    pip compiles a package's modules when it installs it, so a user's cold
    start reads bytecode. An editable install from a checkout has none until
    Python writes it on first import, and with PYTHONDONTWRITEBYTECODE set it
    never does: every start would compile mhlint's sources again, which is
    not the start-up of an installed mhlint. The figures say which it was."""
    probe = subprocess.run([sys.executable, "-c", "import mhlint, os; print(os.path.dirname(mhlint.__file__))"],
                           cwd=work, capture_output=True, text=True, timeout=120)
    folder = probe.stdout.strip()
    out: dict[str, Any] = {"package": folder, "dont_write": bool(os.environ.get("PYTHONDONTWRITEBYTECODE")),
                           "virtualenv": sys.prefix != getattr(sys, "base_prefix", sys.prefix)}
    if probe.returncode != 0 or not folder:
        out["summary"] = "mhlint's package not found; not compiled"
        return out
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run([sys.executable, "-m", "compileall", "-q", folder], cwd=work, env=env,
                          capture_output=True, text=True, timeout=300)
    out["compiled"] = done.returncode == 0
    out["summary"] = (f"mhlint's modules {'compiled' if done.returncode == 0 else 'NOT compiled'} as pip does at install "
                      f"(PYTHONDONTWRITEBYTECODE {'set' if out['dont_write'] else 'unset'}); "
                      f"interpreter {'in a virtualenv' if out['virtualenv'] else 'not in a virtualenv'}")
    return out


def help_text(cmd: list[str], cwd: Path) -> str:
    try:
        proc = subprocess.run([*cmd, "check", "--help"], cwd=cwd, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return proc.stdout + proc.stderr


def has_option(help_: str, option: str) -> bool:
    return re.search(rf"(^|[\s,/]){re.escape(option)}([\s,=/]|$)", help_, re.M) is not None


def json_files(path: Path | None) -> int | None:
    if not path or not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return None
    return data.get("files") if isinstance(data, dict) else None


def json_errors(path: Path | None) -> str:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))  # type: ignore[union-attr]
        return "; ".join(f"{e.get('path')}:{e.get('line')}: {e.get('message')}" for e in data.get("errors", []))
    except Exception:
        return ""


def json_diagnostics(path: Path | None) -> int | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))  # type: ignore[union-attr]
        return len(data.get("diagnostics", []))
    except Exception:
        return None


TOKENIZER_DRIVER = r"""
import json, sys, time
t0 = time.perf_counter()
import spacy
nlp = spacy.blank("en")
t_import = time.perf_counter() - t0
paths = [p for p in open(sys.argv[1], encoding="utf-8").read().split("\n") if p]
texts = [open(p, encoding="utf-8").read() for p in paths]
t_read = time.perf_counter() - t0 - t_import
runs, tokens = [], 0
for _ in range(int(sys.argv[2])):
    t = time.perf_counter()
    tokens = sum(len(d) for d in nlp.pipe(texts))
    runs.append(time.perf_counter() - t)
print(json.dumps({"import_s": t_import, "read_s": t_read, "tokenize_runs": runs, "tokens": tokens,
                  "first_pass_end_s": t_import + t_read + runs[0]}))
"""

SIZE_DRIVER = r"""
import json, sys, time
t0 = time.perf_counter()
from mhlint.engine.lint import lint_paths
from mhlint.settings.model import Settings
settings = Settings(preview=True, report_unused_suppressions=True)
lint_paths([sys.argv[2]], settings)  # warm-up: imports, rule set, spaCy pipeline
t_warm = time.perf_counter() - t0
runs, cpu, report = [], [], None
# Each repetition lints a text of its own (the article and one line naming
# the run): the same text again would be answered in part from memos keyed
# by text (textstat caches its counts by text), and the best of three would
# not be a linting of the article.
from pathlib import Path
source = Path(sys.argv[1])
text = source.read_text(encoding="utf-8")
for i in range(int(sys.argv[3])):
    copy = source.with_name(f"{source.stem}-run{i}{source.suffix}")
    copy.write_text(text + f"\nThis is run {i + 1} of the article.\n", encoding="utf-8")
    t, c = time.perf_counter(), time.process_time()
    report = lint_paths([str(copy)], settings)
    runs.append(time.perf_counter() - t)
    cpu.append(time.process_time() - c)
    copy.unlink()
print(json.dumps({"warm_s": t_warm, "runs": runs, "cpu": cpu, "files": report.files,
                  "diagnostics": len(report.diagnostics), "issues": [i.message for i in report.issues]}))
"""


def mhlint_version(cmd: list[str], cwd: Path) -> str | None:
    """What the command itself says (installed metadata can be stale in an editable install)."""
    try:
        out = subprocess.run([*cmd, "--version"], cwd=cwd, capture_output=True, text=True, timeout=120).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.strip().rsplit(" ", 1)[-1] or None


def version_of(module: str) -> str | None:
    try:
        from importlib.metadata import version
        return version(module)
    except Exception:
        return None


# ---------------------------------------------------------------- benchmark

def fmt_s(v: float | None) -> str:
    return "-" if v is None else (f"{v:.3f} s" if v < 10 else f"{v:.1f} s")


def fmt_rate(v: float | None) -> str:
    return "-" if v is None else f"{v:,.1f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=None, help="corpus size in files (default 1000; 200 with --quick)")
    ap.add_argument("--quick", action="store_true", help="smoke run: 200 files, sizes up to 1 MB")
    ap.add_argument("--json", metavar="OUT", help="save every figure to this JSON file")
    ap.add_argument("--repeat", type=int, default=None,
                    help="runs of each full corpus lint, median reported (default 1; the cheap figures are best of 3-5)")
    ap.add_argument("--size-timeout", type=float, default=300.0, help="timeout per article size, seconds (default 300)")
    ap.add_argument("--run-timeout", type=float, default=1800.0, help="timeout per corpus run, seconds (default 1800)")
    ap.add_argument("--mhlint", metavar="CMD", help="command that runs mhlint (default: the mhlint entry point)")
    ap.add_argument("--skip-proselint", action="store_true", help="do not run proselint")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder and print where it is")
    args = ap.parse_args(argv)

    n_files = args.files or (200 if args.quick else 1000)
    repeat = args.repeat or 1
    sizes = [10_000, 100_000, 1_000_000] + ([] if args.quick else [10_000_000])
    mh = mhlint_command(args.mhlint)
    res: dict[str, Any] = {"targets": TARGETS}

    # SIGTERM unwinds like Ctrl-C, so the running child is killed and the folder removed
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    work = Path(tempfile.mkdtemp(prefix="mhlint-bench-"))
    try:
        return _bench(args, n_files, repeat, sizes, mh, work, res)
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def _bench(args: argparse.Namespace, n_files: int, repeat: int, sizes: list[int], mh: list[str],
           work: Path, res: dict[str, Any]) -> int:
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    res["machine"] = {
        "cpu_count": os.cpu_count(), "usable_cores": affinity, "platform": platform.platform(),
        "python": platform.python_version(), "load_before": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "mhlint": mhlint_version(mh, work), "proselint": version_of("proselint"), "spacy": version_of("spacy"),
        "psutil": version_of("psutil") if psutil is not None else None,
    }
    log(f"cores: {os.cpu_count()} (usable {affinity}); mhlint command: {' '.join(mh)}")

    res["bytecode"] = bc = ensure_bytecode(work)
    log(f"bytecode: {bc['summary']}")

    corpus = work / "corpus"
    res["corpus"] = info = build_corpus(corpus, n_files)
    log(f"corpus: {info['files']} files ({info['txt']} .txt, {info['md']} .md), {info['mb']:.2f} MB, "
        f"average {info['avg_kb']:.1f} KB")
    paths_file = work / "paths.txt"
    paths_file.write_text("\n".join(str(p) for p in sorted(corpus.iterdir())), encoding="utf-8")

    help_ = help_text(mh, work)
    opts = {o: has_option(help_, o) for o in ("--no-cache", "--jobs", "--cache-dir")}
    res["options"] = opts
    log(f"mhlint check options: " + ", ".join(f"{o} {'yes' if v else 'no'}" for o, v in opts.items()))
    cache_dir = work / "cache"
    base = [*mh, "check", "--isolated", "--select", "ALL", "--preview", "--report-unused-suppressions",
            "--output-format", "json"]
    cache_args = ["--cache-dir", str(cache_dir)] if opts["--cache-dir"] else []

    # ---- 2. full lint, every rule, cache off
    variants = [("default", [])]
    if opts["--jobs"]:
        variants = [("jobs 1", ["--jobs", "1"]), (f"jobs default ({affinity} cores)", [])]
    res["full"] = {}
    for label, extra in variants:
        cmd = [*base, *(["--no-cache"] if opts["--no-cache"] else []), *cache_args, *extra, "corpus"]
        walls, peaks, trees, linted, diags, rc, timed_out, err = [], [], [], None, None, None, False, ""
        for r in range(repeat):
            log(f"mhlint full lint, {label}, run {r + 1}/{repeat} ...")
            out = work / "out.json"
            x = run(cmd, work, args.run_timeout, out)
            if x.timed_out:
                timed_out = True
                break
            walls.append(x.wall)
            peaks.append(x.maxrss_mb)
            if x.tree_mb is not None:
                trees.append(x.tree_mb)
            linted, diags, rc, err = json_files(out), json_diagnostics(out), x.rc, x.stderr or json_errors(out)
            log(f"  {x.wall:.2f} s, rc {x.rc}, {linted} files linted, {diags} diagnostics, peak {x.peak_mb:.0f} MB")
        entry: dict[str, Any] = {"command": " ".join(cmd[len(mh):]), "timed_out": timed_out, "runs_s": walls,
                                 "exit": rc, "files_linted": linted, "diagnostics": diags}
        if walls:
            wall = median(walls)
            entry.update(wall_s=wall, files_per_s=n_files / wall, mb_per_s=info["mb"] / wall,
                         maxrss_mb=max(peaks), tree_peak_mb=max(trees) if trees else None)
        if rc not in (0, 1) and not timed_out:
            entry["stderr"] = err[-2000:]
            log(f"  mhlint failed (exit {rc}): {err[-500:]}")
        res["full"][label] = entry
        if rc == 2 and not linted:
            log("mhlint linted nothing (exit 2): stopping here; fix mhlint (or its rules) and run again")
            print(f"mhlint failed: {err[-2000:]}")
            return 2

    # ---- 3. proselint and the bare tokenizer
    if args.skip_proselint:
        res["proselint"] = {"skipped": True}
    else:
        pl = shutil.which("proselint") or (str(Path(sys.executable).parent / "proselint")
                                           if (Path(sys.executable).parent / "proselint").exists() else None)
        if pl is None:
            res["proselint"] = {"missing": True}
            log("proselint is not installed (python -m pip install proselint, or the bench extra)")
        else:
            log("proselint ...")
            x = run([pl, "check", "-o", "json", "corpus"], work, args.run_timeout, work / "proselint.json")
            res["proselint"] = {"timed_out": x.timed_out, "wall_s": None if x.timed_out else x.wall,
                                "files_per_s": None if x.timed_out else n_files / x.wall,
                                "mb_per_s": None if x.timed_out else info["mb"] / x.wall,
                                "peak_mb": x.peak_mb, "exit": x.rc}
            log(f"  {x.wall:.2f} s, rc {x.rc}")
    log("spaCy blank('en') tokenizer ...")
    x = run([sys.executable, "-c", TOKENIZER_DRIVER, str(paths_file), "3"], work, args.run_timeout,
            work / "tok.json")
    tok: dict[str, Any] = {"timed_out": x.timed_out, "exit": x.rc, "peak_mb": x.peak_mb}
    if x.rc == 0:
        d = json.loads((work / "tok.json").read_text())
        # end to end: interpreter start + import + blank("en") + read + one tokenizing pass
        end = x.wall - sum(d["tokenize_runs"][1:])
        pure = min(d["tokenize_runs"])
        tok.update(end_to_end_s=end, files_per_s=n_files / end, import_s=d["import_s"], pure_s=pure,
                   pure_files_per_s=n_files / pure, pure_mb_per_s=info["mb"] / pure, tokens=d["tokens"])
        log(f"  end to end {end:.2f} s (import {d['import_s']:.2f} s), pure tokenizing {pure:.2f} s")
    else:
        tok["stderr"] = x.stderr[-1000:]
        log(f"  tokenizer failed: {x.stderr[-300:]}")
    res["tokenizer"] = tok

    # ---- 4. start-up
    one = next(p for p in sorted(corpus.iterdir()) if p.suffix == ".md")
    # Without --no-cache, runs 2 and 3 would answer from the result cache the
    # first one filled: "cold" is a new process that has to lint the file.
    cold = [*mh, *(["--no-cache"] if opts["--no-cache"] else []), f"corpus/{one.name}"]
    log(f"cold single file ({' '.join(cold[len(mh):])}), best of 3 ...")
    b, walls = best_of(3, lambda: run(cold, work, 300))
    res["cold_single"] = {"file": one.name, "bytes": one.stat().st_size, "best_s": b.wall, "runs_s": walls,
                          "peak_mb": b.peak_mb, "exit": b.rc, "command": " ".join(cold[len(mh):])}
    if opts["--cache-dir"]:
        # The first run ever: a new process, an empty cache folder.
        counter = iter(range(100))

        def first_run() -> Run:
            return run([*mh, "--cache-dir", str(work / f"empty-cache-{next(counter)}"), f"corpus/{one.name}"], work, 300)

        log("single file, first run (empty cache folder), best of 3 ...")
        b, walls = best_of(3, first_run)
        res["first_single"] = {"best_s": b.wall, "runs_s": walls, "peak_mb": b.peak_mb, "exit": b.rc}
        # An editor on save: a new process, the file changed since the last
        # run (its findings are not in the cache), everything else cached.
        edited = work / "edited.md"
        edited.write_bytes(one.read_bytes())
        single_cache = ["--cache-dir", str(work / "single-cache")]
        run([*mh, *single_cache, str(edited)], work, 300)

        def changed_run() -> Run:
            with open(edited, "ab") as handle:
                handle.write(b"\n")
            return run([*mh, *single_cache, str(edited)], work, 300)

        log("single file changed since the last run (cache on), best of 3 ...")
        b, walls = best_of(3, changed_run)
        res["changed_single"] = {"best_s": b.wall, "runs_s": walls, "peak_mb": b.peak_mb, "exit": b.rc}
    log("mhlint --version, best of 5 ...")
    b, walls = best_of(5, lambda: run([*mh, "--version"], work, 120))
    res["version"] = {"best_s": b.wall, "runs_s": walls}
    b, walls = best_of(5, lambda: run([sys.executable, "-c", "pass"], work, 120))
    res["python_startup"] = {"best_s": b.wall, "runs_s": walls}
    b, walls = best_of(3, lambda: run([sys.executable, "-c", "import mhlint.cli"], work, 120))
    res["import_cli"] = {"best_s": b.wall, "runs_s": walls}

    # ---- 5. cache
    if opts["--no-cache"]:
        cmd = [*base, *cache_args, "corpus"]
        log("cache: populating run ...")
        first = run(cmd, work, args.run_timeout, work / "out_cache1.json")
        log(f"  {first.wall:.2f} s")
        log("cache: cached re-run over the unchanged corpus (JSON output), best of 3 ...")
        b, walls = best_of(3, lambda: run(cmd, work, args.run_timeout, work / "out_cache2.json"))
        log(f"  {b.wall:.3f} s")
        quiet = [*mh, "check", "--isolated", "--select", "ALL", "--preview", "--report-unused-suppressions", "-q",
                 *cache_args, "corpus"]
        log("cache: cached re-run with concise -q output, best of 3 ...")
        bq, walls_q = best_of(3, lambda: run(quiet, work, args.run_timeout))
        log(f"  {bq.wall:.3f} s")
        res["cache"] = {"implemented": True, "populate_s": first.wall, "cached_best_s": b.wall, "runs_s": walls,
                        "cached_quiet_best_s": bq.wall, "quiet_runs_s": walls_q,
                        "files_linted": json_files(work / "out_cache2.json"),
                        "diagnostics": json_diagnostics(work / "out_cache2.json"),
                        "diagnostics_uncached": json_diagnostics(work / "out_cache1.json"),
                        "peak_mb": b.peak_mb, "files_per_s": n_files / b.wall}
    else:
        res["cache"] = {"implemented": False}
        log("cache: not implemented")

    # ---- 6. time against size
    res["sizes"] = []
    warm = work / "warm.md"
    build_sized(warm, 2_000)
    # spaCy loads only for a sentence a token rule must read: give the warm-up
    # one, so that no size's time includes the load.
    with warm.open("a", encoding="utf-8") as handle:
        handle.write("\nA dopamine detox resets your brain, and crying flushes toxins out of the body.\n")
    stop_after_timeout = False
    for size in sizes:
        path = work / f"article_{size}.md"
        actual = build_sized(path, size)
        reps = 3 if size <= 100_000 else 1
        row: dict[str, Any] = {"target_bytes": size, "bytes": actual}
        if stop_after_timeout:
            row["skipped"] = True
            res["sizes"].append(row)
            continue
        log(f"size {actual / MB:.2f} MB, best of {reps} (timeout {args.size_timeout:.0f} s) ...")
        x = run([sys.executable, "-c", SIZE_DRIVER, str(path), str(warm), str(reps)], work,
                args.size_timeout, work / "size.json")
        row["peak_mb"] = x.peak_mb
        if x.timed_out:
            row["timeout"] = True
            stop_after_timeout = True
            log("  timeout")
        elif x.rc != 0:
            row["error"] = x.stderr[-1000:]
            log(f"  failed: {x.stderr[-300:]}")
        else:
            d = json.loads((work / "size.json").read_text())
            row.update(best_s=min(d["runs"]), runs_s=d["runs"], s_per_mb=min(d["runs"]) / (actual / MB),
                       cpu_s_per_mb=min(d["cpu"]) / (actual / MB), diagnostics=d["diagnostics"])
            log(f"  {row['best_s']:.3f} s, {row['s_per_mb']:.2f} s/MB, {d['diagnostics']} diagnostics, "
                f"peak {x.peak_mb:.0f} MB")
        res["sizes"].append(row)
    done = [r for r in res["sizes"] if "best_s" in r]
    for a, b2 in zip(done, done[1:]):
        import math
        b2["exponent_vs_previous"] = math.log(b2["best_s"] / a["best_s"]) / math.log(b2["bytes"] / a["bytes"])

    res["machine"]["load_after"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    report(res, n_files)
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
        log(f"figures saved to {args.json}")
    return 0


# ------------------------------------------------------------------- report

def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def report(res: dict[str, Any], n_files: int) -> None:
    m, c = res["machine"], res["corpus"]
    print()
    print("mhlint benchmark")
    print(f"  machine : {m['cpu_count']} cores ({m['usable_cores']} usable), {m['platform']}, Python {m['python']}")
    print(f"  load    : before {_load(m['load_before'])}, after {_load(m['load_after'])}")
    print(f"  versions: mhlint {m['mhlint']}, proselint {m['proselint']}, spaCy {m['spacy']}"
          f"{', psutil ' + m['psutil'] if m['psutil'] else ''}")
    print(f"  corpus  : {c['files']} files ({c['txt']} .txt, {c['md']} .md; {c['seed_copies']} seed copies, "
          f"{c['corpus_copies']} tests/corpus copies), {c['mb']:.2f} MB, average {c['avg_kb']:.1f} KB")
    opts = res["options"]
    print(f"  options : --no-cache {'yes' if opts['--no-cache'] else 'no'}, --jobs {'yes' if opts['--jobs'] else 'no'}"
          f"{', --cache-dir yes' if opts['--cache-dir'] else ''}")
    if "bytecode" in res:
        print(f"  bytecode: {res['bytecode']['summary']}")
    rows: list[tuple[str, str, str, str]] = []

    pl, tok = res.get("proselint", {}), res["tokenizer"]
    pl_fps, tok_fps, tok_pure = pl.get("files_per_s"), tok.get("files_per_s"), tok.get("pure_files_per_s")
    for label, e in res["full"].items():
        name = f"mhlint full lint, {label}"
        if e.get("timed_out"):
            rows.append((name, "timeout", "", "FAIL"))
            continue
        if "files_per_s" not in e:
            rows.append((name, f"failed (exit {e.get('exit')})", "", "FAIL"))
            continue
        runs = f" (median of {len(e['runs_s'])})" if len(e["runs_s"]) > 1 else ""
        linted = "" if e["files_linted"] in (None, n_files) else f" [only {e['files_linted']} files linted!]"
        rows.append((name, f"{e['wall_s']:.2f} s{runs}: {e['files_per_s']:.1f} files/s, {e['mb_per_s']:.2f} MB/s{linted}",
                     "", ""))
        fps = e["files_per_s"]
        if pl_fps:
            r = fps / pl_fps
            rows.append(("  vs proselint (files/s ratio)", f"{r:.2f}x", f">= {TARGETS['vs_proselint']:g}x",
                         verdict(r >= TARGETS["vs_proselint"])))
        if tok_fps:
            r = fps / tok_fps
            rows.append(("  vs tokenizer, end to end", f"{r:.2f}x", f">= {TARGETS['vs_tokenizer']:g}x",
                         verdict(r >= TARGETS["vs_tokenizer"])))
        if tok_pure:
            r = fps / tok_pure
            rows.append(("  vs tokenizer, pure tokenizing", f"{r:.3f}x", f">= {TARGETS['vs_tokenizer']:g}x",
                         verdict(r >= TARGETS["vs_tokenizer"])))
        peak = max(e["maxrss_mb"], e.get("tree_peak_mb") or 0)
        how = "largest process" + (f"; process tree {e['tree_peak_mb']:.0f} MB" if e.get("tree_peak_mb") else "")
        rows.append(("  peak memory (RSS)", f"{peak:.0f} MB ({how})", f"< {TARGETS['peak_mb']:g} MB",
                     verdict(peak < TARGETS["peak_mb"])))
        rows.append(("  diagnostics / exit", f"{e['diagnostics']} / {e['exit']}", "", ""))

    if pl.get("skipped") or pl.get("missing"):
        rows.append(("proselint", "skipped" if pl.get("skipped") else "not installed", "", ""))
    elif pl.get("timed_out"):
        rows.append(("proselint", "timeout", "", ""))
    else:
        rows.append(("proselint", f"{pl['wall_s']:.2f} s: {pl['files_per_s']:.1f} files/s, {pl['mb_per_s']:.2f} MB/s, "
                                  f"peak {pl['peak_mb']:.0f} MB", "", ""))
    if tok_fps:
        rows.append(("spaCy blank('en') tokenizer, end to end",
                     f"{tok['end_to_end_s']:.2f} s (import {tok['import_s']:.2f} s): {tok_fps:.1f} files/s", "", ""))
        rows.append(("spaCy tokenizer, pure tokenizing (best of 3)",
                     f"{tok['pure_s']:.3f} s: {tok_pure:,.0f} files/s, {tok['pure_mb_per_s']:.1f} MB/s", "", ""))
    else:
        rows.append(("spaCy tokenizer", "failed", "", ""))

    cs = res["cold_single"]
    cold_target = f"< {TARGETS['cold_single_s']:g} s"
    rows.append((f"cold single file ({cs['bytes'] / 1000:.1f} KB .md), best of 3:", "", "", ""))
    if "changed_single" in res:
        ch = res["changed_single"]["best_s"]
        rows.append(("  an edited file, the cache folder of earlier runs", f"{ch:.3f} s", cold_target,
                     verdict(ch < TARGETS["cold_single_s"])))
    if "first_single" in res:
        fs = res["first_single"]["best_s"]
        rows.append(("  the first run ever (empty cache folder)", f"{fs:.3f} s", cold_target,
                     verdict(fs < TARGETS["cold_single_s"])))
    rows.append(("  with --no-cache", f"{cs['best_s']:.3f} s", cold_target, verdict(cs["best_s"] < TARGETS["cold_single_s"])))
    v = res["version"]
    rows.append(("mhlint --version (best of 5)", f"{v['best_s']:.3f} s", f"< {TARGETS['version_s']:g} s",
                 verdict(v["best_s"] < TARGETS["version_s"])))
    rows.append(("  for reference: python -c pass / import mhlint.cli",
                 f"{res['python_startup']['best_s']:.3f} s / {res['import_cli']['best_s']:.3f} s", "", ""))

    ca = res["cache"]
    if ca["implemented"]:
        same = "" if ca["diagnostics"] == ca["diagnostics_uncached"] else \
            f" [diagnostics differ: {ca['diagnostics']} vs {ca['diagnostics_uncached']}]"
        scaled = "" if n_files == 1000 else f" ({n_files} files)"
        rows.append((f"cached re-run{scaled}, JSON output, best of 3", f"{ca['cached_best_s']:.3f} s (populating run "
                     f"{ca['populate_s']:.2f} s){same}", f"< {TARGETS['cached_s']:g} s (1,000 files)",
                     verdict(ca["cached_best_s"] < TARGETS["cached_s"])))
        rows.append(("  the same with concise -q output", f"{ca['cached_quiet_best_s']:.3f} s",
                     f"< {TARGETS['cached_s']:g} s (1,000 files)", verdict(ca["cached_quiet_best_s"] < TARGETS["cached_s"])))
    else:
        rows.append(("cache", "cache: not implemented", f"< {TARGETS['cached_s']:g} s (1,000 files)", "n/a"))

    linear: bool | None = None
    big = [r for r in res["sizes"] if "best_s" in r and r["bytes"] >= 100_000]
    for r in res["sizes"]:
        label = f"one article, {r['bytes'] / MB:.2f} MB"
        if r.get("skipped"):
            rows.append((label, "skipped (a smaller size timed out)", "", ""))
        elif r.get("timeout"):
            rows.append((label, "timeout", "linear", "FAIL"))
            linear = False
        elif "error" in r:
            rows.append((label, "failed", "", ""))
        else:
            exp = f", exponent {r['exponent_vs_previous']:.2f}" if "exponent_vs_previous" in r else ""
            rows.append((label, f"{r['best_s']:.3f} s, {r['s_per_mb']:.2f} s/MB (CPU {r['cpu_s_per_mb']:.2f}){exp}, "
                                f"peak {r['peak_mb']:.0f} MB", "", ""))
    if linear is None and len(big) >= 2:
        ratio = big[-1]["s_per_mb"] / big[0]["s_per_mb"]
        linear = ratio <= 1.5
        cpu_ratio = big[-1]["cpu_s_per_mb"] / big[0]["cpu_s_per_mb"]
        rows.append(("  growth (s/MB, largest vs 0.1 MB)", f"{ratio:.2f}x (CPU time {cpu_ratio:.2f}x)", "linear (<= 1.5x)",
                     verdict(linear)))
    res["linear"] = linear

    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    w2 = max(len(r[2]) for r in rows)
    print()
    print(f"{'figure'.ljust(w0)}  {'value'.ljust(w1)}  {'target'.ljust(w2)}  status")
    print(f"{'-' * w0}  {'-' * w1}  {'-' * w2}  ------")
    for a, b, t, s in rows:
        print(f"{a.ljust(w0)}  {b.ljust(w1)}  {t.ljust(w2)}  {s}")
    print()
    print("Times are wall clock of a fresh subprocess unless marked pure; sizes are timed in-process after a warm-up.")


def _load(v: Any) -> str:
    return "-" if not v else " ".join(f"{x:.2f}" for x in v)


if __name__ == "__main__":
    sys.exit(main())
