"""XLIFF 1.2 / 2.x and TMX readers: exact offsets, inline codes, languages, safety, eval files.

The offset proof: every source/target/seg element of every eval file is decoded from its
raw text by `tqcheck.formats.xmltext` and compared with lxml's own reading of the same
element (written independently below); every 1:1 piece must equal the file text it
claims; and every segment's target, located through the Document, lands inside its
element.
"""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pytest
from lxml import etree

from conftest import EVAL
from tqcheck.config import Config
from tqcheck.document import Document, InputError
from tqcheck.engine import check_paths, check_text
from tqcheck.formats import ReadOptions, load, tmx, xliff
from tqcheck.formats.base import ParsedFile, RawSegment
from tqcheck.formats.xmltext import ElementSpan, InlineRules, XmlFile, content, parse_xml

FORMATS = EVAL / "formats"
EVAL_DIRS = ("xliff12", "xliff2", "tmx")
# What lxml's view drops (native code); "cp" is read as its character.
VIEW_CODES = {
    "xliff12": {"x", "bx", "ex", "ph", "bpt", "ept", "it"},
    "xliff2": {"ph", "sc", "ec", "sm", "em"},
    "tmx": {"bpt", "ept", "ph", "it", "ut"},
}
REFUSED = {
    "corrupt.html_test.xlf": "a ZIP archive, not an XML file",
    "groupingtranslations.xlf": "invalid utf-8 at byte 279 (encoding none declared",
}
XLIFF_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
    '<file original="t" source-language="es" target-language="en" datatype="plaintext">\n'
    "<body>\n"
)
XLIFF_TAIL = "</body>\n</file>\n</xliff>\n"


def xliff12(units: str) -> str:
    """A minimal XLIFF 1.2 document (es -> en) around trans-units."""
    return XLIFF_HEAD + units + XLIFF_TAIL


def read_xliff(text: str | bytes) -> tuple[str, ParsedFile]:
    """Run the XLIFF reader on a string or bytes."""
    data = text.encode() if isinstance(text, str) else text
    return xliff.read("t.xlf", data, ReadOptions())


def read_tmx(text: str, options: ReadOptions | None = None) -> tuple[str, ParsedFile]:
    """Run the TMX reader on a string."""
    return tmx.read("t.tmx", text.encode(), options or ReadOptions())


def target(segment: RawSegment) -> str:
    """A segment's decoded target text."""
    return "".join(p.text for p in segment.target)


def assert_pieces_exact(file_text: str, segment: RawSegment) -> None:
    """Every 1:1 piece is the file text it claims (a lone CR aside: XML reads it as LF);
    every other piece is exactly one reference, CRLF or `<cp/>` meaning its text."""
    for piece in segment.target:
        raw = file_text[piece.file_start : piece.file_end]
        if len(raw) == len(piece.text) and raw != "\r":
            assert raw == piece.text, (segment.id, piece)
        elif raw.startswith("<cp "):
            assert raw.endswith("/>") and len(piece.text) == 1, (segment.id, piece)
        else:
            reference = re.fullmatch(r"&#?\w+;", raw) and html.unescape(raw)
            assert piece.text == (reference or raw.replace("\r\n", "\n")), (segment.id, piece)


# --- lxml's independent view and the eval walk ------------------------------------------


def lxml_view(element: etree._Element, kind: str) -> str:
    """lxml's text of an element with the inline-code convention: codes dropped, cp read."""
    codes = VIEW_CODES[kind]
    out = [element.text or ""]
    for inner in element:
        if isinstance(inner, etree._Entity):
            out.append(inner.text)  # an undeclared entity is kept as written
        elif isinstance(inner.tag, str):
            name = etree.QName(inner).localname
            if name == "cp" and kind == "xliff2":
                out.append(chr(int(inner.get("hex"), 16)))
            elif name not in codes:
                out.append(lxml_view(inner, kind))
        out.append(inner.tail or "")
    return "".join(out)


