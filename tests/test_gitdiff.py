"""--diff: changed new-side lines from git, untracked files, robust paths, one-line errors."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqcheck.cli import app
from tqcheck.config import Config
from tqcheck.engine import check_paths
from tqcheck.gitdiff import ChangedLines, DiffError, changed_lines, keep, parse_diff, resolve
from tqcheck.model import Finding, Severity

CLEAN = "Ministers met in Vilnius on Tuesday.\n"
KYIV = "The summit in kyiv was held.\n"
KIEV = "The talks in Kiev ended.\n"
MUNICH = "The mayor of munich spoke.\n"


@pytest.fixture(autouse=True)
def _no_outer_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run from a git hook must not reach the outer repository."""
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"):
        monkeypatch.delenv(name, raising=False)


def git(cwd: Path, *args: str) -> str:
    """Run git in cwd; fail the test on an error."""
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def make_repo(path: Path, files: dict[str, str]) -> Path:
    """A git repository at path with files committed."""
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q")
    for key, value in (
        ("user.email", "t@example.com"),
        ("user.name", "T"),
        ("commit.gpgsign", "false"),
    ):
        git(path, "config", key, value)
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, encoding="utf-8")
    git(path, "add", ".")
    git(path, "commit", "-qm", "first")
    return path


def finding(path: str, line: int, end_line: int | None = None) -> Finding:
    """A one-character finding on lines line..end_line."""
    return Finding(
        path,
        "TQ102",
        "term-case",
        Severity.WARNING,
        "m",
        0,
        1,
        line,
        1,
        line if end_line is None else end_line,
        2,
        "x",
    )


# --- parsing ---------------------------------------------------------------------------

PATCH = """\
diff --git a/a.txt b/a.txt
index 1111111..2222222 100644
--- a/a.txt
+++ b/a.txt
@@ -2 +2 @@ Ministers met
-old line
+new line
@@ -5,0 +6,3 @@
+one
+two
+three
@@ -9,2 +11,0 @@
-gone
-gone too
diff --git a/old name.txt b/new name.txt
similarity index 90%
rename from old name.txt
rename to new name.txt
--- a/old name.txt\t
+++ b/new name.txt\t
@@ -1 +1,2 @@
-a
+++ b/looks like a header but is an added line
+-- and one more
diff --git a/deleted.txt b/deleted.txt
deleted file mode 100644
--- a/deleted.txt
+++ /dev/null
@@ -1,2 +0,0 @@
-x
-y
diff --git "a/caf\\303\\251 \\"q\\".txt" "b/caf\\303\\251 \\"q\\".txt"
--- "a/caf\\303\\251 \\"q\\".txt"
+++ "b/caf\\303\\251 \\"q\\".txt"
@@ -1 +1 @@
-x
\\ No newline at end of file
+y
\\ No newline at end of file
diff --git a/bin.dat b/bin.dat
Binary files a/bin.dat and b/bin.dat differ
"""


def test_parse_hunks_renames_deletions_and_quoting() -> None:
    assert parse_diff(PATCH) == {
        "a.txt": ((2, 2), (6, 8)),
        "new name.txt": ((1, 2),),
        'café "q".txt': ((1, 1),),
    }


def test_parse_empty_diff() -> None:
    assert parse_diff("") == {}


# --- keeping findings ------------------------------------------------------------------


def test_keep_intersects_ranges(tmp_path: Path) -> None:
    path = str(tmp_path / "a.txt")
    changed = ChangedLines({resolve(path): ((3, 4), (10, 10))})
    assert [line for line in range(1, 12) if keep(finding(path, line), changed)] == [3, 4, 10]
    assert keep(finding(path, 1, 3), changed) and keep(finding(path, 5, 12), changed)
    assert not keep(finding(path, 5, 9), changed)
    assert not keep(finding(str(tmp_path / "b.txt"), 3), changed)


def test_zero_length_finding_counts_its_line(tmp_path: Path) -> None:
    path = str(tmp_path / "a.txt")
    empty = Finding(path, "TQ402", "r", Severity.INFO, "m", 5, 5, 4, 1, 4, 1, "")
    assert keep(empty, ChangedLines({resolve(path): ((4, 4),)}))


