"""Language rules (TQ201-TQ204): text left in the source language.

Machine translation leaves source text behind at every size: a whole document, a paragraph
or headline, half a sentence ("… is una decisión nacional de cada uno de los aliados"), a
single word ("según", "Moscú"). Each size has its rule, and the bigger ones are
preconditions: their hits mask every other finding inside them (one language finding, not a
cascade of term findings in a Spanish paragraph).

Precision comes first. langdetect alone calls name lists and credits Italian at 100 %, so a
segment is judged foreign only when (1) it has >= MIN_WORDS words, lower-case words and is
not ALL CAPS, (2) it holds at least two function words of a source language and fewer English
ones, and (3) langdetect, restricted to plausible languages, agrees at >= MIN_CONFIDENCE.
Step 2 is a dictionary lookup that settles most English sentences before langdetect runs,
which is what keeps the cost low. The evidence lives in tqcheck.rules.language_evidence;
this module turns it into findings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

from tqcheck import lexicon
from tqcheck.model import Hit, Severity
from tqcheck.rules.base import RuleContext, Unit, rule
from tqcheck.rules.language_evidence import (
    ACCENTED,
    ACCENTED_WORD,
    WORD,
    Verdict,
    judge,
    may_fire,
    paragraph_may_fire,
    sentence_spans,
    sentence_verdicts,
    switched_spans,
    triggers,
    words_of,
)

_MIXED_MIN_WORDS = 3  # a switched span this long or longer is judged by its function words
_MIXED_FUNCTION_WORDS = 2
_DOCUMENT_SHARE = 0.5  # over half the words in foreign sentences: the document is foreign

SentenceCheck = Callable[[str, "RuleContext"], Iterator[Hit]]

NAMES = {"en": "English", "es": "Spanish", "fr": "French", "pt": "Portuguese", "de": "German",
         "it": "Italian"}  # fmt: skip


def _name(lang: str) -> str:
    return NAMES.get(lang, lang)


def _segment_hit(text: str, start: int, end: int, verdict: Verdict, kind: str) -> Hit:
    seen = " ".join(text[start:end].split())
    shown = seen if len(seen) <= 60 else seen[:57] + "…"
    return Hit(
        start,
        end,
        f"{kind} is in {_name(verdict.lang)}, not translated: “{shown}”; translate it or "
        "remove it",
        evidence={"language": verdict.lang, "confidence": verdict.confidence,
                  "function_words": verdict.function_words},
    )  # fmt: skip


def _document_verdict(context: RuleContext) -> Verdict | None:
    """The document's language when most of its words are in foreign sentences (cached)."""
    if "document_language" in context.shared:
        return context.shared["document_language"]
    document = context.document
    foreign: Counter[str] = Counter()
    total = len(document.prose.split())  # whitespace tokens: a share needs no exact count
    best: dict[str, Verdict] = {}
    for paragraph in document.paragraphs if triggers(context) else ():
        if not paragraph_may_fire(Unit("", paragraph.start), context):
            continue
        text = document.paragraph_text(paragraph)
        for s, e, verdict in sentence_verdicts(text, context):
            if verdict is not None:
                foreign[verdict.lang] += len(text[s:e].split())
                best.setdefault(verdict.lang, verdict)
    result = None
    if foreign and total:
        lang, words = foreign.most_common(1)[0]
        if words > _DOCUMENT_SHARE * total:
            result = Verdict(lang, round(words / total, 4), best[lang].function_words)
    context.shared["document_language"] = result
    return result


