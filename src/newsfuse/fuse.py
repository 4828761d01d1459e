"""One canonical Article per cluster of captures, every field with its provenance.

    fuse(article_id, members) -> Fused

``members`` are the extractions of the captures in one cluster, as :class:`Member` (capture id
+ Article). Each metadata field takes the value most captures agree on, ties broken by how
reliable the capture's kind is for that field; the body is the most reliable capture's body,
less the short lines that no other capture kept and at least two others dropped.
``provenance`` maps each field to the capture ids that gave its value; ``conflicts`` lists the
differing values with their captures.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import combinations
from operator import attrgetter
from typing import Any

from newsfuse.records import Article, Block, Image, Link, Removed

#: Which capture kind to trust first, per field (lower is better).
KIND_RANK = {"html": 0, "pdf": 1, "pdf-text": 2, "page-text": 3}
#: A capture's vote on a metadata field: an HTML page declares its metadata, the other forms infer
#: theirs from what the page shows, so it counts twice (measured on the labelled dev pages: fused
#: title 0.956 -> 0.972, published 0.911 -> 0.956 against a plain majority). Others count once.
KIND_VOTE = {"html": 2}
#: Fields every form measures alike from the body's text: a plain majority (language 0.994 -> 1.0).
MEASURED_FIELDS = frozenset({"language"})
#: Authors no HTML page declares are taken only when captures worth this many votes name them
#: (one text capture's byline guess is no evidence against an HTML page that names nobody).
AUTHOR_VOTES = 2
#: A body shorter than this share of the cluster's longest is a failed extraction, never the base.
MIN_BASE_SHARE = 0.05
#: A body of at most this many paragraphs is a run-on block (no paragraph structure recovered: a
#: page dump, an unsplit JSON-LD body) and can be outvoted by two captures that agree without it.
RUN_ON_PARAGRAPHS = 2
#: Two bodies agree when the shingles they share cover this share of the larger one ...
AGREE = 0.8
#: ... and disagree when they cover less than this share.
DISAGREE = 0.5
#: Only lines shorter than this are dropped from the base on the other captures' word (measured on
#: the dev set: longer ones are mostly article text that a noisier extractor misjudged).
MAX_DROPPED_CHARS = 80
#: Removal reasons that do not count as another capture's verdict against a base line: a line the
#: text extractor's line model dropped from inside its body with no named pattern ("boilerplate"),
#: or a line it took for the title (measured: such lines are as often article text as not).
WEAK_REMOVALS = frozenset({"boilerplate", "title"})
#: Fields voted on by the day they name: a capture that shows the time too agrees with one that does not.
DATE_FIELDS = frozenset({"published", "modified"})
SCALAR_FIELDS = ("title", "agency", "site", "published", "modified", "url", "language", "description")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Member:
    """One capture of a cluster: its store id, its kind and its extraction."""

    capture_id: int
    article: Article

    @property
    def kind(self) -> str:
        return self.article.capture.kind if self.article.capture else "page-text"


@dataclass(frozen=True, slots=True)
class Fused:
    """The fused record of one article."""

    id: str
    article: Article
    captures: tuple[dict[str, Any], ...]
    provenance: dict[str, list[int]]
    conflicts: dict[str, list[dict[str, Any]]]

    def to_dict(self) -> dict[str, Any]:
        data = {"id": self.id, **self.article.to_dict()}
        data.pop("capture")
        data["captures"] = list(self.captures)
        data["provenance"] = self.provenance
        data["conflicts"] = self.conflicts
        return data


def _norm(value: Any) -> Hashable:
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).casefold()
        return " ".join(_WORD.findall(text))
    if isinstance(value, tuple):
        return tuple(_norm(v) for v in value)
    return str(value)


def _rank(member: Member) -> tuple[int, int]:
    return (KIND_RANK.get(member.kind, 9), member.capture_id)


def _vote(members: Sequence[Member], get: Callable[[Article], Any], least: float = 0,
          weights: Mapping[str, float] = KIND_VOTE,
          key: Callable[[Any], Hashable] | None = None) -> tuple[Any, list[int], list[dict[str, Any]]]:
    """The value with the most votes (``weights`` per capture kind, else 1; ties: the best-ranked
    capture), its providers, the conflicts; no value when the winner has fewer than ``least`` votes.
    Values with the same :func:`_norm` form are one value, shown as the best-ranked capture has it;
    with a ``key``, values with the same key are one value, shown as the longest of them (a day and
    a datetime on that day are one date, and the datetime says more)."""
    groups: dict[Hashable, list[Member]] = {}
    for member in sorted(members, key=_rank):
        value = get(member.article)
        if value in (None, "", ()):
            continue
        groups.setdefault(key(value) if key else _norm(value), []).append(member)
    if not groups:
        return None, [], []
    ordered = sorted(groups.values(), key=lambda g: (-_votes(g, weights), _rank(g[0])))
    winner = ordered[0]
    if _votes(winner, weights) < least:
        return None, [], []

    def value_of(group: list[Member]) -> Any:  # the group is in rank order: max keeps the best-ranked
        return max((get(m.article) for m in group), key=lambda v: len(str(v))) if key else get(group[0].article)

    conflicts = []
    if len(ordered) > 1:
        conflicts = [{"value": _jsonable(value_of(g)), "captures": [m.capture_id for m in g]} for g in ordered]
    return value_of(winner), [m.capture_id for m in winner], conflicts


def _day(value: Any) -> Hashable:
    """The day of an ISO 8601 date or datetime ("2026-03-14T09:30:00+00:00" -> "2026-03-14")."""
    return str(value)[:10]


def _votes(group: Sequence[Member], weights: Mapping[str, float]) -> float:
    return sum(weights.get(m.kind, 1) for m in group)


def _jsonable(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


# ------------------------------------------------------------------------------------------ body

Shingles = frozenset[tuple[str, ...]]


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    """The words of ``text``, normalised, memoised while one cluster is fused (its paragraphs are
    compared with every other capture's); :func:`fuse` clears the memo when it is done."""
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def _grams(words: Sequence[str], n: int = 3) -> Shingles:
    if len(words) < n:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(zip(*(words[i:] for i in range(n))))


def _shingles(text: str) -> Shingles:
    """Word 3-grams of ``text`` (a text of fewer words is one shingle of its own)."""
    return _grams(_words(text))


def _text_shingles(texts: Sequence[str]) -> Shingles:
    """The shingles of blocks read as one text, plus each block too short for a shingle of its
    own (a one- or two-word line is compared whole: "Search", "Contact:")."""
    words = [_words(text) for text in texts]
    joined = _grams([w for block in words for w in block])
    short = {block for block in words if 0 < len(block) < 3}
    return joined | short if short else joined


def _contained(paragraph: Shingles, body: Shingles, threshold: float = 0.7) -> bool:
    return bool(paragraph) and len(paragraph & body) / len(paragraph) >= threshold


def _agreement(a: Shingles, b: Shingles) -> float:
    """The shingles two bodies share over the larger body's: high only when each holds the other."""
    larger = max(len(a), len(b))
    return len(a & b) / larger if larger else 0.0


def _others_containing(block: Block, texts: Sequence[Shingles], base: int) -> int:
    """How many captures other than the base have this block's text in ``texts`` (one per capture)."""
    shingles = _shingles(block.text)
    return sum(1 for index, other in enumerate(texts) if index != base and _contained(shingles, other))


def _outvoted(index: int, members: Sequence[Member], bodies: Sequence[Shingles],
              agreeing: Callable[[], list[tuple[int, int]]]) -> bool:
    """Is this capture's body a run-on block (see :data:`RUN_ON_PARAGRAPHS`) that no other capture
    agrees with, while two others agree with each other (``agreeing``: those pairs)? Then its
    extraction failed: it holds a fragment of the article (a teaser, an unsplit JSON-LD body) or
    another text altogether."""
    if len(members[index].article.paragraphs) > RUN_ON_PARAGRAPHS:
        return False
    others = [j for j in range(len(members)) if j != index and bodies[j]]
    if any(_agreement(bodies[index], bodies[j]) >= DISAGREE for j in others):
        return False
    return any(index not in pair for pair in agreeing())


def _base(members: Sequence[Member], bodies: Sequence[Shingles]) -> int:
    """The capture whose body the fused body starts from: the most reliable kind whose extraction
    did not fail — its body is at least :data:`MIN_BASE_SHARE` of the longest body, and it is not
    :func:`_outvoted` by the others."""
    longest = max(len(m.article.text) for m in members)
    ranked = sorted(range(len(members)), key=lambda i: _rank(members[i]))
    usable = [i for i in ranked if len(members[i].article.text) >= MIN_BASE_SHARE * longest] or ranked[:1]

    @cache
    def agreeing() -> list[tuple[int, int]]:  # once per cluster, and only when a run-on body asks
        filled = [j for j in range(len(members)) if bodies[j]]
        return [(j, k) for j, k in combinations(filled, 2) if _agreement(bodies[j], bodies[k]) >= AGREE]

    return next((i for i in usable if not _outvoted(i, members, bodies, agreeing)), usable[0])


def _removals(member: Member) -> Shingles:
    """The shingles of what this capture removed for a named reason (not :data:`WEAK_REMOVALS`)."""
    return _text_shingles([r.text for r in member.article.removed if r.kind not in WEAK_REMOVALS])


def fuse_body(members: Sequence[Member]) -> tuple[tuple[Block, ...], list[int], tuple[Removed, ...]]:
    """The fused body, the capture ids it draws on, and the base paragraphs the others rejected.

    The body starts from the most reliable capture whose extraction did not fail (see
    :func:`_base`). A short base line that no other capture kept, and that at least two others
    removed, each for a named reason (not :data:`WEAK_REMOVALS`; a weak removal of it besides, say
    of a second copy, does not count against that), is noise of the base; a
    paragraph the others simply lack is kept (nothing of the article is lost). Paragraphs only
    the other captures have are not added: measured on the development set, what two noisier
    captures agree on and the base lacks is mostly their shared page furniture.
    """
    if len(members) == 1:
        return members[0].article.paragraphs, [members[0].capture_id], ()
    bodies = [_text_shingles([b.text for b in m.article.paragraphs]) for m in members]
    base = _base(members, bodies)

    @cache
    def removals() -> list[Shingles]:  # only when a base line asks
        return [_removals(m) for m in members]

    kept: list[Block] = []
    removed: list[Removed] = []
    for block in members[base].article.paragraphs:
        if (len(block.text) < MAX_DROPPED_CHARS and block.kind != "heading"
                and _others_containing(block, bodies, base) == 0
                and _others_containing(block, removals(), base) >= 2):
            removed.append(Removed(block.text, "fusion-unsupported"))
        else:
            kept.append(block)
    return tuple(kept), [members[base].capture_id], tuple(removed)


# ------------------------------------------------------------------------------------------ fuse

def fuse(article_id: str, members: Sequence[Member]) -> Fused:
    """Fuse the captures of one article into one record."""
    if not members:
        raise ValueError("cannot fuse an empty cluster")
    members = sorted(members, key=lambda m: m.capture_id)
    provenance: dict[str, list[int]] = {}
    conflicts: dict[str, list[dict[str, Any]]] = {}
    values: dict[str, Any] = {}
    for name in SCALAR_FIELDS:
        value, providers, differing = _vote(members, attrgetter(name), weights={} if name in MEASURED_FIELDS else KIND_VOTE,
                                            key=_day if name in DATE_FIELDS else None)
        values[name] = value
        if providers:
            provenance[name] = providers
        if differing:
            conflicts[name] = differing
    authors, providers, differing = _vote(members, lambda a: a.authors, AUTHOR_VOTES if len(members) > 1 else 0)
    values["authors"] = authors or ()
    if providers:
        provenance["authors"] = providers
    if differing:
        conflicts["authors"] = differing
    try:
        paragraphs, body_sources, dropped = fuse_body(members)
        related = _union_links(members, provenance)
    finally:
        _words.cache_clear()
    provenance["text"] = body_sources
    images = _first_nonempty(members, lambda a: a.images, provenance, "images")
    removed = tuple(r for m in members if m.capture_id in body_sources[:1] for r in m.article.removed)
    article = Article(
        **values,
        images=images,
        paragraphs=paragraphs,
        related=related,
        removed=removed + dropped,
        capture=None,
    )
    captures = tuple(
        {"id": m.capture_id, "path": m.article.capture.path, "kind": m.article.capture.kind,
         "sha256": m.article.capture.sha256}
        for m in members if m.article.capture is not None
    )
    return Fused(article_id, article, captures, provenance, conflicts)


def _first_nonempty(members: Sequence[Member], get: Callable[[Article], tuple[Image, ...]],
                    provenance: dict[str, list[int]], name: str) -> tuple[Image, ...]:
    for member in sorted(members, key=_rank):
        value = get(member.article)
        if value:
            provenance[name] = [member.capture_id]
            return value
    return ()


def _union_links(members: Sequence[Member], provenance: dict[str, list[int]]) -> tuple[Link, ...]:
    """The related links of all captures, each once, best-ranked capture first. A promo without a URL
    (a text capture's) whose title is the start of a title already taken, or the same words, is that
    link again (a print cuts "… count the cost of January flood" to "… count the cost of January")."""
    seen: dict[str, Link] = {}
    providers: list[int] = []
    titles: list[str] = []  # the normalised titles taken so far
    for member in sorted(members, key=_rank):
        for link in member.article.related:
            key = (link.url or link.title or "").rstrip("/")
            title = " ".join(_words(link.title or ""))
            if link.url is None and title and any(t == title or t.startswith(title + " ") for t in titles):
                continue
            if key and key not in seen:
                if title:
                    titles.append(title)
                seen[key] = link
                if member.capture_id not in providers:
                    providers.append(member.capture_id)
    if providers:
        provenance["related"] = providers
    return tuple(seen.values())

