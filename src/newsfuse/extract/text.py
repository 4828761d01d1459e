"""Page text and PDF text → Article (baseline: keep lines that read as sentences)."""

from __future__ import annotations

import re

from newsfuse.errors import NoArticle
from newsfuse.extract.language import detect_language
from newsfuse.options import ExtractOptions
from newsfuse.readers.decode import decode_bytes
from newsfuse.records import Article, Block, Capture, CaptureInfo, Removed

_SENTENCE_END = re.compile(r"[.!?…\"'»”)]\s*$")


def _extract(capture: Capture, kind: str) -> Article:
    text = decode_bytes(capture.data).replace("\f", "\n")
    kept: list[Block] = []
    removed: list[Removed] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if len(line.split()) >= 3 and _SENTENCE_END.search(line):
            kept.append(Block(line))
        else:
            removed.append(Removed(line, "boilerplate"))
    if not kept:
        raise NoArticle("no article body found in the text")
    body = "\n".join(b.text for b in kept)
    return Article(paragraphs=tuple(kept), removed=tuple(removed), language=detect_language(body),
                   capture=CaptureInfo.of(capture, kind))


def extract_page_text(capture: Capture, options: ExtractOptions) -> Article:
    return _extract(capture, "page-text")


def extract_pdf_text(capture: Capture, options: ExtractOptions) -> Article:
    return _extract(capture, "pdf-text")
