"""The machine-readable signals of one page, read once from the parsed tree (never modifying it).

    read_signals(tree) -> Signals   JSON-LD objects, <meta> values, canonical link, <title>, <h1>s
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

from newsfuse.extract.metadata_patterns import ARTICLE_TYPES

_SPACE = re.compile(r"\s+")
_UNIFY = str.maketrans({**{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032`´"},
                        **{c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"},
                        **{chr(c): "-" for c in (*range(0x2010, 0x2016), 0x2212)}})
_TAGS = re.compile(r"<[^>]{0,200}>")
_BLOCK_TAGS = re.compile(r"</?(?:p|br|div|h[1-6]|li|blockquote)\b[^>]{0,200}>", re.IGNORECASE)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_ARTICLE_RANK = {"NewsArticle": 0, "ReportageNewsArticle": 0, "AnalysisNewsArticle": 0, "OpinionNewsArticle": 0,
                 "BackgroundNewsArticle": 0, "ReviewNewsArticle": 0, "LiveBlogPosting": 1, "Article": 1,
                 "BlogPosting": 1, "TechArticle": 1, "ScholarlyArticle": 1, "SatiricalArticle": 1, "Report": 2,
                 "SocialMediaPosting": 2, "DiscussionForumPosting": 2, "Recipe": 2, "Review": 2, "Posting": 2,
                 "VideoObject": 3, "CreativeWork": 3, "WebPage": 4, "ItemPage": 4, "MedicalWebPage": 4,
                 "AboutPage": 5, "Blog": 5, "Event": 5}


def clean(value: object) -> str:
    """Text of a metadata value: entities decoded, tags dropped, whitespace collapsed."""
    if not isinstance(value, str):
        return ""
    text = html.unescape(value) if "&" in value else value
    if "<" in text:
        text = _TAGS.sub(" ", text)
    return _SPACE.sub(" ", text.replace("\u00ad", "").replace("\u200b", "")).strip()


def ld_paragraphs(value: Any) -> str:
    """A JSON-LD ``articleBody`` with its paragraphs kept, one per line: line breaks and block tags
    (``<p>``, ``<br>``, ``<div>``) end a paragraph; the rest is cleaned as ``clean`` does."""
    if isinstance(value, list):
        value = "\n".join(v for v in value if isinstance(v, str))
    if not isinstance(value, str):
        return ""
    text = html.unescape(value) if "&" in value else value
    if "<" in text:
        text = _BLOCK_TAGS.sub("\n", text)
    lines = (clean(line) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def fold(text: str) -> str:
    """A comparison key: NFKC, quotes and dashes unified, accents kept, case folded, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_UNIFY)
    return _SPACE.sub(" ", text).strip().casefold()


def type_names(obj: Mapping[str, Any]) -> tuple[str, ...]:
    raw = obj.get("@type")
    items = raw if isinstance(raw, list) else [raw]
    return tuple(str(t).rsplit("/", 1)[-1] for t in items if isinstance(t, str))


@dataclass(frozen=True, slots=True)
class Signals:
    """What a page declares about itself, gathered in one pass over the tree."""

    meta: Mapping[str, tuple[str, ...]]
    ld_objects: tuple[Mapping[str, Any], ...]
    article: Mapping[str, Any] | None
    canonical: str | None
    html_lang: str | None
    title_tag: str | None
    h1s: tuple[str, ...]

    def first(self, *keys: str) -> str | None:
        """The first non-empty <meta> value among ``keys`` (lower-cased names/properties)."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if value:
                    return value
        return None


def read_signals(tree: HtmlElement) -> Signals:
    objects = tuple(_ld_objects(tree))
    return Signals(
        meta=_meta_values(tree),
        ld_objects=objects,
        article=_main_article(objects),
        canonical=_canonical(tree),
        html_lang=clean(tree.get("lang") or tree.get("xml:lang") or "") or None,
        title_tag=clean(tree.findtext(".//head/title") or tree.findtext(".//title") or "") or None,
        h1s=tuple(t for t in (clean(h.text_content()) for h in tree.iter("h1")) if t),
    )


def _meta_values(tree: HtmlElement) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        content = element.get("content")
        if content is None:
            content = element.get("value") or element.get("datetime")
        text = clean(content)
        if not text:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = element.get(attr)
            if key:
                found.setdefault(key.strip().lower(), []).append(text)
    return {key: tuple(values) for key, values in found.items()}


def _canonical(tree: HtmlElement) -> str | None:
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and link.get("href"):
            return link.get("href", "").strip() or None
    return None


def _ld_objects(tree: HtmlElement) -> Iterator[Mapping[str, Any]]:
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        data = _parse_json(script.text)
        if data is not None:
            yield from _walk(data, depth=0)


def _parse_json(text: str) -> Any:
    text = text.strip()
    for prefix, suffix in (("<!--", "-->"), ("//<![CDATA[", "//]]>"), ("<![CDATA[", "]]>")):
        if text.startswith(prefix):
            text = text[len(prefix):]
            text = text[: text.rfind(suffix)] if suffix in text else text
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            return json.loads(candidate, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def _walk(data: Any, depth: int) -> Iterator[Mapping[str, Any]]:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            inner = data.get(key)
            if isinstance(inner, (list, dict)):
                yield from _walk(inner, depth + 1)


def _main_article(objects: tuple[Mapping[str, Any], ...]) -> Mapping[str, Any] | None:
    best: tuple[int, int] | None = None
    chosen: Mapping[str, Any] | None = None
    for index, obj in enumerate(objects):
        types = [t for t in type_names(obj) if t in ARTICLE_TYPES]
        if not types or not (obj.get("headline") or obj.get("datePublished") or obj.get("author")):
            continue
        rank = (min(_ARTICLE_RANK.get(t, 3) for t in types), index)
        if best is None or rank < best:
            best, chosen = rank, obj
    return chosen


def ld_text(value: Any) -> str:
    """A JSON-LD value as text: strings as they are, ``{"name": ...}``/``{"@value": ...}`` objects by name."""
    if isinstance(value, list):
        return next((t for t in (ld_text(v) for v in value) if t), "")
    if isinstance(value, dict):
        return clean(value.get("name") or value.get("@value") or "")
    return clean(value) if isinstance(value, str) else ""
