"""Schema migrations: a store written by an older newsfuse opens, is migrated, and ingests on as if it
had always been at the current version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsfuse.errors import StoreError
from newsfuse.ingest import ingest
from newsfuse.readers import iter_captures
from newsfuse.store import SCHEMA_VERSION, Store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FIRST = ["tidal-barrier.html", "comet-survey.html"]
REST = ["tidal-barrier.pdf", "tidal-barrier.pdf.txt", "tidal-barrier.txt", "comet-survey-syndicated.html"]

# what version 1 looked like: no founder_id, FTS rows found by scanning id, no shingles kept,
# one LSH table
_AS_VERSION_1 = """
DROP TABLE lsh_state;
DROP INDEX site_lines_article;
ALTER TABLE signatures DROP COLUMN shingles;
ALTER TABLE articles DROP COLUMN founder_id;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(id UNINDEXED, title, body, tokenize = 'unicode61');
INSERT INTO articles_fts (id, title, body) SELECT id, coalesce(json_extract(record, '$.title'), ''),
    coalesce(json_extract(record, '$.text'), '') FROM articles;
PRAGMA user_version = 1;
"""


def ingest_files(db: Path, names: list[str]) -> None:
    with Store(db) as store:
        ingest(iter_captures([str(EXAMPLES / name) for name in names]), store)


def content(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    queries = {
        "articles": "SELECT id, founder, founder_id, record FROM articles ORDER BY id",
        "captures": "SELECT * FROM captures ORDER BY id",
        "site_lines": "SELECT * FROM site_lines ORDER BY 1, 2, 3",
        "fts": "SELECT rowid, id, title, body FROM articles_fts ORDER BY id",
    }
    try:
        found = {name: conn.execute(sql).fetchall() for name, sql in queries.items()}
    finally:
        conn.close()
    with Store(db, readonly=True) as store:
        found["lsh"] = list(store.lsh.postings())
    return found


def test_a_version_1_store_is_migrated_and_ingests_on(tmp_path) -> None:
    reference, old = tmp_path / "ref.db", tmp_path / "old.db"
    for db in (reference, old):
        ingest_files(db, FIRST)
    with Store(old) as store, store.batch():  # every posting in the lsh table, as version 1 kept them
        store.lsh.settle(force=True)
    conn = sqlite3.connect(old)
    conn.executescript(_AS_VERSION_1)
    conn.close()
    with pytest.raises(StoreError, match="schema version 1"):
        Store(old, readonly=True)
    with Store(old) as store:
        assert store.version() == SCHEMA_VERSION
        assert [hit["title"] for hit in store.search("tidal")][:1] == [
            "Riverton approves tidal barrier after decade of floods"]
    for db in (reference, old):  # the other forms must find the old captures (no shingles kept)
        ingest_files(db, REST)
    migrated, expected = content(old), content(reference)
    assert migrated == expected
    assert len(expected["articles"]) == 2


def test_a_store_from_a_newer_newsfuse_is_refused(tmp_path) -> None:
    db = tmp_path / "new.db"
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(db)


def test_a_version_3_store_moves_its_recent_postings_into_the_index(tmp_path) -> None:
    db = tmp_path / "v3.db"
    ingest_files(db, FIRST + REST)
    before = content(db)
    with Store(db) as store, store.batch():  # version 3 kept the postings not yet moved in a table
        recent = [(band, key, capture_id) for (band, key), ids in store.lsh.recent().items()
                  for capture_id in ids]
        assert recent
        store.conn.execute("CREATE TABLE lsh_recent (band INTEGER NOT NULL, key BLOB NOT NULL,"
                           " capture_id INTEGER NOT NULL, PRIMARY KEY (band, key, capture_id)) WITHOUT ROWID")
        store.conn.executemany("INSERT INTO lsh_recent VALUES (?, ?, ?)", recent)
        store.conn.execute("UPDATE lsh_state SET merged_upto = (SELECT max(id) FROM captures)")
        store.conn.execute("PRAGMA user_version = 3")
    with Store(db) as store:
        assert store.version() == SCHEMA_VERSION
        assert store.count("lsh") >= len(recent) and not store.lsh.recent()
    assert content(db) == before


def test_the_article_list_reads_an_index_and_an_older_store_is_read_without_upgrading(tmp_path) -> None:
    db = tmp_path / "n.db"
    ingest_files(db, FIRST)
    with Store(db, readonly=True) as store:
        plan = store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM articles ORDER BY json_extract(record, '$.published') IS NULL,"
            " json_extract(record, '$.published') DESC, id LIMIT 50").fetchall()
        assert "USING INDEX articles_by_published" in str(plan)
        listed = store.article_summaries()
    conn = sqlite3.connect(db)
    conn.executescript("DROP INDEX articles_by_published; PRAGMA user_version = 4;")
    conn.close()
    with Store(db, readonly=True) as store:  # a reader does not upgrade: it reads version 4 as it is
        assert store.version() == 4 and store.article_summaries() == listed
