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
from itertools import pairwise

import numpy as np

from newsfuse.extract.line_search import Views, line_hits, phrase_finder, phrase_hits, searches
from newsfuse.extract.text_patterns import (
    BYLINE,
    CLOSE_MARK,
    COUNTER,
    CREDIT_FEATURE,
    DATE_FEATURE,
    LINK_FEATURE,
    REMOVED_KINDS,
    SENTENCE_END,
    STOP_WORDS,
    STRICT_SENTENCE_END,
)

MODEL_VERSION = "v2"


# searched once over the whole document, not line by line (see line_search): (pattern, longest line
# it is looked for in, the character class a line needs for its unanchored part): most shapes only
# matter on short lines, and leaving other lines out keeps the search cheap
_DOC_PATTERNS = tuple(searches(p, limit, needs) for p, limit, needs in (
    (STRICT_SENTENCE_END, 0, None), (SENTENCE_END, 0, None), (LINK_FEATURE, 200, None),
    (DATE_FEATURE, 200, "digit"), (COUNTER, 200, "digit"), (CLOSE_MARK, 200, None),
    (CREDIT_FEATURE, 200, "sep"), (BYLINE, 200, None),
))
PHRASE_LIMIT = 200
KIND_NAMES = tuple(kind for kind, _ in REMOVED_KINDS)
_PHRASES = tuple(phrase_finder(phrases) for phrases in (("©", "(c)", "copyright"),)
                 + tuple(phrases for _, phrases in REMOVED_KINDS))

# every code point falls in one of these classes (looked up in _CLASS_OF; its last entry: every code
# above the table). Upper case: A-Z and Latin-1 capitals; punctuation: ASCII symbols, Latin-1 signs,
# ×, ÷ and U+2000-U+2BFF (the comma and the separators "|•·»›/" are punctuation with a class of their own)
_OTHER, _UPPER, _DIGIT, _COMMA, _SPACE, _NEWLINE, _SEP, _PUNCT = range(8)


def _class_table() -> np.ndarray:
    cp = np.arange(0x2C01)
    ascii_alnum = ((cp >= 48) & (cp <= 57)) | ((cp >= 65) & (cp <= 90)) | ((cp >= 97) & (cp <= 122))
    table = np.full(len(cp), _OTHER, dtype=np.int64)
    table[((cp < 128) & ~ascii_alnum) | ((cp >= 0xA0) & (cp <= 0xBF)) | (cp == 0xD7) | (cp == 0xF7)
          | ((cp >= 0x2000) & (cp <= 0x2BFF))] = _PUNCT
    table[[ord(c) for c in "|•·»›/"]] = _SEP
    table[((cp >= 65) & (cp <= 90)) | ((cp >= 0xC0) & (cp <= 0xDE) & (cp != 0xD7))] = _UPPER
    table[(cp >= 48) & (cp <= 57)] = _DIGIT
    table[[44, 32, 10]] = [_COMMA, _SPACE, _NEWLINE]
    table[-1] = _OTHER
    return table


_CLASS_OF = _class_table()


def _char_counts(doc: str, n: int) -> dict[str, np.ndarray]:
    """Per line counts of character classes, computed on the code points of the whole document (one
    table look-up, then one count of (line, class) pairs)."""
    cp = np.frombuffer(doc.encode("utf-32-le"), dtype=np.uint32)
    cls = _CLASS_OF[np.minimum(cp, len(_CLASS_OF) - 1)]
    newline = cls == _NEWLINE
    line = np.cumsum(newline)
    blank = newline | (cls == _SPACE)
    word_start = ~blank & np.concatenate([[True], blank[:-1]])
    by_class = np.bincount(line * 8 + cls, minlength=8 * n)[:8 * n].reshape(n, 8).astype(np.float64)
    starts = np.bincount(line * 3 + word_start * (1 + (cls == _UPPER)), minlength=3 * n)[:3 * n].reshape(n, 3)
    return {"upper": by_class[:, _UPPER], "digit": by_class[:, _DIGIT],
            "punct": by_class[:, [_COMMA, _SEP, _PUNCT]].sum(axis=1), "comma": by_class[:, _COMMA],
            "space": by_class[:, _SPACE], "words": (starts[:, 1] + starts[:, 2]).astype(np.float64),
            "titled": starts[:, 2].astype(np.float64), "sep": by_class[:, _SEP]}


