"""The published date of a text capture: the date the URL states, else the date line a small
learned ranker scores highest.

    published_at(units, title_at, first, last, url, kind) -> (day | None, index | None)

A text capture declares no dates; it shows them: a date line under the headline or above it as a
kicker, a post's "Posted 11. April 2018 by ..." after the body, a "Published: ... | Updated: ..."
pair, and also the dates of comments, of teasers and of the sidebar's archive. Every date shown in a
window around the headline and the body is a candidate (each of the first few dates of a unit on
its own: "Veröffentlicht am 10. Februar 2019 9. Februar 2019"; a print's letter-spaced line,
"M AY 1 6 , 2 0 2 0", read closed up). The candidates get measured
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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy as np

from newsfuse.extract.text_dates_weights import WEIGHTS
from newsfuse.extract.text_meta import (
    DATEISH,
    FIRST_DIGIT,
    dates_in,
    letters_closed_up,
    url_date,
    words_at_most,
)
from newsfuse.extract.text_patterns import DATE_PUBLISHED, DATE_UPDATED

FEATURES: tuple[str, ...] = (  # the columns of features(), in order
    "none", "bias", "before_title", "after_title", "near_title", "title_distance", "in_title",
    "before_body", "in_body", "after_body", "body_start_distance", "body_end_distance", "log_words", "short",
    "date_first", "published_label", "updated_only", "byline", "time", "first_after_title",
    "nearest_title", "repeats", "earliest", "latest", "days_after_earliest", "nth_in_unit",
    "min_in_unit", "position", "two_digit_year", "prev_label", "rule_pick", "date_label", "reply",
)
BEFORE, AFTER = 25, 12  # units above the headline (or the body) and below the body where dates are read
MAX_CANDIDATES = 60  # dated units read, nearest the headline first
DATES_PER_UNIT = 3
LONG_UNIT, DATE_HEAD = 22, 60  # words; in a longer unit (a caption, a teaser) only a date in its first characters is a date line
SHORT = 4  # words: a unit this short is a bare date line
LABEL_HEAD = 40  # characters: a "published" label that starts a unit stands in these
_LEAD = " -|•·"  # what may stand before it
NEAR = 3  # units
RULE_BEFORE, RULE_AFTER = 3, 8  # the hand rule's date line stands this many units above or below an anchor,
RULE_TAIL, RULE_FAR = 6, 10  # else this many below the body's end, or this many above the headline
FAR_WORDS = 12  # further down, only a unit this short is a date line
_TIME = re.compile(r"\b\d\d?[:.h]\d\d\b(?![./]\d)|\b\d\d?\s?(?:am|pm|a\.m\.|p\.m\.|uhr)\b", re.IGNORECASE)
_TWO_DIGIT_YEAR = re.compile(r"\b\d\d?[./-]\d\d?[./-]\d\d\b(?![./-]?\d)")
_BYLINE = re.compile(r"\b(?:by|von|par|por|door|przez|av|af|posted by|written by)\s+(\w)", re.IGNORECASE)
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
    line on the dev set); the date line is still marked so that it leaves the body. A line that
    starts with a "published" label ("Published: 22:00 GMT, 26 September 2020 | Updated: ...") is
    the date line when the window shows one such date (the ranker weighs the label, but a masthead's
    "Thursday, Nov 5th 2020" by the headline outscored it: against the HTML record of the 990 dev
    pages, 4 page-text and 2 PDF-text dates right that were wrong, 1 page-text date the reverse)."""
    from_url = url_date(url)
    if kind == "pdf-text":  # a print may set its date line letter-spaced
        units = letters_closed_up(units)
    found = candidates(units, title_at, first, last)
    if not found:  # no date near the headline and the body: the first short date line further down
        below = _further_down(units, max(last, first if title_at is None else title_at))
        return (from_url, None) if below is None else (from_url or below.day.isoformat(), below.unit)
    labelled = _labelled_published(units, found)
    best = labelled if labelled is not None else \
        int((features(units, found, title_at, first, last) @ _weights(kind)).argmax())
    if best == 0:  # row 0 is the "no date shown" option
        return from_url, None
    return from_url or found[best - 1].day.isoformat(), found[best - 1].unit


