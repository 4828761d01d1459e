"""PDF file → Article.

    extract_pdf(capture, options) -> Article      raises BrokenPdf, EncryptedPdf, NoTextLayer

The PDF's text layer is read with pypdfium2 and laid out like ``pdftotext`` output
(:mod:`newsfuse.extract.pdf_layout`: lines, blank lines between blocks, \\f between pages); the
PDF-text cleaner (:func:`newsfuse.extract.text.extract_pdf_text`) makes the Article from it. What the
PDF tells better than its text is then set on the Article: the headline, from the largest type on the
first page, or the body line that the page title in a browser print's running header starts with
(:mod:`newsfuse.extract.pdf_title`); and the images' captions, found under the image objects
(:mod:`newsfuse.extract.pdf_captions`), which are left out of the text. At most ``options.pdf_max_pages`` pages are read; a page that takes longer than
``options.pdf_page_timeout`` seconds is skipped (the time limit arms in a process's main thread, see
:mod:`newsfuse.limits`).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import replace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from newsfuse.errors import BrokenPdf, EncryptedPdf, NoTextLayer
from newsfuse.extract.pdf_captions import image_boxes, mark_captions, split_credit
from newsfuse.extract.pdf_layout import (
    Rect,
    Segment,
    headline,
    page_captions,
    page_segments,
    page_text,
)
from newsfuse.extract.pdf_title import headline_in_body
from newsfuse.extract.text import extract_pdf_text
from newsfuse.limits import time_limit
from newsfuse.options import ExtractOptions
from newsfuse.records import Article, Capture, CaptureInfo, Image, Removed


class SlowPage(Exception):
    """One page went over ``pdf_page_timeout`` (caught by :func:`read_pages`, never raised out)."""


def extract_pdf(capture: Capture, options: ExtractOptions) -> Article:
    """A PDF capture → Article (through the PDF-text cleaner)."""
    pdf = open_pdf(capture.data)
    try:
        pages = list(read_pages(pdf, options))
    finally:
        pdf.close()
    text = "\f".join(page_text(segments) for segments in pages)
    if not text.strip():
        raise NoTextLayer("no text layer (scanned or image-only PDF)")
    article = extract_pdf_text(Capture(capture.path, text.encode("utf-8"), capture.url), options)
    title = headline_in_body(text) or better_title(article.title, headline(pages[0]) if pages else None)
    captions = [caption for segments in pages for caption in page_captions(segments)]
    return replace(article, title=title, capture=CaptureInfo.of(capture, "pdf"),
                   images=article.images + tuple(Image(*split_credit(c)) for c in captions),
                   removed=article.removed + tuple(Removed(c, "caption") for c in captions))


def better_title(cleaned: str | None, largest_type: str | None) -> str | None:
    """The headline in the largest type when the text cleaner found none, or found only part of it
    (a headline cut at a line break, or at a dash it took for a site name)."""
    if not largest_type:
        return cleaned
    if not cleaned:
        return largest_type
    words = " ".join(cleaned.split()).casefold()
    return largest_type if words in " ".join(largest_type.split()).casefold() else cleaned


def pdf_text(data: bytes, options: ExtractOptions) -> str:
    """The PDF's text laid out like pdftotext's (pages separated by \\f)."""
    pdf = open_pdf(data)
    try:
        return "\f".join(page_text(segments) for segments in read_pages(pdf, options))
    finally:
        pdf.close()


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    """Open a PDF from bytes; EncryptedPdf when it needs a password, BrokenPdf when unreadable."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise BrokenPdf("broken PDF (no %PDF header)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedPdf("encrypted PDF (needs a password)") from exc
        raise BrokenPdf(f"broken PDF ({exc})") from exc
    except (ValueError, OSError) as exc:
        raise BrokenPdf(f"broken PDF ({exc})") from exc


def read_pages(pdf: pdfium.PdfDocument, options: ExtractOptions) -> Iterator[list[Segment]]:
    """Each page's runs of text, up to ``pdf_max_pages``; a page over the time limit is skipped."""
    for index in range(min(len(pdf), options.pdf_max_pages)):
        try:
            with time_limit(options.pdf_page_timeout, f"PDF page {index + 1}", error=SlowPage):
                segments = _page(pdf, index)
        except (SlowPage, pdfium.PdfiumError):
            continue  # a slow page, or one that cannot be loaded, is skipped; the rest goes on
        yield segments


def _page(pdf: pdfium.PdfDocument, index: int) -> list[Segment]:
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            segments = page_segments(textpage.raw, page.get_height(), link_rects(page))
            mark_captions(segments, image_boxes(page))
            return segments
        finally:
            textpage.close()
    finally:
        page.close()


def link_rects(page: pdfium.PdfPage) -> list[Rect]:
    """The boxes of the page's link annotations."""
    rects: list[Rect] = []
    box = pdfium_c.FS_RECTF()
    for index in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, index)
        if not annot:
            continue
        try:
            if (pdfium_c.FPDFAnnot_GetSubtype(annot) == pdfium_c.FPDF_ANNOT_LINK
                    and pdfium_c.FPDFAnnot_GetRect(annot, ctypes.byref(box))):
                rects.append((min(box.left, box.right), min(box.bottom, box.top),
                              max(box.left, box.right), max(box.bottom, box.top)))
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return rects
