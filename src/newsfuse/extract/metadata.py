"""Metadata of an HTML page: title, authors, agency, site, dates, canonical URL, language hint, images.

Read-only over the parsed tree: it must run before body extraction (which prunes the tree).
The rules for each field are in ``/work/shared/METADATA_RULES.md``; each field has its own module:

    meta_sources  the page's declared signals (JSON-LD, <meta>, canonical, <title>, <h1>)
    meta_title    visible headline, site suffix stripping
    meta_people   authors (the visible byline)
    meta_agency   agency (byline, dateline, credit line)
    meta_dates    published / modified
    meta_images   images with caption and credit
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import SplitResult, parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree
from lxml.html import HtmlElement

from newsfuse.extract.meta_dates import find_dates
from newsfuse.extract.meta_images import find_images
from newsfuse.extract.meta_people import find_people
from newsfuse.extract.meta_sources import (
    Signals,
    clean,
    ld_paragraphs,
    ld_text,
    read_signals,
    type_names,
)
from newsfuse.extract.meta_title import (
    choose_title,
    declared_titles,
    is_site_name,
    site_key,
    strip_site,
)
from newsfuse.extract.metadata_patterns import ORG_TYPES, SITE_META_KEYS
from newsfuse.records import Image

_HOME_HEADINGS = etree.XPath("//body//*[self::h1 or self::h2][count(.//a) = 1]")
_LOGOS = etree.XPath("//a[@rel='home'] | //@class[contains(.,'logo')]/parent::*[self::a or self::img or self::div"
                     " or self::span or self::p]")


_ARCHIVED = re.compile(r"^https?://web\.archive\.org/web/[^/]+/(https?://.+)$")
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|ref_src|ito|wt_mc|icid)$", re.IGNORECASE)
_LOGO_CLASS = re.compile(r"(?:^|[\s_-])(?:site-?)?logo(?:$|[\s_-])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What a page says about its article (see METADATA_RULES.md for the right value of each field).

    ``published``/``modified`` are ISO dates or datetimes as the page states them (the first YYYY-MM-DD is
    the local date shown); ``language_hint`` is the declared language (the text decides, see language.py);
    ``json_ld_body`` is the JSON-LD articleBody, when the page declares one.
    """

    title: str | None = None
    authors: tuple[str, ...] = ()
    agency: str | None = None
    site: str | None = None
    published: str | None = None
    modified: str | None = None
    url: str | None = None
    language_hint: str | None = None
    description: str | None = None
    images: tuple[Image, ...] = ()
    json_ld_body: str | None = None


def extract_metadata(tree: HtmlElement, url: str | None = None) -> PageMetadata:
    """Everything but the body, from one parsed page."""
    signals = read_signals(tree)
    page_url = canonical_url(signals, url)
    names = site_candidates(tree, signals, page_url)
    site = choose_site(names, signals, page_url)
    ordered = [site, *names] if site else names
    title, headline = choose_title(tree, signals, ordered)
    people = find_people(tree, signals, ordered, headline)
    published, modified = find_dates(tree, signals, page_url, (people.byline, headline))
    article = signals.article or {}
    return PageMetadata(
        title=title,
        authors=people.authors,
        agency=people.agency,
        site=site,
        published=published,
        modified=modified,
        url=page_url,
        language_hint=language_hint(signals),
        description=signals.first("og:description", "description", "twitter:description")
        or ld_text(article.get("description")) or None,
        images=find_images(tree, signals),
        json_ld_body=ld_paragraphs(article.get("articleBody")) or None,
    )


def canonical_url(signals: Signals, url: str | None) -> str | None:
    """``<link rel=canonical>``, else og:url, else the capture's URL; a canonical pointing home is ignored.
    A declared URL is taken only as a web address: resolved against the capture's URL, a
    protocol-relative one ("//site/news/x") read as https, one percent-encoded whole
    ("https%3A%2F%2F…") decoded; a ``javascript:`` link or a bare path with nothing to resolve it
    against is not a URL. The capture's own URL, given by the caller, is taken as given."""
    declared = [web for c in (signals.canonical, signals.first("og:url"))
                if c and (web := _web(_join(url, _unescaped(c))))]
    for candidate in declared:
        parts = _split(candidate)
        if parts and parts.path.strip("/"):
            return _untracked(candidate)
    found = url or next(iter(declared), None)
    return _untracked(found) if found else None


def _unescaped(url: str) -> str:
    return unquote(url) if url[:8].lower().startswith(("http%3a", "https%3a")) else url


def _web(url: str) -> str | None:
    """``url`` as a web address (a protocol-relative one as https), or None when it is none."""
    url = "https:" + url if url.startswith("//") else url
    parts = _split(url)
    return url if parts is not None and parts.scheme in ("http", "https") and parts.netloc else None


