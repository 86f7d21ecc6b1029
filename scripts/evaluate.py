#!/usr/bin/env python3
"""Per-category precision, recall and F1 of mhlint on labelled corpora.

Usage:
    python3 scripts/evaluate.py                 # the seeds and every folder of tests/corpus
    python3 scripts/evaluate.py DIR [DIR ...]   # any folders holding a labels.json
    python3 scripts/evaluate.py -v ...          # also list each false positive and miss

Each folder is linted with the default settings (every bundled rule, no
configuration file, no cache) and scored with ``mhlint.evaluation``; the
findings on articles labelled clean are listed after each table, since a
clean article should get none.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mhlint.engine.lint import lint_paths
from mhlint.evaluation import clean_files, format_table, load_labels, micro, score
from mhlint.settings.model import Settings

ROOT = Path(__file__).resolve().parent.parent


def folders(given: list[str]) -> list[Path]:
    if given:
        return [Path(g) for g in given]
    return [ROOT / "seeds", *sorted(p.parent for p in (ROOT / "tests" / "corpus").glob("*/labels.json"))]


def evaluate(folder: Path, verbose: bool) -> tuple[int, int, int, int]:
    labels = load_labels(folder / "labels.json")
    files = [str(folder / name) for name in sorted(labels) if (folder / name).is_file()]
    report = lint_paths(files, Settings())
    found = [(d.path, d.line, d.category) for d in report.diagnostics]
    table = score(labels, found)
    print(format_table(f"\n== {folder.name} ({len(files)} articles, {len(clean_files(labels))} clean)", table))
    clean = set(clean_files(labels))
    on_clean = [d for d in report.diagnostics if Path(d.path).name in clean]
    print(f"findings on clean articles: {len(on_clean)}")
    for d in on_clean:
        print(f"  {Path(d.path).name}:{d.line}:{d.column} {d.code} {d.match[:70]!r}")
    if verbose:
        by_key = {(Path(d.path).name, d.line, d.category): d for d in report.diagnostics}
        for cat, row in table.items():
            for key in row.fp:
                d = by_key.get(key)
                print(f"  FP {cat:<12} {key[0]}:{key[1]} {d.code if d else ''} {d.match[:70]!r}" if d else f"  FP {key}")
            for key in row.fn:
                print(f"  FN {cat:<12} {key[0]}:{key[1]}")
    m = micro(table)
    return m.labels, m.tp, len(m.fp), len(on_clean)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    for folder in folders(args.folders):
        if not (folder / "labels.json").is_file():
            print(f"evaluate.py: {folder}: no labels.json", file=sys.stderr)
            return 2
        evaluate(folder, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
