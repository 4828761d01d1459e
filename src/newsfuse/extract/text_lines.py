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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from newsfuse.extract.text_patterns import (
    BYLINE,
    CLOSE_MARK,
    COUNTER,
    CREDIT,
    DATE_LIKE,
    LINK_LIKE,
    REMOVED_KINDS,
    SENTENCE_END,
    SEPARATORS,
    STOP_WORDS,
    STRICT_SENTENCE_END,
)

MODEL_VERSION = "v1"
_KIND_PATTERNS = tuple(p for _, p in REMOVED_KINDS)


def _unit_features(text: str, counts: dict[str, int]) -> list[float]:
    words = text.split()
    n_words = len(words) or 1
    n_chars = len(text) or 1
    strict_end = STRICT_SENTENCE_END.search(text) is not None
    last = text[-1]
    first = text[0]
    lowered = [w.strip(".,;:!?\"'()«»“”„").lower() for w in words]
    stops = sum(1 for w in lowered if w in STOP_WORDS)
    titled = sum(1 for w in words if w[:1].isupper())
    uppers = sum(1 for c in text if c.isupper())
    digits = sum(1 for c in text if c.isdigit())
    punct = sum(1 for c in text if not c.isalnum() and not c.isspace())
    sentence = len(words) >= 3 and SENTENCE_END.search(text) is not None
    row = [
        math.log1p(n_chars) / 6,
        math.log1p(len(words)) / 4,
        float(strict_end),
        float(last == ":"),
        float(last.isalnum()),
        float(first.isupper()),
        float(first.isdigit()),
        float(not first.isalnum()),
        titled / n_words,
        uppers / n_chars,
        digits / n_chars,
        text.count(",") / n_words,
        stops / n_words,
        float(LINK_LIKE.search(text) is not None),
        min(len(SEPARATORS.findall(text)), 3) / 3,
        min(sum(len(w) for w in words) / n_words, 20) / 10,
        float(DATE_LIKE.search(text) is not None),
        float(counts.get(text, 0) > 1),
        punct / n_chars,
        float(sentence),
        float(COUNTER.match(text) is not None),
        float(CLOSE_MARK.match(text) is not None),
        float(CREDIT.search(text) is not None),
        float(BYLINE.match(text) is not None),
    ]
    row.extend(float(p.search(text) is not None) for p in _KIND_PATTERNS)
    return row


# columns of a unit row that neighbours and windows look at
_CHARS, _ENDS, _STOPS, _SENTENCE = 0, 2, 12, 19


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
    return (pad[hi] - pad[lo]) / (hi - lo).reshape((-1,) + (1,) * (a.ndim - 1))


def line_features(units: list[str]) -> np.ndarray:
    """The feature matrix of a document's units (lines or paragraphs), one row each."""
    counts: dict[str, int] = {}
    for u in units:
        counts[u] = counts.get(u, 0) + 1
    base = np.array([_unit_features(u, counts) for u in units], dtype=np.float64)
    n = len(units)
    if n == 0:
        return np.zeros((0, n_features()))
    core = base[:, [_CHARS, _ENDS, _STOPS, _SENTENCE]]
    chars = np.array([len(u) for u in units], dtype=np.float64)
    mass = chars * base[:, _SENTENCE]
    cum = np.cumsum(mass)
    total = cum[-1] or 1.0
    position = np.arange(n) / max(n - 1, 1)
    context = [
        position,
        chars / chars.max(),
        (cum - mass / 2) / total,
        np.full(n, math.log1p(n) / 6),
        _shift(core, 1), _shift(core, -1), _shift(core, 2), _shift(core, -2),
        window_mean(core[:, [0, 3]], 3), window_mean(core[:, [0, 3]], 10),
    ]
    cols = [c.reshape(n, -1) for c in context]
    return np.hstack([base] + cols)


def n_features() -> int:
    return len(_unit_features("x", {})) + 4 + 4 * 4 + 2 * 2


@dataclass(frozen=True, slots=True)
class Mlp:
    """One hidden layer (tanh), sigmoid output; inputs standardised with the training mean/scale."""

    mean: np.ndarray
    scale: np.ndarray
    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: float

    def predict(self, x: np.ndarray) -> np.ndarray:
        h = np.tanh(((x - self.mean) / self.scale) @ self.w1 + self.b1)
        return 1.0 / (1.0 + np.exp(-(h @ self.w2 + self.b2)))


def stage2_features(x: np.ndarray, p1: np.ndarray) -> np.ndarray:
    """The second stage's input: the unit's own features plus first-stage probabilities around it."""
    p = p1.reshape(-1, 1)
    n = len(p1)
    before = np.concatenate([[0.0], np.maximum.accumulate(p1)[:-1]]) if n else p1
    after = np.concatenate([np.maximum.accumulate(p1[::-1])[::-1][1:], [0.0]]) if n else p1
    cols = [p, _shift(p, 1), _shift(p, -1), _shift(p, 2), _shift(p, -2),
            window_mean(p, 3), window_mean(p, 10), window_mean(p, 30),
            before.reshape(-1, 1), after.reshape(-1, 1)]
    return np.hstack([x] + cols)


@dataclass(frozen=True, slots=True)
class LineModel:
    """Two stacked MLPs: units alone, then units with their neighbours' first-stage probabilities."""

    first: Mlp
    second: Mlp
    threshold: float

    def predict(self, x: np.ndarray) -> np.ndarray:
        if len(x) == 0:
            return np.zeros(0)
        p1 = self.first.predict(x)
        return self.second.predict(stage2_features(x, p1))

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> LineModel:
        def mlp(prefix: str) -> Mlp:
            return Mlp(arrays[f"{prefix}mean"], arrays[f"{prefix}scale"], arrays[f"{prefix}w1"],
                       arrays[f"{prefix}b1"], arrays[f"{prefix}w2"], float(arrays[f"{prefix}b2"].reshape(-1)[0]))

        return cls(mlp("s1_"), mlp("s2_"), float(arrays["threshold"]))


@lru_cache(maxsize=4)
def load_model(name: str) -> LineModel:
    """The shipped model ``name`` ("page-text" or "pdf-text"), read once per process."""
    filename = f"text_lines_{name.replace('-', '_')}_{MODEL_VERSION}.npz"
    data = resources.files("newsfuse").joinpath("data", filename).read_bytes()
    with np.load(io.BytesIO(data)) as arrays:
        return LineModel.from_arrays({k: arrays[k] for k in arrays.files})
