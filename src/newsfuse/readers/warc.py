"""WARC archives (plain or gzip-compressed per record) → one Capture per page record, read with fastwarc.

    is_warc(head) -> bool                          the first bytes of a file (decompressed) start a WARC record
    warc_captures(path, max_bytes) -> Iterator     Capture | Rejected, in archive order

A crawl keeps every response it fetched: pages, but also style sheets, scripts, images, redirects and
error pages. A capture is made of each ``response`` or ``resource`` record with a 2xx status (or no
HTTP status, for a ``resource``) whose content type is one newsfuse reads (HTML, XHTML, PDF, plain
text, or none stated: the bytes decide, as for a file); the other records are not captures and are
passed over, as datatrove's and trafilatura's WARC readers do. The capture's path is the archive's
with the record's offset (``crawl.warc.gz#1234``, the offset a CDX index gives) and its ``url`` the
record's ``WARC-Target-URI``. A body stored with its ``Transfer-Encoding: chunked`` framing is
de-chunked and one sent with a ``Content-Encoding`` (gzip, deflate, brotli) decoded. A record cut
short, too large or with a broken encoding is a :class:`Rejected` naming the record, and the next
record goes on; a damaged WARC header or gzip member stops the reading of the archive there (a
:class:`Rejected` says after which record). A record the crawler cut at its size limit
(``WARC-Truncated``) is read as it is, as trafilatura and datatrove read Common Crawl's.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from newsfuse.errors import CaptureError, TooLarge
from newsfuse.readers.inflate import GZIP, RAW, ZLIB, inflate
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
    be read as a :class:`Rejected` naming it. An archive that cannot be read on from some point (a
    damaged header or gzip member) gives one Rejected saying where it stopped: the records after that
    point are lost, the ones before it went out. An archive with no record at all is rejected too;
    one whose records are none of them pages (only ``warcinfo``, ``revisit``, ``request``) gives nothing."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    pages = WarcRecordType.response | WarcRecordType.resource
    records, last = 0, None  # records of a known WARC type read, and where the last one started
    try:
        with open(path, "rb") as file:
            for record in ArchiveIterator(file, parse_http=False):
                if record.record_type in (WarcRecordType.no_type, WarcRecordType.unknown):
                    continue  # no WARC-Type, or one WARC does not define
                records, last = records + 1, record.stream_pos
                if not record.record_type & pages:
                    continue
                name = f"{path}#{record.stream_pos}"
                try:
                    if (record.headers.get("Content-Type") or "").startswith("application/http"):
                        record.parse_http()
                    if _is_page(record):
                        yield Capture(path=name, data=_payload(record, max_bytes),
                                      url=record.headers.get("WARC-Target-URI") or None)
                except CaptureError as exc:
                    yield Rejected(path=name, reason=str(exc), code=exc.code)
    except OSError as exc:
        where = "" if last is None else f" after the record at offset {last}; the records after it are lost"
        yield Rejected(path=path, reason=f"cannot read the WARC archive on ({exc.strerror or exc}){where}")
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
    """The record's payload as the page's bytes: size-checked, whole, its Transfer- and
    Content-Encoding undone."""
    expected = record.content_length  # the payload's, once the HTTP headers are parsed
    if expected > max_bytes:
        raise TooLarge(f"record of {expected} bytes, over the limit of {max_bytes}")
    data = record.reader.read(max_bytes + 1)
    if len(data) < expected:
        raise CaptureError(f"record cut short: {len(data)} of {expected} bytes (truncated archive)")
    if not record.is_http:
        return data
    headers = record.http_headers
    if "chunked" in (headers.get("Transfer-Encoding") or "").lower():
        data = _dechunked(data)
    return _decoded(data, (headers.get("Content-Encoding") or "").strip().lower(), max_bytes)


_CHUNK_SIZE = re.compile(rb"([0-9A-Fa-f]{1,8})[ \t]*(?:;[^\r\n]*)?\r?\n")


def _dechunked(data: bytes) -> bytes:
    """An HTTP body sent with ``Transfer-Encoding: chunked`` (stored so by wget or warcprox) without its
    framing; a framing that breaks off is a :class:`CaptureError`."""
    parts: list[bytes] = []
    at = 0
    while True:
        size = _CHUNK_SIZE.match(data, at)
        if size is None:
            raise CaptureError(f"broken chunked transfer encoding at byte {at}")
        length, at = int(size.group(1), 16), size.end()
        if length == 0:
            return b"".join(parts)
        if at + length > len(data):
            raise CaptureError("chunked transfer encoding cut short")
        parts.append(data[at:at + length])
        at += length
        at += 2 if data[at:at + 2] == b"\r\n" else 1 if data[at:at + 1] == b"\n" else 0


def _decoded(data: bytes, encoding: str, max_bytes: int) -> bytes:
    """``data`` without its HTTP Content-Encoding (a payload already decoded by the crawler is left as is);
    a stream that is broken or cut short is a :class:`CaptureError`."""
    what = f"{encoding} content encoding"
    if encoding in ("gzip", "x-gzip") and data[:2] == b"\x1f\x8b":
        return inflate(data, GZIP, max_bytes, what)
    if encoding == "deflate":  # with the zlib header, or raw as some servers send it
        return inflate(data, ZLIB if data[:1] == b"\x78" else RAW, max_bytes, what)
    if encoding != "br":
        return data
    import brotli

    stream = brotli.Decompressor()
    try:
        out: bytes = stream.process(data, output_buffer_limit=max_bytes + 1)
    except brotli.error as exc:
        raise CaptureError(f"broken {what} ({exc})") from exc
    if len(out) > max_bytes:
        raise TooLarge(f"decompressed size over the limit of {max_bytes} bytes")
    if not stream.is_finished():
        raise CaptureError(f"{what} cut short")
    return out
