"""Collecting the compliance report: glossary matches classified exactly as the rules do.

`collect` is pure: it reads Documents with a Checker's compiled glossary and classifies each
match with `classified_matches` (the TQ1xx rules' own classification); where a source is
known (translation units, `--source` pairs) it counts source terms rendered as TQ501 does.
`collect_paths` reads the files.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace

from tqcheck.compliance.model import (
    KINDS,
    RULES,
    WRONG_KINDS,
    Compliance,
    ConceptReport,
    Counts,
    DocumentScan,
    FileConcept,
    FileReport,
    FlaggedForm,
    Occurrence,
    Seen,
)
from tqcheck.config import Config
from tqcheck.document import Document, InputError
from tqcheck.engine import STDIN, Checker, expand_paths, read_any
from tqcheck.glossary.model import Concept
from tqcheck.glossary.terms import FormScanner, TermChecker
from tqcheck.model import FileError
from tqcheck.rules.base import RuleContext
from tqcheck.rules.bilingual import term_checker  # TQ501's requirements, shared on purpose
from tqcheck.rules.glossary_rules import classified_matches

SIGNATURE_KEYS = ("tool_version", "glossaries", "profile", "source_lang", "target_lang")


def _context(document: Document, checker: Checker) -> RuleContext:
    config = checker.config
    langs = (config.source_lang,) if config.source_lang else ()
    return RuleContext(
        document=document,
        glossary=checker.glossary,
        profile=config.profile,
        target_lang=config.target,
        source_langs=langs,
    )


def scan_document(document: Document, checker: Checker) -> DocumentScan:
    """Classify a document's glossary matches as the rules do, and count its source terms."""
    checker = checker.for_document(document)
    context = _context(document, checker)
    seen = []
    for item in classified_matches(context) if checker.glossary else ():
        concept, form = item.concept, " ".join(item.match.surface.split())
        if item.kind == "accepted":
            if concept.cls != "false_friend":  # its accepted forms are ordinary words
                seen.append(Seen(concept, item.kind, item.form.text, item.form.text))
            continue
        preferred = _instead(item.kind, concept, item.form.text, context.profile)
        form = item.form.text if item.kind == "house" else form
        at = document.locate(item.match.start, item.match.end)
        where = Occurrence(
            document.path,
            at.line,
            at.column,
            at.end_line,
            at.end_column,
            document.line_text(at.line),
        )
        seen.append(Seen(concept, item.kind, form, preferred, where))
    terms = source_terms(document, context)
    return DocumentScan(document.path, len(document.prose.split()), tuple(seen), terms)


def _instead(kind: str, concept: Concept, form: str, profile: str) -> str:
    """The form to write instead, as the rules suggest it (TQ101–TQ104, TQ107)."""
    if kind == "case":
        return form
    wanted = concept.house(profile).forms
    if kind == "house":  # the same role in the profile's house: full name, surname…
        for house in concept.houses().values():
            if form in house.forms and house.forms.index(form) < len(wanted):
                return wanted[house.forms.index(form)]
    return wanted[0]


def source_terms(document: Document, context: RuleContext) -> tuple[tuple[Concept, int, int], ...]:
    """Per concept: source terms found in the document's aligned segments, and rendered."""
    checker = term_checker(context) if document.segments else None
    if checker is None or context.glossary is None:
        return ()
    scanner = _source_scanner(checker, context)
    found: Counter[str] = Counter()
    missing: Counter[str] = Counter()
    for segment in document.segments:
        target = document.prose[segment.start : segment.end]
        if not (segment.aligned and segment.has_target and target.strip()):
            continue  # as TQ501: an unaligned segment is reported once (TQ508), not scored
        for _, _, payloads in scanner.find(segment.source):
            found.update(str(checker.requirements[i].key) for i in payloads)
        for gap in checker.gaps(segment.source, target):
            missing[str(gap.requirement.key)] += gap.in_source - gap.in_target
    by_id = {c.id: c for c in context.glossary.concepts}
    return tuple((by_id[key], n, n - missing[key]) for key, n in sorted(found.items()))


def _source_scanner(checker: TermChecker, context: RuleContext) -> FormScanner:
    """A scanner over the source forms of TQ501's requirements, built once per run."""
    memo = context.run_memo()
    cached = memo.get("compliance:source_scanner")
    if cached is None or cached[0] is not checker:
        langs = context.source_langs
        forms = ((form, i) for i, r in enumerate(checker.requirements) for form in r.source_forms)
        cached = memo["compliance:source_scanner"] = (
            checker,
            FormScanner(forms, langs[0] if len(langs) == 1 else None),
        )
    return cached[1]


