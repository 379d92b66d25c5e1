"""Inline suppression comments: what they cover, and the unused or unknown ones reported."""

from __future__ import annotations

import pytest

from tqcheck.config import Config
from tqcheck.document import Document
from tqcheck.engine import Checker
from tqcheck.formats import load
from tqcheck.suppression import Suppressed, apply, matches, parse_directives

HEADER = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
RULES = ("TQ102", "TQ401", "TQ502")


def suppress(
    document: Document, select: tuple[str, ...] = RULES, report: bool = True
) -> Suppressed:
    """Check a document with real rules, then apply its directives."""
    checker = Checker.from_config(Config(select=select, embeddings=False))
    enabled = [r.code for r in checker.rules] + (["TQ901"] if report else [])
    return apply(checker.check(document, suppress=False), parse_directives(document), enabled)


def left(text: str, kind: str = "text", **options: object) -> list[tuple[str, str]]:
    """(code, text) of the findings a text or Markdown string keeps."""
    result = suppress(Document.from_text(text, "a", kind), **options)  # type: ignore[arg-type]
    return [(f.code, f.text) for f in result.kept]


def problems(text: str, kind: str = "text", **options: object) -> list[str]:
    """Messages of the unused and unknown directives of a string."""
    result = suppress(Document.from_text(text, "a", kind), **options)  # type: ignore[arg-type]
    return [p.message for p in result.problems]


KYIV, PUNCT = ("TQ102", "kyiv"), ("TQ401", ",,")

COVERAGE = [
    ("no directive", "In kyiv ,, now.\n\nIn kyiv.", [KYIV, PUNCT, KYIV]),
    ("same paragraph", "In kyiv ,, now. <!-- tqcheck: ignore[term-case] -->\n\nIn kyiv.",
     [PUNCT, KYIV]),
    ("on the line above", "<!-- tqcheck: ignore[TQ102] -->\nIn kyiv.\n\nIn kyiv.", [KYIV]),
    ("alone: the next paragraph", "<!-- tqcheck: ignore[TQ102] -->\n\nIn kyiv.\n\nIn kyiv.",
     [KYIV]),
    ("alone, two comment paragraphs",
     "<!-- tqcheck: ignore[TQ102] -->\n\n<!-- tqcheck: ignore[TQ401] -->\n\nIn kyiv ,, now.",
     []),
    ("bare ignore: every rule", "In kyiv ,, now. <!-- tqcheck: ignore -->\n\nIn kyiv.", [KYIV]),
    ("several rules", "<!-- tqcheck: ignore[term-case, TQ401] -->\nIn kyiv ,, now.", []),
    ("reason after --", "In kyiv. <!-- tqcheck: ignore[TQ102] -- the house spells it so -->",
     []),
    ("keyword in any case", "In kyiv. <!-- TQCheck: IGNORE [tq102] -->", []),
    ("disable to enable",
     "<!-- tqcheck: disable[TQ1] -->\n\nIn kyiv.\n\nIn kyiv ,, now.\n\n"
     "<!-- tqcheck: enable[TQ1] -->\n\nIn kyiv.", [PUNCT, KYIV]),
    ("disable to the end", "In kyiv.\n\n<!-- tqcheck: disable[TQ102] -->\n\nIn kyiv.\n\nkyiv.",
     [KYIV]),
    ("a bare enable ends every range",
     "<!-- tqcheck: disable[TQ102, TQ401] -->\nIn kyiv ,, now.\n<!-- tqcheck: enable -->\n\n"
     "In kyiv ,, now.", [KYIV, PUNCT]),
    ("a narrower enable leaves the range open",
     "<!-- tqcheck: disable[TQ1] -->\nIn kyiv.\n<!-- tqcheck: enable[TQ102] -->\n\nIn kyiv.",
     []),
    ("an enable ends only what it names",
     "<!-- tqcheck: disable[TQ102, TQ401] -->\nIn kyiv ,, now.\n<!-- tqcheck: enable[TQ4] -->"
     "\n\nIn kyiv ,, now.", [PUNCT]),
    ("ignore-file", "In kyiv ,, now.\n\nIn kyiv.\n\n<!-- tqcheck: ignore-file[TQ102] -->",
     [PUNCT]),
]  # fmt: skip


