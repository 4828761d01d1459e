"""The pipeline on a Dask cluster (a LocalCluster of two worker processes the tests start): the same
fused records as ``ingest``, rejections named, a capture that kills its worker rejected, the rest on."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import dask
import pytest

from newsfuse.engines.dask import connect, run, write_jsonl
from newsfuse.ingest import IngestOptions, ingest
from newsfuse.readers import iter_captures
from newsfuse.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from dying_worker import die_on_marked
from test_readers_warc import OTHER, PAGE, record

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), connect(workers=2) as client:
        yield client


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """The examples, a second copy of one of them, an empty file and a WARC archive of two pages."""
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder)
    shutil.copy(folder / "comet-survey.html", folder / "copy-of-comet-survey.html")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "crawl.warc.gz").write_bytes(b"".join(gzip.compress(record(url, body)) for url, body in [
        ("https://bay.example/news/ferry", PAGE), ("https://bay.example/news/market", OTHER)]))
    return folder


def local_records(paths: list[str], db: Path, options: IngestOptions | None = None
                  ) -> tuple[list[dict[str, object]], dict[str, int]]:
    with Store(db) as store:
        stats = ingest(iter_captures(paths), store, options or IngestOptions())
        return sorted(store.articles(), key=lambda r: str(r["id"])), asdict(stats)


def test_the_cluster_gives_ingest_s_records_and_counts(client, inputs: Path, tmp_path: Path) -> None:
    paths = [str(inputs)]
    result = run(paths, client, files_per_partition=3)  # several partitions
    records = sorted(result.articles.compute(), key=lambda r: str(r["id"]))
    expected, counts = local_records(paths, tmp_path / "n.db")
    assert records == expected
    assert asdict(result.stats) == counts
    assert counts["present"] == 1 and counts["rejected"] == 1 and counts["articles"] == 4
    assert [r.path for r in result.rejected] == [str(inputs / "empty.txt")]


APPEAL = "Harbour news is free to read because readers like you chip in every month."
TOPICS = ["ferry", "market", "lighthouse", "regatta", "pier", "lifeboat"]


def site_page(topic: str) -> bytes:
    body = "".join(f"<p>The {topic} story, part {n}: the council discussed the {topic} for {n + 2} hours on "
                   f"Tuesday and will decide on the {topic} budget in week {n + 10}.</p>" for n in range(4))
    return (f"<!doctype html><html><head><title>{topic.title()} news</title>"
            f"<link rel='canonical' href='https://bay.example/news/{topic}'></head><body><article>"
            f"<h1>{topic.title()} news</h1>{body}<p>{APPEAL}</p></article></body></html>").encode()


def test_site_boilerplate_is_learned_over_the_cluster_as_ingest_learns_it(client, tmp_path: Path) -> None:
    from newsfuse.boilerplate.site import SiteOptions

    folder = tmp_path / "site"
    folder.mkdir()
    for topic in TOPICS:
        (folder / f"{topic}.html").write_bytes(site_page(topic))
    options = IngestOptions(site=SiteOptions(min_articles=3))
    records = sorted(run([str(folder)], client, options).articles.compute(), key=lambda r: str(r["id"]))
    assert records == local_records([str(folder)], tmp_path / "n.db", options)[0]
    assert len(records) == len(TOPICS) and all(APPEAL not in str(r["text"]) for r in records)
    assert all({"text": APPEAL, "kind": "site-boilerplate"} in r["removed"] for r in records)  # type: ignore[operator]


def test_partitions_hold_about_equal_bytes(tmp_path: Path) -> None:
    from newsfuse.engines.dask import _partitions

    files = []
    for number, size in enumerate([100, 100, 100, 1000, 10]):
        (tmp_path / f"{number}").write_bytes(b"x" * size)
        files.append((number, str(tmp_path / f"{number}")))
    assert _partitions(files, 2, None) == [files[:3], files[3:4], files[4:]]  # a big archive runs alone
    assert _partitions(files, 2, 2) == [files[:2], files[2:4], files[4:]]


def test_write_jsonl_puts_one_file_per_partition_and_the_rejections(client, inputs: Path, tmp_path: Path) -> None:
    result = run([str(inputs)], client, files_per_partition=3)
    files = write_jsonl(result, tmp_path / "out")
    lines = [json.loads(line) for f in files if "articles-" in f for line in Path(f).read_text().split("\n") if line]
    assert len(lines) == 4 and len({r["id"] for r in lines}) == 4
    (rejected,) = [json.loads(line) for line in (tmp_path / "out" / "rejected.jsonl").read_text().splitlines()]
    assert rejected["code"] == "empty" and rejected["path"].endswith("empty.txt")
    write_jsonl(run([str(inputs)], client, files_per_partition=100), tmp_path / "out")  # one partition now
    assert [f.name for f in (tmp_path / "out").glob("articles-*.jsonl")] == ["articles-0.jsonl"]


def test_a_file_that_kills_its_worker_is_rejected_and_the_rest_goes_on(client, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / "comet-survey.html", folder / "a.html")
    shutil.copy(EXAMPLES / "tidal-barrier.html", folder / "exit-b.html")
    shutil.copy(EXAMPLES / "tidal-barrier.txt", folder / "c.txt")
    shutil.copy(EXAMPLES / "tidal-barrier.html", folder / "exit-d.html")  # the same bytes again: present
    result = run([str(folder)], client, files_per_partition=3, work=die_on_marked)
    (crashed,) = result.rejected
    assert crashed.code == "crashed" and crashed.path == str(folder / "exit-b.html") and crashed.sha256
    titles = sorted(r["title"] for r in result.articles.compute())
    assert len(titles) == 2
    assert (result.stats.read, result.stats.new, result.stats.present, result.stats.rejected) == (4, 2, 1, 1)


def test_a_warc_record_that_kills_its_worker_is_found_and_rejected_alone(client, tmp_path: Path) -> None:
    pages = [(f"https://bay.example/news/{n}", site_page(topic)) for n, topic in enumerate(TOPICS[:5])]
    pages[3] = (pages[3][0], pages[3][1].replace(b"</article>", b"<p>KILL THIS WORKER</p></article>"))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(gzip.compress(record(url, body)) for url, body in pages))
    result = run([str(path)], client, work=die_on_marked)
    (crashed,) = result.rejected
    assert crashed.code == "crashed" and crashed.path == [c.path for c in iter_captures([str(path)])][3]
    expected = sorted(f"https://bay.example/news/{topic}" for n, topic in enumerate(TOPICS[:5]) if n != 3)
    assert sorted(r["url"] for r in result.articles.compute()) == expected  # their canonical URLs
    assert (result.stats.read, result.stats.new, result.stats.rejected) == (5, 4, 1)


def test_no_input_gives_no_article(client, tmp_path: Path) -> None:
    result = run([str(tmp_path)], client)
    assert result.articles.compute() == [] and result.stats.read == 0


def test_cli_dask_command(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "newsfuse", "dask", str(EXAMPLES), "-o", str(out), "--workers", "1"],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "6 captures read" in done.stderr and "2 articles" in done.stderr
    records = [json.loads(line) for f in sorted(out.glob("articles-*.jsonl")) for line in f.read_text().split("\n")
               if line]
    assert sorted(len(r["captures"]) for r in records) == [2, 4]
    assert subprocess.run([sys.executable, "-m", "newsfuse", "dask", "-", "-o", str(out)], capture_output=True,
                          text=True, timeout=120, check=False).returncode == 2


def test_without_dask_the_engine_says_how_to_install_it(monkeypatch) -> None:
    from newsfuse.errors import UsageError

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    with pytest.raises(UsageError, match=r"pip install 'newsfuse\[dask\]'"), connect():
        pass


def _scenario_ids(forms: list[tuple[list[str], str | None]], options: IngestOptions, monkeypatch,
                  tmp_path: Path) -> tuple[list[str], list[str]]:
    """The article of each capture by ingest and by the engine's client-side clustering (the pairs
    checked here, as the workers would)."""
    from newsfuse.dedup import fingerprint, is_match
    from newsfuse.engines.dask import EngineResult, _Clusters
    from newsfuse.records import Article, Block, Capture, CaptureInfo

    captures = [Capture(f"{n}.txt", f"capture {n}".encode()) for n in range(len(forms))]
    articles = {c.path: Article(paragraphs=tuple(Block(p) for p in body), url=url, capture=CaptureInfo.of(c, "page-text"))
                for c, (body, url) in zip(captures, forms, strict=True)}
    monkeypatch.setattr("newsfuse.ingest.extract_stream", lambda items, opts, jobs: (articles[c.path] for c in items))
    with Store(tmp_path / "s.db") as store:
        ingest(captures, store, options)
        by_ingest = [r[0] for r in store.conn.execute("SELECT article_id FROM captures ORDER BY id")]
    prints = {(0, n): fingerprint(articles[c.path].text, options.dedup, articles[c.path].url)
              for n, c in enumerate(captures)}
    clusters = _Clusters([(0, order, c.sha256, prints[order]) for order, c in zip(prints, captures, strict=True)],
                         options, EngineResult(None))
    matched = [(a, b) for todo in clusters.pairs.values() for a, b in todo if is_match(prints[a], prints[b], options.dedup)]
    assigned = clusters.assign(matched)
    return by_ingest, [assigned[order][1] for order in prints]


def test_the_engine_draws_ingest_s_lines_for_crowded_keys_and_urls(monkeypatch, tmp_path: Path) -> None:
    from newsfuse.dedup import DedupOptions

    words = [f"{word}{n}" for n, word in enumerate(["harbour", "ferry", "pier", "quay", "mooring", "tide", "lock", "crane"] * 8)]
    body, near = " ".join(words), " ".join(words[:30] + ["changed"] + words[31:])
    other = " ".join(f"w{n}" for n in range(20))
    url = "https://bay.example/news/a"
    one = IngestOptions(dedup=DedupOptions(max_postings=1))
    scenarios = ([([body], None), ([near], None)],  # a key one record already has is crowded at max_postings=1
                 [([], url), ([body], url), ([other], url)],  # an empty body takes a place of the URL's
                 [([body], url), ([near], url)])
    for n, forms in enumerate(scenarios):
        (tmp_path / str(n)).mkdir()
        by_ingest, by_engine = _scenario_ids(forms, one, monkeypatch, tmp_path / str(n))
        assert by_engine == by_ingest
