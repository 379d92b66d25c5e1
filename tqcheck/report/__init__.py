"""Reporters: one pure `render(result) -> str` per format, and the exit code policy."""

from __future__ import annotations

from collections.abc import Callable

from tqcheck.model import RunResult, Severity
from tqcheck.report import github, gitlab, json_report, junit, sarif, text_report

FORMATS: dict[str, Callable[..., str]] = {
    "text": text_report.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
    "gitlab": gitlab.render,
}

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def exit_code(result: RunResult, fail_on: Severity) -> int:
    """2 on any input/glossary error, 1 on a finding at or above fail_on, else 0."""
    if result.errors:
        return EXIT_ERROR
    if any(f.severity >= fail_on for f in result.findings):
        return EXIT_FINDINGS
    return EXIT_CLEAN
