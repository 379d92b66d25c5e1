"""Precision of tqcheck's findings against expert MQM error spans (Bio-MQM es/fr/pt -> en).

Every MT output of ../shared/eval/biomqm_x2en.jsonl is checked with all rules (embeddings
off) as a one-unit bilingual document: the unit's source is the segment's source, its
target the MT text, and the file text is the MT text itself, so finding offsets are
offsets into the MT. A finding is *confirmed* when its [start, end) overlaps a target-side
error span of any rater on that output (a zero-width finding: when it touches one); the
MQM tq_class of the spans it overlaps is kept. Printed per rule: findings, confirmed,
share, top tq_classes, and a few unconfirmed findings to judge by eye. The human
references (rated like the MT in Bio-MQM: systems "reference" and "reference_r1") are
checked the same way and printed separately.

A finding that covers the whole unit (TQ5xx) is confirmed whenever the output has any
error: compare its share with the "chance" line (outputs with at least one target span).

    /tmp/v/bin/python bench/mqm_precision.py [--examples 4] [--sample N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from common import EVAL, machine
from tqcheck.config import Config
from tqcheck.engine import Checker
from tqcheck.formats.base import ParsedFile, RawSegment, TextPiece, build_document
from tqcheck.model import Finding

DATA = EVAL / "biomqm_x2en.jsonl"
WHOLE = 0.9  # a finding spanning this share of the target counts as a whole-unit finding


@dataclass(frozen=True)
class Output:
    """One translation of one segment with its target-side error spans."""

    id: str
    lp: str
    system: str
    human: bool
    source: str
    text: str
    spans: tuple[tuple[int, int, str, str], ...]  # start, end, category, tq_class
    omissions: int  # source-side spans (omissions) of any rater


@dataclass
class RuleTally:
    """Findings of one rule on one kind of text (MT or human)."""

    findings: int = 0
    confirmed: int = 0
    whole: int = 0  # findings covering the whole target (confirmed by any error at all)
    omission: int = 0  # unconfirmed, but a rater marked a source-side span (an omission)
    classes: Counter[str] = field(default_factory=Counter)
    unconfirmed: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)


@dataclass
class Tally:
    """All rules on one kind of text."""

    outputs: int = 0
    with_errors: int = 0
    rules: dict[str, RuleTally] = field(default_factory=dict)


def outputs(path: Path) -> Iterator[Output]:
    """Every translation of every segment, in file order."""
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for index, item in enumerate(record["translations"]):
            spans = tuple((e["start"], e["end"], e["category"], e["tq_class"])
                          for rating in item["ratings"] for e in rating["errors"]
                          if e["side"] == "target" and e["start"] is not None)  # fmt: skip
            omissions = sum(e["side"] == "source" for r in item["ratings"] for e in r["errors"])
            yield Output(f"{record['id']}#{index}", record["lp"], item["system"],
                         item["is_human_reference"], record["source"], item["mt"],
                         spans, omissions)  # fmt: skip


def check(checker: Checker, output: Output) -> list[Finding]:
    """Findings on a one-unit document whose file text is the MT: offsets are MT offsets."""
    text = output.text
    target = (TextPiece(text, 0, len(text)),) if text else ()
    unit = RawSegment("1", output.source, target, anchor=0)
    parsed = ParsedFile((unit,), output.lp[:2], "en")
    return checker.check(build_document(output.id, text, "csv", parsed))


def overlapped(finding: Finding, output: Output) -> list[tuple[int, int, str, str]]:
    """Error spans the finding overlaps (a zero-width finding: spans it touches)."""
    start, end = finding.start, finding.end
    if start == end:
        return [s for s in output.spans if s[0] <= start <= s[1]]
    return [s for s in output.spans if start < s[1] and s[0] < end]


def record(tally: Tally, output: Output, findings: list[Finding], examples: int) -> None:
    """Add one output's findings to the tally."""
    tally.outputs += 1
    tally.with_errors += bool(output.spans)
    for finding in findings:
        rule = tally.rules.setdefault(f"{finding.code} {finding.rule}", RuleTally())
        rule.findings += 1
        rule.whole += finding.end - finding.start >= WHOLE * len(output.text.strip())
        spans = overlapped(finding, output)
        if spans:
            rule.confirmed += 1
            rule.classes.update({s[3] for s in spans})
            continue
        rule.omission += output.omissions > 0
        # One example per kind of message ("… as "WHO"", "… separators"), not per text.
        kind = finding.message[:45]
        if len(rule.unconfirmed) < examples and kind not in rule.seen:
            rule.seen.add(kind)
            rule.unconfirmed.append(_example(finding, output))


