"""Numbers written as words, month names and Roman numerals: soft number mentions.

"two" may stand for "2" and "July" for the 7 of "3/7", but a source "dos" never demands
a digit: these mentions can satisfy a number of the other side and are never required.
Lists cover en, es, fr, pt, de and it; a list's index is the word's value. Runs of words
combine ("twenty-five", "treinta y dos", "two hundred", "mil millones").
"""

from __future__ import annotations

import re
from decimal import Decimal

from tqcheck.numbers import NumberMention


def soft_mentions(text: str) -> list[NumberMention]:
    """Number words (alone and combined), month names and Roman numerals in `text`."""
    return [*_word_mentions(text), *_roman_mentions(text)]


_SMALL = {
    "en": "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty",
    "es": "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce "
    "quince dieciséis diecisiete dieciocho diecinueve veinte",
    "fr": "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze "
    "quinze seize dix-sept dix-huit dix-neuf vingt",
    "pt": "zero um dois três quatro cinco seis sete oito nove dez onze doze treze catorze "
    "quinze dezesseis dezessete dezoito dezenove vinte",
    "de": "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn "
    "vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn zwanzig",
    "it": "zero uno due tre quattro cinque sei sette otto nove dieci undici dodici tredici "
    "quattordici quindici sedici diciassette diciotto diciannove venti",
}
_TENS = {
    "en": "thirty forty fifty sixty seventy eighty ninety",
    "es": "treinta cuarenta cincuenta sesenta setenta ochenta noventa",
    "fr": "trente quarante cinquante soixante",  # "soixante-dix", "quatre-vingts": see _combine
    "pt": "trinta quarenta cinquenta sessenta setenta oitenta noventa",
    "de": "dreißig vierzig fünfzig sechzig siebzig achtzig neunzig",
    "it": "trenta quaranta cinquanta sessanta settanta ottanta novanta",
}
_ORDINAL_WORDS = {
    "en": "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
    "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
    "twentieth",
    "es": "- primero segundo tercero cuarto quinto sexto séptimo octavo noveno décimo",
    "fr": "- premier deuxième troisième quatrième cinquième sixième septième huitième "
    "neuvième dixième",
    "pt": "- primeiro segundo terceiro quarto quinto sexto sétimo oitavo nono décimo",
    "de": "- erste zweite dritte vierte fünfte sechste siebte achte neunte zehnte elfte zwölfte",
}
_OTHER_WORDS = (
    "una:1 un:1 une:1 uma:1 duas:2 ein:1 eine:1 primer:1 primera:1 segunda:2 tercer:3 "
    "tercera:3 première:1 primeira:1 second:2 seconde:2 both:2 twice:2 double:2 ambos:2 "
    "ambas:2 beide:2 doble:2 dozen:12 a:1 an:1 twofold:2 triple:3 threefold:3 fourfold:4 "
    "fivefold:5 sixfold:6 sevenfold:7 eightfold:8 ninefold:9 tenfold:10 decade:10 "
    "century:100 hundred:100 cien:100 ciento:100 cent:100 cem:100 hundert:100 cento:100 "
    "dezasseis:16 dezassete:17 dezanove:19"
)
_CONNECTORS = frozenset({"and", "y", "e", "et", "und"})
_MONTH_NAMES = (
    "january february march april may june july august september october november december "
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre "
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro "
    "januar februar märz april mai juni juli august september oktober november dezember"
).split()
_MONTHS = {name: Decimal(i % 12 + 1) for i, name in enumerate(_MONTH_NAMES)}
_LOWER_NOT_MONTH = frozenset({"may", "march"})  # "may", "march" are English verbs


def _word_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for words in _SMALL.values():
        table.update({w: i for i, w in enumerate(words.split())})
    for words in _ORDINAL_WORDS.values():
        table.update({w: i for i, w in enumerate(words.split()) if w != "-"})
    for words in _TENS.values():
        table.update({w: 30 + 10 * i for i, w in enumerate(words.split())})
    table.update({w: int(v) for w, v in (p.split(":") for p in _OTHER_WORDS.split())})
    return table


