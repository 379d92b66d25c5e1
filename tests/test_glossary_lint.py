"""Glossary lint: every check must fire on its contradiction and stay quiet on deliberate data.

Each case writes small glossaries a.yaml, b.yaml, ... (one concept per line, so the first
concept of a file is at line 3) and lints them together, as `tqcheck glossary lint` does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqcheck.cli import app
from tqcheck.glossary.lint import lint_paths
from tqcheck.glossary.loader import CONCEPT_FIELDS

EN = "glossary: {id: t, source_lang: es, target_lang: en}\nconcepts:\n"
FR = "glossary: {id: t, source_lang: en, target_lang: fr}\nconcepts:\n"


def lint(tmp_path: Path, *files: str) -> list[str]:
    """Lint files (bodies of concepts, one per line) together; messages without tmp_path."""
    paths = []
    for index, body in enumerate(files):
        path = tmp_path / f"{'abcdef'[index]}.yaml"
        header = "" if body.startswith("glossary:") else EN
        path.write_text(header + body, encoding="utf-8")
        paths.append(path)
    return [str(issue).replace(f"{tmp_path}/", "") for issue in lint_paths(paths)]


def c(**fields: str) -> str:
    """One concept as a YAML flow mapping on one line (provenance filled in)."""
    body = ", ".join(f"{key}: {value}" for key, value in fields.items())
    return f"  - {{{body}, provenance: p}}\n"


FIRES = {
    # 1. across files: one id, two preferred forms or profiles (the merge keeps the first)
    "same id, other preferred": (
        [c(id="x", preferred="Kyiv"), c(id="x", preferred="Kiev")],
        "b.yaml:3: x: target forms differ from a.yaml:3: preferred 'Kiev' here, 'Kyiv' "
        "there; the merge keeps 'Kyiv' — use one preferred form for this id in every file, "
        "or give this entry its own id",
    ),
    "same id, profile only in the later file": (
        [c(id="x", preferred="NATO"), c(id="x", preferred="NATO", profiles="{guardian: Nato}")],
        "b.yaml:3: x: target forms differ from a.yaml:3: profile 'guardian' is 'Nato' here, "
        "not set there; the merge keeps the profiles of a.yaml",
    ),
    "same id, other profile form": (
        [
            c(id="x", preferred="UN", profiles="{ap: U.N.}"),
            c(id="x", preferred="UN", profiles="{ap: {preferred: U.N., admitted: [UN]}}"),
        ],
        "b.yaml:3: x: target forms differ from a.yaml:3: profile 'ap' is 'U.N.' admitting "
        "'UN' here, 'U.N.' there",
    ),
    "same id, other casing": (
        [
            c(id="place.moscow", preferred="Moscow", casing="ignore"),
            c(id="place.moscow", preferred="Moscow"),
        ],
        "b.yaml:3: place.moscow: casing differs from a.yaml:3: 'canonical' here, 'ignore' "
        "there; the merge keeps 'ignore', so this file's entry behaves differently alone than "
        "loaded with a.yaml — use the same casing for this id in every file",
    ),
    "same id, other match options": (
        [c(id="org.un", preferred="UN", match="{case: exact}"), c(id="org.un", preferred="UN")],
        "b.yaml:3: org.un: match differs from a.yaml:3: {case: fold, accents: fold, hyphen: "
        "true, inflect: false} here, {case: exact, accents: fold, hyphen: true, inflect: "
        "false} there; the merge keeps {case: exact,",
    ),
    # 1. across files: one id accepts a form another file's entry for it flags
    "same id, admitted there, superseded here": (
        [
            c(id="x", preferred="Kyiv", admitted="[Kiev]"),
            c(id="x", preferred="Kyiv", superseded="[Kiev]"),
        ],
        "b.yaml:3: x: superseded form 'Kiev' is accepted by the same concept at a.yaml:3 "
        "(admitted form 'Kiev'); merged, the entry would both accept and flag it — drop it "
        "from one of the two files",
    ),
    # 2. across profiles: one file's house preference is deprecated by the other file
    "same id, profile preferred there, deprecated here": (
        [
            c(id="x", preferred="NATO", profiles="{guardian: Nato}"),
            c(id="x", preferred="NATO", deprecated="[Nato]"),
        ],
        "b.yaml:3: x: deprecated form 'Nato' is accepted by the same concept at a.yaml:3 "
        "(profile 'guardian' prefers 'Nato')",
    ),
    # 1./4. a flagged form of one concept is the accepted form of another
    "deprecated = preferred of another concept, across files": (
        [c(id="x", preferred="Gaza Strip"), c(id="y", preferred="Gaza", deprecated="[Gaza Strip]")],
        "b.yaml:3: y: deprecated form 'Gaza Strip' is the accepted form of x (a.yaml:3; "
        "preferred form 'Gaza Strip'); the two concepts contradict each other and "
        "'Gaza Strip' is never flagged — remove it from one of them",
    ),
    "superseded = admitted of another concept, one file": (
        [
            c(id="x", preferred="Kyiv", admitted="[Kiev]")
            + c(id="y", preferred="K", superseded="[kiev]")
        ],
        "a.yaml:4: y: superseded form 'kiev' is the accepted form of x (a.yaml:3; admitted "
        "form 'Kiev'); the two concepts contradict each other and 'Kiev' is never flagged — "
        "remove it from one of them, or mark it {case: exact} to flag only this spelling",
    ),
    "deprecated = another concept's house preference": (
        [
            c(id="x", preferred="NATO", profiles="{guardian: Nato}"),
            c(id="y", preferred="Y", deprecated="[Nato]"),
        ],
        "b.yaml:3: y: deprecated form 'Nato' is the accepted form of x (a.yaml:3; profile "
        "'guardian' prefers 'Nato')",
    ),
    "case-exact deprecated still matching another's spelling": (
        [
            c(id="x", preferred="NATO"),
            c(id="y", preferred="Y", deprecated="[{text: NATO, case: exact}]"),
        ],
        "b.yaml:3: y: deprecated form 'NATO' is the accepted form of x (a.yaml:3; preferred "
        "form 'NATO')",
    ),
    # 1. a source form equal (folded) to an accepted target form of another concept
    "source form = accepted form of another concept": (
        [
            c(id="place.chile", preferred="Chile"),
            c(id="food.chili", preferred="chili", source="{es: [chile]}"),
        ],
        "b.yaml:3: food.chili: source form 'chile' (es) is the accepted form of place.chile "
        "(a.yaml:3; preferred form 'Chile'); 'Chile' is accepted as a target term, so it is "
        "never reported as a leak — remove it from the source forms, or mark it {case: exact} "
        "to flag only this spelling",
    ),
    # 2./3. self-corrections inside one entry
    "profile preferred is deprecated by its own entry": (
        [c(id="x", preferred="NATO", profiles="{guardian: Nato}", deprecated="[Nato]")],
        "a.yaml:3: x: self-correction: deprecated form 'Nato' is also accepted (profile "
        "'guardian' prefers 'Nato'); remove it from deprecated",
    ),
    "profile admitted is superseded by its own entry": (
        [
            c(
                id="x",
                preferred="UN",
                profiles="{ap: {preferred: U.N., admitted: [U.N]}}",
                superseded="[U.N]",
            )
        ],
        "a.yaml:3: x: self-correction: superseded form 'U.N' is also accepted (profile 'ap' "
        "admits 'U.N')",
    ),
    "self-correction, identical once whitespace is squeezed": (
        [c(id="x", preferred="New York", deprecated="['New   York']")],
        "a.yaml:3: x: self-correction: deprecated form 'New   York' is also accepted "
        "(preferred form 'New York'); remove it from deprecated",
    ),
    "self-correction, case only, folded": (
        [c(id="x", preferred="Kyiv", deprecated="[kyiv]")],
        "a.yaml:3: x: self-correction: deprecated form 'kyiv' is also accepted (preferred "
        "form 'Kyiv'); remove it (TQ102 term-case already reports other spellings of "
        "'Kyiv'), or mark it {case: exact} to flag only this spelling",
    ),
    "self-correction, accents only, folded": (
        [c(id="x", preferred="Kyiv", admitted="[Kyiv City]", superseded="[Kyív City]")],
        "a.yaml:3: x: self-correction: superseded form 'Kyív City' is also accepted (admitted "
        "form 'Kyiv City'); remove it (TQ102 term-case already reports other spellings of "
        "'Kyiv City'), or mark it {accents: exact} to flag only this spelling",
    ),
    "self-correction, exact option that tells nothing apart": (
        [c(id="x", preferred="Kyiv", deprecated="[{text: Kyiv, case: exact}]")],
        "a.yaml:3: x: self-correction: deprecated form 'Kyiv' is also accepted",
    ),
    # 5. shadowed and ambiguous keys
    "shadowed: same superseded form in two concepts": (
        [
            c(id="x", preferred="Kyiv", superseded="[Kiev]"),
            c(id="y", preferred="Kyiv Oblast", superseded="[Kiev]"),
        ],
        "b.yaml:3: y: shadowed: superseded form 'Kiev' is also a superseded form of x "
        "(a.yaml:3); matches are reported as x only, so this entry never fires — keep the "
        "form in one concept",
    ),
    "shadowed: deprecated beats an earlier superseded": (
        [
            c(id="x", preferred="Kyiv", superseded="[Kiev]"),
            c(id="y", preferred="Y", deprecated="[KIEV]"),
        ],
        "a.yaml:3: x: shadowed: superseded form 'Kiev' is also a deprecated form of y (b.yaml:3)",
    ),
    "shadowed: a source form under a deprecated one": (
        [
            c(id="x", preferred="NATO", source="{es: [OTAN]}"),
            c(id="y", preferred="Y", deprecated="[Otan]"),
        ],
        "a.yaml:3: x: shadowed: source form 'OTAN' is also a deprecated form of y (b.yaml:3)",
    ),
    "exception hides another concept's form": (
        [
            c(id="x", preferred="Kyiv", superseded="[Kiev]", exceptions="[Kiev cake]"),
            c(id="y", preferred="Kyiv cake", deprecated="[Kiev cake]"),
        ],
        "b.yaml:3: y: deprecated form 'Kiev cake' is hidden by the exception 'Kiev cake' of x "
        "(a.yaml:3); an exception silences every form it matches, so this one never counts — "
        "remove the exception or the form",
    ),
    "exception hides another concept's accepted form": (
        [
            c(id="x", preferred="Kyiv", superseded="[Kiev]", exceptions="[Kievan Rus]"),
            c(id="y", preferred="Kievan Rus"),
        ],
        "b.yaml:3: y: accepted form 'Kievan Rus' is hidden by the exception 'Kievan Rus' of x "
        "(a.yaml:3); an exception silences every form it matches, so this one never counts — "
        "an accepted form already masks the shorter forms it contains, so remove the exception",
    ),
    "exception hides its own form": (
        [c(id="x", preferred="Kyiv", superseded="[Kiev]", exceptions="[kiev]")],
        "a.yaml:3: x: superseded form 'Kiev' is hidden by the exception 'kiev' of the same "
        "concept (a.yaml:3)",
    ),
    "exception in another file hides the same id's form": (
        [
            c(id="x", preferred="Kyiv", exceptions="[Kiev]"),
            c(id="x", preferred="Kyiv", superseded="[Kiev]"),
        ],
        "b.yaml:3: x: superseded form 'Kiev' is hidden by the exception 'Kiev' of the same "
        "concept (a.yaml:3)",
    ),
    "ambiguous accepted key, different target sides": (
        [
            c(id="place.georgia", preferred="Georgia"),
            c(id="place.georgia_us", preferred="Georgia", admitted="[Ga.]"),
        ],
        "b.yaml:3: place.georgia_us: ambiguous key: accepted form 'Georgia' is also accepted "
        "by place.georgia (a.yaml:3; preferred form 'Georgia'); every match is attributed to "
        "place.georgia — keep the form in one concept, or merge the two entries under one id",
    ),
    # existing checks keep their messages
    "form listed twice": (
        [c(id="x", preferred="Kyiv", deprecated="[Kiev]", superseded="[Kiev]")],
        "a.yaml:3: x: form 'Kiev' listed twice (deprecated and superseded)",
    ),
    "person names need canonical casing": (
        [c(id="person.x", **{"class": "person"}, preferred="Ana Ruiz", casing="ignore")],
        "a.yaml:3: person.x: person names need casing: canonical",
    ),
}


@pytest.mark.parametrize(("files", "message"), FIRES.values(), ids=FIRES.keys())
def test_check_fires(tmp_path: Path, files: list[str], message: str) -> None:
    messages = lint(tmp_path, *files)
    assert any(message in m for m in messages), "\n".join(messages)


QUIET = {
    "shared id, same preferred, lists united (generated places files)": [
        c(id="place.kyiv", **{"class": "place"}, preferred="Kyiv", superseded="[Kiev]",
          exceptions="[chicken Kiev]"),
        c(id="place.kyiv", **{"class": "place"}, preferred="Kyiv", admitted="[Kyiv City]",
          superseded="[Kiev]", source="{uk: [Київ], es: [Kiev]}"),
    ],
    "shared id, profiles only in the first file": [
        c(id="x", preferred="NATO", profiles="{guardian: Nato}"), c(id="x", preferred="NATO"),
    ],
    "shared id, same profiles": [
        c(id="x", preferred="UN", profiles="{ap: U.N.}", match="{case: exact}"),
        c(id="x", preferred="UN", profiles="{ap: U.N.}", match="{case: exact}"),
    ],
    "deprecated form inside its own exception": [
        c(id="x", preferred="Kyiv", superseded="[Kiev]", exceptions="[chicken Kiev, Kievan Rus]"),
    ],
    "casing policy: case-exact lowercase deprecated form": [
        c(id="x", preferred="Kyiv", deprecated="[{text: kyiv, case: exact}]"),
    ],
    "casing policy: case-exact concept": [
        c(id="org.who", preferred="WHO", match="{case: exact}", deprecated="[Who]"),
    ],
    "accent policy: accent-exact deprecated form": [
        c(id="x", **{"class": "person"}, preferred="Alexei Navalny",
          deprecated="[{text: Alexeï Navalny, accents: exact}]"),
    ],
    "case-exact forms that share no spelling across concepts": [
        c(id="place.us", preferred="US", match="{case: exact}"),
        c(id="y", preferred="we", deprecated="[{text: Us, case: exact}]"),
    ],
    "source form spelled like its own accepted form, also across files": [
        c(id="org.nato", preferred="NATO", source="{es: [OTAN]}"),
        c(id="org.nato", preferred="NATO", source="{de: [NATO]}"),
    ],
    "twins: one English term for two source-language concepts": [
        c(id="ff.es.actualmente", preferred="currently", misleading="[actually]",
          source="{es: [actualmente]}"),
        c(id="ff.fr.actuellement", preferred="currently", misleading="[actually]",
          source="{fr: [actuellement]}"),
    ],
    "two concepts with the same exception": [
        c(id="x", preferred="Kyiv", superseded="[Kiev]", exceptions="[Kiev cake]"),
        c(id="y", preferred="Kyiv Oblast", deprecated="[Kiev Oblast]", exceptions="[Kiev cake]"),
    ],
    "different target languages are never loaded together": [
        c(id="org.nato", preferred="NATO"),
        FR + c(id="org.nato", preferred="OTAN", deprecated="[NATO]"),
    ],
    "false friend source forms are triggers, not leaks": [
        c(id="x", preferred="sensible"),
        c(id="ff.y", preferred="sensitive", misleading="[sensible]", source="{es: [sensible]}"),
    ],
}  # fmt: skip


@pytest.mark.parametrize("files", QUIET.values(), ids=QUIET.keys())
def test_check_stays_quiet(tmp_path: Path, files: list[str]) -> None:
    assert lint(tmp_path, *files) == []


def test_messages_are_stable_and_located(tmp_path: Path) -> None:
    messages = lint(
        tmp_path,
        c(id="x", preferred="Gaza Strip") + c(id="y", preferred="Gaza", deprecated="[Gaza Strip]"),
    )
    assert len(messages) == 1 and messages[0].startswith("a.yaml:4: y: deprecated form")


@pytest.mark.skipif("expansions" not in CONCEPT_FIELDS, reason="no expansions field")
def test_an_expansion_counts_as_accepted(tmp_path: Path) -> None:
    messages = lint(
        tmp_path,
        c(id="org.who", preferred="WHO", expansions="[World Health Organization]"),
        c(
            id="y",
            preferred="Y",
            deprecated="[World Health Organisation, world health organization]",
        ),
    )
    assert messages == [
        "b.yaml:3: y: deprecated form 'world health organization' is the accepted form of "
        "org.who (a.yaml:3; expansion 'World Health Organization'); the two concepts "
        "contradict each other and 'World Health Organization' is never flagged — remove it "
        "from one of them, or mark it {case: exact} to flag only this spelling"
    ]


runner = CliRunner()


def test_cli_lints_the_given_files_together(tmp_path: Path) -> None:
    lint(tmp_path, c(id="x", preferred="Kyiv"), c(id="x", preferred="Kiev"))
    first, second = str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")
    alone = runner.invoke(app, ["glossary", "lint", second])
    assert alone.exit_code == 0 and "1 glossary file(s) OK" in alone.stdout
    together = runner.invoke(app, ["glossary", "lint", first, second])
    assert together.exit_code == 1
    assert f"{second}:3: x: target forms differ from {first}:3" in together.stdout


def test_cli_lints_the_shipped_glossaries_together() -> None:
    result = runner.invoke(app, ["glossary", "lint"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.strip().endswith("glossary file(s) OK")
