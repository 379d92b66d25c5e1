"""GitLab Code Quality report (the subset of the Code Climate format GitLab reads).

Severities: info → info, warning → minor, error → major; a file that could not be checked
is critical. GitLab compares reports of the base and the merge request by `fingerprint`, so
it is derived from the finding's fingerprint (stable when lines are added above), path and
code, never from line numbers.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from tqcheck.model import FileError, Finding, RunResult, Severity

SEVERITIES = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}
ERROR_SEVERITY = "critical"
ERROR_CHECK = "input-error"


def _path(path: str) -> str:
    posix = path.replace("\\", "/")
    while posix.startswith("./"):
        posix = posix[2:]
    return posix


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def issue(finding: Finding) -> dict[str, Any]:
    """One finding as a Code Quality issue (its fingerprint is made unique by `render`)."""
    identity = finding.fingerprint or f"{finding.start}:{finding.end}"
    description = finding.message
    if finding.unit is not None:
        description += f" (unit {finding.unit})"
    return {
        "description": description,
        "check_name": f"{finding.code} [{finding.rule}]",
        "fingerprint": _digest("tqcheck", _path(finding.path), finding.code, identity),
        "severity": SEVERITIES[finding.severity],
        "location": {
            "path": _path(finding.path),
            "lines": {"begin": finding.line, "end": finding.end_line},
        },
    }


def error_issue(error: FileError) -> dict[str, Any]:
    """A file or glossary that could not be checked, as a critical issue."""
    line = error.line or 1
    return {
        "description": error.message,
        "check_name": ERROR_CHECK,
        "fingerprint": _digest("tqcheck", _path(error.path), ERROR_CHECK, error.message),
        "severity": ERROR_SEVERITY,
        "location": {"path": _path(error.path), "lines": {"begin": line, "end": line}},
    }


def to_list(result: RunResult) -> list[dict[str, Any]]:
    """Issues for findings (sorted) then errors, with unique fingerprints."""
    issues = [issue(f) for f in sorted(result.findings, key=Finding.sort_key)]
    issues += [error_issue(e) for e in result.errors]
    seen: Counter[str] = Counter()
    for entry in issues:  # GitLab shows only one issue per fingerprint
        seen[entry["fingerprint"]] += 1
        if seen[entry["fingerprint"]] > 1:
            entry["fingerprint"] = _digest(entry["fingerprint"], str(seen[entry["fingerprint"]]))
    return issues


def render(result: RunResult, color: bool = False) -> str:
    """Deterministic Code Quality JSON (a list); `color` is ignored."""
    return json.dumps(to_list(result), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
