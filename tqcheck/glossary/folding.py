"""A searchable view of text: case and accents folded, whitespace runs squeezed.

The view keeps an offset map back to the original so every span stays exact: folding is
one code point for one code point, and only whitespace runs change length.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

_SPACES = re.compile(r" {2,}")
# Typographic variants that MT and CMS pipelines swap freely.
_EQUIVALENTS = {
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'",
    "–": "-", "—": "-", "‐": "-", "‑": "-", "‒": "-",
}  # fmt: skip


@cache
def _fold_table() -> dict[int, str]:
    """Per-code-point fold for the Latin, Greek and Cyrillic ranges, length-preserving."""
    table: dict[int, str] = {}
    for code in range(0x20, 0x2100):
        char = chr(code)
        folded = _fold_char(char)
        if folded != char:
            table[code] = folded
    for char, repl in _EQUIVALENTS.items():
        table[ord(char)] = repl
    for char in "\t\n\r\v\f\xa0\u2007\u202f\u2009\u200a\u3000\u2028\u2029":
        table[ord(char)] = " "
    return table


def _fold_char(char: str) -> str:
    lower = char.lower()
    if len(lower) != 1:  # "İ".lower() is two code points; fold its base letter instead
        lower = unicodedata.normalize("NFD", char)[0].lower()
    base = unicodedata.normalize("NFD", lower)
    if base and all(unicodedata.combining(c) for c in base[1:]) and len(base[0]) == 1:
        return base[0]
    return lower


_NOT_PLAIN = re.compile(r"[^\x20-\x7e]")


def fold(text: str) -> str:
    """Fold case and accents and map typographic variants, one code point for one."""
    lower = text.lower()
    if len(lower) != len(text):  # rare letters such as "İ" lower-case to two code points
        return text.translate(_fold_table())
    # Fast path: str.lower runs in C; only the few non-printable-ASCII code points
    # (accents, typographic quotes, newlines) need the table.
    table = _fold_table()
    return _NOT_PLAIN.sub(lambda m: table.get(ord(m.group()), m.group()), lower)


def fold_key(text: str) -> str:
    """The search key of a glossary form: folded, whitespace squeezed and stripped."""
    return _SPACES.sub(" ", fold(text)).strip()


def fold_case_only(text: str) -> str:
    """Lower-case with typographic variants unified, accents kept (for accent-exact forms)."""
    return " ".join(text.lower().translate({ord(k): v for k, v in _EQUIVALENTS.items()}).split())


@dataclass(frozen=True)
class FoldedView:
    """The folded, squeezed text and the map from its offsets to the original's."""

    text: str
    _positions: tuple[int, ...]  # view offsets just after each squeezed run
    _shifts: tuple[int, ...]  # code points removed up to and including that run

    @classmethod
    def of(cls, original: str) -> FoldedView:
        """Build the view of an original text."""
        folded = fold(original)
        pieces, positions, shifts = [], [], []
        removed, last = 0, 0
        for match in _SPACES.finditer(folded):
            pieces.append(folded[last : match.start() + 1])
            removed += match.end() - match.start() - 1
            positions.append(match.start() + 1 - (removed - (match.end() - match.start() - 1)))
            shifts.append(removed)
            last = match.end()
        if not positions:
            return cls(folded, (), ())
        pieces.append(folded[last:])
        return cls("".join(pieces), tuple(positions), tuple(shifts))

    def original(self, offset: int) -> int:
        """Map a view offset back to the original text."""
        index = bisect.bisect_right(self._positions, offset) - 1
        return offset + (self._shifts[index] if index >= 0 else 0)
