"""A text capture cut into units for the line model, with what the rules already know about them.

    page_doc(text) -> Doc    browser page text: one unit per non-blank line
    pdf_doc(text) -> Doc     pdftotext output: print furniture off, lines reflowed into paragraphs

Rules applied before the model: "Related article: ..." promos and bare URLs become ``related``;
an "Original URL:" label gives the URL (rejoined when split over lines); a photo credit and the
caption before it become an image. Units a rule takes are ``fixed`` (never body) with a kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsfuse.extract.reflow import (
    PAGE_BREAK,
    column_width,
    document_vocab,
    glued_forms,
    is_url_continuation,
    reflow,
    rejoin_url,
    restore_glued_paragraphs,
    split_pages,
)
from newsfuse.extract.text_headline import title_in_print
from newsfuse.extract.text_meta import is_date_line, site_of
from newsfuse.extract.text_patterns import (
    CLOSE_MARK,
    CLOSE_MARK_CHARS,
    CREDIT,
    CREDIT_LABEL,
    INLINE_CREDIT,
    ORIGINAL_URL,
    PHOTO_AGENCIES,
    RELATED_PROMO,
)
from newsfuse.extract.text_rules import repair_quotes
from newsfuse.records import Image, Link, Removed

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Doc:
    units: tuple[str, ...]
    fixed: tuple[bool, ...]
    kinds: dict[int, str] = field(default_factory=dict)
    roles: dict[int, str] = field(default_factory=dict)
    pre_removed: tuple[Removed, ...] = ()
    title: str | None = None
    page_title: str | None = None
    site: str | None = None
    url: str | None = None
    images: tuple[Image, ...] = ()
    related: tuple[Link, ...] = ()


def is_photo_credit(text: str) -> bool:
    """"Foto: Jane Roe", "© Agency", "Jane Roe / Agency / Agency" (a photo agency named)."""
    if len(text) > 120 or text.endswith((".", "!", "?")) and not text.startswith(("©", "(c)")):
        return False
    if text.startswith(("©", "(c)", "(C)")) and (len(text.split()) > 6 or "right" in text.lower()):
        return False  # a copyright notice, not a photo credit
    match = CREDIT.search(text)
    if not match:
        return False
    return " / " not in text or PHOTO_AGENCIES.search(text) is not None or text[:1] in "©("


CAPTION_LINES = 3  # a caption above a credit in PDF text: at most this many lines, after a blank line
CAPTION_CHARS = 250
INLINE_REACH = 100  # characters at a line's end looked at for a credit that ends a caption


class _Collector:
    """What the rules take out while a document is cut into units."""

    def __init__(self) -> None:
        self.removed: list[Removed] = []
        self.images: list[Image] = []
        self.related: list[Link] = []
        self.url: str | None = None
        self._seen_urls: set[str] = set()

    def link(self, title: str | None, url: str | None) -> None:
        key = url or title or ""
        if key and key not in self._seen_urls:
            self._seen_urls.add(key)
            self.related.append(Link(title, url))


def _take_url(lines: list[str], i: int) -> tuple[str | None, int]:
    """The URL starting at line ``i`` (continued on following lines), and the index after it."""
    parts = [lines[i]]
    j = i + 1
    while j < len(lines) and j - i <= 3 and is_url_continuation(lines[j]):
        if rejoin_url(parts) and not rejoin_url(parts + [lines[j]]):
            break
        parts.append(lines[j])
        j += 1
    url = rejoin_url(parts)
    while url is None and len(parts) > 1:
        parts.pop()
        j -= 1
        url = rejoin_url(parts)
    return url, j


def _rules(lines: list[str], width: int, out: _Collector, wrapped: bool) -> list[str]:
    """Take promos, URLs, the Original URL label and photo credits out of ``lines``."""
    kept: list[str] = []
    i = 0  # lines before i are taken or kept
    for at in _candidates(lines):
        if at < i:
            continue  # taken with a line before it
        kept.extend(lines[i:at])
        taken = (_original_url(lines, at, out) or _promo(lines, at, width, out) or _bare_url(lines, at, out)
                 or _credit(lines, at, kept, out, wrapped))
        if not taken:
            kept.append(lines[at])
        i = taken or at + 1
    kept.extend(lines[i:])
    return kept


# Each rule looks at lines[i]: when it takes the line (and maybe the ones after it), it records what
# it took in ``out`` and returns the index of the next line; otherwise it returns None.

def _original_url(lines: list[str], i: int, out: _Collector) -> int | None:
    """"Original URL: https://...-" with the rest of the URL on the next line(s)."""
    label = ORIGINAL_URL.match(lines[i])
    if not label:
        return None
    start = label.group(1)
    seq = ([start] if start else []) + lines[i + 1:i + 5]
    url, used = _take_url(seq, 0) if seq and seq[0].startswith("http") else (None, 0)
    n = max(used - (1 if start else 0), 0)
    out.removed.append(Removed(" ".join(lines[i:i + 1 + n]), "metadata"))
    out.url = out.url or url
    return i + 1 + n


def _promo(lines: list[str], i: int, width: int, out: _Collector) -> int | None:
    """"Related article: <title>", the title maybe wrapped onto a short next line."""
    promo = RELATED_PROMO.match(lines[i])
    if not promo:
        return None
    line, title = lines[i], promo.group(1).strip()
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    if len(line) >= 0.75 * width and nxt and nxt != PAGE_BREAK and len(nxt) < 0.75 * width:
        out.removed.append(Removed(f"{line} {nxt}", "related-promo"))
        out.link(f"{title} {nxt}", None)
        return i + 2
    out.removed.append(Removed(line, "related-promo"))
    out.link(title or None, None)
    return i + 1


def _bare_url(lines: list[str], i: int, out: _Collector) -> int | None:
    """A line that is only a URL (maybe continued on the next lines): a related link."""
    if not lines[i].startswith(("http://", "https://")) or " " in lines[i]:
        return None
    url, j = _take_url(lines, i)
    if not url:
        return None
    out.removed.append(Removed(" ".join(lines[i:j]), "related-promo"))
    out.link(None, url)
    return j


def _credit(lines: list[str], i: int, kept: list[str], out: _Collector, wrapped: bool) -> int | None:
    """A photo credit and the caption above it (already in ``kept``, taken back out): an image. A
    credit may also end its caption's line ("... in 2025. Photo: Jane Roe / Agency"); the caption
    is then that line's start, and in a print the lines above it back to a blank line."""
    line, head = lines[i], None
    inline = INLINE_CREDIT.search(line, max(0, len(line) - INLINE_REACH))
    if inline and is_photo_credit(inline.group(1)):
        head, line = line[:inline.start()].strip(), inline.group(1)
        if head:
            kept.append(head)  # read as the last line above the credit
    elif not is_photo_credit(line):
        return None
    caption = _caption_before(kept) if wrapped else _caption_line(kept)
    if caption is None and not CREDIT_LABEL.match(line) and not (kept and is_date_line(kept[-1])):
        if head:
            kept[-1] = lines[i]  # no caption after all: the line stays whole
        return None  # a bare "© ..." or "A / B" with nothing above it to credit (a date line has a photo under it)
    out.images.append(Image(caption=caption, credit=line))
    if caption:
        out.removed.append(Removed(caption, "caption"))
    out.removed.append(Removed(line, "caption"))
    return i + 1


