"""Gettext PO/POT: one unit per entry (per `msgstr[n]` for plurals), parsed by polib.

polib gives the entries; it does not say where their strings sit in the file. This reader
finds each entry's `msgstr` lines from `entry.linenum` (the entry's first line) and decodes
the quoted strings itself, so every character of a target maps to the file. The decoded
text must equal polib's value; if it ever did not, polib's value is kept, mapped to the
whole string.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import polib

from tqcheck.document import InputError
from tqcheck.formats.base import ParsedFile, RawSegment, TextPiece, normalise_lang

_ID_CHARS = 60
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip
_CHARSET = re.compile(rb"Content-Type:[^\"\n]*?charset=\s*([-\w.:]+)", re.IGNORECASE)
# The escapes polib decodes (its `unescape`); any other backslash is kept as written.
_ESCAPE = re.compile(r'\\(\\|n|t|r|v|b|f|")')
_ESCAPES = {"\\": "\\", "n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f",
            '"': '"'}  # fmt: skip
# str.splitlines() (which polib uses on text) breaks lines at these too; GNU gettext and
# our line numbers do not, so they are shielded while polib reads.
_ODD_BREAKS = re.compile("\r(?!\n)|[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# GNU gettext reads "#text", "#,fuzzy", "#~msgid" as comments and markers; polib wants a
# space after the marker. "##" lines are polib's own translator comments: left alone.
_TIGHT_MARKER = re.compile(r"^([ \t]*(?>#(?:~\|?|[,.:|])?))(?=[^\s#])", re.MULTILINE)
_DOMAIN = re.compile(r"^[ \t]*domain\b[^\n\r]*", re.MULTILINE)  # a catalogue switch
_POLIB_ERROR = re.compile(r"\(line (\d+)\)(?::\s*(.*))?")
_PLURAL = re.compile(r"msgstr\[(\d+)\]")


@dataclass(frozen=True, slots=True)
class _String:
    """One `msgstr` or `msgstr[n]` in the file: keyword offset and its quoted parts."""

    index: int | None  # n of msgstr[n]; None for a plain msgstr
    keyword: int
    parts: tuple[tuple[int, int], ...]  # [start, end) of each quoted string's content


def read(path: str, data: bytes, options: object) -> tuple[str, ParsedFile]:
    """Parse a PO or POT file into units; raise InputError naming the problem."""
    text = _decode(path, data)
    shielded, unshield = _shield(text)
    po = _parse(path, shielded, unshield)
    lines = _line_starts(text)
    segments: list[RawSegment] = []
    for entry in po:
        if entry.obsolete:
            continue
        strings = _find_strings(path, shielded, lines, max(entry.linenum, 1) - 1)
        segments.extend(_segments(entry, strings, shielded, unshield, lines))
    meta = po.metadata
    return text, ParsedFile(tuple(segments), normalise_lang(meta.get("X-Source-Language")),
                            normalise_lang(meta.get("Language")))  # fmt: skip


def _decode(path: str, data: bytes) -> str:
    """The file's text: by its BOM, else its header's charset, else UTF-8."""
    if not data.strip():
        raise InputError(f"{path}: empty file, nothing to check")
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None:
        if b"\x00" in data[:8192]:
            raise InputError(f"{path}: binary file (NUL bytes), not a PO file")
        encoding = _charset(path, data)
    try:
        text = data.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(encoding, "replace").count("\n") + 1
        raise InputError(f"{path}: line {line}: byte 0x{data[exc.start]:02x} is not valid "
                         f"{encoding}; fix the charset in the header") from None  # fmt: skip
    if "\r" in text and "\n" not in text:  # lines are counted at "\n", as gettext does
        raise InputError(f"{path}: line 1: lines end in CR only; save with LF or CRLF endings")
    return text


def _charset(path: str, data: bytes) -> str:
    """The header's `charset=`; a POT's placeholder "CHARSET" means UTF-8."""
    match = _CHARSET.search(data)
    name = match.group(1).decode("ascii") if match else "utf-8"
    if name.upper() == "CHARSET":
        return "utf-8"
    try:
        return codecs.lookup(name).name
    except LookupError:
        line = data[: match.start()].count(b"\n") + 1 if match else 1
        raise InputError(f"{path}: line {line}: unknown charset {name!r}") from None


def _shield(text: str) -> tuple[str, dict[int, int]]:
    """`text` with odd line breaks swapped for unused private-use characters (1:1)."""
    found = sorted(set(_ODD_BREAKS.findall(text)))
    if not found:
        return text, {}
    spare = (chr(c) for c in range(0xF0000, 0xFFFFE) if chr(c) not in text)
    mapping = {ch: next(spare) for ch in found}
    shielded = _ODD_BREAKS.sub(lambda m: mapping[m.group()], text)
    return shielded, {ord(v): ord(k) for k, v in mapping.items()}


def _parse(path: str, text: str, unshield: dict[int, int]) -> polib.POFile:
    """polib's reading of the file; its syntax errors become one-line InputErrors."""
    for_polib = _DOMAIN.sub("", _TIGHT_MARKER.sub(r"\1 ", text))  # same line count
    try:
        # A trailing newline keeps polib from taking a one-line text for a file name.
        po = polib.pofile(for_polib + "\n", encoding="utf-8")
    except (OSError, ValueError) as exc:
        match = _POLIB_ERROR.search(str(exc))
        line = int(match.group(1)) if match else 1
        cause = match.group(2) if match and match.group(2) else _cause(text, line)
        raise InputError(f"{path}: line {line}: {cause}") from None
    if unshield:
        for entry in po:
            entry.msgid = entry.msgid.translate(unshield)
            entry.msgid_plural = entry.msgid_plural.translate(unshield)
            entry.msgctxt = entry.msgctxt and entry.msgctxt.translate(unshield)
            entry.msgstr = entry.msgstr.translate(unshield)
            for n, value in entry.msgstr_plural.items():
                entry.msgstr_plural[n] = value.translate(unshield)
    return po


