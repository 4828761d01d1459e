"""The stages wired together, locally: read → extract, in one process or ``jobs`` processes.

Every stage is a plain function over an iterable, so the Dask engine maps the same functions.
Results come out in input order whatever ``jobs`` is.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from functools import partial

from newsfuse.errors import TimedOut
from newsfuse.extract import extract_or_reject
from newsfuse.limits import time_limit
from newsfuse.options import ExtractOptions
from newsfuse.readers.files import iter_captures
from newsfuse.records import Article, Capture, Rejected


def extract_one(item: Capture | Rejected, options: ExtractOptions) -> Article | Rejected:
    """One capture → Article or Rejected, under the capture time limit. Never raises."""
    if isinstance(item, Rejected):
        return item
    try:
        with time_limit(options.timeout):
            return extract_or_reject(item, options)
    except TimedOut as exc:
        return Rejected(item.path, str(exc), exc.code, item.sha256, item.size)


def extract_stream(
    items: Iterable[Capture | Rejected], options: ExtractOptions, jobs: int = 1
) -> Iterator[Article | Rejected]:
    """Extract every capture, in input order, with ``jobs`` worker processes (1 = in process)."""
    work = partial(extract_one, options=options)
    if jobs <= 1:
        yield from map(work, items)
        return
    context = multiprocessing.get_context("forkserver")
    with context.Pool(processes=jobs, maxtasksperchild=500) as pool:
        yield from pool.imap(work, items, chunksize=4)


def extract_paths(
    paths: Iterable[str], options: ExtractOptions | None = None, jobs: int = 1
) -> Iterator[Article | Rejected]:
    """Read and extract every capture under ``paths`` (files, directories, globs, ``-``)."""
    options = options or ExtractOptions()
    yield from extract_stream(iter_captures(paths, options.max_bytes), options, jobs)
