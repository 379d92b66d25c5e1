"""Baselines: deterministic atomic files, one-line errors, multiset matching, path forms."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqcheck.baseline import (
    Baseline,
    BaselineEntry,
    BaselineError,
    dumps,
    entries_of,
    filter_new,
    load_baseline,
    normalise_path,
    write_baseline,
)
from tqcheck.cli import app
from tqcheck.config import Config
from tqcheck.engine import check_paths
from tqcheck.model import Finding, RunResult, Severity

CLEAN = "Ministers met in Vilnius on Tuesday.\n"
KYIV = "The summit in kyiv was held.\n"
KIEV = "The talks in Kiev ended.\n"
MUNICH = "The mayor of munich spoke.\n"
DOTS = "He said so. . Then he left.\n"


def finding(path: str, code: str, text: str, line: int = 1, start: int = 0) -> Finding:
    """A finding as the engine would make it (only what baselines look at matters)."""
    return Finding(
        path,
        code,
        "rule",
        Severity.WARNING,
        "message",
        start,
        start + len(text),
        line,
        1,
        line,
        len(text) + 1,
        text,
        fingerprint=f"fp-{code}-{text}-{line}",
    )


def baseline_of(*findings: Finding) -> Baseline:
    """A baseline recording these findings, as if written and read back."""
    return Baseline("b.json", entries_of(findings))


# --- writing ---------------------------------------------------------------------------


def test_file_is_versioned_sorted_and_deterministic(tmp_path: Path) -> None:
    found = [
        finding("b.txt", "TQ401", ". ."),
        finding("a.txt", "TQ102", "kyiv", 3, 40),
        finding("a.txt", "TQ101", "Kiev", 5, 80),
    ]
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    write_baseline(RunResult(tuple(found)), first)
    write_baseline(RunResult(tuple(reversed(found))), second)
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["tool"] == "tqcheck"
    assert [(f["path"], f["code"]) for f in data["findings"]] == [
        ("a.txt", "TQ101"),
        ("a.txt", "TQ102"),
        ("b.txt", "TQ401"),
    ]
    assert set(data["findings"][0]) == {"path", "code", "fingerprint", "text"}
    assert first.read_text(encoding="utf-8").endswith("}\n")


def test_round_trip(tmp_path: Path) -> None:
    found = (finding("a.txt", "TQ102", "kyiv"), finding("a.txt", "TQ102", "kyiv", 2, 30))
    write_baseline(RunResult(found), tmp_path / "b.json")
    loaded = load_baseline(tmp_path / "b.json")
    assert loaded.entries == entries_of(found)
    assert filter_new(found, loaded) == ([], 2)


def test_write_is_atomic_when_replace_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "b.json"
    target.write_text("old contents", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(BaselineError, match=r"^baseline .*b\.json: cannot write"):
        write_baseline(RunResult((finding("a.txt", "TQ102", "kyiv"),)), target)
    assert target.read_text(encoding="utf-8") == "old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.json"]  # no temp file left


def test_write_into_a_missing_directory_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(BaselineError) as caught:
        write_baseline(RunResult(()), tmp_path / "no" / "such" / "b.json")
    message = str(caught.value)
    assert "\n" not in message and "b.json" in message and "cannot write" in message


def test_written_file_is_readable_by_others(tmp_path: Path) -> None:
    write_baseline(RunResult(()), tmp_path / "b.json")
    assert (tmp_path / "b.json").stat().st_mode & 0o777 == 0o644


# --- reading ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "cause"),
    [
        (None, "no such file"),
        ("{not json", r"not valid JSON \(line 1: "),
        ('{"version": 2, "tool": "tqcheck", "findings": []}', "unsupported version 2"),
        ('{"version": 1, "findings": []}', "not a tqcheck baseline"),
        ("[1, 2]", "not a tqcheck baseline"),
        ('{"version": 1, "tool": "tqcheck", "findings": {}}', '"findings" must be a list'),
        ('{"version": 1, "tool": "tqcheck", "findings": [{"path": "a"}]}', "finding #1 needs"),
        (b"\xff\xfe", "cannot read"),
    ],
)
def test_bad_baselines_raise_one_line_errors(
    tmp_path: Path, content: str | bytes | None, cause: str
) -> None:
    path = tmp_path / "b.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError) as caught:
        load_baseline(path)
    message = str(caught.value)
    assert message.startswith(f"baseline {path}: ") and "\n" not in message
    assert re.search(cause, message), message


# --- matching --------------------------------------------------------------------------


def test_multiset_one_known_one_new_the_later_is_new() -> None:
    first, second = (
        finding("a.txt", "TQ102", "kyiv", 1, 10),
        finding("a.txt", "TQ102", "kyiv", 4, 90),
    )
    new, matched = filter_new([second, first], baseline_of(first))
    assert (new, matched) == ([second], 1)


def test_code_path_and_text_all_count() -> None:
    known = finding("a.txt", "TQ102", "kyiv")
    other = [
        finding("b.txt", "TQ102", "kyiv"),
        finding("a.txt", "TQ101", "kyiv"),
        finding("a.txt", "TQ102", "munich"),
    ]
    assert filter_new(other, baseline_of(known)) == (other, 0)


def test_text_is_compared_normalised() -> None:
    known = finding("a.txt", "TQ401", ". \n .")
    assert filter_new([finding("a.txt", "TQ401", ".  .")], baseline_of(known)) == ([], 1)


def test_new_findings_keep_their_order() -> None:
    found = [
        finding("b.txt", "TQ1", "x"),
        finding("a.txt", "TQ1", "y"),
        finding("a.txt", "TQ1", "z"),
    ]
    assert filter_new(found, baseline_of(found[1]))[0] == [found[0], found[2]]


def test_paths_match_in_any_spelling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path)
    written = baseline_of(finding("./docs/a.txt", "TQ102", "kyiv"))
    assert written.entries[0].path == "docs/a.txt"
    for spelling in (
        "docs/a.txt",
        "./docs//a.txt",
        str(tmp_path / "docs" / "a.txt"),
        "docs/../docs/a.txt",
    ):
        assert filter_new([finding(spelling, "TQ102", "kyiv")], written) == ([], 1), spelling


def test_paths_outside_the_cwd_stay_absolute_and_pseudo_paths_stay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    assert normalise_path("../x.txt") == (tmp_path / "x.txt").resolve().as_posix()
    assert normalise_path("<stdin>") == "<stdin>"


def test_hand_edited_paths_are_normalised_on_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    entry = BaselineEntry("./a.txt", "TQ102", "whatever", "kyiv")
    (tmp_path / "b.json").write_text(dumps([entry]), encoding="utf-8")
    assert filter_new([finding("a.txt", "TQ102", "kyiv")], load_baseline("b.json")) == ([], 1)


def test_engine_findings_shifted_by_a_line_above_stay_known(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(KYIV + KIEV, encoding="utf-8")
    config = Config(embeddings=False)
    write_baseline(check_paths(["a.txt"], config), "b.json")
    Path("a.txt").write_text(MUNICH + KYIV + KIEV, encoding="utf-8")
    later = check_paths([str(tmp_path / "a.txt")], config)  # another spelling of the path
    new, matched = filter_new(later.findings, load_baseline("b.json"))
    assert [(f.code, f.text, f.line) for f in new] == [("TQ102", "munich", 1)]
    assert matched == 2


# --- the command line (runs once the CLI has --baseline and --write-baseline) -----------


def _cli_has_flag(flag: str) -> bool:
    """Whether `tqcheck check --help` lists the option (not merely a longer one)."""
    result = CliRunner().invoke(app, ["check", "--help"], env={"COLUMNS": "200"})
    return re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", result.output) is not None


needs_baseline_flags = pytest.mark.skipif(
    not (_cli_has_flag("--baseline") and _cli_has_flag("--write-baseline")),
    reason="the CLI has no --baseline/--write-baseline yet",
)


@pytest.fixture(autouse=True)
def _no_outer_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run from a git hook must not reach the outer repository."""
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"):
        monkeypatch.delenv(name, raising=False)


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _repo(path: Path) -> Path:
    _git(path, "init", "-q")
    for key, value in (
        ("user.email", "t@example.com"),
        ("user.name", "T"),
        ("commit.gpgsign", "false"),
    ):
        _git(path, "config", key, value)
    return path


