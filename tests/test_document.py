"""Documents keep exact offsets: BOM, CRLF, paragraphs, sentences, line and column."""

from __future__ import annotations

import pytest

from tqcheck.document import Document, InputError, decode, load_document
from tqcheck.sentences import split_sentences


def test_bom_is_removed_and_offsets_are_code_points() -> None:
    doc = Document.from_text("\ufeffKyív’s move.\n\nSecond paragraph.")
    assert doc.text.startswith("Kyív")
    assert [doc.paragraph_text(p) for p in doc.paragraphs] == ["Kyív’s move.", "Second paragraph."]
    assert doc.position(doc.text.index("Second")) == (3, 1)


def test_crlf_is_kept_and_columns_ignore_the_carriage_return() -> None:
    text = "First line\r\nsecond line\r\n\r\nNext para."
    doc = Document.from_text(text)
    assert doc.text == text
    assert [doc.paragraph_text(p) for p in doc.paragraphs] == [
        "First line\r\nsecond line",
        "Next para.",
    ]
    assert doc.position(text.index("second")) == (2, 1)
    assert doc.line_text(2) == "second line"


def test_blank_lines_with_spaces_split_paragraphs() -> None:
    doc = Document.from_text("One.\n   \nTwo.\n\n\n\nThree.")
    assert len(doc.paragraphs) == 3


def test_markdown_code_fences_are_not_prose() -> None:
    text = "Intro text.\n\n```\nkyiv code\n```\n\nOutro."
    doc = Document.from_text(text, path="a.md", kind="markdown")
    assert [doc.paragraph_text(p) for p in doc.paragraphs] == ["Intro text.", "Outro."]


def test_non_prose_is_blanked_with_offsets_kept() -> None:
    text = (
        "---\ntitle: kyiv\n---\n\nSee `kyiv . .` and the [blog](https://x.org/a..b) "
        "<!-- kyiv -->now.\n\nMail desk@example.com or www.example.com/kyiv today."
    )
    doc = Document.from_text(text, path="a.md", kind="markdown")
    assert len(doc.prose) == len(doc.text)
    assert "kyiv" not in doc.prose and "x.org" not in doc.prose and "@" not in doc.prose
    assert doc.prose.index("[blog]") == text.index("[blog]")
    plain = Document.from_text("Read https://a.b/c..d now.", kind="text")
    assert plain.prose == "Read " + " " * len("https://a.b/c..d") + " now."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gen. Smith met U.S. officials on Tuesday. He said the U.S. will help.",
            ["Gen. Smith met U.S. officials on Tuesday.", "He said the U.S. will help."],
        ),
        ("Dr. Jones agreed. John F. Kennedy died.", ["Dr. Jones agreed.", "John F. Kennedy died."]),
        ("It rose 3.5 percent. It fell.", ["It rose 3.5 percent.", "It fell."]),
        ("“It is absurd,” he said. Then he left!", ["“It is absurd,” he said.", "Then he left!"]),
        ("He lives in the U.S. He left.", ["He lives in the U.S.", "He left."]),
        (
            "…an individual decision. Of each country.",
            ["…an individual decision.", "Of each country."],
        ),
    ],
)
def test_sentence_splitter_survives_abbreviations(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_sentences_have_absolute_offsets() -> None:
    doc = Document.from_text("Title\n\nOne sentence. Two sentences.")
    para = doc.paragraphs[1]
    spans = doc.sentences(para)
    assert [doc.text[s.start : s.end] for s in spans] == ["One sentence.", "Two sentences."]


@pytest.mark.parametrize(
    ("data", "cause"),
    [
        (b"", "empty file"),
        (b"  \n\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
        (b"caf\xe9 au lait", "invalid UTF-8 at byte 3"),
    ],
)
def test_bad_input_gives_one_line_cause(data: bytes, cause: str) -> None:
    with pytest.raises(InputError) as error:
        decode(data, "x.txt")
    assert cause in str(error.value)
    assert str(error.value).startswith("x.txt: ")
    assert "\n" not in str(error.value)


def test_missing_file_and_directory_are_input_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="no such file"):
        load_document(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        load_document(tmp_path)
