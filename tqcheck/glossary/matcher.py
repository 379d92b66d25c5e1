"""Compiled glossary matching: one Aho-Corasick automaton over folded forms.

Every form of every concept (accepted, deprecated, superseded, source, exception) is a key
in one automaton. A document is folded once, scanned once, and each match is resolved
(longest match wins, so "chicken Kiev" masks "Kiev") and classified for the rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

import ahocorasick

from tqcheck.glossary.folding import FoldedView, fold_case_only, fold_key
from tqcheck.glossary.model import DEFAULT_PROFILE, Concept, Form, Glossary

P = TypeVar("P")  # what a match carries: form references, payloads

# Statuses in the order a surface is tried against them (see classify).
ACCEPTED, HOUSE, DEPRECATED, SUPERSEDED, SOURCE, EXCEPTION = (
    "accepted", "house", "deprecated", "superseded", "source", "exception",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class FormRef:
    """A form reachable from an automaton key: which concept, what status."""

    concept: int
    form: Form


@dataclass(frozen=True, slots=True)
class TermMatch:
    """A glossary hit in a document: exact original span and every form it could be."""

    start: int
    end: int
    surface: str
    refs: tuple[FormRef, ...]


@dataclass(frozen=True, slots=True)
class Classified:
    """What a match means under the run's profile: its kind, concept and form."""

    kind: str  # accepted | house | case | deprecated | superseded | source
    match: TermMatch
    concept: Concept
    form: Form


def merge_concepts(glossaries: Sequence[Glossary]) -> tuple[Concept, ...]:
    """Concepts of several glossaries, one per id (one concept across language pairs).

    The first file's preferred form and profiles win (lint reports a disagreement); form
    lists and exceptions are united; optional fields take the first value that is set.
    """
    merged: dict[str, Concept] = {}
    for glossary in glossaries:
        for concept in glossary.concepts:
            first = merged.get(concept.id)
            merged[concept.id] = concept if first is None else _merge(first, concept)
    return tuple(merged.values())


def _union(first: tuple, second: tuple) -> tuple:  # type: ignore[type-arg]
    return tuple(dict.fromkeys((*first, *second)))


def _merge(first: Concept, other: Concept) -> Concept:
    sources = dict(first.source)
    for lang, forms in other.source.items():
        sources[lang] = _union(sources.get(lang, ()), forms)
    return replace(
        first,
        admitted=_union(first.admitted, other.admitted),
        deprecated=_union(first.deprecated, other.deprecated),
        misleading=_union(first.misleading, other.misleading),
        expansions=_union(first.expansions, other.expansions),
        superseded=_union(first.superseded, other.superseded),
        exceptions=_union(first.exceptions, other.exceptions),
        source=sources,
        severity=first.severity or other.severity,
        definition=first.definition or other.definition,
        note=first.note or other.note,
    )


class CompiledGlossary:
    """All glossary forms compiled into one automaton for a profile and source languages."""

    def __init__(
        self,
        glossaries: Sequence[Glossary],
        profile: str = DEFAULT_PROFILE,
        source_langs: Iterable[str] | None = None,
    ):
        self.glossaries = tuple(glossaries)
        self.profile = profile
        self.concepts = merge_concepts(self.glossaries)
        langs = set(source_langs) if source_langs else None
        self._automaton = ahocorasick.Automaton()
        table: dict[str, list[FormRef]] = {}
        for index, concept in enumerate(self.concepts):
            for form in self._forms_of(concept, langs):
                key = fold_key(form.text)
                if key:
                    table.setdefault(key, []).append(FormRef(index, form))
        for key, refs in table.items():
            self._automaton.add_word(key, (key, tuple(refs)))
        if table:
            self._automaton.make_automaton()
        self.size = len(table)
        # Per-run caches for rules that derive data from the glossary (e.g. name buckets).
        self.memo: dict[str, object] = {}

    def _forms_of(self, concept: Concept, langs: set[str] | None) -> Iterable[Form]:
        accepted = concept.accepted(self.profile)
        accepted_keys = {fold_key(text) for text in accepted}
        yield from (Form(text, ACCEPTED, concept.match) for text in accepted)
        for house in concept.houses().values():
            for text in house.forms:
                if text not in accepted:
                    yield Form(text, HOUSE, concept.match)
        yield from concept.deprecated
        yield from concept.superseded
        yield from (Form(text, EXCEPTION, concept.match) for text in concept.exceptions)
        if concept.misleading:
            return  # its source forms are triggers read in the source, not leaks ("aktuell")
        for lang, forms in concept.source.items():
            if langs is None or lang in langs:
                # A source form spelled like an accepted target form (German "NATO") is fine.
                yield from (f for f in forms if fold_key(f.text) not in accepted_keys)

    def find(self, text: str) -> list[TermMatch]:
        """Every glossary match in a text, longest first where they overlap, in order."""
        if not self.size:
            return []
        view = FoldedView.of(text)
        candidates = []
        for end, (key, refs) in self._automaton.iter(view.text):
            start = end - len(key) + 1
            stop = _boundary_end(view.text, start, end + 1, refs)
            if stop is not None:
                candidates.append((start, stop, refs))
        return [TermMatch(s, e, text[s:e], refs) for s, e, refs in longest_first(candidates, view)]


