"""Glossary compliance as versioned JSON (schema in docs/report.md): a pure function.

Deterministic: sorted keys, no timestamps, UTF-8 kept readable.
"""

from __future__ import annotations

import json
from typing import Any

from tqcheck import __version__
from tqcheck.compliance.model import (
    WRONG_KINDS,
    Compliance,
    ConceptReport,
    Counts,
    FlaggedForm,
    Occurrence,
)

SCHEMA_VERSION = 1


def _counts(counts: Counts) -> dict[str, int]:
    kinds = {k: getattr(counts, k) for k in ("accepted", "house", *WRONG_KINDS)}
    return {**kinds, "wrong": counts.wrong}


def _success(counts: Counts) -> dict[str, Any] | None:
    rate = counts.success
    if rate is None:
        return None
    return {"found": counts.found, "rendered": counts.rendered, "rate": round(rate, 4)}


def _location(at: Occurrence) -> dict[str, Any]:
    return {
        "path": at.path,
        "line": at.line,
        "column": at.column,
        "end_line": at.end_line,
        "end_column": at.end_column,
    }


def _wrong(w: FlaggedForm, locations: bool = True) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "concept": w.concept,
        "form": w.form,
        "kind": w.kind,
        "preferred": w.preferred,
        "count": w.count,
    }
    if locations:
        entry["locations"] = [_location(at) for at in w.occurrences]
    return entry


def _forms(forms: tuple[tuple[str, int], ...]) -> list[dict[str, Any]]:
    return [{"form": form, "count": n} for form, n in forms]


def _summary(report: Compliance) -> dict[str, Any]:
    worst = [
        {"path": f.path, "words": f.words, "wrong": f.counts.wrong, "per_1000_words": f.per_1000}
        for f in report.worst_files()
    ]
    return {
        "files": len(report.files),
        "words": report.words,
        "concepts_loaded": report.concepts_loaded,
        "concepts_seen": len(report.concepts),
        "counts": _counts(report.totals),
        "term_success": _success(report.totals),
        "inconsistencies": len(report.inconsistencies()),
        "worst_files": worst,
        "top_wrong_forms": [_wrong(w, False) for w in report.top_wrong_forms()],
    }


def _concept(c: ConceptReport) -> dict[str, Any]:
    files = [
        {
            "path": f.path,
            "counts": _counts(f.counts),
            "term_success": _success(f.counts),
            "inconsistent": list(f.inconsistent),
            "forms": _forms(f.forms),
        }
        for f in c.files
    ]
    return {
        "id": c.id,
        "class": c.cls,
        "preferred": c.preferred,
        "counts": _counts(c.counts),
        "term_success": _success(c.counts),
        "files": files,
        "flagged_forms": [_wrong(w) for w in c.flagged],
    }


def to_dict(report: Compliance) -> dict[str, Any]:
    """The whole report as a JSON-ready mapping (schema version 1)."""
    files = [
        {
            "path": f.path,
            "words": f.words,
            "counts": _counts(f.counts),
            "per_1000_words": f.per_1000,
            "term_success": _success(f.counts),
        }
        for f in report.files
    ]
    mixed = [
        {"path": f.path, "concept": c.id, "reasons": list(f.inconsistent), "forms": _forms(f.forms)}
        for c, f in report.inconsistencies()
    ]
    errors = [
        {"path": e.path, "message": e.message, **({"line": e.line} if e.line else {})}
        for e in report.errors
    ]
    signature = {k: v for k, v in report.signature.items() if k != "tool_version"}
    tool = {"name": "tqcheck", "version": report.signature.get("tool_version", __version__)}
    return {
        "version": SCHEMA_VERSION,
        "tool": tool,
        "signature": signature,
        "summary": _summary(report),
        "concepts": [_concept(c) for c in report.concepts],
        "files": files,
        "inconsistencies": mixed,
        "errors": errors,
    }


def render_json(report: Compliance) -> str:
    """Deterministic JSON: sorted keys, UTF-8 kept readable."""
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
