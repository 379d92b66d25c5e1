"""Placeholders a translation must carry over unchanged: variables, URLs, addresses, tags.

printf (`%s`, `%1$s`, `%(name)s`, `%.2f`), brace (`{0}`, `{name}`, `{{name}}`, the
variable of an ICU `{count, plural, ...}`), `${name}` and, in code-like text, `$name`;
URLs, e-mail addresses and HTML/XML tags written as text. Each gets a normalised key, so "<br>" and
"<br />" compare equal and an ICU message compares by its variable only (its plural
branches are translated text). Prose is left alone: "50 %", "50%" and "$5" are no
placeholders.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_PRINTF = re.compile(
    r"(?<![\d%])(?<!\d\s)%(?:\((?P<name>\w+)\)|(?P<pos>\d+\$))?[-+0#]*(?:\d+|\*)?(?:\.\d+)?"
    r"(?:hh|h|ll|l|L|q|j|z|t)?(?P<conv>[diouxXeEfFgGaAcspn@])(?![^\W\d_])"
    r"|%\{\w+\}|%<\w+>[diouxXeEfFgGsp]"
)
_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"'«»“”]+", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_TAG = re.compile(r"</?([A-Za-z][\w:.-]*)(?:\s+[^<>]*?)?\s*(/?)>")
_DOLLAR = re.compile(r"\$\{\s*([\w.]+)\s*\}|(?<![\w$])\$([a-z_][A-Za-z0-9_]*)")
# Short "$…" forms that are money, not variables ("$bn", "$m").
_MONEY_WORDS = frozenset({"m", "bn", "mn", "k", "b", "t", "tn", "mln", "us", "usd"})
_VARIABLES = frozenset({"printf", "brace", "icu", "dollar"})
_IDENTIFIER = re.compile(r"_|[a-z][A-Z]")  # "$name" counts only in code-like text
_VOID_TAGS = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area"})
# "{0}", "{name}", "{}", "{name!r}", "{0,-10}", "{0:N2}": a name, then conversion,
# alignment and format spec as Python and .NET write them; "{a, b}" is prose.
_BRACE_NAME = re.compile(r"\s*([\w.]*)\s*(?:![rsa])?(?:,\s*-?\d+)?(?::[^{}]*)?\}")
_ICU_KINDS = re.compile(r"\s*[\w.]+\s*,\s*(?:plural|select|selectordinal|number|date|time)\b")
_TRAILING = ".,;:!?)]}»\"'"
_LANG_PART = re.compile(r"(?<=[/.=_-])[a-z]{2}(?:[-_][A-Za-z]{2})?(?=[/.&_-]|$)")


@dataclass(frozen=True, slots=True)
class Placeholder:
    """One placeholder: where it is, the key it compares by, and its kind.

    `kind` is "printf", "brace", "icu", "dollar", "url", "email" or "tag".
    """

    start: int
    end: int
    key: str
    kind: str


def extract_placeholders(text: str, code_like: bool = False) -> list[Placeholder]:
    """Every placeholder in `text`, in order; URLs and addresses hide what is inside them.

    A bare `$name` counts when it looks like code (`$user_name`), when `text` has other
    variables, or when `code_like` says the text it is compared with has.
    """
    found: list[Placeholder] = []
    dollars = _dollars(text)
    for candidate in (*_urls(text), *_emails(text), *[d for d in dollars if d.key[1] == "{"],
                      *_printf(text), *_braces(text), *_tags(text)):  # fmt: skip
        if not any(p.start < candidate.end and candidate.start < p.end for p in found):
            found.append(candidate)  # the first reading of a stretch wins ("${x}" not "{x}")
    code_like = code_like or any(p.kind in _VARIABLES for p in found)
    for candidate in (d for d in dollars if d.key[1] != "{"):
        if code_like or _IDENTIFIER.search(candidate.key):  # "$user_name", "$userName"
            found.append(candidate)
    return sorted(found, key=lambda p: (p.start, p.end))


def url_key(url: str) -> str:
    """A URL compared exactly, except a language code between separators ("/es/" ~ "/en/")."""
    return _LANG_PART.sub("{lang}", url)


def _urls(text: str) -> list[Placeholder]:
    found = []
    for match in _URL.finditer(text):
        url = match.group()
        while url and url[-1] in _TRAILING and not _balanced_close(url):
            url = url[:-1]  # a sentence's period or a closing bracket is not the URL's
        found.append(Placeholder(match.start(), match.start() + len(url), url, "url"))
    return found


def _balanced_close(url: str) -> bool:
    """True if the last character closes a bracket opened inside the URL ("wiki/A_(b)")."""
    pairs = {")": "(", "]": "["}
    last = url[-1]
    return last in pairs and url.count(pairs[last]) >= url.count(last)


def _emails(text: str) -> list[Placeholder]:
    return [
        Placeholder(m.start(), m.end(), m.group().lower(), "email") for m in _EMAIL.finditer(text)
    ]


def _printf(text: str) -> list[Placeholder]:
    if "%" not in text:
        return []
    return [Placeholder(m.start(), m.end(), m.group(), "printf") for m in _PRINTF.finditer(text)]


def _braces(text: str) -> list[Placeholder]:
    """`{0}`, `{name}`, `{}`, `{0:N2}`, `{{name}}` and the variable of an ICU message."""
    found, at = [], text.find("{")
    while at >= 0:
        end, holder = _brace_at(text, at)
        if holder is not None:
            found.append(holder)
        at = text.find("{", max(end, at + 1))
    return found


def _brace_at(text: str, at: int) -> tuple[int, Placeholder | None]:
    """The placeholder opening at `text[at] == "{"` and where scanning resumes."""
    if text.startswith("{{", at):
        close = text.find("}}", at + 2)
        inner = text[at + 2 : close].strip() if close > 0 else ""
        if close > 0 and re.fullmatch(r"[\w.]+(?:\s*\|\s*[\w.]+)*", inner):
            return close + 2, Placeholder(at, close + 2, "{{" + inner + "}}", "brace")
        return at + 2, None
    if icu := _ICU_KINDS.match(text, at + 1):
        end = _matching_brace(text, at)
        name = icu.group().split(",")[0].strip()
        return end, Placeholder(at, end, "{" + name + "}", "icu")
    if plain := _BRACE_NAME.match(text, at + 1):
        key = re.sub(r"\s+", "", text[at : plain.end()])
        return plain.end(), Placeholder(at, plain.end(), key, "brace")
    return at + 1, None


def _matching_brace(text: str, at: int) -> int:
    """The end of the brace group opening at `at` (the text's end if it never closes)."""
    depth = 0
    for index in range(at, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index + 1
    return len(text)


def _dollars(text: str) -> list[Placeholder]:
    """`${name}`, and `$name` candidates that are not money abbreviations ("$bn")."""
    if "$" not in text:
        return []
    found = []
    for match in _DOLLAR.finditer(text):
        name = match.group(1) or match.group(2)
        if match.group(2) and (len(name) < 2 or name.lower() in _MONEY_WORDS):
            continue
        key = "${" + name + "}" if match.group(1) else "$" + name
        found.append(Placeholder(match.start(), match.end(), key, "dollar"))
    return found


def _tags(text: str) -> list[Placeholder]:
    """Tags written as text: the key is the tag name with its role ("<b>", "</b>", "<br/>")."""
    if "<" not in text:
        return []
    found = []
    for match in _TAG.finditer(text):
        name = match.group(1).lower()
        closing = match.group().startswith("</")
        empty = bool(match.group(2)) or name in _VOID_TAGS
        key = f"</{name}>" if closing else f"<{name}/>" if empty else f"<{name}>"
        found.append(Placeholder(match.start(), match.end(), key, "tag"))
    return found


@dataclass(frozen=True, slots=True)
class PlaceholderDiff:
    """How a target's placeholders and inline codes differ from its source's.

    `lost`: (kind, text) of what the source has and the target lacks, in source order;
    `extra`: target placeholders the source lacks; `changed`: a target URL or address
    with the source's that it replaced; `added_codes`: inline codes only the target has.
    """

    lost: tuple[tuple[str, str], ...] = ()
    extra: tuple[Placeholder, ...] = ()
    changed: tuple[tuple[Placeholder, str], ...] = ()
    added_codes: tuple[str, ...] = ()


def placeholder_key(holder: Placeholder) -> str:
    """The key a placeholder is compared by (a URL's language part made neutral)."""
    return url_key(holder.key) if holder.kind == "url" else holder.key


def diff_placeholders(
    source: str, target: str, source_codes: Sequence[str] = (), target_codes: Sequence[str] = ()
) -> PlaceholderDiff:
    """Compare placeholders and inline codes as multisets: what is lost, added or changed."""
    src, tgt = extract_placeholders(source), extract_placeholders(target)
    if any(h.kind in _VARIABLES for h in (*src, *tgt)):  # one side's code makes both code
        src, tgt = extract_placeholders(source, True), extract_placeholders(target, True)
    balance = Counter([*map(placeholder_key, src), *source_codes])
    balance.subtract([*map(placeholder_key, tgt), *target_codes])
    extra = []
    for holder in reversed(tgt):  # the last copies of a key are the surplus ones
        if balance[placeholder_key(holder)] < 0:
            balance[placeholder_key(holder)] += 1
            extra.insert(0, holder)
    items = [(placeholder_key(h), h.kind, source[h.start : h.end]) for h in src]
    lost = []
    for key, kind, text in [*items, *((code, "code", code) for code in source_codes)]:
        if balance[key] > 0:
            balance[key] -= 1
            lost.append((kind, text))
    changed = []
    for holder in [h for h in extra if h.kind in ("url", "email")]:
        was = next((item for item in lost if item[0] == holder.kind), None)
        if was is not None:  # the same link or address, altered: report it where it is
            lost.remove(was)
            extra.remove(holder)
            changed.append((holder, was[1]))
    added = tuple(code for code in dict.fromkeys(target_codes) if balance[code] < 0
                  for _ in range(-balance[code]))  # fmt: skip
    return PlaceholderDiff(tuple(lost), tuple(extra), tuple(changed), added)
