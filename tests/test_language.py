"""Language rules (TQ201-TQ204) on real text: untranslated sentences from the eval sets
inserted into English news, the seed article, mixed sentences, names, determinism."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import REPO, SEED, eval_file
from tqcheck.config import Config
from tqcheck.engine import check_text
from tqcheck.langid import LangdetectDetector
from tqcheck.sentences import split_sentences

LANGUAGE = Config(select=("TQ2",))
# English news paragraphs (wire style) that host the untranslated sentences.
HOSTS = [
    "Russian Defense Minister Sergei Shoigu said on Tuesday that Moscow would respond. "
    "NATO Secretary General Jens Stoltenberg met leaders in Vilnius.",
    "The government said it would publish the figures next week. Officials in Brussels "
    "declined to comment on the report.",
    "Shares in the company fell 4 percent in early trading. Analysts said the results "
    "were weaker than expected.",
]
SPANISH_PARAGRAPH = (
    "El segundo busca elevar el nivel de la relación política mediante la creación del "
    "Consejo OTAN-Ucrania, un foro en el que ambas partes participarán en pie de igualdad."
)


def _codes(text: str, config: Config = LANGUAGE) -> list[tuple[str, str]]:
    return [(f.code, f.text) for f in check_text(text, config)]


def _real_sentences(lang: str, count: int = 30) -> list[str]:
    """Source-language sentences of >= 8 words without figures from the eval sets (es/fr/pt
    bio-mqm sources, de WMT23 en-de references)."""
    if lang == "de":
        path = eval_file("mqm_wmt23_ende_news.jsonl")
        texts = [json.loads(line)["reference"] for line in path.open(encoding="utf-8")]
    else:
        path = eval_file("biomqm_x2en.jsonl")
        rows = [json.loads(line) for line in path.open(encoding="utf-8")]
        texts = [r["source"] for r in rows if r["lp"].startswith(lang)]
    found = []
    for text in texts:
        for start, end in split_sentences(text or ""):
            sentence = text[start:end]
            # News-like: no figures (bio-mqm's "p < 0,001" lines are tested in the bench).
            words = sentence.split()
            if len(words) >= 8 and sentence.endswith(".") and not any(map(str.isdigit, sentence)):
                found.append(sentence)
    return found[:count]


@pytest.mark.parametrize("lang", ["es", "fr", "pt", "de"])
def test_untranslated_real_sentences_in_english_news_are_found(lang: str) -> None:
    sentences = _real_sentences(lang)
    assert len(sentences) == 30
    found, alarms = 0, []
    article = SEED.read_text(encoding="utf-8")  # English news without language findings
    for index, sentence in enumerate(sentences):
        host = HOSTS[index % len(HOSTS)]
        first, rest = host.split(". ", 1)
        text = f"{article}\n\n{first}. {sentence} {rest}\n"
        start = text.index(sentence)
        findings = check_text(text, LANGUAGE)
        inside = [f for f in findings if f.start == start and f.end == start + len(sentence)]
        found += bool(inside) and inside[0].code == "TQ202"
        alarms += [f.text for f in findings if f.end <= start or f.start >= start + len(sentence)]
        if inside:
            assert inside[0].evidence["language"] == lang
            assert inside[0].evidence["confidence"] >= 0.95
    assert alarms == [], "the English around the insertion was flagged"
    assert found >= 29, f"{lang}: only {found}/30 untranslated sentences found"


def test_seed_article_has_no_language_finding(seed_text: str) -> None:
    assert _codes(seed_text) == []


def test_seed_with_one_paragraph_restored_to_spanish_gives_one_finding(seed_text: str) -> None:
    english = next(p for p in seed_text.split("\n\n") if "Otán-Ukraine Council" in p)
    text = seed_text.replace(english, SPANISH_PARAGRAPH)
    findings = check_text(text, Config())
    language = [f for f in findings if f.code.startswith("TQ2")]
    assert [(f.code, f.text) for f in language] == [("TQ202", SPANISH_PARAGRAPH)]
    assert language[0].evidence["language"] == "es"
    start = text.index(SPANISH_PARAGRAPH)
    inside = [f for f in findings if start <= f.start < start + len(SPANISH_PARAGRAPH)]
    assert inside == language, "term findings inside the Spanish paragraph were not masked"
    # Everything else the seed reports is still reported: its Otán finding went with the
    # English paragraph and the one language finding came in.
    assert len(findings) == len(check_text(seed_text, Config()))


def test_mixed_sentence_is_reported_at_the_span_that_switched() -> None:
    text = (
        "NATO Secretary General Jens Stoltenberg said that the decision is una decisión "
        "nacional de cada uno de los aliados."
    )
    assert _codes(text) == [("TQ203", "una decisión nacional de cada uno de los aliados")]


@pytest.mark.parametrize(
    "text",
    [
        "Russian Defense Minister Sergei Shoigu met Jens Stoltenberg in Velyka Dymerka.",
        "Charles de Gaulle airport, La Paz, El Paso, Los Angeles and Las Vegas were named.",
        "Ursula von der Leyen, Luiz Inácio Lula da Silva and Guillermo del Toro spoke.",
        "São Paulo, Zürich, Curaçao and Gdańsk sent delegations to the café on the façade.",
        "INTERNATIONAL WRITING",
        "REDACCIÓN INTERNACIONAL",
        "Photo: EFE/EPA/SERGEY DOLZHENKO",
        "Leicester will play in the Europa League; Europa Press reported it first.",
        "Bolivia (n = 1); Brazil (n = 105); Chile (n = 30); El Salvador (n = 1).",
    ],
)
def test_names_credits_and_capitals_do_not_fire(text: str) -> None:
    assert _codes(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks will continue, según the ministry.", ("TQ204", "según")),
        ("The summit was held in Bruselas on Tuesday.", ("TQ204", "Bruselas")),
        ("Ministers met in Moscú and then flew to Varsovie.", ("TQ204", "Varsovie")),
        ("Die Regierung hat am Dienstag beschlossen, dass die Hilfe weitergeht.\n\n"
         "The government said so on Tuesday and the opposition agreed with it.\n\n"
         "Officials said they would publish more figures next week in Brussels.",
         ("TQ202", "Die Regierung hat am Dienstag beschlossen, dass die Hilfe weitergeht.")),
    ],
)  # fmt: skip
def test_leftovers_are_found(text: str, expected: tuple[str, str]) -> None:
    assert expected in _codes(text)


def test_a_whole_foreign_document_gives_one_finding_and_masks_the_rest() -> None:
    text = (
        "El ministro de Defensa ruso, Serguéi Shoigú, dijo el martes que Moscú usará medios "
        "similares.\n\nLa OTAN invitará a Ucrania a ser miembro cuando cumpla las condiciones, "
        "según dijo el secretario general.\n"
    )
    findings = check_text(text, Config())
    assert [(f.code, f.evidence["language"]) for f in findings] == [("TQ201", "es")]


def test_detector_never_raises_and_is_restricted() -> None:
    detector = LangdetectDetector(("en", "es"))
    for text in ("", "   ", "12345", "!!! ???", "— … —", "%%%"):
        assert detector.detect(text) is None
    guess = detector.detect("Le président a déclaré que la France enverra des missiles.")
    assert guess is not None and guess.lang in ("en", "es")


def test_json_is_byte_identical_across_processes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "mixed.txt"
    path.write_text(
        SEED.read_text(encoding="utf-8").replace("Of each country.", SPANISH_PARAGRAPH),
        encoding="utf-8",
    )
    command = [
        sys.executable,
        "-m",
        "tqcheck",
        "check",
        "--format",
        "json",
        "--ignore",
        "TQ3",
        str(path),
    ]
    runs = [subprocess.run(command, capture_output=True, cwd=REPO, check=False) for _ in range(2)]
    assert runs[0].returncode == 1, runs[0].stderr
    assert runs[0].stdout == runs[1].stdout
    assert b'"TQ202"' in runs[0].stdout
