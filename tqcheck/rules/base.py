"""Rule declaration: a rule is a small pure function plus frozen metadata.

A rule receives a Unit (the text of a sentence, paragraph or document, and where that
text starts in the document) and a RuleContext, and yields Hits with offsets relative to
the unit. Codes, names, default severity, scope, needs and examples live on the decorator.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from tqcheck.model import Hit, Severity

if TYPE_CHECKING:
    from tqcheck.document import Document, Segment
    from tqcheck.embeddings import Embedder
    from tqcheck.glossary.matcher import CompiledGlossary, TermMatch
    from tqcheck.langid import LanguageDetector

Scope = Literal["sentence", "paragraph", "document", "segment", "run", "engine"]
_CODE = re.compile(r"^TQ\d{3}$")


@dataclass(frozen=True, slots=True)
class Unit:
    """The text a rule looks at, and its start offset in the document.

    Segment-scope rules get one unit per bilingual segment, with `segment` carrying the
    source; they run only on documents that have sources (translation files, `--source`).
    """

    text: str
    start: int = 0
    segment: Segment | None = None


@dataclass(frozen=True)
class RuleContext:
    """What a rule may know about the run besides its unit.

    `shared` caches per-document work (glossary matches) that several rules reuse.
    """

    document: Document
    glossary: CompiledGlossary | None = None
    profile: str = "default"
    target_lang: str = "en"
    source_langs: tuple[str, ...] = ()
    shared: dict[str, Any] = field(default_factory=dict)
    embedder: Embedder | None = None  # set only when an embedding rule runs
    detector: LanguageDetector | None = None  # set only when a rule needs "langid"
    settings: dict[str, float] = field(default_factory=dict)  # configured thresholds

    def run_memo(self) -> dict[str, Any]:
        """A cache that lives for the whole run (the compiled glossary's), else per document.

        Rules keep data derived from the glossary here (name buckets, reference vectors)
        so it is built once per run, not once per document.
        """
        return self.glossary.memo if self.glossary is not None else self.shared

    def term_matches(self) -> list[TermMatch]:
        """Glossary matches of the whole document, computed once and shared."""
        if "term_matches" not in self.shared:
            matches = self.glossary.find(self.document.prose) if self.glossary else []
            self.shared["term_matches"] = matches
        return self.shared["term_matches"]


@dataclass(frozen=True, slots=True)
class SegmentRecord:
    """A checked segment as run-scope rules see it: every file of the run at once.

    `where` is (start, end, line, column, end_line, end_column) of the target in its file.
    """

    path: str
    unit: str
    source: str
    target: str
    where: tuple[int, int, int, int, int, int]
    lang: str | None = None  # the target language: only same-language segments are compared


@dataclass(frozen=True, slots=True)
class RunUnit:
    """What a run-scope rule is given: the segments of all files, in run order.

    Its hits are `(record index, Hit)` pairs; the engine reports each on the target of
    that record.
    """

    records: tuple[SegmentRecord, ...]


@dataclass(frozen=True, slots=True)
class Example:
    """A text a rule must fire on (with the text it must match) or must stay silent on."""

    text: str
    matched: str | None = None


RuleFunc = Callable[[Unit, RuleContext], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A registered check: metadata plus the function that yields hits."""

    code: str
    name: str
    severity: Severity
    scope: Scope
    needs: frozenset[str]
    func: RuleFunc
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    summary: str
    doc: str
    examples_profile: str = "default"
    masks: bool = False
    structure: bool = False
    examples_kind: str = "text"
    langs: frozenset[str] = frozenset()  # target languages it applies to; empty: all

    def run(self, unit: Unit, context: RuleContext) -> Iterable[Hit]:
        """Run the rule on one unit."""
        return self.func(unit, context)


def _examples(items: Iterable[str | tuple[str, str]]) -> tuple[Example, ...]:
    return tuple(
        Example(item) if isinstance(item, str) else Example(item[0], item[1]) for item in items
    )


def rule(
    code: str,
    severity: Severity,
    scope: Scope,
    *,
    bad: Iterable[str | tuple[str, str]],
    good: Iterable[str],
    needs: Iterable[str] = (),
    examples_profile: str = "default",
    masks: bool = False,
    structure: bool = False,
    examples_kind: str = "text",
    langs: Iterable[str] = (),
) -> Callable[[RuleFunc], Rule]:
    """Declare a rule; its name is the kebab-case function name.

    `bad` examples are texts (or `(text, matched_text)` pairs) that must fire; `good`
    examples must not. The tests run all of them, under `examples_profile`. A `masks`
    rule's hits are preconditions: other rules' findings inside them are dropped (text in
    the wrong language gets one language finding, not a cascade of term findings).
    A `structure` rule reads how an article's paragraphs follow each other (a broken
    paragraph, a caption); it is skipped on translation files, whose units are not an
    article's flow. `examples_kind` names the reader for the examples ("tsv": one
    source<TAB>target pair per line). `langs` limits a rule to target languages whose
    typography or grammar it encodes (English capitals, English quotation marks).
    """
    if not _CODE.match(code):
        raise ValueError(f"rule code {code!r} must look like TQ123")

    def wrap(func: RuleFunc) -> Rule:
        doc = (func.__doc__ or "").strip()
        return Rule(
            code=code,
            name=func.__name__.replace("_", "-"),
            severity=severity,
            scope=scope,
            needs=frozenset(needs),
            func=func,
            bad=_examples(bad),
            good=_examples(good),
            summary=doc.splitlines()[0] if doc else "",
            doc=doc,
            examples_profile=examples_profile,
            masks=masks,
            structure=structure,
            examples_kind=examples_kind,
            langs=frozenset(langs),
        )

    return wrap