def eval_files() -> list[object]:
    """Every eval file of the three XML formats, or one skipped param if there are none."""
    files = [
        pytest.param(path, id=f"{kind}/{path.name}")
        for kind in EVAL_DIRS
        if (FORMATS / kind).is_dir()
        for path in sorted((FORMATS / kind).iterdir())
    ]
    reason = f"no eval files under {FORMATS} (set TQCHECK_EVAL to the shared eval directory)"
    return files or [pytest.param(None, marks=pytest.mark.skip(reason=reason))]


def _kind(path: Path) -> str:
    return path.parent.name


def _rules(path: Path) -> InlineRules:
    if _kind(path) == "tmx":
        return tmx.TMX_RULES
    return xliff.XLIFF2_RULES if _kind(path) == "xliff2" else xliff.XLIFF1_RULES


def _cross_check_elements(path: Path, xml: XmlFile) -> None:
    """Raw decoding equals lxml's view for every source/target/seg; tags sit on sourceline."""
    doc = Document.from_text(xml.text)
    for element, span in xml.spans.items():
        first, last = doc.position(span.start)[0], doc.position(span.content_start - 1)[0]
        assert first <= element.sourceline <= last, (path.name, element.tag)
        if etree.QName(element).localname not in {"source", "target", "seg", "mrk"}:
            continue
        decoded = content(xml, element, _rules(path))
        assert decoded.text == lxml_view(element, _kind(path)), (path.name, element.sourceline)
        assert_pieces_exact(xml.text, RawSegment("", "", decoded.pieces, 0))


def _containers(xml: XmlFile, kind: str) -> list[tuple[etree._Element, ElementSpan]]:
    """Target-holding elements: XLIFF targets and their seg mrks, TMX segs."""
    names = {"seg"} if kind == "tmx" else {"target", "mrk"}
    return [(e, s) for e, s in xml.spans.items() if etree.QName(e).localname in names]


def _check_segments(path: Path, xml: XmlFile, doc: Document, raws: ParsedFile) -> None:
    """Each target is located inside its own element and reads as lxml reads it; empty and
    missing targets are anchored at the start tag of the target (or source) element."""
    kind = _kind(path)
    containers = _containers(xml, kind)
    starts = {s.start: e for e, s in xml.spans.items()}
    for segment, raw in zip(doc.segments, raws.segments, strict=True):
        assert_pieces_exact(xml.text, raw)
        if segment.target:
            where = doc.locate(segment.start, segment.end)
            inside = [
                (e, s)
                for e, s in containers
                if s.content_start <= where.start <= where.end <= s.content_end
            ]
            element, _ = min(inside, key=lambda pair: pair[1].end - pair[1].start)
            assert lxml_view(element, kind) == segment.target, (path.name, segment.id)
            continue
        assert doc.locate(segment.start, segment.end).start == raw.anchor, (path.name, raw.id)
        anchored = etree.QName(starts[raw.anchor]).localname
        if segment.has_target:  # empty: anchored at the start tag of an empty element
            assert lxml_view(starts[raw.anchor], kind) == "", (path.name, raw.id)
            assert anchored in {"target", "mrk", "seg"}, (path.name, raw.id)
        else:
            assert anchored in {"source", "seg", "trans-unit", "tu"}, (path.name, raw.id)


@pytest.mark.parametrize("path", eval_files())
def test_eval_file_reads_with_exact_offsets(path: Path) -> None:
    data = path.read_bytes()
    try:
        doc = load(str(path), data)
    except InputError as exc:
        message = str(exc)
        assert "\n" not in message and message.startswith(f"{path}: ")
        assert path.name in REFUSED and REFUSED[path.name] in message, message
        return
    assert path.name not in REFUSED
    xml = parse_xml(str(path), data)
    assert doc.file_text == xml.text
    units = [e for e in xml.spans if etree.QName(e).localname in {"trans-unit", "unit", "tu"}]
    assert not units or doc.segments
    _cross_check_elements(path, xml)
    reader = tmx if _kind(path) == "tmx" else xliff
    _, raws = reader.read(str(path), data, ReadOptions())
    _check_segments(path, xml, doc, raws)


# --- decoding: entities, CDATA, line ends, inline codes ---------------------------------


