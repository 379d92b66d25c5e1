"""Language-ID quality and cost: untranslated sentences and mixed sentences in English news.

Prints four measurements, each with examples of every miss and false alarm:
1. recall on whole untranslated sentences (es, fr, pt from bio-mqm sources; de from the
   WMT23 en-de references) inserted into English news paragraphs, by length;
2. recall on mixed sentences (English opening, source-language ending) and whether the
   finding starts where the language switched;
3. language findings per 1,000 sentences on clean English news (../shared/eval);
4. the time language ID adds to a rules-only check of part of the 50 MB benchmark corpus.

    .venv/bin/python bench/langid_quality.py [--files 10]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from false_positives import finding_key, reviewed_errors

from common import CLEAN_NEWS, EVAL, REPO, clean_news_documents, machine
from tqcheck.config import Config
from tqcheck.document import Document
from tqcheck.engine import Checker
from tqcheck.sentences import split_sentences

LANGUAGE_CODES = ("TQ201", "TQ202", "TQ203", "TQ204")
CORPUS = REPO / "bench" / "out" / "corpus-50mb"
PER_LANGUAGE = 150  # inserted sentences per language (first ones in file order)


def foreign_sentences(eval_dir: Path = EVAL) -> Iterator[tuple[str, str]]:
    """(language, sentence) of real source-language text: es/fr/pt sources, de references."""
    seen: Counter[str] = Counter()
    rows = [json.loads(line) for line in (eval_dir / "biomqm_x2en.jsonl").open(encoding="utf-8")]
    pairs = [(r["lp"][:2], r["source"]) for r in rows]
    for path in sorted(eval_dir.glob("mqm_*ende*.jsonl")):
        pairs += [("de", json.loads(line)["reference"]) for line in path.open(encoding="utf-8")]
    for lang, text in pairs:
        for start, end in split_sentences(text or ""):
            sentence = text[start:end]
            if seen[lang] < PER_LANGUAGE and len(sentence.split()) >= 3:
                seen[lang] += 1
                yield lang, sentence


def english_paragraphs() -> list[str]:
    """Clean English news paragraphs of two or more sentences, to host the insertions."""
    found = []
    for _, text, _ in clean_news_documents(CLEAN_NEWS):
        found += [p for p in text.split("\n\n") if len(split_sentences(p)) >= 2]
    return found


def _insert(paragraph: str, sentence: str) -> tuple[str, int, int]:
    """The paragraph with `sentence` inserted at its start; the sentence's span."""
    if not sentence.rstrip("”“\"')»").endswith((".", "!", "?", ":", ";")):
        # A headline (no final stop) is a paragraph of its own, as in a real article.
        return f"{sentence}\n\n{paragraph}", 0, len(sentence)
    # First in the paragraph: where it lands after a host sentence the splitter cut badly
    # ("… as well as U.S. El sistema …"), that is a measurement of the splitter instead.
    return f"{sentence} {paragraph}", 0, len(sentence)


def whole_sentences(checker: Checker, hosts: list[str]) -> None:
    """Measurement 1: inserted untranslated sentences are found, the English stays clean."""
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    partly: Counter[str] = Counter()
    misses, alarms = [], []
    for index, (lang, sentence) in enumerate(foreign_sentences()):
        text, start, end = _insert(hosts[index % len(hosts)], sentence)
        findings = checker.check(Document.from_text(text + "\n"))
        bucket = f"{lang} {'>=6' if len(sentence.split()) >= 6 else '3-5'} words"
        total[bucket] += 1
        inside = [f for f in findings if f.start <= start + 1 and f.end >= end - 1]
        if inside:
            found[bucket] += 1
        else:
            covered = sum(max(0, min(f.end, end) - max(f.start, start)) for f in findings)
            partly[bucket] += covered > 0
            misses.append((bucket, sentence, covered / len(sentence)))
        alarms += [(f.code, f.text) for f in findings if f.end <= start or f.start >= end]
    print("1. whole untranslated sentences inserted into English news paragraphs")
    for long in (">=6", "3-5"):
        keys = sorted(k for k in total if long in k)
        hit, count = sum(found[k] for k in keys), sum(total[k] for k in keys)
        detail = ", ".join(f"{k.split()[0]} {found[k]}/{total[k]}" for k in keys)
        part = sum(partly[k] for k in keys)
        print(f"   {long} words: recall {hit}/{count} = {hit / max(count, 1):.1%} ({detail}); "
              f"{part} more found in part (a mixed-span finding)")  # fmt: skip
    print(f"   findings on the English around them: {len(alarms)}")
    for bucket, sentence, share in misses:
        print(f"   miss [{bucket}] ({share:.0%} covered): {sentence[:100]}")
    for code, text in alarms[:20]:
        print(f"   false alarm {code}: {text[:110]}")


