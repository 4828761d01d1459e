"""detect_kind: the kind of a capture from its bytes alone."""

from __future__ import annotations

import gzip

import pytest

from newsfuse.detect import detect_kind, is_pdf_text
from newsfuse.errors import EmptyCapture, UnsupportedKind

PDF_TEXT = ("11/22/26, 2:53 PM\n\nA headline | A site\n\nBody of the article, wrapped at the width\n"
            "of the printed page.\nhttps://example.com/news/a-headline\n\n1/2\n")


@pytest.mark.parametrize("data,kind", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdf"),
    (b"<!DOCTYPE html><html><head><title>x</title></head><body><p>Hi</p></body></html>", "html"),
    (b"\xef\xbb\xbf<!doctype html>\n<html lang=en>", "html"),
    (b"<div><p>one</p><p>two</p><p>three</p><span>four</span><a href=x>five</a></div>", "html"),
    (PDF_TEXT.encode(), "pdf-text"),
    ((PDF_TEXT + "\f" + PDF_TEXT.replace("1/2", "2/2")).encode(), "pdf-text"),
    (b"Home\nNews\n\nA headline\n\nThe body of the article, as a browser copies it.\n", "page-text"),
    ("Überschrift\n\nDer Text des Artikels, wie ihn der Browser kopiert.\n".encode(), "page-text"),
])
def test_detect_kind(data, kind):
    assert detect_kind(data) == kind


def test_page_text_mentioning_a_time_is_not_pdf_text():
    text = "News\n11/22/26, 2:53 PM\nThe council met at 2:53 PM and voted 3/4 in favour.\n"
    assert detect_kind(text.encode()) == "page-text"


def test_empty_and_binary():
    with pytest.raises(EmptyCapture):
        detect_kind(b"  \n ")
    with pytest.raises(UnsupportedKind):
        detect_kind(bytes(range(256)) * 4)


def test_gzip_bytes_are_binary_not_text():
    with pytest.raises(UnsupportedKind):
        detect_kind(gzip.compress(b"<html><body>hello</body></html>" * 20))


def test_is_pdf_text_needs_form_feed_or_print_furniture():
    assert is_pdf_text("a\fb")
    assert is_pdf_text(PDF_TEXT)
    assert not is_pdf_text("Just some text.\nWith lines.\n")


def test_html_starting_with_a_style_block_or_a_bom():
    assert detect_kind(b"<style>\n body { color: red; }\n</style>\n<div>hello</div>") == "html"
    assert detect_kind(b"\xef\xbb\xbf<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">\n<html>") == "html"


def test_utf16_page_text_with_a_bom():
    data = "\ufeffA headline\n\nThe body of the article.\n".encode("utf-16")
    assert detect_kind(data) == "page-text"