def test_entities_are_decoded_one_piece_each() -> None:
    text = xliff12(
        '<trans-unit id="1"><source>x</source>'
        "<target>a &amp; b &#233;&#x2014;&lt;c&gt;</target></trans-unit>\n"
    )
    file_text, parsed = read_xliff(text)
    (segment,) = parsed.segments
    assert target(segment) == "a & b é—<c>"
    raw = [file_text[p.file_start : p.file_end] for p in segment.target]
    assert raw == ["a ", "&amp;", " b ", "&#233;", "&#x2014;", "&lt;", "c", "&gt;"]
    assert_pieces_exact(file_text, segment)


def test_cdata_maps_one_to_one_without_markers() -> None:
    text = xliff12(
        '<trans-unit id="1"><source>x</source>'
        "<target>A <![CDATA[x <b> &amp; y]]>.</target></trans-unit>\n"
    )
    file_text, parsed = read_xliff(text)
    (segment,) = parsed.segments
    assert target(segment) == "A x <b> &amp; y."
    assert [p.file_end - p.file_start for p in segment.target] == [2, 13, 1]
    assert_pieces_exact(file_text, segment)


def test_crlf_reads_as_one_newline() -> None:
    text = xliff12(
        '<trans-unit id="1"><source>x</source><target>one\r\ntwo</target></trans-unit>\n'
    )
    file_text, parsed = read_xliff(text)
    (segment,) = parsed.segments
    assert target(segment) == "one\ntwo"
    assert [file_text[p.file_start : p.file_end] for p in segment.target] == ["one", "\r\n", "two"]


def test_xliff12_inline_codes_are_recorded_not_read() -> None:
    body = (
        'Click <bpt id="1">&lt;b></bpt>here<ept id="1">&lt;/b></ept> now<x id="2"/>.'
        '<ph id="3">{0}<sub>Sub text</sub></ph> <g id="4">bold</g> '
        '<mrk mtype="term"><mrk mtype="x-a">te</mrk>rm</mrk> word<bx id="5" rid="9"/>word'
    )
    text = xliff12(
        f'<trans-unit id="1"><source>{body}</source><target>{body}</target></trans-unit>\n'
    )
    file_text, parsed = read_xliff(text)
    (segment,) = parsed.segments
    expected_codes = ("bpt:1", "ept:1", "x:2", "ph:3", "g:4", "bx:5")
    assert target(segment) == segment.source == "Click here now. bold term wordword"
    assert segment.target_codes == segment.source_codes == expected_codes
    assert_pieces_exact(file_text, segment)


def test_xliff2_inline_codes_nested_pc_and_cp() -> None:
    body = (
        'A <pc id="1">b<pc id="2">c</pc></pc> <ph id="3"/><sc id="4"/>d<ec startRef="4"/>'
        ' e<cp hex="0009"/>f <mrk id="m1"><mrk id="m2">g</mrk></mrk><sm id="5"/>h<em startRef="5"/>'
    )
    text = (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-GB"'
        ' trgLang="fr-FR"><file id="f"><unit id="u"><segment state="translated">'
        f"<source>{body}</source><target>{body}</target></segment></unit></file></xliff>"
    )
    file_text, parsed = read_xliff(text)
    (segment,) = parsed.segments
    assert target(segment) == segment.source == "A bc d e\tf gh"
    assert segment.target_codes == ("pc:1", "pc:2", "ph:3", "sc:4", "ec:4", "sm:5", "em:5")
    cp = next(p for p in segment.target if p.text == "\t")
    assert file_text[cp.file_start : cp.file_end] == '<cp hex="0009"/>'
    assert (parsed.source_lang, parsed.target_lang, segment.state) == ("en", "fr", "translated")


def test_start_tag_across_lines_is_located() -> None:
    text = xliff12(
        '<trans-unit\n id="1"><source>x</source><target\n   state="new"\n>Text'
        "</target></trans-unit>\n"
    )
    file_text, parsed = read_xliff(text)
    (segment,) = parsed.segments
    assert file_text[segment.target[0].file_start :].startswith("Text</target>")
    assert file_text[segment.anchor :].startswith("<target\n")
    assert segment.state == "new"


