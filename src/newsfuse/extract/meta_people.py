"""Who wrote the article: the people in the visible byline, and the agency credited for it.

    find_people(tree, signals, site_names, headline) -> People(authors, agency, byline element)

The visible byline (``rel=author``, ``itemprop=author``, byline/author classes) is read first; names
declared only in metadata (JSON-LD author, ``<meta name=author>``) count when the page also shows
them. Desks, staff accounts, the site's own name and CMS users are not people; agency names become
the agency, never an author. ALL-CAPS names are written in normal case.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from newsfuse.extract.meta_agency import agency_of, find_agency
from newsfuse.extract.meta_names import person_name, split_byline
from newsfuse.extract.meta_sources import Signals, clean, fold, type_names
from newsfuse.extract.metadata_patterns import (
    AUTHOR_BOX_CLASSES,
    AUTHOR_META_KEYS,
    BYLINE_NOISE_CLASSES,
    BYLINE_XPATH,
)

_BYLINES = etree.XPath(BYLINE_XPATH)
_SHOWN = etree.XPath("boolean(//body//text()[contains(., $name)][string-length(normalize-space(.)) < $limit]"
                     "[not(ancestor::script or ancestor::style"
                     " or ancestor::footer or ancestor::aside or ancestor::nav or ancestor::noscript"
                     " or ancestor::*[contains(@class,'comment') or contains(@id,'comment')])])")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "title"})
_AUTHOR_CLASS = re.compile(r"author|autor|byline|fn\b", re.IGNORECASE)
_DATED_BY = re.compile(r"^\s*(?=[^\W_]*\d)[\d.:/,\s-]{8,}(?:uhr\s+)?[|·•]?\s*(?=(?:by|von|par|por|door)\s)",
                       re.IGNORECASE)  # "06.11.2023 13:30 von Jane": a date line that goes on with the byline
_BY_LINE = re.compile(r"^\s*(?:By|by|BY|Von|von|VON|Posted by|Written by:?|Par|par|Por|por|Text:|Autor:|Autorin:)(?:\s+|$)")
_COMMENTS = re.compile(r"comment|reply|respon", re.IGNORECASE)
_CREDIT_PARAGRAPHS = etree.XPath(
    "//body//p[string-length(.) < 90][starts-with(normalize-space(.), 'Written by') or starts-with(normalize-space(.),"
    " 'Text:') or starts-with(normalize-space(.), 'Autor:') or starts-with(normalize-space(.), 'Autorin:')"
    " or starts-with(normalize-space(.), 'Von ') or starts-with(normalize-space(.), 'von ')"
    " or starts-with(normalize-space(.), 'By ') or contains(., 'Beitrag von ') or contains(., 'Artikel von ')]")
_CLASSED = etree.XPath("//body//*[@class][contains(@class,'uthor') or contains(@class,'utor')]")
_BOX_NAMES = etree.XPath(".//*[self::h2 or self::h3 or self::h4 or self::h5 or self::strong or self::b"
                         " or contains(@class,'name') or contains(@class,'title')]")
_BOX_NOISE = re.compile(r"sidebar|widget|comment|related|teaser-list|listing", re.IGNORECASE)
_BOX_NOISE_IN_PAGE = re.compile(r"widget|comment|related|teaser-list|listing", re.IGNORECASE)
_ARTICLE_HEADER = re.compile(r"(?:entry|article|post|story)[-_]{0,2}header", re.IGNORECASE)
_PLAIN_BYLINE = re.compile(r"^(?:By|BY|Von|VON|Par|PAR|Por|POR|Door|Av|Di|Przez|Text:|Texto:|Autor:|Author:)\s+\S")


@dataclass(frozen=True, slots=True)
class People:
    """Who the page credits: authors as shown, the agency, and the byline element (for the date near it)."""

    authors: tuple[str, ...] = ()
    agency: str | None = None
    byline: HtmlElement | None = None


def find_people(tree: HtmlElement, signals: Signals, site_names: Sequence[str],
                headline: HtmlElement | None = None) -> People:
    declared, declared_agency = _declared_people(signals, site_names)
    visible, strong, byline_agency, anchor = _visible_byline(tree, site_names)
    if not visible and not byline_agency and headline is not None:
        visible, byline_agency, anchor = _byline_after(headline, site_names)
        strong = bool(visible)
    if not visible and not byline_agency and not any(_is_shown(tree, n, site_names) for n in declared):
        start = headline if headline is not None else next(tree.iter("h1"), None)
        visible, byline_agency, anchor = _text_byline(tree, start, site_names)
        strong = bool(visible)
    agency = find_agency(tree, site_names, byline_agency or declared_agency)
    shown = [n for n in declared if _is_shown(tree, n, site_names)] if not strong else []
    if visible and (strong or not shown):
        authors = visible
    else:
        authors = shown
    if not authors and not agency:
        authors = _author_box(tree, site_names)
    return People(tuple(dict.fromkeys(authors)), agency, anchor)


def _author_box(tree: HtmlElement, site_names: Sequence[str]) -> list[str]:
    """With no byline: the name heading the page's first author box (a bio card under the headline or after
    the text), not one in a sidebar, a comment or a list of teasers."""
    for box in _CLASSED(tree)[:40]:
        if not AUTHOR_BOX_CLASSES.search(box.get("class") or ""):
            continue
        chain = [box, *list(box.iterancestors())[:8]]
        in_page = any(a.tag in ("article", "main") for a in chain)  # a sidebar of the article's own page counts
        noise = _BOX_NOISE if not in_page else _BOX_NOISE_IN_PAGE
        if any(a.tag == "nav" or (a.tag == "aside" and not in_page)
               or noise.search(f"{a.get('class', '')} {a.get('id', '')}") for a in chain):
            continue
        for element in _BOX_NAMES(box)[:4]:
            text = clean(element.text_content())
            name = person_name(text, site_names) if len(text) <= 60 else None
            if name:
                return [name]
        return []
    return []


def _is_shown(tree: HtmlElement, name: str, site_names: Sequence[str]) -> bool:
    """Whether the page shows ``name`` as a credit: in a short line of its own (not inside a paragraph, a
    comment, the navigation or the footer), and not as part of the site's name ("Jane Doe DOGS")."""
    if any(fold(name) in fold(site) for site in site_names[:3]):
        return False
    limit = len(name) + 60
    return any(bool(_SHOWN(tree, name=variant, limit=limit)) for variant in {name, name.upper()})


