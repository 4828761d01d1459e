"""The store's near-duplicate index: LSH postings (band, key) -> capture, persisted in SQLite.

    LshTable(conn)                 add / candidates / settle / postings over one connection

Postings of the latest captures (ids above ``lsh_state.merged_upto``) are not written to the
``lsh`` table one by one: a posting key is random, so each one would dirty a page of the whole
index (write volume per capture grew with the store). They are looked up in memory, rebuilt when
needed from the ``signatures`` table (which the same transaction wrote, so the index is exactly as
durable as the captures), and moved to ``lsh`` in key order once about sqrt(256 x captures) of
them have gathered: a bulk insert in key order writes each page of the index at most once.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable, Iterator

import numpy as np

from newsfuse.dedup.minhash import BandKey, band_keys

#: captures whose postings move to ``lsh`` together: at least this many ...
MIN_RECENT = 1024
#: ... and at most this many (the in-memory postings stay under ~150 MB)
MAX_RECENT = 8192

#: the captures holding one LSH key, at most a bound of them, tagged with the key's place in a query
_POSTINGS = "SELECT * FROM (SELECT ? AS k, capture_id FROM lsh WHERE band = ? AND key = ? LIMIT ?)"


class LshTable:
    """The persisted LSH index of one store connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._recent: dict[BandKey, list[int]] | None = None  # None: rebuild from the store

    def forget(self) -> None:
        """Drop what is held in memory (after a rolled-back transaction)."""
        self._recent = None

    def recent(self) -> dict[BandKey, list[int]]:
        """The postings of the captures not yet moved to ``lsh``, rebuilt from their signatures."""
        if self._recent is None:
            recent: dict[BandKey, list[int]] = {}
            rows = self.conn.execute(
                "SELECT capture_id, signature FROM signatures"
                " WHERE capture_id > (SELECT merged_upto FROM lsh_state) ORDER BY capture_id")
            for capture_id, signature in rows:
                for key in band_keys(np.frombuffer(signature, dtype="<u8")):
                    recent.setdefault(key, []).append(capture_id)
            self._recent = recent
        return self._recent

    def add(self, capture_id: int, keys: Iterable[BandKey]) -> None:
        """Index a capture whose signature row was just written (its keys are that signature's)."""
        recent = self.recent()
        for key in keys:
            recent.setdefault(key, []).append(capture_id)

    def candidates(self, keys: Iterable[BandKey], max_postings: int = 200) -> list[int]:
        """Captures sharing at least one key, in id order. A key shared by more than
        ``max_postings`` captures (boilerplate every page of a site has) is passed over. Each key
        is one bounded index lookup; up to 100 of them go in one statement."""
        keys = list(keys)
        recent = self.recent()
        found: set[int] = set()
        for start in range(0, len(keys), 100):
            chunk = keys[start:start + 100]
            params: list[object] = []
            for index, (band, key) in enumerate(chunk):
                params += (index, band, key, max_postings + 1)
            postings: list[list[int]] = [list(recent.get(key, ())) for key in chunk]
            for index, capture_id in self.conn.execute(" UNION ALL ".join([_POSTINGS] * len(chunk)), params):
                postings[index].append(capture_id)
            for ids in postings:
                if len(ids) <= max_postings:
                    found.update(ids)
        return sorted(found)

    def settle(self, force: bool = False) -> bool:
        """Move the recent postings to ``lsh`` when enough have gathered; True if moved. Runs inside
        the caller's transaction (``Store.batch``): the move and ``merged_upto`` land together."""
        if not self.conn.in_transaction:
            raise RuntimeError("LshTable.settle runs inside a transaction (Store.batch)")
        upto, last = self.conn.execute(
            "SELECT merged_upto, (SELECT coalesce(max(id), 0) FROM captures) FROM lsh_state").fetchone()
        enough = min(MAX_RECENT, max(MIN_RECENT, math.isqrt(256 * last)))
        if not force and last - upto < enough:
            return False
        rows = sorted((band, key, capture_id) for (band, key), ids in self.recent().items() for capture_id in ids)
        self.conn.executemany("INSERT OR IGNORE INTO lsh VALUES (?, ?, ?)", rows)
        self.conn.execute("UPDATE lsh_state SET merged_upto = ?", (last,))
        self._recent = {}
        return True

    def postings(self) -> Iterator[tuple[int, bytes, int]]:
        """Every (band, key, capture id) of the index, in that order, wherever it is kept."""
        recent = [(band, key, capture_id) for (band, key), ids in self.recent().items() for capture_id in ids]
        stored = self.conn.execute("SELECT band, key, capture_id FROM lsh").fetchall()
        yield from sorted(stored + recent)
