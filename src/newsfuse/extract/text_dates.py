"""The published date of a text capture: the date the URL states, else the date line a small
learned ranker scores highest.

    published_at(units, title_at, first, last, url, kind) -> (day | None, index | None)

A text capture declares no dates; it shows them: a date line under the headline or above it as a
kicker, a post's "Posted 11. April 2018 by ..." after the body, a "Published: ... | Updated: ..."
pair, and also the dates of comments, of teasers and of the sidebar's archive. Every date shown in a
window around the headline and the body is a candidate (each of the first few dates of a unit on
its own: "Veröffentlicht am 10. Februar 2019 9. Februar 2019"). The candidates get measured
features (where they stand against the headline and the body, how short their line is, its labels,
whether a time or a byline goes with them, how the date compares with the page's other dates, how
often it repeats as comment dates do); a linear score, softmax-trained per page against a "no date"
option (bench/train_dates.py, on the dev set's training half, the HTML extraction's date as the
label), picks one. The weights are data: :mod:`newsfuse.extract.text_dates_weights`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from newsfuse.extract.text_dates_weights import WEIGHTS
from newsfuse.extract.text_meta import dates_in, published_near, url_date
from newsfuse.extract.text_patterns import DATE_PUBLISHED, DATE_UPDATED

FEATURES: tuple[str, ...] = (
    "none", "bias", "before_title", "after_title", "near_title", "title_distance", "in_title",
    "before_body", "in_body", "after_body", "body_start_distance", "body_end_distance", "log_words", "short",
    "date_first", "published_label", "updated_label", "byline", "time", "first_after_title",
    "nearest_title", "repeats", "earliest", "latest", "days_after_earliest", "nth_in_unit",
    "min_in_unit", "position", "two_digit_year", "prev_label", "rule_pick", "date_label", "reply",
)
BEFORE, AFTER = 25, 12  # units above the headline (or the body) and below the body where dates are read
MAX_CANDIDATES = 60  # dated units read, nearest the headline first
DATES_PER_UNIT = 3
LONG_UNIT, DATE_HEAD = 25, 60  # words; in a longer unit only a date in its first characters is a date line
SHORT = 4  # words: a unit this short is a bare date line
NEAR = 3  # units
FAR_WORDS = 12  # further down, only a unit this short is a date line
_TIME = re.compile(r"\b\d\d?[:.h]\d\d\b(?![./]\d)|\b\d\d?\s?(?:am|pm|a\.m\.|p\.m\.|uhr)\b", re.IGNORECASE)
_TWO_DIGIT_YEAR = re.compile(r"\b\d\d?[./-]\d\d?[./-]\d\d\b(?![./-]?\d)")
_BYLINE = re.compile(r"\b(?:by|von|par|por|door|przez|av|af|posted by|written by)\s+(\w)", re.IGNORECASE)
_YEARISH = re.compile(r"\d\d")
_PUBLISHED_PL, _UPDATED_PL = re.compile(r"\bpublikacja\b", re.IGNORECASE), re.compile(r"\baktualizacja\b", re.IGNORECASE)
_DATE_LABEL = re.compile(r"\b(?:date|datum|fecha|data|dátum)\b\s*:?", re.IGNORECASE)
_REPLY = re.compile(r"\b(?:reply|antworten|répondre|responder|rispondi|odpowiedz|says|sagt|schreibt|permalink"
                    r"|permanenter link)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One date shown in the capture: its unit, the date, and which of the unit's dates it is."""

    unit: int
    day: date
    nth: int


def published_at(units: Sequence[str], title_at: int | None, first: int, last: int,
                 url: str | None, kind: str) -> tuple[str | None, int | None]:
    """The published day (ISO) and the unit of its date line (None when the day comes from the URL
    alone). A date in the article's URL is as good as a declared one (measured better than any date
    line on the dev set); the date line is still marked so that it leaves the body."""
    found = candidates(units, title_at, first, last)
    best = None
    if not found:  # no date near the headline and the body: the first short date line further down
        found = _further_down(units, max(last, first if title_at is None else title_at))
        if found:
            return url_date(url) or found[0].day.isoformat(), found[0].unit
    if found:
        scores = features(units, found, title_at, first, last) @ _weights(kind)
        best = int(np.argmax(scores))
        best = None if best == 0 else best - 1  # row 0 is the "no date shown" option
    from_url = url_date(url)
    if best is None:
        return from_url, None
    return from_url or found[best].day.isoformat(), found[best].unit


def _weights(kind: str) -> np.ndarray:
    weights = WEIGHTS.get(kind) or WEIGHTS["page-text"]
    return np.array([weights.get(name, 0.0) for name in FEATURES])


