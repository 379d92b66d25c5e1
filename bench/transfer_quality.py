"""TQ503 (number-mismatch) and TQ504 (placeholder-mismatch) on real translations.

Human references are checked against their sources: a finding there is a false alarm
unless the reference itself is wrong, so their rate per 100 segments is the rule's noise
floor (goal: below 1). MT outputs of Bio-MQM are checked too, and each finding is set
against the raters' MQM error spans: a finding that overlaps a rated error (any error for
a whole-segment finding) is "confirmed"; last, the share of rated errors on numbers that
TQ503 finds (dates written the British way and the like are not its business).

    .venv/bin/python bench/transfer_quality.py [--show 15] [--unknown-source]

`--unknown-source` reads every source with no language (all readings), as the examples do.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from common import EVAL, machine
from tqcheck.model import Hit
from tqcheck.rules.transfer import number_hits, placeholder_hits


@dataclass(frozen=True)
class Pair:
    """One source and one translation, with the MQM target spans rated on it, if any."""

    name: str
    lang: str
    target_lang: str
    source: str
    target: str
    errors: tuple[tuple[int, int, str], ...] = ()


def references(path: Path, lp_field: str = "lp") -> Iterator[Pair]:
    """(source, human reference) pairs of a JSONL file with `source`, `reference`, `lp`."""
    for line in path.open(encoding="utf-8"):
        record = json.loads(line)
        if record.get("reference"):
            src, tgt = record[lp_field].split("-")
            yield Pair(record["id"], src, tgt, record["source"], record["reference"])


def mt_outputs(path: Path) -> Iterator[Pair]:
    """(source, MT) pairs of an MQM file, with every rater's target error spans."""
    for line in path.open(encoding="utf-8"):
        record = json.loads(line)
        src, tgt = record["lp"].split("-")
        for output in record["translations"]:
            if output["is_human_reference"] or not output["mt"]:
                continue
            errors = tuple(_span(e) for rating in output["ratings"] for e in rating["errors"])
            yield Pair(f"{record['id']}:{output['system']}", src, tgt, record["source"],
                       output["mt"], errors)  # fmt: skip


def _span(error: dict) -> tuple[int, int, str]:
    """A rated error as a target span; omissions (rated on the source) span nothing."""
    if error["side"] == "target" and error["start"] is not None:
        return error["start"], error["end"], error["category"]
    return -1, -1, error["category"]


def findings(pair: Pair, unknown_source: bool) -> list[tuple[str, Hit]]:
    """Both rules' hits on one pair, as the rules compute them (segment skips included)."""
    if not pair.target.strip() or pair.target.strip() == pair.source.strip():
        return []
    lang = None if unknown_source else pair.lang
    numbers = number_hits(pair.source, pair.target, lang, pair.target_lang)
    holders = placeholder_hits(pair.source, pair.target)
    return [("TQ503", h) for h in numbers] + [("TQ504", h) for h in holders]


def confirmed(pair: Pair, hit: Hit) -> bool:
    """Whether a rater marked an error where the finding is (any error, even an omission
    rated on the source, for a finding over the whole segment)."""
    whole = hit.end - hit.start >= len(pair.target.strip()) - 1
    return any(whole or (s < hit.end and hit.start < e) for s, e, _ in pair.errors)


def report(title: str, pairs: list[Pair], show: int, unknown: bool, mqm: bool = False) -> None:
    """Print the finding rates of one corpus and its first `show` findings."""
    started = time.perf_counter()
    found = [(pair, code, hit) for pair in pairs for code, hit in findings(pair, unknown)]
    seconds = time.perf_counter() - started
    per_code = Counter(code for _, code, _ in found)
    kinds = Counter(f"{code}:{hit.evidence.get('kind', '-')}" for _, code, hit in found)
    print(f"\n## {title}: {len(pairs)} segments, {seconds:.1f} s")
    for code in ("TQ503", "TQ504"):
        print(f"  {code}: {per_code[code]} findings = {100 * per_code[code] / len(pairs):.2f} "
              "per 100 segments")  # fmt: skip
    print("  by kind:", ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) or "none")
    if mqm and found:
        hits = sum(confirmed(pair, hit) for pair, _, hit in found)
        print(f"  overlapping a rated MQM error: {hits}/{len(found)} = {hits / len(found):.0%}")
    for pair, code, hit in found[:show]:
        mark = (" [MQM]" if confirmed(pair, hit) else " [no MQM]") if mqm else ""
        print(f"  - {pair.name} {code}{mark}: {hit.message}")
        print(f"      src: {pair.source[:220]}")
        print(f"      tgt: {pair.target[:220]}")


def number_recall(path: Path) -> None:
    """Print how many rated MQM target errors whose span holds a digit a TQ503 finding overlaps."""
    rated, found = Counter(), Counter()
    for line in path.open(encoding="utf-8"):
        record = json.loads(line)
        for output in record["translations"]:
            if output["is_human_reference"] or not output["mt"]:
                continue
            hits = None
            for error in (e for rating in output["ratings"] for e in rating["errors"]):
                if error["side"] != "target" or not re.search(r"\d", error["span"] or ""):
                    continue
                if hits is None:
                    hits = number_hits(record["source"], output["mt"], record["lp"][:2], "en")
                rated[error["tq_class"]] += 1
                found[error["tq_class"]] += any(h.start < error["end"] and error["start"] < h.end
                                                for h in hits)  # fmt: skip
    print("\n## Recall: rated MT errors with a digit in their span, overlapped by TQ503")
    for cls, total in rated.most_common():
        print(f"  {cls}: {found[cls]}/{total}")


def main() -> None:
    """Run the measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=15, help="findings printed per corpus")
    parser.add_argument("--unknown-source", action="store_true",
                        help="read sources with no language (every reading)")  # fmt: skip
    args = parser.parse_args()
    print(f"# TQ503/TQ504 on real translations ({machine()})")
    print("source language:", "unknown (all readings)" if args.unknown_source else "known")
    bio = EVAL / "biomqm_x2en.jsonl"
    term = EVAL / "terminology"
    corpora = [
        ("Bio-MQM es/fr/pt->en references", list(references(bio)), False),
        ("WMT23 terminology de->en references", list(references(term / "wmt23_term_deen.jsonl")),
         False),
        ("WMT21 TICO-19 en->fr references",
         list(references(term / "wmt21_term_enfr_tico19.jsonl")), False),
        ("Bio-MQM es/fr/pt->en MT outputs", list(mt_outputs(bio)), True),
    ]  # fmt: skip
    for title, pairs, mqm in corpora:
        report(title, pairs, args.show, args.unknown_source, mqm)
    number_recall(bio)


if __name__ == "__main__":
    main()
