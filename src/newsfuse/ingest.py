"""Ingest: captures → store, one article cluster per real article, fused.

    ingest(items, store, options) -> IngestStats

For each batch of results, in ONE transaction: store every capture (or its rejection), match it
against the stored near-duplicate index, join or found an article cluster (merging clusters the
capture bridges), learn the site's body lines, and re-fuse every article the batch touched,
including articles of a site whose boilerplate just crossed the threshold. A process killed at any
point leaves the store as after the last whole batch; running again finishes the job identically.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import numpy as np

from newsfuse.boilerplate.site import (
    SiteOptions,
    learnable_lines,
    line_key,
    site_key,
    strip_boilerplate,
)
from newsfuse.dedup import DedupOptions, Fingerprint, fingerprint, minhash, same_article
from newsfuse.fuse import Fused, Member, fuse
from newsfuse.options import ExtractOptions
from newsfuse.pipeline import extract_stream
from newsfuse.records import Article, Capture, Rejected
from newsfuse.store import Store


@dataclass(frozen=True, slots=True)
class IngestOptions:
    extract: ExtractOptions = field(default_factory=ExtractOptions)
    dedup: DedupOptions = field(default_factory=DedupOptions)
    site: SiteOptions = field(default_factory=SiteOptions)
    batch_size: int = 64
    jobs: int = 1


@dataclass(slots=True)
class IngestStats:
    read: int = 0
    new: int = 0
    present: int = 0
    rejected: int = 0
    merged: int = 0
    articles: int = 0

    def summary(self) -> str:
        return (f"{self.read} captures read: {self.new} new, {self.present} already present, "
                f"{self.rejected} rejected; {self.articles} articles, {self.merged} captures merged "
                f"into existing articles")


Progress = Callable[[Article | Rejected | None], None]


def ingest(items: Iterable[Capture | Rejected], store: Store, options: IngestOptions | None = None,
           progress: Progress | None = None) -> IngestStats:
    """Store, cluster and fuse every capture of ``items``; returns what happened."""
    options = options or IngestOptions()
    stats = IngestStats()
    with _fewer_collections():
        _ingest(items, store, options, stats, progress)
    stats.articles = store.count("articles")
    return stats


_INGEST_GC = (20_000, 20, 100)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while ingesting, then as before. Ingest makes
    many short-lived containers (fusion's shingles) while it holds many long-lived ones; with
    CPython's default thresholds the collector took 2.1 s of a 37.7 s CPU dev-set ingest (0.3 s
    with these; extraction alone: 0.2 s)."""
    before = gc.get_threshold()
    gc.set_threshold(*_INGEST_GC)
    try:
        yield
    finally:
        if gc.get_threshold() == _INGEST_GC and before != _INGEST_GC:  # not when another ingest set it
            gc.set_threshold(*before)


def _ingest(items: Iterable[Capture | Rejected], store: Store, options: IngestOptions, stats: IngestStats,
            progress: Progress | None) -> None:
    fresh = _skip_known(items, store.has_capture, stats, progress)  # read in this thread, whatever ``jobs`` is
    _store_all(extract_stream(fresh, options.extract, options.jobs), store, options, stats, progress)


def _store_all(results: Iterator[Article | Rejected], store: Store, options: IngestOptions, stats: IngestStats,
               progress: Progress | None) -> None:
    recent: dict[int, Article] = {}  # the latest captures' extractions: fusion need not re-read them
    while batch := list(islice(results, options.batch_size)):
        with store.batch():
            dirty: set[str] = set()
            for result in batch:
                _add(result, store, options, stats, dirty, recent)
                if progress:
                    progress(result)
            _refuse(store, dirty, options, recent)
            store.lsh.settle()
        for capture_id in list(recent)[:max(0, len(recent) - 4 * options.batch_size)]:
            del recent[capture_id]


def _skip_known(items: Iterable[Capture | Rejected], known: Callable[[str], bool], stats: IngestStats,
                progress: Progress | None) -> Iterator[Capture | Rejected]:
    """Captures whose bytes are already stored are counted and not extracted again."""
    for item in items:
        stats.read += 1
        sha = item.sha256
        if sha and known(sha):
            stats.present += 1
            if progress:
                progress(None)
            continue
        yield item


def _add(result: Article | Rejected, store: Store, options: IngestOptions, stats: IngestStats,
         dirty: set[str], recent: dict[int, Article]) -> None:
    if isinstance(result, Rejected):
        if store.add_rejected(result):
            stats.rejected += 1
        else:
            stats.present += 1
        return
    print_ = fingerprint(result.text, options.dedup, result.url)
    capture_id = store.add_capture(result, print_.body_key, print_.url, site_key(result))
    if capture_id is None:
        stats.present += 1
        return
    stats.new += 1
    recent[capture_id] = result
    store.add_signature(capture_id, print_.signature_bytes(), minhash.to_bytes(print_.shingles),
                        print_.band_keys())
    article_id = _cluster(store, capture_id, print_, options, stats)
    dirty.add(article_id)


