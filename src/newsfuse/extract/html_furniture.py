"""Page furniture read from the untouched tree: what is not the article, and promoted links.

    page_furniture(tree, base_url) -> (removed, related)

One pass over the elements: a container is classed by its tag (nav, footer, aside ...) or by whole
words of its class/id (``share``, ``newsletter``, ``related`` ...); only the outermost classed
container is kept, its text becomes one :class:`Removed`, and links in related-promo containers become
:class:`Link` records with absolute URLs. Runs before anything prunes the tree.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml import etree
from lxml.html import HtmlElement

from newsfuse.extract import html_patterns as patterns
from newsfuse.records import Link, Removed

_WORDS = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_BY_WORD: dict[str, str] = {word: kind for kind, words in reversed(patterns.CONTAINER_KINDS) for word in words}
_SKIP = frozenset({"script", "style", "noscript", "template", "svg"})
MAX_REMOVED_CHARS = 2000
MIN_LINK_TITLE = 12


def container_kind(element: etree._Element) -> str | None:
    """Why this element's text is page furniture, or None."""
    tag = element.tag
    if not isinstance(tag, str):
        return None
    kind = patterns.TAG_KINDS.get(tag)
    if kind is not None:
        return kind
    names = f"{element.get('class', '')} {element.get('id', '')}".lower()
    if not names.strip():
        return None
    for token in names.split():
        kind = _BY_WORD.get(token)
        if kind is None:
            kind = next((_BY_WORD[w] for w in _WORDS.findall(token) if w in _BY_WORD), None)
        if kind is not None:
            return kind
    return None


def _text(element: etree._Element) -> str:
    return " ".join(" ".join(element.itertext()).split())[:MAX_REMOVED_CHARS]


def _links(element: etree._Element, base_url: str | None) -> list[Link]:
    links = []
    for anchor in element.iter("a"):
        href = (anchor.get("href") or "").strip()
        title = " ".join(" ".join(anchor.itertext()).split())
        if not href or href.startswith(("#", "javascript:", "mailto:")) or len(title) < MIN_LINK_TITLE:
            continue
        url = urljoin(base_url, href) if base_url else href
        if url.startswith(("http://", "https://")):
            links.append(Link(title, url))
    return links


def page_furniture(tree: HtmlElement, base_url: str | None) -> tuple[list[Removed], list[Link]]:
    """Removed blocks (outermost furniture containers) and the links of related-promo ones."""
    body = tree.find("body")
    removed: list[Removed] = []
    related: list[Link] = []
    if body is None:
        return removed, related
    iterator = body.iterdescendants()
    for element in iterator:
        if not isinstance(element.tag, str) or element.tag in _SKIP:
            continue
        kind = container_kind(element)
        if kind is None:
            continue
        text = _text(element)
        if text:
            removed.append(Removed(text, kind))
        if kind in patterns.RELATED_KINDS:
            related.extend(_links(element, base_url))
        _skip_subtree(iterator, element)
    seen: set[str] = set()
    return removed, [link for link in related if link.url not in seen and not seen.add(link.url or "")]


def _skip_subtree(iterator: object, element: etree._Element) -> None:
    """Advance a document-order iterator past ``element``'s descendants."""
    count = sum(1 for _ in element.iterdescendants())
    for _ in range(count):
        next(iterator, None)  # type: ignore[call-overload]
