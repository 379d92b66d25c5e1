"""Loading text files into Documents with exact offsets, paragraphs, sentences and lines.

Offsets are code-point indices `[start, end)` into the decoded text (UTF-8, BOM removed,
newlines untouched). Line and column numbers are derived here and nowhere else.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from tqcheck.sentences import split_sentences

# A paragraph is a run of non-blank lines; blank lines (whitespace only) separate paragraphs.
_PARAGRAPH = re.compile(r"\S[^\n]*(?:\n[^\S\n]*\S[^\n]*)*")
# Not prose in any text: URLs and e-mail addresses. Each pattern starts with a literal
# ("http", "www.", "@") so the scan is fast; the local part of an address is found backwards.
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+")
_MAIL_LOCAL = re.compile(r"[\w.+-]+$")
_MAIL_DOMAIN = re.compile(r"[\w-]+\.[\w.-]*\w")
# Not prose in Markdown: front matter, code, link targets, HTML comments and tags.
_MARKDOWN_MASKED = re.compile(
    r"\A---\n.*?\n---[ \t]*$"  # YAML front matter
    r"|^(```|~~~)[^\n]*\n.*?^\1[^\n]*$"  # fenced code
    r"|`[^`\n]+`"  # inline code
    r"|(?<=\])\([^)\s]*(?:\s+\"[^\"]*\")?\)"  # link target "(url "title")"
    r"|<!--.*?-->|</?[A-Za-z][^>\n]*>",  # HTML comments and tags
    re.MULTILINE | re.DOTALL,
)
# A tqcheck suppression comment in a plain-text file (Markdown masks all HTML comments).
_DIRECTIVE = re.compile(r"<!--\s*tqcheck\s*:.*?-->", re.IGNORECASE | re.DOTALL)
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown"})
_BINARY_SNIFF = 8192


class InputError(Exception):
    """A file that cannot be checked; the message is one line naming the cause."""


@dataclass(frozen=True, slots=True)
class Span:
    """A `[start, end)` range of a document's text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Segment:
    """One translation unit of a bilingual document: its source and its target.

    `start`/`end` locate the target in the document's checked `text`; `has_target` is False
    when the file has no target for the unit at all (an empty target is `""` and True).
    Inline codes are kept apart as normalised strings ("x:1", "g:2", "%s", "{name}") so
    they are compared, never read as words.
    """

    id: str
    source: str
    target: str
    start: int
    has_target: bool = True
    source_codes: tuple[str, ...] = ()
    target_codes: tuple[str, ...] = ()
    state: str | None = None  # the file's own word: "fuzzy", "needs-translation", "final" …
    notes: tuple[str, ...] = ()
    aligned: bool = True  # False: the source was paired by position but does not fit

    @property
    def end(self) -> int:
        """End offset of the target in the checked text."""
        return self.start + len(self.target)


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of checked text and the file text it came from.

    When both have the same length the map is character by character; otherwise (an XML
    entity, a PO escape) the whole stretch maps to the whole file span.
    """

    start: int
    end: int
    file_start: int
    file_end: int


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets of a bilingual document's checked text back into its file."""

    pieces: tuple[Piece, ...]
    _starts: tuple[int, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(p.start for p in self.pieces))

    def to_file(self, offset: int, is_end: bool = False) -> int:
        """The file offset of a checked-text offset (an end offset maps to a piece's end)."""
        if not self.pieces:
            return offset
        index = bisect.bisect_right(self._starts, offset) - 1
        if is_end and index > 0 and offset == self.pieces[index].start:
            index -= 1  # an end exactly at a piece start belongs to the piece before
        if index < 0:
            return self.pieces[0].file_start
        piece = self.pieces[index]
        if offset >= piece.end:  # in the gap between pieces (a segment separator)
            return piece.file_end
        if piece.end - piece.start == piece.file_end - piece.file_start:
            return piece.file_start + offset - piece.start
        return piece.file_end if is_end else piece.file_start


