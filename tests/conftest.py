"""Shared paths and helpers for the tests."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_1aa45f20a4da3534.txt"
# Keep the tests' parsed-glossary cache out of the user's home.
os.environ.setdefault("TQCHECK_CACHE_DIR", tempfile.mkdtemp(prefix="tqcheck-test-cache-"))
sys.path.insert(0, str(REPO / "bench"))  # the benchmarks' helpers are tested too
from common import EVAL  # noqa: E402


@pytest.fixture
def seed_text() -> str:
    """The user's machine-translated seed article."""
    return SEED.read_text(encoding="utf-8")


def eval_file(name: str) -> Path:
    """A file of ../shared/eval, or skip the test when this checkout has none."""
    path = EVAL / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path
