"""The authors of a text capture: the names of the unit a small learned ranker scores highest.

    authors_at(units, keep, title_at, date_at, sites, rule_at, kind) -> (names, index | None)

A text capture shows its byline the way the page laid it out: "By Jane Roe" under the headline, a bare
"Jane Roe, John Doe" line above the date line, "Von Jane Roe am 10.08.2022", a post's "Posted 11.
April 2018 by Jane Roe" under the body. Its neighbours are just as short and capitalised: menu items,
section names, tags, the names of other articles' authors in a teaser list. Every short unit around
the headline and around the body's end whose text reads as names (the HTML stage's byline reader,
:func:`~newsfuse.extract.meta_names.split_byline`) is a candidate; the candidates get measured
features (where they stand against the headline, the date line and the body, a "By"/"Von" prefix,
how much of the unit the names fill, how many words a name has, whether the unit repeats or sits in
a run of menu-like short units, what the neighbours are); a linear score, softmax-trained per page
against a "no byline" option (bench/train_bylines.py, on the dev set's training half, the HTML
extraction's authors as the label), picks one. The weights are data:
:mod:`newsfuse.extract.text_bylines_weights`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from newsfuse.extract.meta_names import split_byline
from newsfuse.extract.text_bylines_weights import WEIGHTS
from newsfuse.extract.text_meta import BYLINE_START, unglue, words_at_most

FEATURES: tuple[str, ...] = (  # the columns of features(), in order
    "none", "bias", "before_title", "after_title", "title_distance", "near_title", "next_to_date",
    "date_in_unit", "prefix", "inner_prefix", "label_before", "names", "multi_word", "single_word",
    "log_words", "name_share", "before_body", "in_body", "after_body", "end_distance", "kept",
    "repeats", "short_neighbours", "digit", "upper", "sentence_end", "position", "rule_pick",
    "first_below_title", "comment", "common_words",
)
ABOVE, BELOW = 8, 12  # units above the headline (or the body's start) and below it where a byline stands
TAIL_ABOVE, TAIL_BELOW = 3, 8  # and around the body's end (a post's "Posted ... by ...")
MIN_WORDS, MAX_WORDS = 2, 14  # a byline unit is short
SHORT = 3  # words: a menu item or a tag
NEAR = 3  # units
_INNER = re.compile(r"\b(?:by|von|par|por|door|przez|av|af|di)\s+[^\W\d_]", re.IGNORECASE)
_LABEL = re.compile(r"(?:^|\b)(?:autor(?:in|en)?|author|authors|text|von|by|por|par|redakcja|written by)\s*:?\s*$",
                    re.IGNORECASE)
_COMMENT = re.compile(r"\b(?:says|sagt|schreibt|reply|antworten|répondre|responder|comment|kommentar)\b",
                      re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_MARKED = re.compile(r"\b(?:by|von|par|por|door|przez|posted|autor|author|text)\b", re.IGNORECASE)
_NAMEISH = re.compile(r"[A-ZÀ-ÖØ-Þ][^\W\d_]*[.'-]?\s+(?:[a-zß-öø-ÿ]{1,3}\s+)?[A-ZÀ-ÖØ-Þ]|\b(?:by|von|par|por|door)\s",
                      re.IGNORECASE * 0)  # two capitalised words (a particle between) or a "by"
_DANGLING = re.compile(r"\s+(?:le|el|il|am|um|on|at|den|der|the)$", re.IGNORECASE)  # "Par Jane Roe le [07 Mai]"
_DIGIT_WORD = re.compile(r"\S*\d\S*")
_SENTENCE_END = re.compile(r"[.!?…]\s*$")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A unit that reads as a byline, and the names it gives."""

    unit: int
    names: tuple[str, ...]


def authors_at(units: Sequence[str], keep: Sequence[bool], title_at: int | None, date_at: int | None,
               sites: Sequence[str], rule_at: int | None, kind: str) -> tuple[tuple[str, ...], int | None]:
    """The authors the ranker's pick names and its unit; ``rule_at`` is the hand rule's byline unit
    (one of the features), ``date_at`` the date line's unit, if any."""
    found = candidates(units, keep, title_at, date_at, sites)
    if not found:
        return (), None
    best = int((features(units, keep, found, title_at, date_at, rule_at) @ _weights(kind)).argmax())
    if best == 0:  # row 0 is the "no byline shown" option
        return (), None
    return found[best - 1].names, found[best - 1].unit


@cache
def _weights(kind: str) -> np.ndarray:
    weights = WEIGHTS.get(kind) or WEIGHTS["page-text"]
    return np.array([weights.get(name, 0.0) for name in FEATURES])


