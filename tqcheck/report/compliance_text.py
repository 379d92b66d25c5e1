"""Glossary compliance as Markdown and CSV: pure functions of a Compliance.

Markdown is for people (summary, worst files, frequent wrong forms, concepts, locations),
CSV has one row per concept and file for spreadsheets. Output is deterministic: fixed
order, no timestamps. The labels and helpers here are shared by the HTML and JSON reports.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata

from tqcheck.compliance.model import (
    WRONG_KINDS,
    Compliance,
    Counts,
    FlaggedForm,
    Occurrence,
)

KIND_LABELS = {
    "accepted": "accepted",
    "house": "house-style variant",
    "case": "miscased",
    "deprecated": "deprecated",
    "superseded": "superseded",
    "source": "source-language",
}
REASON_LABELS = {"houses": "two house styles", "wrong": "right and wrong forms"}
CSV_COLUMNS = (
    "concept",
    "class",
    "preferred",
    "path",
    "accepted",
    "house",
    "case",
    "deprecated",
    "superseded",
    "source",
    "wrong",
    "source_found",
    "source_rendered",
    "inconsistent",
    "forms",
)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def percent(counts: Counts) -> str:
    """The term success rate as "85.7% (6/7)", or "—" where no source term was found."""
    rate = counts.success
    return "—" if rate is None else f"{rate:.1%} ({counts.rendered}/{counts.found})"


def where(occurrence: Occurrence) -> str:
    """path:line:column of an occurrence."""
    return f"{occurrence.path}:{occurrence.line}:{occurrence.column}"


def wrong_breakdown(counts: Counts) -> str:
    """ "2 miscased, 1 deprecated": the wrong kinds that occur, in a fixed order."""
    parts = [f"{getattr(counts, k)} {KIND_LABELS[k]}" for k in WRONG_KINDS if getattr(counts, k)]
    return ", ".join(parts)


def _md(text: str) -> str:
    """Markdown-escaped text on one line (edges kept: excerpts join around the match)."""
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def _table(header: tuple[str, ...], rows: list[tuple[object, ...]], right: int = 0) -> list[str]:
    """A Markdown table; the last `right` columns are right-aligned numbers."""
    rule = ["---"] * (len(header) - right) + ["---:"] * right
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def _md_summary(report: Compliance) -> list[str]:
    totals, sig = report.totals, report.signature
    wrong = f"{totals.wrong}" + (f" ({wrong_breakdown(totals)})" if totals.wrong else "")
    rows = [
        ("Files", len(report.files)),
        ("Words", report.words),
        ("Concepts seen", f"{len(report.concepts)} of {report.concepts_loaded}"),
        ("Accepted forms", totals.accepted),
        ("House-style variants", totals.house),
        ("Wrong forms", wrong),
        ("Inconsistent uses", len(report.inconsistencies())),
        ("Term success (source known)", percent(totals)),
    ]
    target = f"{sig.get('source_lang') or 'any'} → {sig.get('target_lang') or 'en'}"
    return [
        f"Profile {_md(str(sig.get('profile', 'default')))}, languages {target}.",
        "",
        *_table(("", "Value"), rows),
    ]


def _md_worst(report: Compliance) -> list[str]:
    rows = [
        (_md(f.path), f.words, f.counts.wrong, f"{f.per_1000:.2f}") for f in report.worst_files()
    ]
    return _table(("File", "Words", "Wrong forms", "Per 1,000 words"), rows, 3) if rows else []


def _md_top(report: Compliance) -> list[str]:
    rows = [
        (
            f"[{_md(w.form)}](#{anchor(w)})",
            _md(w.preferred),
            f"`{w.concept}`",
            KIND_LABELS[w.kind],
            w.count,
        )
        for w in report.top_wrong_forms()
    ]
    return _table(("Wrong form", "Use", "Concept", "Kind", "Count"), rows, 1) if rows else []


def _md_concepts(report: Compliance) -> list[str]:
    rows = [
        (
            f"`{c.id}`",
            c.cls,
            _md(c.preferred),
            len(c.files),
            c.counts.accepted,
            c.counts.house,
            c.counts.wrong,
            percent(c.counts),
        )
        for c in report.concepts
    ]
    header = ("Concept", "Class", "Preferred", "Files", "Accepted", "House", "Wrong", "Success")
    return _table(header, rows, 5) if rows else ["No glossary term was found."]


def _md_files(report: Compliance) -> list[str]:
    rows = [
        (
            _md(f.path),
            f.words,
            f.counts.accepted,
            f.counts.house,
            f.counts.wrong,
            f"{f.per_1000:.2f}",
            percent(f.counts),
        )
        for f in report.files
    ]
    header = ("File", "Words", "Accepted", "House", "Wrong", "Per 1,000 words", "Success")
    return _table(header, rows, 6)


def _md_inconsistencies(report: Compliance) -> list[str]:
    rows = [
        (
            _md(f.path),
            f"`{c.id}`",
            _md(", ".join(f"{form} ×{n}" for form, n in f.forms)),
            "; ".join(REASON_LABELS[r] for r in f.inconsistent),
        )
        for c, f in report.inconsistencies()
    ]
    return _table(("File", "Concept", "Forms", "Why"), rows) if rows else []


def anchor(wrong: FlaggedForm) -> str:
    """A stable fragment id for a wrong form's locations."""
    key = f"{wrong.concept} {wrong.kind} {wrong.form}"
    ascii_key = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_key.lower()).strip("-")
    return f"w-{slug}-{hashlib.sha256(key.encode()).hexdigest()[:6]}"  # "Kiev" ≠ "KIEV"


def _md_locations(report: Compliance) -> list[str]:
    lines: list[str] = []
    for concept in report.concepts:
        for wrong in concept.flagged:
            about = f"`{wrong.concept}`, {KIND_LABELS[wrong.kind]}, ×{wrong.count}"
            lines += [
                "",
                f'<a id="{anchor(wrong)}"></a>',
                "",
                f"### {_md(wrong.form)} → {_md(wrong.preferred)} ({about})",
                "",
            ]
            for at in wrong.occurrences:
                before, match, after = at.excerpt()
                lines.append(f"- {_md(where(at))}: {_md(before)}**{_md(match)}**{_md(after)}")
    return lines[1:]


def render_markdown(report: Compliance) -> str:
    """The report as one Markdown page."""
    sections = [
        ("Worst files", _md_worst(report)),
        ("Most frequent wrong forms", _md_top(report)),
        ("Concepts", _md_concepts(report)),
        ("Files", _md_files(report)),
        ("Inconsistent uses in one file", _md_inconsistencies(report)),
        ("Locations of flagged forms", _md_locations(report)),
        ("Errors", [f"- {_md(str(e))}" for e in report.errors]),
    ]
    lines = ["# Glossary compliance report", "", *_md_summary(report)]
    for title, body in sections:
        if body:
            lines += ["", f"## {title}", "", *body]
    return "\n".join(lines) + "\n"


def render_csv(report: Compliance) -> str:
    """One row per concept and file, with counts by kind and source-term success."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in report.concepts:
        for f in c.files:
            k = f.counts
            writer.writerow(
                [
                    c.id,
                    c.cls,
                    c.preferred,
                    f.path,
                    k.accepted,
                    k.house,
                    k.case,
                    k.deprecated,
                    k.superseded,
                    k.source,
                    k.wrong,
                    k.found,
                    k.rendered,
                    ";".join(f.inconsistent),
                    "; ".join(f"{form}={n}" for form, n in f.forms),
                ]
            )
    return out.getvalue()
