"""HTML page → Article (baseline: trafilatura's body and metadata on one parsed tree)."""

from __future__ import annotations

from lxml import html as lxml_html
from trafilatura import bare_extraction

from newsfuse.errors import NoArticle, UnsupportedKind
from newsfuse.extract.language import detect_language
from newsfuse.options import ExtractOptions
from newsfuse.readers.decode import decode_html
from newsfuse.records import Article, Block, Capture, CaptureInfo


def parse_html(data: bytes) -> lxml_html.HtmlElement:
    text = decode_html(data)
    try:
        tree = lxml_html.document_fromstring(text.replace("\x00", ""))
    except Exception as exc:  # lxml raises ParserError/ValueError on garbage
        raise UnsupportedKind(f"not parseable as HTML ({exc})") from exc
    return tree


def extract_html(capture: Capture, options: ExtractOptions) -> Article:
    tree = parse_html(capture.data)
    doc = bare_extraction(tree, url=capture.url, with_metadata=True, include_comments=False)
    body = (doc.text if doc is not None else "") or ""
    paragraphs = tuple(Block(p.strip()) for p in body.split("\n") if p.strip())
    if sum(len(p.text) for p in paragraphs) < options.min_body_chars:
        raise NoArticle("no article body found in the page")
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    return Article(
        title=doc.title,
        authors=authors,
        site=doc.sitename,
        published=doc.date,
        url=doc.url,
        language=detect_language(body),
        description=doc.description,
        paragraphs=paragraphs,
        capture=CaptureInfo.of(capture, "html"),
    )
