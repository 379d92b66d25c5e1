"""Source-aware transfer rules (TQ503, TQ504): what a translation must carry over intact.

Numbers are compared by value under each side's language ("1.000,5" = "1,000.5",
"3.000 millones" = "3 billion"; see `tqcheck.number_match`); placeholders, inline codes,
URLs, e-mail addresses and literal tags by key, as multisets (`tqcheck.placeholders`).
Both rules favour silence: an ambiguous number matches under any reading, number words
may stand in for digits, and a pair that looks unrelated is not compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from tqcheck.model import Hit, Severity
from tqcheck.number_match import NumberIssue, compare_numbers, plain
from tqcheck.numbers import NumberMention
from tqcheck.placeholders import diff_placeholders
from tqcheck.rules.base import RuleContext, Unit, rule
from tqcheck.rules.glossary_rules import LANGUAGE_NAMES

# Languages whose scale words and number words tqcheck.numbers knows: elsewhere "3 млн" or
# "3万" would look like a lost "3 million", so TQ503 stays out.
NUMBER_LANGS = frozenset({"en", "es", "fr", "pt", "de", "it"})
_KIND_NAMES = {"url": "URL", "email": "e-mail address", "tag": "tag", "code": "inline code"}


def checkable(unit: Unit) -> bool:
    """A segment worth comparing: translated, aligned, and not a copy of its source."""
    segment = unit.segment
    if segment is None or not segment.has_target or segment.aligned is False:
        return False
    target = segment.target.strip()
    return bool(target) and target != segment.source.strip()


def source_lang(ctx: RuleContext) -> str | None:
    """The run's source language (configured, declared or guessed); None reads every way."""
    return ctx.source_langs[0] if ctx.source_langs else None


def _reads_numbers(source: str | None, target: str) -> bool:
    """Whether both languages write numbers as `tqcheck.numbers` reads them (NUMBER_LANGS)."""
    return all(lang is None or lang in NUMBER_LANGS for lang in (source, target))


def _enumerate(items: Sequence[str], most: int = 5) -> str:
    """'"1", "2" and "3"'; a long list ends with "and N more"."""
    if len(items) > most:
        return f"{', '.join(items[:most])} and {len(items) - most} more"
    return " and ".join(filter(None, (", ".join(items[:-1]), items[-1])))


def _whole(text: str) -> tuple[int, int]:
    return len(text) - len(text.lstrip()), len(text.rstrip())


def _shown(mention: NumberMention) -> str:
    """ "1.000,5" (1000.5): the text, and its value when the text does not say it plainly."""
    values = " or ".join(plain(v) for v in mention.readings)
    bare = mention.text.replace("%", "").strip()
    return f'"{mention.text}"' if bare == values else f'"{mention.text}" ({values})'


_HAS_DIGIT = re.compile(r"\d")


def number_hits(source: str, target: str, source_lang: str | None, target_lang: str) -> list[Hit]:
    """TQ503's hits for one source/target pair, with offsets into `target`."""
    return [_number_hit(issue, target, target_lang)
            for issue in compare_numbers(source, target, source_lang, target_lang)]  # fmt: skip


def _number_hit(issue: NumberIssue, target: str, target_lang: str) -> Hit:
    if issue.target is None:  # missing: nowhere better to point than the whole segment
        shown = _enumerate([_shown(m) for m in issue.source])
        what, verb = ("number", "is") if len(issue.source) == 1 else ("numbers", "are")
        return Hit(*_whole(target), f"The source {what} {shown} {verb} missing from the "
                   "translation", evidence={"kind": "missing",
                                            "missing": [m.text for m in issue.source]})  # fmt: skip
    here, source = issue.target, issue.source[0]
    if issue.kind == "format":
        language = LANGUAGE_NAMES.get(target_lang, target_lang)
        return Hit(here.start, here.end,
                   f'"{here.text}" is written with the source\'s separators: write '
                   f'"{issue.fixed}" in {language}', suggestion=issue.fixed,
                   evidence={"kind": "format", "value": plain(here.value)})  # fmt: skip
    return Hit(here.start, here.end,
               f'"{here.text}" here but the source has {_shown(source)}: check the number',
               evidence={"kind": "changed", "source": source.text,
                         "value": plain(source.value)})  # fmt: skip


def _named(kind: str, texts: Sequence[str]) -> str:
    """'placeholder "%s"', 'tags "<b>" and "</b>"': what is named, in one phrase."""
    noun = _KIND_NAMES.get(kind, "placeholder")
    quoted = _enumerate([f'"{t}"' for t in texts])
    return f"{noun}{'s' if len(texts) > 1 else ''} {quoted}"


def _listing(items: Sequence[tuple[str, str]]) -> str:
    kinds = list(dict.fromkeys(kind for kind, _ in items))
    return " and ".join(_named(k, [t for kind, t in items if kind == k]) for k in kinds)


