"""Source-aware rules (TQ5xx): what only a checker holding the source can see.

They run on segments: units of translation files (XLIFF, PO, TMX, CSV) and paragraphs of
a text translation paired with its original (`--source`). A segment the aligner could
not pair with confidence is reported once (TQ508) and skipped by the other rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqcheck.document import mask_non_prose
from tqcheck.glossary.matcher import CompiledGlossary
from tqcheck.glossary.model import Concept
from tqcheck.glossary.terms import FormScanner, TermChecker, TermRequirement
from tqcheck.model import Hit, Severity
from tqcheck.rules.base import RuleContext, Unit, rule

# Classes whose terms are required renderings; calques, false friends and style entries
# describe wrong renderings, not terms a source obliges the target to contain.
_REQUIRED_CLASSES = frozenset({"acronym", "organisation", "place", "person", "title", "other"})
_WORD = re.compile(r"[^\W\d_]{2,}")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_MIN_UNTRANSLATED_WORDS = 3  # "Google Maps", "OK", "Total": the same in both languages


def _checkable(unit: Unit) -> bool:
    segment = unit.segment
    return bool(segment and segment.aligned and segment.has_target and unit.text.strip())


def _trimmed(unit: Unit) -> tuple[int, int]:
    """The target span without surrounding whitespace (relative to the unit)."""
    text = unit.text
    start = len(text) - len(text.lstrip())
    return start, max(start, len(text.rstrip()))


def term_checker(context: RuleContext) -> TermChecker | None:
    """Source terms of the run's glossary with their renderings, built once per run."""
    glossary = context.glossary
    if glossary is None:
        return None
    langs = context.source_langs
    key = f"term_checker:{','.join(langs)}:{context.profile}:{context.target_lang}"
    memo = context.run_memo()
    if key not in memo:
        requirements = [_requirement(c, glossary, langs) for c in glossary.concepts
                        if c.cls in _REQUIRED_CLASSES]  # fmt: skip
        memo[key] = TermChecker([r for r in requirements if r.source_forms],
                                langs[0] if len(langs) == 1 else None,
                                context.target_lang)  # fmt: skip
    return memo[key]  # type: ignore[return-value]


def _requirement(concept: Concept, glossary: CompiledGlossary, langs: tuple[str, ...]):
    sources = tuple(f.text for lang, forms in sorted(concept.source.items())
                    if not langs or lang in langs for f in forms)  # fmt: skip
    accepted = concept.accepted(glossary.profile)
    others = tuple(f.text for f in (*concept.deprecated, *concept.superseded))
    houses = tuple(t for house in concept.houses().values() for t in house.forms)
    # Case-exact forms ("OIT", not the numeral "oito"; "WHO", not the pronoun "who").
    exact = {f.text for forms in concept.source.values() for f in forms
             if f.match.case == "exact"}  # fmt: skip
    if concept.match.case == "exact":
        exact.update((*houses, *others))
    return TermRequirement(concept.id, sources, accepted, (*houses, *others, *sources),
                           frozenset(exact))  # fmt: skip


