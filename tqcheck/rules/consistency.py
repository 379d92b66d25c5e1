"""Consistency across the files of one run (TQ506, TQ507): run-scope rules.

They see every segment of every file checked together, so a team running tqcheck over a
folder of XLIFF or PO files learns that one source sentence was translated two ways, or
that two different source sentences ended up with the same translation.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from tqcheck.model import Hit, Severity
from tqcheck.rules.base import RuleContext, RunUnit, SegmentRecord, rule

_WORD = re.compile(r"[^\W\d_]+")
_MIN_WORDS = 2  # one-word labels ("Open", "Close") change with context: not comparable
_EDGE_PUNCT = " .:;,!?…\"'“”‘’«»()"


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def _comparable(record: SegmentRecord) -> bool:
    return bool(record.target.strip()) and len(_WORD.findall(record.source)) >= _MIN_WORDS


def _where(record: SegmentRecord) -> str:
    return f"{record.path}:{record.where[2]} (unit {record.unit})"


def _quote(text: str, limit: int = 60) -> str:
    text = _squeezed(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@rule(
    "TQ506",
    Severity.WARNING,
    "run",
    examples_kind="tsv",
    bad=[
        ("La reunión terminó tarde.\tThe meeting ended late.\n"
         "La reunión terminó tarde.\tThe meeting finished late.\n"
         "La reunión terminó tarde.\tThe meeting ended late.", "The meeting finished late."),
    ],
    good=[
        "La reunión terminó tarde.\tThe meeting ended late.\n"
        "La reunión terminó tarde.\tThe meeting ended late.",
        "Abrir\tOpen\nAbrir\tOpened",
        "La reunión terminó tarde.\tThe meeting ended late.\n"
        "La reunión terminó pronto.\tThe meeting ended early.",
    ],
)  # fmt: skip
def inconsistent_translation(
    unit: RunUnit, context: RuleContext | None
) -> Iterator[tuple[int, Hit]]:
    """One source segment translated two ways across the files of a run (or in one file).

    The most frequent translation (the first seen on a tie) is taken as the reference;
    every other one is reported, naming where the reference is.
    """
    groups: dict[tuple[str | None, str], list[int]] = defaultdict(list)
    for index, record in enumerate(unit.records):
        if _comparable(record):
            groups[record.lang, _squeezed(record.source)].append(index)
    for indexes in groups.values():
        targets = Counter(_squeezed(unit.records[i].target) for i in indexes)
        if len(targets) < 2:
            continue
        first = {}
        for i in indexes:
            first.setdefault(_squeezed(unit.records[i].target), i)
        reference = max(targets, key=lambda t: (targets[t], -first[t]))
        ref_record = unit.records[first[reference]]
        for i in indexes:
            if _squeezed(unit.records[i].target) != reference:
                message = (
                    f'The same source is translated "{_quote(reference)}" in '
                    f"{_where(ref_record)}: make the translations consistent"
                )
                yield i, Hit(0, 0, message, reference,
                             {"source": _quote(ref_record.source, 200),
                              "reference": _where(ref_record)})  # fmt: skip


def _source_key(text: str) -> str:
    return _squeezed(text).strip(_EDGE_PUNCT).casefold()


@rule(
    "TQ507",
    Severity.INFO,
    "run",
    examples_kind="tsv",
    bad=[
        ("Cancelar el pedido.\tCancel the order.\nAnular el pedido entero.\tCancel the order.",
         "Cancel the order."),
    ],
    good=[
        "Cancelar el pedido.\tCancel the order.\nCancelar el pedido\tCancel the order.",
        "Cancelar\tCancel\nAnular\tCancel",
        "Cancelar el pedido.\tCancel the order.\nAnular el pedido entero.\tCancel the whole order.",
    ],
)  # fmt: skip
def shared_translation(unit: RunUnit, context: RuleContext | None) -> Iterator[tuple[int, Hit]]:
    """Two different source segments translated identically: one of them may be wrong.

    Sources that differ only in case, spacing or edge punctuation count as the same.
    """
    groups: dict[tuple[str | None, str], list[int]] = defaultdict(list)
    for index, record in enumerate(unit.records):
        if _comparable(record):
            groups[record.lang, _squeezed(record.target)].append(index)
    for indexes in groups.values():
        sources: dict[str, int] = {}
        for i in indexes:
            sources.setdefault(_source_key(unit.records[i].source), i)
        if len(sources) < 2:
            continue
        first = unit.records[indexes[0]]
        first_key = _source_key(first.source)
        for key, i in sources.items():
            if key != first_key:
                message = (
                    f'Translated like the different source "{_quote(first.source)}" in '
                    f"{_where(first)}: check that both translations are right"
                )
                yield i, Hit(0, 0, message, None, {"other_source": _quote(first.source, 200)})


RULES = (inconsistent_translation, shared_translation)
