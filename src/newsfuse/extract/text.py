"""Page text and PDF text → Article.

    extract_page_text(capture, options)   browser page text (document.body.innerText)
    extract_pdf_text(capture, options)    pdftotext output of a printed page (\\f between pages)

Both run the same stages: units (lines; for PDF text, paragraphs reflowed from hard-wrapped lines
after the print furniture is taken off) → rules that take out promos, URLs and captions → the
learned line model (:mod:`newsfuse.extract.text_lines`) decides body or not → headline, byline,
dateline and images read around the body. Every dropped unit is kept in ``removed`` with a kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress

import numpy as np

from newsfuse.errors import NoArticle
from newsfuse.extract.language import detect_language
from newsfuse.extract.text_bylines import authors_at
from newsfuse.extract.text_dates import published_at
from newsfuse.extract.text_doc import Doc, page_doc, pdf_doc
from newsfuse.extract.text_headline import without_kicker, wrapped_headline
from newsfuse.extract.text_lines import (
    KIND_COLUMN,
    KIND_NAMES,
    fill_gaps,
    line_features,
    load_model,
    word_count,
)
from newsfuse.extract.text_meta import byline_near
from newsfuse.extract.text_rules import (
    position_kind,
    split_site,
)
from newsfuse.extract.text_title import headline_at, last_crumb
from newsfuse.options import ExtractOptions
from newsfuse.readers.decode import decode_bytes
from newsfuse.records import Article, Block, Capture, CaptureInfo, Link, Removed

#: a dropped run of these kinds takes in the lines after its first one that name no kind of their own
#: ("Read more" and the headlines under it; an appeal and its "Monthly", "Continue" choices), up to
#: this many words a line
SECTION_ITEM_WORDS = {"related-promo": 25, "appeal": 4, "newsletter": 4}
SECTION_KINDS = frozenset(SECTION_ITEM_WORDS)
EDGE_WORDS = 30  # a kept unit at the body's edge naming a boilerplate kind is dropped below this length
MIN_PROSE_WORDS = 8  # a body needs at least one unit this long
LONE_WORDS, LONE_PROBABILITY = 60, 0.3  # ... else it is the paragraphs this long the model rates this high
_KIND_OR_NONE = np.array(KIND_NAMES + (None,), dtype=object)  # a unit's kind by its first hit (None: no hit)
LANGUAGE_SAMPLE = 400  # characters of the body the language is told from (~0.5 ms)


def extract_page_text(capture: Capture, options: ExtractOptions) -> Article:
    """Browser page text → Article."""
    doc = page_doc(decode_bytes(capture.data))
    return _article(doc, "page-text", capture)


def extract_pdf_text(capture: Capture, options: ExtractOptions) -> Article:
    """pdftotext-like text (pages separated by \\f) → Article."""
    doc = pdf_doc(decode_bytes(capture.data))
    return _article(doc, "pdf-text", capture)


def body_mask(doc: Doc, kind: str) -> tuple[list[bool], list[str | None]]:
    """Which units of ``doc`` are body (by the model for ``kind`` and the document's rules), and the
    removed-kind pattern each unit matches."""
    model = load_model(kind)
    x = line_features(list(doc.units))
    probs = model.predict(x)
    fixed = np.array(doc.fixed, dtype=bool)
    keep: list[bool] = ((probs >= model.threshold) & ~fixed).tolist()
    hits = x[:, KIND_COLUMN:KIND_COLUMN + len(KIND_NAMES)]
    named = hits.any(axis=1)
    first_hit = hits.argmax(axis=1) if len(x) else np.zeros(0, dtype=np.intp)
    kinds: list[str | None] = _KIND_OR_NONE.take(np.where(named, first_hit, len(KIND_NAMES))).tolist()
    fill_gaps(keep, probs, doc.units, (fixed | named).tolist())
    _trim_edges(keep, kinds, doc.units)
    if not any(word_count(u) >= MIN_PROSE_WORDS for u in compress(doc.units, keep)):
        keep = _lone_prose(probs.tolist(), doc.units, doc.fixed)  # else no line of prose: no article
    return keep, kinds


def _lone_prose(probs: list[float], units: tuple[str, ...], fixed: tuple[bool, ...]) -> list[bool]:
    """When the model keeps no line of prose: the long paragraphs it still rates close to body (an
    article after hundreds of menu lines, printed as one long paragraph per page)."""
    return [p >= LONE_PROBABILITY and not f and word_count(u) >= LONE_WORDS for p, u, f in zip(probs, units, fixed)]


def _trim_edges(keep: list[bool], kinds: list[str | None], units: tuple[str, ...]) -> None:
    """Drop kept units at either end of the body that name a kind of boilerplate (a notice above the
    article, a sign-up line below it) and are short; repeat while the new ends are such units too."""
    order = list(compress(range(len(keep)), keep))
    for side in (order, order[::-1]):
        for i in side:
            if kinds[i] is None or word_count(units[i]) >= EDGE_WORDS:
                break
            keep[i] = False


@dataclass(frozen=True, slots=True)
class _Head:
    """What stands around the start of the body: headline, byline, dateline."""

    title: str | None
    authors: tuple[str, ...]
    agency: str | None
    published: str | None
    roles: dict[int, str]


@dataclass(frozen=True, slots=True)
class HeadUnits:
    """Where the head's parts stand: the headline's unit and the lines it was printed over, the
    hand rule's byline (authors, agency, unit), the published day and its date line, the site's names."""

    title_at: int | None
    title_lines: range
    byline: tuple[tuple[str, ...], str | None, int | None]
    published: str | None
    date_at: int | None
    sites: list[str]


def _article(doc: Doc, kind: str, capture: Capture) -> Article:
    keep, matched = body_mask(doc, kind)
    if not any(keep):
        raise NoArticle("no article body found in the text")
    head = _head(doc, keep, kind)
    paragraphs, removed, related = _split(doc, keep, matched, head.roles)
    if not paragraphs:
        raise NoArticle("no article body found in the text")
    title, site = head.title, doc.site
    if title is None and doc.page_title:
        title, named = split_site(doc.page_title)
        site = site or named
    body = "\n".join(b.text for b in paragraphs)
    return Article(
        title=title, authors=head.authors, agency=head.agency, site=site, published=head.published,
        url=doc.url, language=detect_language(body, sample=LANGUAGE_SAMPLE), images=doc.images,
        paragraphs=tuple(paragraphs), related=tuple(related), removed=tuple(removed),
        capture=CaptureInfo.of(capture, kind),
    )


def _head(doc: Doc, keep: list[bool], kind: str) -> _Head:
    """Headline (from the document, else the unit the headline ranker scores highest), byline
    (authors by the byline ranker, the agency by the hand rule) and dateline."""
    units = doc.units
    head = head_units(doc, keep, kind)
    roles: dict[int, str] = dict(doc.roles)
    for i in head.title_lines:
        if not keep[i] and i not in roles:
            roles[i] = "title"  # a unit the line model kept stays in the body: the ranker may be wrong
    title = doc.title or (" ".join(units[i] for i in head.title_lines) or None)
    title = title and last_crumb(without_kicker(title, doc.page_title))
    _, agency, by = head.byline
    authors, named = authors_at(units, keep, head.title_at, head.date_at, head.sites, by, kind)
    for at, role in ((by, "byline"), (named, "byline"), (head.date_at, "dateline")):
        if at is not None and not keep[at] and at not in roles:
            roles[at] = role
    if named is not None and named not in roles and " ".join(authors) == units[named]:
        roles[named] = "byline"  # a unit that is nothing but the names leaves the body even when kept
    return _Head(title, authors, agency, head.published, roles)


def head_units(doc: Doc, keep: list[bool], kind: str) -> HeadUnits:
    """The headline's unit (and the lines a print wrapped it over), the hand rule's byline and the
    date ranker's date line, around the body that ``keep`` marks."""
    units = doc.units
    first = keep.index(True)
    last = len(keep) - 1 - keep[::-1].index(True)
    t = title_index(doc, keep, kind)
    lines = range(0)
    if t is not None:
        lines = wrapped_headline(units, t, doc.page_title) if doc.title is None and kind == "pdf-text" \
            else range(t, t + 1)
    sites = [name for name in (doc.site, doc.url) if name]
    titled = frozenset(doc.roles) | frozenset(i for i in lines if not keep[i])
    byline = byline_near(units, [first] if t is None else [t, first], sites, titled)
    published, at = published_at(units, t, first, last, doc.url, kind)
    return HeadUnits(t, lines, byline, published, at, sites)


def title_index(doc: Doc, keep: list[bool], kind: str) -> int | None:
    """The headline's unit: the one the document marked, else the one the headline ranker picks."""
    marked = next((i for i, role in doc.roles.items() if role == "title"), None)
    return marked if marked is not None else headline_at(doc.units, keep, kind, doc.page_title)


def _split(doc: Doc, keep: list[bool], matched: list[str | None],
           roles: dict[int, str]) -> tuple[list[Block], list[Removed], list[Link]]:
    """Body paragraphs (each once), dropped units with their kinds, and the related links."""
    first = keep.index(True)
    last = len(keep) - 1 - keep[::-1].index(True)
    paragraphs: list[Block] = []
    removed: list[Removed] = list(doc.pre_removed)
    related = list(doc.related)
    seen: set[str] = set()
    section: str | None = None  # the kind of the dropped run we are in ("Read more" list, appeal)
    for i, unit in enumerate(doc.units):
        if keep[i] and i not in roles and unit not in seen:
            seen.add(unit)
            paragraphs.append(Block(unit))
            section = None
            continue
        why = roles.get(i) or doc.kinds.get(i) or matched[i]
        if why is None and section in SECTION_KINDS and len(unit.split()) <= SECTION_ITEM_WORDS[section]:
            why = section
            if why == "related-promo":
                related.append(Link(unit, None))
        where = "before" if i < first else "after" if i > last else "inside"
        why = why or position_kind(unit, where)
        section = why if why in SECTION_KINDS else section if why in ("share", "comments") else None
        removed.append(Removed(unit, why))
    return paragraphs, removed, related