def _run(*args: str) -> tuple[int, list[tuple[str, str, int]], str]:
    result = CliRunner().invoke(app, ["check", "--no-embeddings", "--format", "json", *args])
    found = json.loads(result.stdout)["findings"] if result.stdout.strip() else []
    return result.exit_code, [(f["path"], f["text"], f["line"]) for f in found], result.output


@needs_baseline_flags
def test_cli_baseline_reports_only_new_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_repo(tmp_path))
    Path("a.txt").write_text(CLEAN + "\n" + KYIV, encoding="utf-8")
    Path("b.txt").write_text(KIEV + "\n" + DOTS, encoding="utf-8")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "artifacts")
    code, _, output = _run("--write-baseline", "b.json", "a.txt", "b.txt")
    assert code != 2, output
    assert len(load_baseline("b.json").entries) == 3
    assert _run("--baseline", "b.json", "a.txt", "b.txt")[:2] == (0, [])

    Path("a.txt").write_text(MUNICH + "\n" + CLEAN + "\n" + KYIV, encoding="utf-8")
    Path("b.txt").write_text(
        "\n\n" + KIEV + "\n" + DOTS + "\nPrices rose,, again.\n", encoding="utf-8"
    )
    code, found, output = _run("--baseline", "b.json", "./a.txt", str(tmp_path / "b.txt"))
    assert code == 1, output
    assert sorted((Path(p).name, t, line) for p, t, line in found) == [
        ("a.txt", "munich", 1),
        ("b.txt", ",,", 7),
    ]


@needs_baseline_flags
def test_cli_bad_baseline_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(KYIV, encoding="utf-8")
    Path("b.json").write_text('{"version": 9, "tool": "tqcheck", "findings": []}', encoding="utf-8")
    code, _, output = _run("--baseline", "b.json", "a.txt")
    assert code == 2 and "b.json" in output and "version" in output