def names_in(unit: str, sites: Sequence[str]) -> tuple[str, ...]:
    """The names a short unit gives when read as a byline: of its parts between the words with a
    digit (dates, times, comment counts: "July 24, 2019 by Jane Roe 5 Comments"), the first that
    says "by" or "von", else the first that reads as names."""
    if not MIN_WORDS <= len(unit.split(None, MAX_WORDS)) <= MAX_WORDS or not _NAMEISH.search(unit):
        return ()  # one word is a menu item or a tag far more often than a pen name
    parts = [_DANGLING.sub("", part.strip(" -|,·•/")).strip(" -|,·•/") for part in _DIGIT_WORD.split(unglue(unit))]
    parts = sorted((part for part in parts if part), key=lambda part: not _INNER.search(part) and not BYLINE_START.match(part))
    for part in parts:
        names = split_byline(part, sites, loose=True)[0]
        if names:
            return tuple(names)
    return ()


def candidates(units: Sequence[str], keep: Sequence[bool], title_at: int | None, date_at: int | None,
               sites: Sequence[str]) -> list[Candidate]:
    """The units that read as names: the few around the headline, the body's start, the date line and
    the body's end, and any unit with a "by" or an author label from :data:`ABOVE` units above the
    headline (or the body's start) to :data:`BELOW` under it and around the body's end."""
    first = keep.index(True)
    last = len(keep) - 1 - keep[::-1].index(True)
    anchor = first if title_at is None else title_at
    spots = {*range(anchor - NEAR, anchor + NEAR + 2), *range(first - 1, first + 2), *range(last - 1, last + 4)}
    if date_at is not None:
        spots.update((date_at - 1, date_at, date_at + 1))
    wide = {*range(min(anchor, first) - ABOVE, max(anchor, first) + BELOW + 1),
            *range(last - TAIL_ABOVE, last + TAIL_BELOW + 1)}
    found = []
    for i in sorted(i for i in spots | wide if 0 <= i < len(units) and i != title_at):
        # a unit of more than MAX_WORDS words names no one (names_in): it is not searched for a "by"
        if (i in spots or (words_at_most(units[i], MAX_WORDS) and _MARKED.search(units[i]))) \
                and (names := names_in(units[i], sites)):
            found.append(Candidate(i, names))
    return found


def features(units: Sequence[str], keep: Sequence[bool], found: Sequence[Candidate], title_at: int | None,
             date_at: int | None, rule_at: int | None) -> np.ndarray:
    """One row per candidate (columns: :data:`FEATURES`), after a first row for the "no byline" option."""
    first = keep.index(True)
    last = len(keep) - 1 - keep[::-1].index(True)
    anchor = first if title_at is None else title_at
    seen = Counter(units[c.unit] for c in found)
    below = next((c.unit for c in found if c.unit > anchor), None)
    text = " ".join(units)
    x = np.zeros((len(found) + 1, len(FEATURES)))
    x[0, 0] = 1.0  # "none"
    for row, c in enumerate(found, start=1):
        i, unit = c.unit, units[c.unit]
        words = len(unit.split())
        name_words = sum(len(name.split()) for name in c.names)
        prev = units[i - 1] if i > 0 else ""
        x[row, 1:] = (
            1.0,  # bias
            i < anchor, i > anchor, math.log1p(abs(i - anchor)), abs(i - anchor) <= NEAR,
            date_at is not None and abs(i - date_at) <= 1, i == date_at,
            bool(BYLINE_START.match(unit)), bool(_INNER.search(unit)), bool(_LABEL.search(prev)),
            math.log1p(len(c.names)), all(" " in name for name in c.names),
            len(c.names) == 1 and " " not in c.names[0],  # single_word
            math.log1p(words), min(1.0, name_words / max(1, words)),  # name_share
            i < first, first <= i <= last, i > last, math.log1p(max(0, i - last)), keep[i],
            math.log(seen[unit]) + _repeats(units, i),  # repeats
            _short(units, i - 1) and _short(units, i + 1),  # short_neighbours
            bool(_DIGIT.search(unit)), unit.isupper(), bool(_SENTENCE_END.search(unit)),
            i / max(1, len(units)), i == rule_at, i == below, bool(_COMMENT.search(unit)),
            _common_share(c.names, text),
        )
    return x


def _common_share(names: Sequence[str], text: str) -> float:
    """The share of the names' words the page also writes in lower case: words, not a person's name
    ("Unsere Geschichte" is "unsere" elsewhere)."""
    words = [w for name in names for w in name.split() if len(w) > 2]
    return sum(f" {w.lower()} " in text for w in words) / len(words) if words else 0.0


def _short(units: Sequence[str], i: int) -> bool:
    return 0 <= i < len(units) and len(units[i].split(None, SHORT)) <= SHORT


def _repeats(units: Sequence[str], i: int) -> float:
    """The unit shown again right next to itself or two units away (a menu shown twice, an author box)."""
    return float(any(0 <= j < len(units) and units[j] == units[i] for j in (i - 2, i - 1, i + 1, i + 2)))
