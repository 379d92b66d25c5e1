"""GitHub Actions workflow commands: one annotation per finding and per file error.

`::error file=a.txt,line=1,col=5,endLine=1,endColumn=9,title=TQ102 [term-case]::message`,
with info findings as `notice` and warnings as `warning`. Columns are 1-based code points and
`endColumn` is exclusive; they are left out of spans over several lines, where GitHub does
not accept them.
"""

from __future__ import annotations

from tqcheck.model import FileError, Finding, RunResult, Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message as the Actions runner expects (%, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus the separators ":" and ","."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: list[tuple[str, object]], message: str) -> str:
    """One workflow command line from its name, ordered properties and message."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{name} {props}::{escape_data(message)}"


def annotation(finding: Finding) -> str:
    """The workflow command for one finding."""
    properties: list[tuple[str, object]] = [("file", finding.path), ("line", finding.line)]
    if finding.end_line == finding.line:
        properties += [("col", finding.column), ("endLine", finding.end_line),
                       ("endColumn", finding.end_column)]  # fmt: skip
    else:
        properties.append(("endLine", finding.end_line))
    properties.append(("title", f"{finding.code} [{finding.rule}]"))
    message = finding.message
    if finding.unit is not None:
        message += f" (unit {finding.unit})"
    if finding.suggestion is not None:
        message += f"\nFix: {finding.suggestion}"
    return command(COMMANDS[finding.severity], properties, message)


def error_annotation(error: FileError) -> str:
    """The workflow command for a file or glossary that could not be checked."""
    properties: list[tuple[str, object]] = [("file", error.path)]
    if error.line:
        properties.append(("line", error.line))
    properties.append(("title", "tqcheck input error"))
    return command("error", properties, error.message)


def render(result: RunResult, color: bool = False) -> str:
    """Annotations for findings (sorted) then errors; empty for a clean run."""
    lines = [annotation(f) for f in sorted(result.findings, key=Finding.sort_key)]
    lines += [error_annotation(e) for e in result.errors]
    return "".join(line + "\n" for line in lines)