def _candidates(lines: list[str]) -> list[int]:
    """Lines a rule may take, in order: a label or credit has a colon early, a slash-separated credit
    " / ", a URL its scheme, a credit at a caption's end a colon late (cheap string tests; the rules'
    patterns run on these lines only)."""
    return [i for i, line in enumerate(lines)
            if line.find(":", 0, 40) != -1 or " / " in line or line.startswith(("http", "©", "(c)", "(C)"))
            or line.find(":", -INLINE_REACH) != -1]


def _caption_line(kept: list[str]) -> str | None:
    """In page text the caption is the one line just above its credit, unless that is the article's
    date line ("10.12.2022 07:00 | Druckvorschau" above a photo's "© ...")."""
    if kept and kept[-1] and len(kept[-1]) <= 300 and not is_date_line(kept[-1]):
        return kept.pop()
    return None


def _caption_before(kept: list[str]) -> str | None:
    """The caption printed just before a credit: the lines back to a blank line (at most 3)."""
    parts: list[str] = []
    while kept and kept[-1] and kept[-1] != PAGE_BREAK and len(parts) < CAPTION_LINES:
        parts.insert(0, kept.pop())
    if len(parts) == CAPTION_LINES and kept and kept[-1] or len(" ".join(parts)) > CAPTION_CHARS:
        kept.extend(parts)  # no blank line above: part of a paragraph, not a caption
        return None
    return " ".join(parts) or None


