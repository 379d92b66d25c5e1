"""Pure data of a check run: severities, rule hits, findings and results. No I/O here."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """How serious a finding is; higher is worse, so thresholds compare with >=."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """Lower-case name used in output and configuration."""
        return self.name.lower()

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        """Read a severity from its name ("error", "warning", "info")."""
        if isinstance(value, Severity):
            return value
        try:
            return cls[value.strip().upper()]
        except KeyError:
            names = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {value!r}; use one of: {names}") from None


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule reports: a span relative to the unit it was given, and why.

    `severity` is set only when rule *data* (a glossary entry) carries one; the engine
    still has the last word through configuration.
    """

    start: int
    end: int
    message: str
    suggestion: str | None = None
    evidence: Mapping[str, Any] = field(default_factory=dict)
    severity: Severity | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """A located, classified hit: the unit of every report."""

    path: str
    code: str
    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    suggestion: str | None = None
    evidence: Mapping[str, Any] = field(default_factory=dict)
    fingerprint: str = ""
    unit: str | None = None  # the translation unit's id in XLIFF, PO, TMX and CSV files

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by file, position, then code, so output is deterministic."""
        return (self.path, self.start, self.end, self.code)


@dataclass(frozen=True, slots=True)
class FileError:
    """A file (or glossary) that could not be checked, with a one-line cause."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class RunResult:
    """Everything one run produced; reporters are pure functions of it."""

    findings: tuple[Finding, ...]
    errors: tuple[FileError, ...] = ()
    files: tuple[str, ...] = ()
    signature: Mapping[str, Any] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)  # path -> text, for excerpts

    def count_by_severity(self) -> dict[str, int]:
        """Finding counts keyed by severity label, worst first, zeros included."""
        counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
        for finding in self.findings:
            counts[finding.severity.label] += 1
        return counts
