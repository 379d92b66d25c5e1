"""Speed of a default run with embeddings (all rules + TQ301, packaged model, CPU).

Cold start: a fresh process that imports tqcheck, loads the model and checks one article
(the reference-vector cache is cleared first, then warm). Warm throughput: 800-word
articles per minute in one process after the first, all rules. Peak RSS of that process.
Articles are cut from ../shared/eval/clean_news_en.jsonl, so phrases repeat as little as in
real news (no two articles share text).

    /tmp/v/bin/python bench/embedding_speed.py [--articles 60]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

from common import CLEAN_NEWS, REPO, clean_news_documents, machine
from tqcheck.config import Config
from tqcheck.document import Document
from tqcheck.engine import Checker

WORDS = 800


def articles(count: int) -> list[str]:
    """Distinct 800-word articles cut from the clean news, paragraph by paragraph."""
    out, current, words = [], [], 0
    for _, text, _ in clean_news_documents(CLEAN_NEWS):
        for paragraph in text.split("\n\n"):
            current.append(paragraph)
            words += len(paragraph.split())
            if words >= WORDS:
                out.append("\n\n".join(current))
                current, words = [], 0
                if len(out) == count:
                    return out
    return out


def cold_start(text: str, cache_dir: str) -> float:
    """Seconds for a new process to import, load the model and check one article."""
    code = ("import sys, time; t = time.perf_counter(); from tqcheck.engine import check_text;"
            "check_text(sys.stdin.read()); print(time.perf_counter() - t)")  # fmt: skip
    env = {**os.environ, "TQCHECK_CACHE_DIR": cache_dir}
    result = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True,
                            text=True, check=True, env=env, cwd=REPO)  # fmt: skip
    return float(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    args = parser.parse_args()
    texts = articles(args.articles + 1)
    print(f"# TQ301 speed on {machine()}; {len(texts) - 1} warm articles of ~{WORDS} words")
    with tempfile.TemporaryDirectory() as cache_dir:
        empty = cold_start(texts[0], cache_dir)
        cached = cold_start(texts[0], cache_dir)
    print(f"cold start (import + model load + first article): {empty:.1f}s with an empty "
          f"reference cache, {cached:.1f}s with it cached")  # fmt: skip
    checker = Checker.from_config(Config())
    checker.check(Document.from_text(texts[0]))  # loads the model and the index
    start = time.perf_counter()
    for index, text in enumerate(texts[1:]):
        checker.check(Document.from_text(text, path=f"article-{index}"))
    elapsed = time.perf_counter() - start
    rate = 60 * (len(texts) - 1) / elapsed
    print(f"warm: {rate:.0f} articles/min ({elapsed / (len(texts) - 1) * 1000:.0f} ms per "
          f"article), all rules with embeddings, one process (goal >= 100)")  # fmt: skip
    baseline = Checker.from_config(Config(embeddings=False))
    start = time.perf_counter()
    for text in texts[1:]:
        baseline.check(Document.from_text(text))
    rules_only = 60 * (len(texts) - 1) / (time.perf_counter() - start)
    print(f"for comparison, --no-embeddings: {rules_only:.0f} articles/min")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
