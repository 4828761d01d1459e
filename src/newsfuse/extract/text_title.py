"""The headline of a text capture: the unit a small learned ranker scores highest.

    headline_at(units, keep, page_title) -> index | None

Page text has no <title>: the headline is one line among navigation, teasers and the body. Each
candidate unit gets measured features (its length and punctuation, where it stands against the
body the line model found, whether a byline or a date line follows it, whether it repeats in the
page as breadcrumb or share text does, how much it shares with the page title of a print's running
header); a linear score over them, softmax-trained per page (bench/train_title.py, on the dev
set's training half, the HTML extraction's title as the label), picks one. The weights are data:
:mod:`newsfuse.extract.text_title_weights`.

The features are computed for all candidates at once (numpy columns over the candidate indices);
what is measured against the whole capture (kept characters, repeats, the body's words) once per
capture, and the costly line tests (dates, bylines) only on the units beside a candidate.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import compress

import numpy as np

from newsfuse.extract.text_meta import is_date_line
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
    "prev_title_like", "next_title_like", "next_sentence", "nav_repeat", "later_repeat", "kicker_shape",
    "prev_candidate_shorter", "share_next",
)
PAIR_NAMES = FEATURES[FEATURES.index("prev_title_like"):]  # measured by _pairs
REACH, AFTER_START = 20, 4  # candidates stand this many units before the body's start, or just after it
MAX_WORDS = 30  # a headline's words at most (1 of the 990 dev HTML titles has more; a standfirst often has)
BODY_SAMPLE = 2000  # characters of the body whose words a headline is expected to share
CONTENT_WORD = 4  # letters: shorter words are mostly function words
SENTENCE_WORDS = 12  # a unit ending in a period is a sentence of prose, not a headline, past this length
MAX_CHARS = 300
PROSE_WORDS = 8  # a kept unit this long is prose of the body
DATE_LINE_WORDS = 12  # a unit this short may be a date line
TITLE_WORDS = (4, 20)  # a headline's length in words
FAR_UP, FAR_SHARE = 3, 0.6  # headline-shaped units further up: how many, sharing this much of the body's words
NAV_GAP = 5  # a unit repeating this far above the candidate is navigation
WINDOW = 10  # units looked at around a candidate for body text
_WORD = re.compile(r"\w+")
_CONTENT = re.compile(rf"\w{{{CONTENT_WORD},}}")  # the words of CONTENT_WORD letters or more
_DIGIT = re.compile(r"\d")
_SEPARATOR = re.compile(r"[|»›•·]|\s/\s|\s>\s")
_AMOUNT_FIELD = re.compile(r":\s*(?:[€$£]\s?)?\d+[.,]\d\d\b")  # "Preis: 12,99 €", "MwSt (21%): 4,92 €"
# a post's tags: four or more items between commas, none with a sentence mark (see _is_tag_list)
_TAG_LIST = re.compile(r"[^,.!?:]{1,25}(?:,\s*[^,.!?:]{1,25}){3,}")
TAG_WORDS = 2  # words of a tag at most
# what glues a kicker, a breadcrumb or a label to a headline (see _ends)
_GLUE_BEFORE = re.compile(r"(?:[|»›•·/>←→]|\d+\.)\s*$")
_GLUE_AFTER = re.compile(r"^\s*[|«‹•·/<←→]")
_CLOSING = ",.;:!?)"  # punctuation that follows a word: no glue
_CRUMB = re.compile(r"\s+([»›>/])\s+")  # between the items of a breadcrumb trail ("|" also joins a title's parts)
CRUMB_WORDS = 4  # the items of a trail before its last have at most this many words
MENU_WORDS = 3  # a unit this short may be a menu item (a section's name)


_Trie = dict[str, "_Trie"]


def _trie(phrases: Sequence[str]) -> str:
    """One regular expression matching any of ``phrases``, their common prefixes shared (Python's
    ``re`` tries an alternation's branches one by one: a trie of them is several times faster)."""
    tree: _Trie = {}
    for phrase in phrases:
        node = tree
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branch(tree)


def _branch(node: _Trie) -> str:
    if "" in node and len(node) == 1:
        return ""
    options = [re.escape(char) + _branch(child) for char, child in sorted(node.items()) if char]
    body = options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
    return f"(?:{body})?" if "" in node else body


_PHRASES = [p for _, phrases in REMOVED_KINDS for p in phrases]
_FURNITURE = re.compile(f"^(?:{_trie([p[1:] for p in _PHRASES if p.startswith('^')])})"
                        f"|{_trie([p for p in _PHRASES if not p.startswith('^')])}")


def _at_least(text: str, words: int) -> bool:
    """``text`` has ``words`` words or more (splits no further than that)."""
    return len(text.split(None, words - 1)) >= words


def candidates(units: Sequence[str], keep: Sequence[bool], body: frozenset[str] | None = None,
               main: int | None = None) -> list[int]:
    """Units that may be the headline: short enough, and near where the body (its first unit, or its
    largest run, which starts at ``main`` when given) starts; and, further up, headline-shaped units
    about what the body's start is about (when the line model's body starts late, the headline stands
    above a run of teasers). A label with an amount ("Preis: 12,99 €") is a shop's field and a list of
    tags a post's, never a headline."""
    first = next((i for i, k in enumerate(keep) if k), 0)
    near = set(range(max(0, first - REACH), first + AFTER_START))
    main = _main_start(units, keep) if main is None else main
    near.update(range(max(0, main - REACH), main + AFTER_START))
    near.update(_far_up(units, _body_words(units, keep) if body is None else body, min(near, default=0)))
    return [i for i in sorted(near) if i < len(units) and 0 < len(units[i]) <= MAX_CHARS and _WORD.search(units[i])
            and not _at_least(units[i], (SENTENCE_WORDS if units[i].endswith(".") else MAX_WORDS) + 1)
            and _AMOUNT_FIELD.search(units[i]) is None and not _is_tag_list(units[i])]


def _is_tag_list(unit: str) -> bool:
    """A post's tags run into one line ("amiga, dogs, floppy, Hunde, Mesty"): four or more items
    between commas, each of at most :data:`TAG_WORDS` words. Measured with the shipped weights: page
    text 1 more labelled title right (0.765 -> 0.771 of the ranker's picks), 2 more HTML titles of the
    held-out half; PDF text unchanged."""
    return _TAG_LIST.fullmatch(unit) is not None and all(len(item.split()) <= TAG_WORDS for item in unit.split(","))


def _far_up(units: Sequence[str], body: frozenset[str], stop: int) -> list[int]:
    """The (at most FAR_UP) units above ``stop`` shaped like a headline whose content words are mostly
    the body's."""
    if stop <= 0:
        return []
    found = []
    for i in range(stop):
        unit = units[i]
        if TITLE_WORDS[0] * 5 <= len(unit) <= MAX_CHARS and not unit.endswith(".") and _at_least(unit, TITLE_WORDS[0]):
            share = _overlap(_WORD.findall(unit.casefold()), body)
            if share >= FAR_SHARE:
                found.append((share, i))
    return [i for _, i in sorted(found, reverse=True)[:FAR_UP]]


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


@dataclass(frozen=True, slots=True)
class _Page:
    """What every candidate's features are measured against, computed once per capture."""

    units: Sequence[str]
    keep: np.ndarray  # bool per unit
    cands: np.ndarray  # candidate indices
    lengths: np.ndarray  # characters of each unit
    cum: np.ndarray  # kept characters before each unit (n + 1)
    prose: np.ndarray  # indices of kept units of PROSE_WORDS words or more
    main: int
    keys: list[str]  # casefolded units
    page: str  # the casefolded units, one a line
    title_key: frozenset[str]
    title_text: str
    body_words: frozenset[str]
    words: dict[int, int] = field(default_factory=dict)  # word counts, measured where asked
    leads: dict[int, frozenset[str]] = field(default_factory=dict)  # _lead_words by prose index
    tokens: dict[int, list[str]] = field(default_factory=dict)  # words of a unit, casefolded
    content: dict[int, list[str]] = field(default_factory=dict)  # its tokens of CONTENT_WORD letters or more
    content_sets: dict[int, frozenset[str]] = field(default_factory=dict)  # _content_set by unit


def _page(units: Sequence[str], keep: Sequence[bool], page_title: str | None, cands: Sequence[int],
          body: frozenset[str] | None = None, main: int | None = None) -> _Page:
    kept = np.fromiter(keep, dtype=bool, count=len(units))
    lengths = np.fromiter(map(len, units), dtype=float, count=len(units))
    cum = np.concatenate(([0.0], np.cumsum(lengths * kept)))
    page = "\n".join(units).casefold()
    keys = page.split("\n")
    if len(keys) != len(units):  # a unit with a line break in it: casefold one by one
        keys, page = [u.casefold() for u in units], "\n".join(u.casefold() for u in units)
    # a unit of PROSE_WORDS words has at least 2 * PROSE_WORDS - 1 characters: count words only there
    long_kept = np.flatnonzero(kept & (lengths >= 2 * PROSE_WORDS - 1)).tolist()
    prose = np.array([i for i in long_kept if _at_least(units[i], PROSE_WORDS)], dtype=int)
    title_text = " ".join(_WORD.findall(page_title.casefold())) if page_title else ""
    return _Page(units, kept, np.asarray(cands, dtype=int), lengths, cum, prose,
                 _main_start(units, keep) if main is None else main, keys, page, frozenset(title_text.split()),
                 title_text, _body_words(units, keep) if body is None else body)


def _body_words(units: Sequence[str], keep: Sequence[bool]) -> frozenset[str]:
    """The content words of the body's first characters (what the headline is about)."""
    parts, size = [], 0
    for u in compress(units, keep):
        parts.append(u)
        size += len(u) + 1
        if size > BODY_SAMPLE:
            break
    text = " ".join(parts)[:BODY_SAMPLE].casefold()
    return frozenset(_CONTENT.findall(text))


def _words(p: _Page, i: int) -> int:
    if i not in p.words:
        p.words[i] = len(p.units[i].split())
    return p.words[i]


def _tokens(p: _Page, i: int) -> list[str]:
    if i not in p.tokens:
        p.tokens[i] = _WORD.findall(p.keys[i])
    return p.tokens[i]


def _content(p: _Page, i: int) -> list[str]:
    """The casefolded words of unit ``i`` that have CONTENT_WORD letters or more."""
    if i not in p.content:
        p.content[i] = [w for w in _tokens(p, i) if len(w) >= CONTENT_WORD]
    return p.content[i]


def _overlap(words: Sequence[str], pool: frozenset[str] | set[str]) -> float:
    return _share([w for w in words if len(w) >= CONTENT_WORD], pool)


def _share(content: Sequence[str], pool: frozenset[str] | set[str]) -> float:
    """The share of the words ``content`` that are in ``pool`` (0 for no words)."""
    return sum(w in pool for w in content) / len(content) if content else 0.0


def _marked(p: _Page, offsets: Sequence[int], test: Callable[[str], bool], seen: dict[int, bool]) -> np.ndarray:
    """Per candidate: does a unit at one of ``offsets`` from it pass ``test`` (each unit tested once:
    ``seen`` keeps the answers)?"""
    n = len(p.units)
    out = np.zeros(len(p.cands))
    for c, i in enumerate(p.cands.tolist()):
        for d in offsets:
            j = i + d
            if 0 <= j < n:
                if j not in seen:
                    seen[j] = test(p.units[j])
                if seen[j]:
                    out[c] = 1.0
                    break
    return out


def _is_date_line(unit: str) -> bool:
    return is_date_line(unit, DATE_LINE_WORDS)


_SHAPE_NAMES = ("ends_period", "ends_colon", "ends_question", "capitalised", "all_caps", "digits", "separator",
                "furniture", "stop_words", "credit", "body_overlap")


def _shape(p: _Page) -> dict[str, np.ndarray]:
    """What the candidate's own text looks like."""
    rows, counts = [], []
    for i in p.cands.tolist():
        text, tokens = p.units[i], _tokens(p, i)
        words = text.split()
        p.words[i] = len(words)
        counts.append(len(words))
        rows.append((
            text.endswith("."), text.endswith(":"), text.endswith(("?", "!")),
            sum(w[0].isupper() for w in words) / max(1, len(words)),  # capitalised
            text.isupper(), len(_DIGIT.findall(text)) / len(text),
            _SEPARATOR.search(text) is not None, _FURNITURE.search(text.lower()) is not None,
            sum(w in STOP_WORDS for w in tokens) / max(1, len(tokens)),
            is_credit(text), _share(_content(p, i), p.body_words),
        ))
    table = np.array(rows, dtype=float).reshape(len(rows), len(_SHAPE_NAMES))
    nw = np.array(counts, dtype=float)
    return {
        "log_words": np.log1p(nw), "short": (nw <= 2) * 1.0, "mid_length": ((nw >= 4) & (nw <= 15)) * 1.0,
        **{name: table[:, c] for c, name in enumerate(_SHAPE_NAMES)},
        **_title_match(p, [_tokens(p, i) for i in p.cands.tolist()]),
    }


def _title_match(p: _Page, tokens: list[list[str]]) -> dict[str, np.ndarray]:
    share, inside = np.zeros(len(tokens)), np.zeros(len(tokens))
    if p.title_key:
        for c, ts in enumerate(tokens):
            if ts:
                token_set = set(ts)
                share[c] = len(token_set & p.title_key) / len(token_set | p.title_key)
                inside[c] = " ".join(ts) in p.title_text
    return {"page_title_share": share, "in_page_title": inside}


def _place(p: _Page) -> dict[str, np.ndarray]:
    """Where the candidate stands against the body, the prose and the rest of the page."""
    i, n, cum = p.cands, len(p.units), p.cum
    k = np.searchsorted(p.prose, i, side="right")
    has_next = k < len(p.prose)
    nxt = np.where(has_next, p.prose[np.minimum(k, len(p.prose) - 1)] if len(p.prose) else 0, -1)
    counts = Counter(p.keys)
    dated: dict[int, bool] = {}
    return {
        "kept": p.keep[i] * 1.0,
        "body_after": np.log1p(cum[np.minimum(n, i + 1 + WINDOW)] - cum[i + 1]),
        "body_before": np.log1p(cum[i] - cum[np.maximum(0, i - WINDOW)]),
        "body_far_after": np.log1p(cum[np.minimum(n, i + 1 + 4 * WINDOW)] - cum[i + 1]),
        "to_prose": np.where(has_next, np.log1p(np.maximum(nxt - i, 0)), 5.0),
        "next_is_prose": (nxt == i + 1) * 1.0, "prose_soon": (has_next & (nxt - i > 1) & (nxt - i <= 4)) * 1.0,
        "before_prose": (i < p.prose[0]) * 1.0 if len(p.prose) else np.zeros(len(i)),
        "to_main": np.where(i <= p.main, np.log1p(np.maximum(p.main - i, 0)), 0.0), "after_main": (i > p.main) * 1.0,
        "repeats": np.array([min(counts[p.keys[j]] - 1, 3) for j in i], dtype=float),
        "quoted_elsewhere": np.array([p.keys[j].count(" ") >= 2 and p.page.count(p.keys[j]) > counts[p.keys[j]]
                                      for j in i], dtype=float),
        "byline_after": _marked(p, (1, 2, 3), lambda u: byline_of(u) is not None, {}),
        "date_after": _marked(p, (1, 2, 3), _is_date_line, dated),
        "date_before": _marked(p, (-2, -1), _is_date_line, dated),
        "nav_before": _nav_before(p),
        "position": i / max(1, n),
        "lead_overlap": np.array([_share(_content(p, c), _lead_words(p, kk)) for c, kk in zip(i.tolist(), k.tolist())]),
        "subtitle_then_prose": (nxt == i + 2) * 1.0,
    }


def _nav_before(p: _Page) -> np.ndarray:
    """Per candidate: the share of the five units above it that have three words or fewer (a menu)."""
    short: dict[int, bool] = {}
    shares = []
    for c in p.cands.tolist():
        count = 0
        for j in range(max(0, c - 5), c):
            if j not in short:
                short[j] = _words(p, j) <= 3
            count += short[j]
        shares.append(count / 5)
    return np.array(shares)


def _lead_words(p: _Page, k: int) -> frozenset[str]:
    """Content words of the (up to) three prose units from the ``k``-th on (after a candidate)."""
    if k not in p.leads:
        p.leads[k] = frozenset().union(*(_content_set(p, j) for j in p.prose[k:k + 3].tolist()))
    return p.leads[k]


def _content_set(p: _Page, i: int) -> frozenset[str]:
    """The words of CONTENT_WORD letters or more of unit ``i``, casefolded (a prose unit's, read once
    for the three leads it is part of)."""
    if i not in p.content_sets:
        p.content_sets[i] = frozenset(_CONTENT.findall(p.keys[i]))
    return p.content_sets[i]


def _context(p: _Page) -> dict[str, np.ndarray]:
    """What stands just before and after the candidate (a headline is often followed by a longer
    standfirst, then the body)."""
    n, units, keep = len(p.units), p.units, p.keep.tolist()
    rows = []
    for i in p.cands.tolist():
        has_next, has_prev = i + 1 < n, i > 0
        next_words = _words(p, i + 1) if has_next else 0
        rows.append((
            next_words, has_next and units[i + 1].endswith("."), has_next and keep[i + 1],
            _words(p, i - 1) if has_prev else 0, has_prev and units[i - 1].endswith("."), next_words > _words(p, i),
        ))
    columns = np.array(rows, dtype=float).reshape(len(rows), 6).T.copy()  # contiguous rows: log1p as before
    return {
        "next_log_words": np.log1p(columns[0]), "next_ends_period": columns[1], "next_kept": columns[2],
        "prev_log_words": np.log1p(columns[3]), "prev_ends_period": columns[4], "longer_next": columns[5],
    }


def _again(keys: list[str], key: str, start: int) -> bool:
    """``key`` stands in ``keys`` from ``start`` on."""
    try:
        keys.index(key, start)
    except ValueError:
        return False
    return True


def _title_like(unit: str, words: int) -> bool:
    """Shaped like a headline: a few words, no final period, not all capitals."""
    return TITLE_WORDS[0] <= words <= TITLE_WORDS[1] and not unit.endswith((".", ":")) and not unit.isupper()


def _pairs(p: _Page) -> dict[str, np.ndarray]:
    """The candidate against its neighbours: a headline between a kicker (a short label, often a
    section name repeated in the navigation above) and a standfirst (a longer full sentence)."""
    n, units = len(p.units), p.units
    rows = []
    for i in p.cands.tolist():
        own, key = _words(p, i), p.keys[i]
        nw = _words(p, i + 1) if i + 1 < n else 0
        pw = _words(p, i - 1) if i > 0 else 0
        nav = p.keys.index(key) < i - NAV_GAP
        rows.append((
            i > 0 and _title_like(units[i - 1], pw), i + 1 < n and _title_like(units[i + 1], nw),
            i + 1 < n and units[i + 1].endswith(".") and nw >= PROSE_WORDS and nw > own,
            nav, _again(p.keys, key, i + 1), own <= 3 and (units[i].isupper() or nav),
            i > 0 and pw < own and not units[i - 1].endswith("."),
            i + 1 < n and _overlap(_tokens(p, i), frozenset(_tokens(p, i + 1))),
        ))
    table = np.array(rows, dtype=float).reshape(len(rows), len(PAIR_NAMES))
    return {name: table[:, c] for c, name in enumerate(PAIR_NAMES)}


def features(units: Sequence[str], keep: Sequence[bool], page_title: str | None = None,
             cands: Sequence[int] | None = None) -> np.ndarray:
    """One row of :data:`FEATURES` per candidate unit."""
    cands = candidates(units, keep) if cands is None else cands
    if not cands:
        return np.zeros((0, len(FEATURES)))
    return _features(_page(units, keep, page_title, cands))


def _features(p: _Page, pairs: bool = True) -> np.ndarray:
    """The feature columns; without ``pairs`` the neighbour features are left 0 (a kind whose weights
    for them are all 0 need not measure them)."""
    zero = np.zeros(len(p.cands))
    cols = {"bias": np.ones(len(p.cands)), **_shape(p), **_place(p), **_context(p),
            **(_pairs(p) if pairs else dict.fromkeys(PAIR_NAMES, zero))}
    return np.array([cols[name] for name in FEATURES]).T.copy()  # (column_stack takes twice as long)


def headline_at(units: Sequence[str], keep: Sequence[bool], kind: str, page_title: str | None = None) -> int | None:
    """The index of the unit most likely the headline, or None when there is no candidate."""
    body = _body_words(units, keep)
    main = _main_start(units, keep)
    cands = candidates(units, keep, body, main)
    if not cands:
        return None
    p = _page(units, keep, page_title, cands, body, main)
    weights = WEIGHTS[kind]
    scores = _features(p, any(weights.get(f) for f in PAIR_NAMES)) @ np.array([weights.get(f, 0.0) for f in FEATURES])
    return _unglued(units, cands[int(np.argmax(scores))], p.keys, p.lengths)


def _unglued(units: Sequence[str], at: int, keys: Sequence[str] | None = None,
             lengths: np.ndarray | None = None) -> int:
    """The unit that holds the chosen one's text without a kicker or breadcrumb glued to its start
    or a label to its end (innerText runs a heading's spans together), when the page has it alone.
    ``keys``, ``lengths``: the units casefolded, their lengths, when at hand."""
    keys = [u.casefold() for u in units] if keys is None else keys
    lengths = np.fromiter(map(len, units), dtype=float, count=len(units)) if lengths is None else lengths
    chosen = keys[at]
    sized = np.flatnonzero((lengths < len(chosen)) & (2 * lengths >= len(chosen))).tolist()
    if not sized:
        return at
    menu = {key for key in keys if key and key.count(" ") < MENU_WORDS}
    inner = [i for i in sized if _ends(chosen, keys[i], menu) and len(units[i].split()) >= 2]
    return max(inner, key=lambda i: len(units[i]), default=at)


def last_crumb(title: str) -> str:
    """A breadcrumb trail's last item ("Home » Film » Geschichte" -> "Geschichte"): innerText runs the
    trail over a page's heading into one line, which the ranker may take for the headline. A trail
    has two or more of one separator, and each item before the last at most :data:`CRUMB_WORDS`
    words. Measured against the HTML titles of the 990 dev pages: page text 4 right more, none lost;
    PDF text unchanged."""
    parts = _CRUMB.split(title)
    items, separators = parts[0::2], parts[1::2]
    if len(separators) >= 2 and len(set(separators)) == 1 and items[-1] \
            and all(len(item.split()) <= CRUMB_WORDS for item in items[:-1]):
        return items[-1]
    return title


def _ends(text: str, part: str, menu: set[str] | frozenset[str] = frozenset()) -> bool:
    """``text`` is ``part`` with something glued on: run on without a space ("HomeNewsOtters ...",
    "27.01.2022Otters ..."), set off by a separator or a list number ("Home › Otters ...",
    "5. Otters ..."), or a trail whose last word is a ``menu`` item of the page ("Home News
    Otters ..."); not a word that is part of the title ("Easy Pineapple Cake", "Rioja, Spain",
    "Italien: Reisehinweise"). Measured against the HTML titles of the 990 dev pages (page text
    and PDF text): any start or end cut 45 headlines, 15 right ones wrong and 10 wrong ones right;
    this test cuts 18, 1 and 7 (the menu item: 2 right more, none lost)."""
    if text.startswith(part):
        rest = text[len(part):]
        return not rest or not (rest[0].isspace() or rest[0] in _CLOSING) or _GLUE_AFTER.match(rest) is not None
    if text.endswith(part):
        rest = text[:-len(part)]
        return not rest or not rest[-1].isspace() or _GLUE_BEFORE.search(rest) is not None \
            or rest.split()[-1] in menu
    return False

