"""Only permissive licences in the install set: no GPL, LGPL or AGPL anywhere."""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, metadata

from conftest import REPO


def _pinned_names() -> list[str]:
    lines = (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [re.split(r"[=<>\s]", line)[0] for line in lines if line and not line.startswith("#")]


def _licence_text(name: str) -> str:
    meta = metadata(name)
    classifiers = [c for c in meta.get_all("Classifier") or [] if c.startswith("License")]
    return " ".join([meta.get("License-Expression") or "", meta.get("License") or "", *classifiers])


def test_every_pinned_requirement_is_permissively_licensed() -> None:
    checked = []
    for name in _pinned_names():
        try:
            text = _licence_text(name)
        except PackageNotFoundError:
            continue
        checked.append(name)
        assert "GPL" not in text, f"{name} is under a GPL-family licence: {text[:120]}"
    assert "typer" in checked and "PyYAML" in checked


def test_tqcheck_itself_is_apache_2() -> None:
    assert "Apache-2.0" in _licence_text("tqcheck")
