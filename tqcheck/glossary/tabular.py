"""CSV/TSV glossaries: Xbench-style two-column lists and headed multi-language tables.

Import: without a header, columns are source, target and an optional note; `#` lines are
comments. A header names language columns ("es", "en-US", "Spanish") and optional `id`,
`class`, `status`, `note`, `definition` (or `source`/`target`) columns. `status` is the
status of the row's target term. Rows with the same id, or without an id the same source
term, make one concept; a row with neither id nor source continues the previous concept.
Export: a headed table (id, class, status, source, target, note), one row per target form.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqcheck.document import InputError, decode
from tqcheck.formats.table import header_language
from tqcheck.glossary.interchange import (
    TARGET_STATUSES,
    Entry,
    ImportResult,
    Term,
    build_concept,
    lang_matches,
    primary,
    slug,
    unique_id,
)
from tqcheck.glossary.model import CLASSES, Concept, Glossary

_ROLES = {
    "id": "id", "key": "id", "class": "class", "status": "status", "note": "note",
    "notes": "note", "comment": "note", "comments": "note", "definition": "definition",
    "source": "source", "target": "target",
}  # fmt: skip
_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
# Status names: ours, TBX administrative statuses, and common termbase words.
_STATUS = {s: s for s in TARGET_STATUSES} | {
    "preferredterm": "preferred", "admittedterm": "admitted", "deprecatedterm": "deprecated",
    "supersededterm": "superseded", "standardizedterm": "preferred", "forbidden": "deprecated",
    "obsolete": "superseded", "": None,
}  # fmt: skip


@dataclass
class _Group:
    """The rows of one concept."""

    id: str
    line: int
    cls: str = ""
    definition: str = ""
    target: list[Term] = field(default_factory=list)
    source: list[Term] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Columns:
    """Column indexes of a table (None: absent) and the languages of source and target."""

    source: int
    target: int
    source_lang: str
    target_lang: str
    roles: dict[str, int] = field(default_factory=dict)


def read_table(
    path: str, data: bytes, source_lang: str | None, target_lang: str | None
) -> ImportResult:
    """Import a CSV/TSV glossary; InputError `path[:line]: cause` when it cannot be read."""
    text = _decode(path, data)
    delimiter = _delimiter(path, text)
    rows = list(_rows(path, text, delimiter))
    if not rows:
        raise InputError(f"{path}: no glossary rows")
    header = _header(rows[0][1])
    columns = _columns(path, header, source_lang, target_lang)
    groups = _groups(path, rows[1:] if header else rows, columns)
    kind = "TSV" if delimiter == "\t" else "CSV"
    provenance = f"imported from {Path(path).name} ({kind})"
    taken = {g.id for g in groups if g.id}
    concepts, missing, unusable = [], 0, 0
    for number, group in enumerate(groups, 1):
        if not group.id:  # named after its first term, as a reader would look it up
            first = group.source or group.target
            group.id = unique_id(slug(first[0].text) if first else "", taken, f"c{number}")
        concept = build_concept(_entry(group, columns), provenance)
        missing += not group.target
        unusable += bool(group.target) and concept is None
        if concept is not None:
            concepts.append(concept)
    glossary = Glossary(slug(Path(path).stem) or "imported", columns.source_lang,
                        columns.target_lang, tuple(concepts))  # fmt: skip
    return ImportResult(glossary, missing, unusable, kind)


def _decode(path: str, data: bytes) -> str:
    """UTF-8 (BOM tolerated), or UTF-16 with a BOM as some termbase tools write."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: invalid UTF-16 at byte {exc.start}") from None
    return decode(data, path)


def _delimiter(path: str, text: str) -> str:
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")
    if Path(path).suffix.lower() in (".tsv", ".tab", ".txt") or "\t" in first:
        return "\t"
    try:
        return csv.Sniffer().sniff(first, delimiters=",;").delimiter
    except csv.Error:
        return ","


def _rows(path: str, text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of every row that is neither blank nor a `#` comment."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if any(c.strip() for c in cells) and not cells[0].lstrip().startswith("#"):
                yield start, [c.strip() for c in cells]
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}: malformed CSV ({exc})") from None


def _cell_lang(cell: str) -> str | None:
    """A language tag as written ("en-US"), or the code of a language name ("Spanish")."""
    if header_language(cell) is None:
        return None
    return cell.strip() if _TAG.match(cell.strip()) else header_language(cell)


def _header(cells: Sequence[str]) -> list[str] | None:
    """The header row, if this is one: two or more known column names or languages."""
    roles = [c for c in cells if c.lower() in _ROLES]
    langs = {c.lower() for c in cells if c.lower() not in _ROLES and _cell_lang(c)}
    terms = langs or {c for c in roles if c.lower() in ("source", "target")}
    return list(cells) if len(roles) + len(langs) >= 2 and terms else None


