"""Export a glossary as TBX-Basic: v2 (`<martif>`) or v3 (`<tbx>`, DCA style).

Per concept: source-language sections first (first form preferred, the others admitted),
then the target section: preferred, admitted, deprecated, superseded; misleading forms as
deprecated and expansions as admitted full forms, each with a `tqcheck:status=...` note.
Output is deterministic.
"""

from __future__ import annotations

from lxml import etree

from tqcheck.glossary.model import Concept, Form, Glossary
from tqcheck.glossary.tbxmeta import entry_fields, header_fields, term_fields

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX3_NS = "urn:iso:std:iso:30042:ed-2"
_DOCTYPE_V2 = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
_STATUS_OUT = {
    "preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts", "superseded": "supersededTerm-admn-sts",
    "misleading": "deprecatedTerm-admn-sts", "source": "admittedTerm-admn-sts",
    "expansion": "admittedTerm-admn-sts",
}  # fmt: skip
# Element names that differ between the versions; the rest are the same.
_NAMES = {
    2: {"root": "martif", "header": "martifHeader", "entry": "termEntry", "lang": "langSet",
        "holder": "tig"},
    3: {"root": "tbx", "header": "tbxHeader", "entry": "conceptEntry", "lang": "langSec",
        "holder": "termSec"},
}  # fmt: skip


class _Builder:
    """Makes elements of one TBX version (in the v3 namespace for v3)."""

    def __init__(self, version: int):
        self.version = version
        self.names = _NAMES[version]
        self.ns = TBX3_NS if version == 3 else None

    def tag(self, name: str) -> str:
        name = self.names.get(name, name)
        return f"{{{self.ns}}}{name}" if self.ns else name

    def sub(self, parent: etree._Element, name: str, text: str | None = None,
            **attrs: str) -> etree._Element:  # fmt: skip
        element = etree.SubElement(parent, self.tag(name), attrs)
        element.text = text
        return element


def write_tbx(glossary: Glossary, version: int = 2) -> str:
    """The glossary as TBX-Basic text (UTF-8 declared); ValueError on text XML cannot hold."""
    make = _Builder(version)
    nsmap = {None: TBX3_NS} if version == 3 else None
    attrs = {"type": "TBX-Basic"} | ({"style": "dca"} if version == 3 else {})
    root = etree.Element(make.tag("root"), attrs, nsmap=nsmap)
    root.set(XML_LANG, glossary.source_lang)
    _header(make, root, glossary)
    body = make.sub(make.sub(root, "text"), "body")
    for concept in glossary.concepts:
        _entry(make, body, concept, glossary.target_lang)
    data = etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True,
                          doctype=_DOCTYPE_V2 if version == 2 else None)  # fmt: skip
    return data.decode("utf-8")


def _header(make: _Builder, root: etree._Element, glossary: Glossary) -> None:
    file_desc = make.sub(make.sub(root, "header"), "fileDesc")
    make.sub(make.sub(file_desc, "titleStmt"), "title", glossary.id)
    source_desc = make.sub(file_desc, "sourceDesc")
    if glossary.description:
        make.sub(source_desc, "p", glossary.description)
    for field in header_fields(glossary):
        make.sub(source_desc, "p", field)
    if make.version == 2:
        encoding = make.sub(root[0], "encodingDesc")
        make.sub(encoding, "p", "TBXBasicXCSV02.xcs", type="XCSURI")


def _entry(make: _Builder, body: etree._Element, concept: Concept, target: str) -> None:
    entry = make.sub(body, "entry", id=concept.id)
    if concept.note:
        make.sub(entry, "note", concept.note)
    for field in entry_fields(concept):
        make.sub(entry, "note", field)
    for lang, forms in concept.source.items():
        if forms:
            lang_set = make.sub(entry, "lang", **{XML_LANG: lang})
            for index, form in enumerate(forms):
                status = "preferred" if index == 0 else "source"
                _term(make, lang_set, form.text, status, form, concept)
    lang_set = make.sub(entry, "lang", **{XML_LANG: target})
    if concept.definition:
        make.sub(lang_set, "descrip", concept.definition, type="definition")
    _term(make, lang_set, concept.preferred, "preferred", None, concept)
    for form in (*concept.admitted, *concept.deprecated, *concept.superseded,
                 *concept.misleading):  # fmt: skip
        _term(make, lang_set, form.text, form.status, form, concept)
    for text in concept.expansions:
        _term(make, lang_set, text, "expansion", Form(text, "expansion", concept.match), concept)


def _term(
    make: _Builder,
    lang_set: etree._Element,
    text: str,
    status: str,
    form: Form | None,
    concept: Concept,
) -> None:
    holder = make.sub(lang_set, "holder")
    make.sub(holder, "term", text)
    make.sub(holder, "termNote", _STATUS_OUT[status], type="administrativeStatus")
    if status == "expansion":  # TBX's own name for the full form of an abbreviation
        make.sub(holder, "termNote", "fullForm", type="termType")
    if form is not None and form.note is not None:
        make.sub(holder, "note", str(form.note))
    for field in term_fields(form, concept) if form is not None else ():
        make.sub(holder, "note", field)