def _labelled_published(units: Sequence[str], found: Sequence[Candidate]) -> int | None:
    """The row (in :func:`features`) of the first date of the one day that a unit starting with a
    "published" label shows, None when no unit or units of two days do."""
    rows = {}
    for row, c in enumerate(found, start=1):
        if c.nth == 0 and c.day not in rows:
            head = units[c.unit][:LABEL_HEAD]
            label = DATE_PUBLISHED.search(head)
            if label is not None and not head[:label.start()].strip(_LEAD):
                rows[c.day] = row
    return next(iter(rows.values())) if len(rows) == 1 else None


@cache
def _weights(kind: str) -> np.ndarray:
    weights = WEIGHTS.get(kind) or WEIGHTS["page-text"]
    return np.array([weights.get(name, 0.0) for name in FEATURES])


def unit_dates(unit: str) -> list[date]:
    """The dates a unit shows as a date line (in a long unit, only near its start; words counted by
    their spaces, which is all a filter run on every unit of the body can afford)."""
    if len(unit) > DATE_HEAD and unit.count(" ") >= LONG_UNIT:
        unit = unit[:DATE_HEAD]
    # most units have no digit at all: that test is twice as fast as DATEISH's
    if FIRST_DIGIT.search(unit) is None or DATEISH.search(unit) is None:
        return []
    return dates_in(unit)[:DATES_PER_UNIT]


def candidates(units: Sequence[str], title_at: int | None, first: int, last: int) -> list[Candidate]:
    """The dates shown from :data:`BEFORE` units above the headline (or the body's start) to
    :data:`AFTER` below the body's end, of the :data:`MAX_CANDIDATES` dated units nearest the headline."""
    anchor = first if title_at is None else title_at
    start, stop = max(0, min(anchor, first) - BEFORE), min(len(units), max(anchor, last) + AFTER + 1)
    dated = []
    for i in _nearest_first(anchor, start, stop):
        days = unit_dates(units[i])
        if days:
            dated.append((i, days))
            if len(dated) == MAX_CANDIDATES:
                break  # (a page of comments or an archive shows hundreds)
    dated.sort()
    return [Candidate(i, day, n) for i, days in dated for n, day in enumerate(days)]


def _nearest_first(anchor: int, start: int, stop: int) -> Iterator[int]:
    """The units from ``start`` to ``stop`` by their distance from ``anchor``, the one below before the
    one above."""
    yield anchor
    for d in range(1, max(anchor - start, stop - 1 - anchor) + 1):
        if anchor + d < stop:
            yield anchor + d
        if anchor - d >= start:
            yield anchor - d


def _further_down(units: Sequence[str], start: int) -> Candidate | None:
    for i in range(start + 1, len(units)):
        if words_at_most(units[i], FAR_WORDS):
            days = unit_dates(units[i])
            if days:
                return Candidate(i, days[0], 0)
    return None


def _label(units: Sequence[str], i: int) -> str:
    """A date unit with the unit before it when it is short (the label may stand there: "Updated:")."""
    unit = units[i]
    return unit if len(unit) > 30 or i == 0 else f"{units[i - 1]} {unit}"


def _rule_pick(units: Sequence[str], found: Sequence[Candidate], anchors: Sequence[int],
               last: int) -> tuple[int, date] | None:
    """The hand-written rule the ranker replaced, kept as one of its features: the date line nearest
    the headline (then the body's start), below it before above it, a "published" date before an
    "updated" one, a date in the headline's own unit last (the earliest date of that line); else the
    first short date line from there to just under the body, else the nearest a little further up."""
    earliest: dict[int, date] = {}
    for c in found:
        earliest[c.unit] = min(c.day, earliest.get(c.unit, c.day))
    for anchor in dict.fromkeys(anchors):
        best: tuple[float, int] | None = None
        for i in earliest:
            if not anchor - RULE_BEFORE <= i <= anchor + RULE_AFTER:
                continue
            rank = float(i - anchor if i > anchor else (anchor - i) + 1.5 if i < anchor else 2 * RULE_AFTER)
            label = _label(units, i)
            if DATE_UPDATED.search(label) and not DATE_PUBLISHED.search(label):
                rank += RULE_AFTER
            if best is None or rank < best[0]:
                best = (rank, i)
        if best is not None:
            return best[1], earliest[best[1]]
    anchor = anchors[0]  # no date line near: a post's short date line under the body, else one further up
    below = [i for i in earliest if anchor + RULE_AFTER < i <= last + RULE_TAIL and words_at_most(units[i], 10)]
    above = [i for i in earliest if anchor - RULE_FAR <= i < anchor - RULE_BEFORE and words_at_most(units[i], 12)]
    pick = min(below) if below else max(above) if above else None
    return None if pick is None else (pick, next(c.day for c in found if c.unit == pick))


