"""The pipeline on a Dask cluster: the same stage functions as ``ingest``, mapped over a Dask bag.

    connect(scheduler, workers) -> Client            a running scheduler's client, or a local cluster's
    run(paths, client, options) -> EngineResult      fused article records, rejections, counts
    write_jsonl(result, out) -> files                the records as JSON lines, written by the workers

For a crawl too large for one machine's processes: the input files (a WARC archive is one file) are
partitioned over the cluster's workers, and

1. each worker reads and extracts its files (:func:`newsfuse.readers.iter_captures`,
   :func:`newsfuse.pipeline.extract_one`) and fingerprints each body
   (:func:`newsfuse.dedup.fingerprint`); the extractions stay on the workers (persisted);
2. the client gathers their signatures (not the shingles), numbers the captures in input order (a
   capture whose bytes came before is counted as present, as the store does) and finds the pairs
   the incremental :class:`newsfuse.dedup.Deduper` would compare
   (:func:`newsfuse.dedup.candidate_pairs`); the workers compare them where the shingles are, a
   task per pair of partitions; the client joins the matching pairs into articles — the partition
   ``ingest`` makes, with its article ids (the hash of the smallest founding capture's bytes);
3. the workers group the extractions by article and fuse each (:func:`newsfuse.fuse.fuse`), count
   each site's body lines over distinct articles (:func:`newsfuse.boilerplate.site.learnable_lines`),
   and strip the lines that reach :attr:`SiteOptions.min_articles` from every article of the site.

The records are what ``newsfuse articles --format jsonl`` gives after a fresh ``ingest`` of the same
inputs in the same order (a test holds them equal, with learned boilerplate). The client lists the
input files (so it must see them, as the workers must) and holds the signatures and the LSH index
over them (11 KB per capture, measured on the 990 dev HTML pages: the index's 128 band keys a
capture are most of it, so some 1.4 million captures in 16 GB; an LSH index distributed over the
workers is the next step), the capture-to-article table, the
rejections and the site lines that are boilerplate; the site lines are counted on the cluster, and
the article records stay in the bag until written (:func:`write_jsonl`, one file per partition, by
the workers). A capture that kills its worker is found by running its file again apart, and a
WARC archive's records in halves, down to that one capture, which is rejected.
Needs the ``dask`` extra (``pip install 'newsfuse[dask]'``); without it :func:`connect` raises a
:class:`~newsfuse.errors.UsageError` that says so. This is the only module that imports Dask.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from newsfuse.boilerplate.site import learnable_lines, line_key, site_key
from newsfuse.dedup import Fingerprint, UnionFind, candidate_pairs, fingerprint, is_match
from newsfuse.errors import Crashed, UsageError
from newsfuse.fuse import Fused, Member, fuse
from newsfuse.ingest import IngestOptions, IngestStats, article_id_of, stored_record
from newsfuse.pipeline import Work, extract_one
from newsfuse.readers.files import expand_path, iter_captures
from newsfuse.records import Article, Rejected

if TYPE_CHECKING:
    from dask.bag import Bag
    from distributed import Client, Future

#: Partitions per worker when the files are spread (enough to balance uneven files, few enough that
#: the tasks' own cost stays small: on 300 dev captures and 2 workers, 4 files a partition ran at
#: 32 captures/s, 16 at 60, 64 at 56; ``ingest --jobs 2`` 64), and files per partition at most.
PARTITIONS_PER_WORKER, MAX_FILES_PER_PARTITION = 8, 64
_NO_SHINGLES = np.zeros(0, dtype=np.uint64)  # a fingerprint as the client holds it
T = TypeVar("T")
Order = tuple[int, int]  # (input file, capture within it): the input order
_Extracted = tuple[Order, Article | Rejected, Fingerprint | None]


@dataclass(slots=True)
class EngineResult:
    """What a run gives: the fused records (a bag, computed when written or gathered), the
    rejections and the counts of ``ingest``'s summary."""

    articles: Bag
    rejected: list[Rejected] = field(default_factory=list)
    stats: IngestStats = field(default_factory=IngestStats)