def _spaced(line: str) -> str:
    """``line`` with each run of whitespace made one space and none at its ends (``" ".join(line.split())``);
    most lines already are (printable, so no whitespace but " "), and are kept as they are."""
    if line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " ":
        return line
    return " ".join(line.split())


def page_doc(text: str) -> Doc:
    """Browser page text → one unit per non-blank line."""
    lines = [_spaced(line) for line in text.splitlines()]
    out = _Collector()
    kept = _rules(lines, 80, out, wrapped=False)
    units = [u for u in kept if u]
    kinds = {i: "page-furniture" for i, u in enumerate(units) if len(u) <= CLOSE_MARK_CHARS and CLOSE_MARK.match(u)}
    fixed = tuple(i in kinds for i in range(len(units)))
    if out.related:
        out.related[:] = [link for link in out.related if link.url != out.url]
    return Doc(tuple(units), fixed, kinds, {}, tuple(out.removed), url=out.url, images=tuple(out.images),
               related=tuple(out.related))


def _unless_titled(forms: dict[str, str], page_title: str | None) -> dict[str, str]:
    """The glued spellings whose hyphen is to be restored, less those the page's own title writes glued
    ("FairCoin" in the running title: a word, though the text also links "fair-coin.org")."""
    if not forms or not page_title:
        return forms
    titled = {word.lower(): word for word in _WORD.findall(page_title)}

    def glued_in_title(glued: str, form: str) -> bool:  # with the capital where the hyphen would be
        word, cut = titled.get(glued), form.index("-")
        return word is not None and len(word) == len(glued) and word[cut].isupper()

    return {glued: form for glued, form in forms.items() if not glued_in_title(glued, form)}


def pdf_doc(text: str) -> Doc:
    """pdftotext output → paragraphs reflowed after the running header and footer are taken off."""
    pages = split_pages(text)
    lines = list(pages.lines)
    width = column_width(lines)
    vocab = document_vocab(text)
    out = _Collector()
    kept = _rules(lines, width, out, wrapped=True)
    forms = _unless_titled(glued_forms(vocab), pages.header_title)
    paragraphs = restore_glued_paragraphs(reflow(kept, vocab, width), forms)
    paragraphs = [repair_quotes(p) if '"' in p else p for p in paragraphs]
    url = pages.url or out.url
    site = site_of(pages.header_title, url)
    units, title_at = title_in_print(paragraphs, pages.header_title, url)
    roles = {title_at: "title"} if title_at is not None else {}
    removed = [Removed(x, "page-furniture") for x in pages.furniture] + out.removed
    related = tuple(link for link in out.related if link.url != url)
    return Doc(tuple(units), (False,) * len(units), {}, roles, tuple(removed),
               title=units[title_at] if title_at is not None else None, page_title=pages.header_title,
               site=site, url=url, images=tuple(out.images), related=related)
