"""Shared helpers for the benchmarks: eval data location and the clean news documents."""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The eval data sits beside the checkout; a clone elsewhere finds it through TQCHECK_EVAL.
EVAL = Path(os.environ.get("TQCHECK_EVAL", REPO.parent / "shared" / "eval"))
if not EVAL.exists() and Path("/work/shared/eval").exists():
    EVAL = Path("/work/shared/eval")
CLEAN_NEWS = EVAL / "clean_news_en.jsonl"
DOC_LINES = 20  # the file has no document ids: consecutive lines form pseudo-documents


def clean_news_documents(path: Path = CLEAN_NEWS) -> Iterator[tuple[str, str, int]]:
    """(name, text, sentences) of pseudo-documents: runs of DOC_LINES consecutive lines of
    one corpus part, joined as paragraphs, in file order."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    chunk: list[dict] = []
    for record in records:
        if chunk and (len(chunk) == DOC_LINES or _part(chunk[-1]) != _part(record)):
            yield _document(chunk)
            chunk = []
        chunk.append(record)
    if chunk:
        yield _document(chunk)


def _part(record: dict) -> tuple[str, str]:
    return record["lp"], record["kind"]


def _document(chunk: list[dict]) -> tuple[str, str, int]:
    name = f"{chunk[0]['lp']}:{chunk[0]['kind']}:{chunk[0]['line']}-{chunk[-1]['line']}"
    text = "\n\n".join(r["text"] for r in chunk) + "\n"
    return name, text, sum(r["n_sentences"] for r in chunk)


def machine() -> str:
    """One line describing this machine for benchmark reports."""
    cpus = _cpu_model()
    return f"{platform.system()} {platform.machine()}, {cpus}, Python {platform.python_version()}"


def _cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return "unknown CPU"
    models = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    return f"{len(models)} x {models[0]}" if models else "unknown CPU"
