"""A fast rule-based English sentence splitter that survives abbreviations.

Why not pysbd: it is accurate but runs at ~40 KB/s here, too slow for 50 MB corpora.
This splitter looks at each candidate boundary (terminal punctuation, optional closing
quotes, whitespace, then an upper-case letter, digit or opening quote) and rejects it
after titles ("Gen.", "Mr."), single initials ("John F. Kennedy") and, unless a
typical sentence opener follows, after dotted initialisms ("U.S.", "a.m.").
"""

from __future__ import annotations

import re

# `re` has no \p{Lu}: the upper-case letters of the Latin, Greek and Cyrillic blocks.
UPPERCASE = "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper())

_CANDIDATE = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?\w)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_NEXT_WORD = re.compile(r"\s+[\"“‘'(\[]?(\w+)")

# Abbreviations that are (almost) always followed by more of the same sentence.
TITLES = frozenset(
    """mr mrs ms dr prof gen col lt sgt capt cmdr adm maj brig gov sen rep rev st jr sr
    mt ft hon pres supt insp cpl pvt amb messrs mme mlle sra sr sres dra no nos vs etc
    inc corp ltd co bros dept est approx fig jan feb mar apr jun jul aug sep sept oct
    nov dec mon tue tues wed thu thur thurs fri sat sun ave blvd rd univ vol pp ed eds
    cf al""".split()
)
# Words that typically open a sentence; after "U.S." they signal a real boundary.
OPENERS = frozenset(
    """the a an he she it they we i you this that these those there but and or so yet
    in on at for with after before when while if as his her its their our my however
    meanwhile still then also some many most one two three""".split()
)


def _is_abbreviation(word: str, next_word: str) -> bool:
    bare = word.rstrip(".").lower()
    if bare in TITLES:
        return True
    if len(bare) == 1 and bare.isalpha():
        return True  # an initial: "John F. Kennedy", "Jens P. Smith"
    if "." in bare:  # dotted initialism: "U.S.", "a.m.", "e.g."
        return next_word.lower() not in OPENERS
    return False


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return `(start, end)` spans of the sentences in a paragraph, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        if match.group().startswith("."):
            before = _WORD_BEFORE.search(text, 0, match.start() + 1)
            after = _NEXT_WORD.match(text, match.end())
            word = before.group(1) if before else ""
            if word and _is_abbreviation(word, after.group(1) if after else ""):
                continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return [trimmed for s, e in spans if (trimmed := _trim(text, s, e))[0] < trimmed[1]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
