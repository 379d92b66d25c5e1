"""Glossary rule kinds (TQ1xx): the glossary data decides which kind applies to a match.

No per-term Python: each rule selects one classification of the document's glossary
matches (see tqcheck.glossary.matcher.classify) and words the message.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from tqcheck.glossary.loader import display_name
from tqcheck.glossary.matcher import Classified, classify
from tqcheck.model import Hit, Severity
from tqcheck.rules.base import RuleContext, Unit, rule

LANGUAGE_NAMES = {"es": "Spanish", "fr": "French", "pt": "Portuguese", "de": "German",
                  "it": "Italian", "en": "English", "ca": "Catalan", "nl": "Dutch"}  # fmt: skip
PROFILE_NAMES = {"ap": "AP", "reuters": "Reuters", "guardian": "Guardian", "default": "Default"}


def classified_matches(ctx: RuleContext) -> list[Classified]:
    """The document's glossary matches, classified under the run's profile, computed once."""
    if "classified" not in ctx.shared:
        text = ctx.document.prose
        concepts = ctx.glossary.concepts if ctx.glossary else ()
        results = []
        for match in ctx.term_matches():
            result = classify(match, concepts, ctx.profile, _line_is_caps(text, match.start))
            if result is not None:
                results.append(result)
        ctx.shared["classified"] = results
    return ctx.shared["classified"]


def _line_is_caps(text: str, offset: int) -> bool:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start : end if end >= 0 else len(text)]
    return not any(c.islower() for c in line)


def _quote(text: str) -> str:
    return " ".join(text.split())


def _evidence(item: Classified, **extra: object) -> dict[str, object]:
    concept = item.concept
    evidence: dict[str, object] = {
        "concept": concept.id,
        "class": concept.cls,
        "form_status": item.form.status,
        "glossary": display_name(concept.origin),
        "provenance": concept.provenance,
    }
    if item.form.lang:
        evidence["source_lang"] = item.form.lang
    if item.form.note or concept.note:
        evidence["note"] = item.form.note or concept.note
    evidence.update(extra)
    return evidence


def _hit(item: Classified, message: str, suggestion: str, **extra: object) -> Hit:
    return Hit(
        item.match.start,
        item.match.end,
        message,
        suggestion=suggestion,
        evidence=_evidence(item, **extra),
        severity=item.concept.severity,
    )


@rule(
    "TQ101",
    Severity.ERROR,
    "document",
    needs={"glossary"},
    bad=[
        ("Russia's attacks on Kiev continued.", "Kiev"),
        ("Moscow has abstained in the course of its war campaign in the Ukraine.", "the Ukraine"),
        (
            "Some allies have signed the Ammunition Convention in\n\nBunch; others, no.",
            "Ammunition Convention in\n\nBunch",
        ),
        ("INTERNATIONAL WRITING", "INTERNATIONAL WRITING"),
    ],
    good=[
        "Russia's attacks on Kyiv continued.",
        "He ordered chicken Kiev at a restaurant in Kyiv.",
        "Ukraine has not joined the Convention on Cluster Munitions.",
    ],
)
def deprecated_term(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """A rendering the glossary marks deprecated or superseded: use the preferred term.

    Covers calques of official names ("Ammunition Convention in Bunch"), retired
    spellings ("Kiev"), politically marked forms ("the Ukraine") and byline calques.
    """
    for item in classified_matches(ctx):
        if item.kind in ("deprecated", "superseded") and item.concept.cls != "false_friend":
            preferred = item.concept.preferred_for(ctx.profile)
            why = "superseded form" if item.kind == "superseded" else _kind_label(item)
            message = f'Use "{preferred}" instead of "{_quote(item.match.surface)}": {why}'
            yield _hit(item, message, preferred)


def _kind_label(item: Classified) -> str:
    return {
        "calque": "calque",
        "person": "transliteration variant",
        "place": "deprecated place name",
        "boilerplate": "newsroom boilerplate calque",
    }.get(item.concept.cls, "deprecated term")


@rule(
    "TQ102",
    Severity.WARNING,
    "document",
    needs={"glossary"},
    bad=[
        ("The supply of cluster bombs to kyiv will prolong the conflict.", "kyiv"),
        ("Stoltenberg referred to kyiv’s aspirations.", "kyiv"),
    ],
    good=[
        "The supply of cluster bombs to Kyiv will prolong the conflict.",
        "KYIV SAYS TALKS WILL RESUME",
        "NATO leaders meet in Lithuania.",
    ],
)
def term_case(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """A glossary term written with the wrong capitalisation or accents ("kyiv")."""
    for item in classified_matches(ctx):
        if item.kind == "case":
            form = item.form.text
            message = f'Use "{form}" instead of "{_quote(item.match.surface)}"'
            yield _hit(item, message, form)


@rule(
    "TQ103",
    Severity.WARNING,
    "document",
    needs={"glossary"},
    bad=[("The mandatary said the effectives were ready.", "mandatary")],
    good=["The president said the troops were ready."],
)
def false_friend(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """A false friend of a source-language word ("mandatary" for *mandatario*)."""
    for item in classified_matches(ctx):
        if item.kind in ("deprecated", "superseded") and item.concept.cls == "false_friend":
            preferred = item.concept.preferred_for(ctx.profile)
            surface = _quote(item.match.surface)
            message = f'"{surface}" is likely a false friend; use "{preferred}" if that is meant'
            yield _hit(item, message, preferred)


@rule(
    "TQ104",
    Severity.ERROR,
    "document",
    needs={"glossary"},
    bad=[
        ("The creation of the Otán-Ukraine Council was agreed.", "Otán"),
        ("The OTAN summit begins in Vilnius.", "OTAN"),
        ("The minister flew to Moscú on Monday.", "Moscú"),
    ],
    good=[
        "The creation of the NATO-Ukraine Council was agreed.",
        "The Membership Action Plan (MAP) requirement was removed.",
    ],
)
def source_term_leak(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """A source-language term left in the translation ("Otán", "Moscú", "EE. UU.")."""
    for item in classified_matches(ctx):
        if item.kind == "source":
            preferred = item.concept.preferred_for(ctx.profile)
            lang = LANGUAGE_NAMES.get(item.form.lang or "", item.form.lang or "source")
            surface = _quote(item.match.surface)
            message = f'Use "{preferred}" instead of the {lang} form "{surface}"'
            yield _hit(item, message, preferred)


@rule(
    "TQ105",
    Severity.INFO,
    "document",
    needs={"glossary"},
    bad=[
        ("Nato will invite Ukraine. NATO leaders met. NATO said so.", "Nato"),
        ("Zelenskyy spoke. Zelensky said. Volodymyr Zelensky left.", "Zelenskyy"),
    ],
    good=[
        "NATO will invite Ukraine. NATO leaders met.",
        "Volodymyr Zelensky spoke. Zelensky said.",
    ],
)
def term_inconsistency(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """One concept written in two house styles in one document ("Nato" and "NATO").

    Info by default: each form is acceptable on its own (research/domain.md T5: minor
    unless a form is deprecated, which TQ101 reports). The fix is to pick one house.
    """
    uses: dict[str, list[Classified]] = defaultdict(list)
    for item in classified_matches(ctx):
        # The spelled-out name ("United States" beside "US") belongs to every house.
        if item.kind == "accepted" and item.form.text not in item.concept.expansions:
            uses[item.concept.id].append(item)
    for items in uses.values():
        yield from _inconsistent_uses(items)


def _inconsistent_uses(items: list[Classified]) -> Iterator[Hit]:
    concept = items[0].concept
    counts = Counter(item.form.text for item in items)
    houses = concept.houses()
    if len(counts) < 2 or any(set(counts) <= set(h.forms) for h in houses.values()):
        return
    # Keep the house that covers most occurrences; report the others against it.
    best = max(houses.values(), key=lambda h: sum(counts[f] for f in h.forms))
    majority = sum(counts[f] for f in best.forms)
    for item in items:
        if item.form.text in best.forms:
            continue
        suggestion = _counterpart(item.form.text, houses, best.forms)
        times = "once" if majority == 1 else f"{majority} times"
        message = (
            f'Use "{suggestion}" consistently: "{_quote(item.match.surface)}" here, '
            f'"{best.preferred}" {times} elsewhere in the document'
        )
        yield _hit(item, message, suggestion, majority_form=best.preferred, majority=majority)


def _counterpart(form: str, houses: dict, target: tuple[str, ...]) -> str:
    """The form in the target house that plays the same role (full name, surname...)."""
    for house in houses.values():
        if form in house.forms:
            index = house.forms.index(form)
            return target[index] if index < len(target) else target[0]
    return target[0]


@rule(
    "TQ107",
    Severity.WARNING,
    "document",
    needs={"glossary"},
    examples_profile="ap",
    bad=[("Zelensky said Ukraine would fight on.", "Zelensky")],
    good=["Zelenskyy said Ukraine would fight on.", "NATO leaders met in Vilnius."],
)
def house_style(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """Under a house-style profile, a form that another house prefers (AP: "Zelenskyy")."""
    name = PROFILE_NAMES.get(ctx.profile, ctx.profile)
    for item in classified_matches(ctx):
        if item.kind == "house":
            houses = item.concept.houses()
            wanted = _counterpart(item.form.text, houses, item.concept.house(ctx.profile).forms)
            message = f'{name} style uses "{wanted}", not "{_quote(item.match.surface)}"'
            yield _hit(item, message, wanted, profile=ctx.profile)


RULES = (deprecated_term, term_case, false_friend, source_term_leak, term_inconsistency,
         house_style)  # fmt: skip
