"""What every format reader returns, and how it becomes a checkable Document.

A reader parses a file into `ParsedFile`: units with a source, and a target given as
`TextPiece`s (decoded text plus the file span it came from). `build_document` joins the
targets into the checked text, one paragraph per unit, and keeps the offset map so every
finding points at the file's own line and column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tqcheck.document import (
    Document,
    OffsetMap,
    Piece,
    Segment,
    Span,
    find_paragraphs,
    mask_non_prose,
)

SEPARATOR = "\n\n"  # between targets in the checked text: each unit is its own paragraph


@dataclass(frozen=True, slots=True)
class TextPiece:
    """Decoded text and the `[file_start, file_end)` span of the file it was read from."""

    text: str
    file_start: int
    file_end: int


@dataclass(frozen=True, slots=True)
class RawSegment:
    """One unit as a reader found it.

    `anchor` is the file offset to report at when the target is empty or missing (the
    target element, or the source when there is no target).
    """

    id: str
    source: str
    target: tuple[TextPiece, ...]
    anchor: int
    has_target: bool = True
    source_codes: tuple[str, ...] = ()
    target_codes: tuple[str, ...] = ()
    state: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """A reader's result: the units in file order and the languages the file declares."""

    segments: tuple[RawSegment, ...]
    source_lang: str | None = None
    target_lang: str | None = None


def normalise_lang(code: str | None) -> str | None:
    """ "en-US", "fr_FR", "EN" -> "en"; None or "" stays None."""
    if not code:
        return None
    primary = code.replace("_", "-").split("-")[0].strip().lower()
    return primary if primary.isalpha() and len(primary) in (2, 3) else None


def build_document(path: str, file_text: str, kind: str, parsed: ParsedFile) -> Document:
    """Join the targets into checked text (one paragraph per unit) with an offset map."""
    chunks: list[str] = []
    pieces: list[Piece] = []
    segments: list[Segment] = []
    paragraphs: list[Span] = []
    cursor = 0
    for raw in parsed.segments:
        if segments:  # also after an empty target, which adds no chunk
            chunks.append(SEPARATOR)
            cursor += len(SEPARATOR)
        start = cursor
        if not raw.target:
            pieces.append(Piece(cursor, cursor, raw.anchor, raw.anchor))
        for piece in raw.target:
            chunks.append(piece.text)
            pieces.append(Piece(cursor, cursor + len(piece.text), piece.file_start, piece.file_end))
            cursor += len(piece.text)
        target = "".join(p.text for p in raw.target)
        segments.append(Segment(raw.id, raw.source, target, start, raw.has_target,
                                raw.source_codes, raw.target_codes, raw.state,
                                raw.notes))  # fmt: skip
        paragraphs.extend(_paragraphs_in(target, start))
    text = "".join(chunks)
    prose = mask_non_prose(text, "text")
    return Document(path, text, kind, tuple(paragraphs), prose, tuple(segments),
                    OffsetMap(tuple(pieces)), file_text, parsed.source_lang,
                    parsed.target_lang)  # fmt: skip


def _paragraphs_in(target: str, start: int) -> Sequence[Span]:
    """A unit is one paragraph unless its target itself holds blank lines."""
    return [Span(start + s.start, start + s.end) for s in find_paragraphs(target)]