def test_undeclared_entity_under_external_dtd_is_kept_as_written() -> None:
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE xliff SYSTEM "xliff.dtd">\n'
        + xliff12(
            '<trans-unit id="1"><source>x</source><target>a&nbsp;b</target></trans-unit>'
        ).split("\n", 1)[1]
    )
    _, parsed = read_xliff(text)
    assert target(parsed.segments[0]) == "a&nbsp;b"


# --- XLIFF 1.2 structure ----------------------------------------------------------------


def test_nested_groups_units_in_document_order() -> None:
    units = (
        '<group id="g1"><trans-unit id="a"><source>1</source><target>one</target>'
        '</trans-unit><group id="g2"><group><trans-unit resname="r">'
        "<source>2</source><target>two</target></trans-unit></group></group></group>"
        "<trans-unit><source>3</source><target>three</target></trans-unit>\n"
    )
    _, parsed = read_xliff(xliff12(units))
    assert [(s.id, target(s)) for s in parsed.segments] == [
        ("a", "one"),
        ("r", "two"),
        ("3", "three"),
    ]


def test_seg_source_mrk_segments_become_units() -> None:
    units = (
        '<trans-unit id="1"><source>One. Two.</source><seg-source>'
        '<mrk mtype="seg" mid="1">One.</mrk> <mrk mtype="seg" mid="2">Two.</mrk>'
        '</seg-source><target><mrk mtype="seg" mid="1">Uno.</mrk> '
        '<mrk mtype="seg" mid="2">Dos &amp; tres.</mrk></target></trans-unit>\n'
        '<trans-unit id="2"><source>One. Two.</source><seg-source>'
        '<mrk mtype="seg" mid="1">One.</mrk> <mrk mtype="seg" mid="2">Two.</mrk>'
        '</seg-source><target><mrk mtype="seg" mid="1">Uno.</mrk></target></trans-unit>\n'
    )
    file_text, parsed = read_xliff(xliff12(units))
    got = [(s.id, s.source, target(s)) for s in parsed.segments]
    assert got == [
        ("1#1", "One.", "Uno."),
        ("1#2", "Two.", "Dos & tres."),
        ("2", "One. Two.", "Uno."),
    ]
    for segment in parsed.segments:
        assert_pieces_exact(file_text, segment)


def test_missing_and_empty_targets() -> None:
    units = (
        '<trans-unit id="m"><source>Sin</source><note>n1</note><note> n2 </note>'
        '</trans-unit>\n<trans-unit id="e1"><source>a</source><target state="new"/>'
        '</trans-unit>\n<trans-unit id="e2"><source>b</source><target></target>'
        '</trans-unit>\n<trans-unit id="c"><source>c</source><target><x id="1"/></target>'
        "</trans-unit>\n"
    )
    file_text, parsed = read_xliff(xliff12(units))
    missing, empty1, empty2, codes_only = parsed.segments
    assert (missing.has_target, missing.target, missing.notes) == (False, (), ("n1", "n2"))
    assert file_text[missing.anchor :].startswith("<source>Sin")
    for segment in (empty1, empty2, codes_only):
        assert segment.has_target and segment.target == ()
        assert file_text[segment.anchor :].startswith("<target")
    assert (empty1.state, codes_only.target_codes) == ("new", ("x:1",))
    doc = load("t.xlf", xliff12(units).encode())  # leading empty units keep their own place
    where = [doc.locate(s.start, s.end) for s in doc.segments]
    assert [(w.line, doc.original[w.start : w.start + 7]) for w in where] == [
        (5, "<source"),
        (6, "<target"),
        (7, "<target"),
        (8, "<target"),
    ]


def test_translate_no_and_alt_trans_are_skipped() -> None:
    units = (
        '<trans-unit id="1" translate="no"><source>Keep</source><target>Keep</target>'
        '</trans-unit>\n<trans-unit id="2"><source>File</source><alt-trans>'
        "<target>Datei</target></alt-trans></trans-unit>\n"
    )
    _, parsed = read_xliff(xliff12(units))
    (segment,) = parsed.segments
    assert (segment.id, segment.has_target) == ("2", False)


