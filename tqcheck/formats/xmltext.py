"""Safe XML parsing and exact decoding of element content for the XLIFF and TMX readers.

lxml parses the bytes (structure, well-formedness) with entities, DTDs and the network
off; documents that declare entities are refused before parsing. The file is also decoded
here as lxml would (BOM, then the prolog's `encoding`, else UTF-8) into `text`, and a
scan of that text finds every element's start tag, content and end tag: the n-th start
tag in the text is the n-th element lxml reports, and end tags are paired by depth, so
nested same-name elements (`<mrk>` in `<mrk>`) are exact. (lxml's `sourceline` is the
line where a start tag *ends*, too coarse to locate anything by.)

An element's content becomes `TextPiece`s: runs of characters map 1:1 to the file; each
entity or character reference (`&amp;`, `&#233;`), each CRLF (read as one newline) and
each `<cp/>` is one piece spanning its whole markup; CDATA content maps 1:1 without its
markers; comments and processing instructions are dropped.

Inline-code convention (`InlineRules`): *transparent* elements (`<g>`, `<mrk>`, `<pc>`,
`<hi>`, and any unknown element) drop their tags and keep their text; *code* elements
(`<x/>`, `<ph>`, `<bpt>`, `<sc/>` …) contribute no text at all, their content being
native code, and are recorded in document order as "name:id" ("x:1", "bpt:2"); `<g>` and
`<pc>` are recorded that way too (they are formatting), `<mrk>` is not (an annotation).
Where a dropped code stood between two words ("word<x/>word") nothing is inserted.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from lxml import etree

from tqcheck.document import InputError
from tqcheck.formats.base import TextPiece

_PARSER_OPTIONS = dict(resolve_entities=False, no_network=True, load_dtd=False,
                       huge_tree=False, remove_blank_text=False)  # fmt: skip
# Every kind of markup; text content holds no literal "<", so each "<" starts one of these.
_MARKUP = re.compile(
    r"<!--.*?-->"
    r"|<!\[CDATA\[.*?\]\]>"
    r"|<\?.*?\?>"
    r"|<!DOCTYPE(?:[^\[>\"']|\"[^\"]*\"|'[^']*')*"
    r"(?:\[(?:[^\]\"']|\"[^\"]*\"|'[^']*')*\])?\s*>"
    r"|<!ENTITY"  # outside a DOCTYPE token only if the subset defeated the pattern above
    r"|</(?P<end>[^\s>]+)\s*>"
    r"|<(?P<start>[^\s/>!?]+)(?:[^\"'>/]|\"[^\"]*\"|'[^']*'|/(?!>))*(?P<empty>/?)>",
    re.DOTALL,
)
# Inside content: CDATA, comments, PIs, references and CR line ends are not 1:1 text.
_CONTENT = re.compile(
    r"<!\[CDATA\[(?P<cdata>.*?)\]\]>|<!--.*?-->|<\?.*?\?>"
    r"|&(?P<ref>#x[0-9A-Fa-f]+|#[0-9]+|[^\s;&<]+);|\r\n?",
    re.DOTALL,
)
_LINE_END = re.compile(r"\r\n?")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "apos": "'", "quot": '"'}
_DECLARED = re.compile(rb"<\?xml\s[^>]*?encoding\s*=\s*[\"']([A-Za-z][\w.:-]*)[\"']")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))  # fmt: skip
_ID_ATTRIBUTES = ("id", "startRef", "rid", "i", "x")


class ElementSpan(NamedTuple):  # a tuple: files hold hundreds of thousands of them
    """Where an element lies in the file text: `<tag …>` at start, content, `</tag>` end."""

    start: int
    content_start: int
    content_end: int
    end: int


@dataclass(frozen=True)
class XmlFile:
    """A parsed XML file: its decoded text, lxml root, and every element's span."""

    path: str
    text: str
    root: etree._Element
    spans: dict[etree._Element, ElementSpan] = field(repr=False)


@dataclass(frozen=True, slots=True)
class InlineRules:
    """How a format's inline elements read: see the module docstring."""

    codes: frozenset[str]  # no text; recorded
    recorded: frozenset[str] = frozenset()  # transparent, but recorded as a code too
    chars: frozenset[str] = frozenset()  # `<cp hex="…"/>`: one character


@dataclass(frozen=True, slots=True)
class Content:
    """Decoded content of one element: text pieces and the inline codes met, in order."""

    pieces: tuple[TextPiece, ...]
    codes: tuple[str, ...]

    @property
    def text(self) -> str:
        """The decoded text."""
        return "".join(p.text for p in self.pieces)


