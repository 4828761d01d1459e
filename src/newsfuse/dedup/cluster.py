"""Clustering: every record joins the article of every earlier record it matches.

    UnionFind                      disjoint sets whose representative is the smallest id, so the
                                   labels do not depend on the order records arrive in
    Deduper                        in-memory, incremental: add(id, text, url) matches the new
                                   record against the index (exact body key, same URL, LSH
                                   candidates), confirms each candidate with :func:`is_match`, and
                                   inserts it; nothing is rebuilt
    candidate_pairs(prints)        the pairs Deduper would check, from signatures alone (a
                                   distributed engine checks them where the shingles are)
    cluster(records, options)      the stage: (id, text, url) records -> {id: cluster id}

The partition is the connected components of the confirmed-match graph. Every candidate pair is
met once whichever record comes second, and the check is symmetric, so any input order gives the
same partition (as long as no LSH key passes :attr:`DedupOptions.max_postings`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

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


class CandidateIndex:
    """What an incremental dedup looks a new record up in: its exact body key, its URL and its LSH
    band keys (no shingles: a record's candidates are found from its signature alone). A record
    with an empty body is kept under its URL only, as the store keeps every capture's URL: it takes
    one of the ``max_postings`` places a URL's candidates have, and is never one itself."""

    def __init__(self, options: DedupOptions) -> None:
        self.options = options
        self.lsh = LshIndex(options.max_postings)
        self._by_body: dict[str, list[str]] = {}
        self._by_url: dict[str, list[str]] = {}
        self._empty: set[str] = set()

    def candidates(self, print_: Fingerprint) -> list[str]:
        """Earlier records worth checking: same body, same URL (the first ``max_postings`` of them, as
        the store looks them up: a site whose every page declares one canonical URL is not compared
        with all of them), or an LSH key in common."""
        found = set(self.same_body(print_))
        if print_.url:
            found.update(r for r in self._by_url.get(print_.url, [])[:self.options.max_postings]
                         if r not in self._empty)
        found.update(self.lsh.query(print_.band_keys()))
        return sorted(found)

    def same_body(self, print_: Fingerprint) -> list[str]:
        """Earlier records with this record's body key (matches without a look at the shingles)."""
        return self._by_body.get(print_.body_key, [])

    def insert(self, record_id: str, print_: Fingerprint) -> None:
        if print_.url:
            self._by_url.setdefault(print_.url, []).append(record_id)
        if print_.empty:
            self._empty.add(record_id)
            return
        self._by_body.setdefault(print_.body_key, []).append(record_id)
        self.lsh.insert(record_id, print_.band_keys())


class Deduper:
    """Near-duplicate clustering in memory, one record at a time."""

    def __init__(self, options: DedupOptions | None = None) -> None:
        self.options = options or DedupOptions()
        self.index = CandidateIndex(self.options)
        self._sets = UnionFind()
        self._prints: dict[str, Fingerprint] = {}

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
            for other in self.index.candidates(print_):
                if self._sets.find(other) != self._sets.find(record_id) and is_match(
                        print_, self._prints[other], self.options):
                    self._sets.union(record_id, other)
        self.index.insert(record_id, print_)
        self._prints[record_id] = print_
        return self._sets.find(record_id)

    def cluster_of(self, record_id: str) -> str:
        return self._sets.find(record_id)

    def labels(self) -> dict[str, str]:
        """record id -> cluster id, for every record added."""
        return self._sets.labels()


def candidate_pairs(prints: Iterable[tuple[str, Fingerprint]], options: DedupOptions | None = None
                    ) -> Iterator[tuple[str, str, bool]]:
    """Every pair :class:`Deduper` would consider, found from signatures alone (the prints need no
    shingles): ``(record, earlier record, same body)`` for each record in turn and each candidate
    of it. A pair with the same body is a match; the others are checked with :func:`is_match` (on
    the shingles, wherever they are). The connected components of the pairs that match are the
    Deduper's clusters, since it skips a check only between records already joined."""
    index = CandidateIndex(options or DedupOptions())
    for record_id, print_ in prints:
        if not print_.empty:
            same = set(index.same_body(print_))
            for other in index.candidates(print_):
                yield record_id, other, other in same
        index.insert(record_id, print_)


def cluster(records: Iterable[tuple[str, str, str | None]], options: DedupOptions | None = None
            ) -> dict[str, str]:
    """Cluster ``(record id, body text, url or None)`` records; returns record id -> cluster id."""
    deduper = Deduper(options)
    for record_id, text, url in records:
        deduper.add(record_id, text, url)
    return deduper.labels()
