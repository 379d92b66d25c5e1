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


# Projects under a permissive licence whose binary wheels also carry the licence texts of
# shared runtime libraries they bundle. scipy (a dependency of sentence-transformers) is
# BSD-3-Clause; its Linux wheels ship libgfortran (GPL-3.0 WITH the GCC Runtime Library
# Exception, which allows use by any program) and libquadmath (LGPL-2.1, dynamically
# linked). Only the project's own declared licence is checked for these.
BUNDLED_RUNTIMES = {"scipy": "BSD License"}


def test_every_pinned_requirement_is_permissively_licensed() -> None:
    checked = []
    for name in _pinned_names():
        try:
            text = _licence_text(name)
        except PackageNotFoundError:
            continue
        checked.append(name)
        if name in BUNDLED_RUNTIMES:
            classifiers = metadata(name).get_all("Classifier") or []
            assert any(BUNDLED_RUNTIMES[name] in c for c in classifiers), name
            continue
        assert "GPL" not in text, f"{name} is under a GPL-family licence: {text[:120]}"
    assert "typer" in checked and "PyYAML" in checked


def test_tqcheck_itself_is_apache_2() -> None:
    assert "Apache-2.0" in _licence_text("tqcheck")
