"""Metadata of a text capture (page text, PDF text) read from its units: dates, byline, site.

    dates_in(text) -> list[date]                          every date written in a line, in order
    url_date(url) -> str | None                           the date in a URL's path
    site_of(page_title, url) -> str | None                the site: the running title's site part, else the host
    byline_near(units, anchors, site_names) -> (authors, agency, index)
                                                          the byline by the headline

The capture has no declared dates, only what a reader sees; which date line is the published date
is the ranker's call (:mod:`newsfuse.extract.text_dates`). Dates are read with the HTML stage's
shapes (:data:`~newsfuse.extract.metadata_patterns.VISIBLE_DATES`) after undoing the gluing of page text (``innerText`` runs adjacent elements together:
"von Jane Roe13.12.2022", "19. Juni 201619. Juni 2016").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from urllib.parse import urlsplit

from newsfuse.extract.meta_dates import visible_date
from newsfuse.extract.meta_names import split_byline
from newsfuse.extract.meta_title import strip_site
from newsfuse.extract.metadata_patterns import (
    BYLINE_PREFIXES,
    URL_DATE,
    VISIBLE_DATES,
    WEEKDAYS,
)
from newsfuse.extract.text_rules import split_site

_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)")  # "Roe13.12.2022" -> "Roe 13.12.2022"
DATE_LINE_WORDS = 8  # a line this short that shows a date is a date line
FIRST_DIGIT = re.compile(r"\d")
# every shape VISIBLE_DATES reads has one (and ungluing a text adds none): no date in a text without it
DATEISH = re.compile(r"(?:19|20)\d\d|\d\.[01]?\d\.[0-3]\d")
# and every one writes two runs of digits at least (a day and a year, or a day, a month and a year)
_DIGIT_RUN = re.compile(r"\d+")
_YEAR_GLUE = re.compile(r"((?:19|20)\d\d)(?=[0-3]?\d[./\s]|[^\W\d_])")  # "201619. Juni" / "2018von"


# a day, a word, a month word: the word may be a date badge's weekday ("31 Donnerstag Okt 2019")
_DAY_WORD = re.compile(r"\b([0-3]?\d\.?)\s+([^\W\d_][\w-]+)\.?,?\s+(?=[^\W\d_]{3})")


def _without_weekday(match: re.Match[str]) -> str:
    return match.group(1) + " " if match.group(2).lower() in WEEKDAYS else match.group(0)


def _year_spaced(match: re.Match[str]) -> str:
    return match.group(1) + " "


def unglue(text: str) -> str:
    # a function, not the template r"\1 ": re expands a template in Python on every call, even one
    # without a match (most texts have no glue)
    return _YEAR_GLUE.sub(_year_spaced, _LETTER_DIGIT.sub(" ", text))


def dates_in(text: str) -> list[date]:
    """Every valid date written in ``text``, in reading order (after ungluing, and with a weekday
    between a day and its month taken out)."""
    text = _DAY_WORD.sub(_without_weekday, unglue(text))
    if len(_DIGIT_RUN.findall(text)) < 2:  # a year alone ("in 2019"): no shape to search for
        return []
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


_PUNCT_BEFORE_WORD = re.compile(r"([,.;:])(?=[^\W_])")


def letters_closed_up(lines: Sequence[str]) -> Sequence[str]:
    """``lines`` with each line a print set letter-spaced (CSS letter-spacing: "M AY 1 6 , 2 0 2 0",
    "D I E N S TA G , 2 8 . A P R I L 2 0 2 0") closed up ("MAY 16, 2020"), the others as they are;
    ``lines`` itself when no line is. Word gaps are lost in such a line, so only a reader of dates
    uses this."""
    spaced = [i for i, line in enumerate(lines) if line.count(" ") * 5 >= len(line) * 2 and len(line) >= 8]
    if not spaced:
        return lines
    out = list(lines)
    for i in spaced:
        out[i] = _LETTER_DIGIT.sub(" ", _PUNCT_BEFORE_WORD.sub(r"\1 ", "".join(out[i].split())))
    return out


def words_at_most(text: str, words: int) -> bool:
    """``text`` has at most ``words`` words (split no further than that)."""
    return len(text.split(None, words)) <= words


def is_date_line(line: str, words: int = DATE_LINE_WORDS) -> bool:
    """A short line (at most ``words`` words) that shows a date."""
    return FIRST_DIGIT.search(line) is not None and words_at_most(line, words) and DATEISH.search(line) is not None \
        and bool(dates_in(line))


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



BYLINE_START = re.compile(r"^(?:" + "|".join(re.escape(p) for p in sorted(BYLINE_PREFIXES, key=len, reverse=True))
                          + r")(?:\s+|(?<=:))(?=\S)", re.IGNORECASE)
SITE_WORDS = 5  # a running title's last part longer than this is no site name
BYLINE_WORDS = 14  # a byline unit is short
BYLINE_AFTER, BYLINE_BEFORE = 6, 3  # where a byline stands around the headline


def byline_near(units: Sequence[str], anchors: Sequence[int], site_names: Sequence[str],
                skip: frozenset[int] = frozenset()) -> tuple[tuple[str, ...], str | None, int | None]:
    """Authors and agency of the byline nearest the headline (the first of ``anchors``, then the
    next), read with the HTML stage's byline rules; a date glued after the names is cut off."""
    for anchor in dict.fromkeys(anchors):
        order = [*range(anchor + 1, anchor + 1 + BYLINE_AFTER), *range(anchor - 1, anchor - 1 - BYLINE_BEFORE, -1)]
        for i in (i for i in order if 0 <= i < len(units) and i not in skip):
            found = _byline(units[i], site_names)
            if found is not None:
                return found[0], found[1], i
    return (), None, None


def _byline(unit: str, site_names: Sequence[str]) -> tuple[tuple[str, ...], str | None] | None:
    if not words_at_most(unit, BYLINE_WORDS) or not BYLINE_START.match(unit):
        return None
    text = _LETTER_DIGIT.sub(" ", unit)
    digit = FIRST_DIGIT.search(text)
    text = text[:digit.start()].rstrip(" -|,·•") if digit else text
    names, agency = split_byline(text, site_names)
    return (tuple(names), agency) if names or agency else None


def site_of(page_title: str | None, url: str | None) -> str | None:
    """The site's name: the part of a print's running title that names the URL's host ("… | Daily
    Example" on dailyexample.com), else the title's last part when it reads like a name (short, no
    digit, not cut: "… | Example Courier"), else the host itself ("dailyexample.com")."""
    if page_title and url:
        removed = strip_site(page_title, [url])[1]
        if removed:
            return removed
    if page_title:
        part = split_site(page_title)[1]
        if part and page_title.rstrip().endswith(part) and len(part.split()) <= SITE_WORDS \
                and "…" not in part and not FIRST_DIGIT.search(part):
            return part
    host = urlsplit(url).netloc.lower().removeprefix("www.") if url and "://" in url else ""
    return host or None
