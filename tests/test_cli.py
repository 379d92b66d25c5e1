"""The command line: exit codes, stdout/stderr separation, bad input, determinism."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO, SEED
from tqcheck.cli import app
from tqcheck.engine import shipped_glossary_paths

runner = CliRunner()
CLEAN = "NATO leaders met in Vilnius on Tuesday.\n"
DIRTY = "The minister flew to kyiv on Tuesday.\n"


def invoke(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=stdin)


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(path)


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    result = invoke("check", write(tmp_path, "clean.txt", CLEAN))
    assert result.exit_code == 0, result.output
    assert "0 findings in 1 file" in result.stdout


def test_findings_exit_one_with_location_and_fix(tmp_path: Path) -> None:
    path = write(tmp_path, "dirty.txt", DIRTY)
    result = invoke("check", path)
    assert result.exit_code == 1
    assert f'{path}:1:22: TQ102 [term-case] warning: Use "Kyiv" instead of "kyiv"' in result.stdout
    assert "= fix: Kyiv" in result.stdout


def test_fail_on_error_ignores_warnings(tmp_path: Path) -> None:
    assert invoke("check", "--fail-on", "error", write(tmp_path, "d.txt", DIRTY)).exit_code == 0


def test_select_and_ignore_by_name_and_prefix(tmp_path: Path) -> None:
    path = write(tmp_path, "d.txt", DIRTY)
    assert invoke("check", "--ignore", "term-case", path).exit_code == 0
    assert invoke("check", "--select", "TQ1", "--ignore", "TQ102", path).exit_code == 0
    assert invoke("check", "--ignore", "TQ1", "--select", "TQ102", path).exit_code == 1


def test_unknown_selector_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("check", "--select", "term-cse", write(tmp_path, "d.txt", DIRTY))
    assert result.exit_code == 2
    assert "did you mean 'term-case'?" in result.stderr


def test_stdin_is_read_with_dash() -> None:
    result = invoke("check", "--format", "json", "-", stdin=DIRTY)
    data = json.loads(result.stdout)
    assert data["findings"][0]["path"] == "<stdin>"
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("name", "data", "cause"),
    [
        ("binary.txt", b"\x00\x01\x02PNG", "binary file"),
        ("latin1.txt", "café".encode("latin-1"), "invalid UTF-8"),
        ("empty.txt", b"", "empty file"),
    ],
)
def test_bad_input_is_one_line_exit_two_and_others_still_checked(
    tmp_path: Path, name: str, data: bytes, cause: str
) -> None:
    bad = write(tmp_path, name, data)
    good = write(tmp_path, "good.txt", DIRTY)
    result = invoke("check", bad, good)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line]
    assert errors == [errors[0]] and bad in errors[0] and cause in errors[0]
    assert "Traceback" not in result.output
    assert f"{good}:1:22: TQ102" in result.stdout


def test_missing_path_is_reported_and_others_checked(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", DIRTY)
    result = invoke("check", str(tmp_path / "nope.txt"), good)
    assert result.exit_code == 2
    assert "nope.txt: no such file" in result.stderr
    assert "TQ102" in result.stdout


@pytest.mark.parametrize(
    ("body", "cause"),
    [
        ("glossary: {id: x, source_lang: es, target_lang: en\n", "YAML error"),
        ("glossary: {id: x, source_lang: es, target_lang: en}\nconcepts:\n"
         "  - {id: a, preferred: A, provenance: p, colour: red}\n", "unknown field 'colour'"),
        ("glossary: {id: x, source_lang: es, target_lang: en}\nconcepts:\n"
         "  - {id: a, preferred: A, provenance: p}\n  - {id: a, preferred: B, provenance: p}\n",
         "duplicate id 'a'"),
    ],
)  # fmt: skip
def test_malformed_glossary_is_one_line_exit_two(tmp_path: Path, body: str, cause: str) -> None:
    glossary = write(tmp_path, "bad.yaml", body)
    good_glossary = write(
        tmp_path,
        "good.yaml",
        "glossary: {id: y, source_lang: es, target_lang: en}\nconcepts:\n"
        "  - {id: k, class: place, preferred: Kyiv, provenance: AP}\n",
    )
    text = write(tmp_path, "d.txt", DIRTY)
    result = invoke("check", "-g", glossary, "-g", good_glossary, text)
    assert result.exit_code == 2
    assert cause in result.stderr and glossary in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "TQ102" in result.stdout  # the good glossary still checked the file


def test_json_is_byte_identical_across_runs(tmp_path: Path) -> None:
    out = [invoke("check", "--format", "json", str(SEED)).stdout for _ in range(2)]
    assert out[0] == out[1]
    data = json.loads(out[0])
    assert data["version"] == 1 and data["tool"]["name"] == "tqcheck"
    assert data["summary"]["findings"] == len(data["findings"]) > 0
    text = SEED.read_text(encoding="utf-8")
    for finding in data["findings"]:
        assert text[finding["start"] : finding["end"]] == finding["text"]


def test_output_file_is_written_and_never_an_input(tmp_path: Path) -> None:
    text = write(tmp_path, "d.txt", DIRTY)
    report = tmp_path / "report.json"
    result = invoke("check", "--format", "json", "--output", str(report), text)
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(report.read_text())["summary"]["findings"] == 1
    refused = invoke("check", "--output", text, text)
    assert refused.exit_code == 2
    assert Path(text).read_text() == DIRTY


def test_rules_and_rule_commands() -> None:
    listing = invoke("rules")
    assert listing.exit_code == 0 and "TQ101  deprecated-term" in listing.stdout
    explained = invoke("rule", "term-case")
    assert explained.exit_code == 0
    assert "TQ102 term-case" in explained.stdout and "kyiv" in explained.stdout
    assert invoke("rule", "TQ999").exit_code == 2


def test_glossary_lint_command(tmp_path: Path) -> None:
    body = (
        "glossary: {id: x, source_lang: es, target_lang: en}\n"
        "concepts:\n  - {id: a, preferred: A, provenance: p, deprecated: [a]}\n"
    )
    bad = write(tmp_path, "bad.yaml", body)
    result = invoke("glossary", "lint", bad)
    assert result.exit_code == 1
    assert f"{bad}:3: a: self-correction" in result.stdout
    shipped = invoke("glossary", "lint")
    count = len(shipped_glossary_paths())
    assert shipped.exit_code == 0 and f"{count} glossary file(s) OK" in shipped.stdout


def _run_python(code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, env=env, check=False)  # fmt: skip


def test_rules_only_run_never_imports_torch_or_sentence_transformers() -> None:
    code = (
        "import sys; from typer.testing import CliRunner; from tqcheck.cli import app;"
        f"CliRunner().invoke(app, ['check', '--no-embeddings', {str(SEED)!r}]);"
        "print(sorted(m for m in ('torch', 'sentence_transformers') if m in sys.modules))"
    )
    result = _run_python(code)
    assert result.stdout.strip() == "[]", result.stderr


def test_help_starts_fast() -> None:
    best = min(_timed_help() for _ in range(3))
    assert best < 0.5, f"tqcheck --help took {best:.2f}s"


def _timed_help() -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "tqcheck", "--help"], capture_output=True,
                            text=True, check=False)  # fmt: skip
    assert result.returncode == 0 and "check" in result.stdout
    return time.perf_counter() - start


def test_directories_recurse_in_sorted_order_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    write(tmp_path, "b/two.md", DIRTY)
    write(tmp_path, "a.txt", DIRTY)
    write(tmp_path, ".git/ignored.txt", DIRTY)
    write(tmp_path, "image.png", b"\x89PNG\x00")
    data = json.loads(invoke("check", "--format", "json", str(tmp_path)).stdout)
    assert [f["path"] for f in data["findings"]] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "two.md"),
    ]


def test_target_language_without_glossary_says_so(tmp_path: Path) -> None:
    result = invoke("check", "--target-lang", "de", write(tmp_path, "d.txt", "Guten Tag.\n"))
    assert result.exit_code == 0
    assert "no shipped glossary for any source → de" in result.stderr


def test_profile_changes_the_house_style(tmp_path: Path) -> None:
    path = write(tmp_path, "z.txt", "Zelensky met Stoltenberg.\n")
    assert invoke("check", path).exit_code == 0
    result = invoke("check", "--profile", "ap", path)
    assert result.exit_code == 1 and 'AP style uses "Zelenskyy", not "Zelensky"' in result.stdout
    assert invoke("check", "--profile", "apx", path).exit_code == 2
