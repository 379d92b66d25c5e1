"""Evidence for the language rules: per-document triggers, sentence verdicts, switched spans.

The language rules (tqcheck.rules.language) ask three questions of a document, and this
module answers each once per document, caching in RuleContext.shared:
- which paragraphs could hold source-language text at all (triggers: a cheap scan, so the
  rules cost little on English news);
- which sentences are in a source language (function words first, then langdetect);
- where an English sentence switches into a source language (runs of function words).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from tqcheck import lexicon
from tqcheck.langid import MIN_CONFIDENCE, MIN_WORDS
from tqcheck.rules.base import RuleContext, Unit
from tqcheck.sentences import split_sentences

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_PUNCTUATION = "\"'“”‘’«»„‚()[]{}.,;:!?¿¡…—–-/*_"
ACCENTED = re.compile(r"[¿¡À-ÖØ-öø-ſ]")  # curly quotes are not evidence, accented letters are
ACCENTED_WORD = re.compile(r"[^\W\d_]*[À-ÖØ-öø-ſ][^\W\d_]*")


@dataclass(frozen=True, slots=True)
class Verdict:
    """A segment judged to be in `lang`, with langdetect's confidence and the evidence."""

    lang: str
    confidence: float
    function_words: int


def function_word_evidence(words: list[str]) -> tuple[str, int, int] | None:
    """The source language with most function-word evidence over English: (lang, for, against).

    A word counts for a language when it is one of its stopwords, and against it when it
    is an English stopword that language does not have ("the", "of", "and", "said").
    """
    # The first word is lower-cased: "Las medidas…" opens with a function word.
    lowered = [w.lower() for w in words[:1]] + [w for w in words[1:] if w.islower()]
    best = None
    for lang in lexicon.SOURCE_LANGS:
        source, english = lexicon.function_words(lang), lexicon.english_against(lang)
        pro = sum(w in source for w in lowered)
        con = sum(w in english for w in lowered)
        if best is None or pro - con > best[1] - best[2]:
            best = (lang, pro, con)
    return best


def judge(text: str, context: RuleContext) -> Verdict | None:
    """The foreign language `text` is in, or None (target language, or too little to say).

    Cached per document: three rules ask about every sentence.
    """
    if not may_fire(text, context):
        return None
    cache = context.shared.setdefault("language_verdicts", {})
    if text not in cache:
        cache[text] = _judge(text, context)
    return cache[text]


def triggers(context: RuleContext) -> re.Pattern[str] | None:
    """Words of the document that could start a language finding, found once per document.

    A source-only function word, a lower-case accented word, an exonym, a capitalised
    function word opening a sentence: a unit holding none of them cannot fire, and most
    units of English news hold none. This keeps language ID cheap (docs/language.md,
    "Cost"): one split and one scan of the document, then a set lookup per paragraph.
    The lexicons weigh source languages against English: other targets are not checked.
    """
    if context.target_lang != "en":
        context.shared.setdefault("language_triggers", None)
        context.shared.setdefault("language_scans", [])
    if "language_triggers" not in context.shared:
        foreign = lexicon.any_foreign_words()
        prose = context.document.prose
        tokens = set(prose.split())
        keys = tokens | {t.strip(_PUNCTUATION) for t in tokens if not t.isalpha()}
        found = set(foreign.intersection(keys))
        if not lexicon.exonym_first_words().isdisjoint(keys):
            found |= {name for name in lexicon.exonym_names() if name.split()[0] in keys}
        openers = set()
        for key in keys:
            if key.islower():
                if not key.isascii() and ACCENTED.search(key):
                    found.add(key)  # lower-case accented words ("estimó") are rare in English
            elif key.istitle() and key.lower() in foreign:
                # A capitalised function word opens a foreign sentence ("Las medidas …");
                # only at a sentence start: elsewhere it is a name ("Han", "Dan", "Ben").
                openers.add(key)
        words = "|".join(re.escape(word) for word in sorted(found, key=len, reverse=True))
        alternatives = [rf"(?<!\w)(?:{words})(?!\w)"] if found else []  # "und" ≠ "under"
        if openers:
            starts = "|".join(re.escape(word) for word in sorted(openers, key=len, reverse=True))
            alternatives += [rf"(?:^|(?<=[.!?:]\s))(?:{starts})(?!\w)"]
        pattern = "|".join(alternatives)
        context.shared["language_triggers"] = re.compile(pattern, re.M) if pattern else None
        # For the one scan of the whole document, patterns that start with a literal: re
        # skips ahead on their first characters (a leading look-behind would disable that,
        # costing 2.5x). Word boundaries before a match are checked in Python instead.
        scans = [re.compile(rf"(?:{words})(?!\w)")] if found else []
        if openers:
            scans += [re.compile(rf"^(?:{starts})(?!\w)", re.M),
                      re.compile(rf"[.!?:]\s(?:{starts})(?!\w)")]  # fmt: skip
        context.shared["language_scans"] = scans
    return context.shared["language_triggers"]


