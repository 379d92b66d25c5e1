"""The run configuration: one frozen object merged from defaults and CLI options."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field

from tqcheck.model import Severity

PROFILES = ("default", "ap", "reuters", "guardian")


class ConfigError(Exception):
    """A configuration or usage error; the message is one line saying what to change."""


@dataclass(frozen=True)
class Config:
    """Everything a run needs to know, after merging all sources."""

    glossaries: tuple[str, ...] = ()
    use_shipped_glossaries: bool = True
    source_lang: str | None = None
    target_lang: str | None = None  # None: what the file declares, else English
    profile: str = "default"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    severity_overrides: Mapping[str, Severity] = field(default_factory=dict)
    embeddings: bool = True  # False: rules that need embeddings are skipped (--no-embeddings)
    model: str | None = None  # sentence-transformers name or path; None: packaged default
    source_file: str | None = None  # the original of a plain-text translation (--source)

    @property
    def target(self) -> str:
        """The target language in force: the configured one, else English."""
        return self.target_lang or "en"

    def __post_init__(self) -> None:
        if self.profile not in PROFILES:
            close = difflib.get_close_matches(self.profile, PROFILES, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ConfigError(
                f"unknown profile {self.profile!r}{hint} (profiles: {', '.join(PROFILES)})"
            )
        for lang in (self.source_lang, self.target_lang):
            if lang is not None and not (len(lang) in (2, 3) and lang.isalpha()):
                raise ConfigError(f"language {lang!r} must be an ISO 639 code such as es or en")
