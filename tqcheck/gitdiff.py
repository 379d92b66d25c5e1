"""Changed lines since a git revision, so that `--diff REV` reports only what a change touched.

`git diff --unified=0 REV -- PATHS` compares REV with the working tree; each hunk header
`@@ -a,b +c,d @@` gives the new-side lines c..c+d-1 (d=0: a deletion, no lines). Files
git does not track yet (and does not ignore) count as changed everywhere.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from tqcheck.model import Finding

HUNK = re.compile(r"^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}
STDIN = "-"


class DiffError(Exception):
    """git could not say what changed; the message is one line."""


@dataclass(frozen=True, slots=True)
class ChangedLines:
    """Per resolved file path: changed line ranges (inclusive, 1-based); or the whole file."""

    ranges: Mapping[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    whole: frozenset[str] = frozenset()

    def touches(self, path: str, first: int, last: int) -> bool:
        """Whether lines first..last of the file at path intersect a change."""
        key = resolve(path)
        if key in self.whole:
            return True
        return any(start <= last and first <= end for start, end in self.ranges.get(key, ()))


def resolve(path: str | Path) -> str:
    """The absolute, symlink-free form in which both sides of a comparison meet."""
    return str(Path(path).resolve())


def keep(finding: Finding, changed: ChangedLines) -> bool:
    """Whether the finding's lines [line, end_line] touch a changed line."""
    last = max(finding.line, finding.end_line)
    return changed.touches(finding.path, finding.line, last)


def changed_lines(revision: str, paths: Sequence[str]) -> ChangedLines:
    """Lines changed in the working tree since revision, in the repository holding paths."""
    if not revision or revision.startswith("-"):
        raise DiffError(f"--diff {revision}: a revision cannot be empty or start with '-'")
    files = [p for p in paths if p != STDIN]
    if not files:
        return ChangedLines()
    top = _toplevel(revision, Path(files[0]))
    specs = [_pathspec(revision, top, p) for p in files]
    diff = _git(
        revision,
        top,
        "diff",
        "--unified=0",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        "--src-prefix=a/",
        "--dst-prefix=b/",
        revision,
        "--",
        *specs,
    )
    others = _git(revision, top, "ls-files", "-z", "--others", "--exclude-standard", "--", *specs)
    ranges = {resolve(top / name): spans for name, spans in parse_diff(diff).items() if spans}
    whole = frozenset(resolve(top / name) for name in others.split("\0") if name)
    return ChangedLines(MappingProxyType(ranges), whole)


def parse_diff(text: str) -> dict[str, tuple[tuple[int, int], ...]]:
    """New-side changed line ranges per new path in a `git diff --unified=0` patch."""
    result: dict[str, list[tuple[int, int]]] = {}
    current: list[tuple[int, int]] | None = None
    pending = 0  # hunk body lines still to skip: they may look like "+++ " headers
    for line in text.splitlines():
        if pending:
            pending -= not line.startswith("\\")  # "\ No newline at end of file"
            continue
        if line.startswith("diff "):
            current = None
        elif line.startswith("+++ "):
            name = _header_path(line[4:])
            current = None if name is None else result.setdefault(name, [])
        elif (match := HUNK.match(line)) and current is not None:
            old, start, count = (int(g) if g is not None else 1 for g in match.groups())
            pending = old + count
            if count:
                current.append((start, start + count - 1))
    return {name: tuple(spans) for name, spans in result.items()}


def _header_path(raw: str) -> str | None:
    """The path of a `+++ b/path` header: unquoted, tab-free; None for /dev/null."""
    raw = raw.rstrip("\t") if not raw.startswith('"') else _unquote(raw)
    return raw[2:] if raw.startswith("b/") else None


def _unquote(quoted: str) -> str:
    """Undo git's C-style quoting of a path: "b/caf\\303\\251.txt" -> b/café.txt."""
    body, out, index = quoted[1 : quoted.rindex('"')], bytearray(), 0
    while index < len(body):
        char = body[index]
        if char != "\\":
            out += char.encode()
            index += 1
        elif body[index + 1 : index + 4].isdigit():
            out.append(int(body[index + 1 : index + 4], 8))
            index += 4
        else:
            out.append(ESCAPES.get(body[index + 1], ord(body[index + 1])))
            index += 2
    return out.decode("utf-8", errors="surrogateescape")


def _toplevel(revision: str, near: Path) -> Path:
    """The root of the work tree that holds near (a file or a directory)."""
    start = near if near.is_dir() else near.parent
    while not start.is_dir() and start != start.parent:
        start = start.parent  # a path that does not exist yet: ask from an existing parent
    out = _git(revision, start, "rev-parse", "--show-toplevel")
    return Path(out.strip()).resolve()


def _pathspec(revision: str, top: Path, path: str) -> str:
    """path relative to the work tree's root, posix-style; outside it is an error."""
    try:
        return Path(resolve(path)).relative_to(top).as_posix()
    except ValueError:
        raise DiffError(f"--diff {revision}: {path} is outside the git work tree {top}") from None


def _git(revision: str, cwd: Path, *args: str) -> str:
    """Run git in cwd with literal pathspecs; a failure becomes a one-line DiffError."""
    command = ["git", "-c", "core.quotePath=false", "--literal-pathspecs", *args]
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
    except FileNotFoundError:
        raise DiffError(f"--diff {revision}: git is not installed or not on PATH") from None
    if done.returncode == 0:
        return done.stdout.decode("utf-8", errors="surrogateescape")
    message = next(iter(done.stderr.decode(errors="replace").strip().splitlines()), "failed")
    raise DiffError(f"--diff {revision}: {_classify(message)} (git: {message})")


def _classify(message: str) -> str:
    lowered = message.lower()
    if "not a git repository" in lowered:
        return "not a git repository"
    if any(s in lowered for s in ("bad revision", "unknown revision", "ambiguous argument")):
        return "unknown revision"
    return "git failed"
