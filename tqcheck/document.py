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
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown"})
_BINARY_SNIFF = 8192


class InputError(Exception):
    """A file that cannot be checked; the message is one line naming the cause."""


@dataclass(frozen=True, slots=True)
class Span:
    """A `[start, end)` range of a document's text."""

    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """One file's original text, its prose view, paragraph structure and a line index.

    `prose` is `text` with what is not prose (URLs; in Markdown also code, front matter,
    link targets and HTML) blanked with spaces: same length, so every offset is shared.
    Rules read `prose`; reports quote `text`.
    """

    path: str
    text: str
    kind: str = "text"
    paragraphs: tuple[Span, ...] = field(default=())
    prose: str = ""

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

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(m.end() for m in re.finditer("\n", self.text))]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in code points for an offset."""
        starts = self._line_starts
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        starts = self._line_starts
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[starts[line - 1] : end].rstrip("\r\n")


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def mask_non_prose(text: str, kind: str = "text") -> str:
    """Blank out non-prose with spaces (newlines kept), so offsets stay those of `text`."""
    if kind == "markdown":
        text = _MARKDOWN_MASKED.sub(_blank, text)
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


def load_document(path: str | Path, data: bytes | None = None) -> Document:
    """Read and decode a file into a Document; raise InputError with a one-line cause."""
    name = str(path)
    if data is None:
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise InputError(f"{name}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{name}: is a directory") from None
        except OSError as exc:
            raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    return Document.from_text(decode(data, name), path=name, kind=kind_for(name))
