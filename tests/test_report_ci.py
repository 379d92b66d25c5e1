"""CI output formats: SARIF, JUnit XML, GitHub annotations, GitLab Code Quality.

The hand-built result of test_report.py, grown by a clean file, a multi-line span, a
translation-unit finding, a path with a space and a glossary error, is rendered by every CI
format against golden files. Regenerate after an intended change with:
UPDATE_GOLDEN=1 python -m pytest tests/test_report_ci.py
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from junitparser import Error, Failure, JUnitXml
from test_report import hand_built
from typer.testing import CliRunner

from conftest import eval_file
from tqcheck.cli import app
from tqcheck.config import Config
from tqcheck.engine import check_paths
from tqcheck.model import FileError, Finding, RunResult, Severity
from tqcheck.report import FORMATS, github, gitlab, junit, sarif

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_NAMES = {"sarif": "ci.sarif", "junit": "ci.junit.xml", "github": "ci.github",
                "gitlab": "ci.gitlab.json"}  # fmt: skip
TEXT_C = "The minister said\n\nthat the summit “would go ahead”.\n"
TEXT_D = "La OTAN se reunió.\tThe alliance met.\n"
ARTICLE = "The summit in kyiv was held. .\nLa OTAN said\n\nthat it would meet.\n"
PAIR = "La OTAN se reunió.\tThe alliance met in kyiv.\n"


def _span(text: str, needle: str) -> tuple[int, int, int, int, int, int]:
    """(start, end, line, column, end_line, end_column) of needle, 1-based, end exclusive."""
    start = text.index(needle)
    end = start + len(needle)

    def where(offset: int) -> tuple[int, int]:
        return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1

    return (start, end, *where(start), *where(end))


def ci_result() -> RunResult:
    """test_report's result plus a clean file, a multi-line span, a unit and a glossary error."""
    base = hand_built()
    broken = Finding("docs/e f.md", "TQ402", "broken-paragraph", Severity.ERROR,
                     'Join the paragraphs: the sentence runs on from "said" to "that"',
                     *_span(TEXT_C, "said\n\nthat"), "said\n\nthat", "said that",
                     {"next_paragraph": 19}, "tq4020001")  # fmt: skip
    missing = Finding("t.tsv", "TQ501", "term-missing", Severity.WARNING,
                      'Translate the source term "OTAN" as "NATO"',
                      *_span(TEXT_D, "The alliance met."), "The alliance met.", "NATO",
                      {"terms": ["org.nato"]}, "tq5010001", "1")  # fmt: skip
    glossary = FileError(
        "my glossary.yaml", "unknown field 'prefered'; did you mean 'preferred'?", 12
    )
    return replace(
        base,
        findings=(*base.findings, broken, missing),
        errors=(*base.errors, glossary),
        files=("a.txt", "b.md", "clean.txt", "docs/e f.md", "t.tsv"),
        sources={**base.sources, "docs/e f.md": TEXT_C, "t.tsv": TEXT_D},
    )


