"""Bytes → str without ever raising.

Order of evidence: a byte-order mark, the charset an HTML page declares (``<meta charset>``
or ``http-equiv``), strict UTF-8, then charset-normalizer's guess, and finally cp1252 with
replacement. Modelled on resiliparse's ``bytes_to_str``.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE
)
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252",
            "us-ascii": "cp1252", "x-user-defined": "cp1252", "utf8": "utf-8", "unicode": "utf-8"}


def _codec(name: str) -> str | None:
    name = name.strip().lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KiB, if it names a known codec."""
    match = _META_CHARSET.search(data[:4096])
    return _codec(match.group(1).decode("ascii", "replace")) if match else None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` to text; never raises. ``declared`` is tried first when given."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    candidates = [c for c in (_codec(declared) if declared else None, "utf-8") if c]
    for encoding in dict.fromkeys(candidates):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace")
    return data.decode("cp1252", errors="replace")


def decode_html(data: bytes) -> str:
    """Decode an HTML page, trusting its declared charset first."""
    declared = declared_charset(data)
    if declared and declared.startswith("utf-8"):
        declared = None  # strict UTF-8 is tried anyway; a wrong UTF-8 claim falls through
    return decode_bytes(data, declared)
