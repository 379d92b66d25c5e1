"""Versioned JSON output (schema documented in docs/json-output.md)."""

from __future__ import annotations

import json
from typing import Any

from tqcheck import __version__
from tqcheck.model import FileError, Finding, RunResult

SCHEMA_VERSION = 1


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """One finding as the JSON contract spells it ("unit" only for translation files)."""
    entry = {
        "path": finding.path,
        "code": finding.code,
        "rule": finding.rule,
        "severity": finding.severity.label,
        "message": finding.message,
        "start": finding.start,
        "end": finding.end,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "text": finding.text,
        "suggestion": finding.suggestion,
        "evidence": dict(finding.evidence),
        "fingerprint": finding.fingerprint,
    }
    if finding.unit is not None:
        entry["unit"] = finding.unit
    return entry


def _error(error: FileError) -> dict[str, Any]:
    entry: dict[str, Any] = {"path": error.path, "message": error.message}
    if error.line:
        entry["line"] = error.line
    return entry


def to_dict(result: RunResult) -> dict[str, Any]:
    """The whole run as a JSON-ready mapping."""
    signature = {k: v for k, v in result.signature.items() if k != "tool_version"}
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "tqcheck", "version": __version__},
        "signature": signature,
        "summary": {
            "files": len(result.files),
            "findings": len(result.findings),
            "by_severity": result.count_by_severity(),
        },
        "findings": [finding_to_dict(f) for f in result.findings],
        "errors": [_error(e) for e in result.errors],
    }


def render(result: RunResult, color: bool = False) -> str:
    """Deterministic JSON: sorted keys, no timestamps, UTF-8 kept readable."""
    return json.dumps(to_dict(result), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
