"""The headline of a text capture: the unit a small learned ranker scores highest.

    headline_at(units, keep, page_title) -> index | None

Page text has no <title>: the headline is one line among navigation, teasers and the body. Each
candidate unit gets measured features (its length and punctuation, where it stands against the
body the line model found, whether a byline or a date line follows it, whether it repeats in the
page as breadcrumb or share text does, how much it shares with the page title of a print's running
header); a linear score over them, softmax-trained per page (bench/train_title.py, on the dev
set's training half, the HTML extraction's title as the label), picks one. The weights are data:
:mod:`newsfuse.extract.text_title_weights`.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from newsfuse.extract.text_meta import dates_in
from newsfuse.extract.text_patterns import REMOVED_KINDS, STOP_WORDS
from newsfuse.extract.text_rules import byline_of, is_credit
from newsfuse.extract.text_title_weights import WEIGHTS

FEATURES: tuple[str, ...] = (
    "bias", "log_words", "short", "mid_length", "ends_period", "ends_colon", "ends_question", "capitalised",
    "all_caps", "digits", "separator", "kept", "body_after", "body_before", "to_prose", "before_prose", "to_main",
    "after_main", "repeats", "byline_after", "date_after", "date_before", "furniture", "position", "stop_words",
    "credit", "page_title_share", "in_page_title", "next_is_prose", "prose_soon", "body_far_after", "nav_before",
    "quoted_elsewhere", "next_log_words", "next_ends_period", "next_kept", "prev_log_words", "prev_ends_period",
    "longer_next", "subtitle_then_prose", "body_overlap", "lead_overlap",
)
REACH, AFTER_START = 20, 4  # candidates stand this many units before the body's start, or just after it
MAX_WORDS = 40
BODY_SAMPLE = 2000  # characters of the body whose words a headline is expected to share
CONTENT_WORD = 4  # letters: shorter words are mostly function words
SENTENCE_WORDS = 12  # a unit ending in a period is a sentence of prose, not a headline, past this length
MAX_CHARS = 300
PROSE_WORDS = 8  # a kept unit this long is prose of the body
WINDOW = 10  # units looked at around a candidate for body text
_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_SEPARATOR = re.compile(r"[|»›•·]|\s/\s|\s>\s")
_FURNITURE = re.compile("|".join("^" + re.escape(p[1:]) if p.startswith("^") else re.escape(p)
                                 for _, phrases in REMOVED_KINDS for p in phrases))


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def candidates(units: Sequence[str], keep: Sequence[bool]) -> list[int]:
    """Units that may be the headline: short enough, and near where the body (its first unit, or its
    largest run) starts."""
    first = next((i for i, k in enumerate(keep) if k), 0)
    near = set(range(max(0, first - REACH), first + AFTER_START))
    main = _main_start(units, keep)
    near.update(range(max(0, main - REACH), main + AFTER_START))
    return [i for i in sorted(near) if i < len(units) and 0 < len(units[i]) <= MAX_CHARS and _WORD.search(units[i])
            and len(units[i].split()) <= (SENTENCE_WORDS if units[i].endswith(".") else MAX_WORDS)]


def _main_start(units: Sequence[str], keep: Sequence[bool]) -> int:
    """Where the largest run of kept units (gaps of two allowed) starts: the article, not a teaser."""
    best, best_chars, start, chars, gap = 0, -1, None, 0, 0
    for i, k in enumerate(keep):
        if k:
            start = i if start is None else start
            chars, gap = chars + len(units[i]), 0
            if chars > best_chars:
                best, best_chars = start, chars
        elif start is not None:
            gap += 1
            if gap > 2:
                start, chars, gap = None, 0, 0
    return best


def _quoted(keys: Sequence[str], cands: Sequence[int], counts: Counter[str]) -> set[int]:
    """Candidates whose text stands inside a longer unit too (a breadcrumb or share text quoting
    the headline)."""
    page = "\n".join(keys)
    return {i for i in cands if keys[i].count(" ") >= 2 and page.count(keys[i]) > counts[keys[i]]}


@dataclass(frozen=True, slots=True)
class _Page:
    """What every candidate's features are measured against, computed once per capture."""

    units: Sequence[str]
    keep: Sequence[bool]
    words: list[int]
    cum: list[float]  # kept characters before each unit
    prose: list[int]
    main: int
    keys: list[str]
    counts: Counter[str]
    title_key: frozenset[str]
    title_text: str
    dated: frozenset[int]
    bylines: frozenset[int]
    quoted: frozenset[int]
    body_words: frozenset[str]
    leads: dict[int, frozenset[str]] = field(default_factory=dict)  # _lead_words by prose index, filled lazily


