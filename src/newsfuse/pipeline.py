"""The stages wired together, locally: read → extract, in one process or ``jobs`` processes.

Every stage is a plain function over an iterable, so the Dask engine maps the same functions.
Results come out in input order whatever ``jobs`` is.

With ``jobs`` > 1 the captures go to worker processes in small chunks, a bounded number at a time
(the input can be an endless generator). A worker can die under a capture: a native library
crashing on a hostile file, the out-of-memory killer, ``os._exit``. The pool then breaks; what it
had finished is kept, the captures it had not are run again one at a time in a worker of their own,
which names each capture that kills it (``Rejected``, code ``crashed``), and a fresh pool goes on.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkServerContext, ForkServerProcess

from newsfuse.errors import Crashed, TimedOut
from newsfuse.extract import extract_or_reject
from newsfuse.limits import time_limit
from newsfuse.options import ExtractOptions
from newsfuse.readers.files import iter_captures
from newsfuse.records import Article, Capture, Rejected

Item = Capture | Rejected
Result = Article | Rejected
#: What is done to one capture in a worker; a module-level function (workers import it by name).
Work = Callable[[Item, ExtractOptions], Result]

_CHUNK = 4  # captures per task: the per-task cost of the pool is paid once for a few captures
_AHEAD = 4  # tasks in flight per worker: enough that no worker waits while one chunk is slow
_TASKS_PER_WORKER = 500  # a worker's share of tasks; then fresh workers (see _Pool)


def extract_one(item: Item, options: ExtractOptions) -> Result:
    """One capture → Article or Rejected, under the capture time limit. Never raises."""
    if isinstance(item, Rejected):
        return item
    try:
        with time_limit(options.timeout):
            return extract_or_reject(item, options)
    except TimedOut as exc:
        return Rejected(item.path, str(exc), exc.code, item.sha256, item.size)


def extract_stream(
    items: Iterable[Item], options: ExtractOptions, jobs: int = 1, *, work: Work = extract_one
) -> Iterator[Result]:
    """Extract every capture, in input order, with ``jobs`` worker processes (1 = in process).

    ``work`` is what is done to each capture (``extract_one``). Closing the stream stops the
    workers.
    """
    if jobs <= 1:
        yield from (work(item, options) for item in items)
        return
    pool = _Pool(work, options, jobs)
    try:
        for chunk in _chunks(items, _CHUNK):
            pool.submit(chunk)
            if len(pool.pending) >= jobs * _AHEAD:
                yield from pool.next_results()
        while pool.pending:
            yield from pool.next_results()
    finally:
        pool.close()


def extract_paths(
    paths: Iterable[str], options: ExtractOptions | None = None, jobs: int = 1
) -> Iterator[Result]:
    """Read and extract every capture under ``paths`` (files, directories, globs, ``-``)."""
    options = options or ExtractOptions()
    yield from extract_stream(iter_captures(paths, options.max_bytes), options, jobs)


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _run_chunk(work: Work, chunk: list[Item], options: ExtractOptions) -> list[Result]:
    return [work(item, options) for item in chunk]


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C is for the parent, which stops the workers (no traceback from each)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Pool:
    """``jobs`` worker processes; the chunks submitted and not yet taken, oldest first.

    After ``jobs * _TASKS_PER_WORKER`` tasks a fresh executor takes the new chunks while the old one
    finishes its own and ends (so what a native library leaks goes with its workers). Not
    ``max_tasks_per_child``: in Python 3.11 an executor whose workers exit after their share of
    tasks spawns no replacement while it counts an idle worker, and ends up with none: a hang.
    """

    def __init__(self, work: Work, options: ExtractOptions, jobs: int) -> None:
        self.work, self.options, self.jobs = work, options, jobs
        self.context = multiprocessing.get_context("forkserver")
        self.executor: ProcessPoolExecutor | None = None
        self.retiring: ProcessPoolExecutor | None = None
        self.submitted = 0  # tasks given to ``executor``
        self.pending: deque[tuple[list[Item], Future[list[Result]]]] = deque()

    def submit(self, chunk: list[Item]) -> None:
        if self.executor is None or self.submitted >= self.jobs * _TASKS_PER_WORKER:
            self._renew()
        assert self.executor is not None
        future: Future[list[Result]]
        try:
            future = self.executor.submit(_run_chunk, self.work, chunk, self.options)
        except BrokenProcessPool as exc:  # broke since the last result: recovered like the others
            future = Future()
            future.set_exception(exc)
        self.submitted += 1
        self.pending.append((chunk, future))

    def _renew(self) -> None:
        if self.retiring is not None:
            self.retiring.shutdown(wait=True)  # its chunks were taken long ago
        if self.executor is not None:
            self.executor.shutdown(wait=False)  # finishes the chunks it has, then its workers end
        self.retiring = self.executor
        self.executor = ProcessPoolExecutor(self.jobs, mp_context=self.context,
                                            initializer=_ignore_interrupts)
        self.submitted = 0

    def next_results(self) -> Iterable[Result]:
        """The oldest chunk's results; when the pool broke, those of every chunk in flight."""
        try:
            results = self.pending[0][1].result()
        except BrokenProcessPool:
            return self._recover()
        self.pending.popleft()
        return results

    def _recover(self) -> Iterator[Result]:
        """What the pool finished, and the rest run again one capture at a time."""
        self.close()  # waits for the executors' own threads: every future in flight is settled
        solo = _Solo(self.context)
        try:
            while self.pending:
                chunk, future = self.pending.popleft()
                if future.cancelled() or isinstance(future.exception(), BrokenProcessPool):
                    yield from (solo.run(self.work, item, self.options) for item in chunk)
                else:
                    yield from future.result()
        finally:
            solo.close()

    def close(self) -> None:
        """Stop the workers: chunks not started are dropped, the ones in a worker finish."""
        for executor in (self.retiring, self.executor):
            if executor is not None:
                executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self.retiring = None


