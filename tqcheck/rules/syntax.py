"""Source-language syntax carried into English (TQ411): constructions no English writer uses.

Machine translation keeps the source's grammar where English needs another one: Spanish
"se refiere a eliminar" becomes "refers to remove" (English: "refers to removing"), and the
elliptical "otros, no" becomes "others, no." (English: "others have not"). Each pattern is a
closed list checked on professionally written English news (no finding there).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqcheck.model import Hit, Severity
from tqcheck.rules.base import RuleContext, Unit, rule

# Verbs that are never nouns: after "refer(s) to" they can only be a calqued infinitive.
_BARE_VERBS = (
    "abolish|accelerate|achieve|adopt|analyse|analyze|avoid|build|carry|cease|combat|"
    "continue|create|decide|deliver|demand|destroy|determine|develop|eliminate|enable|"
    "encourage|end|enhance|ensure|establish|expand|give|grant|guarantee|help|implement|"
    "improve|include|increase|install|intensify|invest|keep|launch|lift|maintain|make|"
    "modify|obtain|offer|pay|prevent|promote|protect|provide|raise|reach|recover|reduce|"
    "reform|reinforce|remove|renew|replace|request|restore|resume|send|strengthen|"
    "suspend|take|transfer|withdraw"
)
_REFER_TO_VERB = re.compile(
    rf"\b(?P<refer>[Rr]efer(?:s|red|ring)?) to (?P<verb>{_BARE_VERBS})\b(?! (?:of|for)\b)"
)
# "others, no." / "the rest, no.": the Spanish elliptical negative ("otros, no").
_ELLIPTICAL_NO = re.compile(
    r"\b(?P<who>[Oo]thers|[Tt]he rest|[Mm]any|[Ss]ome|[Mm]ost|[Tt]he others),? no(?P<end>[.;])"
)


def _gerund(verb: str) -> str:
    """English -ing form: remove -> removing, combat -> combating, end -> ending."""
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    return verb + "ing"


@rule(
    "TQ411",
    Severity.WARNING,
    "paragraph",
    langs=["en"],
    bad=[
        ("The third refers to remove the Membership Action Plan requirement.", "refers to remove"),
        ("Some allies have signed the convention; others, no.", "others, no."),
        ("The plan referred to strengthen the industrial base.", "referred to strengthen"),
    ],
    good=[
        "The third refers to removing the Membership Action Plan requirement.",
        "Some allies have signed the convention; others have not.",
        "The term refers to end users of the software.",
        "He referred to the end of the war.",
        "Asked whether others agreed, he said no.",
        "The report refers to a plan to remove the requirement.",
    ],
)  # fmt: skip
def calqued_construction(unit: Unit, context: RuleContext) -> Iterator[Hit]:
    """A source-language construction left in English ("refers to remove", "others, no.")."""
    text = unit.text
    if "efer" in text:
        for match in _REFER_TO_VERB.finditer(text):
            if match.group("verb") == "end" and text[match.end() : match.end() + 1] == " ":
                continue  # "refers to end users": "end" is a noun here
            fixed = f"{match.group('refer')} to {_gerund(match.group('verb'))}"
            yield Hit(match.start(), match.end(), f'Write "{fixed}": "refer to" takes a noun or '
                      f'an -ing form, not "{match.group()}"', fixed)  # fmt: skip
    if " no" in text:
        for match in _ELLIPTICAL_NO.finditer(text):
            who = match.group("who")
            fixed = f"{who} have not{match.group('end')}"
            yield Hit(match.start(), match.end(), f'"{match.group()}" copies the source\'s '
                      f'elliptical negative: write "{fixed}" (or the verb it stands for)',
                      fixed)  # fmt: skip


RULES = (calqued_construction,)
