"""Glossary lint: the data tests of codespell, made a feature (`tqcheck glossary lint`).

Files are linted together: entry by entry here, across entries, files and profiles in
`lint_cross` (same id with different preferred forms, a form accepted by one concept and
flagged by another, shadowed and ambiguous keys, exceptions that hide forms).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from tqcheck.glossary.folding import fold_key
from tqcheck.glossary.lint_cross import accepted_match, cross_issues, how_accepted, narrowing
from tqcheck.glossary.loader import GlossaryIssue, parse_glossary
from tqcheck.glossary.model import Concept, Form, Glossary


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
                issues.extend(concept_issues(concept))
    issues.extend(cross_issues(glossaries))
    return issues


def concept_issues(concept: Concept) -> Iterator[GlossaryIssue]:
    """Problems inside one entry: forms listed twice, self-corrections, person casing."""

    def issue(message: str) -> GlossaryIssue:
        return GlossaryIssue(concept.origin, concept.line, f"{concept.id}: {message}")

    seen: dict[str, str] = {}
    bad = [*concept.deprecated, *concept.superseded]
    for form in [*concept.admitted, *bad]:
        key = fold_key(form.text)
        if key in seen and form.match == concept.match:
            yield issue(f"form {form.text!r} listed twice ({seen[key]} and {form.status})")
        seen.setdefault(key, form.status)
    for form in bad:
        message = _self_correction(concept, form)
        if message:
            yield issue(message)
    if concept.cls == "person" and concept.casing == "ignore":
        yield issue("person names need casing: canonical")


def _self_correction(concept: Concept, form: Form) -> str | None:
    """A flagged form that also matches one of the entry's own accepted spellings.

    A form whose own `case: exact` / `accents: exact` tells it apart from the accepted
    spelling is deliberate ("Alexeï Navalny" with accents: exact next to "Alexei Navalny").
    """
    hit = accepted_match(concept, form)
    if hit is None:
        return None
    text, house = hit
    option = narrowing(form.text, text)
    fix = (
        f"remove it (TQ102 term-case already reports other spellings of {text!r}), "
        f"or mark it {option} to flag only this spelling"
        if option
        else f"remove it from {form.status}"
    )
    how = how_accepted(concept, text, house)
    return f"self-correction: {form.status} form {form.text!r} is also accepted ({how}); {fix}"
