"""Glossary lint across entries: contradictions between concepts, files and profiles.

Every check mirrors what the matcher does with the loaded glossaries (`matcher.classify`):
one automaton key per folded form, an exception beats everything, an exact accepted
spelling beats deprecated, deprecated beats superseded beats source, and among equals the
concept whose id was loaded first wins. Glossaries are compared only with glossaries of the
same target language, because only those are ever loaded together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from tqcheck.glossary.folding import fold_case_only, fold_key
from tqcheck.glossary.loader import GlossaryIssue
from tqcheck.glossary.model import DEFAULT_PROFILE, Concept, Form, Glossary, ProfileForms

ACCEPTED, DEPRECATED, SUPERSEDED, SOURCE, EXCEPTION = (
    "accepted", "deprecated", "superseded", "source", "exception",
)  # fmt: skip
_NO_HOUSE = ""  # the "profile" of a spelling accepted outside the house styles
# Which status a match is reported as when one spelling has several (see matcher.classify).
_PRIORITY = {EXCEPTION: 0, ACCEPTED: 1, DEPRECATED: 2, SUPERSEDED: 3, SOURCE: 4}


@dataclass(frozen=True, slots=True)
class Entry:
    """One form of one concept as the matcher sees it, with the concept's load rank."""

    concept: Concept
    form: Form
    status: str  # accepted | deprecated | superseded | source | exception
    house: str = DEFAULT_PROFILE  # for accepted forms: the profile that accepts it
    rank: int = 0  # order in which the concept id was first loaded: the matcher's tie-break


def squeeze(text: str) -> str:
    """Whitespace runs as one space, stripped."""
    return " ".join(text.split())


def where(concept: Concept) -> str:
    """A concept's location as `file:line`."""
    return f"{concept.origin}:{concept.line}"


def matches(form: Form, spelling: str) -> bool:
    """Does a form, under its own case and accent options, match this exact spelling?"""
    if fold_key(form.text) != fold_key(spelling):
        return False
    if form.match.case == "exact":
        return squeeze(form.text) == squeeze(spelling)
    if form.match.accents == "exact":
        return fold_case_only(form.text) == fold_case_only(spelling)
    return True


def _strictness(form: Form) -> int:
    return 2 if form.match.case == "exact" else 1 if form.match.accents == "exact" else 0


def overlap(first: Form, second: Form) -> bool:
    """Is there a spelling that both forms match? (The stricter form's own text, if any.)"""
    loose, strict = sorted((first, second), key=_strictness)
    return matches(loose, strict.text)


def narrowing(text: str, other: str) -> str:
    """The match option that would tell two fold-equal spellings apart ('' if identical)."""
    if squeeze(text) == squeeze(other):
        return ""
    if fold_case_only(text) == fold_case_only(other):
        return "{case: exact}"
    return "{accents: exact}"


def accepted_forms(concept: Concept) -> dict[str, str]:
    """Every accepted target spelling of a concept and the profile that first accepts it.

    Spellings accepted outside the house styles (an acronym's expansion) map to ''.
    """
    result: dict[str, str] = {}
    for name, house in concept.houses().items():
        for text in house.forms:
            result.setdefault(text, name)
    for text in concept.accepted(DEFAULT_PROFILE):
        result.setdefault(text, _NO_HOUSE)
    return result


def how_accepted(concept: Concept, text: str, house: str) -> str:
    """Why a spelling is accepted: 'preferred form 'X'', 'profile 'ap' admits 'X'', ..."""
    if house == _NO_HOUSE:
        return f"expansion {text!r}"
    forms = concept.houses()[house]
    preferred = text == forms.preferred
    if house == DEFAULT_PROFILE:
        return f"{'preferred' if preferred else 'admitted'} form {text!r}"
    return f"profile {house!r} {'prefers' if preferred else 'admits'} {text!r}"


def concept_entries(concept: Concept, rank: int) -> Iterator[Entry]:
    """The forms of a concept that the matcher compiles, with their statuses."""
    accepted = accepted_forms(concept)
    for text, house in accepted.items():
        yield Entry(concept, Form(text, ACCEPTED, concept.match), ACCEPTED, house, rank)
    for form in (*concept.deprecated, *concept.superseded):
        yield Entry(concept, form, form.status, rank=rank)
    if not concept.misleading:  # those source forms are read in the source, never leaks
        keys = {fold_key(text) for text in accepted}
        for forms in concept.source.values():
            for form in forms:
                if fold_key(form.text) not in keys:  # "NATO" in German: the matcher skips it
                    yield Entry(concept, form, SOURCE, rank=rank)
    for text in concept.exceptions:
        yield Entry(concept, Form(text, EXCEPTION, concept.match), EXCEPTION, rank=rank)