def collect(
    documents: Iterable[Document], checker: Checker, errors: Sequence[FileError] = ()
) -> Compliance:
    """The compliance report of some documents under a checker's glossaries and profile."""
    return build([scan_document(d, checker) for d in documents], checker, errors)


def build(
    scans: Sequence[DocumentScan], checker: Checker, errors: Sequence[FileError]
) -> Compliance:
    """Assemble per-document scans into the report (files in the order given)."""
    files = [FileReport(s.path, s.words, _scan_counts(s)) for s in scans]
    seen: dict[str, dict[str, list[Seen]]] = defaultdict(lambda: defaultdict(list))
    terms: dict[str, dict[str, Counts]] = defaultdict(lambda: defaultdict(Counts))
    concepts: dict[str, Concept] = {}
    for scan in scans:
        for item in scan.seen:
            seen[item.concept.id][scan.path].append(item)
            concepts.setdefault(item.concept.id, item.concept)
        for concept, found, rendered in scan.terms:
            terms[concept.id][scan.path] += Counts(found=found, rendered=rendered)
            concepts.setdefault(concept.id, concept)
    order = {s.path: i for i, s in enumerate(scans)}
    profile = checker.config.profile
    reports = [
        _concept_report(c, c.preferred_for(profile), seen[c.id], terms[c.id], order)
        for c in concepts.values()
    ]
    reports.sort(key=lambda c: (-c.counts.wrong, -c.counts.total, c.id))
    signature = {k: v for k, v in checker.signature().items() if k in SIGNATURE_KEYS}
    loaded = len(checker.glossary.concepts) if checker.glossary else 0
    return Compliance(tuple(reports), tuple(files), tuple(errors), loaded, signature)


def _counts(items: Iterable[Seen]) -> Counts:
    kinds = Counter(item.kind for item in items)
    return Counts(**{kind: kinds[kind] for kind in KINDS})


def _scan_counts(scan: DocumentScan) -> Counts:
    found = sum(f for _, f, _ in scan.terms)
    return _counts(scan.seen) + Counts(found=found, rendered=sum(r for _, _, r in scan.terms))


def _concept_report(
    concept: Concept,
    preferred: str,
    seen: Mapping[str, list[Seen]],
    terms: Mapping[str, Counts],
    order: Mapping[str, int],
) -> ConceptReport:
    """One concept: per-file counts and forms, and its wrong forms with their locations."""
    files = []
    wrong: dict[tuple[str, str], list[Seen]] = defaultdict(list)
    for path in sorted({*seen, *terms}, key=order.__getitem__):
        items = seen.get(path, [])
        counts = _counts(items) + terms.get(path, Counts())
        forms = sorted(Counter(item.form for item in items).items(), key=lambda f: (-f[1], f[0]))
        files.append(FileConcept(path, counts, tuple(forms), _inconsistent(concept, items)))
        for item in items:
            if item.where is not None:
                wrong[(item.kind, item.form)].append(item)
    forms = [
        FlaggedForm(
            concept.id, form, kind, items[0].preferred, tuple(i.where for i in items if i.where)
        )
        for (kind, form), items in wrong.items()
    ]
    forms.sort(key=lambda w: (-w.count, w.form, w.kind))
    total = sum((f.counts for f in files), Counts())
    return ConceptReport(concept.id, concept.cls, preferred, total, tuple(files), tuple(forms))


def _inconsistent(concept: Concept, items: Sequence[Seen]) -> tuple[str, ...]:
    """Why one file's uses of a concept disagree (TQ105's test, plus right-and-wrong)."""
    right = {item.form for item in items if item.kind in ("accepted", "house")}
    reasons = []
    if len(right) > 1 and not any(right <= set(h.forms) for h in concept.houses().values()):
        reasons.append("houses")
    if right and any(item.kind in WRONG_KINDS for item in items):
        reasons.append("wrong")
    return tuple(reasons)


def report_config(config: Config) -> Config:
    """The configuration a report runs with: the glossary rules on, nothing else to load."""
    return replace(config, select=RULES, ignore=(), per_file_ignores=(), embeddings=False)


def collect_paths(
    paths: Sequence[str], config: Config, progress: Callable[[int, int], None] | None = None
) -> Compliance:
    """Read files and directories and report on them; unreadable files become errors."""
    checker = Checker.from_config(report_config(config))
    errors, scans = list(checker.errors), []
    todo = list(expand_paths(paths, checker.config))
    for done, path in enumerate(todo, 1):
        try:
            scans.append(scan_document(read_any(path, checker.config), checker))
        except InputError as exc:
            name = "<stdin>" if path == STDIN else path
            errors.append(FileError(name, str(exc).removeprefix(f"{name}: ")))
        if progress is not None:
            progress(done, len(todo))
    return build(scans, checker, errors)