def _example(finding: Finding, output: Output) -> str:
    start, end = finding.start, finding.end
    left = output.text[max(0, start - 40) : start]
    right = output.text[end : end + 40]
    marked = f"…{left}[[{output.text[start:end][:120]}]]{right}…"
    return f"{output.id} {output.system}: {marked!r} — {finding.message[:120]}"


def report(title: str, tally: Tally, examples: bool) -> None:
    """Per-rule table, the overall line and (optionally) unconfirmed examples."""
    chance = tally.with_errors / max(tally.outputs, 1)
    print(f"\n== {title}: {tally.outputs} outputs; {tally.with_errors} ({chance:.1%}) have at "
          "least one target error span (the chance a whole-unit finding is confirmed)")  # fmt: skip
    print("whole: findings spanning the whole target; omission: unconfirmed findings on an "
          "output where a rater marked a source-side span (an omission)")  # fmt: skip
    print(f"{'rule':30s} {'findings':>8s} {'confirmed':>9s} {'share':>6s} {'whole':>5s} "
          f"{'omission':>8s}  top tq_classes of confirmed")  # fmt: skip
    total = confirmed = 0
    for name, rule in sorted(tally.rules.items()):
        total += rule.findings
        confirmed += rule.confirmed
        top = ", ".join(f"{c} {n}" for c, n in rule.classes.most_common(3))
        print(f"{name:30s} {rule.findings:8d} {rule.confirmed:9d} "
              f"{rule.confirmed / rule.findings:6.1%} {rule.whole:5d} {rule.omission:8d}  "
              f"{top}")  # fmt: skip
    share = confirmed / total if total else 0.0
    print(f"{'all rules':30s} {total:8d} {confirmed:9d} {share:6.1%}")
    if not examples:
        return
    for name, rule in sorted(tally.rules.items()):
        for line in rule.unconfirmed:
            print(f"  unconfirmed {name.split()[0]} {line}")


def main() -> int:
    """Check every output, print the MT and human-reference tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=4, help="unconfirmed examples per rule")
    parser.add_argument("--sample", type=int, default=0,
                        help="check every Nth output only (deterministic); 0: all")  # fmt: skip
    args = parser.parse_args()
    print(f"machine: {machine()}; os.cpu_count() = {os.cpu_count()}")
    print(f"command: {Path(sys.executable).name} {' '.join(sys.argv)}")
    checkers: dict[str, Checker] = {}
    tallies = {False: Tally(), True: Tally()}
    crashes: list[str] = []
    started = time.perf_counter()
    for index, output in enumerate(outputs(DATA)):
        if args.sample and index % args.sample:
            continue
        source_lang = output.lp[:2]
        if source_lang not in checkers:
            config = Config(embeddings=False, source_lang=source_lang, target_lang="en")
            checkers[source_lang] = Checker.from_config(config)
        try:
            findings = check(checkers[source_lang], output)
        except Exception as exc:  # a rule bug must not hide every other figure: count it
            crashes.append(f"{output.id} ({output.lp}): {exc!r} on {output.text[:100]!r}")
            continue
        record(tallies[output.human], output, findings, args.examples)
    seconds = time.perf_counter() - started
    rules = next(iter(checkers.values())).rules
    print(f"data: {DATA.name}; {len(rules)} rules selected (embeddings off): "
          f"{' '.join(r.code for r in rules)}; {seconds:.1f} s")  # fmt: skip
    for lang, checker in sorted(checkers.items()):
        names = ", ".join(Path(g.path).name for g in checker.glossaries) or "none"
        print(f"  {lang}->en glossaries: {names}")
    if args.sample:
        print(f"sampled: every {args.sample}th output")
    if crashes:
        print(f"CHECK RAISED on {len(crashes)} outputs (left out of the figures):")
        for line in crashes[:5]:
            print(f"  {line}")
    report("MT outputs", tallies[False], examples=True)
    report("human references (rated too)", tallies[True], examples=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
