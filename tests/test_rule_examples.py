"""The registry is sound and every rule's examples behave as declared."""

from __future__ import annotations

import re

import pytest

from tqcheck.config import Config
from tqcheck.engine import check_text
from tqcheck.rules import all_rules, find_rule
from tqcheck.rules.base import Example, Rule

RULES = all_rules()


def test_codes_and_names_are_unique_and_well_formed() -> None:
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"TQ\d{3}", c) for c in codes)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", n) for n in names)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_has_examples_and_a_docstring(rule: Rule) -> None:
    assert rule.bad, f"{rule.code} has no example that must fire"
    assert rule.good, f"{rule.code} has no example that must stay silent"
    assert rule.summary


def test_rules_are_found_by_code_or_name() -> None:
    assert find_rule("tq101") is find_rule("deprecated-term") is not None
    assert find_rule("no-such-rule") is None


def _cases(kind: str) -> list[tuple[Rule, Example]]:
    return [(r, e) for r in RULES for e in getattr(r, kind)]


def _run(rule: Rule, example: Example) -> list[str]:
    config = Config(select=(rule.code,), profile=rule.examples_profile)
    found = check_text(example.text, config, kind=rule.examples_kind)
    return [f.text for f in found if f.code == rule.code]


@pytest.mark.parametrize(("rule", "example"), _cases("bad"), ids=lambda x: getattr(x, "code", ""))
def test_bad_examples_fire(rule: Rule, example: Example) -> None:
    matched = _run(rule, example)
    assert matched, f"{rule.code} did not fire on {example.text!r}"
    if example.matched is not None:
        assert example.matched in matched


@pytest.mark.parametrize(("rule", "example"), _cases("good"), ids=lambda x: getattr(x, "code", ""))
def test_good_examples_stay_silent(rule: Rule, example: Example) -> None:
    assert _run(rule, example) == [], f"{rule.code} fired on {example.text!r}"
