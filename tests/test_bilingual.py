"""Source-aware checking: term compliance, --source pairing, consistency across files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqcheck.cli import app
from tqcheck.config import Config
from tqcheck.document import Document
from tqcheck.engine import check_paths, check_text
from tqcheck.formats.aligned import pair_with_source
from tqcheck.glossary.terms import TermChecker, TermRequirement

INJURY = TermRequirement("injury", ("Verletzung",), ("injury",))
NATO = TermRequirement("nato", ("OTAN",), ("NATO",))


def test_terms_are_counted_and_inflection_tolerated() -> None:
    checker = TermChecker([INJURY, NATO], "de", "en")
    assert checker.gaps("Die Verletzungen", "The injuries") == []
    (gap,) = checker.gaps("OTAN y OTAN", "NATO's summit")
    assert (gap.in_source, gap.in_target, gap.source_text) == (2, 1, "OTAN")
    assert checker.gaps("Handverletzung", "hand") == []  # inside a compound: not the term


def test_term_missing_reports_the_unit_with_the_preferred_form() -> None:
    found = check_text("La OTAN se reunió.\tThe alliance met.", Config(select=("TQ501",)), "x.tsv",
                       kind="tsv")  # fmt: skip
    (finding,) = found
    assert finding.suggestion == "NATO" and '"OTAN"' in finding.message
    assert (finding.line, finding.column, finding.unit) == (1, 20, "1")


def test_several_segment_rules_may_report_the_same_unit() -> None:
    text = "La OTAN se reunió en Vilna y en Moscú.\tThe alliance met."
    codes = [f.code for f in check_text(text, Config(select=("TQ5",)), kind="tsv")]
    assert codes == ["TQ501"]  # both missing terms are in one finding
    (finding,) = check_text(text, Config(select=("TQ501",)), kind="tsv")
    assert "Vilnius" in finding.suggestion and "Moscow" in finding.suggestion


def _doc(text: str) -> Document:
    return Document.from_text(text, path="t.txt")


def test_source_pairs_paragraphs_by_order_and_flags_what_does_not_fit() -> None:
    source = _doc("Uno dos tres.\n\nCuatro cinco seis siete.\n\nFin.")
    target = _doc("One two three.\n\nFour five six seven.\n\nEnd.")
    paired = pair_with_source(target, source)
    assert [s.source for s in paired.segments] == ["Uno dos tres.", "Cuatro cinco seis siete.",
                                                   "Fin."]  # fmt: skip
    assert all(s.aligned for s in paired.segments)
    merged = _doc("One two three. " * 8 + "\n\nEnd.")
    source = _doc("Uno dos tres. " * 4 + "\n\n" + "Uno dos tres. " * 4 + "\n\nFin.")
    paired = pair_with_source(merged, source)
    assert [s.aligned for s in paired.segments] == [False, True]
    assert paired.segments[1].source == "Fin."


def test_cli_source_option_runs_source_aware_rules(tmp_path: Path) -> None:
    original = tmp_path / "orig.txt"
    original.write_text("La OTAN se reunió.\n\nFin de la reunión de hoy.\n", encoding="utf-8")
    translation = tmp_path / "trans.txt"
    translation.write_text("The alliance met.\n\nEnd of today's meeting.\n", encoding="utf-8")
    args = ["check", "--no-embeddings", "--format", "json", "--source", str(original),
            str(translation)]  # fmt: skip
    result = CliRunner().invoke(app, args)
    found = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["line"], f["unit"]) for f in found] == [("TQ501", 1, "1")]
    two = CliRunner().invoke(app, [*args, str(original)])
    assert two.exit_code == 2 and "exactly one path" in two.stderr


def test_inconsistency_is_reported_across_files(tmp_path: Path) -> None:
    first = tmp_path / "a.tsv"
    first.write_text("source\ttarget\nLa reunión terminó tarde.\tThe meeting ended late.\n",
                     encoding="utf-8")  # fmt: skip
    second = tmp_path / "b.tsv"
    second.write_text("source\ttarget\nLa reunión terminó tarde.\tThe meeting finished late.\n"
                      "La reunión terminó tarde.\tThe meeting ended late.\n",
                      encoding="utf-8")  # fmt: skip
    result = check_paths([str(tmp_path)], Config(select=("TQ506",)))
    (finding,) = result.findings
    assert finding.path == str(second) and finding.line == 2 and finding.column == 27
    assert f"{first}:2 (unit 2)" in finding.message
    assert finding.text == "The meeting finished late."


def test_translation_files_in_directories_are_checked(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text("es\ten\nLa OTAN.\tThe Otán.\n", encoding="utf-8")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    result = check_paths([str(tmp_path)], Config(select=("TQ104",)))
    assert result.files == (str(tmp_path / "a.tsv"),)
    (finding,) = result.findings
    assert (finding.line, finding.column, finding.unit, finding.text) == (2, 14, "2", "Otán")


def test_declared_languages_pick_the_glossaries() -> None:
    text = "de\ten\nDie NATO tagte.\tThe Otán met.\n"
    found = check_text(text, Config(select=("TQ104",)), kind="tsv")
    assert found == []  # "Otán" is a Spanish form: not a leak from this German source
    found = check_text(text.replace("de\t", "es\t"), Config(select=("TQ104",)), kind="tsv")
    assert [f.text for f in found] == ["Otán"]


def test_structure_rules_do_not_read_units_as_an_article() -> None:
    rows = "Abrir el\tOpen the\nfichero\tfile\nGuardar el fichero\tSave the file\n"
    assert [f.code for f in check_text(rows, Config(select=("TQ4",)), kind="tsv")] == []


def test_spelled_out_names_render_acronyms_and_partial_counts_are_info() -> None:
    config = Config(select=("TQ501", "TQ105"))
    text = "La Organización Mundial de la Salud.\tThe World Health Organization."
    assert check_text(text, config, kind="tsv") == []
    (finding,) = check_text("La OTAN y la OTAN.\tNATO and the alliance.", config, kind="tsv")
    assert finding.severity.label == "info" and "2 times" in finding.message
    (finding,) = check_text("La OTAN y la OMS.\tNATO and the agency.", config, kind="tsv")
    assert finding.severity.label == "warning" and '"OMS"' in finding.message


def test_endings_are_real_ones_and_exact_forms_stay_exact() -> None:
    config = Config(select=("TQ501",))
    assert check_text("Los refugiados sirios.\tThe Syrian refugees.", config, kind="tsv") == []
    assert check_text("Son oito casos.\tThere are eight cases.", config, kind="tsv") == []


def test_french_targets_agree_in_gender_and_number() -> None:
    terms = [
        TermRequirement("c", ("contagious",), ("contagieux",)),
        TermRequirement("k", ("test kit",), ("kit de test",)),
    ]
    checker = TermChecker(terms, "en", "fr")
    assert checker.gaps("a contagious disease", "une maladie contagieuse") == []
    assert checker.gaps("test kits", "des kits de test") == []
    assert [g.requirement.key for g in checker.gaps("test kits", "des trousses")] == ["k"]


def test_a_multilingual_similarity_distrusts_pairs_that_mean_different_things() -> None:
    source = _doc("Uno dos tres.\n\nCuatro cinco seis siete.")
    target = _doc("One two three.\n\nThe weather was fine.")

    def similarity(sources, targets):  # a stand-in for a multilingual encoder
        return [0.7 if t.startswith("One") else 0.1 for t in targets]

    paired = pair_with_source(target, source, similarity)
    assert [(s.aligned, s.state) for s in paired.segments] == [(True, None), (False, "meaning")]
    assert [s.aligned for s in pair_with_source(target, source).segments] == [True, True]


def test_pairing_uses_a_multilingual_model_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import tqcheck.embeddings as embeddings
    from tqcheck.engine import Checker

    monkeypatch.setattr(embeddings, "load_embedder", lambda name: embeddings.FakeEmbedder())
    plain = Checker.from_config(Config(source_file="x.txt", select=("TQ508",)))
    assert plain.pair_similarity() is None  # the default model is English-only
    multi = Checker.from_config(Config(source_file="x.txt", select=("TQ508",),
                                       model="paraphrase-multilingual-MiniLM-L12-v2"))  # fmt: skip
    score = multi.pair_similarity()
    assert score is not None
    same, other = score(["the summit in vilnius", "a"], ["the summit in vilnius", "zzz qqq"])
    assert same > 0.99 and other < 0.3


def test_outside_english_a_term_without_its_accents_is_not_rendered() -> None:
    checker = TermChecker([TermRequirement("d", ("diabetes",), ("diabète",))], "en", "fr")
    assert checker.gaps("diabetes", "le diabète et les diabètes") == []
    assert [g.in_target for g in checker.gaps("diabetes", "le diabetes sucré")] == [0]
    english = TermChecker([TermRequirement("k", ("Kiew",), ("Kyiv",))], "de", "en")
    assert english.gaps("Kiew", "in KYIV") == []  # English targets keep folding