def _declared_people(signals: Signals, site_names: Sequence[str]) -> tuple[list[str], str | None]:
    names: list[str] = []
    agency: str | None = None
    raw: list[str] = []
    ids = {obj["@id"]: obj for obj in signals.ld_objects if isinstance(obj.get("@id"), str)}
    if signals.article is not None:
        raw += _ld_people(signals.article.get("author"), ids)
        for source in ("sourceOrganization", "provider"):
            value = signals.article.get(source)
            if isinstance(value, dict):
                agency = agency or agency_of(clean(value.get("name", "")))
    for key in AUTHOR_META_KEYS:
        raw += [v for v in signals.meta.get(key, ()) if not v.startswith(("http", "@", "/"))]
    for text in raw:
        if len(text) > 12 and (any(fold(text) in fold(site) for site in site_names)
                               or fold(signals.title_tag or "").endswith(fold(text))):
            continue  # the site's own name (as in the title's suffix) declared as the author
        found, found_agency = split_byline(text, site_names, loose=True)
        agency = agency or found_agency
        names += [n for n in found if n not in names]
    return names, agency


def _ld_people(value: Any, ids: Mapping[str, Mapping[str, Any]]) -> Iterator[str]:
    if isinstance(value, list):
        for item in value[:10]:
            yield from _ld_people(item, ids)
    elif isinstance(value, dict):
        if "name" not in value and isinstance(value.get("@id"), str) and value["@id"] in ids:
            value = ids[value["@id"]]
        if "Organization" in type_names(value) and not agency_of(clean(value.get("name", ""))):
            return
        name = value.get("name")
        if isinstance(name, list):
            name = name[0] if name else ""
        if isinstance(name, str):
            yield clean(name)
    elif isinstance(value, str):
        yield clean(value)


def _visible_byline(tree: HtmlElement,
                    site_names: Sequence[str]) -> tuple[list[str], bool, str | None, HtmlElement | None]:
    """Names from the first byline element that names someone, and its neighbours."""
    anchor: HtmlElement | None = None
    names: list[str] = []
    agency: str | None = None
    strong = False
    sources: list[HtmlElement] = []
    for element in _BYLINES(tree)[:80]:
        if _noisy(element):
            continue
        if anchor is not None and not _near(anchor, element):
            break
        marked = element.get("rel") == "author" or element.get("itemprop") == "author"
        loose = element.tag not in _HEADINGS and (marked or bool(_AUTHOR_CLASS.search(element.get("class") or "")))
        initials = marked or "vcard" in (element.get("class") or "")  # "by DT" in an author link
        found, found_agency = split_byline(_own_text(element), site_names, loose=loose, initials=initials)
        if found_agency and anchor is None:
            agency = agency or found_agency
        if found:
            anchor = anchor if anchor is not None else element
            strong = strong or marked or "byline" in (element.get("class") or "").lower()
            if not any(s in element.iterancestors() or element in s.iterancestors() for s in sources):
                sources.append(element)
            names += [n for n in found if n not in names]
            agency = agency or found_agency
    if len(names) > 8:  # a reference list or an author index, not a byline
        return [], False, agency, None
    if len(sources) > 3 and anchor is not None:  # a list of teasers, each with its author: keep the first
        names, _agency = split_byline(_own_text(anchor), site_names, loose=True)
    return names, strong, agency, anchor