def cross_issues(glossaries: Sequence[Glossary]) -> Iterator[GlossaryIssue]:
    """Contradictions between entries of glossaries that are loaded together."""
    groups: dict[str, list[Glossary]] = defaultdict(list)
    for glossary in glossaries:
        groups[glossary.target_lang].append(glossary)
    for group in groups.values():
        concepts = [c for g in group for c in g.concepts]
        yield from _same_id_issues(concepts)
        yield from _shared_key_issues(concepts)


def _issue(concept: Concept, message: str) -> GlossaryIssue:
    return GlossaryIssue(concept.origin, concept.line, f"{concept.id}: {message}")


# --- one id in several files: one merged concept -------------------------------------------


def _same_id_issues(concepts: Sequence[Concept]) -> Iterator[GlossaryIssue]:
    """Preferred forms and profiles the merge would drop; forms one file accepts, one flags."""
    by_id: dict[str, list[Concept]] = defaultdict(list)
    for concept in concepts:
        occurrences = by_id[concept.id]
        if all(other.origin != concept.origin for other in occurrences):
            occurrences.append(concept)  # a duplicate in one file is the loader's error
    for occurrences in by_id.values():
        first = occurrences[0]
        for later in occurrences[1:]:
            yield from _merge_losses(first, later)
        for concept in occurrences:
            others = [o for o in occurrences if o is not concept]
            yield from _merged_self_corrections(concept, others)


def _show(forms: ProfileForms | None) -> str:
    if forms is None:
        return "not set"
    admitting = f" admitting {', '.join(map(repr, forms.admitted))}" if forms.admitted else ""
    return f"{forms.preferred!r}{admitting}"


def _merge_losses(first: Concept, later: Concept) -> Iterator[GlossaryIssue]:
    """What `merge_concepts` silently drops: a later file's preferred form and profiles."""
    head = f"target forms differ from {where(first)}"
    if later.preferred != first.preferred:
        yield _issue(
            later,
            f"{head}: preferred {later.preferred!r} here, {first.preferred!r} there; the "
            f"merge keeps {first.preferred!r} — use one preferred form for this id in every "
            "file, or give this entry its own id",
        )
    yield from _policy_losses(first, later)
    for name, forms in later.profiles.items():
        kept = first.profiles.get(name)
        if kept != forms:
            yield _issue(
                later,
                f"{head}: profile {name!r} is {_show(forms)} here, {_show(kept)} there; the "
                f"merge keeps the profiles of {first.origin} — list the profile the same way "
                "in both files, or only in the first",
            )


def _policy(concept: Concept) -> dict[str, str]:
    """The fields the merge takes from the first file, as they would be written in YAML."""
    match = concept.match
    return {
        "class": repr(concept.cls),
        "casing": repr(concept.casing),
        "match": f"{{case: {match.case}, accents: {match.accents}, hyphen: "
        f"{str(match.hyphen).lower()}, inflect: {str(match.inflect).lower()}}}",
    }


def _policy_losses(first: Concept, later: Concept) -> Iterator[GlossaryIssue]:
    """Class, casing and match options of a later file, silently replaced by the first's."""
    kept = _policy(first)
    for key, value in _policy(later).items():
        if value != kept[key]:
            yield _issue(
                later,
                f"{key} differs from {where(first)}: {value} here, {kept[key]} there; the "
                f"merge keeps {kept[key]}, so this file's entry behaves differently alone "
                f"than loaded with {first.origin} — use the same {key} for this id in every "
                "file",
            )


def _merged_self_corrections(
    concept: Concept, others: Sequence[Concept]
) -> Iterator[GlossaryIssue]:
    """A form this file flags that another file's entry for the same id accepts or excepts."""
    for form in (*concept.deprecated, *concept.superseded):
        for other in others:
            hit = _accepting(other, form)
            if hit is not None:
                yield _issue(
                    concept,
                    f"{form.status} form {form.text!r} is accepted by the same concept at "
                    f"{where(other)} ({hit}); merged, the entry would both accept and flag "
                    "it — drop it from one of the two files",
                )


def _accepting(concept: Concept, form: Form) -> str | None:
    """How a concept accepts a spelling the form matches, or None."""
    hit = accepted_match(concept, form)
    return how_accepted(concept, *hit) if hit else None


def accepted_match(concept: Concept, form: Form) -> tuple[str, str] | None:
    """The accepted spelling (and its profile) a form matches, its own spelling first."""
    hits = [(text, house) for text, house in accepted_forms(concept).items()
            if matches(form, text)]  # fmt: skip
    hits.sort(key=lambda hit: squeeze(hit[0]) != squeeze(form.text))
    return hits[0] if hits else None


# --- one folded key in several concepts ----------------------------------------------------


