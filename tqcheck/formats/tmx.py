"""TMX 1.4 (and older): each `<tu>` is a unit; two of its `<tuv>` languages are checked.

Languages are compared by primary subtag ("en-US" is "en"). The source is the language
asked for (`--source-lang`), else the header's `srclang`, else (`*all*` or none) the first
`<tuv>` language in the file. The target is the language asked for, else the first
language other than the source met in document order. A `<tu>` without a target `<tuv>`
is a unit with no target, reported at its source `<seg>`. Unit id: `tuid`, else the
`<tu>`'s ordinal ("1", "2", …). Inline `<bpt> <ept> <ph> <it> <ut>` hold native code
and are kept as codes; `<hi>` is transparent (see `tqcheck.formats.xmltext`).
"""

from __future__ import annotations

from lxml import etree

from tqcheck.document import InputError
from tqcheck.formats.base import ParsedFile, RawSegment, normalise_lang
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

TMX_RULES = InlineRules(codes=frozenset({"bpt", "ept", "ph", "it", "ut"}))
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def read(path: str, data: bytes, options: object) -> tuple[str, ParsedFile]:
    """Parse a TMX file into units for one language pair; raise InputError if unreadable."""
    xml = parse_xml(path, data)
    if local_name(xml.root) != "tmx":
        raise InputError(f"{path}: not a TMX file (the root element is <{local_name(xml.root)}>)")
    units = list(descendants(xml.root, "tu"))
    source, target = choose_languages(xml.root, units, options)
    segments = [_unit(xml, tu, ordinal, source, target) for ordinal, tu in enumerate(units, 1)]
    return xml.text, ParsedFile(tuple(segments), source, target)


def tuv_lang(tuv: etree._Element) -> str | None:
    """A `<tuv>`'s language, normalised: `xml:lang`, or TMX 1.1's `lang`."""
    return normalise_lang(tuv.get(_XML_LANG) or tuv.get("lang"))


def choose_languages(
    root: etree._Element, units: list[etree._Element], options: object
) -> tuple[str | None, str | None]:
    """(source, target) languages: as asked, else as the file declares or first holds."""
    in_order = [lang for tu in units for lang in map(tuv_lang, children(tu, "tuv")) if lang]
    header = child(root, "header")
    declared = normalise_lang(header.get("srclang")) if header is not None else None
    source = normalise_lang(getattr(options, "source_lang", None)) or declared
    if source is None and in_order:
        source = in_order[0]
    target = normalise_lang(getattr(options, "target_lang", None))
    if target is None:
        target = next((lang for lang in in_order if lang != source), None)
    return source, target


def _unit(
    xml: XmlFile, tu: etree._Element, ordinal: int, source: str | None, target: str | None
) -> RawSegment:
    """One `<tu>` as a RawSegment for the chosen language pair."""
    unit_id = tu.get("tuid") or str(ordinal)
    segs = {}
    for tuv in children(tu, "tuv"):
        lang, seg = tuv_lang(tuv), child(tuv, "seg")
        if seg is not None and lang not in segs:
            segs[lang] = seg
    notes = tuple(plain_text(n) for n in children(tu, "note"))
    src_seg = segs.get(source)
    src = content(xml, src_seg, TMX_RULES) if src_seg is not None else Content((), ())
    tgt_seg = segs.get(target)
    if tgt_seg is None:
        where = src_seg if src_seg is not None else tu
        return RawSegment(unit_id, src.text, (), xml.spans[where].start, False,
                          src.codes, notes=notes)  # fmt: skip
    tgt = content(xml, tgt_seg, TMX_RULES)
    return RawSegment(unit_id, src.text, tgt.pieces if tgt.text else (),
                      xml.spans[tgt_seg].start, True, src.codes, tgt.codes,
                      notes=notes)  # fmt: skip
