"""The article's own images: caption, credit (split from the caption where the page joins them), src.

    find_images(tree, signals, limit) -> tuple[Image, ...]
    split_credit(caption) -> (caption, credit)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from newsfuse.extract.meta_agency import agency_of
from newsfuse.extract.meta_sources import Signals, clean, ld_text
from newsfuse.extract.metadata_patterns import CREDIT_MARKERS
from newsfuse.records import Image

_CREDIT_CLASS = re.compile(r"credit|copyright|source|quelle|photographer|byline|author|rights|fotograf",
                           re.IGNORECASE)
_TRAILING_PAREN = re.compile(r"\s*\(([^()]{2,60})\)\s*\.?$")
_TRAILING_SLASH = re.compile(r"\s+/\s+([^/]{2,60})$")
_FIGURES = etree.XPath("//figure | //@itemprop[.='image']/..")
_NOISE_ANCESTORS = ("nav", "footer", "aside", "header")
_NOISE_CLASS = re.compile(r"related|teaser|recommend|sidebar|widget|promo|newsletter|footer|comment|author-?box",
                          re.IGNORECASE)


def split_credit(text: str) -> tuple[str | None, str | None]:
    """("Crowds gather. Photo: Jane Doe/AFP") -> ("Crowds gather.", "Jane Doe/AFP")."""
    text = clean(text)
    if not text:
        return None, None
    for match in CREDIT_MARKERS.finditer(text):
        credit = _strip_marker(text[match.end():]) or ""
        caption = text[: match.start()].strip(" |/·–—-(:")
        if credit and len(credit) <= 80:
            return caption or None, credit
    paren = _TRAILING_PAREN.search(text)
    if paren and (agency_of(paren.group(1)) or re.search(r"getty|images|photo|foto|imago|picture",
                                                          paren.group(1), re.IGNORECASE)):
        return text[: paren.start()].strip() or None, paren.group(1).strip()
    slash = _TRAILING_SLASH.search(text)
    if slash and len(slash.group(1).split()) <= 5 and not slash.group(1).endswith("."):
        return text[: slash.start()].strip() or None, slash.group(1).strip()
    return text, None


def find_images(tree: HtmlElement, signals: Signals, limit: int = 20) -> tuple[Image, ...]:
    images: list[Image] = []
    seen: set[str] = set()
    for image in _all_images(tree, signals):
        key = image.src or image.caption or ""
        if not key or key in seen or not (image.caption or image.credit):
            continue
        seen.add(key)
        images.append(image)
        if len(images) >= limit:
            break
    return tuple(images)


def _all_images(tree: HtmlElement, signals: Signals) -> Iterator[Image]:
    for figure in _FIGURES(tree)[:60]:
        if (figure.tag == "figure" or figure.get("itemscope") is not None) and not _noisy(figure):
            yield _figure_image(figure)
    yield from _ld_images(signals.article.get("image") if signals.article else None)


def _figure_image(figure: HtmlElement) -> Image:
    src = _src(figure)
    caption_el = figure.find(".//figcaption")
    if caption_el is None:
        found = figure.xpath(".//*[@itemprop='caption' or @itemprop='description' or contains(@class,'caption')]")
        caption_el = found[0] if found else None
    credit_text = ""
    credit_els = figure.xpath(".//*[@itemprop='copyrightHolder' or @itemprop='author' or @itemprop='creditText'"
                              " or contains(@class,'credit') or contains(@class,'copyright')"
                              " or contains(@class,'source') or contains(@class,'photographer')]")
    if credit_els:
        credit_text = clean(credit_els[0].text_content())
    caption_text = clean(_text_without(caption_el, credit_els[:1])) if caption_el is not None else ""
    if credit_text:
        credit = _strip_marker(credit_text)
        if credit and caption_text.endswith(credit):  # the credit element sits inside the caption
            caption_text = caption_text[: -len(credit)]
        caption, inner = split_credit(caption_text)
        return Image(caption, credit or inner, src)
    caption, credit = split_credit(caption_text)
    return Image(caption, credit, src)


def _strip_marker(text: str) -> str | None:
    """ "© Foto: Jane Doe" -> "Jane Doe" (every leading credit marker removed)."""
    text = clean(text)
    for _ in range(3):
        match = CREDIT_MARKERS.match(text)
        if not match or not match.end():
            break
        text = text[match.end():]
    return text.strip(" .()") or None


def _text_without(element: HtmlElement, skip: list[HtmlElement]) -> str:
    """The text of ``element`` without the elements in ``skip`` (a credit inside a caption)."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and not any(child is s for s in skip):
            parts.append(_text_without(child, skip))
        parts.append(child.tail or "")
    return " ".join(parts)


def _src(figure: HtmlElement) -> str | None:
    for img in figure.iter("img", "source"):
        for attr in ("src", "data-src", "data-original", "data-lazy-src", "srcset", "data-srcset"):
            value = (img.get(attr) or "").strip()
            if value and not value.startswith("data:"):
                return value.split()[0]
    meta = figure.xpath(".//*[@itemprop='url' or @itemprop='contentUrl']")
    if meta:
        found = meta[0].get("content") or meta[0].get("href") or meta[0].get("src")
        return str(found) if found else None
    return None


def _noisy(element: HtmlElement) -> bool:
    node: HtmlElement | None = element
    for _ in range(8):
        if node is None or node.tag == "body":
            return False
        if node.tag in _NOISE_ANCESTORS or _NOISE_CLASS.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
        node = node.getparent()
    return False


def _ld_images(value: Any) -> Iterator[Image]:
    items = value if isinstance(value, list) else [value]
    for item in items[:10]:
        if not isinstance(item, dict):
            continue
        caption_raw = ld_text(item.get("caption")) or ld_text(item.get("description"))
        credit = (ld_text(item.get("creditText")) or ld_text(item.get("copyrightHolder"))
                  or ld_text(item.get("author")) or None)
        caption, inner = split_credit(caption_raw)
        src = item.get("url") or item.get("contentUrl")
        yield Image(caption, credit or inner, src if isinstance(src, str) else None)
