"""XLIFF 1.2 (also 1.0/1.1) and XLIFF 2.0/2.1: one unit per segment, targets located exactly.

XLIFF 1.x: every `<trans-unit>` in document order (inside nested `<group>`s too, across
all `<file>`s), except `translate="no"`. Its `<source>` and `<target>`; when `<seg-source>`
holds `<mrk mtype="seg">` segments and the target has a segment for every one of them,
one unit per segment, id "UNIT#MID". `<alt-trans>` is ignored (suggestions, not the
translation). Languages come from the first `<file>`; `state` from the target.

XLIFF 2.x: every `<segment>` of every `<unit>` (`<ignorable>`s skipped; units, groups or
files with `translate="no"` skipped), id "UNIT" or, when a unit has several segments,
"UNIT#SEGMENT" (segment id, else its ordinal). Languages from `srcLang`/`trgLang`.

Inline codes follow `tqcheck.formats.xmltext`: never read as words, kept as "name:id".
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from tqcheck.document import InputError
from tqcheck.formats.base import ParsedFile, RawSegment, TextPiece, normalise_lang
from tqcheck.formats.xmltext import (
    Content,
    InlineRules,
    XmlFile,
    child,
    children,
    content,
    descendants,
    local_name,
    parse_xml,
    plain_text,
)

XLIFF1_RULES = InlineRules(
    codes=frozenset({"x", "bx", "ex", "ph", "bpt", "ept", "it"}), recorded=frozenset({"g"})
)
XLIFF2_RULES = InlineRules(
    codes=frozenset({"ph", "sc", "ec", "sm", "em"}),
    recorded=frozenset({"pc"}),
    chars=frozenset({"cp"}),
)
_XLIFF2_NAMESPACE = "urn:oasis:names:tc:xliff:document:2"


def read(path: str, data: bytes, options: object) -> tuple[str, ParsedFile]:
    """Parse an XLIFF 1.x or 2.x file into units; raise InputError naming the problem."""
    xml = parse_xml(path, data)
    root = xml.root
    if local_name(root) != "xliff":
        raise InputError(f"{path}: not an XLIFF file (the root element is <{local_name(root)}>)")
    if is_xliff2(root):
        return xml.text, _read_v2(xml)
    return xml.text, _read_v1(xml)


def is_xliff2(root: etree._Element) -> bool:
    """True for XLIFF 2.x: by its namespace, else by its version attribute."""
    namespace = etree.QName(root).namespace or ""
    return namespace.startswith(_XLIFF2_NAMESPACE) or root.get("version", "").startswith("2")


# --- XLIFF 1.x ---------------------------------------------------------------------------


def _read_v1(xml: XmlFile) -> ParsedFile:
    first_file = next(iter(descendants(xml.root, "file")), None)
    segments: list[RawSegment] = []
    for ordinal, unit in enumerate(descendants(xml.root, "trans-unit"), 1):
        if unit.get("translate") == "no":
            continue
        unit_id = unit.get("id") or unit.get("resname") or str(ordinal)
        segments.extend(_trans_unit(xml, unit, unit_id))
    source_lang = target_lang = None
    if first_file is not None:
        source_lang = normalise_lang(first_file.get("source-language"))
        target_lang = normalise_lang(first_file.get("target-language"))
    return ParsedFile(tuple(segments), source_lang, target_lang)


def _trans_unit(xml: XmlFile, unit: etree._Element, unit_id: str) -> list[RawSegment]:
    """One RawSegment for the unit, or one per `<mrk mtype="seg">` segment."""
    source, target = child(unit, "source"), child(unit, "target")
    notes = tuple(plain_text(n) for n in children(unit, "note"))
    state = target.get("state") if target is not None else None
    pairs = _mrk_segments(unit, target)
    if pairs:
        return [_segment(xml, f"{unit_id}#{mid}", src, tgt, unit, XLIFF1_RULES, state, notes)
                for mid, src, tgt in pairs]  # fmt: skip
    return [_segment(xml, unit_id, source, target, unit, XLIFF1_RULES, state, notes)]


def _mrk_segments(
    unit: etree._Element, target: etree._Element | None
) -> list[tuple[str, etree._Element, etree._Element]]:
    """(mid, source mrk, target mrk) when seg-source and target are segmented alike."""
    seg_source = child(unit, "seg-source")
    if seg_source is None or target is None:
        return []
    sources = _seg_mrks(seg_source)
    targets = dict(_seg_mrks(target))
    if not sources or any(mid not in targets for mid, _ in sources):
        return []
    return [(mid, mrk, targets[mid]) for mid, mrk in sources]


def _seg_mrks(element: etree._Element) -> list[tuple[str, etree._Element]]:
    """The `<mrk mtype="seg" mid="…">` segments of a seg-source or target, in order."""
    return [(m.get("mid", ""), m) for m in descendants(element, "mrk")
            if m.get("mtype") == "seg" and m.get("mid")]  # fmt: skip


# --- XLIFF 2.x ---------------------------------------------------------------------------


def _read_v2(xml: XmlFile) -> ParsedFile:
    segments: list[RawSegment] = []
    for ordinal, unit in enumerate(descendants(xml.root, "unit"), 1):
        if _untranslatable(unit):
            continue
        segments.extend(_unit_v2(xml, unit, unit.get("id") or str(ordinal)))
    root = xml.root
    return ParsedFile(
        tuple(segments), normalise_lang(root.get("srcLang")), normalise_lang(root.get("trgLang"))
    )


def _untranslatable(unit: etree._Element) -> bool:
    """`translate="no"` on the unit, else on the nearest group or file that says (inherited)."""
    node: etree._Element | None = unit
    while node is not None and local_name(node) != "xliff":
        if node.get("translate") in ("yes", "no"):
            return node.get("translate") == "no"
        node = node.getparent()
    return False


def _unit_v2(xml: XmlFile, unit: etree._Element, unit_id: str) -> Iterator[RawSegment]:
    notes_element = child(unit, "notes")
    notes = () if notes_element is None else tuple(
        plain_text(n) for n in children(notes_element, "note"))  # fmt: skip
    parts = children(unit, "segment")
    for ordinal, segment in enumerate(parts, 1):
        seg_id = unit_id if len(parts) == 1 else f"{unit_id}#{segment.get('id') or ordinal}"
        source, target = child(segment, "source"), child(segment, "target")
        yield _segment(xml, seg_id, source, target, segment, XLIFF2_RULES,
                       segment.get("state"), notes)  # fmt: skip


# --- shared ------------------------------------------------------------------------------


def _segment(
    xml: XmlFile,
    seg_id: str,
    source: etree._Element | None,
    target: etree._Element | None,
    owner: etree._Element,
    rules: InlineRules,
    state: str | None,
    notes: tuple[str, ...],
) -> RawSegment:
    """A RawSegment from source and target elements (either may be missing)."""
    src = content(xml, source, rules) if source is not None else Content((), ())
    if target is None:
        where = source if source is not None else owner
        return RawSegment(seg_id, src.text, (), xml.spans[where].start, False,
                          src.codes, (), state, notes)  # fmt: skip
    tgt = content(xml, target, rules)
    pieces: tuple[TextPiece, ...] = tgt.pieces if tgt.text else ()
    return RawSegment(seg_id, src.text, pieces, xml.spans[target].start, True,
                      src.codes, tgt.codes, state, notes)  # fmt: skip
