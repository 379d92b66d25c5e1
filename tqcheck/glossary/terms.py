"""Term compliance: does a target render each glossary term its source contains?

Both sides are scanned once with an Aho-Corasick automaton over folded forms (case,
accents and typographic variants folded), on word boundaries, tolerant of inflection:
plural and possessive in English ("Convention" / "Conventions", "NATO's"), short
endings in other languages ("Verletzung" / "Verletzungen"). Occurrences are counted:
a term twice in the source needs two renderings in the target.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass

import ahocorasick

from tqcheck.glossary.folding import FoldedView, fold_case_only, fold_key
from tqcheck.glossary.matcher import longest_first

_ENGLISH_ENDINGS = ("s", "es")
# Inflection endings a form may carry, per language: plural, gender and case endings, not
# any short tail ("Syrie" must not match "syriens", nor "infecté" match "infected").
_ENDINGS = {
    "en": _ENGLISH_ENDINGS,
    "de": ("e", "n", "en", "er", "es", "s", "ern", "em", "ns"),
    "fr": ("s", "x", "e", "es"),
    "es": ("s", "es", "a", "as", "o", "os"),
    "pt": ("s", "es", "a", "as", "o", "os"),
}
_MAX_OTHER_ENDING = 3  # languages without a list (and unknown ones): any ending this short


@dataclass(frozen=True, slots=True)
class TermRequirement:
    """A source term and the target forms that count as rendering it.

    `accepted` are the renderings to suggest; `rendered` are further forms that count
    as an attempt (a deprecated or miscased rendering that another rule reports).
    """

    key: Hashable
    source_forms: tuple[str, ...]
    accepted: tuple[str, ...]
    rendered: tuple[str, ...] = ()
    exact: frozenset[str] = frozenset()  # forms (either side) that match only as cased


@dataclass(frozen=True, slots=True)
class TermGap:
    """A source term rendered fewer times in the target than it occurs in the source."""

    requirement: TermRequirement
    source_text: str
    in_source: int
    in_target: int


class FormScanner:
    """Finds many forms in a text at once: whole words, inflection-tolerant, longest first."""

    def __init__(self, forms: Iterable[tuple[str, Hashable]], lang: str | None,
                 exact: Collection[str] = (), accents: bool = False):  # fmt: skip
        self._automaton = ahocorasick.Automaton()
        table: dict[str, set[tuple[Hashable, str | None, str | None]]] = {}
        for text, payload in forms:
            cased = text if text in exact else None  # matched only as written
            for key, accented in _keys(text, lang).items():
                table.setdefault(key, set()).add((payload, cased, accented if accents else None))
        for key, payloads in table.items():
            self._automaton.add_word(key, (len(key), tuple(sorted(payloads, key=repr))))
        self._empty = not table
        if table:
            self._automaton.make_automaton()
        self._endings = _ENDINGS.get(lang or "")

    def find(self, text: str) -> list[tuple[int, int, tuple[Hashable, ...]]]:
        """Non-overlapping matches (original offsets), the longest where two overlap."""
        if self._empty or not text:
            return []
        view = FoldedView.of(text)
        found = []
        for end, (length, payloads) in self._automaton.iter(view.text):
            start = end + 1 - length
            stop = self._word_end(view.text, start, end + 1)
            if stop is None:
                continue
            begin = view.original(start)
            written = text[begin : view.original(end) + 1]  # the form's part, as written
            spelled = fold_case_only(written)
            wanted = tuple(dict.fromkeys(
                p for p, cased, accented in payloads
                if (cased is None or written == cased) and accented in (None, spelled)
            ))  # fmt: skip
            if wanted:
                found.append((start, stop, wanted))
        return longest_first(found, view)

    def _word_end(self, view: str, start: int, end: int) -> int | None:
        if start > 0 and view[start - 1].isalnum() and view[start].isalnum():
            return None
        if end == len(view) or not view[end].isalnum() or not view[end - 1].isalnum():
            return end
        tail = end
        while tail < len(view) and view[tail].isalpha():
            tail += 1
        if tail < len(view) and view[tail].isdigit():
            return None
        ending = view[end:tail]
        if self._endings is not None:
            return tail if ending in self._endings else None
        return tail if len(ending) <= _MAX_OTHER_ENDING else None


# French agreement: a term listed in the masculine singular is also written in the feminine
# or plural inside the target ("maladie contagieuse", "kits de test"). Variants are made on
# the spelling with its accents, then folded into keys. Function words never vary.
_FRENCH_SWAPS = (("eux", ("euse", "euses")), ("if", ("ive", "ives")), ("el", ("elle", "elles")),
                 ("en", ("enne", "ennes")), ("er", ("ère", "ères")), ("al", ("aux", "ale", "ales")),
                 ("eau", ("eaux",)))  # fmt: skip
_FRENCH_FIXED = frozenset("a au aux d de des du en et l la le les par pour sur un une".split())
_MAX_KEYS = 64  # variants per form: enough for three varying words


def _french_words(word: str) -> list[str]:
    if word in _FRENCH_FIXED or len(word) < 3 or not word.isalpha():
        return [word]
    variants = [word, word + "s", word + "e", word + "es"]
    for ending, replacements in _FRENCH_SWAPS:
        if word.endswith(ending):
            variants += [word[: -len(ending)] + r for r in replacements]
    return variants


def _keys(text: str, lang: str | None) -> dict[str, str]:
    """Automaton keys (folded) of a form's variants, each with its spelling (accents kept)."""
    spelling = fold_case_only(text)
    if not fold_key(text):
        return {}
    variants = {spelling}
    if lang == "en" and spelling.endswith("y") and len(spelling) > 3:
        variants.add(spelling[:-1] + "ies")  # agency -> agencies
    if lang == "fr":
        variants = {""}
        for word in spelling.split(" "):
            variants = {f"{k} {v}".strip() for k in variants for v in _french_words(word)}
            if len(variants) > _MAX_KEYS:
                variants = {spelling}
                break
    return {fold_key(v): v for v in sorted(variants)}


class TermChecker:
    """Counts source terms and their renderings in source/target pairs."""

    def __init__(
        self, requirements: Sequence[TermRequirement], source_lang: str | None, target_lang: str
    ):
        self.requirements = tuple(requirements)
        exact = frozenset(f for r in self.requirements for f in r.exact)
        self._source = FormScanner(
            ((form, i) for i, r in enumerate(self.requirements) for form in r.source_forms),
            source_lang,
            exact,
        )
        self._target = FormScanner(
            ((form, i) for i, r in enumerate(self.requirements)
             for form in (*r.accepted, *r.rendered)),
            target_lang, exact,
            # Outside English, a target spelled without its accents ("diabetes" in French) is
            # the source-language word left in, not the term.
            accents=target_lang not in (None, "en"),
        )  # fmt: skip

    def gaps(self, source: str, target: str) -> list[TermGap]:
        """Terms of the source rendered too few times in the target, in source order."""
        in_source: Counter[int] = Counter()
        first_seen: dict[int, str] = {}
        for start, end, payloads in self._source.find(source):
            for index in payloads:
                in_source[index] += 1
                first_seen.setdefault(index, source[start:end])
        if not in_source:
            return []
        in_target: Counter[int] = Counter()
        for _, _, payloads in self._target.find(target):
            for index in payloads:
                in_target[index] += 1
        return [
            TermGap(self.requirements[i], first_seen[i], n, in_target[i])
            for i, n in in_source.items()
            if in_target[i] < n
        ]
