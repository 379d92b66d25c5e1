"""Format readers: each turns one kind of file into a Document with exact file positions.

Text and Markdown are read by `tqcheck.document`; translation files (XLIFF, PO, TMX,
CSV/TSV) by one module each here, imported only when a file of that kind is checked.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from tqcheck.document import Document, decode, load_document

_READERS = {
    "xliff": "tqcheck.formats.xliff",
    "po": "tqcheck.formats.po",
    "tmx": "tqcheck.formats.tmx",
    "csv": "tqcheck.formats.table",
}
_SUFFIXES = {
    ".xlf": "xliff", ".xliff": "xliff", ".sdlxliff": "xliff", ".mqxliff": "xliff",
    ".po": "po", ".pot": "po",
    ".tmx": "tmx",
    ".csv": "csv", ".tsv": "csv", ".tab": "csv",
}  # fmt: skip
TRANSLATION_SUFFIXES = tuple(_SUFFIXES)
_SNIFF = 4096


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What a reader needs from the run: the languages the user asked for, if any."""

    source_lang: str | None = None
    target_lang: str | None = None


def detect_kind(path: str, data: bytes) -> str:
    """The reader for a file: by extension first, then by content ("text" if unsure)."""
    by_suffix = _SUFFIXES.get(Path(path).suffix.lower())
    if by_suffix:
        return by_suffix
    head = data[:_SNIFF].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml") or head.startswith(b"<"):
        if b"<xliff" in head:
            return "xliff"
        if b"<tmx" in head:
            return "tmx"
    if b'\nmsgid "' in b"\n" + data[:_SNIFF] and b"msgstr" in data[: _SNIFF * 4]:
        return "po"
    return "text"


def load(
    path: str, data: bytes, options: ReadOptions | None = None, kind: str | None = None
) -> Document:
    """Read any supported file into a Document; raise InputError with a one-line cause.

    `kind` ("xliff", "po", "tmx", "csv", "text", "markdown") skips detection.
    """
    kind = kind or detect_kind(path, data)
    if kind == "markdown":
        return Document.from_text(decode(data, path), path=path, kind="markdown")
    if kind not in _READERS:
        return load_document(path, data)
    reader = importlib.import_module(_READERS[kind])
    from tqcheck.formats.base import build_document

    file_text, parsed = reader.read(path, data, options or ReadOptions())
    return build_document(path, file_text, kind, parsed)