def test_untracked_files_are_changed_everywhere(tmp_path: Path) -> None:
    path = str(tmp_path / "new.txt")
    assert keep(finding(path, 999), ChangedLines(whole=frozenset({resolve(path)})))


def test_keep_matches_any_spelling_of_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "docs")
    monkeypatch.chdir(tmp_path)
    changed = ChangedLines({resolve(tmp_path / "docs" / "a.txt"): ((1, 1),)})
    for spelling in (
        "docs/a.txt",
        "./docs/a.txt",
        str(tmp_path / "docs/a.txt"),
        "link/a.txt",
        "docs/../docs/a.txt",
    ):
        assert keep(finding(spelling, 1), changed), spelling


# --- git -------------------------------------------------------------------------------


def test_changed_and_untracked_lines_in_a_repository(tmp_path: Path) -> None:
    lines = [f"Line {n}.\n" for n in range(1, 6)]
    repo = make_repo(
        tmp_path / "r", {"a.txt": "".join(lines), "sub/b.txt": CLEAN, "gone.txt": CLEAN}
    )
    lines[1] = KYIV  # line 2 changed
    lines.insert(4, MUNICH)  # line 5 added
    (repo / "a.txt").write_text("".join(lines), encoding="utf-8")
    (repo / "sub" / "b.txt").write_text("", encoding="utf-8")  # a deletion only
    (repo / "gone.txt").unlink()
    (repo / "sub" / "new.md").write_text(KIEV, encoding="utf-8")
    (repo / ".gitignore").write_text("*.log\n", encoding="utf-8")
    (repo / "ignored.log").write_text(KIEV, encoding="utf-8")
    changed = changed_lines("HEAD", [str(repo)])
    assert dict(changed.ranges) == {resolve(repo / "a.txt"): ((2, 2), (5, 5))}
    assert changed.whole == {resolve(repo / "sub" / "new.md"), resolve(repo / ".gitignore")}


def test_paths_limit_the_diff_in_any_form(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "r", {"a.txt": CLEAN, "docs/b.txt": CLEAN, "[x].txt": CLEAN})
    for name in ("a.txt", "docs/b.txt", "[x].txt"):
        (repo / name).write_text(KYIV, encoding="utf-8")
    (repo / "docs" / "c.txt").write_text(KYIV, encoding="utf-8")
    monkeypatch.chdir(repo / "docs")
    changed = changed_lines("HEAD", ["./b.txt", "../[x].txt"])
    assert set(changed.ranges) == {resolve(repo / "docs/b.txt"), resolve(repo / "[x].txt")}
    assert changed.whole == frozenset()  # docs/c.txt is untracked but was not asked for
    assert set(changed_lines("HEAD", ["."]).whole) == {resolve(repo / "docs/c.txt")}


def test_renamed_file_uses_the_new_path(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"old.txt": CLEAN * 6})
    git(repo, "mv", "old.txt", "new.txt")
    (repo / "new.txt").write_text(CLEAN * 3 + KYIV + CLEAN * 2, encoding="utf-8")
    git(repo, "add", "-A")
    changed = changed_lines("HEAD", [str(repo)])
    assert dict(changed.ranges) == {resolve(repo / "new.txt"): ((4, 4),)}


def test_older_revision_and_committed_changes(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"a.txt": CLEAN * 3})
    (repo / "a.txt").write_text(CLEAN + KYIV + CLEAN, encoding="utf-8")
    git(repo, "commit", "-qam", "second")
    assert changed_lines("HEAD", [str(repo)]).ranges == {}
    assert dict(changed_lines("HEAD~1", [str(repo)]).ranges) == {resolve(repo / "a.txt"): ((2, 2),)}


def test_stdin_only_has_no_changed_lines() -> None:
    assert changed_lines("HEAD", ["-"]) == ChangedLines()


