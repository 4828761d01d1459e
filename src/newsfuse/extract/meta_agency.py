"""The agency credited for an article: a wire service or a partner newsroom, kept apart from the authors.

    agency_of(text) -> canonical agency name | None       "AFP", "Agence France-Presse" -> "AFP"
    Agencies().of(text)                                     the same, for the many pieces of one byline
    find_agency(tree, site_names) -> str | None             dateline "(AP) —", credit line "Quelle: dpa", site

A byline's own agency ("By Jane Doe, Reuters") is read by :mod:`meta_people` with :func:`agency_of`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree
from lxml.html import HtmlElement

from newsfuse.extract.meta_sources import clean, fold
from newsfuse.extract.metadata_patterns import AGENCIES, SHORT_AGENCY_SPELLINGS

_AGENCY_LOOKUP = {fold(s): name for name, spellings in AGENCIES.items() for s in spellings}
_PARTS = re.compile(r"\s*[/,;&]\s*|\s+(?:and|und|with|mit)\s+")  # "dpa/AFP", "AP and Reuters"
_DATELINE = re.compile(r"^[^()]{0,80}\(([^()]{2,40})\)\s*[-–—:]|^\s*\(([^()]{2,40})\)\s*[-–—:]|"
                       r"^(?:[A-Z][\w .,/-]{0,60}\s+)?via\s+([A-Za-z][\w-]{1,20})\s*[-–—]|"
                       r"^[A-ZÄÖÜ][\w .,/-]{1,60}\s+[-–—]\s*([A-Za-z][\w-]{1,20})\s*[-–—]")
_PARAGRAPHS = etree.XPath("(//body//p)[position() <= 40]")
_CREDITS = etree.XPath("(//body//p)[position() > last() - 60][string-length(.) < 80]"
                       " | //body//@class[contains(.,'quelle')]/parent::*[string-length(.) < 80]")
_CREDIT_LINE = re.compile(r"^\(?(?:quelle|source|fuente|fonte|mit material von|with material from|material:)?"
                          r"\s*:?\s*([\w /,.&-]{2,60}?)\)?\.?$", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"^(?:(?:quelle|source|fuente|fonte|źródło|bron)\s*:|courtesy of|mit freundlicher genehmigung"
                          r"(?: von| der| des)?)\s*([^,;/(|]{3,80})", re.IGNORECASE)
_ORGANISATION = re.compile(r"univers|institut|minist|verband|agentur|agency|gesellschaft|stiftung|foundation|"
                           r"\bamt\b|behörde|association|e\.\s?v\.|gmbh|\bag\b|press|news|zeitung|redaktion",
                           re.IGNORECASE)
_NOISE = re.compile(r"https?://|www\.|@|\d|[<>{}=#*]")


def agency_of(text: str, strict: bool = False, whole: bool = False) -> str | None:
    """The agency ``text`` names (the first of "dpa/AFP"); with ``whole``, only when every part is one."""
    return Agencies().of(text, strict, whole)


class Agencies:
    """:func:`agency_of` for the pieces of one byline, which overlap (the whole line, its parts, each
    name): a text is cleaned, and a part folded into its look-up key, once."""

    def __init__(self) -> None:
        self._cleaned: dict[str, str] = {}
        self._keys: dict[str, str] = {}

    def of(self, text: str, strict: bool = False, whole: bool = False) -> str | None:
        """See :func:`agency_of`."""
        cleaned = self._cleaned.get(text)
        if cleaned is None:
            cleaned = self._cleaned[text] = clean(text).strip(" ()[].,:;-–—")
        first: str | None = None
        for part in _PARTS.split(cleaned):
            key = self._keys.get(part)
            if key is None:
                key = self._keys[part] = fold(part)
            found = _AGENCY_LOOKUP.get(key)
            if found and strict and part in SHORT_AGENCY_SPELLINGS and part != part.upper():
                found = None
            if found and not whole:
                return found
            if not found and whole:
                return None
            first = first or found
        return first


def find_agency(tree: HtmlElement, site_names: Sequence[str], byline_agency: str | None = None) -> str | None:
    """The agency from the byline, else a dateline credit, a credit line, or the site itself being one."""
    credit = _credit_agency(tree)
    agency = byline_agency or _dateline_agency(tree) or credit or _site_agency(site_names)
    if agency and credit and credit != agency and fold(credit).startswith(fold(agency)):
        agency = credit  # "dpa" in the byline, "dpa-AFX" in the source line: the precise one
    return agency


def _dateline_agency(tree: HtmlElement) -> str | None:
    long_paragraphs = (t for t in (clean(p.text_content()) for p in _PARAGRAPHS(tree)) if len(t) > 40)
    for text, _ in zip(long_paragraphs, range(6)):
        match = _DATELINE.match(text[:140])
        if match:
            credit = next(g for g in match.groups() if g)
            found = agency_of(credit, strict=True)
            if found:
                return found
    return None


def _credit_agency(tree: HtmlElement) -> str | None:
    """A short line that is only a credit: "dpa", "(AFP)", "Mit Material von dpa", "Quelle: <organisation>"."""
    for element in _CREDITS(tree)[-30:]:
        if any(a.tag in ("figure", "figcaption") for a in element.iterancestors()):
            continue  # a photo credit, not the article's
        text = clean(element.text_content())
        first_line = clean(element.text or "")  # "erb/ots<br>Foto: ..."
        match = _CREDIT_LINE.match(text) or (_CREDIT_LINE.match(first_line) if first_line else None)
        found = agency_of(match.group(1), strict=True) if match else None
        source = _SOURCE_LINE.match(text)
        if not found and source and len(text) <= 120:
            found = _organisation(source.group(1))
        if found:
            return found
    return None


def _organisation(text: str) -> str | None:
    """An organisation named in a source line ("Technische Universität Darmstadt"), or None."""
    text = re.sub(r"^(?:pressemitteilung|pressemeldung|press release|communiqué)\s+(?:der|des|von|of|from|de)?\s*",
                  "", text.strip(" ."), flags=re.IGNORECASE)
    words = text.split()
    if not 1 <= len(words) <= 7 or _NOISE.search(text) or not words[0][:1].isupper():
        return None
    return agency_of(text) or (text if _ORGANISATION.search(text) else None)


def _site_agency(site_names: Sequence[str]) -> str | None:
    return next((found for found in (agency_of(n) for n in site_names[:1]) if found), None)
