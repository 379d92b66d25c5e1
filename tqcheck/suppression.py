"""Inline suppression comments: parse them from a document, drop the findings they cover.

Text and Markdown: HTML comments, keyword in any case, rules as in --select (codes, code
prefixes, names; none, `*` or `ALL`: every rule), an optional reason after `--`:
`<!-- tqcheck: ignore[term-case, TQ401] -- reason -->` covers its paragraph (alone in its
paragraph: the next prose paragraph); `<!-- tqcheck: disable[TQ4] -->` covers up to an
`enable` naming at least the same rules (bare: all), else to the end; `ignore-file[...]`
the whole file. Paragraphs are those of the file text (Markdown blanks comments out of the
prose); comments inside Markdown code are not directives.
PO: a comment line `tqcheck: ignore[TQ102]` covers its unit with all plural forms; XLIFF:
a `<note>` holding one covers its unit, all segments. TMX and CSV have no such syntax.

Selectors that suppress nothing though a rule they name ran, and names of no rule, are
reported as TQ901 `unused-suppression`: only `ignore-file[TQ901]` or --ignore hides that.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from tqcheck.document import Document, Segment, Span, find_paragraphs
from tqcheck.model import Finding, Hit
from tqcheck.rules import all_rules, selector_specificity

SELF_CODE, SELF_NAME = "TQ901", "unused-suppression"
_BODY = (r"tqcheck\s*:\s*(?P<kind>ignore-file|ignore|disable|enable)\s*"
         r"(?:\[(?P<rules>[^\]>]*)\])?\s*(?:--(?!>)\s*(?P<reason>(?:(?!-->).)*?))?\s*")  # fmt: skip
_COMMENT = rf"<!--\s*{_BODY}-->"
_CODE = r"(?P<code>^(?P<fence>```|~~~)[^\n]*\n.*?^(?P=fence)[^\n]*$|`[^`\n]+`)"
_TEXT_SCAN = re.compile(_COMMENT, re.IGNORECASE | re.DOTALL)
_MARKDOWN_SCAN = re.compile(rf"{_CODE}|{_COMMENT}", re.IGNORECASE | re.DOTALL | re.MULTILINE)
_NOTE = re.compile(r"\btqcheck\s*:\s*(?P<kind>ignore)(?![\w-])\s*(?:\[(?P<rules>[^\]]*)\])?"
                   r"\s*(?:--\s*(?P<reason>.*\S))?", re.IGNORECASE)  # fmt: skip
_PLURAL = re.compile(r"\[\d+\]\Z")


@dataclass(frozen=True, slots=True)
class Directive:
    """One suppression comment, resolved to what it covers.

    `start`/`end` are where to report it, as offsets of `document.text` (for text and
    Markdown the comment itself; for a unit, its target). `ranges[i]` is the file range
    where `selectors[i]` applies (text, Markdown); `units` the segment ids (PO, XLIFF).
    """

    kind: Literal["ignore", "disable", "ignore-file", "unit"]
    selectors: tuple[str, ...]
    start: int
    end: int
    text: str  # as the user wrote it, normalised: "ignore[term-case, TQ401]"
    reason: str | None = None
    ranges: tuple[tuple[int, int], ...] = ()
    units: tuple[str, ...] = ()

    def covers(self, index: int, finding: Finding) -> bool:
        """True if `selectors[index]` applies where the finding is (its rule aside)."""
        if self.kind == "ignore-file":
            return True
        if finding.code == SELF_CODE:
            return False
        if self.kind == "unit":
            return finding.unit in self.units
        return self.ranges[index][0] <= finding.start < self.ranges[index][1]


@dataclass(frozen=True, slots=True)
class Problem:
    """Selectors of a directive that are unused, or that name no rule (`unknown`)."""

    directive: Directive
    selectors: tuple[str, ...]
    unknown: bool = False

    @property
    def message(self) -> str:
        """What to tell the user, naming the directive and the selectors."""
        quoted, names = f'"{self.directive.text}"', " or ".join(self.selectors)
        if self.unknown:
            known = [*_rules(), *_rules().values()]
            close = difflib.get_close_matches(self.selectors[0].lower(), known, n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            return f'Unknown rule "{names}" in the suppression {quoted}{hint}: see tqcheck rules'
        if self.selectors == ("ALL",):
            return f"Remove the unused suppression {quoted}: nothing here is reported"
        if len(self.selectors) == len(self.directive.selectors):
            return f"Remove the unused suppression {quoted}: nothing here is reported by {names}"
        return f"Remove {names} from the suppression {quoted}: nothing here is reported by it"

    def hit(self) -> Hit:
        """The TQ901 hit, at absolute offsets of `document.text` (locate it as usual)."""
        evidence = {"directive": self.directive.text, "selectors": list(self.selectors),
                    "problem": "unknown" if self.unknown else "unused"}  # fmt: skip
        return Hit(self.directive.start, self.directive.end, self.message, None, evidence)


@dataclass(frozen=True, slots=True)
class Suppressed:
    """The result of `apply`: the findings left, and the directives' problems."""

    kept: list[Finding]
    problems: list[Problem] = field(default_factory=list)


def matches(selector: str, code: str, name: str) -> bool:
    """True if a selector (code, code prefix, name, ALL or *) picks the rule, as --select."""
    return selector.strip() == "*" or selector_specificity(selector, code, name) >= 0


@cache
def _rules() -> dict[str, str]:
    """Every rule code and its name, TQ901 included even before it is registered."""
    return {SELF_CODE: SELF_NAME, **{r.code: r.name for r in all_rules()}}


