"""When the article was published and modified, as ISO dates or datetimes as the page states them.

    find_dates(tree, signals, url) -> (published, modified)

Declared dates come first (JSON-LD ``datePublished``, ``article:published_time`` and kin, microdata,
``<time>``), then the date in the URL, then htmldate's quick search of the same tree. A UTC timestamp
whose calendar day differs from the date shown next to it gives way to the shown (local) date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta

from lxml import etree
from lxml.html import HtmlElement

from newsfuse.extract.meta_sources import Signals, clean, ld_text, type_names
from newsfuse.extract.metadata_patterns import (
    MODIFIED_META_KEYS,
    MONTHS,
    PUBLISHED_LABELS,
    PUBLISHED_META_KEYS,
    URL_DATE,
    VISIBLE_DATES,
    WEAK_PUBLISHED_META_KEYS,
)

_ISO = re.compile(r"^\s*((?:19|20)\d\d)(?:-?([01]\d)-?([0-3]\d)|-([1-9])-([0-3]?\d)|-([01]\d)-([1-9]))(?:[T ]([0-2]\d):?([0-5]\d)(?::?([0-5]\d))?"
                  r"(?:[.,]\d+)?\s*(Z|[+-][0-2]\d:?[0-5]\d|[+-][0-2]\d)?)?")
_UTC = re.compile(r"(Z|[+-]00:?00)$")
_TIME_XPATH = etree.XPath("//@itemprop[.='datePublished' or .='dateCreated']/parent::*[@datetime or @content]"
                          " | //@pubdate/parent::*[@datetime]"
                          " | //abbr[@title][@itemprop='datePublished' or contains(concat(' ', @class, ' '), ' published ')]")
                          # the last: hAtom's <abbr class="published" title="2017-09-09T10:52:00+02:00">
_TIMES = etree.XPath("//body//time")
_NOT_THE_PAGE = frozenset({"Review", "Comment", "Answer", "Question", "Rating", "AggregateRating", "Offer"})
_SHORT_TEXTS = etree.XPath("//body//text()[string-length(.) < 60][not(parent::script or parent::style)]")
_DATE_LINES = etree.XPath("//body//@class[contains(.,'date') or contains(.,'Date') or contains(.,'datum')"
                          " or contains(.,'time') or contains(.,'posted') or contains(.,'meta')]/parent::*"
                          " | //body//*[self::p or self::h3 or self::h4 or self::span or self::small or self::em]"
                          "[string-length(.) < 40]")
_SHOWN_XPATH = etree.XPath("//time | //@class[contains(.,'date') or contains(.,'Date') or contains(.,'time')]"
                           "/parent::*[string-length(normalize-space(.)) < 80]")


def iso_of(value: str) -> str | None:
    """``value`` as an ISO date or datetime (kept as precise as stated), or None when it is no date."""
    text = clean(value)
    match = _ISO.match(text)
    if match:
        y, m2, d2, m1, d1, m3, d3, hh, mm, ss, tz = match.groups()
        m, d = int(m2 or m1 or m3), int(d2 or d1 or d3)
        if not _valid(int(y), m, d):
            return None
        day = f"{y}-{m:02d}-{d:02d}"
        if hh is None:
            return day
        zone = "" if tz is None else ("Z" if tz == "Z" else _zone(tz))
        return f"{day}T{hh}:{mm}:{ss or '00'}{zone}"
    shown = visible_date(text)
    return shown.isoformat() if shown else None


def _zone(tz: str) -> str:
    digits = tz[1:].replace(":", "")
    digits = digits if len(digits) == 4 else digits[:2] + "00"
    return f"{tz[0]}{digits[:2]}:{digits[2:]}"


def _valid(y: int, m: int, d: int) -> bool:
    try:
        day = date(y, m, d)
    except ValueError:
        return False
    return date(1995, 1, 1) <= day <= date(2035, 12, 31)


def visible_date(text: str) -> date | None:
    """The first date written in ``text`` in a common shape (2019-05-12, 12.05.2019, 12 May 2019, ...)."""
    for pattern in VISIBLE_DATES:
        for match in pattern.finditer(text[:400]):
            groups = match.groupdict()
            month = MONTHS.get(groups["mn"].lower().rstrip(".")) if groups.get("mn") else int(groups["m"])
            year = int(groups["y"]) if groups.get("y") else 2000 + int(groups["yy"])
            if month and _valid(year, month, int(groups["d"])):
                return date(year, month, int(groups["d"]))
    return None


def find_dates(tree: HtmlElement, signals: Signals, url: str | None,
               anchors: Sequence[HtmlElement | None] = ()) -> tuple[str | None, str | None]:
    """Published and modified; ``anchors`` (headline, byline) are where a shown date line sits."""
    published = next(_published_candidates(tree, signals, url), None)
    headline = anchors[-1] if anchors else None
    if headline is None:
        headline = next(tree.iter("h1"), None)
    if published is None:
        published = _weak_or_shown(tree, signals, anchors)
    if published is None:
        published = (_url_date(url or signals.canonical) or _shown_near(tree, anchors)
                     or _first_date(text_after(headline)) or _htmldate(tree, url) or _date_line(tree))
    if published is not None:
        published = _local_day(tree, published, headline)
    return published, _modified(signals)


def text_after(anchor: HtmlElement | None, limit: int = 1500) -> str:
    """The page text that follows ``anchor`` in reading order, up to ``limit`` characters (scripts skipped)."""
    if anchor is None:
        return ""
    pieces: list[str] = [(anchor.tail or "").strip()]
    size = len(pieces[0])
    node: HtmlElement | None = anchor
    while node is not None and size < limit:
        for sibling in node.itersiblings():
            for text in _texts(sibling):
                text = text.strip()
                if text:
                    pieces.append(text)
                    size += len(text) + 1
                    if size >= limit:
                        break
            if size >= limit:
                break
        node = node.getparent()
    return " ".join(p for p in pieces if p)[:limit]


def _texts(element: HtmlElement) -> Iterator[str]:
    if not isinstance(element.tag, str) or element.tag in ("script", "style", "noscript", "template"):
        yield element.tail or ""
        return
    yield element.text or ""
    for child in element:
        yield from _texts(child)
    yield element.tail or ""


def _date_line(tree: HtmlElement) -> str | None:
    """Last resort: the first short date line of the page (a date-classed element, or a line that is a date)."""
    for element in _DATE_LINES(tree)[:80]:
        text = clean(element.text_content())
        if len(text) <= 120 and not _in_comments(element):
            shown = visible_date(text)
            if shown:
                return shown.isoformat()
    for line in _SHORT_TEXTS(tree)[:300]:  # a line of text that is a date: "Apr 7, 2009", "Hamburg, den 2. Mai 2022"
        if any(c.isdigit() for c in line):
            shown = visible_date(line)
            parent = line.getparent()
            if shown and parent is not None and not _in_comments(parent):
                return shown.isoformat()
    return None


def _first_date(text: str) -> str | None:
    shown = visible_date(" ".join(text.split())[:600])
    return shown.isoformat() if shown else None


def _published_candidates(tree: HtmlElement, signals: Signals, url: str | None) -> Iterator[str]:
    article = signals.article or {}
    for key in ("datePublished", "dateCreated", "uploadDate", "startDate"):
        found = iso_of(ld_text(article.get(key)))
        if found:
            yield found
    for key in PUBLISHED_META_KEYS:
        for value in signals.meta.get(key, ()):
            found = iso_of(value)
            if found:
                yield found
    for element in _TIME_XPATH(tree)[:3]:
        if _in_review(element):
            continue
        found = iso_of(element.get("datetime") or element.get("content") or element.get("title") or "")
        if found:
            yield found
    for obj in signals.ld_objects:
        if set(type_names(obj)) & _NOT_THE_PAGE:
            continue  # a review's or a comment's date is not the page's
        found = iso_of(ld_text(obj.get("datePublished")))
        if found:
            yield found


def _weak_or_shown(tree: HtmlElement, signals: Signals, anchors: Sequence[HtmlElement | None]) -> str | None:
    """A generic <meta name=date> — unless the date shown by the byline is a day or three earlier (the meta
    date then being the page's regeneration, not its publication)."""
    weak = next((found for key in WEAK_PUBLISHED_META_KEYS for value in signals.meta.get(key, ())
                 if (found := iso_of(value))), None)
    if weak is None:
        return None
    labelled = _labelled_date(tree)
    if labelled and labelled < weak[:10]:  # the generic meta date is a later regeneration or revision
        return labelled
    shown = _shown_near(tree, anchors)
    if shown and timedelta(0) < date.fromisoformat(weak[:10]) - date.fromisoformat(shown[:10]) <= timedelta(days=3):
        return shown
    return weak


def _labelled_date(tree: HtmlElement) -> str | None:
    """A date the page shows under a publication label ("Published: ...", "Erschienen am" + the date in the
    element after the label); the first one outside comments."""
    for line in _SHORT_TEXTS(tree)[:3000]:
        label = PUBLISHED_LABELS.match(line)
        parent = line.getparent()
        if label is None or parent is None or _in_comments(parent):
            continue
        rest = line[label.end():]
        if not rest.strip() and line.is_text:  # the label alone: the date follows in the next element
            after = parent.getnext()
            rest = clean(after.text_content())[:80] if after is not None and isinstance(after.tag, str) else ""
        shown = visible_date(rest.strip()[:40])
        if shown:
            return shown.isoformat()
    return None


def _in_review(element: HtmlElement) -> bool:
    """Microdata of a review or a comment on the page (a shop's product reviews), not of the page itself."""
    return any(re.search(r"Review|Comment|Answer", a.get("itemtype") or "") for a in element.iterancestors())


def _url_date(url: str | None) -> str | None:
    match = URL_DATE.search(url or "")
    if match:
        y, m, d = [g for g in match.groups() if g][:3]
        if _valid(int(y), int(m), int(d)):
            return f"{y}-{m}-{d}"
    return None


def _shown_near(tree: HtmlElement, anchors: Sequence[HtmlElement | None]) -> str | None:
    """A date shown in the byline's line, right after the headline, or in the first <time> of the page."""
    for anchor in anchors:
        if anchor is None:
            continue
        texts = [_context(anchor)]
        texts += [clean(sibling.text_content()) for sibling in anchor.itersiblings()
                  if isinstance(sibling.tag, str)][:3]
        for text in texts:
            shown = visible_date(text[:300])
            if shown:
                return shown.isoformat()
    for element in _TIMES(tree)[:3]:
        found = iso_of(element.get("datetime") or "") or iso_of(clean(element.text_content()))
        if found and not _in_comments(element):
            return found
    return None


def _context(element: HtmlElement) -> str:
    parent = element.getparent()
    text = clean(parent.text_content()) if parent is not None else ""
    return text if len(text) <= 300 else clean(element.text_content())


def _in_comments(element: HtmlElement) -> bool:
    return any(re.search(r"comment|related|teaser|sidebar", f"{a.get('class', '')} {a.get('id', '')}", re.IGNORECASE)
               for a in list(element.iterancestors())[:8])


def _modified(signals: Signals) -> str | None:
    article = signals.article or {}
    found = iso_of(ld_text(article.get("dateModified")))
    if found:
        return found
    for key in MODIFIED_META_KEYS:
        for value in signals.meta.get(key, ()):
            found = iso_of(value)
            if found:
                return found
    return None


def _htmldate(tree: HtmlElement, url: str | None) -> str | None:
    try:
        from htmldate import find_date
    except ImportError:  # optional: without it, pages that declare no date get none
        return None
    try:
        found = find_date(tree, url=url, original_date=True, extensive_search=False,
                          deferred_url_extractor=True)
    except Exception:  # noqa: BLE001 - htmldate is a heuristic over hostile markup; failing means "no date"
        return None
    return str(found) if found else None


def _local_day(tree: HtmlElement, published: str, headline: HtmlElement | None) -> str:
    """A UTC timestamp whose shown date is the day before or after: the shown (local) day."""
    if "T" not in published or not _UTC.search(published):
        return published
    try:
        stamp = datetime.fromisoformat(published)
    except ValueError:
        return published
    if 8 <= stamp.hour < 14:  # mid-day UTC is the same calendar day almost everywhere
        return published
    utc_day = stamp.date()
    after = visible_date(" ".join(text_after(headline, 600).split()))
    for shown in [*([after] if after else []), *_shown_dates(tree)]:
        if shown != utc_day and abs(shown - utc_day) <= timedelta(days=1):
            return shown.isoformat()
        if shown == utc_day:
            return published
    return published


def _shown_dates(tree: HtmlElement) -> Iterator[date]:
    for element in _SHOWN_XPATH(tree)[:6]:
        shown = visible_date(clean(element.text_content()))
        if shown:
            yield shown
