"""Page furniture read from the untouched tree: what is not the article, and promoted links.

    page_furniture(tree, base_url) -> (removed, related)

One pass over the elements: a container is classed by its tag (nav, footer, aside ...) or by whole
words of its class/id (``share``, ``newsletter``, ``related`` ...); only the outermost classed
container is kept, its text becomes one :class:`Removed`, and links in related-promo containers become
:class:`Link` records with absolute URLs. Runs before anything prunes the tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin

from lxml import etree
from lxml.html import HtmlElement

from newsfuse.extract import html_patterns as patterns
from newsfuse.records import Link, Removed

_PARTS = re.compile(r"[-_]+")
_BY_WORD: dict[str, str] = {word: kind for kind, words in reversed(patterns.CONTAINER_KINDS) for word in words}
_SKIP = frozenset({"script", "style", "noscript", "template", "svg"})
_COUNT_DESCENDANTS = etree.XPath("count(descendant::node()[not(self::text())])")
MAX_REMOVED_CHARS = 2000
MIN_LINK_TITLE = 12


def container_kind(element: etree._Element) -> tuple[str | None, bool]:
    """Why this element's text is page furniture (or None), and whether the evidence is strong: its tag,
    or a whole class/id word ("share"); a part of one ("article-share-bar") is weak."""
    tag = element.tag
    if not isinstance(tag, str):
        return None, False
    return _kind_of(tag, element.get("class"), element.get("id"))


@lru_cache(maxsize=4096)
def _kind_of(tag: str, classes: str | None, ident: str | None) -> tuple[str | None, bool]:
    # pure function of immutable strings: a page repeats the same class strings hundreds of times
    kind = patterns.TAG_KINDS.get(tag)
    if kind is not None:
        return kind, True
    if not classes and not ident:
        return None, False
    names = f"{classes or ''} {ident or ''}".lower().split()
    for token in names:
        if token in _BY_WORD:
            return _BY_WORD[token], True
    for token in names:
        kind = next((_BY_WORD[w] for w in _PARTS.split(token) if w in _BY_WORD), None)
        if kind is not None:
            return kind, False
    return None, False


def _text(element: etree._Element) -> str:
    return " ".join(" ".join(element.itertext()).split())[:MAX_REMOVED_CHARS]


def _links(element: etree._Element, base_url: str | None) -> list[Link]:
    links = []
    for anchor in element.iter("a"):
        href = (anchor.get("href") or "").strip()
        title = " ".join(" ".join(anchor.itertext()).split())
        if not href or href.startswith(("#", "javascript:", "mailto:")) or len(title) < MIN_LINK_TITLE:
            continue
        url = urljoin(base_url, href) if base_url else href  # relative only when the page URL is unknown
        if url.startswith(("http://", "https://")) or (not base_url and "://" not in url):
            links.append(Link(title, url))
    return links


@dataclass(frozen=True, slots=True)
class Furniture:
    """What the one pass found: removed blocks, promoted links, and containers safe to prune."""

    removed: list[Removed]
    related: list[Link]
    prunable: list[etree._Element]


def page_furniture(tree: HtmlElement, base_url: str | None) -> Furniture:
    """Removed blocks (outermost furniture containers), the links of related-promo ones, and the
    containers that are never article text (see ``PRUNE_KINDS``; short ones only)."""
    body = tree.find("body")
    removed: list[Removed] = []
    related: list[Link] = []
    prunable: list[etree._Element] = []
    if body is None:
        return Furniture(removed, related, prunable)
    inside = 0  # elements left in the subtree of the last container found (document order)
    for element in body.iterdescendants():
        if inside:
            inside -= 1
            continue
        if not isinstance(element.tag, str) or element.tag in _SKIP:
            continue
        kind, strong = container_kind(element)
        if kind is None:
            continue
        text = _text(element)
        if text:
            removed.append(Removed(text, kind))
        if strong and kind in patterns.PRUNE_KINDS and len(text) < patterns.MAX_PRUNE_CHARS:
            prunable.append(element)
        if kind in patterns.RELATED_KINDS:
            related.extend(_links(element, base_url))
        inside = int(_COUNT_DESCENDANTS(element))
    first: dict[str | None, Link] = {}
    for link in related:
        first.setdefault(link.url, link)
    return Furniture(removed, list(first.values()), prunable)


def prune(elements: list[etree._Element]) -> None:
    """Remove furniture containers from their tree, keeping the text that follows each one."""
    for element in elements:
        if element.getparent() is not None:
            element.drop_tree()
