"""Glossary import and export: the shared term model, language choice and format dispatch.

Readers of foreign formats (TBX, CSV/TSV) produce `Entry` records: terms per language with
a status as the file states it. `build_concept` turns one into a `Concept` by one rule for
every format (see docs/glossary.md, "Import and export").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqcheck.document import InputError
from tqcheck.formats.base import normalise_lang
from tqcheck.glossary.model import Concept, Form, Glossary, MatchOptions, ProfileForms
from tqcheck.model import Severity

# "expansion": the full name an acronym stands for (Concept.expansions).
TARGET_STATUSES = ("preferred", "admitted", "deprecated", "superseded", "misleading", "expansion")
EXPORT_FORMATS = ("tbx", "tbx3", "csv", "tsv")
META = "tqcheck:"  # prefix of our fields in TBX notes and header paragraphs
_TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".txt")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Term:
    """One term as a file states it; `status` None means the file gives none."""

    text: str
    status: str | None = None
    note: str | None = None
    match: MatchOptions | None = None  # None: the concept's options


@dataclass(frozen=True)
class Entry:
    """One concept as read from a file, before the preferred form is chosen."""

    id: str
    target: tuple[Term, ...]
    source: Mapping[str, tuple[Term, ...]] = field(default_factory=dict)
    cls: str = "other"
    provenance: str | None = None
    profiles: Mapping[str, ProfileForms] = field(default_factory=dict)
    casing: str = "canonical"
    match: MatchOptions = field(default_factory=MatchOptions)
    exceptions: tuple[str, ...] = ()
    severity: Severity | None = None
    definition: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportResult:
    """An imported glossary and what did not make it in."""

    glossary: Glossary
    missing_target: int = 0  # concepts without a term in the target language
    no_accepted: int = 0  # concepts whose target terms are all deprecated or superseded
    kind: str = ""  # "TBX", "CSV" or "TSV"

    @property
    def missing_source(self) -> int:
        """Imported concepts without a source-language term (no source forms)."""
        return sum(1 for concept in self.glossary.concepts if not concept.source)

    def summary(self, path: str) -> list[str]:
        """What was imported and skipped, one line each, for stderr."""
        g = self.glossary
        lines = [f"imported {len(g.concepts)} concept(s) from {path} ({self.kind}, "
                 f"{g.source_lang} → {g.target_lang})"]  # fmt: skip
        if self.missing_target:
            lines.append(
                f"skipped {self.missing_target} concept(s) without a term in {g.target_lang}"
            )
        if self.no_accepted:
            lines.append(f"skipped {self.no_accepted} concept(s) whose terms in {g.target_lang} "
                         "are all deprecated or superseded")  # fmt: skip
        if self.missing_source:
            lines.append(f"{self.missing_source} concept(s) have no term in {g.source_lang} "
                         "(imported without source forms)")  # fmt: skip
        return lines


def lang_matches(tag: str, wanted: str) -> bool:
    """Whether a file's language tag is the wanted language ("en" ~ "en-US", not "en-GB")."""
    a, b = tag.strip().lower().replace("_", "-"), wanted.strip().lower().replace("_", "-")
    return a == b or a.split("-")[0] == b or b.split("-")[0] == a


def primary(tag: str) -> str:
    """The language subtag of a tag as the glossary header holds it ("en-US" -> "en")."""
    return normalise_lang(tag) or tag.strip().lower()


def choose_pair(
    path: str,
    present: Sequence[str],
    counts: Mapping[str, int],
    declared: str | None,
    source: str | None,
    target: str | None,
) -> tuple[str, str]:
    """(source, target): the options, else the declared language as source and the
    language in most concepts as target (ties: first in the file)."""
    order = {lang: i for i, lang in enumerate(present)}

    def most_common(excluded: str | None) -> str | None:
        pool = [lang for lang in present if not (excluded and lang_matches(lang, excluded))]
        return max(pool, key=lambda lang: (counts[lang], -order[lang]), default=None)

    if source is None:
        usable = declared and declared in counts and not (target and lang_matches(declared, target))
        source = declared if usable else most_common(target)
    if target is None:
        target = most_common(source)
    if not source or not target:
        found = ", ".join(present) or "none"
        raise InputError(f"{path}: terms in one language only ({found}); "
                         "give --source-lang and --target-lang")  # fmt: skip
    return source, target


