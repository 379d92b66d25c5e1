"""Glossary lint: the data tests of codespell, made a feature (`tqcheck glossary lint`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from tqcheck.glossary.folding import fold_key
from tqcheck.glossary.loader import GlossaryIssue, parse_glossary
from tqcheck.glossary.model import Concept, Glossary


def lint_paths(paths: Sequence[str | Path]) -> list[GlossaryIssue]:
    """Every schema and consistency problem in the given glossary files, in file order."""
    issues: list[GlossaryIssue] = []
    glossaries: list[Glossary] = []
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            issues.append(GlossaryIssue(str(path), 0, f"cannot read glossary ({exc.strerror})"))
            continue
        glossary, found = parse_glossary(data, str(path))
        issues.extend(found)
        if glossary is not None:
            glossaries.append(glossary)
            for concept in glossary.concepts:
                issues.extend(_concept_issues(concept))
    issues.extend(_cross_issues(glossaries))
    return issues


def _accepted_keys(concept: Concept) -> set[str]:
    return {fold_key(text) for house in concept.houses().values() for text in house.forms}


def _concept_issues(concept: Concept) -> Iterator[GlossaryIssue]:
    def issue(message: str) -> GlossaryIssue:
        return GlossaryIssue(concept.origin, concept.line, f"{concept.id}: {message}")

    accepted = _accepted_keys(concept)
    seen: dict[str, str] = {}
    bad = [*concept.deprecated, *concept.superseded]
    for form in [*concept.admitted, *bad]:
        key = (fold_key(form.text), form.match.case, form.match.accents)
        if key[0] in seen and form.match == concept.match:
            yield issue(f"form {form.text!r} listed twice ({seen[key[0]]} and {form.status})")
        seen.setdefault(key[0], form.status)
    for form in bad:
        exact = form.match.case == "exact" or form.match.accents == "exact"
        if fold_key(form.text) in accepted and not exact:
            yield issue(f"self-correction: {form.status} form {form.text!r} is also accepted")
    if concept.cls == "person" and concept.casing == "ignore":
        yield issue("person names need casing: canonical")


def _cross_issues(glossaries: Sequence[Glossary]) -> Iterator[GlossaryIssue]:
    first: dict[str, Concept] = {}
    accepted_by: dict[str, Concept] = {}
    for glossary in glossaries:
        for concept in glossary.concepts:
            other = first.get(concept.id)
            differs = other is not None and other.houses() != concept.houses()
            if other is not None and differs and other.origin != concept.origin:
                where = f"{other.origin}:{other.line}"
                message = f"{concept.id}: target forms differ from {where}"
                yield GlossaryIssue(concept.origin, concept.line, message)
            first.setdefault(concept.id, concept)
            for key in _accepted_keys(concept):
                accepted_by.setdefault(key, concept)
    for glossary in glossaries:
        for concept in glossary.concepts:
            for form in (*concept.deprecated, *concept.superseded):
                owner = accepted_by.get(fold_key(form.text))
                exact = form.match.case == "exact" or form.match.accents == "exact"
                if owner is not None and owner.id != concept.id and not exact:
                    yield GlossaryIssue(
                        concept.origin, concept.line,
                        f"{concept.id}: {form.status} form {form.text!r} is the accepted form "
                        f"of {owner.id} ({owner.origin}:{owner.line})",
                    )  # fmt: skip
