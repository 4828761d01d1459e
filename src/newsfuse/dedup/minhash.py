"""MinHash signatures and the LSH index that finds candidate near-duplicates.

    signature(shingles, bins) -> uint64 array    one-permutation MinHash: the smallest shingle
                                                 hash in each of ``bins`` hash ranges (EMPTY when
                                                 the range holds none)
    band_keys(signature) -> [(band, key)]        one LSH key per non-empty bin (rows per band = 1:
                                                 a clean body inside a long page text shares only a
                                                 few bins with it, and one is enough to be a candidate)
    similarity(a, b) -> float                    the Jaccard estimate of two signatures
    LshIndex                                     (band, key) -> record ids; insert / query without
                                                 rebuilding; rows() / dumps() / loads() to persist

Shingle hashes are already uniformly mixed (:mod:`newsfuse.dedup.shingles`), so one hash function
split into ranges replaces 128 hash functions (Li, Owen & Zhang 2012): the signature costs a
``searchsorted`` over the sorted shingles instead of a shingles x permutations product.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

import numpy as np

from newsfuse.dedup.shingles import U64

EMPTY = np.uint64(0xFFFFFFFFFFFFFFFF)
BandKey = tuple[int, bytes]


def signature(shingles: U64, bins: int = 128) -> U64:
    """The smallest hash in each of ``bins`` equal ranges of the hash space (``shingles`` sorted)."""
    shift = 64 - (bins.bit_length() - 1)
    out = np.full(bins, EMPTY, dtype=np.uint64)
    if shingles.size == 0:
        return out
    lower = np.arange(bins, dtype=np.uint64) << np.uint64(shift)
    starts = np.searchsorted(shingles, lower)
    inside = starts < shingles.size
    first = shingles[np.minimum(starts, shingles.size - 1)]
    hit = inside & ((first >> np.uint64(shift)) == np.arange(bins, dtype=np.uint64))
    out[hit] = first[hit]
    return out


def band_keys(sig: U64) -> list[BandKey]:
    """One (band, key) per non-empty bin: what an index stores and looks up."""
    return [(band, int(value).to_bytes(8, "big")) for band, value in enumerate(sig.tolist())
            if value != int(EMPTY)]


def similarity(a: U64, b: U64) -> float:
    """Estimated Jaccard similarity: agreeing bins over bins that either set fills."""
    filled = (a != EMPTY) | (b != EMPTY)
    total = int(filled.sum())
    if total == 0:
        return 0.0
    return int(((a == b) & (a != EMPTY)).sum()) / total


_VALUE = (1 << 64) - 1


def _packed(key: BandKey) -> int:
    """A band key as one int: the band above the key's 64-bit value."""
    band, value = key
    if len(value) != 8:
        raise ValueError(f"an LSH band key is 8 bytes, not {len(value)}")
    return band << 64 | int.from_bytes(value, "big")


def to_bytes(sig: U64) -> bytes:
    return sig.astype("<u8").tobytes()


def from_bytes(data: bytes) -> U64:
    return np.frombuffer(data, dtype="<u8").astype(np.uint64)


class LshIndex:
    """Record ids by LSH band key, grown one record at a time (never rebuilt).

    ``max_postings``: a key already shared by this many records is boilerplate and stops making
    candidates (it is still stored, so the index stays a faithful copy of what was inserted); the
    store's index (:mod:`newsfuse.store_lsh`) draws the same line.
    Kept compact, since a record brings up to 128 keys and most keys have one record: a key is one
    int (its band above its 64-bit value) and a lone record id is held as itself, not in a list
    (measured on the 990 dev HTML pages: 27 KB a record as (band, bytes) tuples and lists).
    """

    def __init__(self, max_postings: int = 200) -> None:
        if max_postings < 1:
            raise ValueError("max_postings must be positive")
        self.max_postings = max_postings
        self._postings: dict[int, str | list[str]] = {}
        self._records = 0

    def __len__(self) -> int:
        return self._records

    def insert(self, record_id: str, keys: Iterable[BandKey]) -> None:
        postings = self._postings
        for key in map(_packed, keys):
            held = postings.get(key)
            if held is None:
                postings[key] = record_id
            elif isinstance(held, str):
                postings[key] = [held, record_id]
            else:
                held.append(record_id)
        self._records += 1

    def query(self, keys: Iterable[BandKey]) -> dict[str, int]:
        """Records sharing at least one key, with how many keys they share."""
        hits: dict[str, int] = {}
        for key in map(_packed, keys):
            held = self._postings.get(key)
            if held is None:
                continue
            if isinstance(held, str):
                if self.max_postings > 1:
                    hits[held] = hits.get(held, 0) + 1
                continue
            if len(held) >= self.max_postings:
                continue
            for record_id in held:
                hits[record_id] = hits.get(record_id, 0) + 1
        return hits

    def rows(self) -> Iterator[tuple[int, bytes, str]]:
        """(band, key, record id) rows, as a store keeps them in a table."""
        for packed, held in self._postings.items():
            band, key = packed >> 64, (packed & _VALUE).to_bytes(8, "big")
            for record_id in ([held] if isinstance(held, str) else held):
                yield band, key, record_id

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[int, bytes, str]], max_postings: int = 200) -> LshIndex:
        index = cls(max_postings)
        seen: set[str] = set()
        for band, key, record_id in rows:
            index.insert(record_id, [(band, key)])
            seen.add(record_id)
        index._records = len(seen)
        return index

    def dumps(self) -> bytes:
        rows = [[band, key.hex(), record_id] for band, key, record_id in self.rows()]
        return json.dumps({"max_postings": self.max_postings, "rows": rows}).encode("utf-8")

    @classmethod
    def loads(cls, data: bytes) -> LshIndex:
        payload = json.loads(data)
        rows = ((band, bytes.fromhex(key), record_id) for band, key, record_id in payload["rows"])
        return cls.from_rows(rows, payload["max_postings"])
