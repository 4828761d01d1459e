"""--jobs N when a worker process dies: the capture that killed it is rejected, the rest goes on.

A native library can crash on a hostile file (SIGSEGV), the out-of-memory killer can end a worker,
code can call ``os._exit``. Each stream runs in a thread with a deadline, so a hang fails the test.
"""

from __future__ import annotations

import itertools
import multiprocessing
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TypeVar

import pytest

from newsfuse.ingest import IngestOptions, IngestStats, ingest
from newsfuse.options import ExtractOptions
from newsfuse.pipeline import Result, extract_one, extract_stream
from newsfuse.records import Article, Capture, Rejected
from newsfuse.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from dying_worker import die_on_marked

T = TypeVar("T")
DEADLINE = 60.0
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
HTML = [(EXAMPLES / name).read_bytes() for name in ("comet-survey.html", "tidal-barrier.html")]
OPTIONS = ExtractOptions()


def captures(names: Iterable[str]) -> list[Capture]:
    return [Capture(f"in/{name}.html", HTML[i % 2] + name.encode()) for i, name in enumerate(names)]


def within_deadline(job: Callable[[], T]) -> T:
    """What ``job`` returns, or a failure when it has not returned in time."""
    out: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            out.append(job())
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(DEADLINE)
    assert not thread.is_alive(), f"hung: no end in {DEADLINE:g} s"
    if errors:
        raise errors[0]
    return out[0]


def records(stream: Iterator[Result], count: int | None = None) -> list[Result]:
    """The stream's records (the first ``count``), within the deadline."""
    return within_deadline(lambda: list(itertools.islice(stream, count)))


def path_of(result: Article | Rejected) -> str | None:
    return result.path if isinstance(result, Rejected) else result.capture and result.capture.path


def expected(items: list[Capture]) -> list[dict[str, object]]:
    return [extract_one(item, OPTIONS).to_dict() for item in items]


def test_a_worker_that_dies_rejects_its_capture_by_name_and_the_batch_goes_on() -> None:
    items = captures(["a", "b", "exit-c", "d", "segv-e", "f"])
    results = records(extract_stream(items, OPTIONS, 2, work=die_on_marked))
    assert [path_of(r) for r in results] == [i.path for i in items]
    exited, segfault = results[2], results[4]
    assert isinstance(exited, Rejected) and exited.code == "crashed"
    assert exited.reason == "the extractor process died (exit code 3) on this capture"
    assert exited.sha256 == items[2].sha256 and exited.size == items[2].size
    assert isinstance(segfault, Rejected) and segfault.code == "crashed"
    assert "killed by SIGSEGV" in segfault.reason and segfault.path == "in/segv-e.html"
    others = [r.to_dict() for i, r in enumerate(results) if i not in (2, 4)]
    assert others == [e for i, e in enumerate(expected(items)) if i not in (2, 4)]


def test_killers_far_apart_each_get_a_fresh_pool_after_them() -> None:
    names = [f"n{i}" for i in range(60)]
    for at in (3, 40, 59):
        names[at] = f"exit-{at}"
    items = captures(names)
    results = records(extract_stream(items, OPTIONS, 2, work=die_on_marked))
    assert [path_of(r) for r in results] == [i.path for i in items]
    assert [i for i, r in enumerate(results) if isinstance(r, Rejected)] == [3, 40, 59]
    kept = [i for i in range(60) if i not in (3, 40, 59)]
    everything = expected(items)
    assert [results[i].to_dict() for i in kept] == [everything[i] for i in kept]


def test_the_input_is_read_as_results_are_taken_and_close_stops_the_workers() -> None:
    pulled = itertools.count()

    def endless() -> Iterator[Capture]:
        for i in itertools.count():
            next(pulled)
            yield Capture(f"in/{i}.html", HTML[i % 2])

    before = set(multiprocessing.active_children())
    stream = extract_stream(endless(), OPTIONS, 2)
    assert len(records(stream, 3)) == 3
    assert next(pulled) < 100  # a bounded number of captures in flight, not the whole input
    stream.close()
    assert not set(multiprocessing.active_children()) - before


def test_workers_are_replaced_after_their_share_of_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newsfuse.pipeline._TASKS_PER_WORKER", 2)
    items = captures([f"n{i}" for i in range(40)])
    results = records(extract_stream(items, OPTIONS, 2))
    assert [r.to_dict() for r in results] == expected(items)


def test_ingest_stores_the_capture_that_killed_its_worker_as_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dying = partial(extract_stream, work=die_on_marked)
    monkeypatch.setattr("newsfuse.ingest.extract_stream", dying)
    items = captures(["a", "b", "exit-c", "d"])

    def run() -> tuple[IngestStats, list[tuple[str, str, str | None]]]:
        with Store(tmp_path / "store.db") as store:
            stats = ingest(items, store, IngestOptions(jobs=2))
            query = "SELECT path, status, code FROM captures ORDER BY path"
            rows = store.conn.execute(query).fetchall()
        return stats, rows

    stats, rows = within_deadline(run)
    assert stats.read == 4 and stats.rejected == 1
    assert ("in/exit-c.html", "rejected", "crashed") in rows and len(rows) == 4