@dataclass(frozen=True, slots=True)
class Location:
    """A span in the file: code-point offsets and 1-based line and column of both ends."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


SEGMENT_KINDS = frozenset({"xliff", "po", "tmx", "csv"})


@dataclass(frozen=True)
class Document:
    """One file's checked text, its prose view, paragraph structure and a line index.

    `prose` is `text` with what is not prose (URLs; in Markdown also code, front matter,
    link targets and HTML) blanked with spaces: same length, so every offset is shared.
    Rules read `prose`; reports quote `text`.

    For a text file, `text` is the file. For a bilingual file (XLIFF, PO, TMX, CSV), `text`
    holds the targets one per paragraph, `segments` their sources, and `origin` maps each
    offset back to `file_text`, where lines and columns are counted.
    """

    path: str
    text: str
    kind: str = "text"
    paragraphs: tuple[Span, ...] = field(default=())
    prose: str = ""
    segments: tuple[Segment, ...] = ()
    origin: OffsetMap | None = None
    file_text: str | None = None
    source_lang: str | None = None  # as the file declares it
    target_lang: str | None = None
    guessed_target: bool = False  # target_lang was guessed from the text, not declared

    @classmethod
    def from_text(cls, text: str, path: str = "<text>", kind: str = "text") -> Document:
        """Build a document from already-decoded text."""
        if text.startswith("\ufeff"):
            text = text[1:]
        prose = mask_non_prose(text, kind)
        return cls(path, text, kind, find_paragraphs(prose), prose)

    def paragraph_text(self, span: Span) -> str:
        """The prose of one paragraph span."""
        return self.prose[span.start : span.end]

    def unit_text(self, span: Span) -> str:
        """The prose of any span (a sentence, a paragraph)."""
        return self.prose[span.start : span.end]

    def sentences(self, paragraph: Span) -> tuple[Span, ...]:
        """Sentence spans (absolute offsets) inside one paragraph."""
        text = self.paragraph_text(paragraph)
        return tuple(
            Span(paragraph.start + s, paragraph.start + e) for s, e in split_sentences(text)
        )

    @property
    def original(self) -> str:
        """The file's own text, where lines and columns are counted."""
        return self.text if self.file_text is None else self.file_text

    @property
    def is_segmented(self) -> bool:
        """True for translation files, whose paragraphs are units, not an article's flow."""
        return self.kind in SEGMENT_KINDS

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(m.end() for m in re.finditer("\n", self.original))]

    @cached_property
    def _segment_starts(self) -> list[int]:
        return [segment.start for segment in self.segments]

    def position(self, file_offset: int) -> tuple[int, int]:
        """1-based (line, column) in code points for an offset into the file's text."""
        starts = self._line_starts
        line = bisect.bisect_right(starts, file_offset) - 1
        return line + 1, file_offset - starts[line] + 1

    def locate(self, start: int, end: int) -> Location:
        """Where a `[start, end)` span of the checked text lies in the file."""
        if self.origin is not None:
            start, end = self.origin.to_file(start), self.origin.to_file(end, is_end=True)
            end = max(start, end)
        return Location(start, end, *self.position(start), *self.position(end))

    def segment_at(self, offset: int) -> Segment | None:
        """The segment whose target holds a checked-text offset, if any."""
        index = bisect.bisect_right(self._segment_starts, offset) - 1
        if index < 0:
            return None
        segment = self.segments[index]
        return segment if offset <= segment.end else None

    def line_text(self, line: int) -> str:
        """The text of a 1-based line of the file, without its line ending."""
        starts, text = self._line_starts, self.original
        end = starts[line] - 1 if line < len(starts) else len(text)
        return text[starts[line - 1] : end].rstrip("\r\n")


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def mask_non_prose(text: str, kind: str = "text") -> str:
    """Blank out non-prose with spaces (newlines kept), so offsets stay those of `text`."""
    if kind == "markdown":
        text = _MARKDOWN_MASKED.sub(_blank, text)
    elif "tqcheck" in text:
        text = _DIRECTIVE.sub(_blank, text)  # suppression comments are not prose
    if "://" in text or "www." in text:
        text = _URL.sub(_blank, text)
    if "@" in text:
        text = _mask_addresses(text)
    return text


def _mask_addresses(text: str) -> str:
    pieces, last = [], 0
    for at in re.finditer("@", text):
        local = _MAIL_LOCAL.search(text, max(last, at.start() - 64), at.start())
        domain = _MAIL_DOMAIN.match(text, at.end())
        if local and domain:
            pieces += [text[last : local.start()], " " * (domain.end() - local.start())]
            last = domain.end()
    return "".join(pieces) + text[last:] if pieces else text


def find_paragraphs(text: str) -> tuple[Span, ...]:
    """Paragraph spans split on blank lines (lines of whitespace only)."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1].isspace():
            end -= 1
        spans.append(Span(match.start(), end))
    return tuple(spans)


def decode(data: bytes, path: str) -> str:
    """Decode file bytes as UTF-8 (BOM tolerated) or raise InputError with the cause."""
    if not data.strip():
        raise InputError(f"{path}: empty file, nothing to check")
    if b"\x00" in data[:_BINARY_SNIFF]:
        raise InputError(f"{path}: binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: invalid UTF-8 at byte {exc.start}; save the file as UTF-8"
        ) from None


def kind_for(path: str) -> str:
    """Document kind chosen from the file name: "markdown" or "text"."""
    return "markdown" if Path(path).suffix.lower() in _MARKDOWN_SUFFIXES else "text"


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes, or InputError naming why it cannot be read."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def load_document(path: str | Path, data: bytes | None = None) -> Document:
    """Read and decode a text file into a Document; raise InputError with a one-line cause."""
    name = str(path)
    if data is None:
        data = read_bytes(path)
    return Document.from_text(decode(data, name), path=name, kind=kind_for(name))
