"""WARC archives (plain or gzip-compressed per record) → one Capture per page record, read with fastwarc.

    is_warc(head) -> bool                          the first bytes of a file (decompressed) start a WARC record
    warc_captures(path, max_bytes) -> Iterator     Capture | Rejected, in archive order

A crawl keeps every response it fetched: pages, but also style sheets, scripts, images, redirects and
error pages. A capture is made of each ``response`` or ``resource`` record with a 2xx status (or no
HTTP status, for a ``resource``) whose content type is one newsfuse reads (HTML, XHTML, PDF, plain
text, or none stated: the bytes decide, as for a file); the other records are not captures and are
passed over, as datatrove's and trafilatura's WARC readers do. The capture's path is the archive's
with the record's offset (``crawl.warc.gz#1234``, the offset a CDX index gives) and its ``url`` the
record's ``WARC-Target-URI``. A payload sent with a ``Content-Encoding`` (gzip, deflate, brotli) is
decoded. A record cut short (a truncated archive), too large or with a broken encoding is a
:class:`Rejected` naming the record; the records before and after it still go out.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from newsfuse.errors import CaptureError, TooLarge
from newsfuse.records import Capture, Rejected

if TYPE_CHECKING:
    from fastwarc.warc import WarcRecord

WARC_MAGIC = b"WARC/"
READ_TYPES = ("text/html", "application/xhtml+xml", "application/pdf", "text/plain")
HEAD = 4096  # bytes of a file read to tell a WARC archive (a gzip member's code tables come first)


def is_warc(head: bytes) -> bool:
    """``head`` (a file's first bytes) starts a WARC record, plain or in a gzip member."""
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(head, len(WARC_MAGIC))
        except zlib.error:
            return False
    return head.startswith(WARC_MAGIC)


def is_warc_file(path: str) -> bool:
    """The file at ``path`` is a WARC archive (False when it cannot be read: the reader says why)."""
    try:
        with open(path, "rb") as file:
            return is_warc(file.read(HEAD))
    except OSError:
        return False


def warc_captures(path: str, max_bytes: int) -> Iterator[Capture | Rejected]:
    """The page records of the archive at ``path`` as Captures, in archive order; a record that cannot
    be read as a :class:`Rejected` naming it, and an archive that gives no record at all as one."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    wanted = WarcRecordType.response | WarcRecordType.resource
    records = 0
    try:
        with open(path, "rb") as file:
            for record in ArchiveIterator(file, record_types=wanted, parse_http=True):
                records += 1
                name = f"{path}#{record.stream_pos}"
                if not _is_page(record):
                    continue
                try:
                    yield Capture(path=name, data=_payload(record, max_bytes),
                                  url=record.headers.get("WARC-Target-URI") or None)
                except CaptureError as exc:
                    yield Rejected(path=name, reason=str(exc), code=exc.code)
    except OSError as exc:
        yield Rejected(path=path, reason=f"cannot read WARC archive ({exc.strerror or exc})")
        return
    if records == 0:
        yield Rejected(path=path, reason="no WARC record could be read (broken or not a WARC archive)")


def _is_page(record: WarcRecord) -> bool:
    """A record newsfuse reads: a 2xx response (or a resource) of a content type it knows, or of none."""
    if record.is_http:
        status = record.http_headers.status_code
        if status is None or not 200 <= status < 300:
            return False
        content_type = record.http_content_type or ""
    else:
        content_type = record.headers.get("Content-Type") or ""
    content_type = content_type.split(";")[0].strip().lower()
    return not content_type or content_type in READ_TYPES


def _payload(record: WarcRecord, max_bytes: int) -> bytes:
    """The record's payload as the page's bytes: size-checked, whole, its Content-Encoding undone."""
    expected = record.content_length  # the payload's, once the HTTP headers are parsed
    if expected > max_bytes:
        raise TooLarge(f"record of {expected} bytes, over the limit of {max_bytes}")
    data = record.reader.read(max_bytes + 1)
    if len(data) < expected:
        raise CaptureError(f"record cut short: {len(data)} of {expected} bytes (truncated archive)")
    encoding = (record.http_headers.get("Content-Encoding") or "") if record.is_http else ""
    return _decoded(data, encoding.strip().lower(), max_bytes)


def _decoded(data: bytes, encoding: str, max_bytes: int) -> bytes:
    """``data`` without its HTTP Content-Encoding (a payload already decoded by the crawler is left as is)."""
    import brotli  # fastwarc's own dependency

    try:
        if encoding in ("gzip", "x-gzip") and data[:2] == b"\x1f\x8b":
            out = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(data, max_bytes + 1)
        elif encoding == "deflate":
            try:
                out = zlib.decompressobj().decompress(data, max_bytes + 1)
            except zlib.error:  # raw deflate, without the zlib header some servers leave out
                out = zlib.decompressobj(wbits=-zlib.MAX_WBITS).decompress(data, max_bytes + 1)
        elif encoding == "br":
            out = brotli.Decompressor().process(data, output_buffer_limit=max_bytes + 1)
        else:
            return data
    except (zlib.error, gzip.BadGzipFile, EOFError, brotli.error) as exc:
        raise CaptureError(f"broken {encoding} content encoding ({exc})") from exc
    if len(out) > max_bytes:
        raise TooLarge(f"decoded size over the limit of {max_bytes} bytes")
    return out