def local_name(element: etree._Element) -> str:
    """An element's name without namespace or prefix."""
    tag = element.tag  # "{namespace}name" or "name"; faster than etree.QName on big files
    return tag[tag.index("}") + 1 :] if tag[0] == "{" else tag


def children(element: etree._Element, name: str) -> list[etree._Element]:
    """Direct child elements with a local name."""
    return list(element.iterchildren(f"{{*}}{name}"))  # "{*}": in any namespace or none


def child(element: etree._Element, name: str) -> etree._Element | None:
    """The first direct child element with a local name, if any."""
    return next(element.iterchildren(f"{{*}}{name}"), None)


def descendants(element: etree._Element, name: str) -> Iterable[etree._Element]:
    """Elements with a local name anywhere below (or at) an element, in document order."""
    return element.iter(f"{{*}}{name}")


def plain_text(element: etree._Element) -> str:
    """All text inside an element, tags dropped, whitespace trimmed (for notes)."""
    return "".join(element.itertext()).strip()


def parse_xml(path: str, data: bytes) -> XmlFile:
    """Decode and parse an XML file safely, locating every element; InputError if not."""
    text = decode_xml(path, data)
    _refuse_entities(path, text)
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        message = " ".join(str(exc.msg).split())
        raise InputError(f"{path}: line {exc.lineno}: not well-formed XML ({message})") from None
    if root is None:
        raise InputError(f"{path}: no XML root element")
    return XmlFile(path, text, root, _locate(path, root, _MARKUP.finditer(text)))


def decode_xml(path: str, data: bytes) -> str:
    """The file's text as lxml reads it: BOM, else declared encoding, else UTF-8."""
    if not data.strip():
        raise InputError(f"{path}: empty file, nothing to check")
    if data.startswith(b"PK\x03\x04"):
        raise InputError(f"{path}: a ZIP archive, not an XML file")
    encoding, body = _encoding(data)
    skipped = len(data) - len(body)  # a BOM
    if encoding is None:
        raise InputError(f"{path}: binary file (NUL bytes), not XML")
    try:
        return body.decode(encoding)
    except LookupError:
        raise InputError(f"{path}: unknown encoding {encoding!r} in the XML declaration") from None
    except UnicodeDecodeError as exc:
        said = "declared" if _DECLARED.match(body) else "none declared, so UTF-8"
        raise InputError(
            f"{path}: invalid {encoding} at byte {exc.start + skipped} (encoding {said}); "
            "declare the right encoding in <?xml ...?> or save the file as UTF-8"
        ) from None


def _encoding(data: bytes) -> tuple[str | None, bytes]:
    """(encoding, bytes without BOM); None for binary data."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, data[len(bom) :]
    if data.startswith(b"<\x00?\x00"):
        return "utf-16-le", data
    if data.startswith(b"\x00<\x00?"):
        return "utf-16-be", data
    if b"\x00" in data[:8192]:
        return None, data
    declared = _DECLARED.match(data)  # the declaration can only open the file
    name = declared.group(1).decode("ascii") if declared else "utf-8"
    # "UTF-16" declared on 8-bit data would be a lie lxml also rejects; trust the bytes.
    return ("utf-8" if name.lower().startswith("utf-16") else name), data


def _refuse_entities(path: str, text: str) -> None:
    """Refuse entity declarations (only a DOCTYPE before the root element may hold them)."""
    for token in _MARKUP.finditer(text):
        if token.lastgroup == "empty":  # the root element: the prolog is over
            return
        markup = token.group()
        if markup.startswith("<!ENTITY") or (
            markup.startswith("<!DOCTYPE") and "<!ENTITY" in markup
        ):
            raise InputError(f"{path}: XML entity declarations are not allowed "
                             "(external entities and entity expansion are refused)")  # fmt: skip


def _locate(
    path: str, root: etree._Element, tokens: Iterable[re.Match[str]]
) -> dict[etree._Element, ElementSpan]:
    """Pair lxml's elements with their tags in the text, in document order."""
    elements = list(root.iter(etree.Element))
    bounds: list[list[int]] = []
    stack: list[int] = []
    for token in tokens:
        kind = token.lastgroup  # "empty" for any start tag (the group may match ""), "end"
        if kind == "empty":
            name = token.group("start")
            if len(bounds) >= len(elements) or not _same(elements[len(bounds)], name):
                raise InputError(f"{path}: cannot locate element <{name}> in the decoded "
                                 "text (is the declared encoding right?)")  # fmt: skip
            if not token.group("empty"):
                stack.append(len(bounds))
            bounds.append([token.start(), token.end(), token.end(), token.end()])
        elif kind == "end" and stack:
            bound = bounds[stack.pop()]
            bound[2], bound[3] = token.start(), token.end()
    if len(bounds) != len(elements) or stack:
        raise InputError(f"{path}: cannot locate all XML elements in the decoded text")
    return {e: ElementSpan(*b) for e, b in zip(elements, bounds, strict=True)}


