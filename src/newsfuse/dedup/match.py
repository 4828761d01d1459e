"""What one record is to dedup (a :class:`Fingerprint`) and when two records are one article.

    fingerprint(text, options, url) -> Fingerprint   body key, shingles, MinHash signature
    containment(a, b) -> float                       shared shingles / min(|A|, |B|)
    is_match(a, b, options) -> bool                  the check every LSH candidate must pass
    same_article(article_a, article_b, options)      the same check for two extracted Articles

An LSH collision only says "look closer": a pair is one article when the shingles they share
cover :attr:`DedupOptions.threshold` of the smaller body. Boilerplate or a long quote shared by two
different articles covers only part of either, so it stays under the threshold; a body too short
for containment to mean anything must be near-identical instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from newsfuse.dedup import minhash
from newsfuse.dedup.keys import EMPTY_BODY, canonical_url, normalised_key
from newsfuse.dedup.options import DedupOptions
from newsfuse.dedup.shingles import U64, token_shingles, tokens
from newsfuse.records import Article


@dataclass(frozen=True, slots=True, eq=False)
class Fingerprint:
    """Everything dedup needs of one record; arrays are read-only."""

    body_key: str
    shingles: U64 = field(repr=False)
    signature: U64 = field(repr=False)
    url: str | None = None

    @property
    def empty(self) -> bool:
        return self.body_key == EMPTY_BODY

    def signature_bytes(self) -> bytes:
        return minhash.to_bytes(self.signature)

    def band_keys(self) -> list[minhash.BandKey]:
        return minhash.band_keys(self.signature)


def fingerprint(text: str, options: DedupOptions | None = None, url: str | None = None) -> Fingerprint:
    options = options or DedupOptions()
    words = tokens(text)  # once for both keys: normalise(text) is their join
    shingles = token_shingles(words, options.shingle)
    shingles.flags.writeable = False
    sig = minhash.signature(shingles, options.bins)
    sig.flags.writeable = False
    return Fingerprint(normalised_key(" ".join(words)), shingles, sig, canonical_url(url))


def containment(a: U64, b: U64) -> float:
    """Share of the smaller set found in the larger one (both sorted, unique)."""
    smaller = min(a.size, b.size)
    if smaller == 0:
        return 0.0
    shared = np.intersect1d(a, b, assume_unique=True).size
    return shared / smaller


def jaccard(a: U64, b: U64) -> float:
    union = np.union1d(a, b).size
    return np.intersect1d(a, b, assume_unique=True).size / union if union else 0.0


def is_match(a: Fingerprint, b: Fingerprint, options: DedupOptions | None = None) -> bool:
    """Are ``a`` and ``b`` captures of one article? Symmetric; never true for an empty body."""
    options = options or DedupOptions()
    if a.empty or b.empty:
        return False
    if a.body_key == b.body_key:
        return True
    smaller = min(a.shingles.size, b.shingles.size)
    if a.url is not None and a.url == b.url:
        # one page, two captures: the texts only have to not contradict it (a failed extraction
        # of one form leaves too little text to contradict anything)
        return smaller < options.url_min_shingles or containment(a.shingles, b.shingles) >= options.url_threshold
    if smaller < options.min_shingles:
        return jaccard(a.shingles, b.shingles) >= options.small_similarity
    shared = containment(a.shingles, b.shingles)
    if shared >= options.threshold:
        return True
    return shared >= options.partial_threshold and jaccard(a.shingles, b.shingles) >= options.partial_similarity


def same_article(a: Article | Fingerprint, b: Article | Fingerprint, options: DedupOptions | None = None) -> bool:
    """:func:`is_match` for two extracted articles (their bodies and canonical URLs); either may be
    given as its :class:`Fingerprint` already, so a new record checked against many candidates is
    fingerprinted once."""
    return is_match(_print(a, options), _print(b, options), options)


def _print(item: Article | Fingerprint, options: DedupOptions | None) -> Fingerprint:
    return item if isinstance(item, Fingerprint) else fingerprint(item.text, options, item.url)
