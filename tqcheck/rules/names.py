"""Person-name transliteration variants (TQ106), by fuzzy match against the glossary's people.

Names routed through the source language ("Volodimir", "Zelenski", "Serguéi") are close to
the reference spelling but not equal. Spans of capitalised words are compared with every
accepted person form of the same word count, on a transliteration skeleton that removes
the usual routes (Spanish j/kh, German w/v and sch/sh, y/i endings, doubled letters).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from tqcheck.glossary.folding import fold_key
from tqcheck.model import Hit, Severity
from tqcheck.rules.base import RuleContext, Unit, rule
from tqcheck.rules.glossary_rules import classified_matches
from tqcheck.sentences import UPPERCASE

# A possessive "’s" is not part of the name ("Xi Jinping’s").
_WORD = rf"[{UPPERCASE}][^\W\d_]*(?:-[^\W\d_]+|['’](?![sS]\b)[^\W\d_]+)*"
# Runs of capitalised words separated by single spaces ("Russian Defense Minister Sergei").
_RUN = re.compile(rf"{_WORD}(?: {_WORD})*")
_TOKEN = re.compile(_WORD)
# Thresholds chosen on clean_news_en (0 hits) and the transliteration table of
# research/domain.md §2.6 (Volodimir 0.89, Zelenski 0.94, Serguéi 0.92 on the skeleton).
SKELETON_MIN = 88.0
FOLDED_MIN = 80.0
SINGLE_TOKEN_MIN = 92.0
TOKEN_MIN = 75.0  # a word of a candidate window must be at least this close to a name word
MIN_LENGTH = 6
_REWRITES = (("tsch", "ch"), ("sch", "sh"), ("kh", "j"), ("gue", "ge"), ("gui", "gi"),
             ("w", "v"), ("y", "i"), ("ck", "k"))  # fmt: skip


@dataclass(frozen=True, slots=True)
class PersonName:
    """An accepted spelling of a person's name and the concept's preferred form."""

    text: str
    folded: str
    skeleton: str
    concept: str
    preferred: str


def skeleton(folded: str) -> str:
    """Transliteration-insensitive form of a folded name: rewrites, then no doubled letters."""
    for old, new in _REWRITES:
        folded = folded.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", folded)


@dataclass(frozen=True, slots=True)
class Bucket:
    """Names sharing a word count and first skeleton letter, with their skeletons."""

    names: tuple[PersonName, ...]
    skeletons: tuple[str, ...]
    folded: frozenset[str]


def _people(ctx: RuleContext) -> dict[tuple[int, str], Bucket]:
    """Accepted person names bucketed by (word count, first skeleton letter), cached."""
    memo = ctx.run_memo()
    key = f"people:{ctx.profile}"
    if key not in memo:
        buckets: dict[tuple[int, str], list[PersonName]] = {}
        for concept in ctx.glossary.concepts if ctx.glossary else ():
            if concept.cls != "person":
                continue
            for text in concept.accepted(ctx.profile):
                folded = fold_key(text)
                name = PersonName(text, folded, skeleton(folded), concept.id,
                                  concept.preferred_for(ctx.profile))  # fmt: skip
                bucket_key = (len(folded.split()), name.skeleton[:1])
                buckets.setdefault(bucket_key, []).append(name)
        memo[key] = {
            k: Bucket(
                tuple(names), tuple(n.skeleton for n in names), frozenset(n.folded for n in names)
            )
            for k, names in buckets.items()
        }
    return memo[key]  # type: ignore[return-value]


def _best(folded: str, bucket: Bucket) -> tuple[PersonName, float] | None:
    """The closest accepted name to a folded window, if close enough and not equal."""
    if folded in bucket.folded:
        return None  # an accepted spelling, whatever its case (term-case reports case)
    single = " " not in folded
    cutoff = SINGLE_TOKEN_MIN if single else SKELETON_MIN
    # The C loop of rapidfuzz ranks candidates; the checks below confirm the best one.
    found = process.extractOne(skeleton(folded), bucket.skeletons, scorer=fuzz.ratio,
                               score_cutoff=cutoff)  # fmt: skip
    if found is None:
        return None
    cand, score = bucket.names[found[2]], found[1]
    if fuzz.ratio(folded, cand.folded) < FOLDED_MIN:
        return None
    if not single and fuzz.ratio(folded.split()[-1], cand.folded.split()[-1]) < FOLDED_MIN:
        return None
    return cand, score


def _name_words(ctx: RuleContext) -> dict[str, tuple[str, ...]]:
    """Skeletons of every word of every accepted person name, by first letter, cached."""
    memo = ctx.run_memo()
    key = f"name-words:{ctx.profile}"
    if key not in memo:
        words: dict[str, set[str]] = {}
        for bucket in _people(ctx).values():
            for name in bucket.names:
                for word in name.skeleton.split():
                    words.setdefault(word[:1], set()).add(word)
        memo[key] = {letter: tuple(sorted(group)) for letter, group in words.items()}
    return memo[key]  # type: ignore[return-value]


def _near_name_word(word: str, ctx: RuleContext, cache: dict[str, bool]) -> bool:
    """Could this word be (a variant of) a word of some person's name? Cached per word.

    A cheap filter: most capitalised words ("The", "Monday", "Biden") fail it once and are
    never compared as whole windows.
    """
    if word not in cache:
        shape = skeleton(fold_key(word))
        group = _name_words(ctx).get(shape[:1], ())
        found = process.extractOne(shape, group, scorer=fuzz.ratio, score_cutoff=TOKEN_MIN)
        cache[word] = found is not None
    return cache[word]


def _windows(
    text: str, start: int, end: int, near: Callable[[str], bool]
) -> Iterator[tuple[int, int, int]]:
    """(start, end, word count) of the 2- and 1-word windows of a capitalised run whose
    words all look like name words."""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    close = [near(text[s:e]) for s, e in tokens]
    for size in (2, 1):
        for i in range(len(tokens) - size + 1):
            if all(close[i : i + size]):
                yield tokens[i][0], tokens[i + size - 1][1], size


@rule(
    "TQ106",
    Severity.WARNING,
    "document",
    needs={"glossary"},
    bad=[
        ("Volodymir Zelenskyi said Ukraine would not give up.", "Volodymir Zelenskyi"),
        ("Defence minister Sergey Shoygu spoke on television.", "Sergey Shoygu"),
        ("Kremlin spokesman Dmitriy Peskov denied it.", "Dmitriy Peskov"),
    ],
    good=[
        "Volodymyr Zelensky said Ukraine would not give up.",
        "Russian Defense Minister Sergei Shoigu said on Tuesday.",
        "Vladimir Potanin and Sergei Lavrov met Jens Stoltenberg in Vilnius.",
        "Serena Williams beat Venus Williams.",
        "It was Xi Jinping’s first visit; Dmitry Peskov's remarks followed.",
    ],
)
def name_variant(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """A person's name spelled in a transliteration variant the glossary does not list."""
    people = _people(ctx)
    if not people:
        return
    # Spans other glossary rules already report are not reported again; accepted forms
    # ("Peskov") stay candidates so "Dmitriy Peskov" is still compared as a whole name.
    taken = Spans(
        [(c.match.start, c.match.end) for c in classified_matches(ctx) if c.kind != "accepted"]
    )
    memo = ctx.run_memo()
    cache = memo.setdefault(f"names:{ctx.profile}", {})
    word_cache = memo.setdefault(f"name-word-hits:{ctx.profile}", {})

    def near(word: str) -> bool:
        return _near_name_word(word, ctx, word_cache)

    for run in _RUN.finditer(unit.text):
        if run.end() - run.start() < MIN_LENGTH:
            continue  # most runs are one short word ("The", "He"): no name fits
        yield from _run_hits(unit.text, run.start(), run.end(), people, taken, cache, near)


