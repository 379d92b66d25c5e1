"""Term compliance (the TQ501 engine, `tqcheck.glossary.terms`) on WMT terminology data.

For each segment of a terminology test set, the segment's own term pairs become the
requirements of one `TermChecker` (source terms listed twice, or with several targets,
are merged into one requirement accepting every target). Then:
  (a) false alarms: the human reference as the target; every term gap is a false alarm
      (goal: at most 1 per 100 segments), split into "the reference does not contain the
      required rendering" (the data) and "it does, the checker missed it" (tqcheck);
  (b) recall: for every required term whose rendering occurs in the reference (whole
      word, case-insensitive, plural endings allowed), three corrupted targets: the
      rendering removed, replaced by the untranslated source term, replaced by "thing".
      A corruption is found when the checker reports a gap for that term (goal >= 95 %).
Data: ../shared/eval/terminology/wmt23_term_deen.jsonl (de->en, one target per term) and
wmt21_term_enfr_tico19.jsonl (en->fr, accepted target variants: all count as accepted).

    /tmp/v/bin/python bench/term_compliance.py [--examples 10]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from common import EVAL, machine
from tqcheck.glossary.folding import fold_key
from tqcheck.glossary.terms import FormScanner, TermChecker, TermRequirement

DATASETS = (
    ("wmt23 de->en", EVAL / "terminology" / "wmt23_term_deen.jsonl", "de", "en"),
    ("wmt21 en->fr (TICO-19)", EVAL / "terminology" / "wmt21_term_enfr_tico19.jsonl", "en", "fr"),
)
# Endings a rendering may carry in the reference and still "occur" there (and be removed).
ENDINGS = {"en": r"(?:s|es|'s)?", "fr": r"(?:s|x|e|es)?"}
PLACEHOLDER = "thing"
KINDS = ("removed", "source term", f'"{PLACEHOLDER}"')


@dataclass(frozen=True)
class Segment:
    """One test segment with its merged term requirements."""

    id: str
    source: str
    reference: str
    requirements: tuple[TermRequirement, ...]


@dataclass
class Tally:
    """Counts and examples of one dataset."""

    segments: int = 0
    gaps: int = 0
    unrendered: int = 0  # gaps with no rendering at all in the target
    gap_reasons: Counter[str] = field(default_factory=Counter)
    alarms: list[tuple[str, str]] = field(default_factory=list)
    tried: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    miss_reasons: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[str, str]] = field(default_factory=list)


def load_segments(path: Path) -> Iterator[Segment]:
    """Segments with requirements merged by folded source term."""
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        merged: dict[str, tuple[list[str], list[str]]] = {}
        for term in record["terms"]:
            sources = [term["source"], term.get("source_surface") or term["source"]]
            targets = term.get("target_variants") or [term["target"]]
            forms, accepted = merged.setdefault(fold_key(term["source"]), ([], []))
            forms += [s for s in sources if s not in forms]
            accepted += [t for t in targets if t not in accepted]
        requirements = tuple(TermRequirement(key, tuple(forms), tuple(accepted))
                             for key, (forms, accepted) in merged.items())  # fmt: skip
        yield Segment(record["id"], record["source"], record["reference"], requirements)


def occurrence(forms: tuple[str, ...], lang: str | None) -> re.Pattern[str]:
    """Whole-word, case-insensitive occurrences of any form (longest first); with the
    endings of `lang` allowed, or none when `lang` is None."""
    if lang == "en":  # "artery" -> "arteries", as the checker does
        forms = (*forms, *(f[:-1] + "ies" for f in forms if f.endswith("y") and len(f) > 3))
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    ending = ENDINGS.get(lang, "") if lang else ""
    return re.compile(rf"(?<!\w)(?:{alternatives}){ending}(?!\w)", re.IGNORECASE)


def tidy(text: str) -> str:
    """Squeeze the spaces a removal leaves behind."""
    return re.sub(r" +([,.;:])", r"\1", re.sub(r" {2,}", " ", text)).strip()


def gap_keys(checker: TermChecker, source: str, target: str) -> set[object]:
    """Keys of the requirements the checker reports as missing."""
    return {gap.requirement.key for gap in checker.gaps(source, target)}


def explain(segment: Segment, req: TermRequirement, target: str, langs: tuple[str, str]) -> str:
    """Why the checker reports no gap for `req` on `target` (a corrupted reference)."""
    source_lang, target_lang = langs
    alone = TermChecker([req], source_lang, target_lang)
    if not alone.gaps(segment.source, ""):
        if any(fold_key(f) in fold_key(segment.source) for f in req.source_forms):
            return "source term only inside a longer source word (a compound)"
        return "source term not matched in the source (another form or inflection)"
    if req.key not in gap_keys(alone, segment.source, target):
        matches = FormScanner(((f, 0) for f in req.accepted), target_lang).find(target)
        shown = ", ".join(repr(target[s:e]) for s, e, _ in matches)
        folded = {fold_key(a) for a in req.accepted}
        if any(fold_key(target[s:e]) in folded for s, e, _ in matches):
            return f"an accepted form still matches, accents and case folded: {shown}"
        return f"an accepted form plus a tolerated ending still matches: {shown}"
    return "source occurrence swallowed by a longer overlapping term of the segment"


def false_alarms(segment: Segment, checker: TermChecker, tally: Tally, lang: str) -> None:
    """(a): gaps on the human reference."""
    for gap in checker.gaps(segment.source, segment.reference):
        tally.gaps += 1
        tally.unrendered += gap.in_target == 0
        if gap.in_target:
            reason = (f"source term {gap.in_source}x, rendered {gap.in_target}x "
                      "(occurrences counted)")  # fmt: skip
        elif occurrence(gap.requirement.accepted, lang).search(segment.reference):
            reason = "reference has the rendering, checker missed it"
        else:
            reason = "no listed form in the reference (another inflection or a paraphrase)"
        group = reason.split(" (")[0] if gap.in_target else reason
        tally.gap_reasons["rendered fewer times than the source term occurs"
                          if gap.in_target else group] += 1  # fmt: skip
        tally.alarms.append((tally_key(reason), f"[{reason}] {segment.id}: "
                             f"{gap.source_text!r} -> {' | '.join(gap.requirement.accepted)!r}; "
                             f"reference: {segment.reference[:160]!r}"))  # fmt: skip


def tally_key(reason: str) -> str:
    """The reason without its numbers, to group examples."""
    return "".join(c for c in reason if not c.isdigit())


def corruptions(segment: Segment, req: TermRequirement, lang: str) -> Iterator[tuple[str, str]]:
    """(kind, corrupted reference) for one requirement whose rendering is in the reference."""
    pattern = occurrence(req.accepted, lang)
    yield KINDS[0], tidy(pattern.sub("", segment.reference))
    source_term = req.source_forms[0]
    if not occurrence(req.accepted, None).search(source_term):
        yield KINDS[1], pattern.sub(source_term.replace("\\", "\\\\"), segment.reference)
    yield KINDS[2], pattern.sub(PLACEHOLDER, segment.reference)


def recall(segment: Segment, checker: TermChecker, tally: Tally, langs: tuple[str, str]) -> None:
    """(b): corrupted references, one term at a time."""
    for req in segment.requirements:
        if not occurrence(req.accepted, langs[1]).search(segment.reference):
            tally.skipped["rendering not in the reference"] += 1
            continue
        kinds_done = set()
        for kind, target in corruptions(segment, req, langs[1]):
            kinds_done.add(kind)
            tally.tried[kind] += 1
            if req.key in gap_keys(checker, segment.source, target):
                tally.found[kind] += 1
                continue
            reason = explain(segment, req, target, langs)
            group = reason.split(":")[0]
            tally.miss_reasons[f"{kind}: {group}"] += 1
            tally.misses.append((f"{kind}: {group}", f"[{kind}] {segment.id}: "
                                 f"{req.source_forms[0]!r} -> {' | '.join(req.accepted)!r}: "
                                 f"{reason}; target: {target[:140]!r}"))  # fmt: skip
        if KINDS[1] not in kinds_done:
            tally.skipped[
                "the source term holds an accepted form ('Die Sepsis' -> 'Sepsis'): "
                "no 'source term' corruption"
            ] += 1


def run(path: Path, source_lang: str, target_lang: str) -> Tally:
    """Both measurements over one dataset."""
    tally = Tally()
    for segment in load_segments(path):
        tally.segments += 1
        checker = TermChecker(segment.requirements, source_lang, target_lang)
        false_alarms(segment, checker, tally, target_lang)
        recall(segment, checker, tally, (source_lang, target_lang))
    return tally


def spread(examples: list[tuple[str, str]], limit: int) -> list[str]:
    """Up to `limit` examples, taken in turn from each group so every kind is shown."""
    groups: dict[str, list[str]] = {}
    for group, line in examples:
        groups.setdefault(group, []).append(line)
    picked: list[str] = []
    depth = 0
    while len(picked) < limit and any(depth < len(lines) for lines in groups.values()):
        picked += [lines[depth] for lines in groups.values() if depth < len(lines)]
        depth += 1
    return picked[:limit]


def report(name: str, path: Path, tally: Tally, examples: int) -> None:
    """Print one dataset's figures and examples."""
    per_100 = 100 / max(tally.segments, 1)
    rate = tally.gaps * per_100
    print(f"\n== {name}: {path.name}, {tally.segments} segments")
    print(f"(a) term gaps on the human reference: {tally.gaps} = {rate:.2f} per 100 segments "
          f"(goal <= 1) {'OK' if rate <= 1 else 'NOT MET'}")  # fmt: skip
    for reason, count in tally.gap_reasons.most_common():
        print(f"      {count:5d}  {reason}")
    print(f"    of which with no rendering at all in the reference: {tally.unrendered} = "
          f"{tally.unrendered * per_100:.2f} per 100 segments")  # fmt: skip
    for line in spread(tally.alarms, examples):
        print(f"    {line}")
    print("(b) corrupted references: share of corruptions found (goal >= 95 %)")
    for kind in KINDS:
        tried, found = tally.tried[kind], tally.found[kind]
        share = found / max(tried, 1)
        print(f"    {kind:14s} {found:5d}/{tried:5d} = {share:6.1%} "
              f"{'OK' if share >= 0.95 else 'NOT MET'}")  # fmt: skip
    for reason, count in tally.skipped.most_common():
        print(f"    not corrupted: {count} terms: {reason}")
    for reason, count in sorted(tally.miss_reasons.items()):
        print(f"    misses {count:5d}  {reason}")
    for line in spread(tally.misses, examples):
        print(f"    miss {line}")


def main() -> int:
    """Run both datasets and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10, help="examples printed per list")
    args = parser.parse_args()
    print(f"machine: {machine()}; os.cpu_count() = {os.cpu_count()}")
    print(f"command: {Path(sys.executable).name} {' '.join(sys.argv)}")
    for name, path, source_lang, target_lang in DATASETS:
        if not path.exists():
            print(f"\n== {name}: {path} not found (set TQCHECK_EVAL); skipped")
            continue
        report(name, path, run(path, source_lang, target_lang), args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