def _base_features(units: list[str]) -> np.ndarray:
    n = len(units)
    doc = "\n".join(units)
    chars = np.array([len(u) for u in units], dtype=np.float64)
    c = _char_counts(doc, n)
    words = np.maximum(c["words"], 1)
    nchars = np.maximum(chars, 1)
    first = np.array([ord(u[0]) if u else 32 for u in units])
    last = [u[-1] if u else " " for u in units]
    lowered = doc.lower().split("\n")
    contains = STOP_WORDS.__contains__
    stops = np.array([sum(map(contains, x.split())) for x in lowered], dtype=np.float64)
    counts = Counter(units)
    views = Views(units, {"digit": c["digit"] > 0, "sep": c["sep"] > 0})
    hits = [line_hits(found, views) for found in _DOC_PATTERNS]
    hits += [phrase_hits(finder, views, PHRASE_LIMIT) for finder in _PHRASES]
    strict_end, sentence_end = hits[0], hits[1]
    cols = [
        np.log1p(chars) / 6,
        np.log1p(c["words"]) / 4,
        strict_end,
        np.array([x == ":" for x in last], dtype=np.float64),
        np.array([x.isalnum() for x in last], dtype=np.float64),
        ((first >= 65) & (first <= 90)) | ((first >= 0xC0) & (first <= 0xDE)),
        (first >= 48) & (first <= 57),
        np.array([not u[:1].isalnum() for u in units], dtype=np.float64),
        c["titled"] / words,
        c["upper"] / nchars,
        c["digit"] / nchars,
        c["comma"] / words,
        stops / words,
        hits[2],
        np.minimum(c["sep"], 3) / 3,
        np.minimum((chars - c["space"]) / words, 20) / 10,
        hits[3],
        np.array([counts[u] > 1 for u in units], dtype=np.float64),
        c["punct"] / nchars,
        (c["words"] >= 3) & (sentence_end > 0),
    ] + hits[4:]
    return np.column_stack([np.asarray(col, dtype=np.float64) for col in cols])


# columns of a unit row that neighbours and windows look at; where the kind hits start
_CHARS, _ENDS, _STOPS, _SENTENCE = 0, 2, 12, 19
KIND_COLUMN = 20 + len(_DOC_PATTERNS) - 4 + 1


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
    kept = [i for i, k in enumerate(keep) if k]
    for a, b in pairwise(kept):
        if not 1 < b - a <= GAP_UNITS + 1:
            continue
        for i in range(a + 1, b):
            unit = units[i]
            if (not barred[i] and probs[i] >= GAP_FLOOR and word_count(unit) >= GAP_WORDS
                    and STRICT_SENTENCE_END.search(unit[-12:])):
                keep[i] = True


def _shift(a: np.ndarray, k: int) -> np.ndarray:
    out = np.zeros_like(a)
    if k > 0:
        out[k:] = a[:-k]
    elif k < 0:
        out[:k] = a[-k:]
    return out


def window_mean(a: np.ndarray, radius: int) -> np.ndarray:
    """Mean of ``a`` over [i-radius, i+radius] (clipped at the ends), along axis 0."""
    pad = np.concatenate([np.zeros((1,) + a.shape[1:]), np.cumsum(a, axis=0)])
    n = len(a)
    lo = np.clip(np.arange(n) - radius, 0, n)
    hi = np.clip(np.arange(n) + radius + 1, 0, n)
    mean: np.ndarray = (pad[hi] - pad[lo]) / (hi - lo).reshape((-1,) + (1,) * (a.ndim - 1))
    return mean


def line_features(units: list[str]) -> np.ndarray:
    """The feature matrix of a document's units (lines or paragraphs), one row each."""
    n = len(units)
    if n == 0:
        return np.zeros((0, n_features()))
    base = _base_features(units)
    core = base[:, [_CHARS, _ENDS, _STOPS, _SENTENCE]]
    chars = np.array([len(u) for u in units], dtype=np.float64)
    mass = chars * base[:, _SENTENCE]
    cum = np.cumsum(mass)
    total = cum[-1] or 1.0
    position = np.arange(n) / max(n - 1, 1)
    context = [
        position,
        chars / max(chars.max(), 1.0),
        (cum - mass / 2) / total,
        np.full(n, math.log1p(n) / 6),
        _shift(core, 1), _shift(core, -1), _shift(core, 2), _shift(core, -2),
        window_mean(core[:, [0, 3]], 3), window_mean(core[:, [0, 3]], 10),
    ]
    cols = [c.reshape(n, -1) for c in context]
    return np.hstack([base] + cols)


def n_features() -> int:
    return 20 + len(_DOC_PATTERNS) - 4 + len(_PHRASES) + 4 + 4 * 4 + 2 * 2


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
        z = np.concatenate([np.tanh(x[i:i + _BLOCK] @ self.w1 + self.b1) @ self.w2
                            for i in range(0, len(x), _BLOCK)])
        probabilities: np.ndarray = 1.0 / (1.0 + np.exp(-(z + self.b2)))
        return probabilities


STAGE2_COLUMNS = 10  # first-stage probability columns stage2_features adds per member


def stage2_features(x: np.ndarray, p1: np.ndarray) -> np.ndarray:
    """The second stage's input: the unit's own features plus first-stage probabilities around it
    (``p1``: one column per member; the added columns go by kind, then member)."""
    p = p1.reshape(len(p1), -1)
    n = len(p)
    before = np.vstack([np.zeros((1, p.shape[1])), np.maximum.accumulate(p)[:-1]]) if n else p
    after = np.vstack([np.maximum.accumulate(p[::-1])[::-1][1:], np.zeros((1, p.shape[1]))]) if n else p
    cols = [p, _shift(p, 1), _shift(p, -1), _shift(p, 2), _shift(p, -2),
            window_mean(p, 3), window_mean(p, 10), window_mean(p, 30), before, after]
    return np.hstack([x] + cols)


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