def placeholder_hits(
    source: str, target: str, source_codes: Sequence[str] = (), target_codes: Sequence[str] = ()
) -> list[Hit]:
    """TQ504's hits for one pair: placeholders and inline codes lost, added or altered."""
    diff = diff_placeholders(source, target, source_codes, target_codes)
    hits = []
    for holder, was in diff.changed:
        text = target[holder.start : holder.end]
        hits.append(Hit(holder.start, holder.end, f"The {_named(holder.kind, [text])} differs "
                        f'from the source\'s "{was}": copy it exactly', suggestion=was,
                        evidence={"kind": "changed"}))  # fmt: skip
    for holder in diff.extra:
        text = target[holder.start : holder.end]
        hits.append(Hit(holder.start, holder.end, f"The {_named(holder.kind, [text])} is not "
                        "in the source: remove it or check the source",
                        evidence={"kind": "extra"}))  # fmt: skip
    parts = []
    if diff.lost:
        verb = "is" if len(diff.lost) == 1 else "are"
        parts.append(f"The {_listing(diff.lost)} in the source {verb} missing from the "
                     "translation")  # fmt: skip
    if diff.added_codes:
        verb = "is" if len(diff.added_codes) == 1 else "are"
        parts.append(f"The {_named('code', diff.added_codes)} in the translation {verb} not "
                     "in the source")  # fmt: skip
    if parts:  # no place in the target to point at: the whole segment
        hits.append(Hit(*_whole(target), "; ".join(parts), evidence={
            "kind": "missing", "missing": [t for _, t in diff.lost],
            "extra": list(diff.added_codes)}))  # fmt: skip
    return sorted(hits, key=lambda h: (h.start, h.end))


@rule(
    "TQ503",
    Severity.WARNING,
    "segment",
    bad=[
        ("Se vacunaron 1.000,5 dosis.\tThey gave 1.000,5 doses.", "1.000,5"),
        ("El 2,5 % de los pacientes mejoró.\t2,5% of patients improved.", "2,5"),
        ("La deuda es de 3 billones de euros.\tThe debt is 3 billion euros.", "3 billion"),
        ("Murieron 15 personas.\t50 people died.", "50"),
        (
            "Participaron 120 pacientes en 2019.\tPatients took part in 2019.",
            "Patients took part in 2019.",
        ),
    ],
    good=[
        "Se vacunaron 1.000,5 dosis.\tThey gave 1,000.5 doses.",
        "Costó 3.000 millones de euros.\tIt cost 3 billion euros.",
        "Se necesitan mil millones de dosis.\tA billion doses are needed.",
        "El 2,5 % de los pacientes mejoró.\t2.5% of patients improved.",
        "Llegaron 1.500 pacientes.\tSome 1,500 patients arrived.",
        "Llegaron 1.500 pacientes.\tSome 1.5 thousand patients arrived.",
        "El 3 de julio a las 10.30 horas.\tOn July 3 at 10:30.",
        "Dos pacientes de 5 recibieron 1,5 mg.\tTwo of five patients received 1.5 mg.",
        "En el siglo XXI, fase 3 de COVID-19.\tIn the 21st century, phase III of COVID-19.",
        "Le taux est de 50 pour cent.\tThe rate is 50 percent.",
    ],
    examples_kind="tsv",
)
def number_mismatch(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """A number of the source is missing from the translation, changed, or badly formatted.

    Numbers are compared by value, read with each side's separators and scale words
    ("1.000,5" = "1,000.5", "3.000 millones" = "3 billion", "billón" = "trillion"). With
    no source language every reading is accepted. Number words, months and Roman numerals
    may stand in for digits. A number written with the source's separators ("2,5%" in
    English) gets the target's form as a suggestion. Pairs sharing no number and almost
    no names or cognates are taken for misaligned and left alone.
    """
    source = source_lang(ctx)
    if not checkable(unit) or unit.segment is None or not _reads_numbers(source, ctx.target_lang):
        return
    if not _HAS_DIGIT.search(unit.segment.source):
        return  # every finding needs a source number in digits: words are never required
    yield from number_hits(unit.segment.source, unit.segment.target, source, ctx.target_lang)


@rule(
    "TQ504",
    Severity.ERROR,
    "segment",
    bad=[
        (
            "Hola %s, tienes %d mensajes.\tHello %s, you have messages.",
            "Hello %s, you have messages.",
        ),
        ("Pulse {0} para continuar.\tPress {1} to continue.", "{1}"),
        ("Escriba a info@example.com hoy.\tWrite to info@example.org today.", "info@example.org"),
        ("Véase <b>aquí</b>.\tSee <b>here.", "See <b>here."),
        ("Guardar cambios\tSave %s changes", "%s"),
    ],
    good=[
        "Hola %s, tienes %d mensajes.\tHello %s, you have %d messages.",
        "%1$s y %2$s\t%2$s and %1$s",
        "{count, plural, one {# archivo} other {# archivos}}\t"
        "{count, plural, one {# file} other {# files}}",
        "El 50 % de los casos cuesta $5.\t50% of cases cost $5.",
        "Visite https://example.com/es/ayuda hoy.\tVisit https://example.com/en/ayuda today.",
        "Línea uno<br/>línea dos\tLine one<br>line two",
        "Hola {{ name }}\tHello {{name}}",
    ],
    examples_kind="tsv",
)
def placeholder_mismatch(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """A placeholder, inline code, URL, e-mail address or tag is lost or added in translation.

    printf (`%s`, `%1$s`), brace (`{0}`, `{{name}}`, an ICU message's variable), `${name}`,
    URLs, e-mail addresses and tags written as text, and the inline codes of XLIFF and TMX
    files are compared as multisets. A URL may differ only in its language part
    ("/es/" for "/en/"); a changed link or address is reported where it stands.
    """
    segment = unit.segment
    if not checkable(unit) or segment is None:
        return
    yield from placeholder_hits(segment.source, segment.target, segment.source_codes,
                                    segment.target_codes)  # fmt: skip


RULES = (number_mismatch, placeholder_mismatch)
