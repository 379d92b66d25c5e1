"""Pairing the numbers of a source with those of its translation (TQ503's core, pure).

Numbers pair when they share a value under each side's language. What is left goes
through looser stages, each a way translators legitimately rewrite a number: the same
digits split differently ("10.30" = "10:30"), a number the source broke with a stray
space, one scale word serving two numbers ("de 99,4 à 88,5 milliards"), number words and
months ("two", "July"). A target number that only matches when read with the source's
separators is misformatted. Only then is a source number changed (the target has a spare
number) or missing. Pairs that share no number and look unrelated stay silent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from babel.numbers import format_decimal

from tqcheck.numbers import NumberMention, decimal_marks, extract_numbers, read_token
from tqcheck.placeholders import extract_placeholders

RELATED_MIN = 0.12  # share of word stems in common; see bench/transfer_quality.py
_MIN_STEMS = 5  # fewer stems than this: too short to judge, counted as related
_CODED = re.compile(r"\b(?=\w*[^\W\d_])\w*\d\w*|\b[A-Z]{2,}\w*")  # "COVID19", "CRP"
_OPENING = re.compile(r"[\[(]$")  # "[1,2]" cites references 1 and 2, not 1.2
_DIGIT_RUN = re.compile(r"[.,]?\d(?:[\d.,'’ \u00a0\u202f\u2009]*\d)?")


@dataclass(frozen=True, slots=True)
class NumberIssue:
    """One difference: "format" and "changed" sit on a target number, "missing" on none.

    `source` holds the source number(s) concerned; `fixed` the number written the target
    language's way, for "format".
    """

    kind: str
    target: NumberMention | None
    source: tuple[NumberMention, ...] = ()
    fixed: str | None = None


@dataclass
class _Pairing:
    """Source and target mentions still unpaired, and the issues found so far."""

    source: list[NumberMention]
    target: list[NumberMention]
    target_text: str
    target_lang: str
    issues: list[NumberIssue] = field(default_factory=list)


def compare_numbers(
    source: str, target: str, source_lang: str | None, target_lang: str
) -> list[NumberIssue]:
    """How the numbers of `target` differ from those of `source`, in target order."""
    source_text, target_text = mask_placeholders(source), mask_placeholders(target)
    src = extract_numbers(source_text, source_lang, lenient=True)
    tgt = extract_numbers(target_text, target_lang)
    hard = [m for m in src if not m.soft]
    if not hard:
        return []  # a number only the target has is reworded more often than invented
    state = _Pairing(hard, [m for m in tgt if not m.soft], target_text, target_lang)
    _take_values(state)
    _take_parts(state)
    _take_joined(state, source_text)
    _take_foreign(state, source_lang)
    _take_elided(state, src, tgt)
    _take_soft(state, [m for m in src if m.soft], [m for m in tgt if m.soft])
    if len(state.source) == len(hard) and not related(source, target):
        return state.issues  # no number in common and little else: probably not a translation
    issues = [*state.issues, *_leftovers(state)]
    return sorted(issues, key=lambda i: i.target.start if i.target else len(target))


def mask_placeholders(text: str) -> str:
    """`text` with placeholders, URLs, addresses and tags blanked: their digits are no numbers."""
    for holder in extract_placeholders(text):
        text = text[: holder.start] + " " * (holder.end - holder.start) + text[holder.end :]
    return text


def _shares(a: Sequence[Decimal], b: Sequence[Decimal]) -> bool:
    return any(x == y for x in a for y in b)


def _max_matching(source: list[NumberMention], target: list[NumberMention]) -> dict[int, int]:
    """Target index → source index of a maximum matching on shared readings (Kuhn)."""
    edges = [[j for j, t in enumerate(target) if _shares(s.readings, t.readings)] for s in source]
    owner: dict[int, int] = {}

    def assign(i: int, seen: set[int]) -> bool:
        """Give source i a target, moving earlier owners along (an augmenting path)."""
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or assign(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(source)):
        assign(i, set())
    return owner


def _take_values(state: _Pairing) -> None:
    """Pair numbers that share a value; a pair written the source's way is misformatted."""
    owner = _max_matching(state.source, state.target)
    for j, i in sorted(owner.items()):
        mention = state.target[j]
        if mention.misformatted and not _is_list(state.target_text, mention):
            state.issues.append(_misformatted(state, mention, state.source[i]))
    state.source = [s for i, s in enumerate(state.source) if i not in owner.values()]
    state.target = [t for j, t in enumerate(state.target) if j not in owner]


def _take_parts(state: _Pairing) -> None:
    """ "10.30" against "10:30" or "10 h 30", "[1,2]" against "1 and 2": the same digits."""
    for whole, pieces in ((state.source, state.target), (state.target, state.source)):
        for mention in [m for m in whole if m.parts]:
            used: list[NumberMention] = []
            for part in mention.parts:
                used.extend([p for p in pieces if p not in used and part in p.readings][:1])
            if len(used) == len(mention.parts):
                whole.remove(mention)
                for piece in used:
                    pieces.remove(piece)


def _digits(mention: NumberMention) -> str:
    return re.sub(r"\D", "", mention.text)


