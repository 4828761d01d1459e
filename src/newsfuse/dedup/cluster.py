"""Clustering: every record joins the article of every earlier record it matches.

    UnionFind                      disjoint sets whose representative is the smallest id, so the
                                   labels do not depend on the order records arrive in
    Deduper                        in-memory, incremental: add(id, text, url) matches the new
                                   record against the index (exact body key, same URL, LSH
                                   candidates), confirms each candidate with :func:`is_match`, and
                                   inserts it; nothing is rebuilt
    cluster(records, options)      the stage: (id, text, url) records -> {id: cluster id}

The partition is the connected components of the confirmed-match graph. Every candidate pair is
met once whichever record comes second, and the check is symmetric, so any input order gives the
same partition (as long as no LSH key passes :attr:`DedupOptions.max_postings`).
"""

from __future__ import annotations

from collections.abc import Iterable

from newsfuse.dedup.match import Fingerprint, fingerprint, is_match
from newsfuse.dedup.minhash import LshIndex
from newsfuse.dedup.options import DedupOptions


class UnionFind:
    """Disjoint sets of string ids; ``find`` returns the smallest id of the set."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def add(self, item: str) -> None:
        self._parent.setdefault(item, item)

    def find(self, item: str) -> str:
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        low, high = (ra, rb) if ra < rb else (rb, ra)
        self._parent[high] = low
        return low

    def labels(self) -> dict[str, str]:
        return {item: self.find(item) for item in self._parent}


class Deduper:
    """Near-duplicate clustering in memory, one record at a time."""

    def __init__(self, options: DedupOptions | None = None) -> None:
        self.options = options or DedupOptions()
        self.index = LshIndex(self.options.max_postings)
        self._sets = UnionFind()
        self._prints: dict[str, Fingerprint] = {}
        self._by_body: dict[str, list[str]] = {}
        self._by_url: dict[str, list[str]] = {}

    def __len__(self) -> int:
        return len(self._prints)

    def add(self, record_id: str, text: str, url: str | None = None) -> str:
        """Add one record; returns its cluster id (the smallest record id in its cluster so far)."""
        return self.add_fingerprint(record_id, fingerprint(text, self.options, url))

    def add_fingerprint(self, record_id: str, print_: Fingerprint) -> str:
        if record_id in self._prints:
            raise ValueError(f"record {record_id!r} was added already")
        self._sets.add(record_id)
        if not print_.empty:
            for other in self.candidates(print_):
                if self._sets.find(other) != self._sets.find(record_id) and is_match(
                        print_, self._prints[other], self.options):
                    self._sets.union(record_id, other)
            self._insert(record_id, print_)
        self._prints[record_id] = print_
        return self._sets.find(record_id)

    def candidates(self, print_: Fingerprint) -> list[str]:
        """Earlier records worth checking: same body, same URL (the first ``max_postings`` of them, as
        the store looks them up: a site whose every page declares one canonical URL is not compared
        with all of them), or an LSH key in common."""
        found = set(self._by_body.get(print_.body_key, ()))
        if print_.url:
            found.update(self._by_url.get(print_.url, [])[:self.options.max_postings])
        found.update(self.index.query(print_.band_keys()))
        return sorted(found)

    def _insert(self, record_id: str, print_: Fingerprint) -> None:
        self._by_body.setdefault(print_.body_key, []).append(record_id)
        if print_.url:
            self._by_url.setdefault(print_.url, []).append(record_id)
        self.index.insert(record_id, print_.band_keys())

    def cluster_of(self, record_id: str) -> str:
        return self._sets.find(record_id)

    def labels(self) -> dict[str, str]:
        """record id -> cluster id, for every record added."""
        return self._sets.labels()


def cluster(records: Iterable[tuple[str, str, str | None]], options: DedupOptions | None = None
            ) -> dict[str, str]:
    """Cluster ``(record id, body text, url or None)`` records; returns record id -> cluster id."""
    deduper = Deduper(options)
    for record_id, text, url in records:
        deduper.add(record_id, text, url)
    return deduper.labels()
