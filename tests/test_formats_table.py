"""The CSV/TSV reader: headers, column choice, quoting and exact file positions."""

from __future__ import annotations

import pytest

from tqcheck.config import Config
from tqcheck.document import Document, InputError
from tqcheck.engine import check_text
from tqcheck.formats import ReadOptions, load


def read_csv(text: str, path: str = "t.csv", source: str | None = None,
             target: str | None = None) -> Document:  # fmt: skip
    """A CSV/TSV string read as a Document with the given language options."""
    return load(path, text.encode(), ReadOptions(source, target), kind="csv")


def units(doc: Document) -> list[tuple[str, str, str]]:
    """(id, source, target) of every unit."""
    return [(s.id, s.source, s.target) for s in doc.segments]


def where(doc: Document, word: str) -> tuple[int, int, str]:
    """(line, column, file text) of a word of the checked text."""
    start = doc.text.index(word)
    loc = doc.locate(start, start + len(word))
    return loc.line, loc.column, doc.original[loc.start : loc.end]


def test_header_by_column_names_with_an_id() -> None:
    doc = read_csv("id,source,target\nk1,Hola,Hello\nk2,Adiós,Goodbye\n")
    assert units(doc) == [("k1", "Hola", "Hello"), ("k2", "Adiós", "Goodbye")]
    assert where(doc, "Goodbye") == (3, 10, "Goodbye")
    assert (doc.source_lang, doc.target_lang) == (None, None)


def test_header_names_in_any_order_and_case() -> None:
    doc = read_csv("Translation,Source\nHello,Hola\n")
    assert units(doc) == [("2", "Hola", "Hello")]


@pytest.mark.parametrize("header", ["es,en", "Spanish,English", "es-ES,en-GB"])
def test_header_by_language_declares_the_languages(header: str) -> None:
    doc = read_csv(f"{header}\nHola,Hello\n")
    assert units(doc) == [("2", "Hola", "Hello")]
    assert (doc.source_lang, doc.target_lang) == ("es", "en")


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("es", "fr", ("Hola", "Bonjour", "fr")),
        ("es", "en", ("Hola", "Hello", "en")),
        ("fr", "es", ("Bonjour", "Hola", "es")),
        (None, None, ("Hello", "Hola", "es")),  # the first two language columns
    ],
)
def test_language_options_pick_the_columns(
    source: str | None, target: str | None, expected: tuple[str, str, str]
) -> None:
    doc = read_csv("en,es,fr\nHello,Hola,Bonjour\n", source=source, target=target)
    (segment,) = doc.segments
    assert (segment.source, segment.target, doc.target_lang) == expected
    assert where(doc, expected[1])[2] == expected[1]


def test_target_language_alone_leaves_the_other_column_as_source() -> None:
    doc = read_csv("en,es\nHello,Hola\n", target="en")
    assert units(doc) == [("2", "Hola", "Hello")]


def test_named_source_beside_a_language_column() -> None:
    doc = read_csv("id,source,fr\nk1,Hello,Bonjour\n")
    assert units(doc) == [("k1", "Hello", "Bonjour")]


def test_no_header_means_first_two_columns() -> None:
    doc = read_csv("Hola,Hello,extra\nAdiós,Goodbye,more\n")
    assert units(doc) == [("1", "Hola", "Hello"), ("2", "Adiós", "Goodbye")]
    assert where(doc, "Goodbye") == (2, 7, "Goodbye")


def test_quoted_cells_with_doubled_quotes_and_newlines_map_exactly() -> None:
    text = ('source,target\n"Dijo ""hola"", luego\nse fue","He said ""hi"", then\n'
            'left for kyiv"\nx,"a, b"\n')  # fmt: skip
    doc = read_csv(text)
    assert units(doc) == [("2", 'Dijo "hola", luego\nse fue', 'He said "hi", then\nleft for kyiv'),
                          ("3", "x", "a, b")]  # fmt: skip
    assert where(doc, "kyiv") == (4, 10, "kyiv")
    assert where(doc, '"')[2] == '""'  # a doubled quote maps to both characters
    assert where(doc, "then") == (3, 26, "then")
    assert where(doc, "a, b") == (5, 4, "a, b")


def test_finding_column_points_into_a_quoted_cell() -> None:
    text = 'source,target\n"La capital, Kiev","The ""capital"", kyiv"\n'
    (finding,) = check_text(text, Config(select=("TQ102",)), kind="csv")
    line = text.split("\n")[finding.line - 1]
    assert line[finding.column - 1 : finding.end_column - 1] == "kyiv"
    assert (finding.line, finding.column, finding.unit) == (2, 38, "2")


def test_crlf_file_maps_cells() -> None:
    doc = read_csv('source,target\r\n"a\r\nb","c\r\nd ""e"""\r\n')
    assert units(doc) == [("2", "a\r\nb", 'c\r\nd "e"')]
    assert where(doc, "d") == (4, 1, "d")


def test_short_row_is_a_one_line_error_naming_the_row() -> None:
    with pytest.raises(InputError) as raised:
        read_csv("source,target\nHola,Hello\nonly one cell\n", path="short.csv")
    message = str(raised.value)
    assert message.startswith("short.csv: row 3 has 1 column(s)")
    assert "\n" not in message


def test_malformed_quoting_is_a_one_line_error() -> None:
    with pytest.raises(InputError, match=r"^bad\.csv: line 2: malformed CSV"):
        read_csv('source,target\nx,"never closed\n', path="bad.csv")


def test_blank_rows_are_skipped() -> None:
    doc = read_csv("source,target\n\nHola,Hello\n\n\nAdiós,Goodbye\n")
    assert [(s.source, s.target) for s in doc.segments] == [("Hola", "Hello"), ("Adiós", "Goodbye")]
    assert where(doc, "Goodbye") == (6, 7, "Goodbye")


def test_semicolon_delimiter_is_sniffed() -> None:
    doc = read_csv("source;target\nHola;Hello, friend\nAdiós;Goodbye\n")
    assert units(doc) == [("2", "Hola", "Hello, friend"), ("3", "Adiós", "Goodbye")]
    assert where(doc, "friend") == (2, 13, "friend")


def test_tsv_by_extension() -> None:
    doc = read_csv("Hola, amigo\tHello, friend\n", path="t.tsv")
    assert units(doc) == [("1", "Hola, amigo", "Hello, friend")]
    assert where(doc, "friend") == (1, 20, "friend")


def test_tsv_through_check_text() -> None:
    (finding,) = check_text("La capital es Kiev.\tThe capital is kyiv.", Config(select=("TQ102",)),
                            kind="tsv")  # fmt: skip
    assert (finding.line, finding.column, finding.text) == (1, 36, "kyiv")


def test_empty_target_is_anchored_at_its_cell() -> None:
    doc = read_csv("source,target\nHola,\n")
    (segment,) = doc.segments
    assert segment.target == "" and segment.has_target
    loc = doc.locate(segment.start, segment.end)
    assert (loc.line, loc.column) == (2, 6)


def test_header_by_any_english_language_name() -> None:
    doc = read_csv("Russian,English\nПривет,Hello\n")
    assert units(doc) == [("2", "Привет", "Hello")]
    assert (doc.source_lang, doc.target_lang) == ("ru", "en")


def test_a_row_of_equal_code_like_words_is_data() -> None:
    doc = read_csv("No,No\nSí,Yes\n")
    assert units(doc) == [("1", "No", "No"), ("2", "Sí", "Yes")]
    assert doc.target_lang is None
