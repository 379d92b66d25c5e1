"""The PO/POT reader: units, states, notes, languages and exact file positions."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from conftest import EVAL
from tqcheck.config import Config
from tqcheck.document import Document, InputError
from tqcheck.engine import check_text
from tqcheck.formats import ReadOptions, load, po
from tqcheck.formats.base import ParsedFile, RawSegment

PO_DIR = EVAL / "formats" / "po"
PO_FILES = sorted(p for p in PO_DIR.glob("*.po*")) if PO_DIR.is_dir() else []
# Eval files that are not valid PO, and the line the refusal must name.
REFUSED = {"api_simple.po": "line 4"}  # its msgids have no msgstr

HEADER = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def read_po(text: str | bytes, path: str = "t.po") -> Document:
    """A PO string or bytes read as a Document."""
    data = text.encode() if isinstance(text, str) else text
    return load(path, data, ReadOptions(), kind="po")


def where(doc: Document, word: str, index: int = 0) -> tuple[int, int, str]:
    """(line, column, file text) of a word of the checked text, as findings report it."""
    start = doc.text.index(word)
    for _ in range(index):
        start = doc.text.index(word, start + 1)
    loc = doc.locate(start, start + len(word))
    return loc.line, loc.column, doc.original[loc.start : loc.end]


# --- focused cases ----------------------------------------------------------------------


def test_multi_line_msgstr_maps_every_line() -> None:
    doc = read_po(HEADER + 'msgid "Hola"\nmsgstr ""\n"First line "\n"second line\\n"\n')
    (segment,) = doc.segments
    assert segment.target == "First line second line\n"
    assert where(doc, "First") == (8, 2, "First")
    assert where(doc, "second") == (9, 2, "second")
    loc = doc.locate(segment.start, segment.end)
    assert (loc.line, loc.end_line) == (8, 9)


def test_escapes_keep_later_words_exact() -> None:
    doc = read_po(HEADER + 'msgid "x"\nmsgstr "Say \\"hi\\" to\\tkyiv\\\\ now"\n')
    (segment,) = doc.segments
    assert segment.target == 'Say "hi" to\tkyiv\\ now'
    line = doc.line_text(7)
    assert where(doc, "kyiv") == (7, line.index("kyiv") + 1, "kyiv")
    assert where(doc, "now") == (7, line.index("now") + 1, "now")
    assert where(doc, '"')[2] == '\\"'  # an escape maps to its whole spelling
    assert where(doc, "\t")[2] == "\\t"


def test_unknown_escapes_are_kept_as_written_like_polib() -> None:
    doc = read_po('msgid "x"\nmsgstr "a\\qb"\n')
    assert doc.segments[0].target == polib.unescape("a\\qb") == "a\\qb"


def test_ids_use_context_escapes_and_length() -> None:
    long_id = "word " * 20
    doc = read_po(HEADER + 'msgctxt "menu"\nmsgid "Open"\nmsgstr "Abrir"\n\n'
                  'msgid "Line\\nbreak"\nmsgstr "x"\n\n'
                  f'msgid "{long_id}"\nmsgstr "y"\n')  # fmt: skip
    ids = [s.id for s in doc.segments]
    assert ids[:2] == ["menu|Open", "Line\\nbreak"]
    assert ids[2] == long_id[:60] + "…"


def test_plurals_give_one_unit_per_form() -> None:
    doc = read_po(HEADER + 'msgid "%d file"\nmsgid_plural "%d files"\n'
                  'msgstr[0] "%d fichier"\nmsgstr[1] ""\n"%d fichiers"\n')  # fmt: skip
    first, second = doc.segments
    assert (first.id, first.source, first.target) == ("%d file[0]", "%d file", "%d fichier")
    assert (second.id, second.source, second.target) == ("%d file[1]", "%d files", "%d fichiers")
    assert where(doc, "fichiers") == (10, 5, "fichiers")


def test_states() -> None:
    doc = read_po(HEADER + '#, fuzzy, c-format\nmsgid "a"\nmsgstr "b"\n\n'
                  'msgid "c"\nmsgstr "d"\n\nmsgid "e"\nmsgstr ""\n')  # fmt: skip
    assert [s.state for s in doc.segments] == ["fuzzy", "translated", "untranslated"]


def test_empty_msgstr_is_anchored_at_its_keyword() -> None:
    doc = read_po(HEADER + 'msgid "e"\n  msgstr ""\n')
    (segment,) = doc.segments
    assert segment.has_target and segment.target == ""
    loc = doc.locate(segment.start, segment.end)
    assert (loc.line, loc.column, loc.start == loc.end) == (7, 3, True)


def test_leading_empty_targets_are_located_at_their_keywords() -> None:
    doc = read_po('msgid "a"\nmsgstr ""\n\nmsgid "b"\nmsgstr "kyiv"\n')
    first = doc.segments[0]
    assert doc.locate(first.start, first.end).line == 2
    assert doc.segment_at(doc.segments[1].start) is doc.segments[1]


def test_missing_msgstr_at_end_of_file_has_no_target() -> None:
    doc = read_po('msgid "a"\nmsgstr "b"\n\n# note\nmsgid "c"\n')
    assert [(s.id, s.has_target) for s in doc.segments] == [("a", True), ("c", False)]
    assert doc.locate(doc.segments[1].start, doc.segments[1].end).line == 4


def test_obsolete_entries_are_skipped() -> None:
    doc = read_po(HEADER + 'msgid "a"\nmsgstr "b"\n\n#~ msgid "old"\n#~ msgstr "viejo"\n\n'
                  '#~msgid "older"\n#~msgstr "antiguo"\n')  # fmt: skip
    assert [s.id for s in doc.segments] == ["a"]


def test_notes_hold_translator_then_extracted_comments() -> None:
    doc = read_po('#. extracted\n# translator one\n# translator two\n#: src/a.c:1\n'
                  'msgid "a"\nmsgstr "b"\n')  # fmt: skip
    assert doc.segments[0].notes == ("translator one", "translator two", "extracted")


def test_gnu_comment_spellings_and_domains_are_read() -> None:
    doc = read_po('#Free text\n#,fuzzy\nmsgid "a"\nmsgstr "b"\n\ndomain Other\n\n'
                  '#_skip\nmsgid "c"\nmsgstr "d"\n')  # fmt: skip
    assert [(s.id, s.state, s.target) for s in doc.segments] == [
        ("a", "fuzzy", "b"), ("c", "translated", "d")]  # fmt: skip
    assert where(doc, "d")[:2] == (10, 9)


def test_languages_come_from_the_header_only() -> None:
    header = 'msgid ""\nmsgstr ""\n"Language: pt_BR\\n"\n"X-Source-Language: es-ES\\n"\n'
    doc = load("t.po", (header + '\nmsgid "a"\nmsgstr "b"\n').encode(),
               ReadOptions("fr", "de"), kind="po")  # fmt: skip
    assert (doc.source_lang, doc.target_lang) == ("es", "pt")
    bare = read_po('msgid "a"\nmsgstr "b"\n')
    assert (bare.source_lang, bare.target_lang) == (None, None)


def test_cp1251_charset_is_honoured() -> None:
    text = (HEADER.replace("UTF-8", "windows-1251").replace("Language: en", "Language: ru")
            + 'msgid "Hello"\nmsgstr "Привет, мир"\n')  # fmt: skip
    doc = read_po(text.encode("cp1251"))
    assert doc.original == text
    assert doc.segments[0].target == "Привет, мир"
    assert where(doc, "мир") == (7, 17, "мир")
    assert doc.target_lang == "ru"


def test_utf16_with_bom_and_crlf() -> None:
    text = 'msgid "a"\r\nmsgstr ""\r\n"été "\r\n"kyiv"\r\n'
    doc = read_po(b"\xff\xfe" + text.encode("utf-16-le"))
    assert doc.segments[0].target == "été kyiv"
    assert where(doc, "kyiv") == (4, 2, "kyiv")


def test_odd_line_breaks_inside_strings_keep_line_numbers() -> None:
    doc = read_po('msgid "a"\nmsgstr "x\u2028y\x0cz"\n\nmsgid "b"\nmsgstr "kyiv"\n')
    assert doc.segments[0].target == "x\u2028y\x0cz"
    assert where(doc, "kyiv") == (5, 9, "kyiv")


def test_pot_file_reads_with_empty_targets() -> None:
    pot = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=CHARSET\\n"\n\n'
           'msgid "One"\nmsgstr ""\n\nmsgid "%d thing"\nmsgid_plural "%d things"\n'
           'msgstr[0] ""\nmsgstr[1] ""\n')  # fmt: skip
    doc = load("t.pot", pot.encode(), kind="po")
    assert [(s.id, s.target, s.state) for s in doc.segments] == [
        ("One", "", "untranslated"), ("%d thing[0]", "", "untranslated"),
        ("%d thing[1]", "", "untranslated")]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'msgid "a"\nmsgstr "b"\nmsgid "c"\nmsgid "d"\nmsgstr ""\n', "bad.po: line 4: "),
        (b'msgid "a"\nmsgstr "b "c"\n', "bad.po: line 2: unescaped double quote"),
        (b'msgid "a"\nmsgstr b\n', "bad.po: line 2: expected a string in double quotes"),
        (b'msgid "a"\nmsgstr "ok"\n\nmsgid "b"\nmsgstr "\xff"\n', "bad.po: line 5: byte 0xff"),
        (HEADER.replace("UTF-8", "klingon-8").encode(), "bad.po: line 4: unknown charset"),
        (b"\x00\x01\x02 binary", "bad.po: binary file"),
        (b"  \n", "bad.po: empty file"),
        (b'msgid "a"\rmsgstr "b"\r', "bad.po: line 1: lines end in CR only"),
    ],
)
def test_corrupt_files_give_one_line_errors(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as raised:
        read_po(data, path="bad.po")
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


def test_disagreement_with_polib_keeps_polib_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(po, "_pieces", lambda text, start, end, unshield: [])
    doc = read_po('msgid "a"\nmsgstr "b"\n"c"\n')
    assert doc.segments[0].target == "bc"
    loc = doc.locate(doc.segments[0].start, doc.segments[0].end)
    assert doc.original[loc.start : loc.end] == 'b"\n"c'  # the whole string, coarsely


def test_polib_syntax_error_names_the_missing_msgstr() -> None:
    with pytest.raises(InputError, match=r"^x\.po: line 3: .*'msgid \"b\"'.*no msgstr"):
        read_po('msgid "a"\n\nmsgid "b"\nmsgstr ""\n', path="x.po")


def test_end_to_end_finding_points_into_the_po_file() -> None:
    text = (HEADER + '# keep an eye on place names\nmsgctxt "news"\nmsgid "La capital es Kiev."\n'
            'msgstr ""\n"The \\"capital\\" "\n"is kyiv."\n')  # fmt: skip
    (finding,) = check_text(text, Config(select=("TQ102",)), kind="po")
    line = text.split("\n")[finding.line - 1]
    assert line == '"is kyiv."'
    assert line[finding.column - 1 : finding.end_column - 1] == "kyiv"
    assert finding.unit == "news|La capital es Kiev."


# --- the eval files -----------------------------------------------------------------------


def _polib_values(path: str, file_text: str) -> list[tuple[str, str]]:
    """(unit id, polib's msgstr) for every unit, read by polib alone."""
    shielded, unshield = po._shield(file_text)
    values = []
    for entry in po._parse(path, shielded, unshield):
        if entry.obsolete:
            continue
        unit = po._unit_id(entry)
        if entry.msgstr_plural:
            values += [(f"{unit}[{n}]", v) for n, v in sorted(entry.msgstr_plural.items())]
        else:
            values.append((unit, entry.msgstr))
    return values


def _assert_pieces_exact(file_text: str, raw: RawSegment) -> None:
    """Each piece is a verbatim run of the file, or one escape and its decoded character."""
    for piece in raw.target:
        written = file_text[piece.file_start : piece.file_end]
        if written != piece.text:
            assert len(written) == 2 and written[0] == "\\", (raw.id, written)
            assert polib.unescape(written) == piece.text


def _assert_located_on_msgstr(doc: Document, parsed: ParsedFile) -> None:
    """Every target lies on its msgstr lines; an empty one is anchored at its keyword."""
    for segment, raw in zip(doc.segments, parsed.segments, strict=True):
        if not segment.target:
            keyword = doc.original[raw.anchor :]
            assert keyword.startswith("msgstr") or not raw.has_target, segment.id
            continue
        loc = doc.locate(segment.start, segment.end)
        assert 0 <= loc.start < loc.end <= len(doc.original)
        for number in range(loc.line, loc.end_line + 1):
            assert doc.line_text(number).strip().startswith(("msgstr", '"')), segment.id


@pytest.mark.parametrize(
    "path",
    PO_FILES or [pytest.param(None, marks=pytest.mark.skip(reason=f"{PO_DIR} not available"))],
    ids=lambda p: p.name if isinstance(p, Path) else "absent",
)
def test_eval_po_file(path: Path) -> None:
    data = path.read_bytes()
    if path.name in REFUSED:
        with pytest.raises(InputError) as raised:
            po.read(str(path), data, ReadOptions())
        message = str(raised.value)
        assert message.startswith(f"{path}: {REFUSED[path.name]}: ") and "\n" not in message
        return
    file_text, parsed = po.read(str(path), data, ReadOptions())
    expected = _polib_values(str(path), file_text)
    assert [(raw.id, "".join(p.text for p in raw.target)) for raw in parsed.segments] == expected
    for raw in parsed.segments:
        _assert_pieces_exact(file_text, raw)
    _assert_located_on_msgstr(load(str(path), data, kind="po"), parsed)


def test_eval_cp1251_file_reads_russian() -> None:
    path = PO_DIR / "Test_DrupalRussianCP1251.po"
    if not path.exists():
        pytest.skip(f"{path} not available")
    doc = load(str(path), path.read_bytes(), kind="po")
    assert len(doc.segments) == 17
    assert doc.segments[0].target.startswith("Позволяет вводить")
    loc = doc.locate(doc.segments[0].start, doc.segments[0].end)
    assert (loc.line, loc.column) == (20, 9)