@rule(
    "TQ201",
    Severity.ERROR,
    "document",
    needs={"langid"},
    masks=True,
    bad=[
        (
            "La OTAN invitará a Ucrania a ser miembro cuando cumpla las condiciones. El ministro "
            "de Defensa ruso dijo el martes que Moscú usará medios similares de destrucción.",
            "La OTAN invitará a Ucrania a ser miembro cuando cumpla las condiciones. El ministro "
            "de Defensa ruso dijo el martes que Moscú usará medios similares de destrucción.",
        )
    ],
    good=[
        "NATO will invite Ukraine to become a member when it meets the conditions. Russia's "
        "defence minister said on Tuesday that Moscow would use similar means.",
        "El Paso and La Paz are cities, and Jens Stoltenberg met Sergei Shoigu.",
    ],
)
def document_language(unit: Unit, context: RuleContext) -> Iterator[Hit]:
    """The whole document is in another language than the target: it was not translated."""
    verdict = _document_verdict(context)
    if verdict is None:
        return
    start = len(unit.text) - len(unit.text.lstrip())
    end = len(unit.text.rstrip())
    yield Hit(
        start,
        end,
        f"The document is in {_name(verdict.lang)} ({verdict.confidence:.0%} of its words), "
        f"not {_name(context.target_lang)}; check that the right file was translated",
        evidence={"language": verdict.lang, "share": verdict.confidence},
    )


@rule(
    "TQ202",
    Severity.WARNING,
    "paragraph",
    needs={"langid"},
    masks=True,
    bad=[
        (
            "NATO leaders meet in Lithuania. Lea también: La OTAN invitará a Ucrania cuando "
            "cumpla las condiciones que le pusieron los aliados.\n\nThe summit opens today in "
            "Vilnius. Leaders will discuss aid to Ukraine and the war.\n\nThe second tries to "
            "raise the level of the political relationship with Kyiv.",
            "Lea también: La OTAN invitará a Ucrania cuando cumpla las condiciones que le "
            "pusieron los aliados.",
        ),
        "Le président a déclaré que la France enverra des missiles à l'Ukraine dans les "
        "prochaines semaines.\n\nThe summit opens today in Vilnius. Leaders will discuss aid to "
        "Ukraine and the war.\n\nThe second tries to raise the level of the political "
        "relationship with Kyiv.",
    ],
    good=[
        "Velyka Dymerka, in Ukraine, after 500 days of the war in Ukraine. Photo: "
        "EFE/EPA/SERGEY DOLZHENKO",
        "REDACCIÓN INTERNACIONAL",
        "Charles de Gaulle and Ursula von der Leyen visited La Paz, El Paso and Los Angeles.",
    ],
)
def untranslated_segment(unit: Unit, context: RuleContext) -> Iterator[Hit]:
    """A sentence, headline or paragraph left in the source language, reported once."""
    if not paragraph_may_fire(unit, context):
        return
    if _document_verdict(context) is not None:
        return  # the document finding covers it
    run: list[tuple[int, int, Verdict]] = []
    for start, end, verdict in [*sentence_verdicts(unit.text, context), (0, 0, None)]:
        if verdict is not None and (not run or run[-1][2].lang == verdict.lang):
            run.append((start, end, verdict))
            continue
        if run:  # consecutive foreign sentences of one language: one finding
            best = max(run, key=lambda item: item[2].confidence)[2]
            kind = "This paragraph" if len(run) > 1 else "This sentence"
            yield _segment_hit(unit.text, run[0][0], run[-1][1], best, kind)
        run = [(start, end, verdict)] if verdict is not None else []


def _foreign_context(text: str, context: RuleContext) -> bool:
    """The sentence (or the document) is already reported as a whole."""
    return _document_verdict(context) is not None or judge(text, context) is not None


@rule(
    "TQ203",
    Severity.WARNING,
    "paragraph",
    needs={"langid"},
    masks=True,
    bad=[
        (
            "Stoltenberg said that the decision is una decisión nacional de cada uno de los "
            "aliados.",
            "una decisión nacional de cada uno de los aliados",
        ),
        (
            "The minister said the aid would arrive soon, según fuentes del gobierno.",
            "según fuentes del gobierno",
        ),
    ],
    good=[
        "Charles de Gaulle and Ursula von der Leyen visited La Paz, El Paso and Los Angeles.",
        "The local car press said the final total was unique.",
        "Luiz Inácio Lula da Silva met Guillermo del Toro in São Paulo.",
    ],
)
def mixed_language(unit: Unit, context: RuleContext) -> Iterator[Hit]:
    """An English sentence that switches into the source language part of the way."""
    return _per_sentence(unit, context, _mixed_hits)


