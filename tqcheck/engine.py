"""The engine: the only place that selects rules, locates hits, sets severity and sorts."""

from __future__ import annotations

import bisect
import difflib
import hashlib
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqcheck import __version__
from tqcheck.config import Config, ConfigError
from tqcheck.document import Document, InputError
from tqcheck.embeddings import Embedder
from tqcheck.formats.aligned import Similarity
from tqcheck.glossary.loader import GlossaryError, display_name, load_glossary
from tqcheck.glossary.matcher import CompiledGlossary
from tqcheck.glossary.model import Glossary
from tqcheck.inputs import (  # noqa: F401  (re-exported: the engine is the public API)
    CHECKED_SUFFIXES,
    STDIN,
    TEXT_SUFFIXES,
    expand_paths,
    matches_glob,
    read_any,
    with_languages,
)
from tqcheck.langid import LanguageDetector
from tqcheck.model import FileError, Finding, Hit, RunResult, Severity
from tqcheck.rules import all_rules, selector_specificity
from tqcheck.rules.base import Rule, RuleContext, RunUnit, SegmentRecord, Unit

SHIPPED_DIR = Path(__file__).parent / "glossaries"


def select_rules(select: Sequence[str], ignore: Sequence[str]) -> tuple[Rule, ...]:
    """Rules enabled by select/ignore: the most specific selector wins, a tie goes to ignore."""
    rules = all_rules()
    for selector in (*select, *ignore):
        _check_selector(selector, rules)

    def best(selectors: Sequence[str], rule: Rule) -> int:
        return max((_specificity(s, rule) for s in selectors), default=-1)

    enabled = []
    for rule in rules:
        picked = best(select, rule) if select else 0
        dropped = best(ignore, rule)
        if picked >= 0 and picked > dropped:
            enabled.append(rule)
    return tuple(enabled)


def _specificity(selector: str, rule: Rule) -> int:
    return selector_specificity(selector, rule.code, rule.name)