def _split(url: str) -> SplitResult | None:
    """``urlsplit`` that answers None for a malformed URL ("http://[x") instead of raising."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def _join(base: str | None, url: str) -> str:
    try:
        return urljoin(base, url) if base else url
    except ValueError:
        return url


def _untracked(url: str) -> str:
    """``url`` without tracking parameters (utm_*, fbclid, gclid, ...)."""
    parts = _split(url)
    if parts is None or not parts.query:
        return url
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    return urlunsplit(parts._replace(query=urlencode(kept)))


def language_hint(signals: Signals) -> str | None:
    for value in (signals.html_lang, signals.first("og:locale", "content-language", "language", "dc.language",
                                                   "inlanguage")):
        if value:
            code = value.replace("_", "-").split("-")[0].strip().lower()
            if 2 <= len(code) <= 3 and code.isalpha():
                return code
    article = signals.article or {}
    code = ld_text(article.get("inLanguage")).split("-")[0].lower()
    return code or None


def declared_site_names(signals: Signals) -> list[str]:
    """Names the page declares for its site: og:site_name, publisher, WebSite, application name."""
    found = [signals.first(SITE_META_KEYS[0]) or "", _publisher_name(signals)]
    found += [ld_text(obj.get("name")) for obj in signals.ld_objects if "WebSite" in type_names(obj)]
    found += [signals.first(key) or "" for key in SITE_META_KEYS[1:3]]
    return [n for n in dict.fromkeys(found) if n and len(n) <= 80 and len(n.split()) <= 8]


def site_candidates(tree: HtmlElement, signals: Signals, url: str | None) -> list[str]:
    """Every name the site goes by (declared, logo and home link, host): used to cut titles."""
    found = [*declared_site_names(signals), *_logo_names(tree), *_home_headings(tree, url), _host(url) or ""]
    return [name for name in dict.fromkeys(n for n in found if n) if len(name) <= 80]


def choose_site(names: list[str], signals: Signals, url: str | None) -> str | None:
    """The site's proper name: the declared one, else the title's site segment, else the host."""
    declared = declared_site_names(signals)
    suffix = _title_suffix(signals, names)
    if declared:
        first = _site_segment(declared[0], declared[1:], url)
        if suffix and _domain_like(first) and not _domain_like(suffix) and is_site_name(suffix, [first]):
            return _site_segment(suffix, declared, url)
        host = _host(url)
        if (suffix and host and len(site_key(first)) <= 3 and not _domain_like(suffix)
                and is_site_name(suffix, [host]) and not is_site_name(first, [host, suffix])):
            return _site_segment(suffix, declared, url)  # og:site_name "U.S." (a section), title "... | Reuters"
        return first
    return _site_segment(suffix, names, url) if suffix else _host(url)


def _site_segment(name: str, others: list[str], url: str | None) -> str:
    """From a declared name like "News about X | Site", the segment that names the site."""
    parts = [p.strip(" .:") for p in re.split(r"\s+[|–—-]\s+|\s*::\.?\s*|:\s+", name) if p.strip(" .:")]
    if len(parts) < 2:
        return name
    host = _host(url)
    for part in sorted(parts, key=_domain_like):  # a name before a domain ("www.x.de: X")
        if is_site_name(part, [*others, *([host] if host else [])]):
            return part
    return parts[0] if len(parts[0].split()) <= 4 else name


def _title_suffix(signals: Signals, names: list[str]) -> str | None:
    for title in declared_titles_from(signals):
        _head, removed = strip_site(title, names)
        if removed:
            return removed
    return None


def declared_titles_from(signals: Signals) -> list[str]:
    return [t for t in (signals.title_tag, signals.first("og:title")) if t]


def _logo_names(tree: HtmlElement) -> list[str]:
    """What the home link and the logo call the site (title, alt text, short text)."""
    names: list[str] = []
    logos = [e for e in _LOGOS(tree)[:12] if e.get("rel") == "home" or _LOGO_CLASS.search(e.get("class") or "")]
    for element in logos[:3]:
        names.append(clean(element.get("title") or ""))
        names += [clean(img.get("alt") or "") for img in element.iter("img")][:1]
        text = clean(element.text_content())
        names.append(text if len(text) <= 60 else "")
    return [n for n in names if len(n) >= 3]


def _home_headings(tree: HtmlElement, url: str | None) -> list[str]:
    """The text of a heading that is one link to the site's home page (a text logo: ``<h1><a href=/>Name``)."""
    host = _host(url)
    names: list[str] = []
    for heading in _HOME_HEADINGS(tree)[:3]:
        links = list(heading.iter("a"))
        href = (links[0].get("href") or "").strip() if len(links) == 1 else ""
        parts = _split(_join(url, href)) if href and not href.startswith("#") else None
        if parts is None or parts.path.strip("/") not in ("", "index.html", "index.php") or parts.query:
            continue
        if host and (parts.netloc.lower().removeprefix("www.") != host):
            continue
        text = clean(heading.text_content())
        if 3 <= len(text) <= 60:
            names.append(text)
    return names


def _publisher_name(signals: Signals) -> str:
    article: dict[str, Any] | Any = signals.article or {}
    name = ld_text(article.get("publisher")) if isinstance(article, dict) else ""
    if name:
        return name
    for obj in signals.ld_objects:
        if set(type_names(obj)) & ORG_TYPES - {"WebSite"}:
            return ld_text(obj.get("name"))
    return ""


def _host(url: str | None) -> str | None:
    if not url:
        return None
    archived = _ARCHIVED.match(url)
    if archived:
        url = archived.group(1)
    parts = _split(url)
    host = parts.netloc.lower().split(":")[0] if parts else ""
    return host[4:] if host.startswith("www.") else host or None


def _domain_like(name: str) -> bool:
    return "." in name and " " not in name.strip()


__all__ = ["PageMetadata", "clean", "declared_titles", "extract_metadata"]