def test_xliff12_languages_from_first_file() -> None:
    text = xliff12("").replace('"es"', '"pt_BR"').replace('"en"', '"EN-us"')
    text = text.replace(
        "</file>",
        '</file><file original="u" source-language="de" '
        'target-language="it"><body><trans-unit id="9"><source>x</source>'
        "<target>y</target></trans-unit></body></file>",
    )
    _, parsed = read_xliff(text)
    assert (parsed.source_lang, parsed.target_lang) == ("pt", "en")
    assert [s.id for s in parsed.segments] == ["9"]


def test_xliff2_segments_ignorables_translate_and_notes() -> None:
    text = (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="es">'
        '<file id="f" translate="no"><unit id="skip"><segment><source>a</source>'
        '</segment></unit><unit id="u" translate="yes"><notes><note>n</note></notes>'
        '<segment id="s1"><source>A.</source><target>Uno.</target></segment>'
        "<ignorable><source> </source><target> </target></ignorable>"
        "<segment><source>B.</source></segment></unit></file></xliff>"
    )
    _, parsed = read_xliff(text)
    assert [(s.id, target(s), s.has_target, s.notes) for s in parsed.segments] == [
        ("u#s1", "Uno.", True, ("n",)),
        ("u#2", "", False, ("n",)),
    ]
    assert (parsed.source_lang, parsed.target_lang) == ("es", None)


# --- TMX --------------------------------------------------------------------------------


def tmx_file(srclang: str, body: str) -> str:
    """A minimal TMX 1.4 document."""
    return (
        f'<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="{srclang}" '
        f'adminlang="en" segtype="sentence" o-tmf="x" datatype="plaintext"/>\n'
        f"<body>\n{body}</body></tmx>\n"
    )


TUS = (
    '<tu tuid="a"><tuv xml:lang="en-US"><seg>Hello <hi>big</hi> <bpt i="1">&lt;b></bpt>'
    'world<ept i="1">&lt;/b></ept><ph x="2">{0}<sub>s</sub></ph></seg></tuv>'
    '<tuv xml:lang="fr-FR"><seg>Bonjour</seg></tuv><tuv lang="DE"><seg>Hallo</seg></tuv></tu>\n'
    '<tu><tuv xml:lang="en"><seg>Only English</seg></tuv><tuv xml:lang="de">'
    "<seg>Nur Deutsch</seg></tuv></tu>\n"
)


def test_tmx_languages_from_header_and_first_other() -> None:
    file_text, parsed = read_tmx(tmx_file("en-US", TUS))
    first, second = parsed.segments
    assert (parsed.source_lang, parsed.target_lang) == ("en", "fr")
    assert (first.id, first.source, target(first)) == ("a", "Hello big world", "Bonjour")
    assert first.source_codes == ("bpt:1", "ept:1", "ph:2")
    assert (second.id, second.has_target) == ("2", False)
    assert file_text[second.anchor :].startswith("<seg>Only English")


def test_tmx_languages_as_asked_and_all() -> None:
    _, parsed = read_tmx(tmx_file("en", TUS), ReadOptions(target_lang="de"))
    assert [target(s) for s in parsed.segments] == ["Hallo", "Nur Deutsch"]
    _, parsed = read_tmx(tmx_file("*all*", TUS), ReadOptions(source_lang="fr"))
    assert (parsed.source_lang, parsed.target_lang) == ("fr", "en")
    first = parsed.segments[0]
    assert (first.source, target(first)) == ("Bonjour", "Hello big world")
    _, parsed = read_tmx(tmx_file("*all*", TUS))
    assert (parsed.source_lang, parsed.target_lang) == ("en", "fr")


# --- encodings --------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_utf16_and_bom_files_give_text_offsets(codec: str) -> None:
    text = xliff12(
        '<trans-unit id="1"><source>x</source><target>Café — ok</target></trans-unit>\n'
    ).replace("UTF-8", "UTF-16" if "16" in codec else "UTF-8")
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    file_text, parsed = read_xliff(data)
    assert file_text == text
    (segment,) = parsed.segments
    assert target(segment) == "Café — ok"
    assert_pieces_exact(file_text, segment)


