"""What gets checked: paths expanded into files, files read into Documents.

Directories are walked for known file types (or the configuration's include/exclude globs);
each file is read by its format's reader; translation files that declare no languages get
them guessed; a plain-text translation is paired with its `--source` original.
"""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from tqcheck.config import Config
from tqcheck.document import Document, load_document, read_bytes
from tqcheck.formats.aligned import Similarity

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".mdown", ".text")
CHECKED_SUFFIXES = (*TEXT_SUFFIXES, ".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".po", ".pot",
                    ".tmx", ".csv", ".tsv")  # fmt: skip
STDIN = "-"


def expand_paths(paths: Iterable[str], config: Config | None = None) -> Iterator[str]:
    """Files to check: directories recurse into known file types (sorted), "-" is stdin.

    In directories, `include` globs replace the known types and `exclude` globs skip files
    and folders; globs match paths relative to the configuration's folder (or the name).
    Files named explicitly are always checked.
    """
    config = config or Config()
    for path in paths:
        candidate = Path(path)
        if path != STDIN and candidate.is_dir():
            for child in sorted(candidate.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(candidate).parts)
                if child.is_file() and not hidden and _wanted(child, config):
                    yield str(child)
        else:
            yield path


def matches_glob(path: str | Path, patterns: Iterable[str], root: str = ".") -> bool:
    """Does a path match a glob, relative to root, by its name, or in any parent folder?"""
    resolved = Path(path).resolve()
    try:
        relative = resolved.relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        relative = Path(path).as_posix()
    parents = [p.as_posix() for p in Path(relative).parents if p.as_posix() != "."]
    return any(fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(resolved.name, pattern)
               or any(fnmatch.fnmatch(parent, pattern.rstrip("/")) for parent in parents)
               for pattern in patterns)  # fmt: skip


def _wanted(path: Path, config: Config) -> bool:
    if config.exclude and matches_glob(path, config.exclude, config.root):
        return False
    if config.include:
        return matches_glob(path, config.include, config.root)
    return path.suffix.lower() in CHECKED_SUFFIXES


def with_languages(document: Document, config: Config) -> Document:
    """A translation file that declares no languages gets them guessed from its text.

    Only where the user set none; a guess below langdetect's 0.9 stays unknown.
    """
    if not document.is_segmented or not document.segments:
        return document
    from dataclasses import replace

    from tqcheck.langid import guess_language

    if config.target_lang is None and document.target_lang is None:
        document = replace(document, target_lang=guess_language(document.text), guessed_target=True)
    if config.source_lang is None and document.source_lang is None:
        sources = "\n".join(segment.source for segment in document.segments)
        document = replace(document, source_lang=guess_language(sources))
    return document


def read_any(path: str, config: Config, similarity: Similarity | None = None) -> Document:
    """Read a text or translation file (format by extension, then content) into a Document."""
    from tqcheck.formats import ReadOptions, load

    name, data = ("<stdin>", sys.stdin.buffer.read()) if path == STDIN else (path, None)
    if data is None:
        data = read_bytes(path)
    options = ReadOptions(config.source_lang, config.target_lang)
    document = with_languages(load(name, data, options), config)
    if config.source_file and not document.is_segmented:
        from tqcheck.formats.aligned import pair_with_source

        document = pair_with_source(document, load_document(config.source_file), similarity)
    return document