def _cluster(store: Store, capture_id: int, print_: Fingerprint, options: IngestOptions,
             stats: IngestStats) -> str:
    """The article this capture belongs to: an existing one it matches, or a new one."""
    matches: set[str] = set()
    if not print_.empty:  # an empty body has nothing to compare: an article of its own
        matches = {_article(store, other) for other in store.captures_by_body_key(print_.body_key)
                   if other != capture_id}
        # near matches even with an exact twin: the twin may lack what links this capture to
        # another article (its URL), and skipping them made the clusters depend on input order
        matches = _near_matches(store, capture_id, print_, options.dedup, matches)
    if not matches:
        article_id = article_id_of(store.capture_sha(capture_id))
        store.create_article(article_id, store.capture_sha(capture_id), capture_id)
        store.assign(capture_id, article_id)
        return article_id
    stats.merged += 1
    # the cluster founded by the smallest founder hash survives: the same whatever the order
    ordered = sorted(matches, key=store.founder)
    survivor = ordered[0]
    for loser in ordered[1:]:
        store.merge_articles(survivor, loser)
    store.assign(capture_id, survivor)
    return survivor


def _near_matches(store: Store, capture_id: int, print_: Fingerprint, options: DedupOptions,
                  known: set[str]) -> set[str]:
    """``known`` and the articles of the stored captures that share an LSH key or the canonical URL
    with this one and pass :func:`same_article` (candidates of a known article are not compared).
    Candidates are compared by their stored shingles."""
    candidates = set(store.lsh.candidates(print_.band_keys(), options.max_postings))
    if print_.url:
        candidates.update(store.captures_by_url(print_.url, options.max_postings))
    candidates.discard(capture_id)
    matches = set(known)
    for other, body, url, signature, shingles, article_id in store.prints(sorted(candidates)):
        if article_id in matches:
            continue
        if shingles is None:  # kept before shingles were stored: fingerprint its extraction again
            stored = store.capture_article(other)
            other_print = fingerprint(stored.text, options, stored.url)
        else:
            other_print = Fingerprint(body, np.frombuffer(shingles, dtype="<u8"),
                                      np.frombuffer(signature, dtype="<u8"), url)
        if same_article(print_, other_print, options):
            matches.add(article_id)
    return matches


def _article(store: Store, capture_id: int) -> str:
    article_id = store.article_of(capture_id)
    assert article_id is not None, f"capture {capture_id} has no article"
    return article_id


def article_id_of(founder_sha: str) -> str:
    """An article's id: a hash of the bytes' hash of the capture that founded it (the first of its
    captures that matched no stored one; of merged articles, the smallest founder's)."""
    return hashlib.sha256(("article:" + founder_sha).encode()).hexdigest()[:16]


def stored_record(record: Fused, boilerplate: Collection[str]) -> dict[str, Any]:
    """The fused record as stored and listed: without the site's ``boilerplate`` lines."""
    cleaned = strip_boilerplate(record.article, boilerplate)
    return record.to_dict() | {k: v for k, v in cleaned.to_dict().items() if k in ("text", "paragraphs", "removed")}


def _refuse(store: Store, dirty: set[str], options: IngestOptions, recent: Mapping[int, Article]) -> None:
    """Learn the dirty articles' site lines, then re-fuse them and every article of a line that
    just became its site's boilerplate. Every lookup is by index: the cost of a batch does not
    grow with the store."""
    threshold = options.site.min_articles
    fused: dict[str, Fused] = {}
    sites: dict[str, str | None] = {}
    crossed: dict[str, set[str]] = {}
    for article_id in sorted(dirty):
        members = store.members(article_id, recent)
        if not members:
            continue
        fused[article_id] = fuse(article_id, [Member(c, a) for c, a in members])
        site = sites[article_id] = site_key(fused[article_id].article)
        if site is None:
            continue
        for _, article in members:
            lines = learnable_lines(article.paragraphs, options.site)
            for key in store.add_site_lines(site, article_id, lines.items()):
                if store.line_articles(site, key) == threshold:
                    crossed.setdefault(site, set()).add(key)
    for site, keys in sorted(crossed.items()):
        for article_id in sorted(store.articles_with_lines(site, keys) - set(fused)):
            members = store.members(article_id, recent)
            fused[article_id] = fuse(article_id, [Member(c, a) for c, a in members])
            sites[article_id] = site
    for article_id, record in sorted(fused.items()):
        site = sites[article_id]
        own_lines = [line_key(block.text) for block in record.article.paragraphs]
        boilerplate = store.boilerplate_among(site, own_lines, threshold) if site else set()
        store.save_fused(article_id, stored_record(record, boilerplate))
