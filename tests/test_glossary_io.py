"""Glossary import and export: TBX v2/v3, CSV/TSV, the YAML writer and the CLI commands."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EVAL, REPO, SEED
from tqcheck.cli import app
from tqcheck.config import Config
from tqcheck.document import InputError
from tqcheck.engine import check_paths, shipped_glossary_paths
from tqcheck.glossary import Concept, Glossary, load_glossary, parse_glossary
from tqcheck.glossary.interchange import ImportResult, export_glossary, import_glossary
from tqcheck.glossary.lint import lint_paths
from tqcheck.glossary.writer import dump_glossary

runner = CliRunner()
SHIPPED = [pytest.param(p, id=p.name) for p in shipped_glossary_paths()]
TBX_DIR = EVAL / "formats" / "tbx"
EVAL_TBX = sorted(TBX_DIR.glob("*.tbx")) if TBX_DIR.is_dir() else []
ES_EN = REPO / "tqcheck" / "glossaries" / "es-en.yaml"


def bare(glossary: Glossary) -> tuple[tuple[str, str, str, str], list[Concept]]:
    """Header and concepts without where they were read from."""
    header = (glossary.id, glossary.source_lang, glossary.target_lang, glossary.description)
    return header, [replace(c, origin="", line=0) for c in glossary.concepts]


def imported(text: str, name: str, source: str | None = None, target: str | None = None):  # type: ignore[no-untyped-def]
    return import_glossary(name, text.encode("utf-8"), source, target)


def tbx2(body: str, lang: str = "en") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX" xml:lang="{lang}">'
            f"<martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc>"
            f"</martifHeader><text><body>{body}</body></text></martif>")  # fmt: skip


def tig(text: str, status: str | None = None, kind: str = "administrativeStatus") -> str:
    note = f'<termNote type="{kind}">{status}</termNote>' if status else ""
    return f"<tig><term>{text}</term>{note}</tig>"


def lang_set(lang: str, *tigs: str) -> str:
    return f'<langSet xml:lang="{lang}">{"".join(tigs)}</langSet>'


# --- round trips -------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["tbx", "tbx3"])
@pytest.mark.parametrize("path", SHIPPED)
def test_shipped_glossary_survives_tbx(path: Path, version: str) -> None:
    original = load_glossary(path)
    text = export_glossary(original, version)
    result = imported(text, "x.tbx")
    assert result.missing_target == result.no_accepted == 0
    assert bare(result.glossary) == bare(original)


@pytest.mark.parametrize("path", SHIPPED)
def test_yaml_writer_round_trips(path: Path, tmp_path: Path) -> None:
    original = load_glossary(path)
    out = tmp_path / "g.yaml"
    out.write_text(dump_glossary(original, "a comment"), encoding="utf-8")
    assert bare(load_glossary(out)) == bare(original)
    assert len(lint_paths([out])) == len(lint_paths([path]))


@pytest.mark.parametrize("path", SHIPPED)
def test_exports_are_byte_identical_across_runs(path: Path) -> None:
    for fmt in ("tbx", "tbx3", "csv", "tsv"):
        assert export_glossary(load_glossary(path), fmt) == export_glossary(
            parse_glossary(path.read_bytes(), "other")[0],
            fmt,  # type: ignore[arg-type]
        )
    assert dump_glossary(load_glossary(path)) == dump_glossary(load_glossary(path))


EVERY_FIELD = """glossary:
  id: every-field
  source_lang: es
  target_lang: en
  description: |-
    Two lines
    of description
concepts:
  - id: org.nato
    class: acronym
    preferred: NATO
    admitted: [{text: N.A.T.O., case: exact, note: "rare,  spaced"}]
    expansions: [North Atlantic Treaty Organization]
    profiles: {guardian: Nato, ap: {preferred: NATO, admitted: [Nato, "N.A.T.O."]}}
    deprecated: [Otan, {text: OTAN, accents: exact, hyphen: false, note: "left in"}]
    superseded: [{text: "yes", inflect: true}]
    misleading: [actually]
    source: {es: [OTAN, {text: Otán, case: exact}], pt: [OTAN], de: []}
    casing: ignore
    match: {case: exact, inflect: true}
    exceptions: [chicken Kiev, "a=b"]
    severity: warning
    definition: "alliance: <NATO> & friends"
    note: |-
      first line
        indented second line
    provenance: "test; with = signs"
  - id: "2nd"
    preferred: "tqcheck:class=place"
    provenance: p
