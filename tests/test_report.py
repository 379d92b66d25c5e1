"""Reporters are pure functions of a RunResult: one hand-built result against golden files.

Regenerate after an intended change with: UPDATE_GOLDEN=1 python -m pytest tests/test_report.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tqcheck.model import FileError, Finding, RunResult, Severity
from tqcheck.report import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, FORMATS, exit_code

GOLDEN = Path(__file__).parent / "golden"
TEXT_A = "Die Lage in kyiv’s Zentrum.\r\nThe Otán-Ukraine Council met. .\n"
TEXT_B = "(Lea también: La OTAN invitará a Ucrania)\n"


def _finding(
    path: str,
    text: str,
    code: str,
    rule: str,
    severity: Severity,
    needle: str,
    line: int,
    message: str,
    suggestion: str | None,
) -> Finding:
    start = text.index(needle)
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return Finding(
        path,
        code,
        rule,
        severity,
        message,
        start,
        start + len(needle),
        line,
        column,
        line,
        column + len(needle),
        needle,
        suggestion,
        {"concept": "place.kyiv"} if code == "TQ102" else {},
        f"{code.lower()}0001",
    )


def hand_built() -> RunResult:
    """Two files, every severity, non-ASCII text, CRLF, an input error."""
    findings = (
        _finding(
            "a.txt",
            TEXT_A,
            "TQ102",
            "term-case",
            Severity.WARNING,
            "kyiv",
            1,
            'Use "Kyiv" instead of "kyiv"',
            "Kyiv",
        ),
        _finding(
            "a.txt",
            TEXT_A,
            "TQ104",
            "source-term-leak",
            Severity.ERROR,
            "Otán",
            2,
            'Use "NATO" instead of the Spanish form "Otán"',
            "NATO",
        ),
        _finding(
            "a.txt",
            TEXT_A,
            "TQ105",
            "term-inconsistency",
            Severity.INFO,
            ". .",
            2,
            "Replace the doubled punctuation",
            ".",
        ),
        _finding(
            "b.md",
            TEXT_B,
            "TQ406",
            "read-also-insert",
            Severity.ERROR,
            TEXT_B.strip(),
            1,
            'Remove the "read also" link insert "(Lea también: …)"',
            None,
        ),
    )
    return RunResult(
        findings=findings,
        errors=(FileError("c.txt", "invalid UTF-8 at byte 3; save the file as UTF-8"),),
        files=("a.txt", "b.md"),
        signature={
            "tool_version": "0.1.0",
            "glossaries": {"g.yaml": "sha256:00"},
            "source_lang": "es",
            "target_lang": "en",
            "profile": "default",
        },
        sources={"a.txt": TEXT_A, "b.md": TEXT_B},
    )


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_reporter_matches_golden_file(name: str) -> None:
    rendered = FORMATS[name](hand_built(), color=False)
    golden = GOLDEN / f"report.{name}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(rendered, encoding="utf-8", newline="")
    with golden.open(encoding="utf-8", newline="") as handle:
        assert rendered == handle.read()


def test_json_report_keeps_offsets_and_contract_fields() -> None:
    data = json.loads(FORMATS["json"](hand_built()))
    assert data["version"] == 1
    assert data["summary"] == {
        "files": 2,
        "findings": 4,
        "by_severity": {"error": 2, "warning": 1, "info": 1},
    }
    leak = data["findings"][1]
    assert TEXT_A[leak["start"] : leak["end"]] == leak["text"] == "Otán"
    assert data["errors"] == [
        {"path": "c.txt", "message": "invalid UTF-8 at byte 3; save the file as UTF-8"}
    ]


def test_text_report_colours_only_when_asked() -> None:
    assert "\x1b[" not in FORMATS["text"](hand_built(), color=False)
    assert "\x1b[31merror\x1b[0m" in FORMATS["text"](hand_built(), color=True)


def test_exit_codes() -> None:
    result = hand_built()
    assert exit_code(result, Severity.WARNING) == EXIT_ERROR
    clean = RunResult(findings=result.findings[2:3])
    assert exit_code(clean, Severity.WARNING) == EXIT_CLEAN
    assert exit_code(clean, Severity.INFO) == EXIT_FINDINGS
