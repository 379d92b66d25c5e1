"""The glossary compliance report: collection, golden Markdown/CSV/JSON, HTML structure, CLI.

Regenerate the golden files after an intended change with:
UPDATE_GOLDEN=1 python -m pytest tests/test_compliance.py
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SEED
from tqcheck.cli import app
from tqcheck.compliance import Compliance, collect, collect_paths
from tqcheck.compliance.collect import report_config
from tqcheck.config import Config
from tqcheck.document import Document
from tqcheck.engine import Checker, check_paths
from tqcheck.formats import ReadOptions, load
from tqcheck.report.compliance_html import render_html
from tqcheck.report.compliance_json import render_json
from tqcheck.report.compliance_text import render_csv, render_markdown

GOLDEN = Path(__file__).parent / "golden"
TEXT_A = "Talks in kyiv went on; Kiev said no.\nThe Otán-Ukraine Council met and NATO agreed.\n"
TEXT_B = "NATO leaders met. Nato said kyiv’s bid\nwould wait.\n"
# Fixed so that glossary edits (hashes, concept count) do not churn the golden files.
SIGNATURE = {"tool_version": "0.1.0", "glossaries": {"tqcheck:glossaries/es-en.yaml": "sha256:00"},
             "source_lang": None, "target_lang": "en", "profile": "default"}  # fmt: skip


def _checker(**changes: object) -> Checker:
    return Checker.from_config(report_config(replace(Config(), **changes)))


def fixed_report() -> Compliance:
    """Two small text files with known artifacts, read with the shipped glossaries."""
    documents = [Document.from_text(TEXT_A, "a.txt"), Document.from_text(TEXT_B, "b.txt")]
    report = collect(documents, _checker())
    return replace(report, signature=SIGNATURE, concepts_loaded=100)


def _golden(name: str, rendered: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(rendered, encoding="utf-8", newline="")
    with golden.open(encoding="utf-8", newline="") as handle:
        assert rendered == handle.read()


@pytest.mark.parametrize(
    ("name", "render"),
    [("compliance.md", render_markdown), ("compliance.csv", render_csv),
     ("compliance.json", render_json)],
)  # fmt: skip
def test_golden(name: str, render: object) -> None:
    _golden(name, render(fixed_report()))  # type: ignore[operator]


def test_counts_of_the_fixed_input() -> None:
    report = fixed_report()
    by_id = {c.id: c for c in report.concepts}
    kyiv, nato = by_id["place.kyiv"], by_id["org.nato"]
    assert (kyiv.counts.case, kyiv.counts.superseded, kyiv.counts.accepted) == (2, 1, 0)
    assert {(w.form, w.kind, w.preferred, w.count) for w in kyiv.flagged} == {
        ("kyiv", "case", "Kyiv", 2), ("Kiev", "superseded", "Kyiv", 1)}  # fmt: skip
    assert (nato.counts.accepted, nato.counts.source) == (3, 1)
    kiev = next(w for w in kyiv.flagged if w.form == "Kiev")
    assert [(o.path, o.line, o.column, o.end_column) for o in kiev.occurrences] == [
        ("a.txt", 1, 24, 28)]  # fmt: skip
    reasons = {(c.id, f.path): f.inconsistent for c, f in report.inconsistencies()}
    assert reasons[("org.nato", "a.txt")] == ("wrong",)  # NATO and Otán
    assert reasons[("org.nato", "b.txt")] == ("houses",)  # NATO and Nato
    assert report.totals.wrong == 4
    assert report.worst_files()[0].path == "a.txt"
    assert report.top_wrong_forms()[0].form == "kyiv"


def test_seed_wrong_forms_match_the_glossary_rules() -> None:
    """The report classifies like the rules: wrong forms = TQ101–TQ104 findings."""
    report = collect_paths([str(SEED)], Config())
    config = replace(Config(), select=("TQ101", "TQ102", "TQ103", "TQ104"), embeddings=False)
    findings = check_paths([str(SEED)], config).findings
    assert report.totals.wrong == len(findings) > 0
    located = {(o.line, o.column) for c in report.concepts for w in c.flagged
               for o in w.occurrences}  # fmt: skip
    assert located == {(f.line, f.column) for f in findings}


def test_house_variants_are_located_but_not_wrong() -> None:
    text = "Zelensky met Volodymyr Zelensky. Nato and NATO.\n"
    report = collect([Document.from_text(text, "h.txt")], _checker(profile="ap"))
    flagged = {(w.form, w.kind, w.preferred) for c in report.concepts for w in c.flagged}
    assert flagged == {("Zelensky", "house", "Zelenskyy"), ("Nato", "house", "NATO"),
                       ("Volodymyr Zelensky", "house", "Volodymyr Zelenskyy")}  # fmt: skip
    assert (report.totals.house, report.totals.wrong) == (3, 0)
    assert report.top_wrong_forms() == () and report.worst_files() == ()


def test_term_success_on_a_bilingual_file() -> None:
    """Source terms rendered / found, counted as TQ501 counts them."""
    data = ("La OTAN se reunió en Moscú.\tThe alliance met in Moscow.\n"
            "La OTAN y la OTAN.\tNATO and NATO.\n").encode()  # fmt: skip
    document = load("pairs.tsv", data, ReadOptions("es", "en"), kind="csv")
    report = collect([document], _checker(source_lang="es"))
    nato = next(c for c in report.concepts if c.id == "org.nato")
    assert (nato.counts.found, nato.counts.rendered) == (3, 2)
    moscow = next(c for c in report.concepts if c.id == "place.moscow")
    assert moscow.counts.success == 1.0
    assert report.files[0].counts.found == 4 and report.files[0].counts.rendered == 3
    assert "75.0% (3/4)" in render_markdown(report)
    assert json.loads(render_json(report))["summary"]["term_success"]["rate"] == 0.75


def test_csv_has_one_row_per_concept_and_file() -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv(fixed_report()))))
    pairs = {(r["concept"], r["path"]) for r in rows}
    assert len(pairs) == len(rows)
    nato_a = next(r for r in rows if (r["concept"], r["path"]) == ("org.nato", "a.txt"))
    assert (nato_a["accepted"], nato_a["source"], nato_a["wrong"]) == ("1", "1", "1")


# --- HTML --------------------------------------------------------------------------------


def test_html_is_self_contained_and_structured() -> None:
    page = render_html(fixed_report())
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    references = re.findall(r"""(?:src|href|action|xlink:href)\s*=\s*["']?([^"'\s>]*)""", page)
    assert references and all(r.startswith("#") for r in references)
    assert "http://" not in page and "https://" not in page
    assert not re.search(r"<link|<img|<iframe|@import|url\(|@font-face", page)
    assert re.search(r"<script>", page) and not re.search(r"<script[^>]+src", page)
    assert '<table class="filterable" id="concept-table">' in page and "<th data-sort" in page
    assert "<svg" in page and page.count("<rect") >= 3
    for name in ("place.kyiv", "org.nato", "Kyiv", "NATO", "Otán"):
        assert name in page
    assert '<input id="filter"' in page and " hidden>" in page  # shown by JS only


def test_html_links_every_wrong_form_to_its_locations() -> None:
    page = render_html(fixed_report())
    targets = set(re.findall(r'href="#([^"]+)"', page))
    ids = set(re.findall(r'id="([^"]+)"', page))
    assert targets and targets <= ids
    assert "<code>a.txt:1:10</code> Talks in <mark>kyiv</mark> went on; Kiev said no." in page


def test_html_escapes_everything() -> None:
    text = 'A <b>kyiv</b> & "Kiev" <script>alert(1)</script>\n'
    report = collect([Document.from_text(text, 'x<img src="y">.txt')], _checker())
    page = render_html(report)
    assert "<b>kyiv</b>" not in page and "alert(1)</script>" not in page
    assert "<img" not in page and "&lt;b&gt;<mark>kyiv</mark>&lt;/b&gt;" in page
    assert "x&lt;img src=&quot;y&quot;&gt;.txt" in page


def test_html_is_deterministic() -> None:
    assert render_html(fixed_report()) == render_html(fixed_report())


def test_empty_report_renders() -> None:
    report = collect([Document.from_text("Nothing to see here.\n", "c.txt")], _checker())
    assert "No glossary term was found" in render_html(report)
    assert "No glossary term was found" in render_markdown(report)
    assert json.loads(render_json(report))["summary"]["counts"]["wrong"] == 0


# --- CLI ---------------------------------------------------------------------------------


def _write_inputs(folder: Path) -> list[str]:
    (folder / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (folder / "b.txt").write_text(TEXT_B, encoding="utf-8")
    return [str(folder / "a.txt"), str(folder / "b.txt")]


def test_cli_report_formats_and_output_file(tmp_path: Path) -> None:
    paths = _write_inputs(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["report", *paths, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["counts"]["wrong"] == 4
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", *paths, "-o", str(out)])  # format from the suffix
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = runner.invoke(app, ["report", *paths])
    assert result.stdout.startswith("# Glossary compliance report")


def test_cli_report_errors_exit_2_and_report_the_rest(tmp_path: Path) -> None:
    paths = _write_inputs(tmp_path)
    missing = str(tmp_path / "missing.txt")
    result = CliRunner().invoke(app, ["report", paths[0], missing, "--format", "csv"])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"tqcheck: error: {missing}: no such file"
    assert "place.kyiv" in result.stdout and "missing" not in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--format", "xml"], "unknown format 'xml'"), (["--profile", "nyt"], "unknown profile")],
)
def test_cli_report_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    paths = _write_inputs(tmp_path)
    result = CliRunner().invoke(app, ["report", *paths, *args])
    assert result.exit_code == 2 and message in result.stderr


def test_cli_report_notes_when_no_glossary_applies(tmp_path: Path) -> None:
    paths = _write_inputs(tmp_path)
    result = CliRunner().invoke(app, ["report", *paths, "--target-lang", "fr"])
    assert result.exit_code == 0 and "no glossary applies" in result.stderr