def unit_dates(unit: str) -> list[date]:
    """The dates a unit shows as a date line (in a long unit, only near its start)."""
    if not _YEARISH.search(unit):
        return []
    if len(unit.split(None, LONG_UNIT)) > LONG_UNIT:
        unit = unit[:DATE_HEAD]
    return dates_in(unit)[:DATES_PER_UNIT]


def candidates(units: Sequence[str], title_at: int | None, first: int, last: int) -> list[Candidate]:
    """The dates shown from :data:`BEFORE` units above the headline (or the body's start) to
    :data:`AFTER` below the body's end, the :data:`MAX_CANDIDATES` dated units nearest the headline."""
    anchor = first if title_at is None else title_at
    start, stop = max(0, min(anchor, first) - BEFORE), min(len(units), max(anchor, last) + AFTER + 1)
    found: list[Candidate] = []
    dated = 0
    for i in sorted(range(start, stop), key=lambda i: (abs(i - anchor), i)):
        days = unit_dates(units[i])
        if days:
            found += [Candidate(i, day, n) for n, day in enumerate(days)]
            dated += 1
            if dated == MAX_CANDIDATES:
                break
    return sorted(found, key=lambda c: (c.unit, c.nth))


def _further_down(units: Sequence[str], start: int) -> list[Candidate]:
    for i in range(start + 1, len(units)):
        if len(units[i].split(None, FAR_WORDS)) <= FAR_WORDS:
            days = unit_dates(units[i])
            if days:
                return [Candidate(i, days[0], 0)]
    return []


def features(units: Sequence[str], found: Sequence[Candidate], title_at: int | None,
             first: int, last: int) -> np.ndarray:
    """One row per candidate, after a first row for the "no date shown" option."""
    anchor = first if title_at is None else title_at
    column = {name: n for n, name in enumerate(FEATURES)}
    x = np.zeros((len(found) + 1, len(FEATURES)))
    x[0, column["none"]] = 1.0
    days = [c.day for c in found]
    earliest, latest = min(days), max(days)
    repeats = Counter(days)
    after = [c for c in found if c.unit > anchor]
    first_after = after[0].unit if after else None
    nearest = min(abs(c.unit - anchor) for c in found)
    unit_min = {c.unit: min(d.day for d in found if d.unit == c.unit) for c in found}
    rule_day, rule_unit = published_near(units, [first] if title_at is None else [title_at, first], last)
    for row, c in enumerate(found, start=1):
        unit = units[c.unit]
        words = len(unit.split())
        prev = units[c.unit - 1] if c.unit > 0 else ""
        label = unit if len(unit) > 30 or not prev else f"{prev} {unit}"
        values = {
            "bias": 1.0,
            "before_title": c.unit < anchor,
            "after_title": c.unit > anchor,
            "in_title": c.unit == anchor,
            "near_title": abs(c.unit - anchor) <= NEAR,
            "title_distance": math.log1p(abs(c.unit - anchor)),
            "before_body": c.unit < first,
            "in_body": first <= c.unit <= last,
            "after_body": c.unit > last,
            "body_start_distance": math.log1p(abs(c.unit - first)),
            "body_end_distance": math.log1p(max(0, c.unit - last)),
            "log_words": math.log1p(words),
            "short": words <= SHORT,
            "date_first": unit[:1].isdigit() or (c.nth == 0 and unit[:12].count(" ") <= 1),
            "published_label": bool(DATE_PUBLISHED.search(label) or _PUBLISHED_PL.search(label)),
            "updated_label": bool(DATE_UPDATED.search(label) or _UPDATED_PL.search(label)),
            "prev_label": bool(prev) and len(prev) <= 30 and prev.rstrip().endswith(":"),
            "byline": any(m.group(1).isupper() for m in _BYLINE.finditer(unit)),
            "time": bool(_TIME.search(unit)),
            "first_after_title": c.unit == first_after,
            "nearest_title": abs(c.unit - anchor) == nearest,
            "repeats": math.log(repeats[c.day]),
            "earliest": c.day == earliest,
            "latest": c.day == latest and earliest != latest,
            "days_after_earliest": math.log1p((c.day - earliest).days) / 5,
            "nth_in_unit": c.nth,
            "min_in_unit": c.day == unit_min[c.unit],
            "position": c.unit / max(1, len(units)),
            "two_digit_year": bool(_TWO_DIGIT_YEAR.search(unit)),
            "rule_pick": c.unit == rule_unit and c.day.isoformat() == rule_day,
            "date_label": bool(_DATE_LABEL.search(label)),
            "reply": bool(_REPLY.search(unit)),
        }
        for name, value in values.items():
            x[row, column[name]] = float(value)
    return x
