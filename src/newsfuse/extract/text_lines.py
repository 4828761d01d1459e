"""Which lines (or reflowed paragraphs) of a text capture are the article body: a small learned model.

    line_features(units) -> ndarray      one row of measured signals per unit, with its neighbours'
    LineModel.load(name) -> LineModel    weights shipped in newsfuse/data (numpy only at run time)
    model.predict(features) -> ndarray   body probability per unit (two stages: the second sees the
                                         first stage's probabilities around each unit)

The model is trained by ``bench/train_lines.py`` on half the dev pages, with labels from aligning
each capture's lines to the HTML page's extracted body; see that script for the recipe.
"""

from __future__ import annotations

import io
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import compress, pairwise

import numpy as np

from newsfuse.extract.line_counts import (
    CodePoints,
    MarkAtEnd,
    StopWords,
    char_classes,
    edge_chars,
    is_alnum,
)
from newsfuse.extract.line_search import (
    PhraseSieve,
    Views,
    line_hits,
    phrase_finder,
    phrase_hits,
    searches,
)
from newsfuse.extract.text_patterns import (
    BYLINE,
    CLOSE_MARK,
    CLOSING_MARKS,
    COUNTER,
    CREDIT_FEATURE,
    DATE_FEATURE,
    LINK_FEATURE,
    REMOVED_KINDS,
    SENTENCE_MARKS,
    STOP_WORDS,
    STRICT_SENTENCE_END,
)

MODEL_VERSION = "v2"


# searched once over the whole document, not line by line (see line_search): (pattern, longest line
# it is looked for in, the character class a line needs for its unanchored part): most shapes only
# matter on short lines, and leaving other lines out keeps the search cheap
_DOC_PATTERNS = tuple(searches(p, limit, needs) for p, limit, needs in (
    (LINK_FEATURE, 200, None), (DATE_FEATURE, 200, "digit"), (COUNTER, 200, "digit"), (CLOSE_MARK, 200, None),
    (CREDIT_FEATURE, 200, "sep"), (BYLINE, 200, None),
))
PHRASE_LIMIT = 200
KIND_NAMES = tuple(kind for kind, _ in REMOVED_KINDS)
_PHRASES = tuple(phrase_finder(phrases) for phrases in (("©", "(c)", "copyright"),)
                 + tuple(phrases for _, phrases in REMOVED_KINDS))
_SIEVE = PhraseSieve(p for finder in _PHRASES if isinstance(finder, tuple) for p in finder)
# STRICT_SENTENCE_END and SENTENCE_END (its marks and ":"), as searched in a line's last 16 characters
_SENTENCE_ENDS = MarkAtEnd((SENTENCE_MARKS, SENTENCE_MARKS + ":"), CLOSING_MARKS, tail=16)
_STOP_WORDS = StopWords(STOP_WORDS)


