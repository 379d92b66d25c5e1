"""The rule registry: an explicit tuple of rule modules, no discovery magic."""

from __future__ import annotations

from functools import cache

from tqcheck.rules import (
    bilingual,
    captions,
    consistency,
    glossary_rules,
    language,
    layout,
    meta,
    names,
    residue,
    semantic,
    syntax,
    transfer,
)
from tqcheck.rules.base import Example, Rule, RuleContext, Unit, rule

RULE_MODULES = (glossary_rules, language, names, layout, residue, captions, semantic, bilingual,
                consistency, meta, syntax, transfer)  # fmt: skip

__all__ = [
    "Example", "Rule", "RuleContext", "Unit", "all_rules", "find_rule", "rule",
    "selector_specificity",
]  # fmt: skip


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, ordered by code."""
    rules = [r for module in RULE_MODULES for r in module.RULES]
    return tuple(sorted(rules, key=lambda r: r.code))


def selector_specificity(selector: str, code: str, name: str) -> int:
    """How specifically a selector names a rule: 10 code or name, prefix length, 0 ALL, -1 none.

    One notion for --select/--ignore, per-file ignores and suppression comments.
    """
    key = selector.strip()
    if key.upper() == "ALL":
        return 0
    if key.lower() == name or key.upper() == code:
        return 10
    if key.upper().startswith("TQ") and code.startswith(key.upper()):
        return len(key)
    return -1


def find_rule(code_or_name: str) -> Rule | None:
    """Look a rule up by code (TQ101) or name (deprecated-term), case-insensitively."""
    key = code_or_name.strip().lower()
    return next((r for r in all_rules() if key in (r.code.lower(), r.name)), None)
