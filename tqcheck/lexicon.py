"""Source-language lexical data: function words (stopwords-iso) and place exonyms (CLDR).

Both come from maintained data packages, loaded lazily and once per process:
- function words: stopwords-iso (MIT) for es, fr, pt, de, it, minus every English stopword
  and minus the English homographs measured on clean English news (ENGLISH_HOMOGRAPHS);
- exonyms: CLDR territory and exemplar-city names (Unicode licence) through Babel (BSD-3):
  a source-language name whose letters differ from the English one ("Moscú", "Bruselas",
  "Alemania"), unless it is itself an English name.
docs/language.md says why these and not wordfreq (its data is CC BY-SA).
"""

from __future__ import annotations

import unicodedata
from functools import cache

SOURCE_LANGS = ("es", "fr", "pt", "de", "it")

# Source-list words that are ordinary lowercase English words. Measured: every lowercase
# token of ../shared/eval/clean_news_en.jsonl (3,950 lines of English news) found in a
# source list but not in the English one; each of these occurred at least once there, or is
# a common English word of the same shape (docs/language.md, "Function words").
ENGLISH_HOMOGRAPHS = frozenset(
    """total local car final press multiple force era unique fine comment diverse cent war sea
    van ce rare tens favor mayor son premier po circa relative comparable tat solo seize
    pure dire fare bat ins tan pan eras tend ton die hat actual real general grande via
    vice versa per pro con contra mal sole dame prime note tout fin gut man mine plus sub
    super ultra don dear salute sin vale pace ante""".split()
)
# Lowercase words that English borrowed with their accents ("déjà vu", "über-rich").
LOANWORDS = frozenset("déjà über à así señor señora".split())
# Older English spellings or English words that CLDR lists as a source-language name:
# "Bahrein" (English variant), "Island" (German for Iceland).
ENGLISH_VARIANTS = frozenset({"Bahrein", "Island"})
# Saints' names are place names in every Catholic country ("San Martín" in Argentina and
# Peru, "San Cristóbal" in Venezuela): not evidence of an untranslated exonym.
_SAINTS = ("San ", "Santa ", "Santo ", "São ", "Saint ", "Sainte ", "Sankt ")
# Name particles: "de Gaulle", "von der Leyen", "da Silva" are names, not leftovers.
PARTICLES = frozenset(
    "de del della di da das do dos du la le les van von der den ter zu y e".split()
)


def fold(text: str) -> str:
    """Lowercase without accents, for comparing names across languages."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def english_words() -> frozenset[str]:
    """English stopwords (stopwords-iso) and the measured English homographs."""
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords("en")) | ENGLISH_HOMOGRAPHS


@cache
def function_words(lang: str) -> frozenset[str]:
    """Lowercase stopwords of a source language, minus the measured English homographs.

    stopwords-iso's English list is very broad (it holds "la", "de", "que", "se"), so words
    it shares with a source list stay in: evidence for that language when they come in
    numbers, weighed against english_against(lang).
    """
    import stopwordsiso

    words = stopwordsiso.stopwords(lang)
    return frozenset(
        w for w in words if w.isalpha() and w.islower() and w not in ENGLISH_HOMOGRAPHS
    )


@cache
def english_against(lang: str) -> frozenset[str]:
    """English stopwords that are not stopwords of `lang`: evidence against it."""
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords("en") - stopwordsiso.stopwords(lang))


@cache
def foreign_words(lang: str) -> frozenset[str]:
    """Function words of a source language that are in no English list at all."""
    return function_words(lang) - english_words()


@cache
def english_only_words() -> frozenset[str]:
    """English stopwords that are not function words of any source language."""
    import stopwordsiso

    sources = set().union(*(stopwordsiso.stopwords(lang) for lang in SOURCE_LANGS))
    return frozenset(w for w in stopwordsiso.stopwords("en") if w.isalpha() and w not in sources)


@cache
def exonyms(lang: str) -> dict[str, str]:
    """Source-language place names (CLDR) whose English name is different: name -> English."""
    from babel import Locale

    english, source = Locale("en"), Locale(lang)
    # Countries only: region codes are numeric ("001" World, "150" Europe) and their names
    # double as ordinary words and brand names ("Welt am Sonntag", "Europa League").
    pairs = [
        (source.territories.get(code), name)
        for code, name in english.territories.items()
        if code.isalpha()
    ]
    for zone, names in source.time_zones.items():
        english_city = english.time_zones.get(zone, {}).get("city")
        pairs.append((names.get("city"), english_city or zone.rsplit("/", 1)[-1].replace("_", " ")))
    english_names = {fold(name) for _, name in pairs if name} | {
        fold(n) for n in english.territories.values()
    }
    found = {}
    for name, english_name in pairs:
        if not name or not english_name or name.startswith(_SAINTS):
            continue
        if not all(word[:1].isupper() and word.isalpha() for word in name.split()):
            continue  # "Hong Kong, RAE da China", "Wallis y Futuna": never in running text
        folded = fold(name)
        if folded in english_names or folded in english_words() or name in ENGLISH_VARIANTS:
            continue  # "Chile", "Mexico"/"México", "Island": the same or an English name
        if folded in fold(english_name) or fold(english_name) in folded:
            continue  # "Ho Chi Minh" for "Ho Chi Minh City" is also the man's name
        found[name] = english_name
    return found


@cache
def any_foreign_words() -> frozenset[str]:
    """Function words of any source language that are in no English list (a fast precheck)."""
    return frozenset().union(*(foreign_words(lang) for lang in SOURCE_LANGS))


@cache
def exonym_first_words() -> frozenset[str]:
    """First words of every exonym, so most sentences skip the exonym lookup."""
    return frozenset(name.split()[0] for lang in SOURCE_LANGS for name in exonyms(lang))


@cache
def exonym_names() -> frozenset[str]:
    """Every exonym of every source language."""
    return frozenset(name for lang in SOURCE_LANGS for name in exonyms(lang))