@rule(
    "TQ501",
    Severity.WARNING,
    "segment",
    needs=["glossary"],
    examples_kind="tsv",
    bad=[
        ("La OTAN se reunió en Vilna.\tThe alliance met in Vilnius.",
         "The alliance met in Vilnius."),
        "La OTAN y la OTAN.\tNATO and the alliance.",
        "Moscú respondió.\tThe Kremlin answered.",
    ],
    good=[
        "La OTAN se reunió en Vilna.\tNATO met in Vilnius.",
        "La OTAN se reunió.\tNato met.",
        "Moscú respondió.\tMoscow's answer came.",
        "El Otán se reunió.\tThe Otán met.",  # reported as a source leak, not also missing
        "Convención sobre Municiones en Racimo\tthe Ammunition Convention in Bunch",
        "La reunión terminó.\tThe meeting ended.",
    ],
)  # fmt: skip
def term_missing(unit: Unit, context: RuleContext) -> Iterator[Hit]:
    """A glossary term in the source with no accepted rendering in the target.

    Occurrences are counted (two in the source need two in the target), but a term rendered
    fewer times than in the source is reported at info only (a pronoun may stand for a second
    mention); plural and possessive endings are tolerated. A wrong rendering (deprecated,
    miscased, a source form left in) counts as rendered: its own rule reports it precisely.
    """
    checker = term_checker(context) if _checkable(unit) else None
    if checker is None:
        return
    assert unit.segment is not None
    gaps = checker.gaps(unit.segment.source, unit.text)
    if not gaps:
        return
    parts, suggestions = [], []
    for gap in gaps:
        preferred = gap.requirement.accepted[0]
        suggestions.append(preferred)
        if gap.in_target:
            parts.append(f'"{gap.source_text}" occurs {gap.in_source} times in the source but '
                         f'is rendered {gap.in_target} time(s): use "{preferred}"')  # fmt: skip
        else:
            parts.append(f'Translate the source term "{gap.source_text}" as "{preferred}"')
    start, end = _trimmed(unit)
    evidence = {"terms": [str(g.requirement.key) for g in gaps]}
    # Rendered fewer times than the source has it: often a pronoun for a second mention,
    # so only info; a term with no rendering at all keeps the rule's severity.
    partial = Severity.INFO if all(g.in_target for g in gaps) else None
    yield Hit(start, end, "; ".join(parts), ", ".join(suggestions), evidence, partial)


@rule(
    "TQ502",
    Severity.WARNING,
    "segment",
    examples_kind="tsv",
    bad=[
        ("Los aliados firmaron la convención.\tLos aliados firmaron la convención.",
         "Los aliados firmaron la convención."),
        'La reunión terminó tarde.\t""',
    ],
    good=[
        "Google Maps\tGoogle Maps",
        "OK\tOK",
        "La reunión terminó tarde.\tThe meeting ended late.",
        "https://example.org/a/b/c\thttps://example.org/a/b/c",
        "%s of %d items\t%s of %d items",
    ],
)  # fmt: skip
def untranslated_target(unit: Unit, context: RuleContext) -> Iterator[Hit]:
    """A unit with an empty target while its source has text, or a target equal to its source.

    Identical source and target are normal for names, codes and one- or two-word labels,
    so an identical target is reported only from three words of running text on.
    """
    segment = unit.segment
    if segment is None or not segment.aligned or not _WORD.search(segment.source):
        return
    if not segment.target.strip():
        where = "has no target" if not segment.has_target else "has an empty target"
        yield Hit(0, 0, f"The unit {where}: translate it", None, {"state": segment.state})
        return
    if " ".join(segment.source.split()) != " ".join(segment.target.split()):
        return
    if _running_words(segment.source) < _MIN_UNTRANSLATED_WORDS:
        return
    start, end = _trimmed(unit)
    yield Hit(start, end, "The target repeats the source: translate it")


def _running_words(text: str) -> int:
    """Lower-case words outside brackets: running text, not names, codes or citations
    ("Chile (n = 30); El Salvador", "(Arq Bras Cardiol. 2020; 115(3):538-544).")."""
    prose = _BRACKETED.sub(" ", mask_non_prose(text))
    return sum(1 for word in _WORD.findall(prose) if word[0].islower())


def _false_friend_scanners(context: RuleContext) -> tuple[FormScanner, FormScanner, dict]:
    """Source forms of concepts with misleading renderings, and the misleading forms."""
    memo = context.run_memo()
    key = f"misleading:{','.join(context.source_langs)}"
    if key not in memo:
        concepts = {c.id: c for c in (context.glossary.concepts if context.glossary else ())
                    if c.misleading}  # fmt: skip
        langs = context.source_langs
        source = FormScanner(((f.text, cid) for cid, c in concepts.items()
                              for lang, forms in c.source.items()
                              if not langs or lang in langs for f in forms), None)  # fmt: skip
        target = FormScanner(((f.text, cid) for cid, c in concepts.items()
                              for f in c.misleading), "en")  # fmt: skip
        memo[key] = (source, target, concepts)
    return memo[key]  # type: ignore[return-value]


