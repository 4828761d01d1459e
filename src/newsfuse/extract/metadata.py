"""Metadata of an HTML page: title, authors, agency, site, dates, canonical URL, language hint, images.

Read-only over the parsed tree: it must run before body extraction (which prunes the tree).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml.html import HtmlElement

from newsfuse.records import Image


@dataclass(frozen=True, slots=True)
class PageMetadata:
    title: str | None = None
    authors: tuple[str, ...] = ()
    agency: str | None = None
    site: str | None = None
    published: str | None = None
    modified: str | None = None
    url: str | None = None
    language_hint: str | None = None
    description: str | None = None
    images: tuple[Image, ...] = ()
    json_ld_body: str | None = None


def extract_metadata(tree: HtmlElement, url: str | None = None) -> PageMetadata:
    """Everything but the body, from one parsed page."""
    title = tree.findtext(".//title")
    lang = tree.get("lang")
    return PageMetadata(title=title.strip() if title else None, url=url, language_hint=lang)