def test_windows_1252_declared_encoding() -> None:
    text = xliff12(
        '<trans-unit id="1"><source>x</source><target>Café “quoted” – done</target></trans-unit>\n'
    ).replace("UTF-8", "windows-1252")
    file_text, parsed = read_xliff(text.encode("cp1252"))
    assert target(parsed.segments[0]) == "Café “quoted” – done"
    assert_pieces_exact(file_text, parsed.segments[0])


def test_undeclared_latin1_is_refused_with_the_cause() -> None:
    text = xliff12('<trans-unit id="1"><source>x</source><target>Café</target></trans-unit>')
    data = text.replace('<?xml version="1.0" encoding="UTF-8"?>\n', "").encode("latin-1")
    with pytest.raises(InputError, match=r"^t\.xlf: invalid utf-8 at byte \d+ \(encoding none"):
        read_xliff(data)


# --- safety and errors ------------------------------------------------------------------

XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE xliff [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
    '<xliff version="1.2"><file source-language="en" target-language="fr"><body>'
    '<trans-unit id="1"><source>x</source><target>&xxe;</target></trans-unit>'
    "</body></file></xliff>\n"
)
LOLS = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))
BOMB = (
    f'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 "lol">\n{LOLS}]>\n'
    '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en">'
    "<seg>&lol9;</seg></tuv></tu></body></tmx>\n"
)


@pytest.mark.parametrize(("name", "text"), [("xxe.xlf", XXE), ("bomb.tmx", BOMB)])
def test_entity_declarations_are_refused_quickly(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    began = time.perf_counter()
    with pytest.raises(InputError) as caught:
        load(str(path), path.read_bytes())
    assert time.perf_counter() - began < 1.0
    assert str(caught.value) == (
        f"{path}: XML entity declarations are not allowed "
        "(external entities and entity expansion are refused)"
    )


def test_entity_text_in_comments_and_cdata_is_not_refused() -> None:
    text = xliff12(
        '<!-- <!DOCTYPE x [<!ENTITY a "b">]> --><trans-unit id="1"><source>x'
        '</source><target><![CDATA[<!ENTITY a "b">]]></target></trans-unit>'
    )
    _, parsed = read_xliff(text)
    assert target(parsed.segments[0]) == '<!ENTITY a "b">'


def test_malformed_xml_is_one_line_with_path_and_line() -> None:
    text = xliff12('<trans-unit id="1"><source>x</source>\n<target>y</source></trans-unit>\n')
    with pytest.raises(InputError) as caught:
        read_xliff(text)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("t.xlf: line 6: not well-formed XML (Opening and ending tag")


def test_wrong_root_and_binary_are_refused() -> None:
    with pytest.raises(
        InputError, match=r"^t\.xlf: not an XLIFF file \(the root element is <tmx>\)"
    ):
        read_xliff(tmx_file("en", ""))
    with pytest.raises(InputError, match=r"^t\.tmx: not a TMX file"):
        read_tmx(xliff12(""))
    with pytest.raises(InputError, match=r"^t\.xlf: a ZIP archive"):
        read_xliff(b"PK\x03\x04\x00\x00rest")


# --- end to end -------------------------------------------------------------------------

KYIV = xliff12(
    '<trans-unit id="u7"><source>Llegó a Kiev.</source>\n'
    "<target>Tom &amp; Ann arrived in kyiv today.</target></trans-unit>\n"
)


def test_finding_points_at_the_word_in_the_file_through_check_text() -> None:
    (finding,) = check_text(KYIV, Config(select=("TQ102",)), path="k.xlf", kind="xliff")
    line = KYIV.splitlines()[finding.line - 1]
    assert line[finding.column - 1 : finding.end_column - 1] == "kyiv"
    assert (finding.line, finding.unit) == (6, "u7")


def test_finding_points_at_the_word_in_the_file_through_check_paths(tmp_path: Path) -> None:
    path = tmp_path / "k.xlf"
    path.write_text(KYIV, encoding="utf-8")
    result = check_paths([str(path)], Config(select=("TQ102",), embeddings=False))
    (finding,) = [f for f in result.findings if f.code == "TQ102"]
    assert (finding.line, finding.column, finding.unit) == (6, 34, "u7")
    assert KYIV[finding.start : finding.end] == "kyiv"
