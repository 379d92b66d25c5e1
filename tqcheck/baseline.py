"""Baselines: record today's findings once, then report only findings that are new.

A baseline is JSON: {"version": 1, "tool": "tqcheck", "findings": [{"path", "code",
"fingerprint", "text"}, ...]}, sorted so that rewriting it gives the same bytes. Paths
are stored posix-style, relative to the working directory when the file is below it.

A finding is known when the baseline holds one more finding of the same normalised
path, code and normalised text than the run has matched so far, in document order.
That is the engine's fingerprint (code, path, text, occurrence number) with the path
compared after normalising: the fingerprint itself hashes the path as it was typed
("./a.txt", "a.txt" and "/abs/a.txt" give three), so it is stored but not matched on.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tqcheck.model import Finding, RunResult

VERSION = 1
TOOL = "tqcheck"
FIELDS = ("path", "code", "fingerprint", "text")


class BaselineError(Exception):
    """A baseline that cannot be read or written; the message is one line."""


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    """One recorded finding."""

    path: str
    code: str
    fingerprint: str
    text: str


@dataclass(frozen=True, slots=True)
class Baseline:
    """The findings a baseline file recorded, and where it was read from."""

    source: str
    entries: tuple[BaselineEntry, ...]


def normalise_path(path: str) -> str:
    """A path as baselines compare it: resolved, posix, relative to the cwd when below it.

    Pseudo-paths such as "<stdin>" and "<text>" are kept as they are.
    """
    if path.startswith("<") and path.endswith(">"):
        return path
    return _normalised(path, os.getcwd())


@functools.lru_cache(maxsize=4096)
def _normalised(path: str, cwd: str) -> str:
    resolved = Path(cwd, path).resolve()
    try:
        return resolved.relative_to(Path(cwd).resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def _normalise_text(text: str) -> str:
    """Whitespace-collapsed, lower-case: the engine's normalisation for fingerprints."""
    return " ".join(text.split()).lower()


def _key(path: str, code: str, text: str) -> tuple[str, str, str]:
    return (normalise_path(path), code, _normalise_text(text))


def entries_of(findings: Iterable[Finding]) -> tuple[BaselineEntry, ...]:
    """Baseline entries for findings, with normalised paths, in a deterministic order."""
    entries = (
        BaselineEntry(normalise_path(f.path), f.code, f.fingerprint, f.text) for f in findings
    )
    return tuple(sorted(entries, key=lambda e: (e.path, e.code, e.text, e.fingerprint)))


def dumps(entries: Sequence[BaselineEntry]) -> str:
    """The JSON text of a baseline (sorted keys, two-space indent, final newline)."""
    document = {
        "version": VERSION,
        "tool": TOOL,
        "findings": [{name: getattr(e, name) for name in FIELDS} for e in entries],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_baseline(result: RunResult, path: str | os.PathLike[str]) -> None:
    """Write the run's findings as a baseline, atomically: the file is whole or untouched."""
    text = dumps(entries_of(result.findings))
    target = Path(path)
    try:
        target = target.resolve()
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise BaselineError(f"baseline {path}: cannot write ({_cause(exc)})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(temp, 0o644)  # mkstemp makes 0600; a baseline is shared like any source file
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise BaselineError(f"baseline {path}: cannot write ({_cause(exc)})") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline file; any problem raises BaselineError naming the file and cause."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"baseline {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"baseline {path}: cannot read ({_cause(exc)})") from None
    try:
        document = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"baseline {path}: not valid JSON (line {exc.lineno}: {exc.msg})"
        ) from None
    return Baseline(str(path), _parse(document, str(path)))


def _parse(document: object, name: str) -> tuple[BaselineEntry, ...]:
    if not isinstance(document, dict) or document.get("tool") != TOOL:
        raise BaselineError(f'baseline {name}: not a tqcheck baseline (no "tool": "tqcheck")')
    version = document.get("version")
    if version != VERSION:
        raise BaselineError(
            f"baseline {name}: unsupported version {version!r} (this tqcheck "
            f"reads version {VERSION}; write it again with --write-baseline)"
        )
    findings = document.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(f'baseline {name}: "findings" must be a list')
    return tuple(_entry(item, index, name) for index, item in enumerate(findings))


def _entry(item: object, index: int, name: str) -> BaselineEntry:
    if not isinstance(item, dict) or not all(isinstance(item.get(f), str) for f in FIELDS):
        raise BaselineError(
            f"baseline {name}: finding #{index + 1} needs string fields {', '.join(FIELDS)}"
        )
    return BaselineEntry(*(item[f] for f in FIELDS))


def filter_new(findings: Iterable[Finding], baseline: Baseline) -> tuple[list[Finding], int]:
    """The findings not in the baseline (in their given order), and how many were matched.

    Multiset semantics: a finding recorded once and found twice counts once as known;
    the earlier occurrence in the document is the known one, as with fingerprints.
    """
    known = Counter(_key(e.path, e.code, e.text) for e in baseline.entries)
    given = list(findings)
    is_known = [False] * len(given)
    for index in sorted(range(len(given)), key=lambda i: given[i].sort_key()):
        finding = given[index]
        key = _key(finding.path, finding.code, finding.text)
        if known[key] > 0:
            known[key] -= 1
            is_known[index] = True
    new = [finding for finding, seen in zip(given, is_known, strict=True) if not seen]
    return new, len(given) - len(new)


def _cause(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