def _picks(selector: str, codes: Collection[str]) -> frozenset[str]:
    rules = _rules()
    return frozenset(c for c in codes if c in rules and matches(selector, c, rules[c]))


def _selectors(rules: str | None) -> tuple[str, ...]:
    parts = tuple(p.strip() for p in (rules or "").split(",") if p.strip())
    return ("ALL",) if not parts or any(p.upper() in ("ALL", "*") for p in parts) else parts


def _spelled(kind: str, rules: str | None, selectors: tuple[str, ...]) -> str:
    return kind if rules is None else f"{kind}[{', '.join(selectors)}]"


def parse_directives(document: Document) -> list[Directive]:
    """The suppression directives of a document, in file order (none for TMX and CSV)."""
    if document.kind in ("text", "markdown"):
        return _comment_directives(document.original, document.kind == "markdown")
    if document.kind in ("po", "xliff"):
        return list(_unit_directives(document))
    return []


def _comment_directives(text: str, markdown: bool) -> list[Directive]:
    scan = _MARKDOWN_SCAN if markdown else _TEXT_SCAN
    found = [m for m in scan.finditer(text) if m["kind"]]
    if not found:
        return []  # most files: no paragraph split on the hot path
    paragraphs = find_paragraphs(text)
    entries: list[tuple[re.Match[str], str, tuple[str, ...], list[list[int]]]] = []
    open_ranges: list[tuple[str, list[int]]] = []
    for match in found:
        kind, selectors = match["kind"].lower(), _selectors(match["rules"])
        if kind == "enable":
            closing = frozenset[str]().union(*(_picks(s, _rules()) for s in selectors))
            for selector, span in list(open_ranges):
                if _picks(selector, _rules()) <= closing:
                    span[1] = match.start()
                    open_ranges.remove((selector, span))
            continue
        if kind == "disable":
            spans = [[match.start(), len(text)] for _ in selectors]
            open_ranges.extend(zip(selectors, spans, strict=True))
        elif kind == "ignore":
            spans = [list(_paragraph_cover(text, paragraphs, match))] * len(selectors)
        else:
            spans = [[0, len(text)]] * len(selectors)
        entries.append((match, kind, selectors, spans))
    return [Directive(kind, selectors, m.start(), m.end(),  # type: ignore[arg-type]
                      _spelled(kind, m["rules"], selectors), m["reason"] or None,
                      tuple((a, b) for a, b in spans))
            for m, kind, selectors, spans in entries]  # fmt: skip


def _paragraph_cover(text: str, paras: Sequence[Span], match: re.Match[str]) -> tuple[int, int]:
    """The paragraph of a comment, through the next prose paragraph if it is alone."""
    starts = [p.start for p in paras]
    first = max(bisect.bisect_right(starts, match.start()) - 1, 0)
    last = max(bisect.bisect_right(starts, match.end() - 1) - 1, first)
    while last + 1 < len(paras):
        if _TEXT_SCAN.sub("", text[paras[last].start : paras[last].end]).strip():
            break  # prose: this paragraph is the one covered
        last += 1
    return paras[first].start, paras[last].end


def _unit_directives(document: Document) -> Iterator[Directive]:
    for group in _unit_groups(document.segments, document.kind):
        ids = tuple(s.id for s in group)
        for note in group[0].notes:
            for match in _NOTE.finditer(note):
                selectors = _selectors(match["rules"])
                yield Directive("unit", selectors, group[0].start, group[-1].end,
                                _spelled("ignore", match["rules"], selectors),
                                match["reason"], units=ids)  # fmt: skip


def _unit_groups(segments: Sequence[Segment], kind: str) -> Iterator[list[Segment]]:
    """Segments of one unit: PO plural forms "id[n]", XLIFF segments "UNIT#SEG"."""

    def unit(segment: Segment) -> tuple[str, tuple[str, ...]]:
        sid = segment.id
        return (_PLURAL.sub("", sid) if kind == "po" else sid.rpartition("#")[0] or sid,
                segment.notes)  # fmt: skip

    return (list(group) for _, group in itertools.groupby(segments, unit))


def apply(
    findings: Sequence[Finding], directives: Sequence[Directive], enabled: Collection[str]
) -> Suppressed:
    """Drop covered findings; report directives' unused and unknown selectors.

    `enabled` holds the codes of the rules that ran: only they can make a selector unused.
    Problems are reported only if TQ901 is among them, and not under `ignore-file[TQ901]`.
    """
    used: set[tuple[int, int]] = set()
    kept = []
    for finding in findings:
        covering = {(i, j) for i, d in enumerate(directives) for j, s in enumerate(d.selectors)
                    if matches(s, finding.code, finding.rule) and d.covers(j, finding)}  # fmt: skip
        used |= covering
        if not covering:
            kept.append(finding)
    if SELF_CODE not in enabled or any(
        d.kind == "ignore-file" and any(matches(s, SELF_CODE, SELF_NAME) for s in d.selectors)
        for d in directives
    ):
        return Suppressed(kept)
    return Suppressed(kept, [p for i, d in enumerate(directives)
                             for p in _problems(i, d, used, enabled)])  # fmt: skip


def _problems(
    index: int, directive: Directive, used: set[tuple[int, int]], enabled: Collection[str]
) -> Iterator[Problem]:
    known = _rules()
    unused = []
    for j, selector in enumerate(directive.selectors):
        if not _picks(selector, known):
            yield Problem(directive, (selector,), unknown=True)
        elif (index, j) not in used and _picks(selector, enabled) - {SELF_CODE}:
            unused.append(selector)
    if unused:
        yield Problem(directive, tuple(unused))
