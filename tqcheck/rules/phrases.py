"""Candidate phrases for the semantic rules: name-like spans of a text, with exact offsets.

Title-case runs with inner connectors ("Organization of the North Atlantic Treaty"),
hyphen compounds ("Otán-Ukraine Council"), runs across a paragraph broken inside a name
("Convention in⏎⏎Bunch"), and their windows ("Fighters of the Group Wagner" holds "Group
Wagner"). Sentence openers and single words are not candidates.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from tqcheck.glossary.folding import fold_key

MAX_WORDS = 8
# Words allowed inside a name ("Organization of the North Atlantic Treaty"); "and" is not
# one: it joins two names ("the ECB and the European Investment Bank").
CONNECTORS = frozenset("of in on for the de del la".split())
STOPWORDS = CONNECTORS | frozenset("a an and y to at by with from 's".split())
_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*[^\W_]|[^\W\d_]")
_POSSESSIVE = re.compile(r"['’]s$")
# Capitalised because they open a sentence, not because they are part of a name.
OPENERS = frozenset(
    "the a an this that these those if because however when while but and or so as after "
    "before since in on at for from with by of to it he she they we i his her their its our "
    "there then also yet although though meanwhile according".split()
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A phrase of the document: exact span and its content words (folded)."""

    start: int
    end: int
    text: str  # whitespace squeezed, as embedded
    words: tuple[str, ...]


def content_word(word: str) -> str:
    """A folded word without possessive or plural ending: "Munitions" and "munition" meet."""
    word = _POSSESSIVE.sub("", fold_key(word))
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def is_capital(word: str) -> bool:
    return word[:1].isupper()


def candidates(text: str) -> list[Candidate]:
    """Title-case runs (with inner connectors, hyphen compounds and a broken paragraph).

    A run may cross a blank line only after a connector ("Convention in⏎⏎Bunch"): a
    paragraph break inside a name is a layout artifact, one after a full word is not.
    """
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    found: dict[tuple[int, int], Candidate] = {}
    run: list[tuple[int, int]] = []
    for start, end in tokens:
        word = text[start:end]
        if run and not _joins(text[run[-1][1] : start], text[run[-1][0] : run[-1][1]]):
            _close(text, run, found)
            run = []
        if is_capital(word) or (run and word in CONNECTORS):
            run.append((start, end))
        elif run:
            _close(text, run, found)
            run = []
    _close(text, run, found)
    return sorted(found.values(), key=lambda c: (c.start, c.end))


def _joins(gap: str, previous: str) -> bool:
    """Do two tokens belong to one run: one space, or a blank line after a connector?"""
    if gap == " ":
        return True
    return gap.strip(" ") == "\n\n" and previous in CONNECTORS


def _close(text: str, run: list[tuple[int, int]], found: dict[tuple[int, int], Candidate]) -> None:
    """Keep the run without edge connectors or a leading article, if it has 2+ content words."""
    while run and (text[run[-1][0] : run[-1][1]] in CONNECTORS):
        run.pop()
    while run and text[run[0][0] : run[0][1]].lower() in OPENERS:
        run.pop(0)
    if len(run) > MAX_WORDS:
        return
    # The run and its windows that start and end on a capitalised word: a calque often
    # sits inside a longer run ("Fighters of the Group Wagner").
    # A window may end early only before a connector: "Ministry of Foreign" is a cut name.
    capitals = [i for i, (s, e) in enumerate(run) if is_capital(text[s:e])]
    ends = [j for j in capitals if j == len(run) - 1 or text[run[j + 1][0] : run[j + 1][1]]
            in CONNECTORS]  # fmt: skip
    for i in capitals:
        for j in ends:
            if j > i:
                _add(text, run[i : j + 1], found)


def _add(text: str, run: list[tuple[int, int]], found: dict[tuple[int, int], Candidate]) -> None:
    words = tuple(content_word(text[s:e]) for s, e in run if text[s:e].lower() not in STOPWORDS)
    if len(words) < 2 or any(text[s:e].isupper() for s, e in run):
        return  # all-caps words are acronyms or headlines: the glossary rules handle them
    start, end = run[0][0], run[-1][1]
    phrase = " ".join(text[start:end].split())
    found.setdefault((start, end), Candidate(start, end, phrase, words))


def around(text: str, keys: Container[str], reach: int = 3) -> list[Candidate]:
    """Lowercase phrases of 2 to reach+1 words around a key word ("the ammunition in bunch").

    Calques are not always capitalised. Embedding every n-gram would be slow and noisy, so
    only words the glossary flags open a window; windows stay inside one clause (single
    spaces between words) and do not start or end on a connector.
    """
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    found: dict[tuple[int, int], Candidate] = {}
    for index, (start, end) in enumerate(tokens):
        word = text[start:end]
        if len(word) < 5 or not word.islower() or content_word(word) not in keys:
            continue  # short keys are English function words ("were", "into") too often
        low, high = index, index
        while low > max(0, index - reach) and text[tokens[low - 1][1] : tokens[low][0]] == " ":
            low -= 1
        while high < min(len(tokens) - 1, index + reach) and (
            text[tokens[high][1] : tokens[high + 1][0]] == " "
        ):
            high += 1
        for i in range(low, index + 1):
            for j in range(index, high + 1):
                window = tokens[i : j + 1]
                if len(window) > reach + 1:
                    continue
                edges = (text[slice(*window[0])], text[slice(*window[-1])])
                lower = all(text[s:e].islower() for s, e in window)  # names: candidates()
                if lower and not any(edge in STOPWORDS or edge in OPENERS for edge in edges):
                    _add(text, window, found)
    return sorted(found.values(), key=lambda c: (c.start, c.end))