def _byline_after(headline: HtmlElement,
                  site_names: Sequence[str]) -> tuple[list[str], str | None, HtmlElement | None]:
    """An unmarked byline line ("Von Jane Doe, dpa") among the few elements after the headline."""
    parent = headline.getparent()
    nearby = [*list(headline.itersiblings())[:5], *(list(parent.itersiblings())[:5] if parent is not None else [])]
    for element in nearby:
        if not isinstance(element.tag, str):
            continue
        text = clean(element.text_content())
        if len(text) < 150 and _PLAIN_BYLINE.match(text):
            names, agency = split_byline(text, site_names, loose=True)
            if names or agency:
                return names, agency, element
    return [], None, None


def _text_byline(tree: HtmlElement, headline: HtmlElement | None,
                 site_names: Sequence[str]) -> tuple[list[str], str | None, HtmlElement | None]:
    """An unmarked byline in the text near the headline: "By Jane Doe", or "by" followed by a linked name."""
    for text, element, following in _texts_around(headline, 80):
        dated = _DATED_BY.match(text)
        text = text[dated.end():] if dated else text
        if not _BY_LINE.match(text) or len(text) > 120 or _noisy(element):
            continue
        line = text.strip()
        alone = len(line.split()) == 1
        if alone:  # "by" alone: the name is the next element
            if following is None or not isinstance(following.tag, str):
                continue
            line = f"{line} {following.text_content()}"
        loose = alone or bool(dated) or line.lower().startswith(("posted by", "written by"))  # not "von Säure" in text
        names, _ = split_byline(line.split(",")[0], site_names, loose=loose)  # "By Jane Doe, New York"
        agency = split_byline(line, site_names)[1]
        if names or agency:
            return names, agency, element
    for paragraph in _CREDIT_PARAGRAPHS(tree)[:5]:
        line = clean(paragraph.text_content())  # "Written by: Jane Doe", "Ein Beitrag von Jane Doe"
        names, _ = split_byline(line.split(",")[0], site_names, loose=line.lower().startswith("written by"))
        if names and not _noisy(paragraph):
            return names, None, paragraph
    return [], None, None


def _texts_around(headline: HtmlElement | None,
                  limit: int) -> Iterator[tuple[str, HtmlElement, HtmlElement | None]]:
    """(text, its element, the element right after it) for the text of the headline's block (a byline may
    stand above the headline) and the text after the block, ``limit`` elements at most."""
    if headline is None:
        return
    block = headline.getparent() if headline.getparent() is not None else headline
    elements = [e for e in block.iter() if e is not block][:limit]
    node: HtmlElement | None = block
    while node is not None and len(elements) < limit:
        for sibling in node.itersiblings():
            elements += list(sibling.iter())[: limit - len(elements)]
            if len(elements) >= limit:
                break
        node = node.getparent()
    for element in elements:
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        if element.text and element.text.strip():
            yield element.text, element, element[0] if len(element) else element.getnext()
        parent = element.getparent()
        if element.tail and element.tail.strip() and parent is not None:
            yield element.tail, parent, element.getnext()


def _own_text(element: HtmlElement) -> str:
    if element.tag == "meta":
        return element.get("content") or ""
    parts = [element.text or ""]
    for child in element:
        if child.tag in ("script", "style", "time", "img", "svg") or not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        cls = (child.get("class") or "").lower()
        if re.search(r"date|time|bio|title|job|role|position|twitter|social|email|avatar", cls):
            parts.append(", " + (child.tail or ""))
            continue
        parts.append(" " + child.text_content() + " " + (child.tail or ""))
    return " ".join(parts)


def _noisy(element: HtmlElement) -> bool:
    """Whether a byline candidate sits in comments, teasers, author boxes, captions, navigation or the page
    footer, rather than in the article's own header."""
    node: HtmlElement | None = element
    in_header = False  # inside the article's own header: only comments still count as noise above it
    for _ in range(10):
        if node is None or node.tag == "body":
            return False
        marker = f"{node.get('class', '')} {node.get('id', '')}"
        if in_header:
            if _COMMENTS.search(marker):
                return True
            node = node.getparent()
            continue
        if node.tag in ("aside", "nav", "script", "form", "button", "select", "figure", "figcaption"):
            return True
        if node.tag in ("head", "title") or "display:none" in (node.get("style") or "").replace(" ", ""):
            return True
        noise = BYLINE_NOISE_CLASSES.search(marker)
        if (node.tag == "header" or _ARTICLE_HEADER.search(marker)) and not noise and any(
                a.tag in ("article", "main") for a in node.iterancestors()):
            in_header = True
            node = node.getparent()
            continue
        if node.tag == "footer" or (noise and noise.group(0).lower() == "footer"):
            in_post = re.search(r"(?:post|entry|article|story)[-_]?footer", marker, re.IGNORECASE)
            if not in_post and not any(a.tag in ("article", "main") for a in node.iterancestors()):
                return True
        elif noise:
            return True
        node = node.getparent()
    return False


def _near(anchor: HtmlElement, element: HtmlElement) -> bool:
    ancestors = set()
    node: HtmlElement | None = anchor
    for _ in range(4):
        if node is None:
            break
        ancestors.add(node)
        node = node.getparent()
    node = element
    for _ in range(4):
        if node is None:
            return False
        if node in ancestors:
            return True
        node = node.getparent()
    return False