def _per_sentence(unit: Unit, context: RuleContext, check: SentenceCheck) -> Iterator[Hit]:
    """Run a sentence check on the sentences of a paragraph that may fire.

    The token rules are paragraph rules that split only the rare paragraphs holding a
    trigger word: splitting every paragraph into sentences would double their cost.
    """
    if not paragraph_may_fire(unit, context):
        return
    for start, end in sentence_spans(unit.text, context):
        for hit in check(unit.text[start:end], context):
            yield Hit(hit.start + start, hit.end + start, hit.message, hit.suggestion,
                      hit.evidence)  # fmt: skip


def _mixed_hits(text: str, context: RuleContext) -> Iterator[Hit]:
    """Spans of one sentence where it switched into a source language."""
    if not may_fire(text, context):
        return
    if lexicon.any_foreign_words().isdisjoint(words_of(text, context)):
        return  # no source-only function word at all: nothing switched
    if _foreign_context(text, context):
        return
    for first, last, lang, count in switched_spans(text):
        span = text[first.start : last.end]
        words = len(WORD.findall(span))
        if count < _MIXED_FUNCTION_WORDS or words < _MIXED_MIN_WORDS:
            continue
        detector = context.detector
        guess = detector.detect(span) if detector is not None else None
        if guess is None or guess.lang != lang:
            continue  # langdetect must agree on the language the function words point to
        yield Hit(
            first.start,
            last.end,
            f"The sentence switches into {_name(lang)}: “{span}”; translate this part",
            evidence={"language": lang, "confidence": guess.confidence, "function_words": count},
        )


@rule(
    "TQ204",
    Severity.WARNING,
    "paragraph",
    needs={"langid"},
    bad=[
        ("The ministry said también that the talks would go on.", "también"),
        ("The summit was held in Bruselas on Tuesday.", "Bruselas"),
    ],
    good=[
        "Sergei Shoigu and Jens Stoltenberg met in Velyka Dymerka with Charles de Gaulle.",
        "She ordered a jalapeño pizza at a café with a Renaissance façade, a déjà vu.",
        "The team played in São Paulo, Zürich and La Paz.",
    ],
)
def source_word(unit: Unit, context: RuleContext) -> Iterator[Hit]:
    """A source-language word left in an English sentence: a function word or an exonym."""
    return _per_sentence(unit, context, _source_word_hits)


def _source_word_hits(text: str, context: RuleContext) -> Iterator[Hit]:
    """Single source-language words of one sentence: accented function words, exonyms."""
    if not may_fire(text, context):
        return
    words = words_of(text, context)
    accented = ACCENTED.search(text) is not None
    if not accented and lexicon.exonym_first_words().isdisjoint(words):
        return  # the common case, settled at C speed: no accent, no exonym
    if _foreign_context(text, context):
        return
    for match in ACCENTED_WORD.finditer(text) if accented else ():
        word = match.group()
        langs = [lang for lang in lexicon.SOURCE_LANGS if word in lexicon.foreign_words(lang)]
        if langs and word not in lexicon.LOANWORDS:
            yield Hit(match.start(), match.end(),
                      f"“{word}” is a {_name(langs[0])} word; translate it",
                      evidence={"language": langs[0]})  # fmt: skip
    if not lexicon.exonym_first_words().isdisjoint(words):
        yield from _exonym_hits(text)


def _exonym_hits(text: str) -> Iterator[Hit]:
    """Source-language place names (CLDR) where English has another name."""
    phrases = list(_CAPITALISED.finditer(text))
    for lang in lexicon.SOURCE_LANGS:
        names = lexicon.exonyms(lang)
        for match in phrases:
            # The whole capitalised phrase must be the exonym: "Europa League" is a name.
            phrase = match.group()
            if phrase in names:
                yield Hit(match.start(), match.end(),
                          f"“{phrase}” is the {_name(lang)} name of {names[phrase]}; "
                          f"use “{names[phrase]}”", suggestion=names[phrase],
                          evidence={"language": lang})  # fmt: skip


# A run of capitalised words ("Nueva York", "Estados Unidos", "Países Bajos").
_CAPITALISED = re.compile(r"(?<![\w’'-])[A-ZÀ-ÖØ-Þ][\w’'-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w’'-]*)*")


RULES = (document_language, untranslated_segment, mixed_language, source_word)