class _Solo:
    """One worker process running one capture at a time: tells which capture kills it, and how."""

    def __init__(self, context: ForkServerContext) -> None:
        self.context = context
        self.process: ForkServerProcess | None = None
        self.conn: Connection | None = None

    def run(self, work: Work, item: Item, options: ExtractOptions) -> Result:
        if self.process is None or self.conn is None:
            self.conn, theirs = self.context.Pipe()
            self.process = self.context.Process(target=_serve, args=(theirs,), daemon=True)
            self.process.start()
            theirs.close()  # ours is then the only other end: the worker's death reads as EOF
        try:
            self.conn.send((work, item, options))
            if self.conn in wait([self.conn, self.process.sentinel]):
                result, error = self.conn.recv()
                if error is not None:
                    raise error
                return result  # type: ignore[no-any-return]
        except (EOFError, BrokenPipeError):
            pass
        return self._died(item)

    def _died(self, item: Item) -> Rejected:
        assert self.process is not None
        self.process.join()
        how = _exit_status(self.process.exitcode)
        self.close()
        exc = Crashed(f"the extractor process died ({how}) on this capture")
        return Rejected(item.path, str(exc), exc.code, item.sha256, item.size)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
        if self.process is not None:
            self.process.terminate()
            self.process.join()
        self.process = self.conn = None


def _serve(conn: Connection) -> None:
    """A solo worker's loop: (work, capture, options) in, (result, error) out, until EOF."""
    _ignore_interrupts()
    while True:
        try:
            work, item, options = conn.recv()
            answer: tuple[Result | None, Exception | None] = (work(item, options), None)
        except EOFError:
            return
        except Exception as exc:  # noqa: BLE001 - a bug in ``work``: raised in the parent
            answer = (None, exc)
        conn.send(answer)


def _exit_status(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit code {exitcode}"