def _columns(
    path: str, header: list[str] | None, source: str | None, target: str | None
) -> _Columns:
    """Where source, target and the named columns are, and which languages they hold."""
    if header is None:  # Xbench: source, target, note
        if not source:
            raise InputError(f"{path}: a table without a header row names no languages; "
                             "give --source-lang (and --target-lang, default en)")  # fmt: skip
        return _Columns(0, 1, primary(source), primary(target or "en"), {"note": 2})
    roles = {_ROLES[c.lower()]: i for i, c in reversed(list(enumerate(header)))
             if c.lower() in _ROLES}  # fmt: skip
    langs = [(i, lang) for i, c in enumerate(header)
             if c.lower() not in _ROLES and (lang := _cell_lang(c))]  # fmt: skip
    src = _pick(langs, source, target, roles.get("source"))
    tgt = _pick([x for x in langs if x[0] != (src[0] if src else None)], target, None,
                roles.get("target"))  # fmt: skip
    source_name = primary(source or src[1]) if src else ""
    if src is None or tgt is None or not source_name:
        side = "target" if src and source_name else "source"
        raise InputError(f"{path}: the header names no {side} language column; "
                         "give --source-lang and --target-lang")  # fmt: skip
    return _Columns(src[0], tgt[0], source_name, primary(target or tgt[1] or "en"), roles)


def _pick(
    langs: list[tuple[int, str]], wanted: str | None, other: str | None, named: int | None
) -> tuple[int, str] | None:
    """The column of the wanted language; else a `source`/`target` column; else the first
    language column that is not the other language."""
    if wanted:
        found = next((x for x in langs if lang_matches(x[1], wanted)), None)
        return found or ((named, wanted) if named is not None else None)
    if named is not None:
        return named, ""
    return next((x for x in langs if not (other and lang_matches(x[1], other))), None)


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _groups(path: str, rows: list[tuple[int, list[str]]], columns: _Columns) -> list[_Group]:
    """Rows gathered into concepts: by id, else by source term, else the previous one."""
    groups: dict[tuple[str, str], _Group] = {}
    current: _Group | None = None
    for line, cells in rows:
        cid, src = _cell(cells, columns.roles.get("id")), _cell(cells, columns.source)
        tgt = _cell(cells, columns.target)
        key = ("id", cid) if cid else ("source", src) if src else None
        if key is None and current is None:
            key = ("target", tgt)
        if key is not None:
            current = groups.setdefault(key, _Group(cid, line))
        assert current is not None
        _add_row(path, line, cells, columns, current)
    return list(groups.values())


def _add_row(path: str, line: int, cells: list[str], columns: _Columns, group: _Group) -> None:
    roles = columns.roles
    src, tgt = _cell(cells, columns.source), _cell(cells, columns.target)
    note, status = _cell(cells, roles.get("note")), _cell(cells, roles.get("status"))
    key = status.lower().replace(" ", "").removesuffix("-admn-sts")
    if key not in _STATUS:
        raise InputError(f"{path}:{line}: unknown status {status!r}; use one of "
                         f"{', '.join(TARGET_STATUSES)}")  # fmt: skip
    cls = _cell(cells, roles.get("class"))
    if cls and cls not in CLASSES:
        raise InputError(f"{path}:{line}: unknown class {cls!r}; use one of {', '.join(CLASSES)}")
    group.cls = group.cls or cls
    group.definition = group.definition or _cell(cells, roles.get("definition"))
    first = not group.target and not group.source and not group.notes
    if src and all(t.text != src for t in group.source):
        group.source.append(Term(src))
    if tgt and not first:  # a later row's note belongs to its target term
        group.target.append(Term(tgt, _STATUS[key], note or None))
    else:
        group.target += [Term(tgt, _STATUS[key])] if tgt else []
        group.notes += [note] if note else []


def _entry(group: _Group, columns: _Columns) -> Entry:
    return Entry(
        id=group.id,
        target=tuple(group.target),
        source={columns.source_lang: tuple(group.source)} if group.source else {},
        cls=group.cls or "other",
        definition=group.definition or None,
        notes=tuple(group.notes),
    )


def write_table(glossary: Glossary, delimiter: str) -> str:
    """The glossary as a headed table: id, class, status, source, target, note."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["id", "class", "status", glossary.source_lang, glossary.target_lang, "note"])
    for concept in glossary.concepts:
        writer.writerows(_concept_rows(concept, glossary.source_lang))
    return buffer.getvalue()


def _concept_rows(concept: Concept, source_lang: str) -> Iterator[list[str]]:
    """Row i pairs the i-th target form with the i-th source form; the first row's note is
    the concept note, a later row's note its target form's."""
    targets = [(concept.preferred, "preferred", concept.note)]
    for form in (*concept.admitted, *concept.deprecated, *concept.superseded,
                 *concept.misleading):  # fmt: skip
        targets.append((form.text, form.status, form.note))
    targets += [(text, "expansion", None) for text in concept.expansions]
    sources = [form.text for form in concept.source.get(source_lang, ())]
    for index in range(max(len(targets), len(sources))):
        text, status, note = targets[index] if index < len(targets) else ("", "", None)
        source = sources[index] if index < len(sources) else ""
        yield [concept.id, concept.cls, status, source, text, note or ""]
