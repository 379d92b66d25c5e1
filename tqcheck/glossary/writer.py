"""Write a Glossary as glossary YAML that the loader reads back to the same concepts.

Every field is kept; defaults are left out (class `other` is written anyway, it reads
better). A form is a plain string unless its match options differ from its concept's or
it carries a note. Output is deterministic: concept and form order as in the model.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from tqcheck.glossary.model import Concept, Form, Glossary, MatchOptions, ProfileForms

_MATCH_FIELDS = ("case", "accents", "hyphen", "inflect")
_NEW_CONCEPT = re.compile(r"(?<=\n)(?=- id:)(?<!concepts:\n)")
HEADER_COMMENT = "# tqcheck glossary (schema: docs/glossary.md)"


def dump_glossary(glossary: Glossary, comment: str = "") -> str:
    """The glossary as YAML text, with optional comment lines after the schema line."""
    header: dict[str, Any] = {
        "id": glossary.id,
        "source_lang": glossary.source_lang,
        "target_lang": glossary.target_lang,
    }
    if glossary.description:
        header["description"] = glossary.description
    concepts = [concept_data(c) for c in glossary.concepts]
    # Block style for the header; flow style for short lists and options, as hand-written.
    head = _dump({"glossary": header}, flow=False)
    body = _dump({"concepts": concepts}, flow=None) if concepts else "concepts: []\n"
    body = _NEW_CONCEPT.sub("\n", body)  # a blank line between concepts
    lines = [HEADER_COMMENT, *(f"# {line}".rstrip() for line in comment.splitlines())]
    return "\n".join(lines) + "\n" + head + body


def _dump(data: dict[str, Any], flow: bool | None) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100,
                          default_flow_style=flow)  # fmt: skip


def _options(match: MatchOptions, base: MatchOptions) -> dict[str, Any]:
    """The match options that differ from `base`, in schema order."""
    return {k: getattr(match, k) for k in _MATCH_FIELDS if getattr(match, k) != getattr(base, k)}


def _form(form: Form, base: MatchOptions) -> str | dict[str, Any]:
    own = _options(form.match, base)
    if not own and form.note is None:
        return form.text
    return {"text": form.text, **own, **({"note": form.note} if form.note is not None else {})}


def _forms(forms: tuple[Form, ...], base: MatchOptions) -> list[Any]:
    return [_form(f, base) for f in forms]


def _profile(forms: ProfileForms) -> str | dict[str, Any]:
    if not forms.admitted:
        return forms.preferred
    return {"preferred": forms.preferred, "admitted": list(forms.admitted)}


def concept_data(concept: Concept) -> dict[str, Any]:
    """One concept as the mapping the loader reads, in schema order."""
    base = concept.match
    out: dict[str, Any] = {"id": concept.id, "class": concept.cls, "preferred": concept.preferred}
    optional: list[tuple[str, Any]] = [
        ("admitted", _forms(concept.admitted, base)),
        ("expansions", list(concept.expansions)),
        ("profiles", {name: _profile(p) for name, p in concept.profiles.items()}),
        ("deprecated", _forms(concept.deprecated, base)),
        ("superseded", _forms(concept.superseded, base)),
        ("misleading", _forms(concept.misleading, base)),
        ("source", {lang: _forms(forms, base) for lang, forms in concept.source.items()}),
        ("casing", concept.casing if concept.casing != "canonical" else None),
        ("match", _options(base, MatchOptions())),
        ("exceptions", list(concept.exceptions)),
        ("severity", concept.severity.label if concept.severity is not None else None),
        ("definition", concept.definition),
        ("note", concept.note),
    ]
    out.update((key, value) for key, value in optional if value)
    out["provenance"] = concept.provenance
    return out