def _shared_key_issues(concepts: Sequence[Concept]) -> Iterator[GlossaryIssue]:
    """Forms of different concepts (or an exception and a form) that share a spelling."""
    ranks: dict[str, int] = {}
    by_key: dict[str, list[Entry]] = defaultdict(list)
    for concept in concepts:
        rank = ranks.setdefault(concept.id, len(ranks))
        for entry in concept_entries(concept, rank):
            key = fold_key(entry.form.text)
            if key:
                by_key[key].append(entry)
    seen: set[tuple[str, ...]] = set()
    for entries in by_key.values():
        for index, first in enumerate(entries):
            for second in entries[index + 1 :]:
                for issue in _pair_issues(first, second):
                    mark = (issue.path, issue.message)
                    if mark not in seen:
                        seen.add(mark)
                        yield issue


def _pair_issues(first: Entry, second: Entry) -> Iterator[GlossaryIssue]:
    """The problem, if any, of two entries with one folded key."""
    if first.status == EXCEPTION or second.status == EXCEPTION:
        yield from _hidden(first, second)
        return
    if first.concept.id == second.concept.id or not overlap(first.form, second.form):
        return  # one merged concept: its own lists are checked entry by entry
    statuses = {first.status, second.status}
    if statuses == {ACCEPTED}:
        if first.concept.houses() != second.concept.houses():  # twins per source language
            yield _ambiguous(*sorted((first, second), key=lambda e: e.rank))
    elif ACCEPTED in statuses:
        accepted, other = (first, second) if first.status == ACCEPTED else (second, first)
        yield _contradiction(other, accepted)
    else:
        winner, loser = sorted((first, second), key=lambda e: (_PRIORITY[e.status], e.rank))
        yield _shadowed(loser, winner)


def _label(entry: Entry, other: Entry) -> str:
    if entry.concept.id == other.concept.id:
        return f"the same concept ({where(other.concept)})"
    return f"{other.concept.id} ({where(other.concept)})"


def _hidden(first: Entry, second: Entry) -> Iterator[GlossaryIssue]:
    """An exception spelled like a form: the form is never reported (or never accepted)."""
    if first.status == second.status or not overlap(first.form, second.form):
        return
    exception, form = (first, second) if first.status == EXCEPTION else (second, first)
    fix = (
        "an accepted form already masks the shorter forms it contains, so remove the exception"
        if form.status == ACCEPTED
        else "remove the exception or the form"
    )
    yield _issue(
        form.concept,
        f"{form.status} form {form.form.text!r} is hidden by the exception "
        f"{exception.form.text!r} of {_label(form, exception)}; an exception silences every "
        f"form it matches, so this one never counts — {fix}",
    )


def _ambiguous(first: Entry, second: Entry) -> GlossaryIssue:
    """Two concepts with different target sides accept one spelling.

    Every match is attributed to the first, so consistency (TQ105) and house-style (TQ107)
    judge it by the wrong entry. Concepts whose target sides are equal (one English term
    for a Spanish and a French source word) are twins, not ambiguous.
    """
    return _issue(
        second.concept,
        f"ambiguous key: accepted form {second.form.text!r} is also accepted by "
        f"{first.concept.id} ({where(first.concept)}; "
        f"{how_accepted(first.concept, first.form.text, first.house)}); every match is "
        f"attributed to {first.concept.id} — keep the form in one concept, or merge the two "
        "entries under one id",
    )


def _contradiction(bad: Entry, accepted: Entry) -> GlossaryIssue:
    """A flagged or source form of one concept is an accepted form of another."""
    how = how_accepted(accepted.concept, accepted.form.text, accepted.house)
    owner = f"{accepted.concept.id} ({where(accepted.concept)}; {how})"
    option = narrowing(bad.form.text, accepted.form.text)
    narrow = f", or mark it {option} to flag only this spelling" if option else ""
    spelled = accepted.form.text
    if bad.status == SOURCE:
        lang = f" ({bad.form.lang})" if bad.form.lang else ""
        return _issue(
            bad.concept,
            f"source form {bad.form.text!r}{lang} is the accepted form of {owner}; "
            f"{spelled!r} is accepted as a target term, so it is never reported as a leak "
            f"— remove it from the source forms{narrow}",
        )
    return _issue(
        bad.concept,
        f"{bad.status} form {bad.form.text!r} is the accepted form of {owner}; the two "
        f"concepts contradict each other and {spelled!r} is never flagged — remove it "
        f"from one of them{narrow}",
    )


def _shadowed(loser: Entry, winner: Entry) -> GlossaryIssue:
    """Two flagged or source forms of different concepts: only the winner is reported."""
    return _issue(
        loser.concept,
        f"shadowed: {loser.status} form {loser.form.text!r} is also a {winner.status} form "
        f"of {winner.concept.id} ({where(winner.concept)}); matches are reported as "
        f"{winner.concept.id} only, so this entry never fires — keep the form in one concept",
    )