@contextmanager
def connect(scheduler: str | None = None, workers: int = 2) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, else of a local cluster of ``workers`` processes
    of one thread each, started for the block (``newsfuse dask`` without ``--scheduler``)."""
    try:
        import dask.bag  # noqa: F401 - what run() needs, checked before a cluster starts
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise UsageError(f"the Dask engine needs {exc.name}: pip install 'newsfuse[dask]'") from exc

    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except OSError as exc:  # refused, unreachable, timed out
            raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        with client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        yield client


def run(paths: Sequence[str], client: Client, options: IngestOptions | None = None,
        files_per_partition: int | None = None, work: Work = extract_one) -> EngineResult:
    """Read, extract, cluster and fuse every capture under ``paths`` on the Dask cluster of
    ``client``; see the module's docstring for the stages. The files are spread in partitions of
    ``files_per_partition`` files (default: :data:`PARTITIONS_PER_WORKER` partitions per worker of
    about equal bytes, see :func:`_partitions`). ``work`` is what is done to each capture
    (``extract_one``), as for :func:`newsfuse.pipeline.extract_stream`."""
    import dask.bag as db
    from dask.delayed import delayed

    options = options or IngestOptions()
    files = list(enumerate(path for arg in paths for path in expand_path(arg)))
    result = EngineResult(db.from_sequence([], npartitions=1))
    if not files:
        return result
    workers = max(1, len(client.scheduler_info()["workers"]))
    chunks = _partitions(files, PARTITIONS_PER_WORKER * workers, files_per_partition)
    done, crashed = _extract_on(client, chunks, options, work)
    summaries = [(part, *row) for part, rows in enumerate(client.gather(client.map(_summaries, done)))
                 for row in rows] + [(-1, *row) for row in crashed]
    if not done:
        _Clusters(sorted(summaries, key=lambda s: s[1]), options, result)
        return result
    extracted = db.from_delayed([delayed(future) for future in done])
    clusters = _Clusters(sorted(summaries, key=lambda s: s[1]), options, result)
    matched = _verify_on(client, done, clusters.pairs, options)
    # what the workers need of the client's answers: one node of the graph each, not a copy per task
    assigned = delayed(clusters.assign(matched), traverse=False)
    members = extracted.map_partitions(_members, assigned)
    fused = members.groupby(_first).map(_fuse, options).persist()  # the fused records, not the members
    # each article's site lines once: a line's count is its number of distinct articles
    counts = fused.pluck(1).flatten().frequencies(split_every=PARTITIONS_PER_WORKER)
    threshold = options.site.min_articles
    boilerplate = set(counts.filter(lambda count: count[1] >= threshold).pluck(0).compute())
    result.articles = fused.pluck(0).map(_record, delayed(boilerplate, traverse=False))
    return result


def _partitions(files: list[tuple[int, str]], wanted: int, size: int | None) -> list[list[tuple[int, str]]]:
    """The files in runs of ``size`` files, or (by default) in about ``wanted`` runs of about equal
    bytes (a WARC archive of a gigabyte is a run of its own), at most :data:`MAX_FILES_PER_PARTITION`
    files each."""
    if size is not None:
        return [files[i:i + size] for i in range(0, len(files), size)]
    sizes = [_size(path) for _, path in files]
    share = max(1, sum(sizes) // wanted)
    runs: list[list[tuple[int, str]]] = [[]]
    filled = 0
    for file, bytes_ in zip(files, sizes, strict=True):
        if runs[-1] and (filled + bytes_ > share or len(runs[-1]) >= MAX_FILES_PER_PARTITION):
            runs.append([])
            filled = 0
        runs[-1].append(file)
        filled += bytes_
    return runs


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # read (and rejected) on a worker


_Task = tuple[list[tuple[int, str]], tuple[int, int | None], "Future[list[_Extracted]]"]  # files, span, task
_Crashed = tuple[Order, str, Rejected]  # a capture that killed its worker, as a summary row


def _extract_on(client: Client, chunks: list[list[tuple[int, str]]], options: IngestOptions, work: Work
                ) -> tuple[list[Future[list[_Extracted]]], list[_Crashed]]:
    """The extracted partitions, held on the workers, and the captures that killed their worker.

    A partition whose worker died (a native library crashing on a hostile file, the out-of-memory
    killer: Dask gives up on a task after ``distributed.scheduler.allowed-failures`` retries) is run
    again a file at a time, one task in the cluster at a time, so that no other file shares its
    fate; in a file of many captures (a WARC archive) the captures are halved until the one that
    kills its worker is found. That one is rejected (code ``crashed``, with its bytes' hash, so a
    second copy of it counts as present, as the store counts it) and the rest goes on. A partition
    done before, whose results went with a dying worker and whose recomputation shared a dying
    worker too, is run again the same way."""
    from distributed import wait

    tasks: list[_Task] = [(chunk, (0, None), future) for chunk, future in zip(
        chunks, client.map(_extract_files, chunks, options=options, work=work, pure=False), strict=True)]
    crashed: list[_Crashed] = []
    while True:
        wait([future for _, _, future in tasks])
        failed = [(files, span) for files, span, future in tasks if future.status != "finished"]
        if not failed:
            return [future for _, _, future in tasks], crashed
        tasks = [task for task in tasks if task[2].status == "finished"]
        for files, span in failed:
            for file in files:
                tasks += _isolate(client, file, span, options, work, crashed)


def _isolate(client: Client, file: tuple[int, str], span: tuple[int, int | None], options: IngestOptions,
             work: Work, crashed: list[_Crashed]) -> list[_Task]:
    """The captures ``span`` (from, to; None: the end) of ``file`` extracted alone, and halved again
    where they fail, down to the one capture that kills its worker (added to ``crashed``)."""
    from distributed import wait

    task = client.submit(_extract_files, [file], options=options, work=work, span=span, pure=False)
    wait(task)
    if task.status == "finished":
        return [([file], span, task)]
    start, end = span
    if end is None:  # how many captures the file holds: read, not extracted
        end = _ask(client, _count_captures, file[1], options)
    if end is not None and end - start > 1:
        middle = (start + end) // 2
        return [*_isolate(client, file, (start, middle), options, work, crashed),
                *_isolate(client, file, (middle, end), options, work, crashed)]
    found = _ask(client, _capture_at, file[1], start, options) if end is not None else None
    path, sha, size = found or (file[1], None, None)
    rejected = _failed(path, task.exception(), sha, size)
    crashed.append(((file[0], start), sha or f"unread:{path}", rejected))
    return []


def _ask(client: Client, function: Callable[..., T], *args: Any) -> T | None:
    """``function(*args)`` run on a worker, or None when it fails there too (reading the file kills
    its worker: the whole file is rejected)."""
    from distributed import wait

    task = client.submit(function, *args, pure=False)
    wait(task)
    return task.result() if task.status == "finished" else None


def _failed(path: str, error: BaseException | None, sha: str | None, size: int | None) -> Rejected:
    """The rejection of a capture whose task failed even alone: its worker died under it, or (a bug)
    the task raised."""
    from distributed.scheduler import KilledWorker

    if isinstance(error, KilledWorker):
        return Rejected(path, "a Dask worker died reading it (a crash in a native library, or out of memory)",
                        Crashed.code, sha, size)
    return Rejected(path, f"failed on a Dask worker: {error!r}", "internal-error", sha, size)


def write_jsonl(result: EngineResult, out: Path) -> list[str]:
    """The fused records as JSON lines, one file per partition under ``out`` (written by the
    workers; the ``articles-*.jsonl`` of an earlier run there are removed first), and the rejections
    in ``out/rejected.jsonl``; the files written."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("articles-*.jsonl"):
        old.unlink()
    written = result.articles.map(lambda r: json.dumps(r, ensure_ascii=False, sort_keys=True)).to_textfiles(
        str(out / "articles-*.jsonl"))
    rejected = out / "rejected.jsonl"
    rejected.write_text("".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in result.rejected),
                        encoding="utf-8")
    return [*written, str(rejected)]


