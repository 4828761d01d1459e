"""Compressed bytes (gzip, zlib, raw deflate) → bytes, under a size limit: a ``.gz`` file's, a WARC
record's Content-Encoding.

    inflate(data, wbits, max_bytes, what) -> bytes    TooLarge over the limit, CaptureError when broken
                                                     or cut short (``what`` names the stream)
"""

from __future__ import annotations

import zlib

from newsfuse.errors import CaptureError, TooLarge

GZIP, ZLIB, RAW = 16 + zlib.MAX_WBITS, zlib.MAX_WBITS, -zlib.MAX_WBITS  # the wbits of each framing


def inflate(data: bytes, wbits: int, max_bytes: int, what: str) -> bytes:
    """``data`` decompressed (its first stream), at most ``max_bytes`` of it."""
    stream = zlib.decompressobj(wbits=wbits)
    try:
        out = stream.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise CaptureError(f"broken {what} ({exc})") from exc
    if len(out) > max_bytes:
        raise TooLarge(f"decompressed size over the limit of {max_bytes} bytes")
    if not stream.eof:
        raise CaptureError(f"{what} cut short")
    return out
