"""False alarms on professional English news (../shared/eval/clean_news_en.jsonl).

Runs the default configuration (shipped glossaries, all rules, embeddings) over the clean
news and prints findings at warning or above per 1,000 sentences, the ten most frequent rules
with examples, and every finding with --all. The references are not error-free: findings
read and judged real errors are listed in bench/clean_news_reviewed.tsv and reported apart;
every other finding counts as a false alarm.

    .venv/bin/python bench/false_positives.py [--all] [--profile ap]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict

from common import CLEAN_NEWS, REPO, clean_news_documents, machine
from tqcheck.config import Config
from tqcheck.document import Document
from tqcheck.engine import Checker
from tqcheck.model import Severity

REVIEWED = REPO / "bench" / "clean_news_reviewed.tsv"


def reviewed_errors() -> Counter[tuple[str, str, str]]:
    """(document, code, text) of findings judged real errors in the data, with counts."""
    rows = [line.split("\t") for line in REVIEWED.read_text(encoding="utf-8").splitlines()]
    data = [r for r in rows if len(r) == 4 and not r[0].startswith("#") and r[0] != "document"]
    return Counter((r[0], r[1], r[2]) for r in data)


def finding_key(finding) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    """The key a finding has in the reviewed list."""
    return finding.path, finding.code, " ".join(finding.text.split())[:80]


def main() -> int:
    """Run the measurement and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="print every finding")
    parser.add_argument("--profile", default="default")
    args = parser.parse_args()
    if not CLEAN_NEWS.exists():
        print(f"missing {CLEAN_NEWS}", file=sys.stderr)
        return 2
    checker = Checker.from_config(Config(profile=args.profile))
    started = time.perf_counter()
    sentences, findings = 0, []
    for name, text, count in clean_news_documents():
        sentences += count
        for finding in checker.check(Document.from_text(text, path=name)):
            findings.append(finding)
    elapsed = time.perf_counter() - started
    serious = [f for f in findings if f.severity >= Severity.WARNING]
    known = reviewed_errors()
    alarms = []
    for finding in serious:
        if known[finding_key(finding)] > 0:
            known[finding_key(finding)] -= 1
        else:
            alarms.append(finding)
    print(f"machine: {machine()}")
    print(f"corpus: {CLEAN_NEWS.name}, {sentences} sentences; profile {args.profile}; "
          f"{len(checker.rules)} rules; {elapsed:.1f} s")  # fmt: skip
    rate = 1000 * len(serious) / sentences
    print(f"findings at warning or above: {len(serious)} = {rate:.2f} per 1,000 sentences")
    real = len(serious) - len(alarms)
    print(f"  of which reviewed real errors in the data: {real} ({REVIEWED.name})")
    alarm_rate = 1000 * len(alarms) / sentences
    print(f"  false alarms (not reviewed): {len(alarms)} = {alarm_rate:.2f} per 1,000 sentences")
    for finding in alarms:
        print(
            f"    {finding.path}:{finding.line}:{finding.column} {finding.code} "
            f"{finding.text!r}: {finding.message}"
        )
    print(f"all findings (incl. info): {len(findings)} = {1000 * len(findings) / sentences:.2f}")
    by_rule: dict[str, list] = defaultdict(list)
    for finding in findings:
        by_rule[f"{finding.code} {finding.rule}"].append(finding)
    print("\nmost frequent rules:")
    for rule, count in Counter({k: len(v) for k, v in by_rule.items()}).most_common(10):
        print(f"  {count:4d}  {rule}")
        for example in by_rule[rule][: 3 if not args.all else None]:
            print(f"          {example.path}:{example.line}:{example.column} "
                  f"{example.text!r}: {example.message}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