_WORDS = _word_table()
_GERMAN_WORDS = frozenset(f"{_SMALL['de']} {_ORDINAL_WORDS['de']} ein eine".split())
_SCALE_WORDS = {"thousand": 3, "mil": 3, "mille": 3, "tausend": 3, "mila": 3, "million": 6,
                "millions": 6, "millón": 6, "millones": 6, "milhão": 6, "milhões": 6,
                "millionen": 6, "milioni": 6, "billion": 9, "billions": 9, "milliard": 9,
                "milliards": 9, "milliarde": 9, "milliarden": 9, "bilhão": 9,
                "bilhões": 9, "miliardi": 9}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")


def _word_value(word: str) -> int | None:
    """The value of one number word, if it is one; German endings ("zehnten", "einer") go."""
    value = _WORDS.get(word)
    if value is None and word[-1:] in ("n", "r", "s", "m") and word[:-1] in _GERMAN_WORDS:
        value = _WORDS.get(word[:-1])
    return value


def _combine(words: list[str]) -> Decimal:
    """ "two hundred", "treinta y dos", "five million": one value from a run of words."""
    total, current = Decimal(0), Decimal(0)
    for word in words:
        if word in _SCALE_WORDS and not current and total:  # "mil millones": 1000 × 1e6
            total = total.scaleb(_SCALE_WORDS[word])
        elif word in _SCALE_WORDS:
            total += max(current, Decimal(1)).scaleb(_SCALE_WORDS[word])
            current = Decimal(0)
        elif word in _CONNECTORS:
            continue
        elif word in ("vingt", "vingts") and current == 4:  # French "quatre-vingt(s)"
            current = Decimal(80)
        elif (value := _word_value(word)) == 100:
            current = max(current, Decimal(1)) * 100
        elif value is not None:
            current += value
    return total + current


def _word_mentions(text: str) -> list[NumberMention]:
    """Soft mentions for number words (alone and combined) and month names."""
    mentions, run = [], []
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if word in _MONTHS and (word not in _LOWER_NOT_MONTH or match.group()[0].isupper()):
            month = _MONTHS[word]
            mentions.append(NumberMention(match.start(), match.end(), month, "month",
                                          match.group(), (month,), soft=True))  # fmt: skip
        numeric = _word_value(word) is not None or word in _SCALE_WORDS
        joined = bool(run) and text[run[-1].end() : match.start()].strip() in ("", "-")
        if not joined:
            mentions.extend(_run_mentions(text, run))
            run = []
        if numeric or (run and word in _CONNECTORS):
            run.append(match)
    return mentions + _run_mentions(text, run)


def _run_mentions(text: str, run: list[re.Match[str]]) -> list[NumberMention]:
    while run and run[-1].group().lower() in _CONNECTORS:
        run = run[:-1]
    if not run:
        return []
    words = [m.group().lower() for m in run]
    values = [_combine(words)] + [Decimal(v) for w in words if (v := _word_value(w)) is not None]
    start, end = run[0].start(), run[-1].end()
    readings = tuple(dict.fromkeys(values))
    return [NumberMention(start, end, readings[0], "word", text[start:end], readings,
                          soft=True)]  # fmt: skip


_ROMAN = re.compile(r"\b(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})\b")
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


def _roman_mentions(text: str) -> list[NumberMention]:
    """Soft mentions for Roman numerals ("fase III", "siglo XXI")."""
    mentions = []
    for match in _ROMAN.finditer(text):
        letters = match.group()
        if not letters:
            continue
        values = [_ROMAN_VALUES[c] for c in letters]
        total = sum(-v if v < n else v for v, n in zip(values, [*values[1:], 0], strict=True))
        value = Decimal(total)
        mentions.append(NumberMention(match.start(), match.end(), value, "roman", letters,
                                      (value,), soft=True))  # fmt: skip
    return mentions