@rule(
    "TQ505",
    Severity.WARNING,
    "segment",
    needs=["glossary"],
    examples_kind="tsv",
    bad=[
        ("Actualmente hay 20 heridos.\tActually there are 20 injured.", "Actually"),
        ("Firmaron la Convención sobre Municiones en Racimo.\tThey signed the convention on "
         "bunch munitions.", "bunch"),
        ("Il a éventuellement accepté.\tHe eventually accepted.", "eventually"),
    ],
    good=[
        "Actualmente hay 20 heridos.\tThere are currently 20 injured.",
        "Fue realmente difícil.\tIt was actually difficult.",
        "Un racimo de uvas.\tA bunch of grapes.",  # "racimo" is bunch here: no trigger form
        "Finalmente aceptó.\tHe eventually accepted.",
    ],
)  # fmt: skip
def source_false_friend(unit: Unit, context: RuleContext) -> Iterator[Hit]:
    """A false friend or calque of a word the source holds ("actualmente" → "actually").

    The English word is fine on its own; it is wrong as the rendering of that source
    word, so the rule fires only when the source holds the trigger: most false alarms of
    target-only false-friend lists disappear.
    """
    if not _checkable(unit):
        return
    assert unit.segment is not None
    source_scan, target_scan, concepts = _false_friend_scanners(context)
    triggered: dict[str, str] = {}
    for start, end, ids in source_scan.find(unit.segment.source):
        for cid in ids:
            triggered.setdefault(str(cid), unit.segment.source[start:end])
    if not triggered:
        return
    for start, end, ids in target_scan.find(unit.text):
        for cid in ids:
            if cid in triggered:
                concept = concepts[cid]
                seen = unit.text[start:end]
                yield Hit(start, end, f'"{seen}" mistranslates the source "{triggered[cid]}": '
                                      f'use "{concept.preferred_for(context.profile)}"',
                          concept.preferred_for(context.profile),
                          {"concept": cid, "source": triggered[cid]})  # fmt: skip
                break


@rule(
    "TQ508",
    Severity.WARNING,
    "segment",
    examples_kind="pair",
    bad=[
        (
            "La reunión terminó tarde.\n\nLos ministros no llegaron a un acuerdo.\n\nFin.\n⇄\n"
            "The meeting ended late and the ministers did not reach an agreement, said the "
            "spokesman, who spoke at length about the failed talks.\n\nEnd.",
            "The meeting ended late and the ministers did not reach an agreement, said the "
            "spokesman, who spoke at length about the failed talks.",
        ),
    ],
    good=[
        "La reunión terminó tarde.\n\nFin.\n⇄\nThe meeting ended late.\n\nEnd.",
        "La reunión terminó tarde.\n\nLos ministros no llegaron a un acuerdo.\n⇄\n"
        "The meeting ended late.\n\nThe ministers did not reach an agreement.",
    ],
)
def misaligned_source(unit: Unit, context: RuleContext) -> Iterator[Hit]:
    """A paragraph of a `--source` pair whose original could not be paired with confidence.

    Paragraphs are paired by order and checked by length; a paragraph whose counterpart
    is missing or much longer or shorter is reported here and left out of the other
    source-aware checks, rather than checked against the wrong original.
    """
    segment = unit.segment
    if segment is None or segment.aligned:
        return
    start, end = _trimmed(unit)
    if not segment.source:
        message = "No paragraph of the source matches this one: check that nothing was added"
    elif segment.state == "meaning":
        message = (
            "This paragraph does not mean what its source paragraph says (cross-lingual "
            "similarity): check for a paragraph moved, missing or mistranslated"
        )
    else:
        message = ("This paragraph does not fit its source paragraph by length: check the "
                   "pairing (a paragraph split, merged or missing)")  # fmt: skip
    yield Hit(start, end, message, None, {"source": segment.source[:200]})


RULES = (term_missing, untranslated_target, source_false_friend, misaligned_source)
