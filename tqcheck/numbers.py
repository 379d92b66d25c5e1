"""Numbers in running text, read with a language's separators and scale words.

"1.000,5" is 1000.5 in Spanish and "1,000.5" in English; "3.000 millones" and "3 billion"
are both 3e9, while Spanish "billón" is 1e12. A mention keeps every value its text may
denote: one under a known language, all plausible ones when the language is unknown, so a
comparison that accepts any shared reading never raises a false alarm on ambiguity.
Digits inside identifiers ("COVID-19") and, from `tqcheck.number_words`, number words,
month names and Roman numerals are `soft`: they may stand for a number of the other side
but are never required.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import product

COMMA_DECIMAL = frozenset("es fr pt de it nl ca ro pl ru sv da nb no fi cs sk tr".split())
_SPACES = " \u00a0\u202f\u2009"
# Digit groups joined by "." "," or (before exactly three digits) a space or apostrophe;
# a leading ".05" is read only after a comparison sign or a bracket ("P < .05", "(.92)").
_TOKEN = re.compile(
    r"(?<!\d)(?<!\d[.,])(?:\d+|(?:(?<=[(<>=≤≥±~])|(?<=[<>=≤≥±] ))(?=\.\d))"
    r"(?:[.,]\d+|['’ \u00a0\u202f\u2009]\d{3}(?!\d))*"
)
_TIME = re.compile(r"(?<![\d.,:])([01]?\d|2[0-3])(?::|\s?h\s?)([0-5]\d)(?![\d:])")
_CURRENCY = re.compile(r"(?:US\$|R\$|A\$|C\$|\$|€|£|¥)\s?$")
_ORDINAL = re.compile(r"(?:\.?[ºª]|st|nd|rd|th|er|re|ème|eme|e|ᵉ)(?!\w)")
_PERCENT = re.compile(
    r"\s?(?:%|‰|por ciento|pour cent|por cento|per cento|per cent|percent|prozent)(?!\w)",
    re.IGNORECASE,
)
# Scale words and their value per language (a power of ten); longest forms first.
_SCALES: tuple[tuple[str, dict[str, int]], ...] = (
    ("mil millones", {"es": 9}),
    ("mil milhões|mil milhoes", {"pt": 9}),
    ("millones|millón|millon", {"es": 6}),
    ("billones|billón|billon", {"es": 12}),
    ("milhões|milhão|milhoes|milhao", {"pt": 6}),
    ("bilhões|bilhão|bilhoes|bilhao", {"pt": 9}),
    ("biliões|bilião", {"pt": 12}),
    ("trilhões|trilhão", {"pt": 12}),
    ("milliarden|milliarde|milliards|milliard|mrd\\.?", {"fr": 9, "de": 9}),
    ("millionen|millions|million|mio\\.?", {"en": 6, "fr": 6, "de": 6}),
    ("billionen|billions|billion", {"en": 9, "fr": 12, "de": 12}),
    ("trillions|trillion", {"en": 12, "fr": 18, "de": 18}),
    ("miliardi|miliardo", {"it": 9}),
    ("milioni|milione", {"it": 6}),
    ("thousand", {"en": 3}),
    ("tausend|tsd\\.?", {"de": 3}),
    ("mille", {"fr": 3}),
    ("mila", {"it": 3}),
    ("mil", {"es": 3, "pt": 3, "en": 6}),  # English "2 mil IU": medical shorthand
)
_SCALE = re.compile(
    r"[\s-]?(?:" + "|".join(f"(?P<s{i}>{p})" for i, (p, _) in enumerate(_SCALES)) + r")(?!\w)",
    re.IGNORECASE,
)
# After a currency amount only: "$5m", "€2.5bn", "£3k".
_MONEY_SCALE = re.compile(r"\s?(bn|mn|mln|m|k)(?!\w)")
_MONEY_POWERS = {"bn": 9, "mn": 6, "mln": 6, "m": 6, "k": 3}


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number in a text: its span, the value read first, and every value it may denote.

    `parts` are the digit groups of a token with separators ("10.30" → 10, 30), so a
    time or a list written differently on the other side still matches; `misformatted`
    is True when the text only reads as a number with the other separators ("2,5" in
    English); `soft` marks words and identifiers, which may satisfy but are never required;
    `base` holds the digits' own values when a scale word follows ("3" of "3 billion").
    """

    start: int
    end: int
    value: Decimal
    kind: str
    text: str
    readings: tuple[Decimal, ...] = ()
    parts: tuple[Decimal, ...] = ()
    misformatted: bool = False
    soft: bool = False
    base: tuple[Decimal, ...] = ()


def decimal_marks(lang: str | None) -> tuple[str, ...]:
    """The decimal marks a language may use: "," for most of Europe, "." for English."""
    if lang is None:
        return (".", ",")
    return (",",) if lang in COMMA_DECIMAL else (".",)


def read_token(token: str, mark: str, spaces: bool = True) -> Decimal | None:
    """The value of a digit token under one decimal mark, or None if it cannot be written so.

    Grouping needs a first group of 1-3 digits (not starting with 0) and groups of three;
    `spaces` allows (no-break, thin) spaces as group separators.
    """
    group = "," if mark == "." else "."
    pieces = re.split(r"([.,'’ \u00a0\u202f\u2009])", token)
    digits, seps = pieces[0::2], pieces[1::2]
    decimal = ""
    if seps and seps[-1] == mark:
        decimal, digits, seps = digits[-1], digits[:-1], seps[:-1]
    if any(s not in (group, "'", "’", *(_SPACES if spaces else ())) for s in seps):
        return None
    if len({" " if s in _SPACES else s for s in seps}) > 1:
        return None  # "1.000 000" mixes two grouping marks
    if seps and not (1 <= len(digits[0]) <= 3 and digits[0][0] != "0"):
        return None
    if any(len(d) != 3 for d in digits[1:]):
        return None
    return Decimal(f"{''.join(digits) or '0'}.{decimal or '0'}")


