"""TQ503 number-mismatch and TQ504 placeholder-mismatch: extraction, pairing, the rules."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tqcheck.config import Config
from tqcheck.engine import Checker, check_text
from tqcheck.formats.base import ParsedFile, RawSegment, TextPiece, build_document
from tqcheck.number_match import compare_numbers, related
from tqcheck.placeholders import diff_placeholders, extract_placeholders
from tqcheck.rules.transfer import number_hits, placeholder_hits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hola %s, tienes %d mensajes", [("%s", "printf"), ("%d", "printf")]),
        (
            "%1$s y %(name)s a %.2f",
            [("%1$s", "printf"), ("%(name)s", "printf"), ("%.2f", "printf")],
        ),
        ("El 50 % y el 50% de 5 %de", []),
        ("100%% seguro", []),
        (
            "Pulse {0} o {name} o {} o {0:N2}",
            [("{0}", "brace"), ("{name}", "brace"), ("{}", "brace"), ("{0:N2}", "brace")],
        ),
        ("Hola {{ user }}", [("{{user}}", "brace")]),
        ("Cuesta $total en prosa", []),
        ("Hola {0}, debes $total", [("{0}", "brace"), ("$total", "dollar")]),
        ("{see above} y {a, b}", []),
        ("{count, plural, one {# item} other {# items}}", [("{count}", "icu")]),
        (
            "Cuesta $5 o $bn; ${name} y $user_name",
            [("${name}", "dollar"), ("$user_name", "dollar")],
        ),
        (
            "Ver <b>aquí</b><br/> y <br>",
            [("<b>", "tag"), ("</b>", "tag"), ("<br/>", "tag"), ("<br/>", "tag")],
        ),
        ('<a href="x">y</a>', [("<a>", "tag"), ("</a>", "tag")]),
        ("si x<5 y y>3", []),
        ("Visite https://example.com/a_(b). Fin", [("https://example.com/a_(b)", "url")]),
        ("(véase www.example.org/es)", [("www.example.org/es", "url")]),
        ("Escriba a Info@Example.com.", [("info@example.com", "email")]),
    ],
)
def test_placeholders_are_extracted(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.key, p.kind) for p in extract_placeholders(text)] == expected


def test_placeholder_diff_is_a_multiset_and_pairs_changed_links() -> None:
    diff = diff_placeholders("%s y %s en https://a.es/x", "%s and https://a.es/y %d")
    assert diff.lost == (("printf", "%s"),)
    assert [h.key for h in diff.extra] == ["%d"]
    assert [(h.key, was) for h, was in diff.changed] == [("https://a.es/y", "https://a.es/x")]
    localised = diff_placeholders("https://x.org/es/ayuda", "https://x.org/en/ayuda")
    assert localised == diff_placeholders("", "")


def test_a_bare_dollar_variable_counts_when_either_side_is_code() -> None:
    diff = diff_placeholders("Hola {0}, debes $total", "Hello, you owe $total")
    assert diff.lost == (("brace", "{0}"),)
    assert diff.extra == ()


def test_inline_codes_compare_as_multisets() -> None:
    diff = diff_placeholders("a b", "a b", ("g:1", "x:2", "x:2"), ("x:2", "g:1", "x:3"))
    assert diff.lost == (("code", "x:2"),)
    assert diff.added_codes == ("x:3",)


NUMBER_CASES = [
    # (source, target, source language, target language, [(kind, matched text)])
    ("1.000,5 dosis", "1,000.5 doses", "es", "en", []),
    ("1.000,5 dosis", "1.000,5 doses", "es", "en", [("format", "1.000,5")]),
    ("1.500 pacientes", "1.500 patients", "es", "en", [("format", "1.500")]),
    ("1.500 pacientes", "1.500 patients", None, "en", []),  # unknown source: any reading
    ("1.500 pacientes", "1.5 thousand patients", "es", "en", []),
    ("124 000 células", "124 000 cells", "es", "en", [("format", "124 000")]),
    ("124 000 células", "124,000 cells", "es", "en", []),
    ("3.000 millones", "3 billion", "es", "en", []),
    ("3 billones", "3 billion", "es", "en", [("changed", "3 billion")]),
    ("3 billones", "3 trillion", "es", "en", []),
    ("mil millones de dosis", "a billion doses", "es", "en", []),
    ("2,5 %", "2.5%", "es", "en", []),
    ("50 pour cent", "50 percent", "fr", "en", []),
    ("El 3 de julio a las 10.30", "On July 3 at 10:30", "es", "en", []),
    ("el 3/7/2020", "on July 3, 2020", "es", "en", []),
    ("Dos de 5 pacientes", "Two of five patients", "es", "en", []),
    ("fase 3 del siglo XXI", "phase III of the 21st century", "es", "en", []),
    ("de 99,4 à 88,5 milliards", "from 99.4 billion to 88.5 billion", "fr", "en", []),
    ("Murieron 15 personas.", "50 people died.", "es", "en", [("changed", "50")]),
    ("Hubo 120 pacientes en 2019.", "There were patients in 2019.", "es", "en",
     [("missing", "There were patients in 2019.")]),
    ("Vinieron 5 y 5 más.", "Five came and 5 more.", "es", "en", []),
    ("Vinieron 5 y 5 más.", "They came and 5 more.", "es", "en",
     [("missing", "They came and 5 more.")]),
    ("citas [1,2] y COVID-19", "citations [1,2] and COVID-19", "es", "en", []),
    ("A total of 1,500 cases", "Un total de 1 500 cas", "en", "fr", []),
    ("A total of 2.5 mg", "Un total de 2.5 mg", "en", "fr", [("format", "2.5")]),
    ("Pulse %1$s en {0}", "Press %1$s on {0}", "es", "en", []),  # digits of placeholders
]  # fmt: skip


@pytest.mark.parametrize(("source", "target", "src", "tgt", "expected"), NUMBER_CASES)
def test_numbers_are_compared_by_value(
    source: str, target: str, src: str | None, tgt: str, expected: list[tuple[str, str]]
) -> None:
    hits = number_hits(source, target, src, tgt)
    found = [(h.evidence["kind"], target[h.start : h.end]) for h in hits]
    assert found == expected


def test_number_messages_quote_what_was_seen_and_suggest() -> None:
    missing = number_hits("Se dieron 1.000,5 dosis el lunes.", "Doses were given on Monday.",
                          "es", "en")  # fmt: skip
    assert [h.message for h in missing] == [
        'The source number "1.000,5" (1000.5) is missing from the translation'
    ]
    (changed,) = number_hits("Son 1.000,5 dosis.", "That is 1,500 doses.", "es", "en")
    assert changed.message == '"1,500" here but the source has "1.000,5" (1000.5): check the number'
    (slip,) = number_hits("Son 1.000,5 dosis.", "That is 1.000,5 doses.", "es", "en")
    assert slip.suggestion == "1,000.5"
    assert (
        slip.message
        == '"1.000,5" is written with the source\'s separators: write "1,000.5" in English'
    )


def test_unrelated_pairs_are_not_compared() -> None:
    source = "Untersucht wurden 15 endoskopisch operierte Patienten nach 3 Monaten."
    target = "The hypothenar hammer syndrome is a traumatic occlusion of the ulnar artery."
    assert not related(source, target)
    assert compare_numbers(source, target, "de", "en") == []
    assert related("Murieron 15 personas.", "50 people died.")  # too short to judge


def test_placeholder_messages_name_the_code() -> None:
    (missing,) = placeholder_hits("Hola %s", "Hello")
    assert missing.message == 'The placeholder "%s" in the source is missing from the translation'
    (tags,) = placeholder_hits("Ver <b>aquí</b>", "See here")
    assert (
        tags.message == 'The tags "<b>" and "</b>" in the source are missing from the translation'
    )
    (extra,) = placeholder_hits("Guardar", "Save {0}")
    assert (
        extra.message == 'The placeholder "{0}" is not in the source: remove it or check the source'
    )
    (url,) = placeholder_hits("Ver https://a.org/x", "See https://a.org/y")
    assert url.suggestion == "https://a.org/x"


def _codes(config: Config, *pairs: str) -> list[tuple[str, str]]:
    text = "\n".join(pairs)
    return [(f.code, f.text) for f in check_text(text, config, kind="tsv")]


def test_rules_run_through_the_engine_on_tsv() -> None:
    numbers = Config(select=("TQ503",), source_lang="es")
    assert _codes(numbers, "Llegaron 1.500 pacientes.\tSome 1.500 patients arrived.") == [
        ("TQ503", "1.500")
    ]
    assert _codes(numbers, "Llegaron 1.500 pacientes.\tSome 1,500 patients arrived.") == []
    holders = Config(select=("TQ504",))
    assert _codes(holders, "Hola %s\tHello %s", "Adiós {0}\tBye") == [("TQ504", "Bye")]


def test_english_to_french() -> None:
    config = Config(select=("TQ503",), source_lang="en", target_lang="fr")
    assert _codes(config, "It costs 2.5 million euros.\tCela coûte 2,5 millions d'euros.") == []
    assert _codes(config, "It costs 2.5 million euros.\tCela coûte 2.5 millions d'euros.") == [
        ("TQ503", "2.5")
    ]
    assert _codes(config, "A loss of 3 billion.\tUne perte de 3 billions.") == [
        ("TQ503", "3 billions")
    ]


@pytest.mark.parametrize(
    "pair",
    [
        "Hola %s 5\tHola %s 5",  # untranslated: another rule reports it
        "Hola %s 5\t",  # empty target
    ],
)
def test_untranslated_and_empty_targets_are_skipped(pair: str) -> None:
    assert _codes(Config(select=("TQ503", "TQ504")), pair) == []


def _xliff_like(
    source: str, target: str, source_codes: tuple[str, ...], target_codes: tuple[str, ...]
) -> object:
    text = f"<unit><source>{source}</source><target>{target}</target></unit>"
    start = text.index("<target>") + len("<target>")
    raw = RawSegment("u1", source, (TextPiece(target, start, start + len(target)),), start,
                     source_codes=source_codes, target_codes=target_codes)  # fmt: skip
    return build_document("t.xlf", text, "xliff", ParsedFile((raw,), "es", "en"))


def test_inline_codes_of_a_translation_file() -> None:
    checker = Checker.from_config(Config(select=("TQ504",)))
    document = _xliff_like("Pulse aquí", "Click here", ("g:1", "x:2"), ("g:1",))
    (finding,) = checker.check(document)
    assert (finding.code, finding.text, finding.unit) == ("TQ504", "Click here", "u1")
    assert finding.message == (
        'The inline code "x:2" in the source is missing from the translation'
    )
    same = _xliff_like("Pulse aquí", "Click here", ("g:1", "x:2"), ("x:2", "g:1"))
    assert checker.check(same) == []


def test_misaligned_segments_are_skipped() -> None:
    checker = Checker.from_config(Config(select=("TQ503", "TQ504")))
    document = _xliff_like("Hay %s y 5", "There are 7", (), ())
    assert sorted(f.code for f in checker.check(document)) == ["TQ503", "TQ504"]
    unaligned = replace(document, segments=tuple(replace(s, aligned=False)
                                                 for s in document.segments))  # fmt: skip
    assert checker.check(unaligned) == []


def test_languages_with_other_number_words_are_not_compared() -> None:
    config = Config(select=("TQ503",), source_lang="zh", target_lang="en")
    assert _codes(config, "有3万人参加。\tThere were 30,000 people.") == []
