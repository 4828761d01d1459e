"""What kind of capture is this — from the bytes alone, never the file name.

    pdf        starts with ``%PDF`` (within the first KiB)
    html       markup: a doctype, ``<html>``, or a dense run of block tags
    pdf-text   text a PDF tool pulled out: form feeds, running print header/footer, page counters
    page-text  text copied from a browser page, and any other plain text

Binary data (many control bytes, NULs) is no kind: :class:`UnsupportedKind`; nor is a WARC archive,
which holds many captures (:func:`newsfuse.readers.iter_captures` reads it from a file, record by record).
"""

from __future__ import annotations

import codecs
import re

from newsfuse.errors import EmptyCapture, UnsupportedKind
from newsfuse.readers.warc import WARC_MAGIC

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                         rb"<(?:!doctype\s+html|html|head|body|meta|style|script|link|title|base)\b",
                         re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(rb"<(?:p|div|span|a|br|script|meta|article|section|title|body|head|li|td|img|h[1-6])\b[^>]*>",
                       re.IGNORECASE)
_PAGE_COUNTER = re.compile(r"^\s*(?:\S.*\s)?\d{1,3}\s*/\s*\d{1,3}\s*$", re.MULTILINE)
_PRINT_DATE = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\b")
_BINARY_BYTES = bytes(range(9)) + bytes(range(14, 32))
# what str.splitlines() cuts lines at ("\r\n" ends a line at its "\r" too); every one of them is
# white space to str.strip()
_LINE_BREAK = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = len(head) - len(head.translate(None, _BINARY_BYTES))  # translate deletes them in one pass
    return controls / len(head) > 0.05


def _utf8(data: bytes) -> bytes:
    """The bytes without a byte-order mark; UTF-16 (with its mark) re-encoded as UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data[:200_000].decode("utf-16", errors="replace").encode("utf-8")
    return data


def detect_kind(data: bytes) -> str:
    """The kind of a capture: "html", "pdf", "pdf-text" or "page-text"."""
    if not data.strip():
        raise EmptyCapture("empty capture")
    data = _utf8(data)
    head = data[:4096]
    if head.startswith(WARC_MAGIC):
        raise UnsupportedKind("a WARC archive holds many captures: give its file to extract or ingest, "
                              "which read it record by record")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if _HTML_START.match(head) or len(_HTML_TAG.findall(head)) >= 5:
        return "html"
    if _looks_binary(head.replace(b"\f", b"")):
        raise UnsupportedKind("binary data, not HTML, PDF or text")
    start = data[:200_000]
    if b"\f" in start:  # is_pdf_text's first test, on the bytes (a form feed byte is one in the text)
        return "pdf-text"
    return "pdf-text" if is_pdf_text(start.decode("utf-8", errors="replace")) else "page-text"


def is_pdf_text(text: str) -> bool:
    """Does this text look like what pdftotext (or a PDF reader's copy) gives?"""
    if "\f" in text:
        return True
    first = _first_line(text)
    return first is not None and bool(_PRINT_DATE.match(first) and _PAGE_COUNTER.search(text))


def _first_line(text: str) -> str | None:
    """The first line of ``text`` that is not blank, without its leading white space (the line that
    holds the first character that is not white space; found without splitting all of a long text)."""
    rest = text.lstrip()
    if not rest:
        return None
    end = _LINE_BREAK.search(rest)
    return rest if end is None else rest[:end.start()]