def build_concept(entry: Entry, provenance: str) -> Concept | None:
    """The concept of an entry; None when no target term is acceptable.

    Preferred: the first term marked preferred, else the first admitted or unmarked one;
    further preferred terms and unmarked terms are admitted.
    """
    terms = list(entry.target)
    pick = next((i for i, t in enumerate(terms) if t.status == "preferred"), None)
    if pick is None:
        pick = next((i for i, t in enumerate(terms) if t.status in (None, "admitted")), None)
    if pick is None:
        return None
    preferred = terms[pick]
    notes = [*entry.notes, *([preferred.note] if preferred.note else [])]
    forms: dict[str, list[Form]] = {s: [] for s in TARGET_STATUSES[1:]}
    for index, term in enumerate(terms):
        status = term.status if term.status not in (None, "preferred") else "admitted"
        form = Form(term.text, status, term.match or entry.match, None, term.note)
        redundant = status == "admitted" and term.text == preferred.text
        if index != pick and not redundant and form not in forms[status]:
            forms[status].append(form)
    source = {lang: _source_forms(found, lang, entry.match)
              for lang, found in entry.source.items()}  # fmt: skip
    return Concept(
        id=entry.id, cls=entry.cls, preferred=preferred.text,
        provenance=entry.provenance or provenance,
        admitted=tuple(forms["admitted"]), profiles=dict(entry.profiles),
        deprecated=tuple(forms["deprecated"]), superseded=tuple(forms["superseded"]),
        misleading=tuple(forms["misleading"]), source=source, casing=entry.casing,
        expansions=tuple(dict.fromkeys(f.text for f in forms["expansion"])),
        match=entry.match, exceptions=entry.exceptions, severity=entry.severity,
        definition=entry.definition, note="; ".join(notes) or None,
    )  # fmt: skip


def _source_forms(terms: Iterable[Term], lang: str, match: MatchOptions) -> tuple[Form, ...]:
    """Every source-language term is a source form, whatever its status: a deprecated
    source spelling left in the translation is as much a leak as the preferred one."""
    forms = (Form(t.text, "source", t.match or match, lang, t.note) for t in terms)
    return tuple(dict.fromkeys(forms))


def slug(text: str) -> str:
    """An ASCII id fragment of a term ("Organización" -> "organizacion"); may be empty."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG.sub("-", ascii_text.lower()).strip("-")[:60]


def unique_id(wanted: str, taken: set[str], fallback: str) -> str:
    """`wanted` (or `fallback` when empty), suffixed "-2", "-3"… until unused; recorded."""
    base = wanted or fallback
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def collapse(text: str) -> str:
    """Whitespace runs as one space, trimmed: how pretty-printed files mean their text."""
    return " ".join(text.split())


def import_glossary(
    path: str, data: bytes, source_lang: str | None = None, target_lang: str | None = None
) -> ImportResult:
    """Read a TBX, CSV or TSV glossary (by extension, then content); InputError if not."""
    if _is_xml(path, data):
        from tqcheck.glossary.tbx import read_tbx as read
    else:
        from tqcheck.glossary.tabular import read_table as read
    result = read(path, data, source_lang, target_lang)
    if not result.glossary.concepts:
        target = result.glossary.target_lang
        raise InputError(f"{path}: nothing to import: no concept has an accepted {target} term "
                         "(choose the languages with --source-lang and --target-lang)")  # fmt: skip
    return result


def _is_xml(path: str, data: bytes) -> bool:
    suffix = Path(path).suffix.lower()
    if suffix in (".tbx", ".xml"):
        return True
    if suffix in _TABLE_SUFFIXES:
        return False
    head = data[:64].lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    return head.startswith(b"<") or head.startswith(b"<\x00")


def export_glossary(glossary: Glossary, fmt: str) -> str:
    """A glossary as TBX v2 ("tbx"), TBX v3 ("tbx3"), CSV or TSV text; deterministic."""
    if fmt in ("tbx", "tbx3"):
        from tqcheck.glossary import tbxwrite

        return tbxwrite.write_tbx(glossary, version=3 if fmt == "tbx3" else 2)
    if fmt in ("csv", "tsv"):
        from tqcheck.glossary import tabular

        return tabular.write_table(glossary, "\t" if fmt == "tsv" else ",")
    raise ValueError(f"unknown export format {fmt!r}; use one of: {', '.join(EXPORT_FORMATS)}")