def _page(units: Sequence[str], keep: Sequence[bool], page_title: str | None, cands: Sequence[int]) -> _Page:
    n = len(units)
    words = [len(u.split()) for u in units]
    cum = [0.0]
    for u, k in zip(units, keep):
        cum.append(cum[-1] + (len(u) if k else 0))
    keys = [u.casefold() for u in units]  # repeats are told on the plain text (cheap)
    counts = Counter(keys)
    span = range(max(0, cands[0] - 2), min(n, cands[-1] + 4)) if cands else range(0)
    dated = frozenset(i for i in span if words[i] <= 12 and any(c.isdigit() for c in units[i]) and dates_in(units[i]))
    title_text = _key(page_title) if page_title else ""
    return _Page(units, keep, words, cum, [i for i in range(n) if keep[i] and words[i] >= PROSE_WORDS],
                 _main_start(units, keep), keys, counts, frozenset(title_text.split()), title_text, dated,
                 frozenset(i for i in span if byline_of(units[i])), frozenset(_quoted(keys, cands, counts)),
                 _body_words(units, keep))


def _body_words(units: Sequence[str], keep: Sequence[bool]) -> frozenset[str]:
    """The content words of the body's first characters (what the headline is about)."""
    text = " ".join(u for u, k in zip(units, keep) if k)[:BODY_SAMPLE].casefold()
    return frozenset(w for w in _WORD.findall(text) if len(w) >= CONTENT_WORD)


def _overlap(words: Sequence[str], pool: frozenset[str] | set[str]) -> float:
    content = [w for w in words if len(w) >= CONTENT_WORD]
    return sum(w in pool for w in content) / len(content) if content else 0.0


def _row(p: _Page, i: int) -> dict[str, float]:
    unit, n, nw = p.units[i], len(p.units), p.words[i]
    k = bisect_right(p.prose, i)
    nxt = p.prose[k] if k < len(p.prose) else None
    tokens = _WORD.findall(p.keys[i])
    token_set = set(tokens)
    return {
        "bias": 1.0, "log_words": math.log1p(nw), "short": float(nw <= 2), "mid_length": float(4 <= nw <= 15),
        "ends_period": float(unit.endswith(".")), "ends_colon": float(unit.endswith(":")),
        "ends_question": float(unit.endswith(("?", "!"))),
        "capitalised": sum(w[:1].isupper() for w in unit.split()) / max(1, nw),
        "all_caps": float(unit.isupper()), "digits": len(_DIGIT.findall(unit)) / len(unit),
        "separator": float(bool(_SEPARATOR.search(unit))),
        "kept": float(p.keep[i]),
        "body_after": math.log1p(p.cum[min(n, i + 1 + WINDOW)] - p.cum[i + 1]),
        "body_before": math.log1p(p.cum[i] - p.cum[max(0, i - WINDOW)]),
        "body_far_after": math.log1p(p.cum[min(n, i + 1 + 4 * WINDOW)] - p.cum[i + 1]),
        "to_prose": math.log1p(nxt - i) if nxt is not None else 5.0,
        "next_is_prose": float(nxt == i + 1), "prose_soon": float(nxt is not None and 1 < nxt - i <= 4),
        "before_prose": float(bool(p.prose) and i < p.prose[0]),
        "to_main": math.log1p(p.main - i) if i <= p.main else 0.0, "after_main": float(i > p.main),
        "repeats": min(p.counts[p.keys[i]] - 1, 3), "quoted_elsewhere": float(i in p.quoted),
        "byline_after": float(any(j in p.bylines for j in range(i + 1, i + 4))),
        "date_after": float(any(j in p.dated for j in range(i + 1, i + 4))),
        "date_before": float(any(j in p.dated for j in range(i - 2, i))),
        "nav_before": sum(p.words[j] <= 3 for j in range(max(0, i - 5), i)) / 5,
        "furniture": float(_FURNITURE.search(unit.lower()) is not None), "position": i / max(1, n),
        "stop_words": sum(t in STOP_WORDS for t in tokens) / max(1, len(tokens)), "credit": float(is_credit(unit)),
        "page_title_share": (len(token_set & p.title_key) / len(token_set | p.title_key)
                             if p.title_key and tokens else 0.0),
        "in_page_title": float(bool(p.title_key) and bool(tokens) and " ".join(tokens) in p.title_text),
        "body_overlap": _overlap(tokens, p.body_words),
        "lead_overlap": _overlap(tokens, _lead_words(p, k)),
        **_context(p, i, nxt),
    }