# ---------------------------------------------------------------------------------- on the workers

def _extract_files(files: Iterable[tuple[int, str]], options: IngestOptions, work: Work,
                   span: tuple[int, int | None] = (0, None)) -> list[_Extracted]:
    """Each file's captures, extracted and fingerprinted; only those of ``span`` (a file's captures
    from, to) when one file is run again apart: the others are read, not extracted."""
    out: list[_Extracted] = []
    start, end = span
    for number, path in files:
        for index, item in enumerate(iter_captures([path], options.extract.max_bytes)):
            if end is not None and index >= end:
                break
            if index < start:
                continue
            result = work(item, options.extract)
            print_ = None if isinstance(result, Rejected) else fingerprint(result.text, options.dedup, result.url)
            out.append(((number, index), result, print_))
    return out


def _count_captures(path: str, options: IngestOptions) -> int:
    return sum(1 for _ in iter_captures([path], options.extract.max_bytes))


def _capture_at(path: str, index: int, options: IngestOptions) -> tuple[str, str | None, int | None]:
    """The path (a WARC record's: the archive's with its offset), bytes' hash and size of a file's
    ``index``-th capture."""
    item = next(item for n, item in enumerate(iter_captures([path], options.extract.max_bytes)) if n == index)
    return item.path, item.sha256, item.size