def _same(element: etree._Element, written: str) -> bool:
    """Whether a tag as written ("x:trans-unit") names the element (by local name)."""
    tag, local = element.tag, written[written.find(":") + 1 :]
    return tag == local or tag.endswith("}" + local)


def content(xml: XmlFile, element: etree._Element, rules: InlineRules) -> Content:
    """Decode an element's content into pieces with file spans, and its inline codes."""
    pieces: list[TextPiece] = []
    codes: list[str] = []
    _walk(xml, element, rules, pieces, codes)
    return Content(tuple(pieces), tuple(codes))


def _walk(
    xml: XmlFile,
    element: etree._Element,
    rules: InlineRules,
    pieces: list[TextPiece],
    codes: list[str],
) -> None:
    span = xml.spans[element]
    cursor = span.content_start
    for inner in element.iterchildren(etree.Element):
        inner_span = xml.spans[inner]
        pieces.extend(decode_run(xml.text, cursor, inner_span.start))
        cursor = inner_span.end
        name = local_name(inner)
        char = _char(inner) if name in rules.chars else None
        if char is not None:
            pieces.append(TextPiece(char, inner_span.start, inner_span.end))
        elif name in rules.codes or name in rules.chars:
            codes.append(code_name(inner))
        else:
            if name in rules.recorded:
                codes.append(code_name(inner))
            _walk(xml, inner, rules, pieces, codes)
    pieces.extend(decode_run(xml.text, cursor, span.content_end))


def _char(element: etree._Element) -> str | None:
    """The character an XLIFF 2 `<cp hex="…"/>` stands for, None if it is not valid."""
    try:
        return chr(int(element.get("hex", ""), 16))
    except (ValueError, OverflowError):
        return None


def code_name(element: etree._Element) -> str:
    """An inline code as "name:id" ("x:1", "ec:2"), or the bare name without an id."""
    name = local_name(element)
    for attribute in _ID_ATTRIBUTES:
        ident = element.get(attribute)
        if ident:
            return f"{name}:{ident}"
    return name


def decode_run(text: str, start: int, end: int) -> list[TextPiece]:
    """Decode character data between tags: plain runs 1:1, each reference one piece."""
    pieces: list[TextPiece] = []
    cursor = start
    for match in _CONTENT.finditer(text, start, end):
        if match.start() > cursor:
            pieces.append(TextPiece(text[cursor : match.start()], cursor, match.start()))
        cursor = match.end()
        if match.group("cdata") is not None:
            pieces.extend(_cdata(text, match.start("cdata"), match.end("cdata")))
        elif match.group("ref") is not None:
            pieces.append(TextPiece(_reference(match.group()), match.start(), match.end()))
        elif match.group().startswith("\r"):
            pieces.append(TextPiece("\n", match.start(), match.end()))  # XML reads CRLF as LF
    if end > cursor:
        pieces.append(TextPiece(text[cursor:end], cursor, end))
    return pieces


def _cdata(text: str, start: int, end: int) -> list[TextPiece]:
    """CDATA content: literal text, except that a CRLF or CR still reads as one LF."""
    pieces: list[TextPiece] = []
    cursor = start
    for match in _LINE_END.finditer(text, start, end):
        if match.start() > cursor:
            pieces.append(TextPiece(text[cursor : match.start()], cursor, match.start()))
        pieces.append(TextPiece("\n", match.start(), match.end()))
        cursor = match.end()
    if end > cursor:
        pieces.append(TextPiece(text[cursor:end], cursor, end))
    return pieces


def _reference(markup: str) -> str:
    """The text of `&…;`: a character, or (undeclared entity) the reference itself."""
    body = markup[1:-1]
    if body.startswith("#x"):
        return chr(int(body[2:], 16))
    if body.startswith("#"):
        return chr(int(body[1:]))
    return _NAMED.get(body, markup)