def may_fire_at(start: int, end: int, context: RuleContext) -> bool:
    """Whether the document span `[start, end)` holds a trigger (found in one pass)."""
    if "language_trigger_starts" not in context.shared:
        triggers(context)
        prose = context.document.prose
        found = [
            m.start()
            for scan in context.shared["language_scans"]
            for m in scan.finditer(prose)
            if not m.start() or not prose[m.start() - 1].isalnum()
        ]
        context.shared["language_trigger_starts"] = sorted(found)
    starts = context.shared["language_trigger_starts"]
    if not starts:
        return False
    index = bisect.bisect_left(starts, start)
    return index < len(starts) and starts[index] < end


def paragraph_may_fire(unit: Unit, context: RuleContext) -> bool:
    """`may_fire_at` for a paragraph unit, answered from a set (called ~4x per paragraph)."""
    if "language_firing" not in context.shared:
        paragraphs = context.document.paragraphs
        context.shared["language_firing"] = {
            p.start for p in paragraphs if may_fire_at(p.start, p.end, context)
        } if triggers(context) else set()  # fmt: skip
    return unit.start in context.shared["language_firing"]


def may_fire(text: str, context: RuleContext) -> bool:
    """Whether `text` holds a trigger word (one regex search; it may say yes wrongly)."""
    pattern = triggers(context)
    return pattern is not None and pattern.search(text) is not None


def words_of(text: str, context: RuleContext) -> list[str]:
    """The words of a sentence, found once per document for all language rules."""
    cache = context.shared.setdefault("language_words", {})
    if text not in cache:
        cache[text] = WORD.findall(text)
    return cache[text]


def without_particles(words: list[str]) -> list[str]:
    """Words minus name particles ("von der Leyen", "Lula da Silva", "del Toro")."""
    kept, index = [], 0
    while index < len(words):
        end = index
        while end < len(words) and words[end] in lexicon.PARTICLES:
            end += 1
        if end > index and end < len(words) and words[end][:1].isupper():
            index = end  # a particle chain before a name: not evidence of a language
            continue
        kept.append(words[index])
        index += 1
    return kept


def _judge(text: str, context: RuleContext) -> Verdict | None:
    words = words_of(text, context)
    if len(words) < MIN_WORDS or not any(c.islower() for c in text):
        return None  # short, or ALL CAPS (headers, credits): langdetect is unreliable there
    if sum(w.islower() for w in words) < 3:
        return None  # a names-only line ("Bolivia (n = 1), Brazil (n = 105)")
    if lexicon.any_foreign_words().isdisjoint([words[0].lower(), *words[1:]]) and not any(
        w.islower() and ACCENTED.search(w) for w in words
    ):
        return None  # no source-only word, no accented word: English
    evidence = function_word_evidence(without_particles(words))
    if evidence is None or evidence[1] < 2 or evidence[2] > max(1, evidence[1] // 4):
        # English function words are there in numbers: an English sentence, or a mixed one
        # ("… said that the decision is una decisión nacional …") that TQ203 reports.
        return None
    detector = context.detector
    guess = detector.detect(text) if detector is not None else None
    if guess is None or guess.lang == context.target_lang or guess.confidence < MIN_CONFIDENCE:
        return None
    return Verdict(guess.lang, guess.confidence, evidence[1])


def sentence_spans(text: str, context: RuleContext) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph, split once per document for all language rules."""
    spans = context.shared.setdefault("language_sentences", {})
    if text not in spans:
        spans[text] = split_sentences(text)
    return spans[text]


def sentence_verdicts(text: str, context: RuleContext) -> list[tuple[int, int, Verdict | None]]:
    return [(s, e, judge(text[s:e], context)) for s, e in sentence_spans(text, context)]


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    english: bool
    langs: frozenset[str]


def tokens(text: str) -> list[Token]:
    english = lexicon.english_only_words()
    tokens = []
    for match in WORD.finditer(text):
        word = match.group()
        lower = word.islower()
        langs = frozenset(
            lang for lang in lexicon.SOURCE_LANGS if lower and word in lexicon.foreign_words(lang)
        )
        tokens.append(Token(match.start(), match.end(), word, lower and word in english, langs))
    return tokens


def is_particle(tokens: list[Token], index: int) -> bool:
    """A name particle: "de Gaulle", "von der Leyen", "Lula da Silva"."""
    for token in tokens[index:]:
        if token.text in lexicon.PARTICLES:
            continue
        return token.text[:1].isupper()
    return False


def switched_spans(text: str) -> Iterator[tuple[Token, Token, str, int]]:
    """Runs of source function words uninterrupted by English ones: (first, last, lang, n)."""
    found = tokens(text)
    index = 0
    while index < len(found):
        if not found[index].langs or is_particle(found, index):
            index += 1
            continue
        end = index
        while end + 1 < len(found) and not found[end + 1].english:
            end += 1
        counts = Counter(lang for t in found[index : end + 1] for lang in t.langs)
        lang, count = counts.most_common(1)[0]
        yield found[index], found[end], lang, count
        index = end + 1
