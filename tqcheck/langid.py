"""Language identification of text segments: a Protocol and a seeded langdetect backend.

langdetect is a character n-gram naive Bayes classifier (Apache-2.0, profiles from
Wikipedia). Three things make it fit for a checker: it is seeded (otherwise its random
sampling changes answers between runs), it only considers the plausible languages (the target
and the likely sources, so "NATO" cannot come out as Vietnamese), and it never raises (empty,
numeric or punctuation-only text returns no guess). Answers are cached per segment text.
The import of langdetect happens in the backend's constructor so `tqcheck --help` stays fast.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Protocol

# Languages a news translation into English is plausibly (partly) left in: the declared
# sources of tqcheck plus Italian, the nearest neighbour langdetect confuses them with.
PLAUSIBLE = ("en", "es", "fr", "pt", "de", "it")

# Thresholds chosen on data (docs/language.md, "Thresholds"). langdetect alone, restricted to
# PLAUSIBLE, on the 1,267 bio-mqm source sentences (es/fr/pt), the WMT23 en-de references
# (de) and their English sides: right on 36-64 % of segments of 1-4 words, 92-100 % at 5
# words and 97-100 % from 6 words, hence MIN_WORDS = 5. Its wrong answers at >= 5 words
# were names and figures lists at confidence 1.0 ("Bolivia (n = 1), Brazil (n = 105)" ->
# Italian), so the confidence cannot guard precision: the function-word precheck in
# tqcheck.rules.language_evidence does. langdetect averages 7 seeded trials, so its
# confidences come in steps (1.0, 0.857, 0.714 ...); 0.85 accepts 6 trials of 7. On
# bench/langid_quality.py,
# 0.80 and 0.85 give 96.4 % recall on untranslated sentences of >= 6 words, 0.95 and 0.999
# give 95.2 %, all with 0 false alarms on the 4,115 sentences of clean English news.
MIN_WORDS = 5
MIN_CONFIDENCE = 0.85


@dataclass(frozen=True, slots=True)
class Guess:
    """A language guess for a segment: ISO 639-1 code and probability in [0, 1]."""

    lang: str
    confidence: float


class LanguageDetector(Protocol):
    """Anything that can guess the language of a segment among a fixed set of languages."""

    name: str
    languages: tuple[str, ...]

    def detect(self, text: str) -> Guess | None:
        """The most likely language of `text`, or None when there is nothing to judge."""
        ...


class LangdetectDetector:
    """langdetect restricted to `languages`, seeded, never raising, cached per text."""

    def __init__(self, languages: tuple[str, ...] = PLAUSIBLE, seed: int = 0) -> None:
        import langdetect  # heavy-ish (profiles): only when a language rule runs
        from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

        # Languages langdetect has no profile for (a --target-lang it does not know) are left
        # out rather than failing the run.
        available = set(os.listdir(PROFILES_DIRECTORY))
        self.languages = tuple(sorted(set(languages) & available))
        self.name = f"langdetect {getattr(langdetect, '__version__', '1.0.9')}"
        self._factory = DetectorFactory()
        profiles = []
        for lang in self.languages:
            with open(os.path.join(PROFILES_DIRECTORY, lang), encoding="utf-8") as handle:
                profiles.append(handle.read())
        self._factory.load_json_profile(profiles)
        # The seed makes langdetect's random n-gram sampling repeatable across processes.
        self._factory.seed = seed
        self._cache: dict[str, Guess | None] = {}

    def detect(self, text: str) -> Guess | None:
        """The most likely language of `text` (None for text without letters)."""
        key = " ".join(text.split())
        if key in self._cache:
            return self._cache[key]
        guess = self._detect(key) if any(c.isalpha() for c in key) else None
        if len(self._cache) > 100_000:  # bounded: a 50 MB corpus has no use for old entries
            self._cache.clear()
        self._cache[key] = guess
        return guess

    def _detect(self, text: str) -> Guess | None:
        from langdetect.lang_detect_exception import LangDetectException

        try:
            detector = self._factory.create()
            detector.append(text)
            best = detector.get_probabilities()[0]
        except (LangDetectException, IndexError):
            return None  # no usable n-grams (digits, symbols): no opinion, never a crash
        return Guess(best.lang, round(best.prob, 4))


def create_detector(languages: tuple[str, ...] = PLAUSIBLE) -> LanguageDetector:
    """The default detector: langdetect over the plausible languages."""
    return LangdetectDetector(languages)


GUESS_MIN_CONFIDENCE = 0.9  # below this a file's language is left unknown, not guessed
_GUESS_SAMPLE = 10_000  # characters: plenty for a confident guess, bounded cost
_GUESS_MIN_WORDS = 30  # a few short units are too little to tell Spanish from Galician
_guesser: LangdetectDetector | None = None


def guess_language(text: str) -> str | None:
    """The language of a file's text among all langdetect knows, or None when unsure.

    Used for translation files that declare no language, so an Afrikaans PO file is not
    checked as English.
    """
    global _guesser
    sample = " ".join(text.split())[:_GUESS_SAMPLE]
    if len(sample.split()) < _GUESS_MIN_WORDS:
        return None
    if _guesser is None:
        from langdetect.detector_factory import PROFILES_DIRECTORY

        _guesser = LangdetectDetector(tuple(sorted(os.listdir(PROFILES_DIRECTORY))))
    guess = _guesser.detect(sample)
    if guess is None or guess.confidence < GUESS_MIN_CONFIDENCE:
        return None
    return guess.lang.split("-")[0]
