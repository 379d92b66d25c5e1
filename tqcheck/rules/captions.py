"""Caption rules (TQ407, TQ410): photo captions and credits left in the body text.

A caption and its credit ("Velyka Dymerka, in Ukraine, … Photo: EFE/EPA/…") belong under a
picture, not in the story. TQ407 reports credits (and the caption sentence they close);
TQ410 reports a short caption-like paragraph next to other page furniture, so it reads the
whole document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqcheck.document import Span
from tqcheck.model import Hit, Severity
from tqcheck.rules.base import RuleContext, Unit, rule
from tqcheck.rules.residue import INSERT_START, WORD, wordset
from tqcheck.sentences import split_sentences

_CREDIT_WORD = r"""(?:photo(?:graph)?s?(?:\ credit)?|picture|images?|foto(?:graf[ií]a)?s?
    |imagen|imagem|cr[ée]dits?(?:\ photo)?|cr[ée]ditos?|bildnachweis)"""
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
_MAX_QUOTED = 60  # longer captions are cut in the message; the span still covers them
_MAX_CAPTION_WORDS = 25  # a caption sentence and its credit; body paragraphs run longer
# A quotation mark, or an apostrophe that is not inside a word ("Kyiv’s" is not a quote).
_QUOTE_MARK = re.compile(r"[\"“”„«»‹›‘]|(?<![^\W\d_])['’]|['’](?![^\W\d_])")


def _shorten(seen: str) -> str:
    """`seen`, cut to `_MAX_QUOTED` characters for a message."""
    return seen if len(seen) <= _MAX_QUOTED else seen[: _MAX_QUOTED - 1].rstrip() + "…"


def _looks_like_credit(credit: str) -> bool:
    """Short and naming an agency or photographer: "EFE/EPA/SERGEY DOLZHENKO", "Reuters"."""
    return len(credit.split()) <= _MAX_CREDIT_WORDS and bool(_CREDIT_LOOK.search(credit))


def _credit_hit(text: str, match: re.Match[str]) -> Hit | None:
    """A hit for a credit or caption match, or None when the match is prose."""
    word = match.group("word") or match.group("bword")
    if word and not word[0].isupper():
        return None  # "photo: …" in lower case is prose, not a credit line
    credit = (match.group("credit") or match.group("bcredit") or match.group()).strip()
    is_credit = _looks_like_credit(credit)
    mid_line = match.start() > 0 and text[match.start() - 1] != "\n"
    # "Photos: Egypt opens two tombs" is a gallery headline; a credit names an agency.
    if match.group("word") and (mid_line or word.lower().endswith("s")) and not is_credit:
        return None
    kind = "credit" if is_credit or not match.group("word") else "caption"
    return Hit(
        match.start(),
        match.start() + len(match.group().rstrip()),
        f'Delete the photo {kind} "{_shorten(match.group().strip())}" left in the body text',
        evidence={"kind": kind, "credit": credit},
    )


def _caption_with_credit(text: str, credit: Hit) -> Hit | None:
    """The whole paragraph when it is a short caption sentence that ends with `credit`.

    "Velyka Dymerka, in Ukraine, after 500 days of war. Photo: EFE/…" is a photo caption
    exported as body text: deleting only the credit would leave the caption behind.
    """
    if credit.evidence["kind"] != "credit" or text[credit.end :].replace(".", "").strip():
        return None  # a caption line ("Image: …") already covers it, or text follows
    caption = text[: credit.start].strip()
    if not caption.endswith(".") or _QUOTE_MARK.search(caption):
        return None  # a credit inside a sentence, or after a quote: delete the credit only
    if len(WORD.findall(text)) > _MAX_CAPTION_WORDS:
        return None
    start = len(text) - len(text.lstrip())
    seen = text[credit.start : credit.end]
    return Hit(
        start,
        len(text.rstrip()),
        f'Delete the photo caption "{_shorten(caption)}" and its credit "{_shorten(seen)}"',
        evidence={"kind": "caption and credit", "credit": credit.evidence["credit"]},
    )


def _caption_hits(text: str) -> list[Hit]:
    """The photo captions and credits of one paragraph, as TQ407 reports them."""
    if ":" not in text and "/" not in text:
        return []  # every credit form has a colon or an agency slash
    hits = [hit for match in _CREDIT.finditer(text) if (hit := _credit_hit(text, match))]
    if len(hits) == 1 and (whole := _caption_with_credit(text, hits[0])):
        return [whole]
    return hits


@rule(
    "TQ407",
    Severity.WARNING,
    "paragraph",
    structure=True,
    bad=[
        (
            "Velyka Dymerka, in Ukraine, after 500 days of war. Photo: EFE/EPA/SERGEY DOLZHENKO",
            "Velyka Dymerka, in Ukraine, after 500 days of war. Photo: EFE/EPA/SERGEY DOLZHENKO",
        ),
        ("Foto: Reuters", "Foto: Reuters"),
        "Image: Rescue workers search the rubble in Adana.",
        ("Fotos: EFE/Juan Carlos Hidalgo", "Fotos: EFE/Juan Carlos Hidalgo"),
        ("Rescue workers search the rubble in Adana (Photo: Reuters).", "(Photo: Reuters)"),
        ("Crédito: Colprensa", "Crédito: Colprensa"),
        (
            "Protesters march in Santiago. (AP Photo/Esteban Felix)",
            "Protesters march in Santiago. (AP Photo/Esteban Felix)",
        ),
        (
            "“We will not give up,” Zelensky told soldiers in Bakhmut. Photo: AFP",
            "Photo: AFP",
        ),
    ],
    good=[
        "The photo: a boy in a red coat, standing alone in the square, went around the world.",
        "He posted the image on Facebook, where it was shared thousands of times.",
        "Photographers were kept behind a fence. Photo opportunities were rare.",
        "She held up a picture of her son: he had been missing since March.",
        "Photos: After restorations, Egypt opens the tombs of Djehuty and Hery",
    ],
)
def caption_residue(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """A photo credit ("Photo: EFE/…") or a caption with its credit left in the body text.

    A short paragraph (at most 25 words) that is a caption sentence followed by its credit
    is reported whole; a credit inside a longer paragraph or after a quote on its own.
    """
    yield from _caption_hits(unit.text)


_MIN_SHORT_WORDS, _MAX_SHORT_WORDS = 3, 10
_MAX_SHORT_CHARS = 120  # checked before counting words: most paragraphs are longer
# A caption names what the picture shows ("NATO leaders meet in Lithuania."). Body prose
# refers back ("He", "This", "But"), sets a scene ("On Friday", "Often"), reports speech,
# narrates in past or future tense, or states and negates ("is", "are", "not").
_BODY_OPENERS = wordset(
    """He She It They We I You His Her Its Their Our My This That These Those There Here But
    And So Yet Or Nor However Also Then Still Meanwhile Instead Now Such Both Neither Either
    On In At For After Before During Until Since When While If As Although Though Because
    Despite Often Sometimes Usually Normally Today Yesterday Tomorrow Last Earlier Later Soon
    Already Even Only Just Thus Therefore Moreover Besides Overall Indeed Finally First Many
    Some Most Other Others Nobody Everyone Every Each All"""
)
_BODY_VERBS = r"""said|says|say|told|tells|added|adds|according|stated|noted|explained|asked
    |declined|replied|warned|insisted|is|are|was|were|be|been|being|had|has|have|will|would
    |can|could|shall|should|may|might|must|did|does|do|not|no|never|there"""
_OPENER_END = re.compile(r"['’,;]")  # "It’s" opens like "It", "However," like "However"
# One scan for what a caption lacks: quotation marks, a body verb, a past tense ("arrived").
_NOT_CAPTION = re.compile(
    rf"""{_QUOTE_MARK.pattern}|(?i:\b(?:{_BODY_VERBS})\b)|\b[a-z]+ed\b""", re.VERBOSE
)


def _is_short_caption_like(para: str) -> bool:
    """One short sentence that could be a caption: no quote, no reporting, no back reference."""
    if "\n" in para or ":" in para or not para[0].isupper() or not para.endswith("."):
        return False
    words = para.split()
    if not _MIN_SHORT_WORDS <= len(words) <= _MAX_SHORT_WORDS or para.endswith(".."):
        return False
    if _OPENER_END.split(words[0], 1)[0] in _BODY_OPENERS or para.isupper():
        return False
    if _NOT_CAPTION.search(para):
        return False
    return len(split_sentences(para)) == 1


def _furniture(para: str) -> str | None:
    """The page furniture the paragraph is ("link insert", "photo credit"), else None."""
    if INSERT_START.match(para):
        return "link insert"
    if any(hit.start == 0 for hit in _caption_hits(para)):
        return "photo credit"
    return None


def _next_furniture(text: str, spans: tuple[Span, ...], at: int) -> tuple[str, int] | None:
    """What furniture sits right before or after paragraph `at`, and where it starts."""
    for near in (at - 1, at + 1):
        if 0 <= near < len(spans):
            span = spans[near]
            if kind := _furniture(text[span.start : span.end]):
                return kind, span.start
    return None


@rule(
    "TQ410",
    Severity.INFO,
    "document",
    structure=True,
    bad=[
        (
            "(Keep reading: It's 500 days since Russia's invasion of Ukraine)\n\n"
            "NATO leaders meet in Lithuania.\n\nThe second element is a new council.",
            "NATO leaders meet in Lithuania.",
        ),
        (
            "The summit opened on Tuesday in Vilnius.\n\nUkrainian soldiers near Bakhmut.\n\n"
            "Photo: EFE/EPA/SERGEY DOLZHENKO",
            "Ukrainian soldiers near Bakhmut.",
        ),
        (
            "The allies disagree on the timing of membership for Ukraine.\n\n"
            "Jens Stoltenberg in Brussels.\n\n(Also read: NATO would raise a major obstacle)",
            "Jens Stoltenberg in Brussels.",
        ),
    ],
    good=[
        "The talks stalled on Tuesday.\n\nThe talks continue on Friday.\n\nHe left early.",
        "(Also read: NATO would raise a major obstacle)\n\nHe declined to comment.",
        "(Also read: NATO would raise a major obstacle)\n\nThe talks will continue on Friday.",
        "(Also read: NATO would raise a major obstacle)\n\n“We are ready,” Zelensky said.",
        "(Also read: Who is Jens Stoltenberg?)\n\nNATO SUMMIT IN VILNIUS",
    ],
)
def caption_paragraph(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """A short one-sentence paragraph next to a link insert or a photo credit: a probable caption.

    The image of the source page sat between two paragraphs, with its caption and credit; a
    link insert often sits right before it. Only the first paragraph (a headline) is skipped.
    """
    text, spans = ctx.document.prose, ctx.document.paragraphs
    for at, span in enumerate(spans):
        if at == 0 or span.end - span.start > _MAX_SHORT_CHARS:
            continue
        para = text[span.start : span.end]
        if not _is_short_caption_like(para) or _furniture(para):
            continue
        if found := _next_furniture(text, spans, at):
            kind, neighbour = found
            yield Hit(
                span.start - unit.start,
                span.end - unit.start,
                f'Check the short paragraph "{_shorten(para)}": next to a {kind} it is '
                "probably a photo caption; delete it if so",
                evidence={"next_to": kind, "neighbour_offset": neighbour},
            )


RULES = (caption_residue, caption_paragraph)