@pytest.mark.parametrize("kind", ["text", "markdown"])
@pytest.mark.parametrize(("case", "text", "expected"), COVERAGE, ids=[c[0] for c in COVERAGE])
def test_what_a_directive_covers(kind: str, case: str, text: str, expected: list) -> None:  # type: ignore[type-arg]
    assert left(text, kind) == expected


@pytest.mark.parametrize("selector", ["TQ102", "tq102", "term-case", "Term-Case", "TQ1",
                                      "TQ10", "TQ", "ALL", "all", "*"])  # fmt: skip
def test_selectors_are_those_of_select(selector: str) -> None:
    assert left(f"In kyiv. <!-- tqcheck: ignore[{selector}] -->") == []
    assert matches(selector, "TQ102", "term-case")


@pytest.mark.parametrize("selector", ["TQ4", "TQ1020", "case", "TQ2"])
def test_other_selectors_leave_the_finding(selector: str) -> None:
    assert left(f"In kyiv. <!-- tqcheck: ignore[{selector}] -->") == [KYIV]
    assert not matches(selector, "TQ102", "term-case")


def test_markdown_comments_work_though_masked_but_not_inside_code() -> None:
    text = "In kyiv. <!-- tqcheck: ignore[TQ102] -->\n\nIn kyiv."
    document = Document.from_text(text, "a.md", "markdown")
    assert "tqcheck" not in document.prose and left(text, "markdown") == [KYIV]
    code = "```\n<!-- tqcheck: ignore-file -->\n```\n\n`<!-- tqcheck: ignore -->` in kyiv"
    assert left(code, "markdown") == [KYIV]
    assert parse_directives(Document.from_text(code, "a.md", "markdown")) == []


def test_a_directive_keeps_its_reason_and_where_it_is() -> None:
    text = "In kyiv. <!-- tqcheck: ignore[term-case, TQ401] -- house style -->"
    [directive] = parse_directives(Document.from_text(text))
    assert (directive.kind, directive.selectors, directive.reason) == (
        "ignore", ("term-case", "TQ401"), "house style")  # fmt: skip
    assert text[directive.start : directive.end] == text[9:]
    assert directive.text == "ignore[term-case, TQ401]"


REPORTED = [
    ("unused", "<!-- tqcheck: ignore[TQ401] -->\n\nIn kyiv.",
     ['Remove the unused suppression "ignore[TQ401]": nothing here is reported by TQ401']),
    ("partly unused", "In kyiv. <!-- tqcheck: ignore[TQ102, TQ401] -->",
     ['Remove TQ401 from the suppression "ignore[TQ102, TQ401]": nothing here is reported '
      "by it"]),
    ("bare ignore unused", "In Kyiv. <!-- tqcheck: ignore -->",
     ['Remove the unused suppression "ignore": nothing here is reported']),
    ("unused range", "In kyiv.\n\n<!-- tqcheck: disable[term-case] -->\n\nIn Kyiv.",
     ['Remove the unused suppression "disable[term-case]": nothing here is reported by '
      "term-case"]),
    ("unknown rule", "In kyiv. <!-- tqcheck: ignore[term-cas, TQ102] -->",
     ['Unknown rule "term-cas" in the suppression "ignore[term-cas, TQ102]" (did you mean '
      '"term-case"?): see tqcheck rules']),
    ("not enabled: not judged", "In Kyiv. <!-- tqcheck: ignore[TQ403, TQ2] -->", []),
    ("used elsewhere in the file", "<!-- tqcheck: ignore-file[TQ401] -->\n\nA ,, b.", []),
    ("ignore-file[TQ901] hides the reports",
     "<!-- tqcheck: ignore-file[TQ901] -->\n\nIn Kyiv. <!-- tqcheck: ignore[TQ102, foo] -->",
     []),
]  # fmt: skip


@pytest.mark.parametrize("kind", ["text", "markdown"])
@pytest.mark.parametrize(("case", "text", "expected"), REPORTED, ids=[c[0] for c in REPORTED])
def test_unused_and_unknown_directives_are_reported(
    kind: str, case: str, text: str, expected: list[str]
) -> None:
    assert problems(text, kind) == expected


def test_nothing_is_reported_unless_tq901_runs() -> None:
    text = "In Kyiv. <!-- tqcheck: ignore[TQ102, foo] -->"
    assert problems(text, report=False) == []
    assert len(problems(text)) == 2


