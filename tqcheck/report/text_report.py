"""Human output: findings grouped by file, the line with a caret under the span, a summary."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from tqcheck.model import Finding, RunResult, Severity

WINDOW = 72  # characters of context shown around a span on long lines
_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def render(result: RunResult, color: bool = False) -> str:
    """Render a run; excerpts are shown for files whose text the result carries."""
    out: list[str] = []
    for path, group in groupby(result.findings, key=lambda f: f.path):
        for finding in group:
            out.extend(_finding(finding, color, result.sources.get(path)))
        out.append("")
    out.extend(_summary(result, color))
    return "\n".join(out) + "\n"


def _finding(finding: Finding, color: bool, text: str | None) -> list[str]:
    where = f"{finding.path}:{finding.line}:{finding.column}"
    label = _paint(finding.severity.label, _COLORS[finding.severity], color)
    unit = f" (unit {finding.unit})" if finding.unit is not None else ""
    head = (
        f"{_paint(where, '1', color)}: {finding.code} [{finding.rule}] {label}: "
        f"{finding.message}{unit}"
    )
    lines = [head]
    if text is not None:
        lines.extend(_excerpt(finding, text, color))
    if finding.suggestion is not None:
        lines.append(f"    = fix: {finding.suggestion}")
    return lines


def _excerpt(finding: Finding, text: str, color: bool) -> list[str]:
    """The finding's line, clipped to a window around the span, with carets under it."""
    line_start = text.rfind("\n", 0, finding.start) + 1
    line_end = text.find("\n", finding.start)
    line = text[line_start : line_end if line_end >= 0 else len(text)].rstrip("\r")
    col = finding.start - line_start
    span = max(1, min(finding.end, line_start + len(line)) - finding.start)
    left = max(0, col - WINDOW // 2)
    right = min(len(line), max(col + min(span, WINDOW), left + WINDOW))
    prefix = "…" if left else ""
    suffix = "…" if right < len(line) else ""
    shown = prefix + line[left:right].replace("\t", " ") + suffix
    caret = " " * (len(prefix) + col - left) + "^" * max(1, min(span, right - col))
    gutter = f"{finding.line:>5} | "
    return [gutter + shown, " " * (len(gutter) - 2) + "| " + _paint(caret, "1;31", color)]


def _summary(result: RunResult, color: bool) -> Iterable[str]:
    counts = result.count_by_severity()
    files = len(result.files)
    total = len(result.findings)
    parts = ", ".join(f"{n} {label}{'s' if n != 1 and label != 'info' else ''}"
                      for label, n in counts.items() if n)  # fmt: skip
    noun = "finding" if total == 1 else "findings"
    line = f"{total} {noun}" + (f" ({parts})" if parts else "") + f" in {files} file"
    line += "" if files == 1 else "s"
    if result.errors:
        line += f"; {len(result.errors)} could not be checked"
    yield _paint(line, "1", color)
