"""Rules about tqcheck's own directives (TQ9xx), reported by the engine, not by a scan."""

from __future__ import annotations

from collections.abc import Iterator

from tqcheck.model import Hit, Severity
from tqcheck.rules.base import RuleContext, Unit, rule


@rule(
    "TQ901",
    Severity.WARNING,
    "engine",
    bad=[
        ("<!-- tqcheck: ignore[no-such-rule] -->\nThe summit was held.",
         "<!-- tqcheck: ignore[no-such-rule] -->"),
        ("The summit was held. <!-- tqcheck: ignore[TQ901, term-cas] -->",
         "<!-- tqcheck: ignore[TQ901, term-cas] -->"),
    ],
    good=[
        "<!-- tqcheck: ignore[TQ102] -->\nThe summit was held.",  # TQ102 did not run
        "The summit was held.",
    ],
)  # fmt: skip
def unused_suppression(unit: Unit, context: RuleContext) -> Iterator[Hit]:
    """A suppression comment that suppresses nothing, or names a rule that does not exist.

    `<!-- tqcheck: ignore[RULES] -->` (the paragraph it is in, or the next one when it stands
    alone), `disable[...]`/`enable[...]` (a range), `ignore-file[...]`, a PO translator
    comment or an XLIFF note `tqcheck: ignore[...]` (the unit). Only rules that ran can make
    a suppression unused. The engine reports this rule; it has nothing to scan.
    """
    return iter(())


RULES = (unused_suppression,)
