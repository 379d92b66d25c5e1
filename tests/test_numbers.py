"""Numbers read with a language (tqcheck.numbers, tqcheck.number_words): table-driven."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tqcheck.numbers import decimal_marks, extract_numbers, read_token


def readings(text: str, lang: str | None, lenient: bool = False) -> list[tuple[str, set[str]]]:
    """(text, readings as plain strings) of every hard mention."""
    return [
        (m.text, {format(r.normalize(), "f") for r in m.readings})
        for m in extract_numbers(text, lang, lenient)
        if not m.soft
    ]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # locales: separators
        ("1.000,5", "es", [("1.000,5", {"1000.5"})]),
        ("1,000.5", "en", [("1,000.5", {"1000.5"})]),
        ("1 000,5", "fr", [("1 000,5", {"1000.5"})]),
        ("1\u202f000,5", "fr", [("1\u202f000,5", {"1000.5"})]),
        ("1\u00a0000\u00a0000", "pt", [("1\u00a0000\u00a0000", {"1000000"})]),
        ("1.500", "de", [("1.500", {"1500"})]),
        ("1.500", "en", [("1.500", {"1.5"})]),
        ("1,500", "en", [("1,500", {"1500"})]),
        ("0,05", "es", [("0,05", {"0.05"})]),
        ("P < .05", "en", [(".05", {"0.05"})]),
        ("1'000", "de", [("1'000", {"1000"})]),
        # ambiguity: no language reads every way
        ("1.500", None, [("1.500", {"1.5", "1500"})]),
        ("1,500", None, [("1,500", {"1.5", "1500"})]),
        ("1.000,5", None, [("1.000,5", {"1000.5"})]),
        ("2,5", None, [("2,5", {"2.5"})]),
        # sources are lenient: Latin American Spanish groups with commas
        ("4,159", "es", [("4,159", {"4.159", "4159"})]),
        # scale words
        ("3.000 millones", "es", [("3.000 millones", {"3000000000"})]),
        ("3 mil millones", "es", [("3 mil millones", {"3000000000"})]),
        ("3 billones", "es", [("3 billones", {"3000000000000"})]),
        ("3 billion", "en", [("3 billion", {"3000000000"})]),
        ("3 billion", None, [("3 billion", {"3000000000", "3000000000000"})]),
        ("3 milliards", "fr", [("3 milliards", {"3000000000"})]),
        ("2,5 Mrd.", "de", [("2,5 Mrd.", {"2500000000"})]),
        ("3 Mio.", "de", [("3 Mio.", {"3000000"})]),
        ("2 Billionen", "de", [("2 Billionen", {"2000000000000"})]),
        ("1,5 milhões", "pt", [("1,5 milhões", {"1500000"})]),
        ("2 bilhões", "pt", [("2 bilhões", {"2000000000"})]),
        ("3 mil", "pt", [("3 mil", {"3000"})]),
        ("$5m", "en", [("5m", {"5000000"})]),
        ("€2.5bn", "en", [("2.5bn", {"2500000000"})]),
        ("5m", "en", [("5", {"5"})]),  # metres, not millions: no currency before it
        ("44-Millionen-Pfund", "de", [("44-Millionen", {"44000000"})]),
        # percents and ordinals
        ("50 %", "fr", [("50 %", {"50"})]),
        ("50 por ciento", "es", [("50 por ciento", {"50"})]),
        ("50 Prozent", "de", [("50 Prozent", {"50"})]),
        ("el 1.º de mayo", "es", [("1.º", {"1"})]),
        ("the 2nd time", "en", [("2nd", {"2"})]),
        # years, decades and times
        ("en 2019.", "es", [("2019", {"2019"})]),
        ("the 1990s", "en", [("1990", {"1990", "90"})]),
        ("a las 10.30 horas", "es", [("10.30", {"10.3"})]),
        ("at 10:30", "en", [("10:30", {"10.3"})]),
        ("à 10h30", "fr", [("10h30", {"10.3"})]),
        # lists and section numbers: one mention per number
        ("1.2.3", "en", [("1", {"1"}), ("2", {"2"}), ("3", {"3"})]),
        ("3/7/2020", "es", [("3", {"3"}), ("7", {"7"}), ("2020", {"2020"})]),
    ],
)
def test_digits_are_read_with_the_language(
    text: str, lang: str | None, expected: list[tuple[str, set[str]]]
) -> None:
    assert readings(text, lang, lenient=True) == expected


def test_identifiers_are_soft_and_number_words_count() -> None:
    found = {m.text: (m.soft, m.kind) for m in extract_numbers("COVID-19, IL-6, CO2 y 5", "es")}
    assert found == {"19": (True, "number"), "6": (True, "number"), "2": (True, "number"),
                     "5": (False, "number")}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("two", "2"),
        ("twenty-five", "25"),
        ("treinta y dos", "32"),
        ("two hundred", "200"),
        ("mil millones", "1000000000"),
        ("dix-huit", "18"),
        ("quatre-vingt-dix", "90"),
        ("zehnten", "10"),
        ("July", "7"),
        ("julio", "7"),
        ("fase III", "3"),
        ("eightfold", "8"),
    ],
)
def test_words_months_and_roman_numerals_are_soft(text: str, value: str) -> None:
    mentions = extract_numbers(text, None)
    assert mentions and all(m.soft for m in mentions)
    assert any(Decimal(value) in m.readings for m in mentions)


@pytest.mark.parametrize("text", ["I may go", "they march on", "a pain in the neck"])
def test_plain_words_are_not_months(text: str) -> None:
    assert not [m for m in extract_numbers(text, "en") if m.kind == "month"]


def test_misformatted_marks_the_other_convention() -> None:
    (comma,) = extract_numbers("2,5", "en")
    (point,) = extract_numbers("2.5", "en")
    assert comma.misformatted and comma.value == Decimal("2.5")
    assert not point.misformatted
    assert extract_numbers("1.000.000", "en")[0].misformatted
    (spaced,) = extract_numbers("124 000", "en")  # English groups with commas
    assert spaced.misformatted and spaced.value == Decimal(124000)
    assert not extract_numbers("124 000", "fr")[0].misformatted


@pytest.mark.parametrize(
    ("token", "mark", "value"),
    [
        ("1.000,5", ",", "1000.5"),
        ("1.000,5", ".", None),
        ("1,000.5", ".", "1000.5"),
        ("0,500", ".", None),  # grouping never starts with 0
        ("1.000 000", ",", None),  # two grouping marks
        ("12345", ".", "12345"),
        ("12.34", ",", None),
    ],
)
def test_read_token(token: str, mark: str, value: str | None) -> None:
    assert read_token(token, mark) == (Decimal(value) if value else None)


def test_decimal_marks() -> None:
    assert decimal_marks("en") == (".",)
    assert decimal_marks("es") == decimal_marks("de") == (",",)
    assert decimal_marks(None) == (".", ",")
