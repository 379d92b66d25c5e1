"""Residue rules (TQ406-TQ409): CMS and newsroom debris that a translation pipeline carried along.

Link inserts, photo credits, desk bylines and source-language punctuation are not translation
errors in the words; they are furniture of the source page that should not reach the English
text. Each rule is a paragraph rule with one precompiled regex pass per paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqcheck.model import Hit, Severity
from tqcheck.rules.base import RuleContext, Unit, rule

_EMPH = r"(?:\*{1,2}|_{1,2})?"  # Markdown emphasis around an insert: "**Read also:**"

# English renderings of "read also" formulas. Generic ones ("See also", "Related", "In context")
# are normal prose too, so they only count at paragraph start and followed by a colon.
_EN_STRONG = r"""also\ read|read\ also|you\ can\ (?:also\ )?read|you\ (?:may|might|could)\ (?:also\ )?read
    |keep\ reading|you\ (?:may|might)\ (?:also\ )?be\ interested(?:\ in)?|it\ may\ interest\ you
    |this\ may\ interest\ you|we\ recommend(?:\ you)?|also\ of\ interest|read\ too"""
_EN_WEAK = r"""see\ also|also\ see|read\ more|in\ context|continue\ reading|recommended(?:\ reading)?
    |related(?:\ news|\ articles?|\ content|\ stories|\ story)?|suggested\ reading|more\ on\ this"""
# Source-language formulas left untranslated; an English paragraph never starts with them.
_FOREIGN = r"""lea\ tambi[eé]n|lee\ tambi[eé]n|tambi[eé]n\ lea|le\ puede\ interesar|te\ puede\ interesar
    |le\ podr[ií]a\ interesar|te\ podr[ií]a\ interesar|le\ recomendamos|te\ recomendamos
    |siga\ leyendo|sigue\ leyendo|en\ contexto|puede\ leer|puedes\ leer|vea\ tambi[eé]n
    |ver\ tambi[eé]n|noticias?\ relacionadas?|lire\ aussi|[àa]\ lire\ aussi|lire\ [ée]galement
    |[àa]\ lire\ [ée]galement|voir\ aussi|[àa]\ voir\ aussi|sur\ le\ m[eê]me\ sujet
    |leia\ tamb[eé]m|leia\ mais|leia\ ainda|veja\ tamb[eé]m|saiba\ mais|confira\ tamb[eé]m
    |lesen\ sie\ auch|lesen\ sie\ mehr|mehr\ zum\ thema|auch\ interessant|siehe\ auch"""
_INSERT_START = re.compile(
    rf"""^(?P<open>{_EMPH}[(\[]?{_EMPH})[^\S\n]*
    (?:(?P<en>{_EN_STRONG}|{_EN_WEAK}){_EMPH}[^\S\n]*:
      |(?P<fr>{_FOREIGN}){_EMPH}(?=[^\S\n]*[:|»>–—-]|[^\S\n]+\w))""",
    re.IGNORECASE | re.VERBOSE,
)
# A bracketed strong insert anywhere in a paragraph: "… the summit. (Also read: …)".
_INSERT_INLINE = re.compile(
    rf"\((?P<en>{_EN_STRONG}|{_FOREIGN})[^\S\n]*:", re.IGNORECASE | re.VERBOSE
)
_BRACKET = re.compile(r"[()\[\]]")


def _bracket_end(text: str, open_at: int) -> int:
    """End offset just past the bracket that closes `text[open_at]`, else the line end."""
    depth = 0
    for match in _BRACKET.finditer(text, open_at):
        depth += 1 if match.group() in "([" else -1
        if depth == 0:
            return match.end()
    line_end = text.find("\n", open_at)
    return len(text) if line_end < 0 else line_end


def _insert_hit(text: str, start: int, bracket_at: int | None, phrase: str) -> Hit:
    if bracket_at is not None:
        end = _bracket_end(text, bracket_at)
    else:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
    lead = text[start : text.index(phrase, start) + len(phrase)].strip("*_ ")
    shown = f"{lead}: …)" if bracket_at is not None else f"{lead}: …"
    return Hit(
        start,
        end,
        f'Remove the "read also" link insert "{shown}"',
        evidence={"phrase": phrase},
    )


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
    if match := _INSERT_START.match(text):
        phrase = match.group("en") or match.group("fr")
        opened = match.group("open").strip("*_")
        bracket_at = text.index(opened) if opened else None
        yield _insert_hit(text, 0, bracket_at, phrase)
        return
    # Only a bracketed, strong formula counts mid-paragraph: plain "read also" can be prose.
    for match in _INSERT_INLINE.finditer(text):
        yield _insert_hit(text, match.start(), match.start(), match.group("en"))


# Credit words as they open a credit line; case is checked in code (a capital is required).
_CREDIT_WORD = r"""(?:photo(?:graph)?s?(?:\ credit)?|picture|images?|foto(?:graf[ií]a)?s?|imagen|imagem
    |cr[ée]dits?(?:\ photo)?|cr[ée]ditos?|bildnachweis)"""
_CREDIT = re.compile(
    rf"""(?P<start>^|(?<=[.!?”"][^\S\n])|(?<=\n))(?P<word>{_CREDIT_WORD})[^\S\n]*:[^\S\n]*
        (?P<credit>[^\n]+)
      |\((?P<bword>{_CREDIT_WORD})[^\S\n]*:[^\S\n]*(?P<bcredit>[^()\n]{{1,80}})\)
      |\((?P<agency>AP|AFP|Reuters|EFE|EPA|dpa|Getty\ Images)[^\S\n]+(?:Photo|Foto)s?
        [^\S\n]*/[^()\n]{{1,60}}\)""",
    re.IGNORECASE | re.VERBOSE,
)
# After a sentence, a credit is short and looks like one: agency slashes or capitals.
_CREDIT_LOOK = re.compile(r"/|\b[A-Z]{2,}\b|\b(?:Getty|Reuters|Shutterstock|AP|AFP|EFE)\b")
_MAX_CREDIT_WORDS = 8


def _credit_hit(text: str, match: re.Match[str]) -> Hit | None:
    word = match.group("word") or match.group("bword")
    if word and not word[0].isupper():
        return None  # "photo: …" in lower case is prose, not a credit line
    if match.group("word") and match.start() > 0 and text[match.start() - 1] != "\n":
        credit = match.group("credit")
        if len(credit.split()) > _MAX_CREDIT_WORDS or not _CREDIT_LOOK.search(credit):
            return None
    credit = match.group("credit") or match.group("bcredit") or match.group()
    seen = match.group().strip()
    return Hit(
        match.start(),
        match.start() + len(match.group().rstrip()),
        f'Delete the photo credit "{seen}" left in the body text',
        evidence={"credit": credit.strip()},
    )


@rule(
    "TQ407",
    Severity.WARNING,
    "paragraph",
    bad=[
        (
            "Velyka Dymerka, in Ukraine, after 500 days of war. Photo: EFE/EPA/SERGEY DOLZHENKO",
            "Photo: EFE/EPA/SERGEY DOLZHENKO",
        ),
        ("Foto: Reuters", "Foto: Reuters"),
        ("Rescue workers search the rubble in Adana (Photo: Reuters).", "(Photo: Reuters)"),
        ("Crédito: Colprensa", "Crédito: Colprensa"),
        (
            "Protesters march in Santiago. (AP Photo/Esteban Felix)",
            "(AP Photo/Esteban Felix)",
        ),
    ],
    good=[
        "The photo: a boy in a red coat, standing alone in the square, went around the world.",
        "He posted the image on Facebook, where it was shared thousands of times.",
        "Photographers were kept behind a fence. Photo opportunities were rare.",
        "She held up a picture of her son: he had been missing since March.",
    ],
)
def caption_residue(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """A photo caption credit ("Photo: EFE/…") left inside the body text."""
    for match in _CREDIT.finditer(unit.text):
        if hit := _credit_hit(unit.text, match):
            yield hit


_CAPS_LINE = re.compile(r"[^\S\n]*([^\W\d_][^\W\d_'’&.-]*(?:[^\S\n]+[^\W\d_][^\W\d_'’&.-]*){0,3})\s*")
# Agencies and newsroom markers that legitimately stand alone in capitals.
_ALLOWED_CAPS = frozenset(
    """AP AFP EFE REUTERS DPA ANSA UPI XINHUA TASS BLOOMBERG NOTIMEX KYODO YONHAP IANS PTI ANI
    LUSA INTERFAX SPUTNIK ANADOLU BERNAMA ANTARA CNN BBC EUROPA PRESS ASSOCIATED THE AGENCE
    FRANCE-PRESSE NEWS AGENCY END ENDS MORE UPDATE UPDATED CORRECTION ADVISORY EDITOR'S NOTE
    BREAKING WATCH VIDEO LIVE PHOTOS GALLERY LISTEN OPINION ANALYSIS EDITORIAL""".split()
)
# Known desk-byline calques, for evidence: Redacción Internacional, La Rédaction, Da Redação.
_KNOWN_DESKS = frozenset(
    name.strip()
    for name in """INTERNATIONAL WRITING|WRITING|AGENCIES|INTERNATIONAL DESK|THE WRITING
    |EDITORIAL STAFF|THE EDITORIAL STAFF|NEWSROOM|FROM THE NEWSROOM|INTERNATIONAL NEWSROOM
    |REDACCIÓN|REDACCIÓN INTERNACIONAL|AGENCIAS|LA RÉDACTION|DA REDAÇÃO|REDAÇÃO|REDAKTION
    |POLITICAL WRITING|ECONOMY WRITING|NATION WRITING|JUSTICE WRITING|SPORTS WRITING""".split("|")
)
_ROMAN = re.compile(r"^[IVXLC]+$")


@rule(
    "TQ408",
    Severity.WARNING,
    "paragraph",
    bad=[
        ("INTERNATIONAL WRITING", "INTERNATIONAL WRITING"),
        ("REDACCIÓN INTERNACIONAL", "REDACCIÓN INTERNACIONAL"),
        ("AGENCIES", "AGENCIES"),
        ("FROM THE NEWSROOM", "FROM THE NEWSROOM"),
    ],
    good=[
        "AFP",
        "REUTERS",
        "EUROPA PRESS",
        "BRUSSELS (AP) —",
        "NATO leaders meet in Lithuania.",
        "II",
        "NATO SUMMIT IN VILNIUS: WHAT TO EXPECT FROM THE ALLIES",
    ],
)
def byline_residue(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """A short ALL-CAPS desk byline ("INTERNATIONAL WRITING") left as a paragraph."""
    text = unit.text
    match = _CAPS_LINE.fullmatch(text)
    if not match or not text.isupper():
        return
    words = match.group(1).split()
    if all(w in _ALLOWED_CAPS for w in words) or (len(words) == 1 and _ROMAN.match(words[0])):
        return  # an agency, a dateline, a newsroom marker or a section number
    seen = match.group(1)
    yield Hit(
        match.start(1),
        match.end(1),
        f'Delete the desk byline "{seen}"',
        evidence={"known_calque": seen in _KNOWN_DESKS},
    )


# Marks English never uses. Low quotes „ ‚ are paired with the German closer “ ‘.
_FOREIGN_MARK = re.compile(
    r"(?P<inv>[¿¡])|(?P<low>[„‚])(?:[^„‚“‘”’\n]{0,600}?(?P<close>[“‘]))?"
    r"|(?P<left>[«‹][^\S\n]*)|(?P<right>[^\S\n]*[»›])"
)
_QUOTES_FR = {"«": "“", "»": "”", "‹": "‘", "›": "’"}
_QUOTES_DE = {"»": "“", "«": "”", "›": "‘", "‹": "’"}  # German »…« runs the other way
_LOW = {"„": ("“", "”"), "‚": ("‘", "’")}


def _guillemet_hit(text: str, match: re.Match[str], table: dict[str, str]) -> Hit | None:
    seen = match.group()
    mark = seen.strip()
    if not any(c in text for c in "«»‹›".replace(mark, "")):
        before = text[match.start() - 1 : match.start()]
        after = text[match.end() : match.end() + 1]
        if before.isspace() and after.isspace():
            return None  # a lone arrow between spaces is navigation ("Home » World"), not a quote
    fixed = table[mark]
    return Hit(
        match.start(),
        match.end(),
        f'Replace the guillemet "{mark}" with the English quotation mark "{fixed}"',
        suggestion=fixed,
        evidence={"mark": mark},
    )


def _low_quote_hits(match: re.Match[str]) -> Iterator[Hit]:
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
    table = _QUOTES_FR
    first = re.search(r"[«»‹›]", text)
    if first and first.group() in "»›" and re.search(r"[«‹]", text[first.end() :]):
        table = _QUOTES_DE
    for match in _FOREIGN_MARK.finditer(text):
        if mark := match.group("inv"):
            message = f'Delete the Spanish inverted mark "{mark}"; English does not use it'
            yield Hit(match.start(), match.end(), message, evidence={"mark": mark})
        elif match.group("low"):
            yield from _low_quote_hits(match)
        elif hit := _guillemet_hit(text, match, table):
            yield hit


RULES = (read_also_insert, caption_residue, byline_residue, foreign_punctuation)
