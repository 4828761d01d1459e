"""Exact keys: the same bytes, the same body, the same canonical URL.

    capture_key(data) -> str      sha256 of the capture's bytes (byte-identical captures)
    body_key(text) -> str         sha256 of the normalised body (the same text in any form that
                                  normalises alike: case, punctuation, hyphenation, wrapping)
    canonical_url(url) -> str     the URL as compared: scheme and ``www.`` dropped, host lowered,
                                  fragment and trailing slash dropped; None without a path
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from newsfuse.dedup.shingles import normalise


def capture_key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def body_key(text: str) -> str:
    """Hash of the normalised body; the empty body has the key of the empty string."""
    return normalised_key(normalise(text))


def normalised_key(normalised: str) -> str:
    """:func:`body_key` of text already normalised."""
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:32]


EMPTY_BODY = body_key("")


def canonical_url(url: str | None) -> str | None:
    """The URL as a dedup signal, or None when it names no single page (none, or a site's root)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    if not host or (not path and not parts.query):
        return None
    return host + path + ("?" + parts.query if parts.query else "")
