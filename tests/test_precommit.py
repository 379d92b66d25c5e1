"""The pre-commit hooks, with the real pre-commit: a staged artifact fails, clean text passes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from tqcheck.engine import CHECKED_SUFFIXES

pre_commit_clientlib = pytest.importorskip("pre_commit.clientlib")

MANIFEST = REPO / ".pre-commit-hooks.yaml"
ARTIFACT = "The summit in kyiv was held. .\n"
CLEAN = "The summit in Kyiv was held.\n"
BIN = Path(sys.executable).parent  # the tqcheck of this interpreter's environment


def test_manifest_is_valid_for_pre_commit() -> None:
    hooks = {hook["id"]: hook for hook in pre_commit_clientlib.load_manifest(str(MANIFEST))}
    assert set(hooks) == {"tqcheck", "tqcheck-system"}
    assert hooks["tqcheck"]["language"] == "python"
    # pre-commit >= 4.4 reads `system` as its new name `unsupported`
    assert hooks["tqcheck-system"]["language"] in {"system", "unsupported"}
    for hook in hooks.values():
        assert hook["entry"] == "tqcheck check"
        assert hook["types"] == ["text"] and hook["require_serial"] is False


@pytest.mark.parametrize("hook", ["tqcheck", "tqcheck-system"])
def test_files_pattern_covers_what_tqcheck_checks(hook: str) -> None:
    pattern = {h["id"]: h for h in pre_commit_clientlib.load_manifest(str(MANIFEST))}[hook]["files"]
    for suffix in CHECKED_SUFFIXES:
        for name in (f"a{suffix}", f"docs/fr/b{suffix.upper()}"):
            assert re.search(pattern, name), name
    for name in ("a.py", "a.json", "a.txt.orig", "a.yaml", "txt", "a.mdx"):
        assert not re.search(pattern, name), name


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=_env(cwd)
    ).stdout.strip()


def _env(home: Path) -> dict[str, str]:
    """The environment of a hook run: this venv's tqcheck first, no outer git state."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", "")])
    env["PRE_COMMIT_HOME"] = str(home / ".pre-commit-home")
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    return env


def _init(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    _git(path, "init", "-q")
    for key, value in (
        ("user.email", "t@example.com"),
        ("user.name", "T"),
        ("commit.gpgsign", "false"),
    ):
        _git(path, "config", key, value)
    return path


def _hooks_from_worktree(base: Path) -> tuple[str, str]:
    """A hook repository holding this checkout's .pre-commit-hooks.yaml, committed or not."""
    repo = _init(base / "hooks")
    shutil.copy(MANIFEST, repo / MANIFEST.name)
    _git(repo, "add", MANIFEST.name)
    _git(repo, "commit", "-qm", "hooks")
    return str(repo), _git(repo, "rev-parse", "HEAD")


def _hooks_from_head(base: Path) -> tuple[str, str]:
    """This repository at its HEAD commit, as users would reference it."""
    probe = subprocess.run(
        ["git", "cat-file", "-e", f"HEAD:{MANIFEST.name}"],
        cwd=REPO,
        capture_output=True,
        env=_env(base),
    )
    if probe.returncode != 0:
        pytest.skip(f"{MANIFEST.name} is not committed in {REPO} yet (pre-commit clones HEAD)")
    return str(REPO), _git(REPO, "rev-parse", "HEAD")


@pytest.fixture(params=["worktree", "head"], scope="module")
def hook_repo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A project repository configured with the tqcheck-system hook (one clone per source)."""
    if shutil.which("tqcheck", path=str(BIN)) is None or shutil.which("git") is None:
        pytest.skip(f"needs git and the tqcheck script in {BIN}")
    base = tmp_path_factory.mktemp(f"precommit-{request.param}")
    url, rev = (_hooks_from_worktree if request.param == "worktree" else _hooks_from_head)(base)
    project = _init(base / "project")
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {url}\n    rev: {rev}\n    hooks:\n"
        "      - id: tqcheck-system\n        args: [--no-embeddings]\n",
        encoding="utf-8",
    )
    _git(project, "add", ".pre-commit-config.yaml")
    return project


def _pre_commit(project: Path, text: str) -> subprocess.CompletedProcess[str]:
    (project / "f.txt").write_text(text, encoding="utf-8")
    _git(project, "add", "f.txt")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--files", "f.txt"],
        cwd=project,
        capture_output=True,
        text=True,
        env=_env(project.parent),
        timeout=180,
    )


def test_staged_artifact_fails_the_hook(hook_repo: Path) -> None:
    done = _pre_commit(hook_repo, ARTIFACT)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Failed" in output and "TQ102" in output and "TQ401" in output


def test_clean_file_passes_the_hook(hook_repo: Path) -> None:
    done = _pre_commit(hook_repo, CLEAN)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


def test_files_of_other_types_are_skipped(hook_repo: Path) -> None:
    (hook_repo / "notes.py").write_text("# kyiv. .\n", encoding="utf-8")
    _git(hook_repo, "add", "notes.py")
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--files", "notes.py"],
        cwd=hook_repo,
        capture_output=True,
        text=True,
        env=_env(hook_repo.parent),
        timeout=180,
    )
    assert done.returncode == 0 and "no files to check" in done.stdout, done.stdout