def test_a_problem_becomes_a_hit_at_the_comment() -> None:
    text = "In Kyiv.\n\n<!-- tqcheck: ignore[TQ102] -->\n\nIn Kyiv."
    [problem] = suppress(Document.from_text(text)).problems
    hit = problem.hit()
    assert text[hit.start : hit.end] == "<!-- tqcheck: ignore[TQ102] -->"
    assert hit.evidence == {"directive": "ignore[TQ102]", "selectors": ["TQ102"],
                            "problem": "unused"}  # fmt: skip


PO = HEADER + (
    "# tqcheck: ignore[TQ102] -- house style\n#. extracted\n"
    'msgid "Talks in Kiev"\nmsgstr "Talks in kyiv"\n\n'
    'msgid "One file"\nmsgid_plural "Many files"\nmsgstr[0] "One file in kyiv"\nmsgstr[1] ""\n\n'
    "# tqcheck: ignore[term-case, TQ401]\n"
    'msgid "File"\nmsgid_plural "Files"\nmsgstr[0] "kyiv"\nmsgstr[1] "In kyiv"\n'
)


def test_a_po_translator_comment_covers_its_unit_and_plural_forms() -> None:
    document = load("t.po", PO.encode(), kind="po")
    assert [(d.units, d.reason) for d in parse_directives(document)] == [
        (("Talks in Kiev",), "house style"),
        (("File[0]", "File[1]"), None),
    ]
    result = suppress(document)
    assert [(f.code, f.unit) for f in result.kept] == [
        ("TQ102", "One file[0]"),
        ("TQ502", "One file[1]"),
    ]
    assert [p.message for p in result.problems] == [
        'Remove TQ401 from the suppression "ignore[term-case, TQ401]": nothing here is '
        "reported by it"
    ]
    hit = result.problems[0].hit()
    assert document.locate(hit.start, hit.end).line == 19  # msgstr[0] of the unit


XLIFF = """<?xml version="1.0"?>
<xliff version="1.2"><file source-language="es" target-language="en"><body>
<trans-unit id="u1"><source>Kiev. Otra.</source><seg-source><mrk mtype="seg" mid="1">Kiev.</mrk>
 <mrk mtype="seg" mid="2">Otra.</mrk></seg-source><target><mrk mtype="seg" mid="1">In kyiv.</mrk>
 <mrk mtype="seg" mid="2">And kyiv ,, too.</mrk></target>
 <note>Checked: tqcheck: ignore[term-case]</note></trans-unit>
<trans-unit id="u2"><source>Kiev</source><target>In kyiv.</target></trans-unit>
</body></file></xliff>"""


def test_an_xliff_note_covers_all_segments_of_its_unit() -> None:
    result = suppress(load("t.xlf", XLIFF.encode(), kind="xliff"))
    assert [(f.code, f.unit) for f in result.kept] == [("TQ401", "u1#2"), ("TQ102", "u2")]
    assert result.problems == []


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("csv", "source,target\nKiev,In kyiv. <!-- tqcheck: ignore -->\n"),
        ("po", HEADER + 'msgid "a"\nmsgstr "<!-- tqcheck: ignore -->"\n'),
    ],
)
def test_no_directives_where_the_format_has_no_syntax(kind: str, data: str) -> None:
    assert parse_directives(load("t", data.encode(), kind=kind)) == []


def test_the_engine_applies_comments_and_reports_idle_ones() -> None:
    from tqcheck.engine import check_text

    config = Config(select=("TQ102", "TQ401", "TQ901"), embeddings=False)
    text = "<!-- tqcheck: ignore[term-case] -->\nIn kyiv.\n\nIn kyiv. .\n"
    assert [f.code for f in check_text(text, config)] == ["TQ102", "TQ401"]
    idle = "<!-- tqcheck: ignore[TQ401] -->\nIn kyiv.\n"
    assert [(f.code, f.line) for f in check_text(idle, config)] == [("TQ901", 1), ("TQ102", 2)]


def test_a_po_translator_comment_suppresses_its_unit() -> None:
    from tqcheck.engine import check_text

    po = (
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n# tqcheck: ignore[TQ102]\n'
        'msgid "En Kiev."\nmsgstr "In kyiv."\n\n'
        'msgid "En Kiev hoy."\nmsgstr "In kyiv today."\n'
    )
    found = check_text(po, Config(select=("TQ102", "TQ901"), embeddings=False), kind="po")
    assert [(f.code, f.text) for f in found] == [("TQ102", "kyiv")]
    assert found[0].unit == "En Kiev hoy."