@dataclass(frozen=True, slots=True)
class _Shown:
    """What a date's unit shows besides the date (the same for each of the unit's dates)."""

    words: int
    published: bool  # a "published" label in the unit or the short unit above it
    updated_only: bool  # an "updated" label there, and no "published" one
    byline: bool  # "by" and a capitalised name
    time: bool
    two_digit_year: bool
    prev_label: bool  # the unit above is a short label ("Updated:")
    date_label: bool  # "Date:", "Datum:"
    reply: bool  # a comment's "Reply", "says"

    @classmethod
    def of(cls, units: Sequence[str], i: int) -> _Shown:
        unit = units[i]
        prev = units[i - 1] if i > 0 else ""
        label = _label(units, i)
        published = bool(DATE_PUBLISHED.search(label))
        return cls(
            len(unit.split()), published, not published and bool(DATE_UPDATED.search(label)),
            any(m.group(1).isupper() for m in _BYLINE.finditer(unit)), bool(_TIME.search(unit)),
            bool(_TWO_DIGIT_YEAR.search(unit)), bool(prev) and len(prev) <= 30 and prev.rstrip().endswith(":"),
            bool(_DATE_LABEL.search(label)), bool(_REPLY.search(unit)),
        )


def features(units: Sequence[str], found: Sequence[Candidate], title_at: int | None,
             first: int, last: int) -> np.ndarray:
    """One row per candidate (columns: :data:`FEATURES`), after a first row for the "no date shown" option."""
    anchor = first if title_at is None else title_at
    days = [c.day for c in found]
    earliest, latest = min(days), max(days)
    repeats = Counter(days)
    first_after = next((c.unit for c in found if c.unit > anchor), None)
    nearest = min(abs(c.unit - anchor) for c in found)
    unit_min: dict[int, date] = {}
    for c in found:
        unit_min[c.unit] = min(c.day, unit_min.get(c.unit, c.day))
    rule = _rule_pick(units, found, [anchor, first], last)
    shown: dict[int, _Shown] = {}  # a unit's signals, read once for all its dates
    x = np.zeros((len(found) + 1, len(FEATURES)))
    x[0, 0] = 1.0  # "none"
    for row, c in enumerate(found, start=1):
        if c.unit not in shown:
            shown[c.unit] = _Shown.of(units, c.unit)
        unit, s = units[c.unit], shown[c.unit]
        x[row, 1:] = (
            1.0,  # bias
            c.unit < anchor, c.unit > anchor, abs(c.unit - anchor) <= NEAR, math.log1p(abs(c.unit - anchor)),
            c.unit == anchor,
            c.unit < first, first <= c.unit <= last, c.unit > last,
            math.log1p(abs(c.unit - first)), math.log1p(max(0, c.unit - last)),
            math.log1p(s.words), s.words <= SHORT,
            unit[:1].isdigit() or (c.nth == 0 and unit[:12].count(" ") <= 1),  # date_first
            s.published, s.updated_only, s.byline, s.time,
            c.unit == first_after, abs(c.unit - anchor) == nearest,
            math.log(repeats[c.day]), c.day == earliest, c.day == latest and earliest != latest,
            math.log1p((c.day - earliest).days) / 5,  # days_after_earliest
            c.nth, c.day == unit_min[c.unit],
            c.unit / max(1, len(units)),  # position
            s.two_digit_year, s.prev_label,
            rule is not None and rule == (c.unit, c.day),
            s.date_label, s.reply,
        )
    return x