def _summaries(partition: list[_Extracted]) -> list[tuple[Order, str, Fingerprint | Rejected]]:
    """What the client needs of each capture: its order, the key it is stored under and its
    fingerprint without the shingles (they stay here, for :func:`_matches`), or its rejection."""
    rows: list[tuple[Order, str, Fingerprint | Rejected]] = []
    for order, result, print_ in partition:
        if isinstance(result, Rejected):
            rows.append((order, result.sha256 or f"unread:{result.path}", result))
        else:
            assert print_ is not None and result.capture is not None
            rows.append((order, result.capture.sha256, replace(print_, shingles=_NO_SHINGLES)))
    return rows


def _matches(left: list[_Extracted], right: list[_Extracted], pairs: list[tuple[Order, Order]],
             options: IngestOptions) -> list[tuple[Order, Order]]:
    """The pairs (a capture of ``left``, one of ``right``) whose fingerprints match."""
    prints = {order: print_ for order, _, print_ in (*left, *right) if print_ is not None}
    return [(a, b) for a, b in pairs if is_match(prints[a], prints[b], options.dedup)]


def _members(partition: Iterable[_Extracted], assigned: dict[Order, tuple[int, str]]) -> list[tuple[str, Member]]:
    """(article id, member) of each capture kept (not rejected, not a copy of earlier bytes)."""
    out = []
    for order, result, _ in partition:
        if order in assigned:
            assert isinstance(result, Article)
            capture_id, article = assigned[order]
            out.append((article, Member(capture_id, result)))
    return out


def _first(pair: tuple[str, Member]) -> str:
    return pair[0]


def _fuse(group: tuple[str, list[tuple[str, Member]]], options: IngestOptions
          ) -> tuple[Fused, list[tuple[str, str]]]:
    """The article's fused record and its site's lines that its captures have, each once."""
    article, pairs = group
    members = sorted((member for _, member in pairs), key=lambda m: m.capture_id)  # the store's id order
    record = fuse(article, members)
    site = site_key(record.article)
    if site is None:
        return record, []
    keys = {key for m in members for key in learnable_lines(m.article.paragraphs, options.site)}
    return record, [(site, key) for key in sorted(keys)]


