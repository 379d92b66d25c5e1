"""The engine: selection, severity, one finding per span, masking, stable fingerprints."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tqcheck.config import Config, ConfigError
from tqcheck.document import Document
from tqcheck.engine import Checker, _findings, check_text, select_rules
from tqcheck.model import Hit, Severity
from tqcheck.rules.base import RuleContext, Unit, rule


def codes(select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> list[str]:
    return [r.code for r in select_rules(select, ignore)]


def test_most_specific_selector_wins_and_a_tie_goes_to_ignore() -> None:
    assert "TQ102" not in codes(ignore=("TQ1",))
    assert "TQ102" in codes(select=("TQ102",), ignore=("TQ1",))
    assert "TQ102" not in codes(select=("TQ1",), ignore=("term-case",))
    assert codes(select=("TQ102",), ignore=("TQ102",)) == []
    assert codes(select=("ALL",), ignore=("ALL",)) == []
    with pytest.raises(ConfigError, match="did you mean 'term-case'"):
        codes(select=("term-cas",))


def test_severity_override_and_glossary_severity() -> None:
    config = Config(select=("TQ102",), severity_overrides={"term-case": Severity.ERROR})
    [finding] = check_text("The talks in kyiv ended.", config)
    assert finding.severity is Severity.ERROR


@rule("TQ998", Severity.WARNING, "document", bad=["x"], good=["y"], masks=True)
def fake_language(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """Pretend the second paragraph is in another language."""
    start = unit.text.index("\n\n") + 2
    yield Hit(start, len(unit.text), "Translate this paragraph")


@rule("TQ999", Severity.ERROR, "document", bad=["x"], good=["y"])
def fake_term(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """Flag every "OTAN"."""
    at = -1
    while (at := unit.text.find("OTAN", at + 1)) >= 0:
        yield Hit(at, at + 4, "Use NATO")


def run(rules: tuple, text: str) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    checker = Checker(Config(), rules, None, ())
    return [(f.code, f.text) for f in checker.check(Document.from_text(text))]


def test_a_masking_rule_hides_findings_inside_its_span() -> None:
    text = "The OTAN met.\n\nLa OTAN se reunió."
    assert run((fake_term,), text) == [("TQ999", "OTAN"), ("TQ999", "OTAN")]
    assert run((fake_language, fake_term), text) == [
        ("TQ999", "OTAN"),
        ("TQ998", "La OTAN se reunió."),
    ]


@rule("TQ997", Severity.INFO, "document", bad=["x"], good=["y"])
def fake_style(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """Flag the whole text."""
    yield Hit(0, len(unit.text), "Style")


def test_one_finding_per_span_the_most_severe_wins() -> None:
    document = Document.from_text("abc")
    located = [(fake_style, Hit(0, 3, "a")), (fake_term, Hit(0, 3, "b"))]
    [finding] = _findings(document, located, Config())
    assert finding.code == "TQ999"


def test_fingerprints_survive_lines_added_above() -> None:
    config = Config(select=("TQ102",))
    before = check_text("The talks in kyiv ended.\n", config, path="a.txt")
    after = check_text("New lead.\n\nThe talks in kyiv ended.\n", config, path="a.txt")
    assert [f.fingerprint for f in before] == [f.fingerprint for f in after]
    assert before[0].line == 1 and after[0].line == 3
    twice = check_text("kyiv and kyiv\n", config, path="a.txt")
    assert len({f.fingerprint for f in twice}) == 2