class Spans:
    """Sorted, non-overlapping spans with a fast overlap test."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def overlaps(self, start: int, end: int) -> bool:
        """Does [start, end) overlap any span?"""
        index = bisect.bisect_left(self.starts, end) - 1
        return index >= 0 and self.spans[index][1] > start


def _run_hits(
    text: str,
    start: int,
    end: int,
    people: dict[tuple[int, str], Bucket],
    taken: Spans,
    cache: dict[str, tuple[PersonName, float] | None],
    near: Callable[[str], bool],
) -> Iterator[Hit]:
    reported: list[tuple[int, int]] = []
    for w_start, w_end, size in _windows(text, start, end, near):
        window = text[w_start:w_end]
        if len(window) < MIN_LENGTH or taken.overlaps(w_start, w_end):
            continue
        if any(s < w_end and w_start < e for s, e in reported):
            continue
        if window not in cache:
            folded = fold_key(window)
            bucket = people.get((size, skeleton(folded)[:1]))
            cache[window] = _best(folded, bucket) if bucket else None
        found = cache[window]
        if found:
            name, score = found
            reported.append((w_start, w_end))
            yield Hit(w_start, w_end,
                      f'Use "{name.text}" instead of "{window}": transliteration variant',
                      suggestion=name.text,
                      evidence={"concept": name.concept, "similarity": round(score / 100, 3),
                                "preferred": name.preferred})  # fmt: skip


RULES = (name_variant,)
