"""PDF file → Article (baseline: pypdfium2 text layer, then the PDF-text extractor)."""

from __future__ import annotations

import pypdfium2 as pdfium

from newsfuse.errors import BrokenPdf, EncryptedPdf, NoTextLayer
from newsfuse.extract.text import extract_pdf_text
from newsfuse.options import ExtractOptions
from newsfuse.records import Article, Capture, CaptureInfo


def extract_pdf(capture: Capture, options: ExtractOptions) -> Article:
    try:
        pdf = pdfium.PdfDocument(capture.data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedPdf("encrypted PDF (needs a password)") from exc
        raise BrokenPdf(f"broken PDF ({exc})") from exc
    pages = []
    for index in range(min(len(pdf), options.pdf_max_pages)):
        page = pdf[index]
        pages.append(page.get_textpage().get_text_range())
    text = "\f".join(pages)
    if not text.strip():
        raise NoTextLayer("no text layer (scanned or image-only PDF)")
    article = extract_pdf_text(Capture(capture.path, text.encode("utf-8"), capture.url), options)
    from dataclasses import replace

    return replace(article, capture=CaptureInfo.of(capture, "pdf"))