def _take_joined(state: _Pairing, source_text: str) -> None:
    """ "2. 324.069" against "2,324,069": a number the source broke with a stray space."""
    for first, second in zip(list(state.source), list(state.source)[1:], strict=False):
        if not re.fullmatch(r"[.,]?\s", source_text[first.end : second.start]):
            continue
        joined = _digits(first) + _digits(second)
        target = next((t for t in state.target if _digits(t) == joined), None)
        if target is not None and first in state.source and second in state.source:
            state.source.remove(first)
            state.source.remove(second)
            state.target.remove(target)


def _take_foreign(state: _Pairing, source_lang: str | None) -> None:
    """A target number that only matches when read the source's way: "1.500 patients"."""
    if set(decimal_marks(source_lang)) <= set(decimal_marks(state.target_lang)):
        return  # the same separators: another reading finds nothing new
    foreign = {m.start: m for m in extract_numbers(state.target_text, source_lang)}
    for mention in list(state.target):
        other = foreign.get(mention.start)
        if other is None or re.search(r"[^\W\d_]", mention.text):
            continue  # scale words differ by language ("billion"): that is no format slip
        source = next((s for s in state.source if _shares(s.readings, other.readings)), None)
        if source is not None and not _is_list(state.target_text, mention):
            state.issues.append(_misformatted(state, mention, source))
            state.source.remove(source)
            state.target.remove(mention)


def _take_elided(state: _Pairing, src: list[NumberMention], tgt: list[NumberMention]) -> None:
    """ "de 99,4 à 88,5 milliards" = "from 99.4 billion to 88.5 billion": one scale word
    serving two numbers on one side, repeated on the other."""
    scaled = (any(m.base for m in src), any(m.base for m in tgt))
    for source in list(state.source):
        for target in state.target:
            bare_source = not source.base and scaled[0] and _shares(source.readings, target.base)
            bare_target = not target.base and scaled[1] and _shares(target.readings, source.base)
            if bare_source or bare_target:
                state.source.remove(source)
                state.target.remove(target)
                break


def _take_soft(
    state: _Pairing, soft_src: list[NumberMention], soft_tgt: list[NumberMention]
) -> None:
    """Number words, months and identifiers stand in for digits on the other side."""
    for hard, others in ((state.source, soft_tgt), (state.target, soft_src)):
        for mention in list(hard):
            word = next((w for w in others if _shares(w.readings, mention.readings)), None)
            if word is not None:
                hard.remove(mention)
                others.remove(word)


def _leftovers(state: _Pairing) -> list[NumberIssue]:
    """Source numbers still unpaired: changed where the target has a spare number (same kind
    first, then the earliest), else missing."""
    issues, spare = [], list(state.target)
    for number in list(state.source):
        if not spare:
            break
        here = min(spare, key=lambda t: (t.kind != number.kind, t.start))
        spare.remove(here)
        state.source.remove(number)
        issues.append(NumberIssue("changed", here, (number,)))
    if state.source:
        issues.append(NumberIssue("missing", None, tuple(state.source)))
    return issues


def _is_list(text: str, mention: NumberMention) -> bool:
    """True for "[1,2]" and "1,2, 3": references or a list, not a decimal comma."""
    if "," not in mention.text or "." in mention.text:
        return False
    before = text[max(0, mention.start - 1) : mention.start]
    return bool(_OPENING.search(before)) or text.startswith(",", mention.end)


def _misformatted(state: _Pairing, mention: NumberMention, source: NumberMention) -> NumberIssue:
    """The target's digits read with the other decimal mark, written the target's way."""
    run = _DIGIT_RUN.match(state.target_text, mention.start)
    digits = run.group() if run else mention.text
    other = "," if decimal_marks(state.target_lang) == (".",) else "."
    value = read_token(digits.strip(), other) or mention.value
    shown = NumberMention(mention.start, mention.start + len(digits), value, mention.kind, digits)
    return NumberIssue("format", shown, (source,), localised(value, state.target_lang))


def localised(value: Decimal, lang: str) -> str:
    """A value as the language writes it ("1,000.5" in English, "1 000,5" in French)."""
    try:
        return format_decimal(value, locale=lang, decimal_quantization=False)
    except (ValueError, TypeError, LookupError):
        return plain(value)


def plain(value: Decimal) -> str:
    """A value without grouping or exponent: "1000.5", "3000000000"."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _stems(text: str) -> set[str]:
    """Words as their first four letters (accents dropped), plus acronyms and coded tokens:
    what a translation between European languages tends to keep ("hepat", "COVID-19")."""
    folded = "".join(c for c in unicodedata.normalize("NFD", text.lower())
                     if not unicodedata.combining(c))  # fmt: skip
    return {w[:4] for w in re.findall(r"[a-z]{4,}", folded)} | set(_CODED.findall(text))


def related(source: str, target: str) -> bool:
    """Whether a pair shares enough cognates, names and codes to be a translation.

    Asked only when not one number pairs: sentences paired by position (abstracts, a
    shifted memory) share almost nothing, while a translation that loses a number keeps
    most names and cognates. Short pairs are too small to judge and count as related.
    """
    a, b = _stems(source), _stems(target)
    if min(len(a), len(b)) < _MIN_STEMS:
        return True
    return len(a & b) / min(len(a), len(b)) >= RELATED_MIN