"""


@pytest.mark.parametrize("fmt", ["tbx", "tbx3", "yaml"])
def test_every_field_survives(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / "every.yaml"
    path.write_text(EVERY_FIELD, encoding="utf-8")
    original = load_glossary(path)
    if fmt == "yaml":
        path.write_text(dump_glossary(original), encoding="utf-8")
        back = load_glossary(path)
    else:
        back = imported(export_glossary(original, fmt), "every.tbx").glossary
    assert bare(back) == bare(original)


def carried(concept: Concept, source_lang: str) -> tuple[object, ...]:
    """What a CSV/TSV export holds of a concept."""

    def forms(items: tuple) -> list[tuple[str, str, object]]:  # type: ignore[type-arg]
        return [(f.text, f.status, f.note) for f in items]

    sources = [f.text for f in concept.source.get(source_lang, ())]
    return (concept.id, concept.cls, concept.preferred, forms(concept.admitted),
            forms(concept.deprecated), forms(concept.superseded), forms(concept.misleading),
            concept.expansions, sources, concept.note)  # fmt: skip


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
@pytest.mark.parametrize("path", SHIPPED)
def test_table_export_imports_back_what_it_carries(path: Path, fmt: str) -> None:
    original = load_glossary(path)
    result = imported(export_glossary(original, fmt), f"x.{fmt}")
    lang = original.source_lang
    assert [carried(c, lang) for c in result.glossary.concepts] == [
        carried(c, lang) for c in original.concepts
    ]
    assert (result.glossary.source_lang, result.glossary.target_lang) == (
        lang, original.target_lang
    )  # fmt: skip


def test_findings_are_the_same_with_a_tbx_round_tripped_glossary(tmp_path: Path) -> None:
    back = imported(export_glossary(load_glossary(ES_EN), "tbx"), "es-en.tbx").glossary
    out = tmp_path / "imported.yaml"
    out.write_text(dump_glossary(back), encoding="utf-8")

    def findings(glossary: Path) -> list[tuple[str, int, int, str]]:
        config = Config(glossaries=(str(glossary),), embeddings=False, source_lang="es")
        result = check_paths([str(SEED)], config)
        assert not result.errors
        return [(f.code, f.start, f.end, f.message) for f in result.findings]

    expected = findings(ES_EN)
    assert expected  # the seed article has glossary findings to compare
    assert findings(out) == expected


# --- TBX import ----------------------------------------------------------------------------


@pytest.mark.skipif(not EVAL_TBX, reason=f"no TBX files under {TBX_DIR}")
@pytest.mark.parametrize("path", [pytest.param(p, id=p.name) for p in EVAL_TBX])
def test_every_eval_tbx_imports(path: Path, tmp_path: Path) -> None:
    try:
        result = import_glossary(str(path), path.read_bytes())
    except InputError as exc:  # acceptable only as one line naming the file
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
        return
    glossary = result.glossary
    pair = f"{glossary.source_lang}->{glossary.target_lang}"
    print(f"{path.name}: {len(glossary.concepts)} concepts ({pair}), "
          f"{result.missing_target} skipped")  # fmt: skip
    assert glossary.concepts and glossary.source_lang != glossary.target_lang
    out = tmp_path / "g.yaml"
    out.write_text(dump_glossary(glossary), encoding="utf-8")
    assert bare(load_glossary(out)) == bare(replace(glossary, path=""))


def eval_tbx(name: str) -> Path:
    path = TBX_DIR / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


def test_eval_languages_are_chosen_from_the_header_and_the_concepts() -> None:
    expected = {"sdl_tbx.tbx": ("en", "de", 179, 44), "ibm_tbx.tbx": ("en", "fr", 5, 0),
                "medtronic_TBX.tbx": ("en", "da", 3, 0), "oracle_TBX.tbx": ("en", "pt", 2, 0),
                "test02_win1254.tbx": ("en", "tr", 1, 0)}  # fmt: skip
    for name, (source, target, count, skipped) in expected.items():
        result = import_glossary(name, eval_tbx(name).read_bytes())
        g = result.glossary
        assert (g.source_lang, g.target_lang, len(g.concepts), result.missing_target) == (
            source, target, count, skipped
        )  # fmt: skip


def test_eval_sdl_imports_to_yaml_that_loads_and_lints(tmp_path: Path) -> None:
    path = eval_tbx("sdl_tbx.tbx")
    result = import_glossary(str(path), path.read_bytes(), "de", "en")
    assert (len(result.glossary.concepts), result.missing_target) == (223, 0)
    assert result.missing_source == 44  # English-only entries: target forms, no source forms
    out = tmp_path / "sdl.yaml"
    out.write_text(dump_glossary(result.glossary), encoding="utf-8")
    glossary = load_glossary(out)
    first = glossary.concepts[0]
    assert (first.id, first.preferred, [f.text for f in first.source["de"]]) == (
        "c1",
        "accordion fold",
        ["Zickzackfalz", "Harmonikafalz"],
    )
    assert first.definition.startswith("Parallel folds, alternating")  # type: ignore[union-attr]
    assert first.provenance == "imported from sdl_tbx.tbx (TBX)"
    # The termbase itself gives some German terms to two entries: lint says so, nothing else.
    for issue in lint_paths([out]):
        assert re.search(r"^c\d+: .*\bc\d+\b", issue.message), issue


def test_eval_medtronic_statuses_and_chosen_pair() -> None:
    path = eval_tbx("medtronic_TBX.tbx")
    concepts = import_glossary(str(path), path.read_bytes(), "es", "en").glossary.concepts
    alert, notification = concepts[1], concepts[2]
    assert alert.preferred == "audible alert"
    assert [f.text for f in alert.deprecated] == ["audible notification"]
    assert notification.preferred == "clinician notification"  # first of two preferred
    assert [f.text for f in notification.admitted] == ["silent alert"]
    assert [f.text for f in notification.deprecated] == ["wireless alert"]
    assert all(list(c.source) == ["es"] for c in concepts)


def test_declared_windows_1254_is_decoded() -> None:
    path = eval_tbx("test02_win1254.tbx")
    concept = import_glossary(str(path), path.read_bytes()).glossary.concepts[0]
    assert concept.preferred == "tr term with: éá and İı"
    assert concept.source["en"][0].text == "term with: éá and İı"


def test_status_mapping_and_choice_of_the_preferred_term() -> None:
    body = "".join([
        '<termEntry id="a">' + lang_set("es", tig("viejo", "deprecatedTerm-admn-sts"),
                                        tig("nuevo"))
        + lang_set("en", tig("Old", "supersededTerm", "normativeAuthorization"),
                   tig("Plain"), tig("Good", "preferredTerm-admn-sts"),
                   tig("Also", "preferredTerm-admn-sts"), tig("Bad", "deprecatedTerm-admn-sts"))
        + "</termEntry>",
        '<termEntry id="b">' + lang_set("en", tig("Gone", "deprecatedTerm-admn-sts"))
        + "</termEntry>",
        '<termEntry id="c">' + lang_set("es", tig("solo")) + "</termEntry>",
        '<termEntry>' + lang_set("en", tig("First"), tig("Second", "admittedTerm-admn-sts"))
        + "</termEntry>",
    ])  # fmt: skip
    result = imported(tbx2(body, "es"), "t.tbx")
    a, unnamed = result.glossary.concepts
    assert (result.missing_target, result.no_accepted) == (1, 1)
    assert a.preferred == "Good"
    assert [(f.text, f.status) for f in a.admitted] == [("Plain", "admitted"), ("Also", "admitted")]
    assert [f.text for f in a.superseded] == ["Old"] and [f.text for f in a.deprecated] == ["Bad"]
    assert [f.text for f in a.source["es"]] == ["viejo", "nuevo"]  # every status is a source form
    assert (unnamed.id, unnamed.preferred, unnamed.admitted[0].text) == ("c4", "First", "Second")
    assert a.cls == "other" and a.provenance == "imported from t.tbx (TBX)"


def test_tbx3_dca_and_dct_files_import() -> None:
    text = """<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" xmlns:basic="http://www.tbxinfo.net/ns/basic"
     type="TBX-Basic" style="dct" xml:lang="fr">
  <tbxHeader><fileDesc><sourceDesc><p>Mini</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="ce1">
      <basic:subjectField>politique</basic:subjectField>
      <langSec xml:lang="fr"><termSec><term>OTAN</term></termSec></langSec>
      <langSec xml:lang="en-GB">
        <basic:definition>the   alliance</basic:definition>
        <termSec><term>Nato</term>
          <basic:administrativeStatus>preferredTerm-admn-sts</basic:administrativeStatus></termSec>
        <termSec><term>NATO</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          <note>US   usage</note></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>"""
    result = imported(text, "mini.tbx")
    concept = result.glossary.concepts[0]
    assert (result.glossary.source_lang, result.glossary.target_lang) == ("fr", "en")
    assert (concept.preferred, concept.admitted[0].text, concept.admitted[0].note) == (
        "Nato", "NATO", "US usage"
    )  # fmt: skip
    assert concept.definition == "the alliance" and concept.note == "subject field: politique"
    assert result.glossary.description == "Mini"


def test_language_options_override_and_one_language_is_an_error() -> None:
    body = '<termEntry id="x">' + lang_set("de", tig("Haus")) + lang_set("en-US", tig("house"))
    body += lang_set("fr", tig("maison")) + "</termEntry>"
    glossary = imported(tbx2(body, "de"), "t.tbx", None, "en").glossary
    assert (glossary.source_lang, glossary.target_lang) == ("de", "en")
    glossary = imported(tbx2(body, "de"), "t.tbx", "fr", None).glossary
    assert (glossary.source_lang, glossary.target_lang) == ("fr", "de")
    assert glossary.concepts[0].source == {"fr": glossary.concepts[0].source["fr"]}
    one = '<termEntry id="x">' + lang_set("de", tig("Haus")) + "</termEntry>"
    with pytest.raises(InputError, match=r"^t\.tbx: terms in one language only \(de\)"):
        imported(tbx2(one, "de"), "t.tbx")
    with pytest.raises(InputError, match="nothing to import"):
        imported(tbx2(body, "de"), "t.tbx", "de", "es")


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ('<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
         "<martif><text><body/></text></martif>", "entity declarations are not allowed"),
        ('<!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]><martif>&x;</martif>',
         "entity declarations are not allowed"),
        ("<xliff/>", "not a TBX file (root element <xliff>"),
        ("<martif><text>", "not well-formed XML"),
        (tbx2('<termEntry id="a"><note>tqcheck:class=planet</note>'
              + lang_set("es", tig("x")) + lang_set("en", tig("y")) + "</termEntry>"),
         "tqcheck:class must be one of"),
    ],
)  # fmt: skip
def test_unsafe_or_broken_tbx_is_one_line_error(text: str, cause: str) -> None:
    with pytest.raises(InputError) as info:
        imported(text, "bad.tbx", "es", "en")
    message = str(info.value)
    assert message.startswith("bad.tbx") and cause in message and "\n" not in message


# --- CSV/TSV -------------------------------------------------------------------------------


def test_xbench_list_groups_rows_by_source_and_skips_comments() -> None:
    text = "# Xbench\nOTAN\tNATO\nOTAN\tNorth Atlantic Treaty Organization\n\nONU\tUN\tnote\n"
    result = imported(text, "list.txt", "es")
    nato, un = result.glossary.concepts
    assert (result.glossary.source_lang, result.glossary.target_lang, result.kind) == (
        "es", "en", "TSV"
    )  # fmt: skip
    assert (nato.id, nato.preferred, [f.text for f in nato.admitted]) == (
        "otan", "NATO", ["North Atlantic Treaty Organization"]
    )  # fmt: skip
    assert (un.note, [f.text for f in un.source["es"]]) == ("note", ["ONU"])
    assert un.provenance == "imported from list.txt (TSV)"
    with pytest.raises(InputError, match="give --source-lang"):
        imported(text, "list.tsv")


def test_headed_multilanguage_table_with_status_id_and_class() -> None:
    text = (
        "id,class,en-US,es,de,status,note\n"
        "place.kyiv,place,Kyiv,Kiev,Kiew,preferred,capital\n"
        "place.kyiv,,Kiev,,,superseded,old spelling\n"
        "place.kyiv,,,Kíev,,,\n"
        ",,Kiyv,,,deprecated,typo\n"
        "x,,Thing,Cosa,Ding,,\n"
    )
    result = imported(text, "t.csv", None, None)
    kyiv, thing = result.glossary.concepts
    assert (result.glossary.source_lang, result.glossary.target_lang) == ("en", "es")
    result = imported(text, "t.csv", "es", "en")
    kyiv, thing = result.glossary.concepts
    assert (kyiv.cls, kyiv.preferred, kyiv.note) == ("place", "Kyiv", "capital")
    assert [(f.text, f.note) for f in kyiv.superseded] == [("Kiev", "old spelling")]
    assert [(f.text, f.note) for f in kyiv.deprecated] == [("Kiyv", "typo")]
    assert [f.text for f in kyiv.source["es"]] == ["Kiev", "Kíev"]
    assert (thing.id, thing.preferred, thing.cls) == ("x", "Thing", "other")
    with pytest.raises(InputError, match=r"^t\.csv:2: unknown status 'gold'"):
        imported(text.replace("preferred", "gold"), "t.csv", "es", "en")
    with pytest.raises(InputError, match=r"^t\.csv:6: unknown class"):
        imported(text.replace("x,,", "x,planet,"), "t.csv", "es", "en")


# --- CLI -----------------------------------------------------------------------------------


def test_cli_import_writes_yaml_and_reports_counts(tmp_path: Path) -> None:
    source = tmp_path / "g.tbx"
    source.write_text(export_glossary(load_glossary(ES_EN), "tbx3"), encoding="utf-8")
    out = tmp_path / "g.yaml"
    result = runner.invoke(app, ["glossary", "import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    count = len(load_glossary(ES_EN).concepts)
    assert f"tqcheck: imported {count} concept(s) from" in result.output
    assert bare(load_glossary(out)) == bare(load_glossary(ES_EN))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.tbx", "g.yaml"]  # no temp files
    result = runner.invoke(app, ["glossary", "import", str(source), "-o", str(source)])
    assert result.exit_code == 2 and "is the input file" in result.output


def test_cli_export_formats_and_errors(tmp_path: Path) -> None:
    for fmt in ("tbx", "tbx3", "csv", "tsv"):
        out = tmp_path / f"g.{fmt}"
        result = runner.invoke(
            app, ["glossary", "export", str(ES_EN), "--format", fmt, "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        assert out.read_text(encoding="utf-8") == export_glossary(load_glossary(ES_EN), fmt)
    result = runner.invoke(app, ["glossary", "export", str(ES_EN), "--format", "xls"])
    assert result.exit_code == 2 and "unknown format 'xls'" in result.output
    broken = tmp_path / "broken.tbx"
    broken.write_text("<!DOCTYPE martif [<!ENTITY x 'y'>]><martif/>", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "import", str(broken)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == [f"tqcheck: error: {broken}: XML entity declarations are not allowed "
                     "(external entities and entity expansion are refused)"]  # fmt: skip


def test_import_result_summary_names_skipped_concepts() -> None:
    result = ImportResult(Glossary("g", "es", "en", ()), missing_target=3, kind="TBX")
    assert result.summary("f.tbx") == [
        "imported 0 concept(s) from f.tbx (TBX, es → en)",
        "skipped 3 concept(s) without a term in en",
    ]


def test_cli_reports_concepts_skipped_for_lack_of_the_target_language(tmp_path: Path) -> None:
    path = eval_tbx("sdl_tbx.tbx")
    out = tmp_path / "sdl.yaml"
    result = runner.invoke(app, ["glossary", "import", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "(TBX, en → de)" in result.output
    assert "tqcheck: skipped 44 concept(s) without a term in de" in result.output
    assert len(load_glossary(out).concepts) == 179
