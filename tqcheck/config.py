"""The run configuration: one frozen object merged from defaults, files and CLI options.

Precedence: defaults < `[tool.tqcheck]` in the nearest pyproject.toml (or tqcheck.toml),
found upward from the checked paths < `--config FILE` < command-line flags.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from tqcheck.model import Severity

PROFILES = ("default", "ap", "reuters", "guardian")
CONFIG_FILES = ("tqcheck.toml", "pyproject.toml")
THRESHOLDS = ("sim-min", "margin-min", "swap-max")  # semantic rule (TQ301) decision values


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
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob, selectors)
    fail_on: Severity = Severity.WARNING
    severity_overrides: Mapping[str, Severity] = field(default_factory=dict)
    embeddings: bool = True  # False: rules that need embeddings are skipped (--no-embeddings)
    model: str | None = None  # sentence-transformers name or path; None: packaged default
    thresholds: Mapping[str, float] = field(default_factory=dict)  # keys from THRESHOLDS
    include: tuple[str, ...] = ()  # globs of files to check in directories; () = known types
    exclude: tuple[str, ...] = ()  # globs of files and directories to skip in directories
    source_file: str | None = None  # the original of a plain-text translation (--source)
    root: str = "."  # the configuration file's directory: globs are relative to it
    config_files: tuple[str, ...] = ()  # the files this configuration was read from

    @property
    def target(self) -> str:
        """The target language in force: the configured one, else English."""
        return self.target_lang or "en"

    def __post_init__(self) -> None:
        if self.profile not in PROFILES:
            raise ConfigError(f"unknown profile {self.profile!r}{_hint(self.profile, PROFILES)}"
                              f" (profiles: {', '.join(PROFILES)})")  # fmt: skip
        for lang in (self.source_lang, self.target_lang):
            if lang is not None and not (len(lang) in (2, 3) and lang.isalpha()):
                raise ConfigError(f"language {lang!r} must be an ISO 639 code such as es or en")
        for key in self.thresholds:
            if key not in THRESHOLDS:
                raise ConfigError(f"unknown threshold {key!r}{_hint(key, THRESHOLDS)}")


def _hint(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


# File key -> (Config field, expected type). Keys are kebab-case, as in ruff and Vale.
_KEYS: dict[str, tuple[str, type]] = {
    "glossaries": ("glossaries", list),
    "shipped-glossaries": ("use_shipped_glossaries", bool),
    "source-lang": ("source_lang", str),
    "target-lang": ("target_lang", str),
    "profile": ("profile", str),
    "select": ("select", list),
    "ignore": ("ignore", list),
    "per-file-ignores": ("per_file_ignores", dict),
    "severity": ("severity_overrides", dict),
    "fail-on": ("fail_on", str),
    "embeddings": ("embeddings", bool),
    "model": ("model", str),
    "thresholds": ("thresholds", dict),
    "include": ("include", list),
    "exclude": ("exclude", list),
}
CONFIG_KEYS = tuple(_KEYS)


def find_config_file(paths: Sequence[str], start: Path | None = None) -> Path | None:
    """The nearest tqcheck.toml, or pyproject.toml with [tool.tqcheck], above the paths."""
    first = next((Path(p) for p in paths if p != "-"), None)
    here = (start or (first if first is not None else Path.cwd())).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / "tqcheck.toml").is_file():
            return folder / "tqcheck.toml"
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "tqcheck" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None


def read_config_file(path: Path) -> dict[str, Any]:
    """The tqcheck table of a configuration file, checked for unknown keys and types."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("tqcheck", {})
    for key, value in data.items():
        if key not in _KEYS:
            raise ConfigError(f"{path}: unknown key {key!r}{_hint(key, CONFIG_KEYS)}")
        expected = _KEYS[key][1]
        strings = expected is not list or all(isinstance(v, str) for v in value)
        if not isinstance(value, expected) or not strings:
            kind = {list: "a list of strings", dict: "a table", bool: "true or false",
                    str: "a string"}[expected]  # fmt: skip
            raise ConfigError(f"{path}: {key!r} must be {kind}")
    return data


def apply_file(config: Config, path: Path) -> Config:
    """A configuration with one file's settings laid over it."""
    data = read_config_file(path)
    root = path.resolve().parent
    changes: dict[str, Any] = {"root": str(root), "config_files": (*config.config_files,
                                                                   str(path))}  # fmt: skip
    try:
        for key, value in data.items():
            name = _KEYS[key][0]
            changes[name] = _convert(key, value, root)
        return replace(config, **changes)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from None


def _convert(key: str, value: Any, root: Path) -> Any:
    if key == "glossaries":
        return tuple(str(root / v) if not Path(v).is_absolute() else v for v in value)
    if key in ("select", "ignore", "include", "exclude"):
        return tuple(value)
    if key == "fail-on":
        return _severity(value)
    if key == "severity":
        return {str(k): _severity(v) for k, v in value.items()}
    if key == "per-file-ignores":
        pairs = []
        for glob, selectors in value.items():
            if not isinstance(selectors, list):
                raise ConfigError(f"per-file-ignores {glob!r} must map to a list of rules")
            pairs.append((str(glob), tuple(str(s) for s in selectors)))
        return tuple(pairs)
    if key == "thresholds":
        try:
            return {str(k): float(v) for k, v in value.items()}
        except (TypeError, ValueError):
            raise ConfigError("thresholds must be numbers") from None
    return value


def _severity(value: Any) -> Severity:
    try:
        return Severity.parse(str(value))
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


def build_config(paths: Sequence[str], config_file: str | None, flags: Mapping[str, Any]) -> Config:
    """Defaults < nearest config file < --config FILE < flags (only flags the user gave)."""
    config = Config()
    found = find_config_file(paths)
    if found is not None:
        config = apply_file(config, found)
    if config_file is not None:
        path = Path(config_file)
        if not path.is_file():
            raise ConfigError(f"--config {config_file}: no such file")
        config = apply_file(config, path)
    known = {f.name for f in fields(Config)}
    given = {k: v for k, v in flags.items() if v is not None and k in known}
    return replace(config, **given)
