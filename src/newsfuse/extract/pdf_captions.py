"""Captions of a PDF page's images, found by position: the lines just under (or beside) an image.

    image_boxes(page) -> list[Rect]                  the page's image objects (forms looked into)
    mark_captions(segments, images) -> None          sets ``caption`` on the runs that caption an image
    split_credit(caption) -> (caption, credit)       "A ferry at dawn. Photo: I. Marten" → both parts

pdftotext cannot see images, the PDF can: a browser print keeps each <img> as an image object (a
blank pixel where the image was not loaded) at its place in the layout. The caption is the run of
lines starting right under the image (or on its line, after it) up to the first line the next word
would have fitted on (a deliberate break, so not the start of a wrapped body paragraph), at most
``CAPTION_LINES`` lines, and it must show a caption's mark: a figure label ("Figure 3:"), a credit
("Foto:", "©") or a photo agency. A body paragraph that follows an image has no such short run.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from newsfuse.extract.pdf_layout import Rect, Segment, new_block
from newsfuse.extract.text_patterns import PHOTO_AGENCIES

#: a caption is at most this many lines
CAPTION_LINES = 3
#: its first line starts within this many line heights under the image's bottom edge
UNDER = 1.5
#: a figure label or a credit mark anywhere in the run
CAPTION_MARK = re.compile(
    r"^(?:abbildung|abb\.|figure|fig\.|grafik|graphique|gráfico|bild|image|illustration|photo|foto|chart"
    r"|table|tabelle|tableau|tabla|karte|map)\s*\d+[a-z]?\s*[:.]"
    r"|©|\(c\)|\b(?:foto|photo|bild|bildquelle|credit|crédit|image|photograph)s?\s*:",
    re.IGNORECASE,
)
#: where a credit starts inside a caption: a credit label or a copyright mark after a space
CREDIT_START = re.compile(
    r"\s[(\[]?(?=(?:(?:image|photo|picture)\s+)?(?:foto|photo|bild|bildquelle|credit|crédit|image|photograph)s?\s*:"
    r"|©|\(c\))", re.IGNORECASE)
#: forms nest at most this deep (Chromium draws into one or two levels)
FORM_DEPTH = 3


def image_boxes(page: pdfium.PdfPage) -> list[Rect]:
    """Boxes (left, bottom, right, top) of the page's image objects."""
    count = pdfium_c.FPDFPage_CountObjects(page.raw)
    objects = (pdfium_c.FPDFPage_GetObject(page.raw, i) for i in range(count))
    return list(_images(objects, FORM_DEPTH))


def _images(objects: Iterator[pdfium_c.FPDF_PAGEOBJECT], depth: int) -> Iterator[Rect]:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for obj in objects:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE and pdfium_c.FPDFPageObj_GetBounds(
                obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)):
            yield (left.value, bottom.value, right.value, top.value)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth > 1:
            count = pdfium_c.FPDFFormObj_CountObjects(obj)
            yield from _images((pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(count)), depth - 1)


def mark_captions(segments: list[Segment], images: list[Rect]) -> None:
    """Set ``caption`` on the runs of ``segments`` (in reading order) that caption one of ``images``."""
    for image in images:
        start = _first_under(segments, image)
        if start is None:
            continue
        run = _caption_run(segments, start)
        text = " ".join(segments[i].text for i in run)
        if CAPTION_MARK.search(text) or PHOTO_AGENCIES.search(text):
            for i in run:
                segments[i].caption = True


def _first_under(segments: list[Segment], image: Rect) -> int | None:
    """The run just after an image of a line's height or more, on its line (an icon before the
    caption); else the run nearest under the image's bottom edge (overlapping it across) or starting
    on its bottom line just after it (a blank pixel where an inline image was)."""
    left, bottom, right, top = image
    best: tuple[float, int] | None = None
    for i, s in enumerate(segments):
        h = max(s.height, 0.1)
        if top - bottom >= h / 2 and s.bottom < top and s.top > bottom and right - 1 <= s.left <= right + h:
            return i
        under = bottom - UNDER * h <= s.top <= bottom + 0.5 * h and s.left < right + 2 and s.right > left - 2
        beside = abs(s.bottom - bottom) < h and left - 2 <= s.left <= right + 3 * h
        if (under or beside) and (best is None or abs(s.top - bottom) < best[0]):
            best = (abs(s.top - bottom), i)
    return best[1] if best else None


def _caption_run(segments: list[Segment], start: int) -> list[int]:
    """The lines from ``start`` to the first deliberate break (block end, or a line the next word
    would have fitted on), if that comes within CAPTION_LINES lines; else none."""
    block_right = max(s.right for s in _block_from(segments, start))
    run = [start]
    for i in range(start, min(start + CAPTION_LINES, len(segments))):
        nxt = segments[i + 1] if i + 1 < len(segments) else None
        if nxt is None or new_block(segments[i], nxt) or not _wrapped(segments[i], nxt, block_right):
            return run
        run.append(i + 1)
    return []


def _block_from(segments: list[Segment], start: int) -> Iterator[Segment]:
    yield segments[start]
    for a, b in zip(segments[start:], segments[start + 1:]):
        if new_block(a, b):
            return
        yield b


def _wrapped(line: Segment, nxt: Segment, right: float) -> bool:
    """Would the first word of ``nxt`` have overflowed ``line`` (so the line was wrapped there)?"""
    char = (nxt.right - nxt.left) / max(len(nxt.text), 1)
    first = nxt.text.split(" ", 1)[0]
    return line.right + char * (len(first) + 1) > right - 0.5 * char


def split_credit(caption: str) -> tuple[str | None, str | None]:
    """The caption without the credit at its end ("Foto: ...", "(© ...)"), and the credit; a caption
    that is only a credit is (None, credit)."""
    match = CREDIT_START.search(" " + caption)
    if match is None:
        return caption, None
    credit = (" " + caption)[match.end():].strip().rstrip(".").strip()
    if match.group(0).strip() and credit.endswith((")", "]")):
        credit = credit[:-1].strip()
    text = caption[:max(match.start() - 1, 0)].strip().rstrip("|/–-").strip()
    return text or None, credit or None
