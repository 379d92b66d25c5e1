"""Speed of checking one 10,000-unit PO file: tqcheck against pofilter (Translate Toolkit).

Builds (once, deterministically) bench/out/biomqm-es-en-10000.po from real text: the
es->en Bio-MQM segments (../shared/eval/biomqm_x2en.jsonl, source -> human reference),
split into sentence pairs where both sides have the same number of sentences, cycled until
there are 10,000 units, each with a unique msgctxt so every entry is distinct. Written with
polib. Then times, alternating, 3 runs of each:
  - `tqcheck check --no-embeddings --format json -j 1 FILE`;
  - `pofilter FILE OUT.po` (Translate Toolkit: GPL, a benchmark peer only, never a
    dependency; install it with `pip install translate-toolkit`; skipped if missing).
Prints median wall times, the ratio pofilter/tqcheck (goal: tqcheck >= 10x faster), peak
RSS (from /usr/bin/time -v when present, else the child's rusage), and tqcheck's finding
count beside pofilter's failure count for context.

    /tmp/v/bin/python bench/po_speed.py [--units 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polib

from common import EVAL, REPO, machine
from tqcheck.sentences import split_sentences

OUT = REPO / "bench" / "out"
DATA = EVAL / "biomqm_x2en.jsonl"
TIME = Path("/usr/bin/time")
_MAXRSS = re.compile(r"Maximum resident set size \(kbytes\):\s*(\d+)")
_POFILTER_NOTE = re.compile(r"^# \(pofilter\) ([\w-]+):", re.MULTILINE)


@dataclass(frozen=True)
class Run:
    """One timed command run."""

    seconds: float
    rss_mb: float
    code: int
    stdout: str


def pairs(path: Path = DATA) -> Iterator[tuple[str, str, str]]:
    """(id, source, target) units of es->en: sentence pairs where the counts agree."""
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["lp"] != "es-en" or not record["reference"]:
            continue
        source, target = record["source"], record["reference"]
        left = [source[s:e] for s, e in split_sentences(source)]
        right = [target[s:e] for s, e in split_sentences(target)]
        if len(left) == len(right) > 1:
            for index, (src, tgt) in enumerate(zip(left, right, strict=True)):
                yield f"{record['id']}:{index}", src, tgt
        else:
            yield record["id"], source, target


def build_po(target: Path, units: int) -> tuple[int, int]:
    """Write the PO file; return (distinct pairs, passes over them)."""
    base = list(pairs())
    catalogue = polib.POFile(wrapwidth=0)
    catalogue.metadata = {
        "Project-Id-Version": "tqcheck bench",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Language": "en",
        "X-Source-Language": "es",
    }
    for index in range(units):
        unit_id, source, translation = base[index % len(base)]
        context = f"pass{index // len(base)}:{unit_id}"
        catalogue.append(polib.POEntry(msgctxt=context, msgid=source, msgstr=translation))
    target.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(target))
    return len(base), -(-units // len(base))


def timed(command: list[str]) -> Run:
    """Wall time, peak RSS (MB), exit code and stdout of a command."""
    wrapped = [str(TIME), "-v", *command] if TIME.exists() else command
    start = time.perf_counter()
    process = subprocess.Popen(wrapped, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)  # fmt: skip
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    if TIME.exists() and (match := _MAXRSS.search(stderr)):
        rss = int(match.group(1)) / 1024
    else:
        import resource

        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # max so far
    return Run(seconds, rss, process.returncode, stdout)


def pofilter_command(bindir: Path) -> list[str] | None:
    """The pofilter executable, if Translate Toolkit is importable."""
    try:
        import translate  # noqa: F401
    except ImportError:
        return None
    found = shutil.which("pofilter", path=str(bindir)) or shutil.which("pofilter")
    return [found, "--progress=none"] if found else None


def pofilter_failures(path: Path) -> tuple[int, int, Counter[str]]:
    """(failing units, failures, failures per test) from pofilter's output file."""
    if not path.exists():
        return 0, 0, Counter()
    text = path.read_text(encoding="utf-8")
    tests = Counter(_POFILTER_NOTE.findall(text))
    units = sum(1 for entry in polib.pofile(text) if "(pofilter)" in entry.comment + entry.tcomment)
    return units, sum(tests.values()), tests


def tqcheck_findings(stdout: str) -> Counter[str]:
    """Findings per rule code from tqcheck's JSON report."""
    report = json.loads(stdout)
    return Counter(f["code"] for f in report["findings"])


def median_line(name: str, runs: list[Run]) -> str:
    seconds = statistics.median(r.seconds for r in runs)
    rss = max(r.rss_mb for r in runs)
    each = ", ".join(f"{r.seconds:.2f}" for r in runs)
    return (f"{name:9s} median {seconds:6.2f} s  (runs: {each})  peak RSS {rss:5.0f} MB  "
            f"exit {runs[-1].code}")  # fmt: skip


def main() -> int:
    """Build the PO file if needed, time both tools alternately, print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    po = OUT / f"biomqm-es-en-{args.units}.po"
    filtered = OUT / f"biomqm-es-en-{args.units}.pofilter.po"
    print(f"machine: {machine()}; os.cpu_count() = {os.cpu_count()}")
    print(f"command: {Path(sys.executable).name} {' '.join(sys.argv)}")
    if not po.exists():
        distinct, passes = build_po(po, args.units)
        print(f"built {po.relative_to(REPO)}: {distinct} distinct es->en units, {passes} passes")
    size = po.stat().st_size / 1_000_000
    print(f"input: {po.relative_to(REPO)}, {args.units} units, {size:.1f} MB")
    bindir = Path(sys.executable).parent
    tqcheck = [str(bindir / "tqcheck"), "check", "--no-embeddings", "--format", "json",
               "-j", "1", str(po)]  # fmt: skip
    pofilter = pofilter_command(bindir)
    pofilter_run = [*pofilter, str(po), str(filtered)] if pofilter else None
    print(f"$ {' '.join(tqcheck)}")
    if pofilter_run:
        print(f"$ {' '.join(pofilter_run)}")
    else:
        print("pofilter: Translate Toolkit is not importable (pip install translate-toolkit, "
              "GPL: a benchmark peer only); timing tqcheck alone")  # fmt: skip
    print(f"peak RSS from: {'/usr/bin/time -v' if TIME.exists() else 'rusage of children'}")
    ours: list[Run] = []
    theirs: list[Run] = []
    for _ in range(args.runs):
        ours.append(timed(tqcheck))
        if pofilter_run:
            filtered.unlink(missing_ok=True)
            theirs.append(timed(pofilter_run))
    print(median_line("tqcheck", ours))
    findings = tqcheck_findings(ours[-1].stdout)
    top = ", ".join(f"{code} {n}" for code, n in findings.most_common(8))
    print(f"  tqcheck findings: {sum(findings.values())} ({top})")
    if not pofilter_run:
        return 0
    print(median_line("pofilter", theirs))
    units, failures, tests = pofilter_failures(filtered)
    top = ", ".join(f"{test} {n}" for test, n in tests.most_common(8))
    print(f"  pofilter failures: {failures} in {units} units ({top})")
    ratio = statistics.median(r.seconds for r in theirs) / statistics.median(
        r.seconds for r in ours
    )
    verdict = "OK" if ratio >= 10 else "NOT MET"
    print(f"speed ratio pofilter / tqcheck: {ratio:.2f}x (goal: >= 10x) {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
