"""The embedded store: SQLite (WAL, foreign keys), schema version + migrations.

    captures        every capture seen, by content hash: its extraction or its rejection
    articles        one row per article cluster: its fused record
    lsh             the persisted near-duplicate index: (band, key) -> capture; the latest
                    captures' postings are held in memory and move over in bulk (store_lsh.py)
    site_lines      body lines per site and the distinct articles they occur in (boilerplate learning)
    articles_fts    FTS5 over fused title and body

All writes of one batch happen in one transaction (:meth:`Store.batch`), so a process killed at
any point leaves the store as it was after the last whole batch. Readers may read while a writer
writes (WAL).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from newsfuse.errors import AmbiguousId, StoreError, UsageError
from newsfuse.records import Article, Rejected
from newsfuse.store_lsh import LshTable

SCHEMA_VERSION = 5
#: The oldest schema a reader can read: later versions only changed the writer's index tables
#: (the LSH postings) and added an index, so ``articles``, ``show``, ``search``, ``export`` and
#: ``serve`` read a store an older newsfuse wrote without upgrading it (a writer upgrades it).
READABLE_FROM = 2

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE articles (
        id       TEXT PRIMARY KEY,
        founder  TEXT NOT NULL,           -- sha256 of the capture that founded the cluster
        record   TEXT NOT NULL            -- the fused record (JSON)
    );
    CREATE TABLE captures (
        id          INTEGER PRIMARY KEY,
        sha256      TEXT NOT NULL UNIQUE,
        path        TEXT NOT NULL,
        kind        TEXT,
        size        INTEGER NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('ok', 'rejected')),
        code        TEXT,
        reason      TEXT,
        record      TEXT,                 -- the capture's own extraction (JSON)
        body_key    TEXT,                 -- hash of the normalised body (exact duplicates)
        url         TEXT,                 -- canonical URL (a near-duplicate candidate signal)
        site        TEXT,                 -- site key for boilerplate learning
        article_id  TEXT REFERENCES articles(id) ON DELETE SET NULL
    );
    CREATE INDEX captures_article ON captures(article_id);
    CREATE INDEX captures_body ON captures(body_key);
    CREATE INDEX captures_url ON captures(url);
    CREATE TABLE lsh (
        band        INTEGER NOT NULL,
        key         BLOB NOT NULL,
        capture_id  INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
        PRIMARY KEY (band, key, capture_id)
    ) WITHOUT ROWID;
    CREATE TABLE signatures (
        capture_id  INTEGER PRIMARY KEY REFERENCES captures(id) ON DELETE CASCADE,
        signature   BLOB NOT NULL
    );
    CREATE TABLE site_lines (
        site        TEXT NOT NULL,
        line_key    TEXT NOT NULL,
        article_id  TEXT NOT NULL,
        text        TEXT NOT NULL,
        PRIMARY KEY (site, line_key, article_id)
    ) WITHOUT ROWID;
    CREATE VIRTUAL TABLE articles_fts USING fts5(id UNINDEXED, title, body, tokenize = 'unicode61');
    """,
    # 2: lookups that scanned a whole table now use an index: an article's FTS row is the one whose
    # rowid is its founder capture's id (deleted by rowid, not by scanning the unindexed id), an
    # article's site lines have an index, and each capture's shingle hashes are kept next to its
    # signature (a near-duplicate candidate is compared without re-parsing its extraction)
    2: """
    ALTER TABLE articles ADD COLUMN founder_id INTEGER;
    UPDATE articles SET founder_id = (SELECT id FROM captures WHERE sha256 = articles.founder);
    DROP TABLE articles_fts;
    CREATE VIRTUAL TABLE articles_fts USING fts5(id UNINDEXED, title, body, tokenize = 'unicode61');
    INSERT INTO articles_fts (rowid, id, title, body)
        SELECT founder_id, id, coalesce(json_extract(record, '$.title'), ''),
               coalesce(json_extract(record, '$.text'), '') FROM articles;
    CREATE INDEX site_lines_article ON site_lines(article_id);
    -- shingle hashes, uint64 little-endian (NULL: stored before version 2)
    ALTER TABLE signatures ADD COLUMN shingles BLOB;
    """,
    # 3: new LSH postings go to a small table first and move to the main one, in key order, once
    # enough have gathered: a batch no longer writes a random page of the
    # whole index per posting. Captures above lsh_state.merged_upto have their postings in lsh_recent.
    3: """
    CREATE TABLE lsh_recent (
        band        INTEGER NOT NULL,
        key         BLOB NOT NULL,
        capture_id  INTEGER NOT NULL,
        PRIMARY KEY (band, key, capture_id)
    ) WITHOUT ROWID;
    CREATE TABLE lsh_state (merged_upto INTEGER NOT NULL);
    INSERT INTO lsh_state SELECT coalesce(max(id), 0) FROM captures;
    """,
    # 4: the latest captures' postings are held in memory, rebuilt from their signatures
    # (newsfuse.store_lsh): the lsh_recent table's random inserts were a cost of their own
    4: """
    INSERT OR IGNORE INTO lsh SELECT band, key, capture_id FROM lsh_recent ORDER BY band, key, capture_id;
    DROP TABLE lsh_recent;
    UPDATE lsh_state SET merged_upto = (SELECT coalesce(max(id), 0) FROM captures);
    """,
    # 5: the articles in the order the web app lists them (latest published first), by an index
    # rather than by reading and sorting every record on each page
    5: """
    CREATE INDEX IF NOT EXISTS articles_by_published ON articles(
        json_extract(record, '$.published') IS NULL, json_extract(record, '$.published') DESC, id);
    """,
}


