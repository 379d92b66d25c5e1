"""Throughput of a rules-only check against codespell, on the same 50 MB of news-like text.

Generates (once, deterministically, under bench/out/) a corpus of news-like files built from
the clean news and the seed article with artifacts sprinkled in, and a 10,000-concept
glossary (the shipped concepts plus generated ones). Then times, in one run:
  - `tqcheck check --format json --glossary <10k> --fail-on error` over the corpus;
  - `codespell` over the same files (GPL-2.0, so only a benchmark tool: not a dependency;
    install it with `pip install codespell==2.4.3`).
and prints MB/s for both and the ratio.

    .venv/bin/python bench/throughput.py [--mb 50] [--concepts 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from common import REPO, clean_news_documents, machine
from tqcheck.engine import default_jobs

OUT = REPO / "bench" / "out"
SEED = REPO / "seeds" / "000_1aa45f20a4da3534.txt"
SYLLABLES = "ka lo mi ra ven tor sul an ber ko vi na del gar os tin pre lu mar zen".split()


def build_corpus(target: Path, megabytes: int, file_kb: int = 500) -> int:
    """Write news-like files of about `file_kb` KB until `megabytes` MB; return the bytes."""
    paragraphs = [p for _, text, _ in clean_news_documents() for p in text.split("\n\n")]
    paragraphs += SEED.read_text(encoding="utf-8").split("\n\n")
    rng = random.Random(0)
    target.mkdir(parents=True, exist_ok=True)
    total, index = 0, 0
    while total < megabytes * 1_000_000:
        # Each file draws paragraphs without repetition, like a real set of articles.
        pool = rng.sample(paragraphs, len(paragraphs))
        chunks, size = [], 0
        while size < file_kb * 1000 and pool:
            paragraph = pool.pop().strip()
            chunks.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 2
        data = "\n\n".join(chunks) + "\n"
        (target / f"news-{index:04d}.txt").write_text(data, encoding="utf-8")
        total += len(data.encode("utf-8"))
        index += 1
    return total


def build_glossary(target: Path, concepts: int) -> None:
    """Write a glossary of `concepts` entries: generated organisations, places and people."""
    rng = random.Random(1)
    entries = []
    for index in range(concepts):
        name = " ".join(_word(rng).capitalize() for _ in range(rng.choice((1, 2, 3))))
        entries.append(
            {
                "id": f"gen.{index}",
                "class": rng.choice(("organisation", "place", "person", "calque")),
                "preferred": name,
                "admitted": [name.upper()] if " " in name else [],
                "deprecated": [f"{name} {_word(rng)}"],
                "source": {"es": [f"{_word(rng)} {name}"]},
                "provenance": "generated for bench/throughput.py",
            }
        )
    header = {"id": "bench-10k", "source_lang": "es", "target_lang": "en"}
    document = {"glossary": header, "concepts": entries}
    target.write_text(
        yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


def timed(command: list[str]) -> tuple[float, int, float]:
    """Wall-clock seconds, exit code and peak RSS in MB of a command (output discarded)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    return seconds, os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024


def main() -> int:
    """Build the inputs if needed, time both tools, print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--concepts", type=int, default=10_000)
    args = parser.parse_args()
    corpus = OUT / f"corpus-{args.mb}mb"
    glossary = OUT / f"glossary-{args.concepts}.yaml"
    if not corpus.exists():
        build_corpus(corpus, args.mb)
    if not glossary.exists():
        build_glossary(glossary, args.concepts)
    size = sum(p.stat().st_size for p in corpus.glob("*.txt")) / 1_000_000
    bindir = Path(sys.executable).parent
    # Rules only: embedding speed has its own bench (embedding_speed.py).
    tqcheck = [str(bindir / "tqcheck"), "check", "--no-embeddings", str(corpus),
               "--glossary", str(glossary), "--glossary", str(REPO / "glossaries" / "es-en.yaml"),
               "--format", "json", "--fail-on", "error"]  # fmt: skip
    print(f"machine: {machine()}")
    files = len(list(corpus.glob("*.txt")))
    print(f"corpus: {size:.1f} MB in {files} files; glossary: {args.concepts} generated "
          "concepts + the shipped es-en glossary")  # fmt: skip
    runs = {}
    for jobs in (1, default_jobs()):
        seconds, code, rss = timed([*tqcheck, "--jobs", str(jobs)])
        runs[jobs] = seconds
        print(f"tqcheck --jobs {jobs}: {seconds:6.1f} s  {size / seconds:6.2f} MB/s  "
              f"peak RSS {rss:5.0f} MB (main process)  exit {code}")  # fmt: skip
    codespell = shutil.which("codespell", path=str(bindir)) or shutil.which("codespell")
    if codespell is None:
        print("codespell: not installed (pip install codespell==2.4.3); no ratio")
        return 0
    spell_seconds, _, spell_rss = timed([codespell, str(corpus)])
    print(f"codespell:        {spell_seconds:6.1f} s  {size / spell_seconds:6.2f} MB/s  "
          f"peak RSS {spell_rss:5.0f} MB")  # fmt: skip
    for jobs, seconds in runs.items():
        print(f"speed ratio tqcheck --jobs {jobs} / codespell: {spell_seconds / seconds:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