def _record(record: Fused, boilerplate: set[tuple[str, str]]) -> dict[str, Any]:
    site = site_key(record.article)
    own = {key for key in (line_key(b.text) for b in record.article.paragraphs) if (site, key) in boilerplate}
    return dict(json.loads(json.dumps(stored_record(record, own), ensure_ascii=False, sort_keys=True)))


# ------------------------------------------------------------------------------------ on the client

class _Clusters:
    """The client's part of dedup: it numbers the captures as the store would (input order, one id
    per distinct stored key), finds the pairs :class:`~newsfuse.dedup.Deduper` would check
    (:func:`~newsfuse.dedup.candidate_pairs`, from the signatures), and, once the workers have
    checked them, gives each capture kept its (capture id, article id)."""

    def __init__(self, summaries: list[tuple[int, Order, str, Fingerprint | Rejected]], options: IngestOptions,
                 result: EngineResult) -> None:
        stats, seen = result.stats, set()
        self.kept: dict[str, tuple[Order, int, str]] = {}  # record id -> (order, capture id, sha)
        self.part: dict[Order, int] = {}  # a capture's partition
        prints: list[tuple[str, Fingerprint]] = []
        for part, order, key, item in summaries:
            stats.read += 1
            if key in seen:
                stats.present += 1
                continue
            seen.add(key)
            if isinstance(item, Rejected):
                stats.rejected += 1
                result.rejected.append(item)
                continue
            stats.new += 1
            record = f"{len(seen):012d}"  # record ids in input order: the smallest is the first
            self.kept[record] = (order, len(seen), key)
            self.part[order] = part
            prints.append((record, item))
        self.stats = stats
        self.same: list[tuple[str, str]] = []  # pairs of one body: matches
        self.pairs: dict[tuple[int, int], list[tuple[Order, Order]]] = {}  # to check, by partitions
        for record, other, same in candidate_pairs(prints, options.dedup):
            if same:
                self.same.append((record, other))
                continue
            a, b = self.kept[record][0], self.kept[other][0]
            self.pairs.setdefault((self.part[a], self.part[b]), []).append((a, b))

    def assign(self, matched: list[tuple[Order, Order]]) -> dict[Order, tuple[int, str]]:
        """(capture id, article id) by order: an article is a connected component of the matching
        pairs; a capture that matched no earlier one founded one (its id is the hash of the smallest
        founder's bytes, as the store's)."""
        record_of = {order: record for record, (order, _, _) in self.kept.items()}
        sets = UnionFind()
        later: set[str] = set()  # records that matched an earlier one
        for record in self.kept:
            sets.add(record)
        for a, b in [*self.same, *((record_of[x], record_of[y]) for x, y in matched)]:
            sets.union(a, b)
            later.add(max(a, b))
        labels = sets.labels()
        founding: dict[str, str] = {}  # cluster -> the smallest founding sha in it
        for record, (_, _, sha) in self.kept.items():
            if record not in later:
                founding[labels[record]] = min(sha, founding.get(labels[record], sha))
        self.stats.merged += len(later)
        self.stats.articles = len(founding)
        return {order: (capture_id, article_id_of(founding[labels[record]]))
                for record, (order, capture_id, _) in self.kept.items()}


def _verify_on(client: Client, done: list[Future[list[_Extracted]]],
               pairs: dict[tuple[int, int], list[tuple[Order, Order]]], options: IngestOptions
               ) -> list[tuple[Order, Order]]:
    """The candidate pairs checked on the workers, a task per pair of partitions (the shingles stay
    where the extraction left them); the pairs that match."""
    tasks = [client.submit(_matches, done[left], done[right], todo, options, pure=False)
             for (left, right), todo in sorted(pairs.items())]
    return [pair for found in client.gather(tasks) for pair in found]