def _check_selector(selector: str, rules: Sequence[Rule]) -> None:
    if any(_specificity(selector, r) >= 0 for r in rules):
        return
    names = [r.name for r in rules] + [r.code for r in rules]
    close = difflib.get_close_matches(selector.lower(), names, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise ConfigError(f"unknown rule selector {selector!r}{hint} (see `tqcheck rules`)")


def shipped_glossary_paths() -> list[Path]:
    """The glossaries that ship with tqcheck."""
    return sorted(SHIPPED_DIR.glob("*.yaml"))


@dataclass
class Checker:
    """Compiled glossaries and selected rules, ready to check many documents."""

    config: Config
    rules: tuple[Rule, ...]
    glossary: CompiledGlossary | None
    glossaries: tuple[Glossary, ...]
    errors: tuple[FileError, ...] = ()
    _detector: LanguageDetector | None = field(default=None, repr=False)
    _embedder: Embedder | None = field(default=None, repr=False)
    _variants: dict[tuple[str | None, str | None], Checker] = field(default_factory=dict,
                                                                  repr=False)  # fmt: skip

    @classmethod
    def from_config(cls, config: Config) -> Checker:
        """Load glossaries and select rules; glossary problems become errors, not crashes."""
        rules = select_rules(config.select, config.ignore)
        glossaries, errors = _load_glossaries(config)
        needs_glossary = any("glossary" in r.needs for r in rules)
        source_langs = (config.source_lang,) if config.source_lang else None
        compiled = (
            CompiledGlossary(glossaries, config.profile, source_langs)
            if needs_glossary and glossaries
            else None
        )
        return cls(config, rules, compiled, tuple(glossaries), tuple(errors))

    def signature(self) -> dict[str, object]:
        """What makes a run reproducible: tool version, glossary hashes, languages, rules."""
        return {
            "tool_version": __version__,
            "glossaries": {display_name(g.path): g.sha256 for g in self.glossaries},
            "source_lang": self.config.source_lang,
            "target_lang": self.config.target,
            "profile": self.config.profile,
            "rules": [r.code for r in self.rules],
            "fail_on": self.config.fail_on.label,
            "config_files": [Path(p).name for p in self.config.config_files],
            **self._langid_signature(),
            **self._embedding_signature(),
        }

    def _wants_embeddings(self) -> bool:
        return self.config.embeddings and any("embeddings" in r.needs for r in self.rules)

    def _embedding_signature(self) -> dict[str, object]:
        """Embedding model and decision thresholds, when a semantic rule may run."""
        if not self._wants_embeddings():
            return {}
        from tqcheck.embeddings import DEFAULT_MODEL
        from tqcheck.rules.semantic import MARGIN_MIN, SIM_MIN, SWAP_MAX, TOP_K

        given = self.config.thresholds
        return {"embeddings": {"model": self.config.model or DEFAULT_MODEL,
                               "sim_min": given.get("sim-min", SIM_MIN),
                               "margin_min": given.get("margin-min", MARGIN_MIN),
                               "swap_max": given.get("swap-max", SWAP_MAX),
                               "top_k": TOP_K}}  # fmt: skip

    def embedder(self) -> Embedder | None:
        """The embedding model, loaded on first use, only if a selected rule needs it.

        The default model is English: for another target language without a multilingual
        model, semantic rules are skipped with a one-line notice (never silently).
        """
        if not self._wants_embeddings():
            return None
        if self._embedder is None:
            from tqcheck.embeddings import load_embedder, multilingual_name

            if self.config.target != "en" and not multilingual_name(self.config.model):
                _notice_once(f"embedding rules skipped: the model is English-only and the "
                             f"target language is {self.config.target} (use --model "
                             "with a multilingual sentence-transformers model)")  # fmt: skip
                return None
            self._embedder = load_embedder(self.config.model)
        return self._embedder

    def _langid_signature(self) -> dict[str, object]:
        """Language-ID backend and thresholds, when a language rule ran."""
        if not any("langid" in r.needs for r in self.rules):
            return {}
        from tqcheck.langid import MIN_CONFIDENCE, MIN_WORDS, PLAUSIBLE

        return {"langid": {"backend": "langdetect 1.0.9 (seed 0)", "languages": list(PLAUSIBLE),
                           "min_words": MIN_WORDS, "min_confidence": MIN_CONFIDENCE}}  # fmt: skip

    def language_detector(self) -> LanguageDetector | None:
        """The language detector, created on first use and only if a rule needs "langid"."""
        if not any("langid" in r.needs for r in self.rules):
            return None
        if self._detector is None:
            from tqcheck.langid import PLAUSIBLE, create_detector

            self._detector = create_detector(tuple(sorted({*PLAUSIBLE, self.config.target})))
        return self._detector

    def for_document(self, document: Document) -> Checker:
        """This checker, or one for the languages a file declares where the user set none.

        An XLIFF file that says en→fr is checked as French unless --target-lang says
        otherwise; glossaries and detectors are picked for those languages, once per pair.
        """
        source = self.config.source_lang or document.source_lang
        target = self.config.target_lang or document.target_lang
        if (source, target) == (self.config.source_lang, self.config.target_lang):
            return self
        key = (source, target)
        if key not in self._variants:
            from dataclasses import replace

            variant = Checker.from_config(replace(self.config, source_lang=source,
                                                  target_lang=target))  # fmt: skip
            variant._embedder = self._embedder if variant.config.target == self.config.target \
                else None  # fmt: skip
            self._variants[key] = variant
        return self._variants[key]

    def check(self, document: Document, suppress: bool = True) -> list[Finding]:
        """All findings of one document, deduplicated and sorted.

        Inline suppression comments apply unless `suppress` is False (then TQ901 is silent).
        """
        checker = self.for_document(document)
        if checker is not self:
            return checker.check(document, suppress)
        context = RuleContext(
            document=document,
            glossary=self.glossary,
            profile=self.config.profile,
            target_lang=self.config.target,
            source_langs=(self.config.source_lang,) if self.config.source_lang else (),
            detector=self.language_detector(),
            embedder=self.embedder(),
            settings=dict(self.config.thresholds),
        )
        located = []
        ran: set[str] = set()  # codes of the rules that ran (suppressions are judged by them)
        units: dict[str, list[Unit]] = {}  # built once per scope, shared by the rules
        for rule in self._rules_for(document.path):
            if "glossary" in rule.needs and self.glossary is None:
                continue
            if "embeddings" in rule.needs and context.embedder is None:
                continue
            if rule.scope in ("run", "engine") or (rule.structure and document.is_segmented):
                continue
            if rule.langs and self.config.target not in rule.langs:
                continue
            if rule.scope == "segment" and not document.segments:
                continue
            ran.add(rule.code)
            if rule.scope not in units:
                units[rule.scope] = list(units_for(document, rule))
            for unit in units[rule.scope]:
                for hit in rule.run(unit, context):
                    located.append((rule, _absolute(hit, unit.start)))
        findings = _findings(document, located, self.config)
        return self._suppressed(document, findings, ran) if suppress else findings

    def _suppressed(
        self, document: Document, findings: list[Finding], ran: set[str]
    ) -> list[Finding]:
        """Findings minus those inline comments suppress, plus TQ901 for idle comments."""
        from tqcheck.suppression import SELF_CODE, apply, parse_directives

        directives = parse_directives(document)
        if not directives:
            return findings
        meta = next((r for r in self.rules if r.code == SELF_CODE), None)
        outcome = apply(findings, directives, ran | ({SELF_CODE} if meta else set()))
        if meta is None or not outcome.problems:
            return outcome.kept
        reported = _findings(document, [(meta, p.hit()) for p in outcome.problems], self.config)
        return sorted(outcome.kept + reported, key=Finding.sort_key)

    def _rules_for(self, path: str) -> tuple[Rule, ...]:
        """The selected rules minus those a per-file-ignores glob turns off for this path."""
        root = self.config.root
        ignored = [selector for glob, selectors in self.config.per_file_ignores
                   if matches_glob(path, [glob], root) for selector in selectors]  # fmt: skip
        if not ignored:
            return self.rules
        return tuple(r for r in self.rules if max(_specificity(s, r) for s in ignored) < 0)

    def pair_similarity(self) -> Similarity | None:
        """Cross-lingual similarity for --source pairing, when a multilingual model is set."""
        if not (self.config.source_file and self.config.embeddings):
            return None
        from tqcheck.embeddings import load_embedder, multilingual_name

        if not multilingual_name(self.config.model):
            return None
        embedder = load_embedder(self.config.model)

        def similarity(sources: Sequence[str], targets: Sequence[str]) -> list[float]:
            if not sources:
                return []
            left, right = embedder.encode(list(sources)), embedder.encode(list(targets))
            return [float(v) for v in (left * right).sum(axis=1)]

        return similarity

    def records(self, document: Document) -> tuple[SegmentRecord, ...]:
        """The document's segments for run-scope rules (none when no such rule is selected)."""
        if not any(r.scope == "run" for r in self.rules):
            return ()
        records = []
        declared = self.config.target_lang or (None if document.guessed_target
                                               else document.target_lang)  # fmt: skip
        for segment in document.segments:
            if segment.aligned and segment.has_target:
                at = document.locate(segment.start, segment.end)
                records.append(SegmentRecord(document.path, segment.id, segment.source,
                                             segment.target, (at.start, at.end, at.line,
                                             at.column, at.end_line, at.end_column),
                                             declared))  # fmt: skip
        return tuple(records)

    def run_findings(self, records: Sequence[SegmentRecord]) -> list[Finding]:
        """Findings of run-scope rules (consistency across files) over all segments."""
        findings = []
        for rule in self.rules:
            if rule.scope != "run" or not records:
                continue
            for index, hit in rule.run(RunUnit(tuple(records)), None):  # type: ignore[arg-type]
                record = records[index]
                severity = _severity(rule, hit, self.config)
                key = (
                    f"{rule.code}\0{record.path}\0{record.unit}\0{' '.join(record.target.split())}"
                )
                digest = hashlib.sha256(key.encode()).hexdigest()[:16]
                findings.append(Finding(record.path, rule.code, rule.name, severity, hit.message,
                                        *record.where, record.target, hit.suggestion,
                                        dict(hit.evidence), digest, record.unit))  # fmt: skip
        return findings


def _severity(rule: Rule, hit: Hit, config: Config) -> Severity:
    """Configuration first (by code, then name), then the rule data's, then the rule's."""
    overrides = config.severity_overrides
    return overrides.get(rule.code, overrides.get(rule.name, hit.severity or rule.severity))


_NOTICES: set[str] = set()


def _notice_once(message: str) -> None:
    """A one-line note on stderr, once per process."""
    if message not in _NOTICES:
        _NOTICES.add(message)
        print(f"tqcheck: note: {message}", file=sys.stderr)


def units_for(document: Document, rule: Rule) -> Iterator[Unit]:
    """The units the engine gives a rule: the document, each paragraph or each sentence."""
    if rule.scope == "document":
        yield Unit(document.prose, 0)
        return
    if rule.scope == "segment":
        for segment in document.segments:
            yield Unit(document.prose[segment.start : segment.end], segment.start, segment)
        return
    for paragraph in document.paragraphs:
        if rule.scope == "paragraph":
            yield Unit(document.paragraph_text(paragraph), paragraph.start)
        else:
            for sentence in document.sentences(paragraph):
                yield Unit(document.unit_text(sentence), sentence.start)


def _absolute(hit: Hit, offset: int) -> Hit:
    if not offset:
        return hit
    return Hit(hit.start + offset, hit.end + offset, hit.message, hit.suggestion,
               hit.evidence, hit.severity)  # fmt: skip


def _unmasked(located: list[tuple[Rule, Hit]]) -> list[tuple[Rule, Hit]]:
    """Drop hits inside the span of a masking rule's hit (other than the masking hits)."""
    masks: list[list[int]] = []
    for start, end in sorted((hit.start, hit.end) for rule, hit in located if rule.masks):
        if masks and start <= masks[-1][1]:
            masks[-1][1] = max(masks[-1][1], end)  # merged into disjoint intervals
        else:
            masks.append([start, end])
    if not masks:
        return located
    starts = [start for start, _ in masks]

    def covered(hit: Hit) -> bool:
        index = bisect.bisect_right(starts, hit.start) - 1
        return index >= 0 and masks[index][1] >= hit.end

    return [(rule, hit) for rule, hit in located if rule.masks or not covered(hit)]


def _findings(document: Document, located: list[tuple[Rule, Hit]], config: Config) -> list[Finding]:
    best: dict[tuple[int, int, str], tuple[Rule, Hit, Severity]] = {}
    for rule, hit in _unmasked(located):
        severity = _severity(rule, hit, config)
        # One finding per span: the most severe rule wins, then the lowest code. Segment
        # rules often report a whole unit, so each keeps its own finding there.
        key = (hit.start, hit.end, rule.code if rule.scope == "segment" else "")
        current = best.get(key)
        if current is None or (-severity, rule.code) < (-current[2], current[0].code):
            best[key] = (rule, hit, severity)
    ordered = sorted(best.values(), key=lambda item: (item[1].start, item[1].end, item[0].code))
    occurrences: Counter[tuple[str, str]] = Counter()
    findings = []
    for rule, hit, severity in ordered:
        text = document.text[hit.start : hit.end]
        normalised = " ".join(text.split()).lower()
        occurrences[(rule.code, normalised)] += 1
        where = document.locate(hit.start, hit.end)
        segment = document.segment_at(hit.start)
        nth = occurrences[(rule.code, normalised)]
        key = f"{rule.code}\0{document.path}\0{normalised}\0{nth}"
        digest = hashlib.sha256(key.encode()).hexdigest()[:16]
        findings.append(Finding(document.path, rule.code, rule.name, severity, hit.message,
                                where.start, where.end, where.line, where.column,
                                where.end_line, where.end_column, text, hit.suggestion,
                                dict(hit.evidence), digest,
                                segment.id if segment else None))  # fmt: skip
    return findings


def _load_glossaries(config: Config) -> tuple[list[Glossary], list[FileError]]:
    paths: list[str | Path] = list(config.glossaries)
    if config.use_shipped_glossaries and not config.glossaries:
        paths = list(shipped_glossary_paths())
    glossaries, errors = [], []
    for path in paths:
        try:
            glossary = load_glossary(path)
        except GlossaryError as exc:
            first, rest = exc.issues[0], len(exc.issues) - 1
            more = f" (and {rest} more problem{'s' if rest > 1 else ''}: run tqcheck glossary lint)"
            message = first.message + (more if rest else "")
            errors.append(FileError(str(path), message, first.line or None))
            continue
        if config.glossaries or _applies(glossary, config):
            glossaries.append(glossary)
    return glossaries, errors


def _applies(glossary: Glossary, config: Config) -> bool:
    if glossary.target_lang != config.target:
        return False
    return config.source_lang is None or glossary.source_lang == config.source_lang


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """The result of checking one path: findings, or the reason it could not be read."""

    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    text: str | None = None
    records: tuple[SegmentRecord, ...] = ()


def _check_one(checker: Checker, path: str, keep_source: bool) -> FileOutcome:
    try:
        document = read_any(path, checker.config, checker.pair_similarity())
    except InputError as exc:
        name = "<stdin>" if path == STDIN else path
        return FileOutcome(name, error=str(exc).removeprefix(f"{name}: "))
    found = tuple(checker.check(document))
    records = checker.records(document)
    text = document.original if keep_source and (found or records) else None
    return FileOutcome(document.path, found, None, text, records)


_WORKER: Checker | None = None


def _worker_start(config: Config) -> None:
    global _WORKER
    _WORKER = Checker.from_config(config)


def _worker_check(path: str, keep_source: bool) -> FileOutcome:
    assert _WORKER is not None
    return _check_one(_WORKER, path, keep_source)


def _outcomes(
    checker: Checker, paths: list[str], keep_sources: bool, jobs: int
) -> Iterator[FileOutcome]:
    """Check files in order, in worker processes when there are many (results stay ordered)."""
    if jobs <= 1 or len(paths) < 2 * jobs or STDIN in paths:
        for path in paths:
            yield _check_one(checker, path, keep_sources)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs, initializer=_worker_start, initargs=(checker.config,)) as pool:
        yield from pool.map(_worker_check, paths, [keep_sources] * len(paths), chunksize=4)


