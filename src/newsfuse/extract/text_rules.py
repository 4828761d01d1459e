"""Rules around the body of a text capture: headline, byline, dateline, captions, promos, quotes.

    title_near(units, start) -> index | None      the headline: the title-like unit just before the body
    byline_of(text) -> (authors, agency) | None   "By Jane Roe and Joe Bloggs", "By Reuters"
    credit_at(units, i) -> bool                   a photo credit ("Name / Agency", "Foto: ...")
    repair_quotes(text) -> str                    "... word,' he said" → "... word," he said
    removed_kind(text, where) -> str              why a dropped unit was dropped
"""

from __future__ import annotations

import re

from newsfuse.extract.text_patterns import (
    AGENCIES,
    BYLINE,
    CREDIT,
    DATE_LIKE,
    REMOVED_KINDS,
    STRICT_SENTENCE_END,
)

_NAME_SPLIT = re.compile(r"\s*(?:,|\band\b|\bund\b|\by\b|\bet\b|&)\s*")
_NAME = re.compile(r"^[A-ZÀ-Þ][\w'’.\-]+(?:\s+[A-ZÀ-Þ][\w'’.\-]+){0,3}$")
_AGENCY_TAIL = re.compile(r"\s*[(/,|]\s*([A-Za-z\-]{2,25})\)?\s*$")
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+|\s+::\s+")


def byline_of(text: str) -> tuple[tuple[str, ...], str | None] | None:
    """Authors and agency of a byline line, or None when the line is no byline."""
    match = BYLINE.match(text.strip())
    if not match:
        return None
    rest = match.group(1).strip().rstrip(".")
    agency = None
    tail = _AGENCY_TAIL.search(rest)
    if tail and tail.group(1) in AGENCIES:
        agency = tail.group(1)
        rest = rest[: tail.start()].strip()
    if rest in AGENCIES:
        return (), rest
    names = [n.strip() for n in _NAME_SPLIT.split(rest) if n.strip()]
    authors = tuple(n for n in names if n not in AGENCIES and _NAME.match(n))
    agency = agency or next((n for n in names if n in AGENCIES), None)
    if not authors and agency is None:
        return None
    return authors, agency


def is_credit(text: str) -> bool:
    return len(text) <= 120 and CREDIT.search(text) is not None and not STRICT_SENTENCE_END.search(text)


def is_dateline(text: str) -> bool:
    return len(text) <= 80 and DATE_LIKE.search(text) is not None and not STRICT_SENTENCE_END.search(text)


def looks_like_title(text: str) -> bool:
    words = text.split()
    return 3 <= len(words) <= 30 and not text.endswith((".", ":", ",")) and not is_dateline(text) \
        and byline_of(text) is None and not is_credit(text)


def title_near(units: list[str], start: int, span: int = 12) -> int | None:
    """The headline: the nearest title-like unit before ``start`` (the first body unit)."""
    for i in range(start - 1, max(-1, start - 1 - span), -1):
        if looks_like_title(units[i]):
            return i
    return None


def split_site(page_title: str) -> tuple[str, str | None]:
    """"Headline | Site" → ("Headline", "Site"); the longer part is the headline."""
    parts = _TITLE_SUFFIX.split(page_title)
    if len(parts) < 2:
        return page_title, None
    head = max(parts, key=len)
    site = parts[-1] if parts[-1] != head else parts[0]
    return head, site


_OPEN_DOUBLE = re.compile(r'(^|[\s(\[])"(?=\w)')
_OPEN_SINGLE = re.compile(r"(?<!\w)'(?=\w)")  # a nested 'quote' makes the pairing unclear
_BAD_CLOSE = re.compile(r"(?<=[\w.,!?…])'(?=[\s,.;:!?)]|$)")


def repair_quotes(text: str) -> str:
    """Close a straight double quote that was closed by a single one, where the pairing is plain:
    the paragraph has an odd number of ``"``, and after the unclosed one exactly one ``'`` ends a word
    (an apostrophe inside a word does not count) with no single quote opened in between."""
    if text.count('"') % 2 == 0:
        return text
    out: list[str] = []
    pos = 0
    for opening in _OPEN_DOUBLE.finditer(text):
        start = opening.end()
        nxt = text.find('"', start)
        segment_end = nxt if nxt != -1 else len(text)
        closes = list(_BAD_CLOSE.finditer(text, start, segment_end))
        if nxt == -1 and len(closes) == 1 and not _OPEN_SINGLE.search(text, start, closes[0].start()):
            cut = closes[0].start()
            out.append(text[pos:cut] + '"')
            pos = cut + 1
            break
        if nxt == -1:
            break
    out.append(text[pos:])
    return "".join(out)


def removed_kind(text: str, where: str) -> str:
    """Why a dropped unit was dropped: a named pattern, else by where it stands (before/in/after body)."""
    lower = text.lower()
    for kind, phrases in REMOVED_KINDS:
        for phrase in phrases:
            if (lower.startswith(phrase[1:]) if phrase.startswith("^") else phrase in lower):
                return kind
    return position_kind(text, where)


def position_kind(text: str, where: str) -> str:
    """Why a dropped unit that matches no named pattern was dropped: by where it stands."""
    if where == "inside":
        return "boilerplate"
    short = len(text.split(None, 6)) <= 6  # at most 6 words (the 7th part holds the rest of a longer text)
    if where == "before":
        return "navigation" if short else "header"
    if where == "after":
        return "footer" if short else "boilerplate"
    return "boilerplate"
