"""Configuration files: discovery, precedence, validation, and the settings they carry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqcheck.cli import app
from tqcheck.config import ConfigError, build_config, find_config_file

ARTIFACT = "The summit in kyiv was held. .\n"


def _run(*args: str) -> tuple[int, list[dict], str]:
    result = CliRunner().invoke(app, ["check", "--no-embeddings", "--format", "json", *args])
    found = json.loads(result.stdout)["findings"] if result.stdout.startswith("{") else []
    return result.exit_code, found, result.stderr


def _project(tmp_path: Path, config: str, name: str = "pyproject.toml") -> Path:
    (tmp_path / name).write_text(config, encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    article = docs / "a.txt"
    article.write_text(ARTIFACT, encoding="utf-8")
    return article


def test_pyproject_table_is_found_upward_from_the_checked_file(tmp_path: Path) -> None:
    article = _project(tmp_path, '[tool.tqcheck]\nselect = ["TQ102"]\n')
    assert find_config_file([str(article)]) == tmp_path / "pyproject.toml"
    code, found, _ = _run(str(article))
    assert code == 1 and [f["code"] for f in found] == ["TQ102"]


def test_a_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    article = _project(tmp_path, "[project]\nname = 'x'\n")
    assert find_config_file([str(article)]) != tmp_path / "pyproject.toml"


def test_tqcheck_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    article = _project(tmp_path, '[tool.tqcheck]\nselect = ["TQ102"]\n')
    (tmp_path / "tqcheck.toml").write_text('select = ["TQ401"]\n', encoding="utf-8")
    _, found, _ = _run(str(article))
    assert [f["code"] for f in found] == ["TQ401"]


def test_precedence_defaults_file_config_option_flags(tmp_path: Path) -> None:
    article = _project(tmp_path, '[tool.tqcheck]\nselect = ["TQ102"]\nfail-on = "error"\n')
    other = tmp_path / "other.toml"
    other.write_text('select = ["TQ401"]\n', encoding="utf-8")
    code, found, _ = _run(str(article))
    assert code == 0 and found  # fail-on error from the file: a warning does not fail
    _, found, _ = _run("--config", str(other), str(article))
    assert [f["code"] for f in found] == ["TQ401"]
    code, found, _ = _run("--config", str(other), "--select", "TQ102", "--fail-on", "warning",
                          str(article))  # fmt: skip
    assert code == 1 and [f["code"] for f in found] == ["TQ102"]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('[tool.tqcheck]\nselct = ["TQ102"]\n', "unknown key 'selct'; did you mean 'select'?"),
        ("[tool.tqcheck]\nselect = [\n", "invalid TOML"),
        ('[tool.tqcheck]\nselect = ["TQ999"]\n', "unknown rule selector 'TQ999'"),
        ('[tool.tqcheck]\nselect = "TQ102"\n', "'select' must be a list of strings"),
        ('[tool.tqcheck]\nfail-on = "fatal"\n', "unknown severity 'fatal'"),
        ("[tool.tqcheck]\nthresholds = {sim-mn = 0.6}\n", "did you mean 'sim-min'?"),
    ],
)
def test_config_errors_are_one_line_and_exit_2(tmp_path: Path, config: str, message: str) -> None:
    article = _project(tmp_path, config)
    code, found, stderr = _run(str(article))
    assert code == 2 and found == []
    assert stderr.count("\n") == 1 and message in stderr
    assert "pyproject.toml" in stderr or "TQ999" in stderr


def test_missing_config_option_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        build_config([str(tmp_path)], str(tmp_path / "none.toml"), {})


def test_per_file_ignores_and_severity_overrides(tmp_path: Path) -> None:
    config = ('[tool.tqcheck]\nselect = ["TQ102", "TQ401"]\n'
              '[tool.tqcheck.per-file-ignores]\n"docs/*.txt" = ["term-case"]\n'
              '[tool.tqcheck.severity]\nTQ401 = "error"\n')  # fmt: skip
    article = _project(tmp_path, config)
    (tmp_path / "b.txt").write_text(ARTIFACT, encoding="utf-8")
    _, found, _ = _run(str(article), str(tmp_path / "b.txt"))
    assert sorted((Path(f["path"]).name, f["code"], f["severity"]) for f in found) == [
        ("a.txt", "TQ401", "error"), ("b.txt", "TQ102", "warning"), ("b.txt", "TQ401", "error"),
    ]  # fmt: skip


def test_include_and_exclude_globs_steer_directory_walks(tmp_path: Path) -> None:
    _project(tmp_path, '[tool.tqcheck]\nselect = ["TQ102"]\nexclude = ["drafts/"]\n'
                       'include = ["*.txt", "*.copy"]\n')  # fmt: skip
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d.txt").write_text(ARTIFACT, encoding="utf-8")
    (tmp_path / "x.copy").write_text(ARTIFACT, encoding="utf-8")
    (tmp_path / "y.md").write_text(ARTIFACT, encoding="utf-8")
    _, found, _ = _run(str(tmp_path))
    assert sorted(Path(f["path"]).name for f in found) == ["a.txt", "x.copy"]


def test_glossary_paths_in_a_file_are_relative_to_it(tmp_path: Path) -> None:
    (tmp_path / "g.yaml").write_text(
        "glossary: {id: t, source_lang: es, target_lang: en}\nconcepts:\n"
        "  - {id: x, preferred: Vilnius, deprecated: [Vilna], provenance: test}\n",
        encoding="utf-8",
    )
    article = _project(tmp_path, '[tool.tqcheck]\nglossaries = ["g.yaml"]\nselect = ["TQ101"]\n')
    article.write_text("They met in Vilna.\n", encoding="utf-8")
    _, found, _ = _run(str(article))
    assert [f["text"] for f in found] == ["Vilna"]


def test_exit_zero_statistics_and_quiet(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTIFACT, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["check", "--no-embeddings", "--exit-zero", str(article)])
    assert result.exit_code == 0 and "TQ102" in result.stdout
    result = runner.invoke(app, ["check", "--no-embeddings", "--statistics", str(article)])
    assert result.stdout.splitlines()[-1].split() == ["2", "total"]
    assert any(line.split()[:2] == ["1", "TQ102"] for line in result.stdout.splitlines())
    result = runner.invoke(app, ["check", "--no-embeddings", "--quiet", str(article)])
    assert "TQ102" in result.stdout and "finding" not in result.stdout.splitlines()[-1]
