"""How near-duplicates are found and confirmed: one frozen options record, passed down explicitly."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DedupOptions:
    """Knobs of the dedup stage (the defaults are the ones measured in bench/bench_dedup.py).

    shingle: words per shingle.
    bins: MinHash bins (one-permutation MinHash); every non-empty bin is one LSH band key.
    threshold: two bodies are one article when the shingles they share cover at least this share
        of the smaller body (containment normalised by min(|A|, |B|): a short clean body matches
        the long noisy page text that holds it).
    partial_threshold, partial_similarity: a lower containment also suffices when the two bodies
        are alike as wholes (Jaccard at least ``partial_similarity``): extraction noise on both
        sides. Boilerplate that fills half of one short body does not make the wholes alike.
    url_threshold: the lower containment that suffices when both records carry the same canonical
        URL (with a path). The URL alone decides only when one body is shorter than
        ``url_min_shingles`` (a failed extraction): two real bodies under one URL must agree.
    min_shingles: a body with fewer shingles is too short for containment (a stray line is
        contained in every page of its site); it matches only by :attr:`small_similarity`.
    small_similarity: Jaccard similarity two bodies need when one of them is that short.
    max_postings: an LSH key shared by more records than this is boilerplate (a menu, a footer):
        it does not make candidates.
    """

    shingle: int = 5
    bins: int = 128
    threshold: float = 0.65
    partial_threshold: float = 0.5
    partial_similarity: float = 0.35
    url_threshold: float = 0.2
    url_min_shingles: int = 100
    min_shingles: int = 10
    small_similarity: float = 0.7
    max_postings: int = 200

    def __post_init__(self) -> None:
        if not 1 <= self.shingle <= 8:
            raise ValueError("shingle must be 1..8 words")
        if self.bins not in (16, 32, 64, 128, 256, 512):
            raise ValueError("bins must be a power of two from 16 to 512")
        for name in ("threshold", "partial_threshold", "url_threshold", "small_similarity"):
            if not 0.0 < getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be in (0, 1]")
        if self.min_shingles < 1 or self.max_postings < 1:
            raise ValueError("min_shingles and max_postings must be positive")
