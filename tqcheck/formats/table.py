"""Bilingual CSV/TSV: one unit per row, source and target columns, optional header.

The header is recognised by column names ("source", "target", "translation", "id", "key")
or language codes ("es", "en-GB", "English"). Without a header the first two columns are
source and target. Cells are located in the file so findings carry its line and column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from babel import Locale, UnknownLocaleError

from tqcheck.document import InputError, decode
from tqcheck.formats.base import ParsedFile, RawSegment, TextPiece, normalise_lang

_SOURCE_NAMES = frozenset({"source", "src", "original", "source text", "msgid", "from"})
_TARGET_NAMES = frozenset({"target", "tgt", "translation", "target text", "msgstr", "to"})
_ENGLISH_NAMES = {name.lower(): code for code, name in Locale("en").languages.items()
                  if len(code) == 2}  # fmt: skip
_ID_NAMES = frozenset({"id", "key", "unit", "unit id", "segment", "segment id", "name"})


def read(path: str, data: bytes, options: object) -> tuple[str, ParsedFile]:
    """Parse a CSV or TSV file into units; raise InputError naming the problem."""
    text = decode(data, path)
    delimiter = _delimiter(path, text)
    rows = _rows(path, text, delimiter)
    if not rows:
        return text, ParsedFile(())
    header = _header(rows[0][0])
    src_lang = getattr(options, "source_lang", None)
    tgt_lang = getattr(options, "target_lang", None)
    columns = _columns(rows[0][0], src_lang, tgt_lang) if header else None
    body = rows[1:] if columns else rows
    source_col, target_col, id_col = columns[:3] if columns else (0, 1, None)
    segments = []
    for number, (cells, spans) in enumerate(body, 2 if columns else 1):
        if len(cells) <= max(source_col, target_col):
            if not any(c.strip() for c in cells):
                continue  # a blank row
            raise InputError(f"{path}: row {number} has {len(cells)} column(s); expected "
                             f"source and target in columns {source_col + 1} and "
                             f"{target_col + 1}")  # fmt: skip
        unit_id = cells[id_col] if id_col is not None and id_col < len(cells) else str(number)
        start, end = spans[target_col]
        target = _pieces(cells[target_col], start, end)
        segments.append(RawSegment(unit_id, cells[source_col], target, start))
    langs = columns[3:] if columns else (None, None)
    return text, ParsedFile(tuple(segments), *langs)


def _pieces(cell: str, start: int, end: int) -> tuple[TextPiece, ...]:
    """A cell as pieces: 1:1 stretches, and each doubled quote "" read as one quote."""
    if not cell:
        return ()
    if end - start == len(cell):
        return (TextPiece(cell, start, end),)
    pieces, at = [], start
    for index, part in enumerate(cell.split('"')):
        if index:
            pieces.append(TextPiece('"', at, at + 2))
            at += 2
        if part:
            pieces.append(TextPiece(part, at, at + len(part)))
            at += len(part)
    return tuple(pieces)


def _delimiter(path: str, text: str) -> str:
    if path.lower().endswith((".tsv", ".tab")) or "\t" in text.split("\n", 1)[0]:
        return "\t"
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _rows(path: str, text: str, delimiter: str) -> list[tuple[list[str], list[tuple[int, int]]]]:
    """Rows with the file span of every cell (quotes excluded)."""
    lines = text.splitlines(keepends=True)
    line_starts = [0]
    for line in lines:
        line_starts.append(line_starts[-1] + len(line))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows, consumed = [], 0
    try:
        for cells in reader:
            raw_start = line_starts[consumed]
            consumed = reader.line_num
            raw = text[raw_start : line_starts[min(consumed, len(lines))]]
            rows.append((cells, _cell_spans(cells, raw, raw_start, delimiter)))
    except csv.Error as exc:
        raise InputError(f"{path}: line {reader.line_num}: malformed CSV ({exc})") from None
    return rows


def _cell_spans(
    cells: Sequence[str], raw: str, offset: int, delimiter: str
) -> list[tuple[int, int]]:
    """Find each cell's text in the raw record, left to right (quoted or not)."""
    spans, cursor = [], 0
    for cell in cells:
        written = cell.replace('"', '""') if raw.startswith('"', cursor) else cell
        at = raw.find(written, cursor) if written else cursor
        if at < 0:  # not found verbatim (an unusual quoting): point at the cell start
            at, written = cursor, ""
        spans.append((offset + at, offset + at + len(written)))
        after = at + len(written)
        if raw.startswith('"', after):
            after += 1
        next_delimiter = raw.find(delimiter, after)
        cursor = next_delimiter + 1 if next_delimiter >= 0 else len(raw)
    return spans


def _header(cells: Sequence[str]) -> bool:
    """A header names its columns: known names or language codes in at least two cells.

    Language cells must differ: a first row "No,No" is data, not two Norwegian columns.
    """
    roles = sum(1 for c in cells if _role(c) is not None)
    langs = {c.strip().lower() for c in cells if _role(c) is None and header_language(c)}
    return roles + len(langs) >= 2


def _role(cell: str) -> str | None:
    name = cell.strip().lower()
    if name in _SOURCE_NAMES:
        return "source"
    if name in _TARGET_NAMES:
        return "target"
    return "id" if name in _ID_NAMES else None


def header_language(cell: str) -> str | None:
    """An ISO code ("es", "pt-BR") or an English language name ("Spanish") as a code."""
    name = cell.strip()
    code = normalise_lang(name) if len(name) <= 8 else None
    if code and len(code) == 2:
        try:
            Locale.parse(code)
            return code
        except (ValueError, UnknownLocaleError):
            pass
    return _ENGLISH_NAMES.get(name.lower())


def _columns(
    header: Sequence[str], source_lang: str | None, target_lang: str | None
) -> tuple[int, int, int | None, str | None, str | None]:
    """(source, target, id) column indexes and the languages a header declares."""
    roles = [_role(c) for c in header]
    langs = [header_language(c) if roles[i] is None else None for i, c in enumerate(header)]
    id_col = roles.index("id") if "id" in roles else None
    pick = {lang: i for i, lang in reversed(list(enumerate(langs))) if lang}
    source = roles.index("source") if "source" in roles else pick.get(source_lang or "")
    target = roles.index("target") if "target" in roles else pick.get(target_lang or "")
    # Unnamed columns, those a language names first, fill what the names left open.
    spare = [i for i in sorted(range(len(header)), key=lambda i: langs[i] is None)
             if roles[i] is None]  # fmt: skip
    if source is None:
        source = next((i for i in spare if i != target), 0)
    if target is None:
        target = next((i for i in spare if i != source), 1)
    return source, target, id_col, langs[source], langs[target]
