"""Speed of `tqcheck report` over 1,000 articles (goal: under a minute, rules only).

The articles are the seed plus the clean English news split into pseudo-documents (20
consecutive lines of one corpus part each), cycled until there are N, written once to a
temporary folder. Times, in one run:
  - in process: collecting the report (read, match, classify) and rendering each format;
  - end to end: `tqcheck report DIR --format html -o OUT` as a subprocess (start-up, reading,
    matching, rendering, atomic write), median of --runs.
Prints machine info, article and word counts, the times and the HTML size.

    /tmp/v/bin/python bench/report_speed.py [--articles 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import REPO, clean_news_documents, machine
from tqcheck.compliance import collect_paths
from tqcheck.config import Config
from tqcheck.report.compliance_html import render_html
from tqcheck.report.compliance_json import render_json
from tqcheck.report.compliance_text import render_csv, render_markdown

SEED = REPO / "seeds" / "000_1aa45f20a4da3534.txt"
RENDERERS = {"html": render_html, "md": render_markdown, "csv": render_csv, "json": render_json}


def write_articles(folder: Path, count: int) -> int:
    """Write `count` articles (seed first, then the news cycled); return their words."""
    texts = [SEED.read_text(encoding="utf-8"), *(t for _, t, _ in clean_news_documents())]
    words = 0
    for index, text in enumerate(itertools.islice(itertools.cycle(texts), count)):
        (folder / f"article_{index:04d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def in_process(folder: Path) -> None:
    """Time collecting once and rendering every format."""
    start = time.perf_counter()
    report = collect_paths([str(folder)], Config())
    collected = time.perf_counter() - start
    print(f"collect (read, match, classify): {collected:6.2f} s   "
          f"{len(report.files)} files, {report.totals.wrong} wrong forms, "
          f"{len(report.concepts)} concepts seen")  # fmt: skip
    for name, render in RENDERERS.items():
        start = time.perf_counter()
        text = render(report)
        print(f"render {name:<4}: {time.perf_counter() - start:6.2f} s   {len(text) / 1e3:8.1f} kB")


def end_to_end(folder: Path, runs: int) -> None:
    """Median wall time of the CLI, start-up included."""
    out = folder.parent / "report.html"
    command = [sys.executable, "-m", "tqcheck", "report", str(folder), "--format", "html",
               "-o", str(out)]  # fmt: skip
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"tqcheck report failed ({done.returncode}): {done.stderr}")
    print(
        f"tqcheck report DIR --format html -o OUT: median {statistics.median(times):.2f} s "
        f"over {runs} run(s) (min {min(times):.2f} s); HTML {out.stat().st_size / 1e3:.0f} kB"
    )


def main() -> None:
    """Build the articles, time the report, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory(prefix="tqcheck-report-bench-") as temp:
        folder = Path(temp) / "articles"
        folder.mkdir()
        words = write_articles(folder, args.articles)
        print(f"articles: {args.articles}, {words:,} words (seed + clean news, cycled)")
        in_process(folder)
        end_to_end(folder, args.runs)


if __name__ == "__main__":
    main()
