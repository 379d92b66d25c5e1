"""Glossary compliance reports: per concept and per file, how the glossary's terms were written.

`model` holds the pure data, `collect` builds it from documents (`collect`) or paths
(`collect_paths`); renderers live in tqcheck.report.compliance_text and compliance_html.
"""

from tqcheck.compliance.collect import collect, collect_paths, scan_document
from tqcheck.compliance.model import (
    Compliance,
    ConceptReport,
    Counts,
    FileConcept,
    FileReport,
    FlaggedForm,
    Occurrence,
)

__all__ = [
    "Compliance",
    "ConceptReport",
    "Counts",
    "FileConcept",
    "FileReport",
    "FlaggedForm",
    "Occurrence",
    "collect",
    "collect_paths",
    "scan_document",
]