def _connect(path: str, readonly: bool, cache_mb: int) -> sqlite3.Connection:
    try:
        if readonly:
            if path != ":memory:" and not Path(path).exists():
                raise UsageError(f"no store at {path} (run `newsfuse ingest` first)")
            target = "file::memory:" if path == ":memory:" else Path(path).resolve().as_uri()  # "#", "?" escaped
            conn = sqlite3.connect(f"{target}?mode=ro", uri=True, timeout=30, isolation_level=None)
        else:
            conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 30000")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            # the LSH and capture indexes are read at random on every capture: kept in memory
            # they are not read back from the file (measured: 1.4 MB read per capture at 20k
            # captures with the 2 MB default, 90 KB with 256 MB)
            conn.execute(f"PRAGMA cache_size = {-1024 * cache_mb}")
        return conn
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the store {path}: {exc}") from exc


class Store:
    """A newsfuse store in one SQLite file. Use as a context manager."""

    def __init__(self, path: str | Path = "newsfuse.db", readonly: bool = False, cache_mb: int = 256) -> None:
        """``cache_mb``: the writer's page cache (an upper bound: it fills as the store grows)."""
        self.path = str(path)
        self.readonly = readonly
        self.conn = _connect(self.path, readonly, cache_mb)
        self.lsh = LshTable(self.conn)
        self._data_version: int | None = None  # PRAGMA data_version at this writer's last batch
        try:
            if not readonly:
                self._migrate()
            elif not READABLE_FROM <= self.version() <= SCHEMA_VERSION:
                raise StoreError(f"{self.path} has schema version {self.version()}, expected {READABLE_FROM} to "
                                 f"{SCHEMA_VERSION} (`newsfuse ingest` into it upgrades an older one)")
        except sqlite3.DatabaseError as exc:  # not a SQLite file, or a damaged one
            self.conn.close()
            raise StoreError(f"cannot read the store {self.path}: {exc}") from exc

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # -------------------------------------------------------------------- schema

    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        current = self.version()
        if current > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer newsfuse (schema {current})")
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self.batch():
                if self.version() >= version:  # another writer opened the store first and migrated it
                    continue
                for statement in _MIGRATIONS[version].split(";"):
                    if statement.strip():
                        self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {version}")

    @contextmanager
    def batch(self) -> Iterator[sqlite3.Connection]:
        """One transaction: everything inside lands together or not at all."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc
        seen = self.conn.execute("PRAGMA data_version").fetchone()[0]
        if seen != self._data_version:  # another connection committed: the held postings are stale
            self.lsh.forget()
            self._data_version = seen
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            self.lsh.forget()  # before the rollback: it may raise when SQLite already rolled back
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    # -------------------------------------------------------------------- captures

    def has_capture(self, sha256: str) -> bool:
        return self.conn.execute("SELECT 1 FROM captures WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def add_rejected(self, rejected: Rejected) -> bool:
        """Store a rejection; False when the same bytes are already stored."""
        cursor = self.conn.execute(
            "INSERT OR IGNORE INTO captures (sha256, path, size, status, code, reason)"
            " VALUES (?, ?, ?, 'rejected', ?, ?)",
            (rejected.sha256 or f"unread:{rejected.path}", rejected.path, rejected.size or 0,
             rejected.code, rejected.reason),
        )
        return cursor.rowcount == 1

    def add_capture(self, article: Article, body_key: str, url: str | None, site: str | None) -> int | None:
        """Store an extraction; its new capture id, or None when the bytes are already stored."""
        info = article.capture
        assert info is not None
        cursor = self.conn.execute(
            "INSERT OR IGNORE INTO captures (sha256, path, kind, size, status, record, body_key, url, site)"
            " VALUES (?, ?, ?, ?, 'ok', ?, ?, ?, ?)",
            (info.sha256, info.path, info.kind, info.size,
             json.dumps(article.to_dict(), ensure_ascii=False), body_key, url, site),
        )
        return cursor.lastrowid if cursor.rowcount == 1 else None

    def capture_article(self, capture_id: int) -> Article:
        row = self.conn.execute("SELECT record FROM captures WHERE id = ?", (capture_id,)).fetchone()
        return Article.from_dict(json.loads(row[0]))

    def capture_sha(self, capture_id: int) -> str:
        return str(self.conn.execute("SELECT sha256 FROM captures WHERE id = ?", (capture_id,)).fetchone()[0])

    def captures_by_url(self, url: str, limit: int = 200) -> list[int]:
        rows = self.conn.execute("SELECT id FROM captures WHERE url = ? ORDER BY id LIMIT ?", (url, limit))
        return [r[0] for r in rows]

    def captures_by_body_key(self, body_key: str) -> list[int]:
        rows = self.conn.execute("SELECT id FROM captures WHERE body_key = ? ORDER BY id", (body_key,))
        return [r[0] for r in rows]

    def members(self, article_id: str, known: Mapping[int, Article] | None = None) -> list[tuple[int, Article]]:
        """The captures of an article with their extractions, in id order; those in ``known``
        (extractions still in memory) are not read back."""
        known = known or {}
        ids = [r[0] for r in self.conn.execute("SELECT id FROM captures WHERE article_id = ? ORDER BY id",
                                               (article_id,))]
        missing = [i for i in ids if i not in known]
        loaded: dict[int, Article] = {}
        for start in range(0, len(missing), 500):  # SQLite bounds the parameters of one statement
            chunk = missing[start:start + 500]
            loaded.update((i, Article.from_dict(json.loads(record))) for i, record in self.conn.execute(
                f"SELECT id, record FROM captures WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return [(i, known[i] if i in known else loaded[i]) for i in ids]

    def article_of(self, capture_id: int) -> str | None:
        row = self.conn.execute("SELECT article_id FROM captures WHERE id = ?", (capture_id,)).fetchone()
        return row[0] if row else None

    def rejections(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT path, code, reason FROM captures WHERE status = 'rejected' ORDER BY id")
        return [{"path": p, "code": c, "reason": r} for p, c, r in rows]

    # -------------------------------------------------------------------- near-duplicate index

    def add_signature(self, capture_id: int, signature: bytes, shingles: bytes,
                      keys: Iterable[tuple[int, bytes]]) -> None:
        """Keep a capture's signature and shingles, and index its LSH ``keys`` (the signature's)."""
        self.lsh.recent()  # built from the rows before this one
        self.conn.execute("INSERT OR REPLACE INTO signatures VALUES (?, ?, ?)", (capture_id, signature, shingles))
        self.lsh.add(capture_id, keys)

    def signature(self, capture_id: int) -> bytes | None:
        row = self.conn.execute("SELECT signature FROM signatures WHERE capture_id = ?", (capture_id,)).fetchone()
        return row[0] if row else None

    def prints(self, capture_ids: Iterable[int]) -> Iterator[tuple[int, str, str | None, bytes, bytes | None, str]]:
        """What dedup kept of stored extractions, in id order: (capture id, body key, canonical URL,
        signature, shingle hashes or None when not kept, article id)."""
        ids = list(capture_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            yield from self.conn.execute(
                "SELECT c.id, c.body_key, c.url, s.signature, s.shingles, c.article_id FROM captures c"
                " LEFT JOIN signatures s ON s.capture_id = c.id"
                f" WHERE c.id IN ({','.join('?' * len(chunk))}) AND c.status = 'ok' ORDER BY c.id", chunk).fetchall()

    # -------------------------------------------------------------------- articles

    def create_article(self, article_id: str, founder: str, founder_id: int) -> None:
        """A new cluster founded by capture ``founder_id`` (its hash ``founder``)."""
        self.conn.execute("INSERT INTO articles (id, founder, record, founder_id) VALUES (?, ?, '{}', ?)",
                          (article_id, founder, founder_id))

    def assign(self, capture_id: int, article_id: str) -> None:
        self.conn.execute("UPDATE captures SET article_id = ? WHERE id = ?", (article_id, capture_id))

    def merge_articles(self, survivor: str, loser: str) -> None:
        self.conn.execute("UPDATE captures SET article_id = ? WHERE article_id = ?", (survivor, loser))
        self.conn.execute("UPDATE site_lines SET article_id = ? WHERE article_id = ?"
                          " AND NOT EXISTS (SELECT 1 FROM site_lines s2 WHERE s2.site = site_lines.site"
                          " AND s2.line_key = site_lines.line_key AND s2.article_id = ?)",
                          (survivor, loser, survivor))
        self.conn.execute("DELETE FROM site_lines WHERE article_id = ?", (loser,))
        self.conn.execute("DELETE FROM articles_fts WHERE rowid = (SELECT founder_id FROM articles WHERE id = ?)",
                          (loser,))
        self.conn.execute("DELETE FROM articles WHERE id = ?", (loser,))

    def founder(self, article_id: str) -> str:
        return str(self.conn.execute("SELECT founder FROM articles WHERE id = ?", (article_id,)).fetchone()[0])

    def save_fused(self, article_id: str, record: dict[str, Any]) -> None:
        """Store an article's fused record and replace its full-text row (rowid: its founder's id)."""
        row = self.conn.execute("UPDATE articles SET record = ? WHERE id = ? RETURNING founder_id",
                                (json.dumps(record, ensure_ascii=False, sort_keys=True), article_id)).fetchall()
        self.conn.execute("DELETE FROM articles_fts WHERE rowid = ?", (row[0][0],))
        self.conn.execute("INSERT INTO articles_fts (rowid, id, title, body) VALUES (?, ?, ?, ?)",
                          (row[0][0], article_id, record.get("title") or "", record.get("text") or ""))

    def article(self, article_id: str) -> dict[str, Any]:
        row = self.conn.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            rows = self.conn.execute("SELECT record FROM articles WHERE substr(id, 1, ?) = ? LIMIT 2",
                                     (len(article_id), article_id)).fetchall()
            if not rows:
                raise UsageError(f"no article with id {article_id!r}")
            if len(rows) > 1:
                raise AmbiguousId(f"id prefix {article_id!r} is ambiguous")
            row = rows[0]
        return dict(json.loads(row[0]))

    def articles(self) -> Iterator[dict[str, Any]]:
        for (record,) in self.conn.execute("SELECT record FROM articles ORDER BY id"):
            yield json.loads(record)

    def count(self, table: str, where: str = "") -> int:
        return int(self.conn.execute(f"SELECT count(*) FROM {table} {where}").fetchone()[0])

    def article_summaries(self, offset: int = 0, limit: int = 50) -> list[dict[str, Any]]:
        """A page of the fused articles, latest published first (undated last): id, title, site,
        published and the kinds of their captures."""
        rows = self.conn.execute(
            "SELECT id, json_extract(record, '$.title'), json_extract(record, '$.site'),"
            " json_extract(record, '$.published'), json_extract(record, '$.captures') FROM articles"
            " ORDER BY json_extract(record, '$.published') IS NULL, json_extract(record, '$.published') DESC, id"
            " LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        return [{"id": i, "title": t, "site": s, "published": p,
                 "kinds": sorted({c.get("kind") or "?" for c in json.loads(c or "[]") or []})}
                for i, t, s, p, c in rows]

    def search(self, query: str, limit: int = 20, marks: tuple[str, str] = ("[", "]")) -> list[dict[str, Any]]:
        """Full-text search over fused titles and bodies, best first, with snippets (their matches
        between ``marks``). A query FTS5 cannot parse as its syntax ("covid-19", "O'Brien", "U.S.")
        is searched again as its words, each quoted."""
        sql = ("SELECT id, title, snippet(articles_fts, 2, ?, ?, ' … ', 12), bm25(articles_fts, 0, 5.0, 1.0)"
               " FROM articles_fts WHERE articles_fts MATCH ? ORDER BY 4 LIMIT ?")
        try:
            rows = self.conn.execute(sql, (*marks, query, limit)).fetchall()
        except sqlite3.OperationalError:
            words = " ".join('"' + word.replace('"', '""') + '"' for word in query.split())
            try:
                rows = self.conn.execute(sql, (*marks, words, limit)).fetchall() if words else []
            except sqlite3.OperationalError as exc:
                raise UsageError(f"bad search query {query!r}: {exc}") from exc
        return [{"id": i, "title": t, "snippet": s, "score": -float(r)} for i, t, s, r in rows]

    # -------------------------------------------------------------------- site boilerplate

    def add_site_lines(self, site: str, article_id: str, lines: Iterable[tuple[str, str]]) -> list[str]:
        """Record that ``article_id`` has these lines; the keys that were new for it."""
        added = []
        for key, text in lines:
            cursor = self.conn.execute("INSERT OR IGNORE INTO site_lines VALUES (?, ?, ?, ?)",
                                       (site, key, article_id, text))
            if cursor.rowcount == 1:
                added.append(key)
        return added

    def line_articles(self, site: str, key: str) -> int:
        """In how many distinct articles of ``site`` the line occurs (an index lookup)."""
        return int(self.conn.execute("SELECT count(*) FROM site_lines WHERE site = ? AND line_key = ?",
                                     (site, key)).fetchone()[0])

    def boilerplate_among(self, site: str, keys: Iterable[str], min_articles: int) -> set[str]:
        """Those of ``keys`` that occur in at least ``min_articles`` distinct articles of ``site``."""
        return {key for key in set(keys) if self.line_articles(site, key) >= min_articles}

    def articles_with_lines(self, site: str, keys: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for key in keys:
            rows = self.conn.execute("SELECT article_id FROM site_lines WHERE site = ? AND line_key = ?",
                                     (site, key))
            found.update(r[0] for r in rows)
        return found
