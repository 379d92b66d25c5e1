"""Glossary schema, loader errors, lint, compiled matching and the shipped data."""

from __future__ import annotations

from pathlib import Path

import pytest

from tqcheck.engine import shipped_glossary_paths
from tqcheck.glossary import GlossaryError, load_glossary
from tqcheck.glossary.folding import FoldedView
from tqcheck.glossary.lint import lint_paths
from tqcheck.glossary.matcher import CompiledGlossary, classify

HEADER = "glossary: {id: t, source_lang: es, target_lang: en}\nconcepts:\n"
KYIV = """  - id: place.kyiv
    class: place
    preferred: Kyiv
    superseded: [Kiev]
    exceptions: [chicken Kiev, Kievan Rus]
    provenance: AP Stylebook 2019
"""
NATO = """  - id: org.nato
    class: acronym
    preferred: NATO
    profiles: {guardian: Nato}
    source: {es: [OTAN], de: [NATO]}
    provenance: Guardian style guide
"""


def write(tmp_path: Path, body: str, name: str = "g.yaml") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def kinds(path: Path, text: str, profile: str = "default") -> list[tuple[str, str]]:
    compiled = CompiledGlossary([load_glossary(path)], profile)
    out = []
    for match in compiled.find(text):
        item = classify(match, compiled.concepts, profile, line_caps=False)
        if item is not None:
            out.append((item.kind, match.surface))
    return out


def test_loader_builds_the_model(tmp_path: Path) -> None:
    glossary = load_glossary(write(tmp_path, KYIV + NATO))
    assert [c.id for c in glossary.concepts] == ["place.kyiv", "org.nato"]
    nato = glossary.concepts[1]
    assert nato.preferred_for("guardian") == "Nato"
    assert nato.accepted("default") == ("NATO", "Nato")
    assert nato.accepted("ap") == ("NATO",)
    assert glossary.sha256.startswith("sha256:")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("  - id: a\n    preferred: A\n    provenance: x\n    prefered: B\n",
         "g.yaml:6: unknown field 'prefered' in concept; did you mean 'preferred'?"),
        ("  - id: a\n    preferred: A\n", "g.yaml:3: missing required field 'provenance'"),
        ("  - id: a\n    preferred: A\n    provenance: x\n  - id: a\n    preferred: B\n"
         "    provenance: x\n", "g.yaml:6: duplicate id 'a' (first at line 3)"),
        ("  - id: a\n    preferred: [A\n", "g.yaml:5: YAML error"),
        ("  - id: a\n    class: fruit\n    preferred: A\n    provenance: x\n",
         "g.yaml:4: class must be one of"),
        ("  - id: a\n    preferred: A\n    provenance: x\n    severity: fatal\n",
         "g.yaml:6: unknown severity 'fatal'"),
    ],
)  # fmt: skip
def test_loader_errors_name_file_and_line(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(GlossaryError) as error:
        load_glossary(write(tmp_path, body))
    assert str(error.value).endswith(message) or message in str(error.value)
    assert str(error.value).startswith(str(tmp_path))


def test_matching_is_unicode_and_hyphen_aware(tmp_path: Path) -> None:
    path = write(tmp_path, KYIV + NATO)
    text = "The Otán-Ukraine Council met in kyiv’s centre; Kiev said NATO and Nato agree."
    assert kinds(path, text) == [
        ("source", "Otán"),
        ("case", "kyiv"),
        ("superseded", "Kiev"),
        ("accepted", "NATO"),
        ("accepted", "Nato"),
    ]


def test_exceptions_and_word_boundaries(tmp_path: Path) -> None:
    path = write(tmp_path, KYIV + NATO)
    assert kinds(path, "He ate chicken Kiev. Kievan Rus was a state. Kievs and Kiev-based.") == [
        ("superseded", "Kiev")
    ]
    assert kinds(path, "SANATORIUM notation") == []


def test_house_profile_marks_other_house_forms(tmp_path: Path) -> None:
    path = write(tmp_path, NATO)
    assert kinds(path, "NATO and Nato", profile="guardian") == [
        ("house", "NATO"),
        ("accepted", "Nato"),
    ]


def test_source_form_equal_to_target_form_is_ignored(tmp_path: Path) -> None:
    assert kinds(write(tmp_path, NATO), "NATO said") == [("accepted", "NATO")]


def test_folded_view_maps_offsets_across_squeezed_whitespace() -> None:
    text = "signed the Ammunition   Convention in\n\nBunch; others"
    view = FoldedView.of(text)
    start = view.text.index("ammunition convention in bunch")
    end = start + len("ammunition convention in bunch")
    assert text[view.original(start) : view.original(end - 1) + 1] == (
        "Ammunition   Convention in\n\nBunch"
    )


def test_lint_finds_contradictions_and_self_corrections(tmp_path: Path) -> None:
    first = write(tmp_path, NATO + "    deprecated: [Nato]\n", "a.yaml")
    second = write(
        tmp_path,
        "  - id: org.nato\n    preferred: Nato\n    provenance: x\n"
        "  - id: org.other\n    preferred: Other\n    deprecated: [NATO]\n    provenance: x\n",
        "b.yaml",
    )
    messages = [str(i) for i in lint_paths([first, second])]
    assert any("self-correction" in m and "a.yaml:3" in m for m in messages)
    assert any("target forms differ" in m and "b.yaml:3" in m for m in messages)
    assert any("is the accepted form of org.nato" in m for m in messages)


def test_lint_accepts_a_clean_file(tmp_path: Path) -> None:
    assert lint_paths([write(tmp_path, KYIV + NATO)]) == []


# The shipped data, tested as data (codespell's best idea).
SHIPPED = shipped_glossary_paths()
MINIMUM = {"es-en.yaml": 80, "fr-en.yaml": 25, "pt-en.yaml": 25, "de-en.yaml": 25}


def test_shipped_glossaries_exist_with_enough_concepts() -> None:
    names = {p.name: p for p in SHIPPED}
    for name, minimum in MINIMUM.items():
        assert name in names, f"missing shipped glossary {name}"
        assert len(load_glossary(names[name]).concepts) >= minimum


def test_shipped_glossaries_lint_clean() -> None:
    assert [str(i) for i in lint_paths(SHIPPED)] == []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_entry_has_provenance_and_a_known_class(path: Path) -> None:
    for concept in load_glossary(path).concepts:
        assert concept.provenance.strip(), concept.id
        assert concept.cls != "other" or concept.note, concept.id


def test_parsed_glossaries_are_cached_and_damage_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path / "cache"))
    path = write(tmp_path, KYIV + NATO)
    first = load_glossary(path)
    entries = list((tmp_path / "cache" / "glossary").glob("*.pickle"))
    assert len(entries) == 1
    assert load_glossary(path) == first  # served from the cache
    entries[0].write_bytes(b"not a pickle")
    assert load_glossary(path) == first  # corrupt entry: parsed again
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(path.read_bytes())
    assert load_glossary(copy).concepts[0].origin == str(copy)  # named by this load's path
    path.write_text(HEADER + KYIV, encoding="utf-8")
    assert [c.id for c in load_glossary(path).concepts] == ["place.kyiv"]  # new content


def test_cache_can_be_disabled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TQCHECK_CACHE_DIR", "")
    monkeypatch.setenv("HOME", str(tmp_path))
    load_glossary(write(tmp_path, KYIV))
    assert not any(tmp_path.rglob("*.pickle"))
