"""Post-filters over the body blocks: page furniture that slips through the extractor.

    filter_blocks(blocks) -> (kept, removed)

Five rules, their phrases in :mod:`newsfuse.extract.html_patterns`:
  related leads    "Read also: <title>" lines (any length up to a title's)
  related headers  a short "Related stories" line, and the short title-like lines right after it
  furniture        short credit / subscription / newsletter / sharing lines
  title, dateline  the headline repeated in the body; a short "Published 2 May 2026" line
Only short lines are ever dropped, so a real paragraph that happens to mention a newsletter stays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsfuse.extract import html_patterns as patterns
from newsfuse.records import Block, Removed


def _anchored(items: Sequence[str]) -> re.Pattern[str]:
    return re.compile(r"^(?:" + "|".join(items) + r")$", re.IGNORECASE)


_LEAD = re.compile(r"^\W{0,3}(?:" + "|".join(patterns.RELATED_LEADS) + r")", re.IGNORECASE)
_HEADER = _anchored(patterns.RELATED_HEADERS)
_FURNITURE = _anchored(patterns.FURNITURE_LINES)
_DATELINE = _anchored(patterns.DATELINES)
_SENTENCE_END = re.compile(r"[.!?…:;\"'»”)]\s*$")


def _header_text(text: str) -> str:
    return text.strip(" \t|:-–—•").strip()


def is_related_lead(block: Block) -> bool:
    return len(block.text) <= patterns.MAX_FURNITURE_CHARS and bool(_LEAD.match(block.text))


def is_related_header(block: Block) -> bool:
    return len(block.text) <= 80 and bool(_HEADER.match(_header_text(block.text)))


def is_furniture(block: Block) -> bool:
    return len(block.text) <= patterns.MAX_FURNITURE_CHARS and bool(_FURNITURE.match(block.text.strip()))


def is_dateline(block: Block) -> bool:
    return len(block.text) <= 100 and bool(_DATELINE.match(block.text.strip()))


def _is_title_like(block: Block) -> bool:
    return len(block.text) <= patterns.MAX_TITLE_CHARS and not _SENTENCE_END.search(block.text)


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def filter_blocks(blocks: Sequence[Block], title: str | None = None) -> tuple[list[Block], list[Removed]]:
    """The blocks that stay, and the ones dropped with their reason (``title``: the page's headline,
    dropped where the body repeats it)."""
    headline = _folded(title) if title else None
    kept: list[Block] = []
    removed: list[Removed] = []
    titles_left = 0
    for block in blocks:
        if titles_left and _is_title_like(block):
            titles_left -= 1
            removed.append(Removed(block.text, "related-promo"))
            continue
        titles_left = 0
        if headline and _folded(block.text) == headline:
            removed.append(Removed(block.text, "title"))
        elif is_dateline(block):
            removed.append(Removed(block.text, "dateline"))
        elif is_related_header(block):
            titles_left = patterns.MAX_TITLES_AFTER_HEADER
            removed.append(Removed(block.text, "related-promo"))
        elif is_related_lead(block):
            removed.append(Removed(block.text, "related-promo"))
        elif is_furniture(block):
            removed.append(Removed(block.text, "boilerplate"))
        else:
            kept.append(block)
    return kept, removed
