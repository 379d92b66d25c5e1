"""A small on-disk cache for derived data (parsed glossaries), keyed by content hash.

Entries are never trusted blindly: a missing, corrupt or foreign entry is a miss and gets
rebuilt. Writes are atomic; a read-only or full disk only costs the speed-up.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from tqcheck import __version__


def cache_dir() -> Path | None:
    """$TQCHECK_CACHE_DIR, else $XDG_CACHE_HOME/tqcheck, else ~/.cache/tqcheck; "" disables."""
    configured = os.environ.get("TQCHECK_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tqcheck"


def _entry(kind: str, key: str) -> Path | None:
    root = cache_dir()
    return root / kind / f"{key}-{__version__}.pickle" if root else None


def load(kind: str, key: str) -> Any | None:
    """The cached value for (kind, key), or None on any miss or damage."""
    path = _entry(kind, key)
    if path is None:
        return None
    try:
        with path.open("rb") as handle:
            stored_key, value = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        return None
    return value if stored_key == key else None


def store(kind: str, key: str, value: Any) -> None:
    """Save a value atomically; errors are ignored (the cache is only a speed-up)."""
    path = _entry(kind, key)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except (OSError, pickle.PicklingError, TypeError):
        return
