"""Near-duplicate detection across capture forms: exact keys, MinHash + LSH, clustering.

    keys      capture_key, body_key, canonical_url        exact duplicates
    shingles  normalise, shingle_hashes                   text -> the same shingles in every form
    minhash   signature, band_keys, similarity, LshIndex  candidates, persistable index
    match     fingerprint, is_match, same_article         the check a candidate must pass
    cluster   Deduper, cluster, UnionFind, candidate_pairs  incremental, order-independent clusters

For a store: keep ``Fingerprint.body_key`` in an indexed column, ``band_keys()`` as rows
``(band, key, record)``, and ``signature_bytes()`` per record; look a new record up by body key and
band keys, and confirm each candidate with :func:`same_article` (or :func:`is_match`).
"""

from newsfuse.dedup.cluster import CandidateIndex, Deduper, UnionFind, candidate_pairs, cluster
from newsfuse.dedup.keys import body_key, canonical_url, capture_key
from newsfuse.dedup.match import Fingerprint, containment, fingerprint, is_match, same_article
from newsfuse.dedup.minhash import LshIndex, band_keys, signature, similarity
from newsfuse.dedup.options import DedupOptions
from newsfuse.dedup.shingles import normalise, shingle_hashes

__all__ = [
    "CandidateIndex",
    "DedupOptions",
    "Deduper",
    "Fingerprint",
    "LshIndex",
    "UnionFind",
    "band_keys",
    "body_key",
    "candidate_pairs",
    "canonical_url",
    "capture_key",
    "cluster",
    "containment",
    "fingerprint",
    "is_match",
    "normalise",
    "same_article",
    "shingle_hashes",
    "signature",
    "similarity",
]
