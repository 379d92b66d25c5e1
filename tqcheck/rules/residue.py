"""Residue rules (TQ406, TQ408, TQ409): CMS and newsroom debris left in the translation.

Link inserts, desk bylines and source-language punctuation are not translation errors in the
words; they are furniture of the source page that should not reach the English text. Each is a
paragraph rule with a cheap precheck and one precompiled regex pass per paragraph. Captions and
photo credits live in tqcheck.rules.captions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqcheck.model import Hit, Severity
from tqcheck.rules.base import RuleContext, Unit, rule

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def wordset(words: str) -> frozenset[str]:
    """A frozen set of the whitespace-separated words of a literal word list."""
    return frozenset(words.split())


def _phrases(text: str) -> frozenset[str]:
    """A frozen set of the "|"-separated phrases of a literal list, spacing normalised."""
    return frozenset(" ".join(phrase.split()) for phrase in text.split("|"))


_EMPH = r"(?:\*{1,2}|_{1,2})?"  # Markdown emphasis around an insert: "**Read also:**"

# English renderings of "read also" formulas ("Also read: …", "Also Read | …"). Generic ones
# ("See also", "Related", "In context") are prose too: only at paragraph start, before a colon.
_EN_STRONG = r"""also\ read|read\ also|you\ can\ (?:also\ )?read|keep\ reading
    |you\ (?:may|might|could)\ (?:also\ )?read|you\ (?:may|might)\ (?:also\ )?be\ interested
    (?:\ in)?|it\ may\ interest\ you|this\ may\ interest\ you|we\ recommend(?:\ you)?
    |also\ of\ interest|read\ too"""
_EN_WEAK = r"""see\ also|also\ see|read\ more|in\ context|continue\ reading|suggested\ reading
    |recommended(?:\ reading)?|related(?:\ news|\ articles?|\ content|\ stories|\ story)?
    |more\ on\ this"""
# Source-language formulas left untranslated; an English paragraph never starts with them.
_FOREIGN = r"""lea\ tambi[eé]n|lee\ tambi[eé]n|tambi[eé]n\ lea|le\ puede\ interesar
    |te\ puede\ interesar|le\ podr[ií]a\ interesar|te\ podr[ií]a\ interesar|le\ recomendamos
    |te\ recomendamos|siga\ leyendo|sigue\ leyendo|en\ contexto|puede\ leer|puedes\ leer
    |vea\ tambi[eé]n|ver\ tambi[eé]n|noticias?\ relacionadas?|lire\ aussi|[àa]\ lire\ aussi
    |lire\ [ée]galement|[àa]\ lire\ [ée]galement|voir\ aussi|[àa]\ voir\ aussi
    |sur\ le\ m[eê]me\ sujet|leia\ tamb[eé]m|leia\ mais|leia\ ainda|veja\ tamb[eé]m
    |saiba\ mais|confira\ tamb[eé]m|lesen\ sie\ auch|lesen\ sie\ mehr|mehr\ zum\ thema
    |auch\ interessant|siehe\ auch"""
INSERT_START = re.compile(
    rf"""^(?P<open>{_EMPH}[(\[]?{_EMPH})[^\S\n]*
    (?:(?P<strong>{_EN_STRONG}){_EMPH}[^\S\n]*[:|»>–—-]
      |(?P<weak>{_EN_WEAK}){_EMPH}[^\S\n]*:
      |(?P<foreign>{_FOREIGN}){_EMPH}(?=[^\S\n]*[:|»>–—-]|[^\S\n]+\w))""",
    re.IGNORECASE | re.VERBOSE | re.MULTILINE,  # a paragraph or a line of it
)
# A bracketed strong insert anywhere in a paragraph: "… the summit. (Also read: …)".
_INSERT_INLINE = re.compile(
    rf"\((?P<en>{_EN_STRONG}|{_FOREIGN})[^\S\n]*:", re.IGNORECASE | re.VERBOSE
)
_BRACKET = re.compile(r"[()\[\]]")
_SEPARATOR = re.compile(r"[*_]*[^\S\n]*[:|»>–—-]?")


def _bracket_end(text: str, open_at: int) -> int:
    """End offset just past the bracket that closes `text[open_at]`, else the line end."""
    depth = 0
    for match in _BRACKET.finditer(text, open_at):
        depth += 1 if match.group() in "([" else -1
        if depth == 0:
            return match.end()
    line_end = text.find("\n", open_at)
    return len(text.rstrip()) if line_end < 0 else len(text[:line_end].rstrip())


def _insert_hit(text: str, start: int, bracket_at: int | None, phrase: str) -> Hit:
    """A hit over the insert: to its closing bracket, else to the end of its line."""
    if bracket_at is not None:
        end = _bracket_end(text, bracket_at)
    else:
        end = text.find("\n", start)
        end = len(text.rstrip()) if end < 0 else len(text[:end].rstrip())  # no "\r"
    lead_end = _SEPARATOR.match(text, text.index(phrase, start) + len(phrase)).end()
    shown = text[start:lead_end].strip("*_ ") + " …" + (")" if bracket_at is not None else "")
    return Hit(
        start,
        end,
        f'Remove the "read also" link insert "{shown}"',
        evidence={"phrase": phrase},
    )


def _insert_starts(text: str) -> list[re.Match[str]]:
    """Inserts at the start of a line; a one-line paragraph is tried at its start only."""
    if "\n" in text:
        return list(INSERT_START.finditer(text))
    match = INSERT_START.match(text)
    return [match] if match else []


@rule(
    "TQ406",
    Severity.ERROR,
    "paragraph",
    bad=[
        (
            "(Also read: Live: Nato will invite Ukraine to become a member)",
            "(Also read: Live: Nato will invite Ukraine to become a member)",
        ),
        "(Keep reading: France and Germany will send new military aid to Ukraine)",
        "(In context: The NATO summit begins with tension over Kyiv's entry)",
        "Read also: Macron calls for calm after a night of riots",
        ("**Lea también:** Petro anuncia reforma", "**Lea también:** Petro anuncia reforma"),
        "Lire aussi | Le gouvernement recule sur les retraites",
        "Leia mais: Lula viaja a Pequim",
        "Mehr zum Thema: Scholz in Kiew",
        "Also Read | Sunak meets Biden in Vilnius",
        (
            "The summit ends on Wednesday.\nRead also: Who is Jens Stoltenberg?\nThe talks go on.",
            "Read also: Who is Jens Stoltenberg?",
        ),
        (
            "The summit ends on Wednesday. (You may be interested: Who is Jens Stoltenberg?)",
            "(You may be interested: Who is Jens Stoltenberg?)",
        ),
    ],
    good=[
        "See also the annex to the report, which lists every signatory.",
        "In context, the figure is small: the army fires that many shells in a week.",
        "Readers can read also the full text of the convention on the UN website.",
        "He said he would keep reading the reports until the end of the week.",
        "Related stories are collected on the newspaper's website.",
    ],
)
def read_also_insert(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """A "read also" teaser link left in the body text."""
    text = unit.text
    starts = _insert_starts(text)
    if not starts and "(" not in text:
        return  # no insert at a line start, and no bracket for one inside a line
    hits = []
    for match in starts:
        phrase = match.group("strong") or match.group("weak") or match.group("foreign")
        opened = match.group("open")
        bracket = opened.strip("*_")
        bracket_at = match.start() + opened.index(bracket) if bracket else None
        hits.append(_insert_hit(text, match.start(), bracket_at, phrase))
    # Only a bracketed, strong formula counts mid-line: plain "read also" can be prose.
    for match in _INSERT_INLINE.finditer(text):
        if not any(h.start <= match.start() < h.end for h in hits):
            hits.append(_insert_hit(text, match.start(), match.start(), match.group("en")))
    yield from sorted(hits, key=lambda h: h.start)


# Credit words as they open a credit line; case is checked in code (a capital is required).
_MAX_BYLINE_WORDS = 4
_CAPS_LINE = re.compile(
    r"[^\S\n]*([^\W\d_][^\W\d_'’&.-]*"
    rf"(?:[^\S\n]+[^\W\d_][^\W\d_'’&.-]*){{0,{_MAX_BYLINE_WORDS - 1}}})\s*"
)
# Agencies, newsroom markers and section headings that legitimately stand alone in capitals.
_ALLOWED_CAPS = wordset(
    """AP AFP EFE REUTERS DPA ANSA UPI XINHUA TASS BLOOMBERG NOTIMEX KYODO YONHAP IANS PTI ANI
    LUSA INTERFAX SPUTNIK ANADOLU BERNAMA ANTARA CNN BBC EUROPA PRESS ASSOCIATED THE AGENCE
    FRANCE-PRESSE NEWS AGENCY END ENDS MORE UPDATE UPDATED CORRECTION ADVISORY EDITOR'S NOTE
    BREAKING WATCH VIDEO LIVE PHOTOS GALLERY LISTEN OPINION ANALYSIS EDITORIAL"""
)
_HEADINGS = wordset(
    """ABSTRACT SUMMARY BACKGROUND INTRODUCTION OBJECTIVE OBJECTIVES AIM AIMS PURPOSE METHOD
    METHODS MATERIALS PATIENTS DESIGN SETTING RESULTS FINDINGS DISCUSSION CONCLUSION CONCLUSIONS
    KEYWORDS REFERENCES CONTEXT HIGHLIGHTS CONTENTS NOTES SOURCES APPENDIX TABLE FIGURE"""
)
# Words that only a newsroom desk signature contains, in English calque or source language.
_DESK_WORDS = wordset(
    """WRITING NEWSROOM DESK AGENCIES STAFF REDACCIÓN REDACCION RÉDACTION REDACTION REDAÇÃO
    REDACAO REDAKTION AGENCIAS AGÊNCIAS AGENCES ENVOY CORRESPONDENT CORRESPONDENTS"""
)
# Known desk-byline calques, for evidence: Redacción Internacional, La Rédaction, Da Redação.
_KNOWN_DESKS = _phrases(
    """INTERNATIONAL WRITING|WRITING|AGENCIES|INTERNATIONAL DESK|THE WRITING
    |EDITORIAL STAFF|THE EDITORIAL STAFF|NEWSROOM|FROM THE NEWSROOM|INTERNATIONAL NEWSROOM
    |REDACCIÓN|REDACCIÓN INTERNACIONAL|AGENCIAS|LA RÉDACTION|DA REDAÇÃO|REDAÇÃO|REDAKTION
    |POLITICAL WRITING|ECONOMY WRITING|NATION WRITING|JUSTICE WRITING|SPORTS WRITING
    |SPECIAL ENVOY"""
)
_ROMAN = re.compile(r"^[IVXLC]+$")


def _is_desk_byline(words: list[str], last_paragraph: bool) -> bool:
    """A desk word anywhere, or an unknown capitals sign-off closing the article."""
    if any(w in _DESK_WORDS for w in words):
        return True
    if all(w in _ALLOWED_CAPS for w in words) or any(w in _HEADINGS for w in words):
        return False  # an agency, a newsroom marker or a section heading
    # Elsewhere a short capitals line is an AP-style subhead ("BIDEN'S BORDER PLAN").
    return last_paragraph and not (len(words) == 1 and _ROMAN.match(words[0]))


@rule(
    "TQ408",
    Severity.WARNING,
    "paragraph",
    structure=True,
    bad=[
        ("INTERNATIONAL WRITING", "INTERNATIONAL WRITING"),
        ("REDACCIÓN INTERNACIONAL", "REDACCIÓN INTERNACIONAL"),
        ("AGENCIES", "AGENCIES"),
        ("International Writing", "International Writing"),
        ("FROM THE NEWSROOM", "FROM THE NEWSROOM"),
        ("NATO held its summit in Vilnius.\n\nPOLITICS SECTION", "POLITICS SECTION"),
    ],
    good=[
        "AFP",
        "REUTERS",
        "EUROPA PRESS",
        "BRUSSELS (AP) —",
        "NATO leaders meet in Lithuania.",
        "II",
        "NATO SUMMIT IN VILNIUS: WHAT TO EXPECT FROM THE ALLIES",
        "MATERIALS AND METHODS",
        "BIDEN'S BORDER PLAN\n\nThe plan was presented on Tuesday.",
    ],
)
def byline_residue(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """A short ALL-CAPS desk byline ("INTERNATIONAL WRITING") left as a paragraph."""
    text = unit.text
    if len(text.split(maxsplit=_MAX_BYLINE_WORDS)) > _MAX_BYLINE_WORDS:
        return  # the common case: more words than `_CAPS_LINE` allows
    match = _CAPS_LINE.fullmatch(text)
    if not match:
        return
    known = " ".join(match.group(1).split()).upper() in _KNOWN_DESKS
    if not known and not text.isupper():
        return  # in mixed case only a known calque ("International Writing") is a byline
    words = match.group(1).split()
    paragraphs = ctx.document.paragraphs
    last = len(paragraphs) > 1 and paragraphs[-1].start == unit.start
    if not known and not _is_desk_byline(words, last):
        return
    seen = match.group(1)
    yield Hit(
        match.start(1),
        match.end(1),
        f'Delete the desk byline "{seen}"',
        evidence={"known_calque": known},
    )


# Marks English never uses. Low quotes „ ‚ are paired with the German closer “ ‘.
_FOREIGN_MARK = re.compile(
    r"(?P<inv>[¿¡])|(?P<low>[„‚])(?:[^„‚“‘”’\n]{0,600}?(?P<close>[“‘]))?"
    r"|[^\S\n]*(?P<mark>[«»‹›])[^\S\n]*"
)
_ANY_FOREIGN_MARK = re.compile("[¿¡„‚«»‹›]")
_GUILLEMET = re.compile("[«»‹›]")
_GUILLEMET_LEFT = re.compile("[«‹]")
_QUOTES_FR = {"«": "“", "»": "”", "‹": "‘", "›": "’"}
_QUOTES_DE = {"»": "“", "«": "”", "›": "‘", "‹": "’"}  # German »…« runs the other way
_LOW = {"„": ("“", "”"), "‚": ("‘", "’")}


def _guillemet_hit(text: str, match: re.Match[str], table: dict[str, str]) -> Hit | None:
    """A hit replacing one guillemet by its English mark, or None for a navigation arrow."""
    mark = match.group("mark")
    at = match.start("mark")
    if not any(c in text for c in "«»‹›".replace(mark, "")):
        around = text[at - 1 : at] + text[at + 1 : at + 2]
        if at == 0 or not around.strip():
            return None  # a lone arrow between spaces is navigation ("Home » World"), not a quote
    fixed = table[mark]
    # The space inside a French quote ("« non »") goes with the mark: English has none.
    start, end = (at, match.end()) if fixed in "“‘" else (match.start(), at + 1)
    return Hit(
        start,
        end,
        f'Replace the guillemet "{mark}" with the English quotation mark "{fixed}"',
        suggestion=fixed,
        evidence={"mark": mark},
    )


def _low_quote_hits(match: re.Match[str]) -> Iterator[Hit]:
    """Hits for a German low opening quote and, when paired, its closing quote."""
    low = match.group("low")
    opening, closing = _LOW[low]
    start = match.start()
    message = f'Replace the low quotation mark "{low}" with "{opening}"'
    yield Hit(start, start + 1, message, suggestion=opening, evidence={"mark": low})
    if match.group("close"):
        at = match.start("close")
        seen = match.group("close")
        message = f'Replace the German closing quotation mark "{seen}" with "{closing}"'
        yield Hit(at, at + 1, message, suggestion=closing, evidence={"mark": seen})


@rule(
    "TQ409",
    Severity.WARNING,
    "paragraph",
    langs=["en"],
    bad=[
        ("The crowd chanted «Ukraine will win» outside the venue.", "«"),
        ("Lavrov called the decision « absurde » on Tuesday.", "« "),
        ("Scholz said „we will not send troops“ to Ukraine.", "„"),
        ("The placard read ¡No a la guerra! in red letters.", "¡"),
        ("¿Qué pasa? asked the headline of the Madrid daily.", "¿"),
    ],
    good=[
        "The crowd chanted “Ukraine will win” outside the venue.",
        "Home » World » Europe",
        "Scholz said “we will not send troops” to Ukraine.",
        "Prices rose 3.5 percent, the agency said.",
    ],
)
def foreign_punctuation(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """Spanish inverted marks, guillemets or German low quotes in English text."""
    text = unit.text
    if text.isascii() or not _ANY_FOREIGN_MARK.search(text):
        return  # the common case, decided by one scan (ASCII text has none of these marks)
    table = _QUOTES_FR
    first = _GUILLEMET.search(text)
    if first and first.group() in "»›" and _GUILLEMET_LEFT.search(text, first.end()):
        table = _QUOTES_DE
    for match in _FOREIGN_MARK.finditer(text):
        if mark := match.group("inv"):
            message = f'Delete the Spanish inverted mark "{mark}"; English does not use it'
            yield Hit(match.start(), match.end(), message, evidence={"mark": mark})
        elif match.group("low"):
            yield from _low_quote_hits(match)
        elif hit := _guillemet_hit(text, match, table):
            yield hit


RULES = (read_also_insert, byline_residue, foreign_punctuation)