def default_jobs() -> int:
    """Worker processes to use by default: one per available CPU."""
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def check_paths(
    paths: Sequence[str],
    config: Config | None = None,
    keep_sources: bool = False,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> RunResult:
    """Check files and directories; unreadable inputs become errors and the rest go on.

    With keep_sources, texts of files with findings are kept for excerpts in reports;
    with jobs > 1, many files are checked in that many processes (same output);
    progress(done, total) is called after each file (the CLI draws a bar on a TTY).
    """
    checker = Checker.from_config(config or Config())
    findings: list[Finding] = []
    errors = list(checker.errors)
    files, sources, records = [], {}, []
    todo = list(expand_paths(paths, checker.config))
    for done, outcome in enumerate(_outcomes(checker, todo, keep_sources, jobs), 1):
        if progress is not None:
            progress(done, len(todo))
        if outcome.error is not None:
            errors.append(FileError(outcome.path, outcome.error))
            continue
        files.append(outcome.path)
        findings.extend(outcome.findings)
        records.extend(outcome.records)
        if outcome.text is not None:
            sources[outcome.path] = outcome.text
    findings.extend(checker.run_findings(records))
    findings.sort(key=Finding.sort_key)
    return RunResult(tuple(findings), tuple(errors), tuple(files), checker.signature(), sources)


def check_text(
    text: str, config: Config | None = None, path: str = "<text>", kind: str = "text"
) -> list[Finding]:
    """Check one string; returns its findings (glossary errors raise ConfigError).

    `kind` reads the string as another format: "tsv"/"csv" (source and target columns),
    "xliff", "po", "tmx" or "markdown".
    """
    checker = Checker.from_config(config or Config())
    if checker.errors:
        raise ConfigError(checker.errors[0].message)
    if kind == "text":
        return checker.check(Document.from_text(text, path=path))
    if kind == "pair":  # an original and its translation, separated by a line "⇄"
        from tqcheck.formats.aligned import pair_with_source

        original, translation = text.split("\n⇄\n", 1)
        pair = pair_with_source(Document.from_text(translation, path=path),
                                Document.from_text(original, path=path))  # fmt: skip
        return checker.check(pair)
    from tqcheck.formats import ReadOptions, load

    reader = "csv" if kind == "tsv" else kind
    options = ReadOptions(checker.config.source_lang, checker.config.target_lang)
    document = with_languages(load(path, text.encode(), options, kind=reader), checker.config)
    findings = checker.check(document) + checker.run_findings(checker.records(document))
    return sorted(findings, key=Finding.sort_key)