def _cause(text: str, line: int) -> str:
    """Why polib refused a line, when it does not say."""
    lines = text.split("\n")
    content = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    if content.startswith(("msgid ", "msgctxt ")):
        return f"PO syntax error at {content[:40]!r} (the entry before has no msgstr)"
    return f"PO syntax error at {content[:40]!r}" if content else "PO syntax error"


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def _line(text: str, lines: list[int], number: int) -> tuple[int, str]:
    """(offset, text without its newline) of a 0-based line."""
    start = lines[number]
    end = lines[number + 1] - 1 if number + 1 < len(lines) else len(text)
    return start, text[start:end]


def _find_strings(path: str, text: str, lines: list[int], first: int) -> list[_String]:
    """The msgstr strings of the entry whose first line is `first` (none if it has none)."""
    number = _msgstr_line(text, lines, first)
    strings: list[_String] = []
    while number is not None and number < len(lines):
        start, raw = _line(text, lines, number)
        content = raw.strip()
        lead = start + len(raw) - len(raw.lstrip())
        if content.startswith("msgstr"):
            plural = _PLURAL.match(content)
            # polib: msgstr[n] from its first quote; msgstr after the keyword's blanks
            quote = content.find('"') if plural else len(content) - len(content[6:].lstrip())
            part = _quoted(path, text, number, lead + quote, lead + len(content))
            strings.append(_String(int(plural.group(1)) if plural else None, lead, (part,)))
        elif content.startswith('"'):
            last = strings[-1]
            part = _quoted(path, text, number, lead, lead + len(content))
            strings[-1] = _String(last.index, last.keyword, (*last.parts, part))
        elif content:
            break  # a comment or the next entry
        number += 1
    return strings


def _msgstr_line(text: str, lines: list[int], first: int) -> int | None:
    """The 0-based line of an entry's first msgstr keyword, or None if it has none."""
    seen_msgid = False
    for number in range(first, len(lines)):
        word = _line(text, lines, number)[1].strip().split(None, 1)[:1]
        if word and word[0].startswith("msgstr"):
            return number
        if word in (["msgid"], ["msgctxt"]) and seen_msgid:
            return None  # the next entry already: this one has no msgstr
        seen_msgid = seen_msgid or word == ["msgid"]
    return None


def _quoted(path: str, text: str, number: int, start: int, end: int) -> tuple[int, int]:
    """The content span of the quoted string at `text[start:end]` (quotes included)."""
    if end - start < 2 or text[start] != '"' or text[end - 1] != '"':
        raise InputError(f"{path}: line {number + 1}: expected a string in double quotes")
    return start + 1, end - 1


def _pieces(text: str, start: int, end: int, unshield: dict[int, int]) -> list[TextPiece]:
    """Decoded pieces of one quoted string: plain runs 1:1, each escape on its own."""
    pieces, run = [], start
    for match in _ESCAPE.finditer(text, start, end):
        if run < match.start():
            pieces.append(TextPiece(text[run : match.start()].translate(unshield), run,
                                    match.start()))  # fmt: skip
        pieces.append(TextPiece(_ESCAPES[match.group(1)], match.start(), match.end()))
        run = match.end()
    if run < end:
        pieces.append(TextPiece(text[run:end].translate(unshield), run, end))
    return pieces


def _segments(
    entry: polib.POEntry, strings: list[_String], text: str, unshield: dict[int, int],
    lines: list[int],
) -> list[RawSegment]:  # fmt: skip
    """One RawSegment per msgstr of an entry (or one without a target if it has none)."""
    unit = _unit_id(entry)
    notes = tuple(n for n in (*entry.tcomment.splitlines(), *entry.comment.splitlines()) if n)
    if not strings:
        anchor = lines[max(entry.linenum, 1) - 1]
        return [RawSegment(unit, entry.msgid, (), anchor, False, notes=notes,
                           state="fuzzy" if entry.fuzzy else "untranslated")]  # fmt: skip
    segments = []
    for string in strings:
        pieces = [p for a, b in string.parts for p in _pieces(text, a, b, unshield)]
        decoded = "".join(p.text for p in pieces)
        expected = entry.msgstr if string.index is None else entry.msgstr_plural.get(string.index)
        if expected is not None and decoded != expected:  # trust polib; map to the whole
            pieces = [TextPiece(expected, string.parts[0][0], string.parts[-1][1])]
            decoded = expected
        state = "fuzzy" if entry.fuzzy else "translated" if decoded else "untranslated"
        source = entry.msgid_plural if string.index and entry.msgid_plural else entry.msgid
        suffix = "" if string.index is None else f"[{string.index}]"
        segments.append(RawSegment(unit + suffix, source, tuple(pieces), string.keyword,
                                   state=state, notes=notes))  # fmt: skip
    return segments


def _unit_id(entry: polib.POEntry) -> str:
    """A readable id: the msgid (escaped, shortened), after "msgctxt|" if there is one."""
    msgid = entry.msgid.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    if len(msgid) > _ID_CHARS:
        msgid = msgid[:_ID_CHARS] + "…"
    return f"{entry.msgctxt}|{msgid}" if entry.msgctxt else msgid
