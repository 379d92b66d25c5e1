"""TBX import (v2 `<martif>`, TBX-Basic and TBX-Default-like; v3 `<tbx>`) and export.

Fields TBX has no place for travel as `<note>tqcheck:KEY=VALUE</note>` (header: `<p>`);
see docs/glossary.md, "Import and export", for the mapping.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from tqcheck.document import InputError
from tqcheck.formats.xmltext import child, local_name, parse_xml
from tqcheck.glossary.interchange import (
    META,
    Entry,
    ImportResult,
    Term,
    build_concept,
    choose_pair,
    collapse,
    lang_matches,
    primary,
    slug,
    unique_id,
)
from tqcheck.glossary.model import Glossary
from tqcheck.glossary.tbxmeta import MetaError, apply_entry_meta, match_options

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# administrativeStatus values (TBX-Basic "-admn-sts" suffix dropped) and the legacy
# normativeAuthorization ones; standardized, legal and regulated terms are preferred.
_STATUS = {
    "preferredterm": "preferred", "standardizedterm": "preferred", "legalterm": "preferred",
    "regulatedterm": "preferred", "admittedterm": "admitted", "deprecatedterm": "deprecated",
    "supersededterm": "superseded",
}  # fmt: skip
_STATUS_TYPES = ("administrativeStatus", "normativeAuthorization")
Clean = Callable[[str], str]


@dataclass
class _Raw:
    """One termEntry/conceptEntry as written, before the language pair is chosen."""

    id: str
    line: int
    langs: dict[str, list[Term]] = field(default_factory=dict)  # xml:lang as written
    notes: list[str] = field(default_factory=list)
    lang_notes: dict[str, list[str]] = field(default_factory=dict)
    subjects: list[str] = field(default_factory=list)
    definitions: dict[str | None, str] = field(default_factory=dict)  # None: entry level
    meta: list[tuple[str, str, int]] = field(default_factory=list)


def read_tbx(
    path: str, data: bytes, source_lang: str | None, target_lang: str | None
) -> ImportResult:
    """Import a TBX file with the chosen (or inferred) language pair; InputError if unusable."""
    root = parse_xml(path, data).root
    if local_name(root) not in ("martif", "tbx"):
        raise InputError(f"{path}: not a TBX file (root element <{local_name(root)}>, "
                         "expected <martif> or <tbx>)")  # fmt: skip
    meta, title, paragraphs = _header(root)
    verbatim = "id" in meta  # written by tqcheck: text is exact, not pretty-printed
    description = " ".join(p.strip() if verbatim else collapse(p) for p in paragraphs)
    clean_term: Clean = str.strip if verbatim else collapse
    clean_note: Clean = (lambda text: text) if verbatim else collapse
    raws = [_read_entry(path, el, clean_term, clean_note)
            for el in root.iter("{*}termEntry", "{*}conceptEntry")]  # fmt: skip
    # Languages in file order (ties go to the first), counted once per concept.
    counts = Counter(lang for raw in raws for lang in dict.fromkeys(map(primary, raw.langs)))
    declared = root.get(XML_LANG)
    source, target = choose_pair(
        path, list(counts), counts, primary(declared) if declared else None,
        source_lang or meta.get("source_lang"), target_lang or meta.get("target_lang"),
    )  # fmt: skip
    # Our own file restores its header languages unless the options choose others.
    glossary = Glossary(
        id=meta.get("id") or slug(title) or slug(Path(path).stem) or "imported",
        source_lang=(None if source_lang else meta.get("source_lang")) or primary(source),
        target_lang=(None if target_lang else meta.get("target_lang")) or primary(target),
        concepts=(),
        description=description or ("" if verbatim else title),
    )
    extra = verbatim and source_lang is None  # our own file: every source language returns
    return _result(path, raws, glossary, source, target, extra)


def _result(
    path: str, raws: list[_Raw], glossary: Glossary, source: str, target: str, extra: bool
) -> ImportResult:
    provenance = f"imported from {Path(path).name} (TBX)"
    taken: set[str] = set()
    concepts, missing, unusable = [], 0, 0
    for number, raw in enumerate(raws, 1):
        entry = _entry(path, raw, source, target, extra, unique_id(raw.id, taken, f"c{number}"))
        concept = build_concept(entry, provenance) if entry is not None else None
        missing += entry is None
        unusable += entry is not None and concept is None
        if concept is not None:
            concepts.append(concept)
    glossary = Glossary(glossary.id, glossary.source_lang, glossary.target_lang,
                        tuple(concepts), description=glossary.description)  # fmt: skip
    return ImportResult(glossary, missing, unusable, "TBX")


def _header(root: etree._Element) -> tuple[dict[str, str], str, list[str]]:
    """(tqcheck fields, title, other source paragraphs) from martifHeader/tbxHeader."""
    header = child(root, "martifHeader")
    header = header if header is not None else child(root, "tbxHeader")
    if header is None:
        return {}, "", []
    title = next(header.iter("{*}title"), None)
    meta: dict[str, str] = {}
    plain = []
    for desc in header.iter("{*}sourceDesc"):
        for paragraph in desc.iter("{*}p"):
            text = _text(paragraph)
            key, value = _meta(text) or ("", "")
            if key:
                meta[key] = value
            elif text.strip():
                plain.append(text)
    return meta, collapse(_text(title)) if title is not None else "", plain


def _text(element: etree._Element) -> str:
    return "".join(element.itertext())


def _meta(text: str) -> tuple[str, str] | None:
    """("class", "place") from "tqcheck:class=place"; None for an ordinary note."""
    text = text.strip()
    if not text.startswith(META) or "=" not in text:
        return None
    key, _, value = text[len(META) :].partition("=")
    return key.strip(), value


def _own(element: etree._Element, name: str) -> Iterator[etree._Element]:
    """Children named `name` of this level: direct ones and those in a *Grp child."""
    for kid in element.iterchildren(etree.Element):
        kind = local_name(kid)
        if kind == name:
            yield kid
        elif kind.endswith("Grp") and kind != "termGrp":
            yield from kid.iterchildren(f"{{*}}{name}")


def _read_entry(path: str, element: etree._Element, clean_term: Clean, clean_note: Clean) -> _Raw:
    raw = _Raw(element.get("id") or "", element.sourceline or 0)
    _read_level(element, None, raw, clean_note)
    for lang_set in element.iterchildren("{*}langSet", "{*}langSec"):
        tag = (lang_set.get(XML_LANG) or lang_set.get("lang") or "").strip()
        if not tag:
            continue  # a language section without a language cannot be placed
        _read_level(lang_set, tag, raw, clean_note)
        terms = raw.langs.setdefault(tag, [])
        for holder in lang_set.iterchildren("{*}tig", "{*}ntig", "{*}termSec"):
            term = _read_term(path, holder, clean_term, clean_note)
            if term is not None:
                terms.append(term)
    return raw


def _read_level(element: etree._Element, lang: str | None, raw: _Raw, clean: Clean) -> None:
    """Notes, definitions and subject fields of an entry (lang None) or a langSet."""
    for note in _own(element, "note"):
        text = _text(note)
        found = _meta(text)
        if found is not None:
            raw.meta.append((*found, note.sourceline or raw.line))
        elif clean(text).strip():
            target = raw.notes if lang is None else raw.lang_notes.setdefault(lang, [])
            target.append(clean(text))
    for descrip in (*_own(element, "descrip"), *_own(element, "definition"),
                    *_own(element, "subjectField")):  # fmt: skip
        kind = descrip.get("type") or local_name(descrip)  # TBX v3 DCT: the element names it
        text = collapse(_text(descrip)) if kind == "subjectField" else clean(_text(descrip))
        if kind == "definition" and text.strip():
            raw.definitions.setdefault(lang, text)
        elif kind == "subjectField" and text:
            raw.subjects.append(text)


def _read_term(
    path: str, holder: etree._Element, clean_term: Clean, clean_note: Clean
) -> Term | None:
    """A tig/ntig/termSec: the term, its status, its notes and tqcheck fields."""
    term = next(holder.iter("{*}term"), None)
    text = clean_term(_text(term)) if term is not None else ""
    if not text:
        return None
    status = None
    for note in holder.iter("{*}termNote", *(f"{{*}}{t}" for t in _STATUS_TYPES)):
        kind = note.get("type") if local_name(note) == "termNote" else local_name(note)
        if kind in _STATUS_TYPES:
            value = _text(note).strip().lower().removesuffix("-admn-sts")
            status = _STATUS.get(value, status)
    notes, match = [], None
    for note in holder.iter("{*}note"):
        found = _meta(_text(note))
        if found is None:
            notes.append(clean_note(_text(note)))
        elif found[0] == "status" and found[1].strip() in ("misleading", "expansion"):
            status = found[1].strip()
        elif found[0] == "match":
            try:
                match = match_options(found[1])
            except MetaError as exc:
                raise InputError(f"{path}:{note.sourceline or 0}: {exc}") from None
    return Term(text, status, "; ".join(n for n in notes if n.strip()) or None, match)


def _entry(path: str, raw: _Raw, source: str, target: str, extra: bool, cid: str) -> Entry | None:
    """The entry for the chosen pair; None when it has no target-language term."""
    target_tags = [tag for tag in raw.langs if lang_matches(tag, target)]
    terms = tuple(t for tag in target_tags for t in raw.langs[tag])
    if not terms:
        return None
    sources: dict[str, tuple[Term, ...]] = {}
    for tag, found in raw.langs.items():
        if not found or tag in target_tags or not (extra or lang_matches(tag, source)):
            continue
        key = tag if extra else primary(source)
        sources[key] = (*sources.get(key, ()), *found)
    definition = next((raw.definitions[t] for t in target_tags if t in raw.definitions),
                      raw.definitions.get(None))  # fmt: skip
    if definition is None:
        definition = next((d for t, d in raw.definitions.items()
                           if t and lang_matches(t, source)), None)  # fmt: skip
    notes = [f"subject field: {s}" for s in raw.subjects]
    notes += raw.notes + [n for t in target_tags for n in raw.lang_notes.get(t, ())]
    entry = Entry(cid, terms, sources, definition=definition, notes=tuple(notes))
    return apply_entry_meta(path, entry, raw.meta)
