"""tqcheck: catch machine-translation artifacts in translated text before it is published."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tqcheck.model import Finding, RunResult, Severity

if TYPE_CHECKING:
    from tqcheck.config import Config

__version__ = "0.1.0"


def check_text(text: str, config: Config | None = None, path: str = "<text>") -> list[Finding]:
    """Check a string and return its findings, sorted by position."""
    from tqcheck.engine import check_text as run

    return run(text, config, path)


def check_paths(paths: Sequence[str], config: Config | None = None) -> RunResult:
    """Check files and directories ("-" is stdin) and return the run's result."""
    from tqcheck.engine import check_paths as run

    return run(paths, config)


__all__ = ["Finding", "RunResult", "Severity", "__version__", "check_paths", "check_text"]