def _readings(token: str, lang: str | None, lenient: bool) -> tuple[tuple[Decimal, ...], bool]:
    """Values of a token under a language (all marks when unknown) and whether misformatted.

    `lenient` also reads "4,159" as a thousands group in a comma-decimal language: Latin
    American Spanish and English-trained authors write so, and sources are not corrected.
    """
    marks = decimal_marks(lang)
    if lenient and marks == (",",) and "." not in token:
        marks = (",", ".")
    spaces = lang != "en"  # English groups with commas: "124 000" is a French habit
    own = tuple(v for m in marks if (v := read_token(token, m, spaces)) is not None)
    if own:
        return tuple(dict.fromkeys(own)), False
    other = tuple(v for m in (".", ",") if (v := read_token(token, m)) is not None)
    return tuple(dict.fromkeys(other)), bool(other)


def _scale_powers(match: re.Match[str], lang: str | None) -> tuple[int, ...]:
    """Powers of ten of a scale word: its language's, else every language's (the language is
    unknown, guessed wrong, or the word was left untranslated)."""
    index = int(next(k for k, v in match.groupdict().items() if v is not None)[1:])
    by_lang = _SCALES[index][1]
    return (by_lang[lang],) if lang in by_lang else tuple(sorted(set(by_lang.values())))


def _suffix(text: str, end: int, lang: str | None, money: bool) -> tuple[int, str, tuple[int, ...]]:
    """What follows a token: (new end, kind, powers of ten) for ordinals, percents, scales."""
    if ordinal := _ORDINAL.match(text, end):
        return ordinal.end(), "ordinal", (0,)
    if percent := _PERCENT.match(text, end):
        return percent.end(), "percent", (0,)
    if scale := _SCALE.match(text, end):
        return scale.end(), "number", _scale_powers(scale, lang)
    if money and (short := _MONEY_SCALE.match(text, end)):
        return short.end(), "number", (_MONEY_POWERS[short.group(1)],)
    return end, "number", (0,)


def _is_identifier(text: str, start: int) -> bool:
    """Digits glued to letters before them ("COVID-19", "IL-6", "H1N1") name things."""
    before = text[start - 1] if start else ""
    if before == "-" and start > 1:
        before = text[start - 2]
    return before.isalpha()


def _token_mentions(
    text: str, match: re.Match[str], lang: str | None, lenient: bool
) -> list[NumberMention]:
    """The mention of one digit token with what follows it (percent, scale word, "s")."""
    token, start = match.group(), match.start()
    readings, misformatted = _readings(token, lang, lenient)
    if not readings:  # "1.2.3", "1,2,3": a list or a section number, one mention each
        return [
            _plain(text, start + m.start(), start + m.end()) for m in re.finditer(r"\d+", token)
        ]
    money = bool(_CURRENCY.search(text, max(0, start - 4), start))
    end, kind, powers = _suffix(text, match.end(), lang, money)
    values = tuple(dict.fromkeys(_norm(v.scaleb(p)) for v, p in product(readings, powers)))
    base = tuple(_norm(v) for v in readings) if powers != (0,) else ()
    if kind == "number" and powers == (0,) and re.fullmatch(r"(?:19|20)\d\d", token):
        kind = "year"
        if re.match(r" ?(?:'?s|ies|er)\b", text[end : end + 4]):  # "1990s" for "años 90"
            values = (*values, values[0] % 100)
    parts = tuple(Decimal(d) for d in re.findall(r"\d+", token)) if len(token) > 1 else ()
    soft = _is_identifier(text, start)
    return [NumberMention(start, end, values[0], kind, text[start:end], values,
                          parts if len(parts) > 1 else (), misformatted, soft, base)]  # fmt: skip


def _norm(value: Decimal) -> Decimal:
    """A value without trailing zeros or exponent, so it prints as people write it."""
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


def _plain(text: str, start: int, end: int) -> NumberMention:
    value = Decimal(text[start:end])
    return NumberMention(start, end, value, "number", text[start:end], (value,),
                         soft=_is_identifier(text, start))  # fmt: skip


def _times(text: str) -> list[NumberMention]:
    """Times of day ("10:30", "10h30", "10 h 30"), read as hour.minutes and kept in parts."""
    mentions = []
    for match in _TIME.finditer(text):
        hour, minute = Decimal(match.group(1)), Decimal(match.group(2))
        value = hour + minute / 100  # "10:30" reads like "10.30", as Spanish writes it
        mentions.append(NumberMention(match.start(), match.end(), value, "time", match.group(),
                                      (value,), (hour, minute)))  # fmt: skip
    return mentions


def extract_numbers(text: str, lang: str | None, lenient: bool = False) -> list[NumberMention]:
    """Numbers written with digits (and number words, soft) in `text`, in order.

    `lang` picks the separators and scale words; None reads every plausible way. `lenient`
    (for sources) also accepts comma grouping in a comma-decimal language.
    """
    mentions = _times(text)
    taken = [(m.start, m.end) for m in mentions]
    for match in _TOKEN.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        mentions.extend(_token_mentions(text, match, lang, lenient))
    from tqcheck.number_words import soft_mentions  # it builds on NumberMention, defined here

    taken = [(m.start, m.end) for m in mentions]
    for soft in soft_mentions(text):
        if not any(s < soft.end and soft.start < e for s, e in taken):
            mentions.append(soft)
    return sorted(mentions, key=lambda m: (m.start, m.end))