def mixed_sentences(checker: Checker, hosts: list[str]) -> None:
    """Measurement 2: an English opening that switches into the source language."""
    hit = at_switch = count = 0
    misses = []
    openings = [p.split(". ")[0].split() for p in hosts]
    openings = [" ".join(words[:7]) for words in openings if len(words) >= 9]
    for index, (lang, sentence) in enumerate(foreign_sentences()):
        words = sentence.rstrip(".").split()
        if len(words) < 8:
            continue
        tail = " ".join(words[len(words) // 2 :])
        opening = openings[index % len(openings)]
        text = f"{opening} {tail}."
        switch = len(opening) + 1
        count += 1
        findings = [f for f in checker.check(Document.from_text(text + "\n"))
                    if f.end > switch]  # fmt: skip
        if findings:
            hit += 1
            at_switch += any(abs(f.start - switch) <= 12 for f in findings)
        else:
            misses.append((lang, text))
    print("2. mixed sentences (7 English words, then the second half of a source sentence)")
    print(f"   recall {hit}/{count} = {hit / max(count, 1):.1%}; finding starts within 12 "
          f"characters of the switch: {at_switch}/{hit}")  # fmt: skip
    for lang, text in misses[:25]:
        print(f"   miss [{lang}]: {text[:130]}")
    if len(misses) > 25:
        print(f"   … and {len(misses) - 25} more misses")


def clean_news(checker: Checker) -> None:
    """Measurement 3: language findings on clean English news."""
    sentences, findings = 0, []
    for name, text, count in clean_news_documents(CLEAN_NEWS):
        sentences += count
        findings += checker.check(Document.from_text(text, path=name))
    rate = 1000 * len(findings) / sentences
    print(f"3. clean English news: {len(findings)} language findings in {sentences} sentences "
          f"= {rate:.2f} per 1,000 sentences")  # fmt: skip
    known = reviewed_errors()
    alarms = []
    for f in findings:
        real = known[finding_key(f)] > 0 or any(
            (f.path, code, f.text) in known for code in ("TQ101", "TQ104")
        )  # the same leftover may be reviewed under its glossary code
        alarms += [] if real else [f]
        print(f"   {'real error' if real else 'FALSE ALARM'} {f.path}:{f.line} {f.code} "
              f"{f.text[:60]!r}: {f.message[:90]}")  # fmt: skip
    rate = 1000 * len(alarms) / sentences
    print(
        f"   false alarms (not reviewed real errors in the data): {len(alarms)} = {rate:.2f} "
        "per 1,000 sentences"
    )


def speed(files: int) -> None:
    """Measurement 4: rules-only check with and without the language rules, one process."""
    paths = sorted(CORPUS.glob("*.txt"))[:files]
    if not files:
        return
    if not paths:
        print(f"4. speed: no corpus at {CORPUS} (run bench/throughput.py first)")
        return
    texts = [(str(p), p.read_text(encoding="utf-8")) for p in paths]
    size = sum(len(t.encode()) for _, t in texts) / 1e6
    timings: dict[str, float] = {}
    configs = {"without TQ2": Config(ignore=("TQ2", "TQ3")), "with TQ2": Config(ignore=("TQ3",))}
    checkers = {label: Checker.from_config(config) for label, config in configs.items()}
    for checker in checkers.values():  # load lexicons and langdetect before timing
        checker.check(Document.from_text("El sistema puede ser activado por diversos virus.\n"))
    for _ in range(3):  # alternate and keep the best of three: the machine is shared
        for label, checker in checkers.items():
            started = time.perf_counter()
            for path, text in texts:
                checker.check(Document.from_text(text, path=path))
            elapsed = time.perf_counter() - started
            timings[label] = min(timings.get(label, elapsed), elapsed)
    base, full = timings["without TQ2"], timings["with TQ2"]
    print(f"4. speed on {len(texts)} corpus files ({size:.1f} MB), one process, semantic rules off:"
          f" {base:.1f} s without language rules, {full:.1f} s with them: "
          f"+{(full - base) / base:.0%}")  # fmt: skip


def main() -> int:
    """Run the measurements and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10, help="corpus files for the speed test")
    args = parser.parse_args()
    if not CLEAN_NEWS.exists():
        print(f"missing {CLEAN_NEWS}", file=sys.stderr)
        return 2
    print(f"machine: {machine()}")
    checker = Checker.from_config(Config(select=LANGUAGE_CODES))
    hosts = english_paragraphs()
    whole_sentences(checker, hosts)
    mixed_sentences(checker, hosts)
    clean_news(checker)
    speed(args.files)
    return 0


if __name__ == "__main__":
    sys.exit(main())
