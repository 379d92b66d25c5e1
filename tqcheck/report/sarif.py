"""SARIF 2.1.0 output for code-scanning services (GitHub code scanning, IDE viewers).

Columns are counted in code points (`columnKind: unicodeCodePoints`), 1-based, with an
exclusive `endColumn`, exactly as tqcheck reports them; `charOffset`/`charLength` are the
finding's code-point offsets. `driver.rules` lists the rules that have results, so the log
stays small and a rule's metadata changes the output only where that rule fired.
"""

from __future__ import annotations

import inspect
import json
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from tqcheck import __version__
from tqcheck.model import FileError, Finding, RunResult, Severity

if TYPE_CHECKING:
    from tqcheck.rules import Rule

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/tqcheck/tqcheck"
FINGERPRINT_KEY = "tqcheck/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FAMILIES = {"1": "glossary", "2": "language", "3": "semantic", "4": "layout", "5": "source-aware"}


def artifact_location(path: str) -> dict[str, str]:
    """A path as a SARIF artifactLocation: relative paths stay relative, forward slashes."""
    posix = path.replace("\\", "/")
    if re.match(r"[A-Za-z]:/", posix):
        return {"uri": "file:///" + quote(posix, safe="/:")}
    if posix.startswith("/"):
        return {"uri": "file://" + quote(posix)}
    while posix.startswith("./"):
        posix = posix[2:]
    return {"uri": quote(posix), "uriBaseId": "%SRCROOT%"}


def _help(rule: Rule, doc: str) -> str:
    lines = [doc, "", "Fires on:"]
    for example in rule.bad:
        matched = f"   → {example.matched!r}" if example.matched else ""
        lines.append(f"  ✗ {example.text.replace(chr(10), '⏎')}{matched}")
    lines.append("Stays silent on:")
    lines.extend(f"  ✓ {example.text.replace(chr(10), '⏎')}" for example in rule.good)
    return "\n".join(lines)


def rule_descriptor(code: str, name: str) -> dict[str, Any]:
    """A reportingDescriptor from the rule registry (a bare one for an unknown code)."""
    from tqcheck.rules import find_rule  # the registry imports every rule module

    rule = find_rule(code)
    if rule is None or rule.code != code:
        return {"id": code, "name": name, "shortDescription": {"text": name}}
    doc = inspect.cleandoc(rule.doc)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": " ".join(doc.split("\n\n")[0].split())},
        "help": {"text": _help(rule, doc)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [FAMILIES.get(rule.code[2], "other")]},
    }


def region(finding: Finding) -> dict[str, int]:
    """The finding's span: 1-based lines and code-point columns, end exclusive."""
    return {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
        "charOffset": finding.start,
        "charLength": finding.end - finding.start,
    }


def _fixes(finding: Finding) -> list[dict[str, Any]]:
    # Only in text and Markdown (no unit) is the suggestion a literal replacement of the
    # file's text: translation files escape text (XML entities, PO quoting), and segment
    # rules' suggestions name a term to use somewhere in the unit, not its new text.
    if finding.suggestion is None or finding.unit is not None:
        return []
    replacement = {
        "deletedRegion": region(finding),
        "insertedContent": {"text": finding.suggestion},
    }
    change = {"artifactLocation": artifact_location(finding.path), "replacements": [replacement]}
    what = f'Replace with "{finding.suggestion}"' if finding.suggestion else "Delete the text"
    return [{"description": {"text": what}, "artifactChanges": [change]}]


def sarif_result(finding: Finding, rule_index: int, artifact_index: int | None) -> dict[str, Any]:
    """One finding as a SARIF result."""
    location = artifact_location(finding.path)
    if artifact_index is not None:
        location["index"] = artifact_index
    properties: dict[str, Any] = {"evidence": dict(finding.evidence)}
    if finding.unit is not None:
        properties["unit"] = finding.unit
    entry: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {"physicalLocation": {"artifactLocation": location, "region": region(finding)}}
        ],
        "properties": properties,
    }
    if finding.fingerprint:
        entry["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    if fixes := _fixes(finding):
        entry["fixes"] = fixes
    return entry


def _notification(error: FileError) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(error.path)}
    if error.line:
        physical["region"] = {"startLine": error.line}
    return {
        "level": "error",
        "message": {"text": error.message},
        "locations": [{"physicalLocation": physical}],
    }


def to_dict(result: RunResult) -> dict[str, Any]:
    """The run as a SARIF log with a single run."""
    findings = sorted(result.findings, key=Finding.sort_key)
    codes = sorted({f.code: f.rule for f in findings}.items())
    rule_index = {code: i for i, (code, _) in enumerate(codes)}
    artifacts = sorted(set(result.files))
    artifact_index = {path: i for i, path in enumerate(artifacts)}
    invocation: dict[str, Any] = {"executionSuccessful": not result.errors}
    if result.errors:
        invocation["toolExecutionNotifications"] = [_notification(e) for e in result.errors]
    driver = {
        "name": "tqcheck",
        "version": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [rule_descriptor(code, name) for code, name in codes],
    }
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "artifacts": [{"location": artifact_location(path)} for path in artifacts],
        "invocations": [invocation],
        "results": [
            sarif_result(f, rule_index[f.code], artifact_index.get(f.path)) for f in findings
        ],
        "properties": {"signature": dict(result.signature)},
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(result: RunResult, color: bool = False) -> str:
    """Deterministic SARIF JSON: sorted keys, no timestamps; `color` is ignored."""
    return json.dumps(to_dict(result), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