def _lead_words(p: _Page, k: int) -> frozenset[str]:
    """Content words of the (up to) three prose units from the ``k``-th on (after a candidate)."""
    if k not in p.leads:
        text = " ".join(p.units[j] for j in p.prose[k:k + 3]).casefold()
        p.leads[k] = frozenset(w for w in _WORD.findall(text) if len(w) >= CONTENT_WORD)
    return p.leads[k]


def _context(p: _Page, i: int, nxt: int | None) -> dict[str, float]:
    """What stands just before and after the candidate (a headline is often followed by a longer
    standfirst, then the body)."""
    n = len(p.units)
    after = p.units[i + 1] if i + 1 < n else ""
    before = p.units[i - 1] if i > 0 else ""
    return {
        "next_log_words": math.log1p(p.words[i + 1]) if i + 1 < n else 0.0,
        "next_ends_period": float(after.endswith(".")), "next_kept": float(i + 1 < n and p.keep[i + 1]),
        "prev_log_words": math.log1p(p.words[i - 1]) if i > 0 else 0.0,
        "prev_ends_period": float(before.endswith(".")),
        "longer_next": float(i + 1 < n and p.words[i + 1] > p.words[i]),
        "subtitle_then_prose": float(nxt == i + 2),
    }


def features(units: Sequence[str], keep: Sequence[bool], page_title: str | None = None,
             cands: Sequence[int] | None = None) -> np.ndarray:
    """One row of :data:`FEATURES` per candidate unit."""
    cands = candidates(units, keep) if cands is None else cands
    page = _page(units, keep, page_title, cands)
    rows = [[row[name] for name in FEATURES] for row in (_row(page, i) for i in cands)]
    return np.array(rows, dtype=float).reshape(len(rows), len(FEATURES))


def headline_at(units: Sequence[str], keep: Sequence[bool], kind: str, page_title: str | None = None) -> int | None:
    """The index of the unit most likely the headline, or None when there is no candidate."""
    cands = candidates(units, keep)
    if not cands:
        return None
    weights = WEIGHTS[kind]
    scores = features(units, keep, page_title, cands) @ np.array([weights.get(f, 0.0) for f in FEATURES])
    return _unglued(units, cands[int(np.argmax(scores))])


def _unglued(units: Sequence[str], at: int) -> int:
    """The unit that holds the chosen one's text without a kicker or breadcrumb glued to its start
    or a label to its end (innerText runs a heading's spans together), when the page has it alone."""
    chosen = units[at].casefold()
    inner = [i for i, unit in enumerate(units) if len(chosen) > len(unit) and 2 * len(unit) >= len(chosen)
             and len(unit.split()) >= 2 and (chosen.startswith(unit.casefold()) or chosen.endswith(unit.casefold()))]
    return max(inner, key=lambda i: len(units[i]), default=at)
