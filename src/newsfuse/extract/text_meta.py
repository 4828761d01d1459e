"""Metadata of a text capture (page text, PDF text) read from its units: the published date.

    dates_in(text) -> list[date]                          every date written in a line, in order
    published_near(units, anchor, body, url) -> str|None  the date line by the headline, else the URL's date

The capture has no declared dates, only what a reader sees: the date line printed by the headline
(just under it, or just above it as a kicker), and in a print the page's URL with a date in its path.
Dates are read with the HTML stage's shapes (:data:`~newsfuse.extract.metadata_patterns.VISIBLE_DATES`)
after undoing the gluing of page text (``innerText`` runs adjacent elements together:
"von Jane Roe13.12.2022", "19. Juni 201619. Juni 2016").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from newsfuse.extract.meta_dates import visible_date
from newsfuse.extract.metadata_patterns import URL_DATE, VISIBLE_DATES
from newsfuse.extract.text_patterns import DATE_PUBLISHED, DATE_UPDATED

_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)")  # "Roe13.12.2022" -> "Roe 13.12.2022"
_YEAR_GLUE = re.compile(r"((?:19|20)\d\d)(?=[0-3]?\d[./\s]|[^\W\d_])")  # "201619. Juni" / "2018von"
DATE_HEAD = 60  # in a long unit, only a date within its first characters is a date line glued to text
LONG_UNIT = 25  # words
AFTER, BEFORE = 8, 3  # a date line stands this many units after the headline, or before it
SHORT_DATE_LINE = 10  # words: further from the headline, only a unit this short is a date line
TAIL = 6  # units after the body's end where a post's date line may stand


def unglue(text: str) -> str:
    return _YEAR_GLUE.sub(r"\1 ", _LETTER_DIGIT.sub(" ", text))


def dates_in(text: str) -> list[date]:
    """Every valid date written in ``text``, in reading order (after ungluing)."""
    text = unglue(text)
    found: list[tuple[int, date]] = []
    taken: list[range] = []
    for pattern in VISIBLE_DATES:
        for match in pattern.finditer(text):
            span = range(match.start(), match.end())
            if any(match.start() in r or match.end() - 1 in r for r in taken):
                continue
            day = visible_date(match.group(0))
            if day is not None:
                found.append((match.start(), day))
                taken.append(span)
    return [day for _, day in sorted(found)]


def _line_dates(unit: str) -> list[date]:
    if len(unit.split()) > LONG_UNIT:
        unit = unit[:DATE_HEAD]
    return dates_in(unit) if any(c.isdigit() for c in unit) else []


def published_near(units: Sequence[str], anchor: int | None, body_end: int,
                   url: str | None = None) -> tuple[str | None, int | None]:
    """The published date and the unit it was read from: the date line nearest the headline
    (``anchor``; after it first), a "published" date before an "updated" one; else the URL's date;
    else the first short date line further down, to just after the body (``body_end``)."""
    best: tuple[float, date, int] | None = None
    if anchor is not None:
        for i in range(max(0, anchor - BEFORE), min(len(units), anchor + AFTER + 1)):
            if i == anchor:
                continue
            days = _line_dates(units[i])
            if not days:
                continue
            lower = units[i].lower()
            rank = float(i - anchor if i > anchor else (anchor - i) + 1.5)
            if DATE_UPDATED.search(lower) and not DATE_PUBLISHED.search(lower):
                rank += AFTER
            if best is None or rank < best[0]:
                best = (rank, min(days), i)
    if best is not None:
        return best[1].isoformat(), best[2]
    found = url_date(url)
    if found:
        return found, None
    return _date_line_after(units, (anchor or 0) + AFTER + 1, body_end + TAIL)


def _date_line_after(units: Sequence[str], start: int, stop: int) -> tuple[str | None, int | None]:
    """The first short unit that is a date line in ``units[start:stop]`` (a post's date printed under it)."""
    for i in range(start, min(stop, len(units))):
        if len(units[i].split()) <= SHORT_DATE_LINE and any(c.isdigit() for c in units[i]):
            days = dates_in(units[i])
            if days:
                return days[0].isoformat(), i
    return None, None


def url_date(url: str | None) -> str | None:
    """The date in a URL's path (/2019/05/12/, /2019-05-12-, /20190512/)."""
    match = URL_DATE.search(url or "")
    if not match:
        return None
    y, m, d = (int(g) for g in [g for g in match.groups() if g][:3])
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    return day.isoformat() if date(1995, 1, 1) <= day <= date(2035, 12, 31) else None

