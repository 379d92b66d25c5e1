"""Layout rules (TQ401-TQ405): punctuation, segmentation and duplication artifacts.

MT pipelines translate segment by segment: a segment boundary inside a sentence leaves a
broken paragraph or an orphan fragment, a joined segment leaves doubled punctuation, and a
pull quote exported as body text comes back as a duplicate paragraph. These rules look at
the text's layout, not at its words. Residue rules (TQ406-TQ410) live in `residue.py`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise

from tqcheck.document import Span
from tqcheck.model import Hit, Severity
from tqcheck.rules.base import RuleContext, Unit, rule
from tqcheck.sentences import split_sentences

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def _wordset(words: str) -> frozenset[str]:
    """A frozen set of the whitespace-separated words of a literal word list."""
    return frozenset(words.split())


# One pass per paragraph; alternatives are tried left to right, so ". ." wins over " .".
_DOUBLED = re.compile(
    r"(?=[.,\s])"  # every alternative starts at a dot, comma or space: skip the rest fast
    r"(?:(?P<dot>(?<![.\s])(?<!\.[^\S\n])\.[^\S\n]+\.(?![^\S\n]*\.))"  # ". ." but not ". . ."
    r"|(?P<dots>(?<![.\s])\.\.(?![./\d.]))"  # "U.S.." and "Vilnius.." but not "..." or "../"
    r"|(?P<commas>,(?:[^\S\n]*,)+)"  # ",," and ", ,"
    # "said ," and "end ." but not a spaced ellipsis ("wait . . .") or a number (" .50")
    r"|(?P<space>(?<=[\w\"”’)])[^\S\n]+(?P<mark>[,.;:!?])(?![^\S\n]+\.)(?=[\s\"”’)]|$)))"
)
_FIXED = {"dot": ".", "dots": ".", "commas": ","}
# What every alternative above contains: a mark after a space, "..", or ",,". Most paragraphs
# fail this scan, which only stops at marks, and skip the slower pass above.
_DOUBLED_QUICK = re.compile(r"[,.;:!?](?<=[^\S\n][,.;:!?]|\.\.|,,)")


@rule(
    "TQ401",
    Severity.WARNING,
    "paragraph",
    bad=[
        ("The summit is being held today and tomorrow in Vilnius. .", ". ."),
        ("The bill passed,, and the senators went home.", ",,"),
        ("The bill passed, , and the senators went home.", ", ,"),
        ("Stoltenberg said , however, that the allies disagree.", " ,"),
        ("The talks ended without a deal .", " ."),
        ("Ukraine will get cluster munitions from the U.S..", ".."),
        ("Prices rose by 3 percent.. The central bank said nothing.", ".."),
    ],
    good=[
        "He paused... then said nothing more.",
        "The word was \u201cwait . . .\u201d and nothing else.",
        "The rifle fires .50 caliber rounds, the army said.",
        "The U.S. and its allies agreed, the minister said.",
        "Score: 2-1. Attendance: 45,000.",
    ],
)
def doubled_punctuation(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """Doubled punctuation (". .", ",,", "U.S..") or a space before a comma or period."""
    if not _DOUBLED_QUICK.search(unit.text):
        return
    for match in _DOUBLED.finditer(unit.text):
        kind = match.lastgroup if match.lastgroup != "mark" else "space"
        if kind == "space" and ctx.target_lang == "fr" and match.group("mark") in ":;!?":
            continue  # French typography puts a space before the high marks
        seen = match.group()
        fixed = match.group("mark") if kind == "space" else _FIXED[kind]
        what = "space before punctuation" if kind == "space" else "doubled punctuation"
        yield Hit(
            match.start(),
            match.end(),
            f'Replace the {what} "{seen.strip() if kind != "space" else seen}" with "{fixed}"',
            suggestion=fixed,
            evidence={"kind": kind},
        )


# The last word of a paragraph left open, with a trailing comma or dash; Markdown emphasis
# after it is looked through. Possessive: a word never gives back letters (no backtracking).
_OPEN_END = re.compile(r"(?P<last>[^\W_]++(?:['’-][^\W_]++)*+)(?P<tail>[,\-–—]?)[*_]*$")
_END_WINDOW = 80  # where the last word is looked for first; see _open_end
_FIRST_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W_]+)*")
_DOMAIN = re.compile(r"\.[a-z]")
# List items, headings, quotes and table rows; a byline is "By" and capitalised names.
_NOT_PROSE = re.compile(
    r"^(?:[-*•+#>|]|\d+[.)][^\S\n]"
    r"|By(?:[^\S\n]+(?:[A-Z][\w.'’-]*|and|de|da|del|van|von|la|le))+[^\S\n]*$)"
)
_FUNCTION_WORDS = _wordset("in of the a an and to with for on at by from or")
_MIN_BROKEN_WORDS = 8  # headlines and labels are short; a split sentence is not


def _is_title(text: str) -> bool:
    """True for a headline-like line: most longer words capitalised."""
    words = [w for w in _WORD.findall(text) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _open_end(para: str) -> re.Match[str] | None:
    """`_OPEN_END.search(para)`, scanning only the paragraph's end when that is enough.

    A search from the left tries every word of a long paragraph. A match found in the
    window that starts more than one character into it is the leftmost match overall: an
    earlier one would run through the window start and be found from there. With no match
    in the window, an earlier one would leave only its tail and emphasis in the window.
    """
    window = max(0, len(para) - _END_WINDOW)
    end = _OPEN_END.search(para, window)
    if not window:
        return end
    if end is None:
        return None if para[window + 1 :].strip("*_") else _OPEN_END.search(para)
    return end if end.start() > window + 1 else _OPEN_END.search(para)


def _broken_join(text: str, here: Span, after: Span) -> tuple[re.Match[str], re.Match[str]] | None:
    """The last word of `here` and first word of `after` if a sentence runs across them."""
    para, nxt = text[here.start : here.end], text[after.start : after.end]
    if _NOT_PROSE.match(para) or _NOT_PROSE.match(nxt) or para.isupper():
        return None
    end = _open_end(para)
    first = _FIRST_WORD.match(nxt)
    if not end or not first or _DOMAIN.match(nxt, first.end()):
        return None  # "cctv.com report: …" opens with a lower-case site name, not a sentence
    if first.group().islower():
        return end, first  # "…signed the Convention,\n\nwhich …" never starts a paragraph
    last = end.group("last")
    if last not in _FUNCTION_WORDS or end.group("tail"):
        return None
    if len(_WORD.findall(para)) < _MIN_BROKEN_WORDS or _is_title(para):
        return None
    return end, first


@rule(
    "TQ402",
    Severity.ERROR,
    "document",
    structure=True,
    bad=[
        (
            "Stoltenberg said that some allies have signed the Ammunition Convention in"
            "\n\nBunch; others, no.",
            "in\n\nBunch",
        ),
        (
            "The minister said the decision, which was taken on Monday,\n\nwould not change.",
            "Monday,\n\nwould",
        ),
        (
            "The government will present the reform to the parliament of\n\nColombia next week.",
            "of\n\nColombia",
        ),
    ],
    good=[
        "Nato summit opens in Vilnius\n\nThe leaders of the alliance meet on Tuesday.",
        "Things to Look Out For\n\nThe summit opens on Tuesday.",
        "By Maria Lopez\n\nThe summit opens on Tuesday.",
        "- cluster munitions\n- artillery shells\n\nThe list is long.",
        "He said the allies were united.\n\nthe end of the war is not in sight, he added.",
    ],
)
def broken_paragraph(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """A paragraph break in the middle of a sentence."""
    paragraphs = ctx.document.paragraphs
    text = ctx.document.prose
    for here, after in pairwise(paragraphs):
        if text[here.end - 1] in '.!?:;"”’)]…»':
            continue
        if not (found := _broken_join(text, here, after)):
            continue
        end, first = found
        start, stop = here.start + end.start(), after.start + first.end()
        seen = text[start:stop]
        yield Hit(
            start - unit.start,
            stop - unit.start,
            f'Join the paragraphs: the sentence runs on from "{end.group()}" to "{first.group()}"',
            suggestion=" ".join(seen.split()),
            evidence={"next_paragraph": after.start},
        )


_FRAGMENT_OPENERS = _wordset("Of To From In With And But For By At")
# Deliberate fragments of news prose; they read as style, not as a split sentence.
_IDIOMS = frozenset(
    """of course|in other words|in the end|in any case|in the meantime|in the long run
    |in the short term|in the long term|at the same time|at any rate|at the very least
    |for the first time|for good reason|with good reason|and for good reason|by all accounts
    |and then some|for the time being|at the end of the day|in the first place|by the way
    |for the record|in a way|to say the least|to the contrary|with one exception""".replace(
        "\n    ", ""
    ).split("|")
)
_VERBS = _wordset(
    """is are was were be been being am has have had do does did will would can could shall
    should may might must said says say get got go goes went make made take took come came"""
)
_RHETORICAL = _wordset(
    "not now yet again too either ever course sure long all always least most instance"
)
_ELLIPTICAL = re.compile(r"[,;:\d$€£%]")  # a comma or a figure: an elliptical clause
_MAX_FRAGMENT_WORDS = 4
_MIN_PREVIOUS_WORDS = 6
# An opener, two or three more words, then the closing period: a paragraph without this
# has no fragment, and is not split into sentences at all.
_FRAGMENT_QUICK = re.compile(
    rf"(?:{'|'.join(sorted(_FRAGMENT_OPENERS))})(?![^\W_])"
    rf"(?:[\W_]+?[^\W_]+(?:['’-][^\W_]+)*){{2,{_MAX_FRAGMENT_WORDS - 1}}}[\W_]*\."
)


def _is_fragment(sentence: str, previous: str) -> bool:
    """True for an orphan continuation such as "Of each country." after a full sentence."""
    if not sentence.endswith(".") or not previous.endswith("."):
        return False  # "To whom?" and fragments after a quote are deliberate
    words = _WORD.findall(sentence)
    if not 3 <= len(words) <= _MAX_FRAGMENT_WORDS or words[0] not in _FRAGMENT_OPENERS:
        return False
    bare = " ".join(words).lower()
    if bare in _IDIOMS or len(_WORD.findall(previous)) < _MIN_PREVIOUS_WORDS:
        return False
    if _RHETORICAL.intersection(bare.split()):
        return False  # "But not for long.", "At least for now." are written that way
    if _ELLIPTICAL.search(sentence) or previous.startswith(f"{words[0]} "):
        return False  # "In California, a gallon cost $4.85. In Texas, $3.10." is parallel
    # A verb means a short sentence, not a fragment; "-ed"/"-ing" forms count as verbs.
    lowered = [w.lower() for w in words[1:]]
    return not any(w in _VERBS or w.endswith(("ed", "ing", "n't")) for w in lowered)


@rule(
    "TQ403",
    Severity.WARNING,
    "paragraph",
    structure=True,
    bad=[
        (
            "He said the decision to hand over cluster bombs is an individual decision. "
            "Of each country.",
            "Of each country.",
        ),
        (
            "The ministers will meet again to discuss the reform of the pension system. "
            "With the unions.",
            "With the unions.",
        ),
        (
            "Petro announced that the government will send the bill to Congress. In March "
            "next year.",
            "In March next year.",
        ),
    ],
    good=[
        "The allies did not set a date. Of course, the door remains open.",
        "Prices have risen sharply this year. And yet wages have not.",
        "The talks were cancelled for the second time this week. In short, nothing works.",
        "He was asked who would pay for the new weapons. To whom? Nobody knows.",
        "The bill was approved by a wide majority. In the end, only two voted against.",
        "The summit opened in Vilnius on Tuesday. At the same time.",
        "The ceasefire is holding in the south of the country. At least for now.",
        "Inflation has come down from its peak of last year. But not for long.",
    ],
)
def sentence_fragment(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """A short verbless fragment split off the end of the previous sentence."""
    if not _FRAGMENT_QUICK.search(unit.text):
        return
    spans = split_sentences(unit.text)
    for (p_start, p_end), (start, end) in pairwise(spans):
        sentence = unit.text[start:end]
        if _is_fragment(sentence, unit.text[p_start:p_end]):
            yield Hit(
                start,
                end,
                f'Join the fragment "{sentence}" to the sentence before it',
                evidence={"previous_sentence": p_start},
            )


_CAPITALS = "He She It They We His Her Its Their The This That These Those A An".split()
_CAPITALISED = "|".join(_CAPITALS)
# The connector ends in a letter or [,;], so no match crosses a sentence end: paragraph scope
# finds what sentence scope would, without splitting every paragraph into sentences.
_MID_CAPITAL = re.compile(
    r"(?:[,;][^\S\n]+|\b(?:and|or|but|nor|yet|so|because|although|though|while|whereas|that"
    rf"|when|if|since|until|unless)[^\S\n]+)(?P<word>{_CAPITALISED})[^\S\n]+(?P<next>[a-z]\w*)"
)
# A necessary condition, scanned fast because it starts at a capital: one of the words after
# a space that follows a letter, [,;] or another space (not ". The", which is most of them).
_MID_CAPITAL_QUICK = re.compile(
    rf"[{''.join(sorted({w[0] for w in _CAPITALS}))}](?<=[\w,;\s][^\S\n].)"
    rf"(?:{'|'.join(sorted({w[1:] for w in _CAPITALS}, key=len, reverse=True))})[^\S\n]+[a-z]"
)
# After an article, a function word means a label ("groups C, A and B"), not prose.
_ARTICLES = frozenset({"The", "A", "An"})
_LABEL_NEXT = _wordset("and or of to in on at is was are were")


@rule(
    "TQ404",
    Severity.WARNING,
    "paragraph",
    langs=["en"],
    bad=[
        (
            "Stoltenberg referred to Kyiv's aspirations to join the Alliance, and He trusted that "
            "the leaders would reaffirm it.",
            "He",
        ),
        ("The minister resigned on Monday, The government said in a statement.", "The"),
        ("The troops withdrew because They had run out of ammunition.", "They"),
    ],
    good=[
        "The talks stalled, and President Biden left early.",
        "Zelensky said: He who hesitates loses.",
        "He wrote, “They will not pass,” in his diary.",
        "The paper cited The New York Times and The Guardian.",
        "The teams in groups C, A and B advance.",
        "He said that He Jiankui had been released.",
    ],
)
def mid_sentence_capital(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """A capitalised pronoun or article in mid-sentence ("…, and He trusted")."""
    if not _MID_CAPITAL_QUICK.search(unit.text):
        return
    for match in _MID_CAPITAL.finditer(unit.text):
        word = match.group("word")
        if word in _ARTICLES and match.group("next") in _LABEL_NEXT:
            continue
        yield Hit(
            match.start("word"),
            match.end("word"),
            f'Lowercase "{word}" in mid-sentence',
            suggestion=word.lower(),
            evidence={"next_word": match.group("next")},
        )


_ALNUM = re.compile(r"[^\W_]+")
_MIN_DUPLICATE_WORDS = 10
_MIN_SIMILARITY = 0.8
_MIN_CONTAINMENT = 0.95  # a pull quote is copied verbatim; a summary sentence is reworded
_SENTENCE_END = frozenset('.!?"”’')


def _opening(text: str, span: Span, count: int = 6) -> str:
    """The first words of a paragraph, to quote it in a message."""
    words = text[span.start : span.end].split(maxsplit=count)
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def _char_grams(text: str) -> frozenset[str]:
    """Character 5-grams of a normalised paragraph (case, quotes and spacing folded)."""
    return frozenset(text[i : i + 5] for i in range(len(text) - 4))


def _folded_words(document_text: str, span: Span) -> list[str]:
    """The words of a paragraph with case, quotes, punctuation and spacing folded away."""
    return _ALNUM.findall(document_text[span.start : span.end].lower())


def _similarity(later: frozenset[str], earlier: frozenset[str]) -> tuple[float, float]:
    """(Jaccard, share of the later paragraph's grams found in the earlier one)."""
    shared = len(later & earlier)
    return shared / len(later | earlier), shared / len(later)


@rule(
    "TQ405",
    Severity.WARNING,
    "document",
    structure=True,
    bad=[
        (
            "“If the United States supplies Ukraine with cluster bombs, the Russian Armed Forces "
            "will be forced to use similar weapons,” Shoigu said on Russian television.\n\n"
            "Stoltenberg said the allies were divided.\n\n"
            "If the United States supplies Ukraine with cluster bombs, the Russian Armed Forces "
            "will be forced to use similar weapons.",
            "If the United States supplies Ukraine with cluster bombs, the Russian Armed Forces "
            "will be forced to use similar weapons.",
        ),
        (
            "The spokesman said the government had always opposed any form of cyber attack "
            "and cyber crime.\n\nHe gave no details.\n\n"
            "The spokesman stressed the government had always opposed any form of cyber attack "
            "and cyber crime.",
            "The spokesman stressed the government had always opposed any form of cyber attack "
            "and cyber crime.",
        ),
        (
            "Petro will travel to Brussels on Monday to meet European Union leaders, his office "
            "said.\n\nPetro will travel to Brussels on Monday to meet European Union leaders, "
            "his office said.",
            "Petro will travel to Brussels on Monday to meet European Union leaders, his office "
            "said.",
        ),
    ],
    good=[
        "The summit opens on Tuesday in Vilnius, the capital of Lithuania.\n\n"
        "The summit closes on Wednesday in Vilnius, after two days of talks on Ukraine.",
        # Too short to call a copy: short paragraphs repeat by chance.
        "Ukraine is running out of ammunition.\n\nUkraine is running out of ammunition.",
        # A page title repeated as the headline is layout, not a pull quote.
        "Nato will invite Ukraine to join when conditions are met, says Stoltenberg - News\n\n"
        "Nato will invite Ukraine to join when conditions are met, says Stoltenberg",
        # A lead restated in other words later on is journalism, not residue.
        "Zhang Wei, director of the health commission of Urumqi, said free testing was "
        "completed in most areas of the city on Sunday.\n\n"
        "Zhang Wei said that free nucleic acid testing has basically been completed in most "
        "areas of Urumqi, the regional capital.",
    ],
)
def duplicate_paragraph(unit: Unit, ctx: RuleContext) -> Iterator[Hit]:
    """A paragraph that repeats another one or a quote inside it (pull-quote residue)."""
    text = ctx.document.prose
    # Each word trigram points at the first paragraph that had it: one dict for the document.
    index: dict[str, int] = {}
    seen: list[tuple[Span, str]] = []
    for span in ctx.document.paragraphs:
        # A repeated headline (no final stop) is page layout; a pull quote is a sentence.
        if text[span.end - 1] not in _SENTENCE_END:
            continue
        words = _folded_words(text, span)
        if len(words) < _MIN_DUPLICATE_WORDS:
            continue
        # Strings, not tuples: the garbage collector does not track them in a big index.
        shingles = frozenset(map(" ".join, zip(words, words[1:], words[2:], strict=False)))
        normalised = " ".join(words)
        fresh = shingles.difference(index)  # iterates the shingles, not the index
        # Unless half the shingles were seen before, no earlier paragraph can share half.
        if len(fresh) <= 0.5 * len(shingles) and (
            match := _earlier_copy(seen, index, shingles, normalised)
        ):
            first, jaccard, containment = match
            yield Hit(
                span.start - unit.start,
                span.end - unit.start,
                f'Delete the paragraph "{_opening(text, span)}": it repeats an earlier paragraph',
                evidence={
                    "first_offset": first.start,
                    "jaccard": round(jaccard, 3),
                    "containment": round(containment, 3),
                },
            )
        # Only new shingles are added: each keeps pointing at its first paragraph.
        index.update(dict.fromkeys(fresh, len(seen)))
        seen.append((span, normalised))


def _earlier_copy(
    seen: list[tuple[Span, str]],
    index: dict[str, int],
    shingles: frozenset[str],
    normalised: str,
) -> tuple[Span, float, float] | None:
    """The earlier paragraph this one (near-)copies, with Jaccard and containment."""
    counts = Counter(map(index.get, shingles))
    counts.pop(None, None)
    grams = None
    for i, shared in counts.most_common(3):
        if shared < 0.5 * len(shingles):
            break  # word shingles are a cheap filter before the exact character test
        span, other_text = seen[i]
        grams = grams or _char_grams(normalised)
        jaccard, containment = _similarity(grams, _char_grams(other_text))
        if jaccard >= _MIN_SIMILARITY or containment >= _MIN_CONTAINMENT:
            return span, jaccard, containment
    return None


RULES = (
    doubled_punctuation,
    broken_paragraph,
    sentence_fragment,
    mid_sentence_capital,
    duplicate_paragraph,
)