@pytest.mark.parametrize(
    ("revision", "expected"),
    [
        ("HEAD~9", r"^--diff HEAD~9: unknown revision \(git: .*HEAD~9.*\)$"),
        ("no-such-branch", r"^--diff no-such-branch: unknown revision \(git: "),
        ("--output=x", r"^--diff --output=x: a revision cannot be empty or start with '-'$"),
    ],
)
def test_bad_revisions(tmp_path: Path, revision: str, expected: str) -> None:
    repo = make_repo(tmp_path / "r", {"a.txt": CLEAN})
    with pytest.raises(DiffError, match=expected):
        changed_lines(revision, [str(repo / "a.txt")])
    assert not (repo / "x").exists()


def test_not_a_git_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "plain").mkdir()
    with pytest.raises(DiffError) as caught:
        changed_lines("HEAD", [str(tmp_path / "plain" / "a.txt")])
    message = str(caught.value)
    assert message.startswith("--diff HEAD: not a git repository (git: ") and "\n" not in message


def test_path_outside_the_work_tree(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"a.txt": CLEAN})
    (tmp_path / "elsewhere.txt").write_text(CLEAN, encoding="utf-8")
    with pytest.raises(DiffError, match=r"elsewhere\.txt is outside the git work tree"):
        changed_lines("HEAD", [str(repo / "a.txt"), str(tmp_path / "elsewhere.txt")])


def test_engine_findings_filtered_to_changed_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path / "r", {"a.txt": KYIV + "\n" + CLEAN + "\n" + CLEAN})
    monkeypatch.chdir(repo)
    Path("a.txt").write_text(KYIV + "\n" + CLEAN + "\n" + MUNICH, encoding="utf-8")
    Path("new.txt").write_text(KIEV, encoding="utf-8")
    result = check_paths(["a.txt", "./new.txt"], Config(embeddings=False))
    assert len(result.findings) == 3
    changed = changed_lines("HEAD", ["a.txt", "./new.txt"])
    kept = {(f.path, f.text, f.line) for f in result.findings if keep(f, changed)}
    assert kept == {("a.txt", "munich", 5), ("./new.txt", "Kiev", 1)}


# --- the command line (runs once the CLI has --diff) -------------------------------------


def _cli_has_flag(flag: str) -> bool:
    """Whether `tqcheck check --help` lists the option (not merely a longer one)."""
    result = CliRunner().invoke(app, ["check", "--help"], env={"COLUMNS": "200"})
    return re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", result.output) is not None


needs_diff_flag = pytest.mark.skipif(
    not _cli_has_flag("--diff"), reason="the CLI has no --diff yet"
)


def _run(*args: str) -> tuple[int, list[tuple[str, str, int]], str]:
    result = CliRunner().invoke(app, ["check", "--no-embeddings", "--format", "json", *args])
    found = json.loads(result.stdout)["findings"] if result.stdout.strip() else []
    return (
        result.exit_code,
        [(Path(f["path"]).name, f["text"], f["line"]) for f in found],
        result.output,
    )


@needs_diff_flag
def test_cli_diff_reports_changed_lines_and_untracked_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path / "r", {"a.txt": KYIV + "\n" + CLEAN + "\n" + CLEAN})
    monkeypatch.chdir(repo)
    Path("a.txt").write_text(KYIV + "\n" + MUNICH + "\n" + CLEAN, encoding="utf-8")
    code, found, output = _run("--diff", "HEAD", "a.txt")
    assert (code, found) == (1, [("a.txt", "munich", 3)]), output
    Path("new.txt").write_text(CLEAN + "\n" + KIEV, encoding="utf-8")
    code, found, output = _run("--diff", "HEAD", ".")
    assert sorted(found) == [("a.txt", "munich", 3), ("new.txt", "Kiev", 3)], output
    git(repo, "commit", "-qam", "second")
    assert _run("--diff", "HEAD", "a.txt")[:2] == (0, [])


@needs_diff_flag
def test_cli_diff_unknown_revision_is_a_one_line_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(make_repo(tmp_path / "r", {"a.txt": KYIV}))
    code, _, output = _run("--diff", "HEAD~9", "a.txt")
    assert code == 2 and "--diff HEAD~9: unknown revision (git: " in output