def _boundary_end(view: str, start: int, end: int, refs: tuple[FormRef, ...]) -> int | None:
    """The match end if the span sits on Unicode word boundaries, else None.

    A form that begins or ends with punctuation ("US$") needs no boundary on that side.
    """
    options = refs[0].form.match
    if start > 0 and view[start].isalnum():
        before = view[start - 1]
        if before.isalnum() or (before == "-" and not options.hyphen) or before == "_":
            return None
    if not view[end - 1].isalnum():
        return end
    if end < len(view) and (view[end].isalnum() or view[end] == "_"):
        if not any(ref.form.match.inflect for ref in refs):
            return None
        return _inflected_end(view, end)
    if end < len(view) and view[end] == "-" and not options.hyphen:
        return None
    return end


def _inflected_end(view: str, end: int) -> int | None:
    for suffix in ("s", "es"):
        stop = end + len(suffix)
        if view.startswith(suffix, end) and (stop == len(view) or not view[stop].isalnum()):
            return stop
    return None


def longest_first(
    candidates: list[tuple[int, int, P]], view: FoldedView
) -> list[tuple[int, int, P]]:
    """Drop matches overlapping a longer one; map view offsets to the original."""
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    kept, reach = [], -1
    for start, end, refs in candidates:
        if start >= reach:
            kept.append((view.original(start), view.original(end - 1) + 1, refs))
            reach = end
    return kept


def _surface_equals(surface: str, form: str) -> bool:
    """Is the surface exactly this form (allowing a capital at sentence start, a plural)?"""
    surface = " ".join(surface.split())
    if len(surface) > len(form) and surface[len(form) :] in ("s", "es"):
        surface = surface[: len(form)]  # an inflected match of an `inflect: true` form
    return surface == form or (form[:1].islower() and surface == form[:1].upper() + form[1:])


def _all_caps_of(surface: str, form: str) -> bool:
    """All caps is typography (datelines "NEW DELHI", headlines), not an MT casing artifact."""
    surface = " ".join(surface.split())
    return surface.isupper() and surface == form.upper()


def _form_matches(surface: str, form: Form) -> bool:
    """Does a folded hit also satisfy a form's own case and accent options?"""
    options = form.match
    if options.case == "exact":
        return " ".join(surface.split()).startswith(form.text)
    if options.accents == "exact":
        return fold_case_only(surface).startswith(fold_case_only(form.text))
    return True


def classify(
    match: TermMatch, concepts: Sequence[Concept], profile: str, line_caps: bool
) -> Classified | None:
    """Decide what a match is under a profile; None when it is an exception or not a hit."""
    refs = [r for r in match.refs if _form_matches(match.surface, r.form)]
    by_status = {status: [r for r in refs if r.form.status == status] for status in
                 (ACCEPTED, HOUSE, DEPRECATED, SUPERSEDED, SOURCE, EXCEPTION)}  # fmt: skip
    if by_status[EXCEPTION]:
        return None
    for ref in by_status[ACCEPTED]:
        if _surface_equals(match.surface, ref.form.text):
            return Classified(ACCEPTED, match, concepts[ref.concept], ref.form)
    for ref in by_status[HOUSE]:
        if _surface_equals(match.surface, ref.form.text):
            return Classified(HOUSE, match, concepts[ref.concept], ref.form)
    for ref in by_status[ACCEPTED]:
        if line_caps or _all_caps_of(match.surface, ref.form.text):
            return Classified(ACCEPTED, match, concepts[ref.concept], ref.form)
    for status in (DEPRECATED, SUPERSEDED):
        if by_status[status]:
            ref = by_status[status][0]
            return Classified(status, match, concepts[ref.concept], ref.form)
    for ref in by_status[ACCEPTED] + by_status[HOUSE]:
        concept = concepts[ref.concept]
        if concept.casing == "canonical":
            return Classified("case", match, concept, ref.form)
        return Classified(ACCEPTED, match, concept, ref.form)
    if by_status[SOURCE]:
        ref = by_status[SOURCE][0]
        return Classified(SOURCE, match, concepts[ref.concept], ref.form)
    return None
