"""Our fields that TBX has no place for, as `tqcheck:KEY=VALUE` notes: written and read.

Scalars are written as they are (`tqcheck:class=place`), structures as compact JSON
(`tqcheck:match={"accents":"exact",...}`), one note per exception and per profile.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, replace
from typing import Any

from tqcheck.document import InputError
from tqcheck.glossary.interchange import META, Entry
from tqcheck.glossary.model import CLASSES, Concept, Form, Glossary, MatchOptions, ProfileForms
from tqcheck.model import Severity

_CHOICES = {"case": ("fold", "exact"), "accents": ("fold", "exact")}
_FLAGS = ("hyphen", "inflect")
PROFILE = "profile."


class MetaError(ValueError):
    """A tqcheck field with a value that cannot be used."""


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def header_fields(glossary: Glossary) -> list[str]:
    """The header paragraphs that make an import restore the glossary's header exactly."""
    return [f"{META}id={glossary.id}", f"{META}source_lang={glossary.source_lang}",
            f"{META}target_lang={glossary.target_lang}"]  # fmt: skip


def entry_fields(concept: Concept) -> list[str]:
    """A concept's fields beyond TBX, in a fixed order; defaults are left out."""
    out = []
    if concept.cls != "other":
        out.append(f"{META}class={concept.cls}")
    if concept.casing != "canonical":
        out.append(f"{META}casing={concept.casing}")
    if concept.match != MatchOptions():
        out.append(f"{META}match={_json(asdict(concept.match))}")
    if concept.severity is not None:
        out.append(f"{META}severity={concept.severity.label}")
    out += [f"{META}exception={text}" for text in concept.exceptions]
    # A source language listed without forms has no TBX section to hold it.
    out += [f"{META}empty_source={lang}" for lang, forms in concept.source.items() if not forms]
    for name, forms in concept.profiles.items():
        value = {"preferred": forms.preferred, "admitted": list(forms.admitted)}
        out.append(f"{META}{PROFILE}{name}={_json(value)}")
    out.append(f"{META}provenance={concept.provenance}")
    return out


def term_fields(form: Form, concept: Concept) -> list[str]:
    """A form's fields beyond TBX: a misleading or expansion status, its own match options."""
    out = [f"{META}status={form.status}"] if form.status in ("misleading", "expansion") else []
    if form.match != concept.match:
        out.append(f"{META}match={_json(asdict(form.match))}")
    return out


def match_options(value: str) -> MatchOptions:
    """Match options from their JSON; MetaError names what is wrong."""
    data = _load(value, "match")
    if not isinstance(data, dict) or set(data) - {*_CHOICES, *_FLAGS}:
        raise MetaError(f"tqcheck:match needs keys among {', '.join((*_CHOICES, *_FLAGS))}")
    for key, options in _CHOICES.items():
        if key in data and data[key] not in options:
            raise MetaError(f"tqcheck:match {key} must be one of {', '.join(options)}")
    if any(key in data and not isinstance(data[key], bool) for key in _FLAGS):
        raise MetaError("tqcheck:match hyphen and inflect must be true or false")
    return MatchOptions(**data)


def _load(value: str, key: str) -> Any:
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise MetaError(f"tqcheck:{key} is not valid JSON ({exc.msg})") from None


def _profile(value: str, name: str) -> ProfileForms:
    data = _load(value, PROFILE + name)
    preferred = data.get("preferred") if isinstance(data, dict) else None
    admitted = data.get("admitted", []) if isinstance(data, dict) else None
    if (
        not isinstance(preferred, str)
        or not isinstance(admitted, list)
        or not all(isinstance(a, str) for a in admitted)
    ):
        raise MetaError(f"tqcheck:{PROFILE}{name} needs {{preferred: text, admitted: [text]}}")
    return ProfileForms(preferred, tuple(admitted))


def _choice(key: str, value: str, options: Iterable[str]) -> str:
    options = tuple(options)
    if value.strip() not in options:
        raise MetaError(f"tqcheck:{key} must be one of {', '.join(options)}, not {value!r}")
    return value.strip()


def _field(key: str, value: str, fields: dict[str, Any]) -> None:
    """Store one entry field; MetaError for a bad value or an unknown key."""
    if key == "class":
        fields["cls"] = _choice(key, value, CLASSES)
    elif key == "casing":
        fields["casing"] = _choice(key, value, ("canonical", "ignore"))
    elif key == "match":
        fields["match"] = match_options(value)
    elif key == "severity":
        try:
            fields["severity"] = Severity.parse(value)
        except ValueError as exc:
            raise MetaError(f"tqcheck:severity: {exc}") from None
    elif key == "provenance" and value.strip():
        fields["provenance"] = value.strip()
    elif key == "exception" and value.strip():
        fields["exceptions"] = (*fields.get("exceptions", ()), value.strip())
    elif key == "empty_source" and value.strip():
        fields["source"] = {**fields.get("source", {}), value.strip(): ()}
    elif key.startswith(PROFILE) and key != PROFILE:
        name = key.removeprefix(PROFILE)
        fields["profiles"] = {**fields.get("profiles", {}), name: _profile(value, name)}
    elif key != "status":  # a term field; harmless at entry level
        raise MetaError(f"unknown field tqcheck:{key}")


def apply_entry_meta(path: str, entry: Entry, meta: Iterable[tuple[str, str, int]]) -> Entry:
    """The entry with its tqcheck fields applied; InputError `path:line: cause` if bad."""
    fields: dict[str, Any] = {}
    for key, value, line in meta:
        try:
            _field(key, value, fields)
        except MetaError as exc:
            raise InputError(f"{path}:{line}: {exc}") from None
    if "source" in fields:
        fields["source"] = {**fields["source"], **entry.source}
    return replace(entry, **fields) if fields else entry
