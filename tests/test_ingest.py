"""The corpus layer end to end: ingest, clusters across forms, idempotency, crash safety, readers."""

from __future__ import annotations

import itertools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsfuse.ingest import ingest
from newsfuse.readers import iter_captures
from newsfuse.records import Article, Block, Capture, CaptureInfo
from newsfuse.store import Store

sys.path.insert(0, str(Path(__file__).parent))
import synth

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(db: Path, *paths: Path) -> object:
    with Store(db) as store:
        return ingest(iter_captures([str(p) for p in paths]), store)


def content(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Everything a user can observe in the store, in a canonical order."""
    conn = sqlite3.connect(db)
    tables = {
        "articles": "SELECT id, founder, record FROM articles ORDER BY id",
        "captures": "SELECT id, sha256, path, kind, status, code, reason, record, body_key, site, article_id"
                    " FROM captures ORDER BY id",
        "site_lines": "SELECT * FROM site_lines ORDER BY 1, 2, 3",
        "fts": "SELECT id, title, body FROM articles_fts ORDER BY id",
    }
    try:
        found = {name: conn.execute(sql).fetchall() for name, sql in tables.items()}
    finally:
        conn.close()
    with Store(db, readonly=True) as store:  # the LSH postings, wherever the store keeps them
        found["lsh"] = list(store.lsh.postings())
    return found


def test_examples_fuse_into_the_expected_articles(tmp_path) -> None:
    db = tmp_path / "n.db"
    stats = run(db, EXAMPLES)
    with Store(db, readonly=True) as store:
        records = {r["title"]: r for r in store.articles()}
    assert stats.rejected == 0
    barrier = records["Riverton approves tidal barrier after decade of floods"]
    kinds = sorted(c["kind"] for c in barrier["captures"])
    assert kinds.count("html") == 1 and "page-text" in kinds and "pdf-text" in kinds
    comets = [r for r in records.values() if "comet" in r["text"].lower()]
    assert len(comets) == 1, "the syndicated wire story is one article"
    assert len(comets[0]["captures"]) == 2
    assert len(records) == 2


def test_ingest_is_idempotent(tmp_path) -> None:
    db = tmp_path / "n.db"
    first = run(db, EXAMPLES)
    before = content(db)
    second = run(db, EXAMPLES)
    assert second.new == 0 and second.present == first.read
    assert content(db) == before


def test_look_alike_articles_do_not_merge(tmp_path) -> None:
    corpus = synth.Corpus(seed=7)
    quote = corpus.sentence() + " " + corpus.sentence() + " " + corpus.sentence()
    shared = corpus.article()[1][:1]
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(2):
        title, paragraphs = corpus.article()
        (folder / f"{n}.txt").write_text(synth.page_text(title, shared + paragraphs[:3] + [quote] + paragraphs[3:]))
    stats = run(tmp_path / "n.db", folder)
    assert stats.articles == 2


def test_clusters_do_not_depend_on_which_of_two_twins_comes_first(tmp_path, monkeypatch) -> None:
    # page text and PDF text with one body (an exact twin), only the PDF text showing the page's URL;
    # the HTML capture's extraction failed to a short teaser that only that URL ties to the others
    corpus = synth.Corpus(seed=11)
    _, paragraphs = corpus.article()
    url = "https://bay.example/news/2024/pier-closes"
    forms = {"a.html": (["Read the whole story about the pier on our site today."], url, "html"),
             "a.txt": (paragraphs, None, "page-text"), "a.pdf.txt": (paragraphs, url, "pdf-text")}
    captures = {name: Capture(name, name.encode()) for name in forms}
    results = {name: Article(paragraphs=tuple(Block(p) for p in body), url=link,
                             capture=CaptureInfo.of(captures[name], kind))
               for name, (body, link, kind) in forms.items()}
    monkeypatch.setattr("newsfuse.ingest.extract_stream", lambda items, options, jobs: (results[c.path] for c in items))
    for n, order in enumerate(itertools.permutations(forms)):
        with Store(tmp_path / f"{n}.db") as store:
            stats = ingest([captures[name] for name in order], store)
        assert stats.articles == 1, order


def _write_synthetic(folder: Path, count: int) -> None:
    folder.mkdir()
    for capture in synth.captures(count, seed=3):
        (folder / Path(capture.path).name).write_bytes(capture.data)


@pytest.mark.slow
def test_kill_9_then_rerun_equals_an_uninterrupted_run(tmp_path) -> None:
    folder = tmp_path / "in"
    _write_synthetic(folder, 400)
    reference = tmp_path / "ref.db"
    command = [sys.executable, "-m", "newsfuse", "ingest", str(folder), "-q"]
    subprocess.run([*command, "--db", str(reference)], check=True, timeout=600)
    killed = tmp_path / "killed.db"
    for delay in (1.5, 3.0):
        process = subprocess.Popen([*command, "--db", str(killed)])
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not _has_rows(killed):
            time.sleep(0.05)
        time.sleep(delay * 0.1)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
    partial = content(killed)
    print("captures stored when killed:", len(partial["captures"]))
    assert 0 < len(partial["captures"]) < 400, "the kill came after the run had finished"
    subprocess.run([*command, "--db", str(killed)], check=True, timeout=600)
    assert content(killed) == content(reference)


def _has_rows(db: Path) -> bool:
    if not db.exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM captures").fetchone()[0] > 0
        finally:
            conn.close()
    except sqlite3.Error:
        return False


@pytest.mark.slow
def test_two_readers_while_one_writer_ingests(tmp_path) -> None:
    folder = tmp_path / "in"
    _write_synthetic(folder, 300)
    db = tmp_path / "n.db"
    run(db, EXAMPLES)
    writer = subprocess.Popen([sys.executable, "-m", "newsfuse", "ingest", str(folder), "--db", str(db), "-q"])
    reads = 0
    try:
        while writer.poll() is None and reads < 200:
            for _ in range(2):
                listing = subprocess.run([sys.executable, "-m", "newsfuse", "articles", "--db", str(db),
                                          "--format", "jsonl"], check=False, capture_output=True, text=True, timeout=120)
                assert listing.returncode == 0, listing.stderr
                assert all(json.loads(line)["id"] for line in listing.stdout.splitlines())
                reads += 1
    finally:
        writer.wait(timeout=600)
    assert writer.returncode == 0 and reads >= 2


def test_lsh_postings_moved_to_the_main_index_still_find_duplicates(tmp_path) -> None:
    """Recent postings are held in memory and move to the lsh table in bulk: where a posting sits
    changes nothing."""
    items = list(synth.captures(120, seed=5))
    moved, kept = tmp_path / "moved.db", tmp_path / "kept.db"
    with Store(moved) as store:
        ingest(items[:60], store)
        with store.batch():
            assert store.lsh.settle(force=True)
        assert store.count("lsh") > 0 and not store.lsh.recent()
        second = ingest(items[60:], store)
    with Store(kept) as store:
        ingest(items[:60], store)
        ingest(items[60:], store)
    assert second.merged > 0, "later captures must find earlier ones in the main index"
    assert content(moved) == content(kept)


def test_two_writers_on_one_store_still_merge_duplicates(tmp_path) -> None:
    """A writer's held LSH postings are dropped when another connection has committed since its last
    batch: the other writer's captures are candidates too (they were missed, and split articles)."""
    db = tmp_path / "n.db"
    first, second = Store(db), Store(db)
    try:
        ingest(iter_captures([str(EXAMPLES / "tidal-barrier.txt")]), first)  # first holds its postings now
        ingest(iter_captures([str(EXAMPLES / "comet-survey.html")]), second)
        # a copy with another URL and one more paragraph: only the near-duplicate index ties it
        page = (EXAMPLES / "comet-survey.html").read_text(encoding="utf-8")
        copy = tmp_path / "copy.html"
        copy.write_text(page.replace("northfielddaily.example/science", "mirror.example/news").replace(
            "</p>", "</p><p>The observatory will publish the full list of fragments on its website in spring.</p>", 1),
            encoding="utf-8")
        ingest(iter_captures([str(copy)]), first)
    finally:
        first.close()
        second.close()
    with Store(db, readonly=True) as store:
        sizes = sorted(len(record["captures"]) for record in store.articles())
    assert sizes == [1, 2]


def test_ingest_with_worker_processes_matches_one_process(tmp_path) -> None:
    """--jobs 2: the known-capture check runs in the pool's feeder thread, not on the writer's connection."""
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    with Store(one) as store:
        ingest(iter_captures([str(EXAMPLES)]), store)
    from newsfuse.ingest import IngestOptions

    with Store(two) as store:
        ingest(iter_captures([str(EXAMPLES)]), store, IngestOptions(jobs=2))
        again = ingest(iter_captures([str(EXAMPLES)]), store, IngestOptions(jobs=2))
    assert again.present == again.read and again.new == 0
    assert content(one)["articles"] == content(two)["articles"]


def test_overlapping_ingests_leave_the_collector_as_they_found_it() -> None:
    import gc

    from newsfuse.ingest import _fewer_collections

    before = gc.get_threshold()
    first, second = _fewer_collections(), _fewer_collections()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # threads: the first ingest ends while the second still runs
    second.__exit__(None, None, None)
    assert gc.get_threshold() == before


def test_settling_postings_outside_a_transaction_is_refused(tmp_path) -> None:
    with Store(tmp_path / "n.db") as store, pytest.raises(RuntimeError, match="inside a transaction"):
        store.lsh.settle(force=True)