def real_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> RunResult:
    """A real run over a text file (with a space in its path) and a TSV file."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "pair.tsv").write_text(PAIR, encoding="utf-8")
    return check_paths(["notes/a b.txt", "pair.tsv"], Config(embeddings=False))


@pytest.mark.parametrize("name", sorted(GOLDEN_NAMES))
def test_ci_reporter_matches_golden_file(name: str) -> None:
    rendered = FORMATS[name](ci_result(), color=False)
    golden = GOLDEN / GOLDEN_NAMES[name]
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(rendered, encoding="utf-8", newline="")
    with golden.open(encoding="utf-8", newline="") as handle:
        assert rendered == handle.read()
    assert FORMATS[name](ci_result(), color=True) == rendered


# SARIF


def _validate_sarif(log: dict) -> None:
    schema = json.loads(eval_file("schemas/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)


def test_sarif_of_hand_built_results_is_valid() -> None:
    for result in (hand_built(), ci_result(), RunResult(findings=())):
        _validate_sarif(json.loads(sarif.render(result)))


def test_sarif_of_a_real_run_is_valid_and_regions_match_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = real_result(tmp_path, monkeypatch)
    log = json.loads(sarif.render(result))
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["properties"]["signature"] == json.loads(json.dumps(dict(result.signature)))
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["notes/a%20b.txt", "pair.tsv"]
    text_results = [
        r for r in run["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "notes/a%20b.txt"
    ]  # fmt: skip
    codes = {r["ruleId"] for r in text_results}
    assert {"TQ102", "TQ401", "TQ104", "TQ402"} <= codes, codes
    lines = ARTICLE.splitlines(keepends=True)
    findings = [f for f in result.findings if f.path == "notes/a b.txt"]
    assert len(findings) == len(text_results)
    for entry, finding in zip(text_results, findings, strict=True):
        reg = entry["locations"][0]["physicalLocation"]["region"]
        start = sum(map(len, lines[: reg["startLine"] - 1])) + reg["startColumn"] - 1
        end = sum(map(len, lines[: reg["endLine"] - 1])) + reg["endColumn"] - 1
        assert ARTICLE[start:end] == finding.text
        assert (start, end - start) == (reg["charOffset"], reg["charLength"])
        for fix in entry.get("fixes", []):
            (replacement,) = fix["artifactChanges"][0]["replacements"]
            assert replacement["deletedRegion"] == reg
    multi = next(r for r in text_results if r["ruleId"] == "TQ402")
    reg = multi["locations"][0]["physicalLocation"]["region"]
    assert reg["endLine"] > reg["startLine"]
    assert ARTICLE[reg["charOffset"] : reg["charOffset"] + reg["charLength"]] == "said\n\nthat"
    tsv = [r for r in run["results"] if r not in text_results]
    assert tsv and all(r["properties"]["unit"] == "1" and "fixes" not in r for r in tsv)
    assert run["invocations"] == [{"executionSuccessful": True}]
    _validate_sarif(log)  # last: it skips when ../shared/eval is not there


def test_sarif_rules_results_and_errors() -> None:
    (run,) = json.loads(sarif.render(ci_result()))["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["TQ102", "TQ104", "TQ105", "TQ402", "TQ406", "TQ501"]
    for entry in run["results"]:
        assert rules[entry["ruleIndex"]]["id"] == entry["ruleId"]
        assert set(entry["partialFingerprints"]) == {"tqcheck/v1"}
    assert rules[2]["defaultConfiguration"] == {"level": "note"}
    assert rules[2]["name"] == "term-inconsistency"
    assert "Fires on:" in rules[2]["help"]["text"]
    assert "\n" not in rules[2]["fullDescription"]["text"]
    levels = [r["level"] for r in run["results"]]
    assert levels == ["warning", "error", "note", "error", "error", "warning"]
    broken = run["results"][4]
    assert broken["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {
        "text": "said that"
    }
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes] == [
        "c.txt",
        "my%20glossary.yaml",
    ]
    assert notes[1]["locations"][0]["physicalLocation"]["region"] == {"startLine": 12}


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("a.txt", "a.txt"),
        ("./docs/ü #1.md", "docs/%C3%BC%20%231.md"),
        ("docs\\a.txt", "docs/a.txt"),
        ("/tmp/a b.txt", "file:///tmp/a%20b.txt"),
        ("C:\\work\\a.txt", "file:///C:/work/a.txt"),
    ],
)
def test_sarif_uris(path: str, uri: str) -> None:
    assert sarif.artifact_location(path)["uri"] == uri


# JUnit


def test_junit_reads_back_with_one_suite_per_file() -> None:
    xml = JUnitXml.fromstring(junit.render(ci_result()).encode("utf-8"))
    suites = {suite.name: suite for suite in xml}
    assert sorted(suites) == ["a.txt", "b.md", "c.txt", "clean.txt", "docs/e f.md",
                              "my glossary.yaml", "t.tsv"]  # fmt: skip
    counts = {}
    for name, suite in suites.items():
        cases = list(suite)
        failures = sum(isinstance(r, Failure) for case in cases for r in case.result)
        errors = sum(isinstance(r, Error) for case in cases for r in case.result)
        assert (suite.tests, suite.failures, suite.errors) == (len(cases), failures, errors)
        counts[name] = (len(cases), failures, errors)
    assert counts == {"a.txt": (3, 3, 0), "b.md": (1, 1, 0), "c.txt": (1, 0, 1),
                      "clean.txt": (1, 0, 0), "docs/e f.md": (1, 1, 0),
                      "my glossary.yaml": (1, 0, 1), "t.tsv": (1, 1, 0)}  # fmt: skip
    (clean,) = suites["clean.txt"]
    assert clean.is_passed and clean.name == junit.CLEAN_CASE
    leak = list(suites["a.txt"])[1]
    assert (leak.classname, leak.name) == ("a.txt", "TQ104 2:5")
    (failure,) = leak.result
    assert (failure.type, failure.message) == ("TQ104", hand_built().findings[1].message)


def test_junit_survives_characters_xml_cannot_carry() -> None:
    base = hand_built().findings[0]
    odd = replace(base, message='Odd "\x0c" & <b>\r\n', text="k\x1byiv")
    xml = JUnitXml.fromstring(junit.render(RunResult(findings=(odd,))).encode("utf-8"))
    (case,) = next(iter(xml))
    assert case.result[0].message == 'Odd "\\x0c" & <b>\r\n'


# GitHub


def test_github_escaping() -> None:
    assert github.escape_data("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext: a,b"
    assert github.escape_property("100% a:b,c\n") == "100%25 a%3Ab%2Cc%0A"
    finding = replace(hand_built().findings[0], path="dir/a,b:c.txt", message="50%: x\ny")
    assert github.annotation(finding) == (
        "::warning file=dir/a%2Cb%3Ac.txt,line=1,col=13,endLine=1,endColumn=17,"
        "title=TQ102 [term-case]::50%25: x%0Ay%0AFix: Kyiv"
    )


def test_github_levels_and_multi_line_spans() -> None:
    lines = github.render(ci_result()).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == [
        "::warning", "::error", "::notice", "::error", "::error", "::warning", "::error", "::error"
    ]  # fmt: skip
    assert lines[4].startswith("::error file=docs/e f.md,line=1,endLine=3,title=TQ402")
    assert "(unit 1)" in lines[5]
    assert lines[7] == (
        "::error file=my glossary.yaml,line=12,title=tqcheck input error::"
        "unknown field 'prefered'; did you mean 'preferred'?"
    )
    assert github.render(RunResult(findings=())) == ""


# GitLab


def test_gitlab_issues() -> None:
    issues = json.loads(gitlab.render(ci_result()))
    assert [i["severity"] for i in issues] == [
        "minor", "major", "info", "major", "major", "minor", "critical", "critical"
    ]  # fmt: skip
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert issues[4]["location"] == {"path": "docs/e f.md", "lines": {"begin": 1, "end": 3}}
    assert issues[5]["description"].endswith("(unit 1)")
    assert issues[7]["location"] == {"path": "my glossary.yaml", "lines": {"begin": 12, "end": 12}}


def test_gitlab_fingerprints_survive_moved_lines_and_stay_unique() -> None:
    finding = hand_built().findings[0]
    moved = replace(finding, line=9, end_line=9, start=99, end=103)
    assert gitlab.issue(moved)["fingerprint"] == gitlab.issue(finding)["fingerprint"]
    twice = gitlab.to_list(RunResult(findings=(finding, finding)))
    assert twice[0]["fingerprint"] != twice[1]["fingerprint"]


# CLI


@pytest.mark.parametrize("name", ["sarif", "junit", "github", "gitlab"])
def test_cli_accepts_ci_formats(name: str, tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text("The minister flew to kyiv on Tuesday.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--no-embeddings", "--format", name, str(path)])
    assert result.exit_code == 1, result.output
    assert "TQ102" in result.stdout
    if name in ("sarif", "gitlab"):
        json.loads(result.stdout)
    if name == "junit":
        assert len(list(JUnitXml.fromstring(result.stdout.encode("utf-8")))) == 1
