"""End to end on the user's seed article: every artifact flagged, nothing correct flagged."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from conftest import SEED
from tqcheck.cli import app

# (line, code, matched text, suggestion) — the whole expected report, in order.
EXPECTED = [
    (3, "TQ406", "(Also read: Live: Nato will invite Ukraine", None),
    (3, "TQ105", "Nato", "NATO"),
    (7, "TQ406", "(You can read: “It is absurd that NATO", None),
    (7, "TQ101", "Volodimir Zelensky", "Volodymyr Zelensky"),
    (9, "TQ101", "the Ukraine", "Ukraine"),
    (11, "TQ405", "If the United States supplies Ukraine", None),
    (15, "TQ406", "(Keep reading: France and Germany", None),
    (17, "TQ101", "multiplied the production", "increased production"),
    (17, "TQ102", "kyiv", "Kyiv"),
    (19, "TQ403", "Of each country.", None),
    (21, "TQ406", "(In context: The NATO summit", None),
    (21, "TQ102", "kyiv", "Kyiv"),
    (21, "TQ101", "the Alliance", "the alliance"),
    (23, "TQ401", ". .", "."),
    (25, "TQ101", "Ammunition Convention in\n\nBunch", "Convention on Cluster Munitions"),
    (25, "TQ402", "in\n\nBunch", "in Bunch"),
    (27, "TQ411", "others, no.", "others have not."),
    (29, "TQ406", "(Also read: NATO would raise", None),
    (29, "TQ101", "the Alliance", "the alliance"),
    (31, "TQ407", "Velyka Dymerka, in Ukraine, after 500 days", None),
    (37, "TQ406", "(You can read: Russia on sending", None),
    (37, "TQ102", "kyiv", "Kyiv"),
    (41, "TQ102", "kyiv", "Kyiv"),
    (41, "TQ101", "the Alliance", "the alliance"),
    (41, "TQ404", "He", "he"),
    (45, "TQ406", "(Keep reading: It’s 500 days", None),
    (47, "TQ410", "NATO leaders meet in Lithuania.", None),
    (49, "TQ104", "Otán", "NATO"),
    (51, "TQ411", "refers to remove", "refers to removing"),
    (51, "TQ101", "the Alliance", "the alliance"),
    (53, "TQ406", "(Also read: What will happen to Wagner?", None),
    (57, "TQ101", "INTERNATIONAL WRITING", None),
]
MUST_STAY_CLEAN = [
    "Convention on Cluster Munitions",
    "Sergei Shoigu",
    "Jens Stoltenberg",
    "Vilnius",
    "Membership Action Plan (MAP)",
    "NATO leaders",
]


def _run() -> dict:
    result = CliRunner().invoke(app, ["check", "--format", "json", str(SEED)])
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def test_seed_findings_are_exactly_the_expected_ones() -> None:
    findings = _run()["findings"]
    got = [(f["line"], f["code"], f["text"], f["suggestion"]) for f in findings]
    assert len(got) == len(EXPECTED), "\n".join(map(str, got))
    for (line, code, text, suggestion), expected in zip(got, EXPECTED, strict=True):
        assert (line, code) == expected[:2]
        assert text.startswith(expected[2])
        if expected[3] is not None:
            assert suggestion == expected[3]


def test_correct_terms_in_the_seed_are_not_flagged(seed_text: str) -> None:
    findings = _run()["findings"]
    for term in MUST_STAY_CLEAN:
        start = seed_text.index(term)
        end = start + len(term)
        overlapping = [f for f in findings if f["start"] < end and start < f["end"]]
        assert all(f["code"] == "TQ406" for f in overlapping), (term, overlapping)


def test_every_seed_nato_is_accepted_except_the_leaks(seed_text: str) -> None:
    findings = _run()["findings"]
    flagged = {f["start"] for f in findings if f["code"] in ("TQ104", "TQ105")}
    assert flagged == {seed_text.index("Nato"), seed_text.index("Otán")}
