"""Load glossary YAML into the frozen model; every problem is reported as `file:line: message`."""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from tqcheck import cache
from tqcheck.glossary.model import CLASSES, Concept, Form, Glossary, MatchOptions, ProfileForms
from tqcheck.model import Severity

LINE = "__line__"
KEY_LINES = "__key_lines__"
_META = (LINE, KEY_LINES)
HEADER_FIELDS = ("id", "source_lang", "target_lang", "description", "version")
CONCEPT_FIELDS = (
    "id", "class", "preferred", "admitted", "profiles", "deprecated", "superseded", "source",
    "casing", "match", "exceptions", "severity", "definition", "note", "provenance",
    "misleading", "expansions",
)  # fmt: skip
FORM_FIELDS = ("text", "case", "accents", "hyphen", "inflect", "note")
MATCH_FIELDS = ("case", "accents", "hyphen", "inflect")
PROFILE_FIELDS = ("preferred", "admitted")


@dataclass(frozen=True, slots=True)
class GlossaryIssue:
    """One problem in a glossary file, located by line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class GlossaryError(Exception):
    """A glossary that cannot be used; carries every issue found."""

    def __init__(self, issues: list[GlossaryIssue]):
        self.issues = issues
        super().__init__(str(issues[0]) if issues else "invalid glossary")


# The C parser when PyYAML has it (10x faster on large glossaries); marks work the same.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A safe loader that records each mapping's 1-based line under LINE."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = [self.construct_object(k, deep=deep) for k, _ in node.value]
        for key, (key_node, _) in zip(keys, node.value, strict=True):
            if keys.count(key) > 1:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
        mapping = super().construct_mapping(node, deep=True)
        mapping[LINE] = node.start_mark.line + 1
        mapping[KEY_LINES] = {
            key: key_node.start_mark.line + 1
            for key, (key_node, _) in zip(keys, node.value, strict=True)
        }
        return mapping


def key_line(data: Mapping[str, Any], key: str) -> int:
    """The line of a key in a parsed mapping (the mapping's own line if unknown)."""
    return data.get(KEY_LINES, {}).get(key, data.get(LINE, 0))


class _Reader:
    """Validates one file's parsed YAML and builds Concepts, collecting issues."""

    def __init__(self, path: str):
        self.path = path
        self.issues: list[GlossaryIssue] = []

    def issue(self, line: int, message: str) -> None:
        self.issues.append(GlossaryIssue(self.path, line, message))

    def check_fields(self, data: Mapping[str, Any], allowed: Iterable[str], what: str) -> None:
        allowed = tuple(allowed)
        for key in data:
            if key in _META or key in allowed:
                continue
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            self.issue(key_line(data, key), f"unknown field {key!r} in {what}{hint}")

    def text(self, data: Mapping[str, Any], key: str, line: int, required: bool = False) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.issue(line, f"missing required field {key!r}")
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.issue(line, f"field {key!r} must be text, not {type(value).__name__}")
            return ""
        if not str(value).strip():
            self.issue(line, f"field {key!r} is empty")
        return str(value).strip()

    def choice(self, value: Any, options: Iterable[str], line: int, key: str) -> str | None:
        options = tuple(options)
        if value is None:
            return None
        if value not in options:
            self.issue(line, f"{key} must be one of {', '.join(options)}, not {value!r}")
            return None
        return value

    def match_options(self, data: Any, line: int, base: MatchOptions) -> MatchOptions:
        if data is None:
            return base
        if not isinstance(data, dict):
            self.issue(line, "match must be a mapping")
            return base
        self.check_fields(data, MATCH_FIELDS, "match")
        return self._options(data, data[LINE], base)

    def _options(self, data: Mapping[str, Any], line: int, base: MatchOptions) -> MatchOptions:
        case = self.choice(data.get("case"), ("fold", "exact"), line, "case") or base.case
        accents = self.choice(data.get("accents"), ("fold", "exact"), line, "accents")
        hyphen, inflect = data.get("hyphen", base.hyphen), data.get("inflect", base.inflect)
        if not isinstance(hyphen, bool) or not isinstance(inflect, bool):
            self.issue(line, "hyphen and inflect must be true or false")
            hyphen, inflect = base.hyphen, base.inflect
        return MatchOptions(case, accents or base.accents, hyphen, inflect)

    def forms(
        self, value: Any, status: str, line: int, base: MatchOptions, lang: str | None = None
    ) -> tuple[Form, ...]:
        if value is None:
            return ()
        if isinstance(value, str | dict):
            value = [value]
        if not isinstance(value, list):
            self.issue(line, f"{status} must be a list of forms")
            return ()
        result = []
        for item in value:
            if isinstance(item, dict):
                self.check_fields(item, FORM_FIELDS, f"{status} form")
                text = self.text(item, "text", item[LINE], required=True)
                options = self._options(item, item[LINE], base)
                note = item.get("note")
                if text:
                    result.append(Form(text, status, options, lang, note))
            elif isinstance(item, str) and item.strip():
                result.append(Form(item.strip(), status, base, lang))
            else:
                self.issue(line, f"{status} forms must be non-empty text, not {item!r}")
        return tuple(result)

    def profiles(self, value: Any, line: int) -> Mapping[str, ProfileForms]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.issue(line, "profiles must map a profile name to forms")
            return {}
        result = {}
        for name, forms in value.items():
            if name in _META:
                continue
            if isinstance(forms, str) and forms.strip():
                result[str(name)] = ProfileForms(forms.strip())
            elif isinstance(forms, dict):
                self.check_fields(forms, PROFILE_FIELDS, f"profile {name!r}")
                preferred = self.text(forms, "preferred", forms[LINE], required=True)
                admitted = self.forms(
                    forms.get("admitted"), "admitted", forms[LINE], MatchOptions()
                )
                result[str(name)] = ProfileForms(preferred, tuple(f.text for f in admitted))
            else:
                self.issue(value[LINE], f"profile {name!r} needs a form or {{preferred, admitted}}")
        return result

    def source_forms(self, value: Any, line: int, base: MatchOptions) -> Mapping[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.issue(line, "source must map a language code to forms")
            return {}
        return {
            str(lang): self.forms(forms, "source", value[LINE], base, str(lang))
            for lang, forms in value.items()
            if lang not in _META
        }

    def concept(self, data: Any, origin: str) -> Concept | None:
        if not isinstance(data, dict):
            self.issue(0, f"each concept must be a mapping, not {data!r}")
            return None
        line = data[LINE]
        self.check_fields(data, CONCEPT_FIELDS, "concept")
        cid = self.text(data, "id", line, required=True)
        cls = self.choice(data.get("class", "other"), CLASSES, key_line(data, "class"), "class")
        casing = self.choice(
            data.get("casing", "canonical"), ("canonical", "ignore"), key_line(data, "casing"),
            "casing",
        )  # fmt: skip
        severity = None
        if data.get("severity") is not None:
            try:
                severity = Severity.parse(str(data["severity"]))
            except ValueError as exc:
                self.issue(key_line(data, "severity"), str(exc))
        match = self.match_options(data.get("match"), line, MatchOptions())
        exceptions = self.forms(data.get("exceptions"), "exception", line, match)
        return Concept(
            id=cid,
            cls=cls or "other",
            preferred=self.text(data, "preferred", line, required=True),
            provenance=self.text(data, "provenance", line, required=True),
            admitted=self.forms(data.get("admitted"), "admitted", line, match),
            profiles=self.profiles(data.get("profiles"), line),
            deprecated=self.forms(data.get("deprecated"), "deprecated", line, match),
            superseded=self.forms(data.get("superseded"), "superseded", line, match),
            misleading=self.forms(data.get("misleading"), "misleading", line, match),
            expansions=tuple(
                f.text for f in self.forms(data.get("expansions"), "admitted", line, match)
            ),
            source=self.source_forms(data.get("source"), line, match),
            casing=casing or "canonical",
            match=match,
            exceptions=tuple(f.text for f in exceptions),
            severity=severity,
            definition=self.text(data, "definition", line) or None,
            note=self.text(data, "note", line) or None,
            origin=origin,
            line=line,
        )


def parse_glossary(data: bytes, path: str) -> tuple[Glossary | None, list[GlossaryIssue]]:
    """Parse and validate glossary bytes; return the glossary (if usable) and its issues."""
    try:
        raw = yaml.load(data.decode("utf-8-sig"), Loader=_LineLoader)
    except UnicodeDecodeError as exc:
        return None, [GlossaryIssue(path, 1, f"invalid UTF-8 at byte {exc.start}")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        return None, [GlossaryIssue(path, line, f"YAML error: {exc.problem or exc.context}")]
    except yaml.YAMLError as exc:
        return None, [GlossaryIssue(path, 1, f"YAML error: {exc}")]
    reader = _Reader(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("glossary"), dict):
        reader.issue(1, "a glossary needs a 'glossary:' header mapping and a 'concepts:' list")
        return None, reader.issues
    reader.check_fields(raw, ("glossary", "concepts"), "the file")
    header = raw["glossary"]
    reader.check_fields(header, HEADER_FIELDS, "the glossary header")
    hline = header[LINE]
    concepts_raw = raw.get("concepts")
    if not isinstance(concepts_raw, list):
        reader.issue(raw[LINE], "'concepts:' must be a list of concept entries")
        concepts_raw = []
    concepts = tuple(c for c in (reader.concept(d, path) for d in concepts_raw) if c is not None)
    seen: dict[str, int] = {}
    for concept in concepts:
        if concept.id in seen:
            reader.issue(
                concept.line, f"duplicate id {concept.id!r} (first at line {seen[concept.id]})"
            )
        seen.setdefault(concept.id, concept.line)
    glossary = Glossary(
        id=reader.text(header, "id", hline, required=True),
        source_lang=reader.text(header, "source_lang", hline, required=True),
        target_lang=reader.text(header, "target_lang", hline, required=True),
        description=reader.text(header, "description", hline),
        concepts=concepts,
        path=path,
        sha256="sha256:" + hashlib.sha256(data).hexdigest(),
    )
    return glossary, reader.issues


SHIPPED_DIR = Path(__file__).resolve().parent.parent / "glossaries"


def display_name(path: str | Path) -> str:
    """Shipped glossaries are named `tqcheck:glossaries/<file>` so output is portable."""
    resolved = Path(path).resolve()
    if resolved.parent == SHIPPED_DIR.resolve():
        return f"tqcheck:glossaries/{resolved.name}"
    return str(path)


def _relocated(glossary: Glossary, path: str) -> Glossary:
    """A cached glossary named by the path it was loaded from this time."""
    if glossary.path == path:
        return glossary
    concepts = tuple(replace(c, origin=path) for c in glossary.concepts)
    return replace(glossary, path=path, concepts=concepts)


def load_glossary(path: str | Path) -> Glossary:
    """Load one glossary file or raise GlossaryError naming the file, line and cause."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise GlossaryError(
            [GlossaryIssue(name, 0, f"cannot read glossary ({exc.strerror})")]
        ) from None
    key = hashlib.sha256(data).hexdigest()
    cached = cache.load("glossary", key)
    if isinstance(cached, Glossary):
        return _relocated(cached, name)
    glossary, issues = parse_glossary(data, name)
    if issues or glossary is None:
        raise GlossaryError(issues)
    cache.store("glossary", key, glossary)
    return glossary
