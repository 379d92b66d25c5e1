"""The compliance report's data: counts per concept and file, wrong forms and locations.

Pure data, no I/O; the reporters (tqcheck.report.compliance_*) are functions of Compliance.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from tqcheck.glossary.model import Concept
from tqcheck.model import FileError

WRONG_KINDS = ("case", "deprecated", "superseded", "source")
KINDS = ("accepted", "house", *WRONG_KINDS)
TOP = 10  # rows in "worst files" and "most frequent wrong forms"
RULES = ("TQ1", "TQ501")  # the glossary rules whose classification the report mirrors


@dataclass(frozen=True, slots=True)
class Counts:
    """Occurrences by kind, and source terms found and rendered where a source is known."""

    accepted: int = 0
    house: int = 0
    case: int = 0
    deprecated: int = 0
    superseded: int = 0
    source: int = 0
    found: int = 0
    rendered: int = 0

    @property
    def wrong(self) -> int:
        """Occurrences of wrong forms: miscased, deprecated, superseded, source-language."""
        return self.case + self.deprecated + self.superseded + self.source

    @property
    def total(self) -> int:
        """All target-side occurrences."""
        return self.accepted + self.house + self.wrong

    @property
    def success(self) -> float | None:
        """Source terms rendered / source terms found; None where no source term was found."""
        return self.rendered / self.found if self.found else None

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(Counts)))


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Where a form was written: 1-based line and column (code points) and the line's text."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    line_text: str

    def excerpt(self, width: int = 60) -> tuple[str, str, str]:
        """The line as (before, match, after), each side cut to about `width` characters."""
        start = self.column - 1
        end = self.end_column - 1 if self.end_line == self.line else len(self.line_text)
        before, after = self.line_text[:start], self.line_text[end:]
        if len(before) > width:
            before = "…" + before[-width:].lstrip()
        if len(after) > width:
            after = after[:width].rstrip() + "…"
        return before, self.line_text[start:end], after


@dataclass(frozen=True, slots=True)
class FlaggedForm:
    """A form the profile flags, as written, the form to use instead, and its locations.

    Wrong forms (miscased, deprecated, superseded, source-language), and under a house
    profile also other houses' forms (kind "house", which TQ107 reports).
    """

    concept: str
    form: str
    kind: str
    preferred: str
    occurrences: tuple[Occurrence, ...]

    @property
    def count(self) -> int:
        """How many times the form was written."""
        return len(self.occurrences)

    @property
    def wrong(self) -> bool:
        """True for a wrong form; False for another house's form."""
        return self.kind in WRONG_KINDS


@dataclass(frozen=True, slots=True)
class FileConcept:
    """One concept in one file: counts, the forms written, and why it is inconsistent."""

    path: str
    counts: Counts
    forms: tuple[tuple[str, int], ...]  # (form, count), most frequent first
    inconsistent: tuple[str, ...] = ()  # "houses": two houses' forms; "wrong": right and wrong


@dataclass(frozen=True, slots=True)
class ConceptReport:
    """One glossary concept across the run."""

    id: str
    cls: str
    preferred: str
    counts: Counts
    files: tuple[FileConcept, ...]
    flagged: tuple[FlaggedForm, ...]


@dataclass(frozen=True, slots=True)
class FileReport:
    """One file across all concepts."""

    path: str
    words: int
    counts: Counts

    @property
    def per_1000(self) -> float:
        """Wrong-form occurrences per 1,000 words."""
        return round(self.counts.wrong * 1000 / self.words, 2) if self.words else 0.0


@dataclass(frozen=True)
class Compliance:
    """The whole report: concepts seen, files read, errors and the run's signature."""

    concepts: tuple[ConceptReport, ...]
    files: tuple[FileReport, ...]
    errors: tuple[FileError, ...] = ()
    concepts_loaded: int = 0
    signature: Mapping[str, Any] = field(default_factory=dict)

    @property
    def totals(self) -> Counts:
        """Counts over every file."""
        return sum((f.counts for f in self.files), Counts())

    @property
    def words(self) -> int:
        """Words read in all files."""
        return sum(f.words for f in self.files)

    def worst_files(self, limit: int = TOP) -> tuple[FileReport, ...]:
        """Files with wrong forms, most per 1,000 words first."""
        bad = [f for f in self.files if f.counts.wrong]
        return tuple(sorted(bad, key=lambda f: (-f.per_1000, -f.counts.wrong, f.path))[:limit])

    def top_wrong_forms(self, limit: int = TOP) -> tuple[FlaggedForm, ...]:
        """The most frequent wrong forms over all concepts."""
        forms = [w for c in self.concepts for w in c.flagged if w.wrong]
        return tuple(sorted(forms, key=lambda w: (-w.count, w.form, w.concept))[:limit])

    def inconsistencies(self) -> tuple[tuple[ConceptReport, FileConcept], ...]:
        """(concept, file) pairs that mix houses' forms, or right and wrong forms."""
        pairs = [(c, f) for c in self.concepts for f in c.files if f.inconsistent]
        return tuple(sorted(pairs, key=lambda p: (p[1].path, p[0].id)))


@dataclass(frozen=True, slots=True)
class Seen:
    """One classified glossary match: its concept, kind, form and (if wrong) location."""

    concept: Concept
    kind: str
    form: str  # the glossary form when accepted or house; else as written
    preferred: str
    where: Occurrence | None = None


@dataclass(frozen=True, slots=True)
class DocumentScan:
    """What one document contributes: words, classified matches, source terms."""

    path: str
    words: int
    seen: tuple[Seen, ...]
    terms: tuple[tuple[Concept, int, int], ...] = ()  # (concept, found, rendered)
