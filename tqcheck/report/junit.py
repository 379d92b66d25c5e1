"""JUnit XML output for CI test-report views (GitLab, Jenkins, Azure, GitHub test reporters).

One <testsuite> per file (checked files and files that could not be checked), one
<testcase> per finding with a <failure>, one <testcase> with an <error> per file error, and a
single passing <testcase> for a clean file. Findings of every severity are failures: the
exit code, not this report, applies --fail-on.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from tqcheck.model import FileError, Finding, RunResult

CLEAN_CASE = "no findings"
ERROR_CASE = "could not be checked"
# Characters XML 1.0 cannot carry even escaped (controls, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Text with characters XML 1.0 forbids shown as \\xNN escapes."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _element(tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.Element(tag, {k: xml_safe(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_safe(text)
    return element


def finding_case(finding: Finding) -> ET.Element:
    """A failing testcase: name "CODE line:col", the message, and details in the body."""
    case = _element(
        "testcase",
        classname=finding.path,
        name=f"{finding.code} {finding.line}:{finding.column}",
        file=finding.path,
        line=str(finding.line),
    )
    details = [
        f"{finding.path}:{finding.line}:{finding.column}: {finding.code} [{finding.rule}] "
        f"{finding.severity.label}: {finding.message}",
        f"text: {finding.text}",
    ]
    if finding.unit is not None:
        details.append(f"unit: {finding.unit}")
    if finding.suggestion is not None:
        details.append(f"fix: {finding.suggestion}")
    failure = _element("failure", "\n".join(details), message=finding.message, type=finding.code)
    case.append(failure)
    return case


def error_case(error: FileError) -> ET.Element:
    """A testcase in error for a file (or glossary) that could not be checked."""
    case = _element("testcase", classname=error.path, name=ERROR_CASE, file=error.path)
    if error.line:
        case.set("line", str(error.line))
    case.append(_element("error", str(error), message=error.message, type="input-error"))
    return case


def testsuite(path: str, findings: list[Finding], errors: list[FileError]) -> ET.Element:
    """The suite of one file; a clean file gets one passing testcase."""
    cases = [finding_case(f) for f in findings] + [error_case(e) for e in errors]
    if not cases:
        cases = [_element("testcase", classname=path, name=CLEAN_CASE, file=path)]
    suite = _element(
        "testsuite",
        name=path,
        tests=str(len(cases)),
        failures=str(len(findings)),
        errors=str(len(errors)),
        skipped="0",
    )
    suite.extend(cases)
    return suite


def to_element(result: RunResult) -> ET.Element:
    """The whole run as a <testsuites> element, files sorted by path."""
    findings: dict[str, list[Finding]] = defaultdict(list)
    errors: dict[str, list[FileError]] = defaultdict(list)
    for finding in sorted(result.findings, key=Finding.sort_key):
        findings[finding.path].append(finding)
    for error in result.errors:
        errors[error.path].append(error)
    paths = sorted({*result.files, *findings, *errors})
    suites = [testsuite(p, findings.get(p, []), errors.get(p, [])) for p in paths]
    root = _element(
        "testsuites",
        name="tqcheck",
        tests=str(sum(int(s.get("tests", "0")) for s in suites)),
        failures=str(len(result.findings)),
        errors=str(len(result.errors)),
    )
    root.extend(suites)
    return root


def render(result: RunResult, color: bool = False) -> str:
    """Deterministic JUnit XML (no timestamps or durations); `color` is ignored."""
    root = to_element(result)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
