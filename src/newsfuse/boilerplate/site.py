"""Site boilerplate learned across the corpus.

A body line that recurs in many *distinct articles* of the same site (an appeal, a newsletter box,
a standard disclaimer, a "related" header) is boilerplate of that site, and is removed from every
article of the site, including those fused before the line crossed the threshold. Requiring many
distinct articles (not captures: the same article's HTML, text and PDF count once) keeps a quote
repeated in one follow-up story in the body.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from urllib.parse import urlsplit

from newsfuse.records import Article, Block, Removed

_WORD = re.compile(r"\w+")
#: Archive hosts whose URLs wrap the original one; never a site of their own.
_WRAPPERS = ("web.archive.org", "archive.org", "archive.ph", "archive.today")


@dataclass(frozen=True, slots=True)
class SiteOptions:
    """min_articles: distinct articles a line must occur in; max_words: longer lines are never learned."""

    min_articles: int = 5
    max_words: int = 60
    min_words: int = 2


def site_key(article: Article | Mapping[str, object]) -> str | None:
    """The site an article belongs to: its URL's host (without www.), else its site name."""
    url = article.url if isinstance(article, Article) else article.get("url")
    site = article.site if isinstance(article, Article) else article.get("site")
    if isinstance(url, str) and url:
        host = urlsplit(url).hostname or ""
        if host.endswith(_WRAPPERS):
            inner = re.search(r"https?://[^/]+/web/\d+[a-z_]*/(https?://.+)", url)
            host = (urlsplit(inner.group(1)).hostname or "") if inner else ""
        host = host.removeprefix("www.")
        if host:
            return host
    if isinstance(site, str) and site.strip():
        return " ".join(_WORD.findall(site.casefold()))
    return None


@lru_cache(maxsize=1 << 16)
def line_key(text: str) -> str:
    """A key that is equal for the same line across captures (case, punctuation, spacing ignored);
    memoised: ingest asks again for the lines of every capture of an article it re-fuses."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    return hashlib.blake2b(" ".join(words).encode(), digest_size=12).hexdigest()


def learnable_lines(paragraphs: Iterable[Block], options: SiteOptions) -> dict[str, str]:
    """The body lines of one capture that may be learned as boilerplate: key -> text."""
    lines: dict[str, str] = {}
    for block in paragraphs:
        words = len(block.text.split())
        if options.min_words <= words <= options.max_words:
            lines.setdefault(line_key(block.text), block.text)
    return lines


def strip_boilerplate(article: Article, boilerplate: Collection[str]) -> Article:
    """The article without the site's boilerplate lines (their :func:`line_key`s), each listed in
    ``removed``."""
    if not boilerplate:
        return article
    kept: list[Block] = []
    removed: list[Removed] = []
    for block in article.paragraphs:
        if line_key(block.text) in boilerplate:
            removed.append(Removed(block.text, "site-boilerplate"))
        else:
            kept.append(block)
    if not removed:
        return article
    return replace(article, paragraphs=tuple(kept), removed=article.removed + tuple(removed))