def _base_features(units: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The unit's own columns, and its length in characters."""
    points = CodePoints.of(units)
    chars = points.chars.astype(np.float64)
    c = char_classes(points)
    words = np.maximum(c["words"], 1)
    nchars = np.maximum(chars, 1)
    first, last = edge_chars(points)  # -1: an empty unit
    counts = Counter(units)
    repeated = ([counts[u] > 1 for u in units] if len(counts) < len(units) else np.zeros(len(units)))
    strict_end, sentence_end = _SENTENCE_ENDS.per_line(points)
    views = Views(units, {"digit": c["digit"] > 0, "sep": c["sep"] > 0}, points.chars)
    hits = [line_hits(found, views) for found in _DOC_PATTERNS]
    possible = _SIEVE.possible(views.get("", PHRASE_LIMIT, None)[1])
    hits += [phrase_hits(finder, views, PHRASE_LIMIT, possible) for finder in _PHRASES]
    cols = [
        np.log1p(chars) / 6,
        np.log1p(c["words"]) / 4,
        strict_end,
        last == ord(":"),
        is_alnum(last),
        ((first >= 65) & (first <= 90)) | ((first >= 0xC0) & (first <= 0xDE)),
        (first >= 48) & (first <= 57),
        ~is_alnum(first),
        c["titled"] / words,
        c["upper"] / nchars,
        c["digit"] / nchars,
        c["comma"] / words,
        _STOP_WORDS.per_line(points) / words,
        hits[0],
        np.minimum(c["sep"], 3) / 3,
        np.minimum((chars - c["space"]) / words, 20) / 10,
        hits[1],
        repeated,
        c["punct"] / nchars,
        (c["words"] >= 3) & (sentence_end > 0),
    ] + hits[2:]
    return np.array(cols, dtype=np.float64).T, chars  # one row per unit


# columns of a unit row that neighbours and windows look at; where the kind hits start
_CHARS, _ENDS, _STOPS, _SENTENCE = 0, 2, 12, 19
KIND_COLUMN = 20 + len(_DOC_PATTERNS) - 2 + 1  # after the shapes past LINK and DATE, and "©"


def word_count(text: str) -> int:
    """Words of ``text``: space-separated tokens, plus one for every two ideographs or kana (Chinese and
    Japanese prose has no spaces)."""
    n = len(text.split())
    if n * 12 >= len(text):
        return n  # spaced prose: an ideograph count would not change the answer
    return n + sum(1 for ch in text if "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af") // 2


GAP_UNITS = 4  # a body gap of at most this many dropped units ...
GAP_WORDS = 5  # ... is filled with its units of at least this many words that end a sentence ...
GAP_FLOOR = 0.05  # ... and that the model does not rule out (chosen on the training half)


def fill_gaps(keep: list[bool], probs: np.ndarray, units: tuple[str, ...] | list[str],
              barred: list[bool]) -> None:
    """Keep the sentences the model dropped between two kept units a few units apart (a paragraph
    with a number table or a quote in it, between paragraphs of the body); units ``barred`` by a rule
    or a boilerplate phrase stay out."""
    kept = list(compress(range(len(keep)), keep))
    for a, b in pairwise(kept):
        if not 1 < b - a <= GAP_UNITS + 1:
            continue
        for i in range(a + 1, b):
            unit = units[i]
            if (not barred[i] and probs[i] >= GAP_FLOOR and word_count(unit) >= GAP_WORDS
                    and STRICT_SENTENCE_END.search(unit[-12:])):
                keep[i] = True


def _put_shifted(out: np.ndarray, a: np.ndarray, steps: tuple[int, ...]) -> None:
    """``out[:, j]`` = ``a`` moved down by ``steps[j]`` rows (up, for a negative step), with zeros
    coming in; ``out`` is (rows, steps, columns of ``a``)."""
    n = len(a)
    for j, k in enumerate(steps):
        if k >= 0:
            out[:k, j] = 0.0
            out[k:, j] = a[:n - k]
        else:
            out[n + k:, j] = 0.0
            out[:n + k, j] = a[-k:]


def window_means(a: np.ndarray, radii: tuple[int, ...]) -> np.ndarray:
    """Mean of ``a`` over [i-radius, i+radius] (clipped at the ends), along axis 0, for each radius
    (the means stacked: one per radius)."""
    pad = np.concatenate([np.zeros((1,) + a.shape[1:]), a.cumsum(axis=0)])
    n = len(a)
    at = np.arange(n)
    reach = np.array(radii)[:, None]  # all radii at once: one row of bounds each
    # (np.minimum and np.maximum cost a third of np.clip on arrays this small)
    lo = np.maximum(at - reach, 0)
    hi = np.minimum(at + reach + 1, n)
    means: np.ndarray = (pad.take(hi, axis=0) - pad.take(lo, axis=0)) / (hi - lo).reshape(hi.shape + (1,) * (a.ndim - 1))
    return means


def line_features(units: list[str]) -> np.ndarray:
    """The feature matrix of a document's units (lines or paragraphs), one row each."""
    n = len(units)
    if n == 0:
        return np.zeros((0, n_features()))
    base, chars = _base_features(units)
    x = np.empty((n, n_features()))
    width = base.shape[1]
    x[:, :width] = base
    core = base[:, [_CHARS, _ENDS, _STOPS, _SENTENCE]]
    mass = chars * base[:, _SENTENCE]
    cum = mass.cumsum()
    total = cum[-1] or 1.0
    x[:, width] = np.arange(n) / max(n - 1, 1)  # position
    x[:, width + 1] = chars / max(chars.max(), 1.0)
    x[:, width + 2] = (cum - mass / 2) / total
    x[:, width + 3] = math.log1p(n) / 6
    _put_shifted(x[:, width + 4:width + 20].reshape(n, 4, 4), core, (1, -1, 2, -2))
    x[:, width + 20:].reshape(n, 2, 2)[:] = window_means(core[:, [0, 3]], (3, 10)).transpose(1, 0, 2)
    return x


def n_features() -> int:
    return 20 + len(_DOC_PATTERNS) - 2 + len(_PHRASES) + 4 + 4 * 4 + 2 * 2


_BLOCK = 32


@dataclass(frozen=True, slots=True)
class Mlp:
    """One hidden layer (tanh), sigmoid outputs: ``m`` members side by side (their hidden units
    concatenated, ``w2`` block-diagonal), so an ensemble costs one wider product. The training
    standardisation (mean, scale) is folded into the first layer's weights when loaded."""

    w1: np.ndarray  # (features, members x hidden)
    b1: np.ndarray
    w2: np.ndarray  # (members x hidden, members)
    b2: np.ndarray  # (members,)

    @classmethod
    def standardised(cls, mean: np.ndarray, scale: np.ndarray, w1: np.ndarray, b1: np.ndarray,
                     w2: np.ndarray, b2: float) -> Mlp:
        w1 = np.asarray(w1, dtype=np.float64) / np.asarray(scale, dtype=np.float64)[:, None]
        return cls(w1, np.asarray(b1, dtype=np.float64) - np.asarray(mean, dtype=np.float64) @ w1,
                   np.asarray(w2, dtype=np.float64).reshape(-1, 1), np.array([float(b2)]))

    @classmethod
    def side_by_side(cls, members: list[Mlp], rows: list[np.ndarray]) -> Mlp:
        """Members as one wide network; ``rows[j]`` places member j's input rows in the shared input."""
        width = max(int(r.max()) for r in rows) + 1
        w1 = np.zeros((width, sum(m.w1.shape[1] for m in members)))
        w2 = np.zeros((w1.shape[1], len(members)))
        at = 0
        for j, (m, r) in enumerate(zip(members, rows)):
            h = m.w1.shape[1]
            w1[r, at:at + h] = m.w1
            w2[at:at + h, j] = m.w2[:, 0]
            at += h
        return cls(w1, np.concatenate([m.b1 for m in members]), w2, np.concatenate([m.b2 for m in members]))

    def predict(self, x: np.ndarray) -> np.ndarray:
        """(units, members) probabilities."""
        # blocks of rows small enough that OpenBLAS stays on one thread: for products this small its
        # thread start-up costs ten times the product itself
        if not len(x):
            return np.zeros((0, len(self.b2)))
        hidden = _by_blocks(x, self.w1)
        hidden += self.b1
        np.tanh(hidden, out=hidden)
        z = _by_blocks(hidden, self.w2)
        probabilities: np.ndarray = 1.0 / (1.0 + np.exp(-(z + self.b2)))
        return probabilities


def _by_blocks(a: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``a @ w`` taken _BLOCK rows at a time: the whole blocks as one stack (numpy multiplies each
    with the same BLAS call as alone), then the rest."""
    n = len(a)
    whole = n - n % _BLOCK
    parts = [(a[:whole].reshape(-1, _BLOCK, a.shape[1]) @ w).reshape(whole, w.shape[1])] if whole else []
    if whole < n:
        parts.append(a[whole:] @ w)
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


STAGE2_COLUMNS = 10  # first-stage probability columns stage2_features adds per member


def stage2_features(x: np.ndarray, p1: np.ndarray) -> np.ndarray:
    """The second stage's input: the unit's own features plus first-stage probabilities around it
    (``p1``: one column per member; the added columns go by kind, then member)."""
    p = p1.reshape(len(p1), -1)
    n, width = x.shape
    out = np.empty((n, width + STAGE2_COLUMNS * p.shape[1]))
    out[:, :width] = x
    added = out[:, width:].reshape(n, STAGE2_COLUMNS, p.shape[1])
    added[:, 0] = p
    _put_shifted(added[:, 1:5], p, (1, -1, 2, -2))
    added[:, 5:8] = window_means(p, (3, 10, 30)).transpose(1, 0, 2)
    added[:1, 8] = added[-1:, 9] = 0.0  # the highest before the first unit and after the last: none
    np.maximum.accumulate(p[:-1], axis=0, out=added[1:, 8])
    added[:-1, 9] = np.maximum.accumulate(p[:0:-1], axis=0)[::-1]
    return out


@dataclass(frozen=True, slots=True)
class LineModel:
    """Two stacked MLPs: units alone, then units with their neighbours' first-stage probabilities.
    With several members (trained on differently aligned labels) the body probability is their mean."""

    first: Mlp
    second: Mlp
    threshold: float

    def predict(self, x: np.ndarray) -> np.ndarray:
        if len(x) == 0:
            return np.zeros(0)
        p1 = self.first.predict(x)
        body: np.ndarray = self.second.predict(stage2_features(x, p1)).mean(axis=1)
        return body

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> LineModel:
        """From the saved arrays: one member (``s1_*``, ``s2_*``) or several (``m<j>_s1_*`` ...)."""
        prefixes = sorted({k.split("_", 1)[0] + "_" for k in arrays if k.startswith("m")}) or [""]

        def mlp(prefix: str) -> Mlp:
            a = {k[len(prefix):]: v for k, v in arrays.items() if k.startswith(prefix)}
            return Mlp.standardised(a["mean"], a["scale"], a["w1"], a["b1"], a["w2"], float(a["b2"].reshape(-1)[0]))

        firsts = [mlp(f"{p}s1_") for p in prefixes]
        seconds = [mlp(f"{p}s2_") for p in prefixes]
        n_x, m = firsts[0].w1.shape[0], len(prefixes)
        added = n_x + np.arange(STAGE2_COLUMNS) * m  # member j's added columns: added + j
        rows2 = [np.concatenate([np.arange(n_x), added + j]) for j in range(m)]
        return cls(Mlp.side_by_side(firsts, [np.arange(n_x)] * m), Mlp.side_by_side(seconds, rows2),
                   float(arrays["threshold"]))


@lru_cache(maxsize=4)
def load_model(name: str) -> LineModel:
    """The shipped model ``name`` ("page-text" or "pdf-text"), read once per process."""
    filename = f"text_lines_{name.replace('-', '_')}_{MODEL_VERSION}.npz"
    data = resources.files("newsfuse").joinpath("data", filename).read_bytes()
    with np.load(io.BytesIO(data)) as arrays:
        return LineModel.from_arrays({k: arrays[k] for k in arrays.files})
