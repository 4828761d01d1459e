"""Bytes → str without ever raising.

Order of evidence: a byte-order mark, the charset an HTML page declares (``<meta charset>``
or ``http-equiv``), strict UTF-8, then charset-normalizer's guess (cp1252, the web's default for
undeclared pages, when it fits the bytes as well as the guess), and finally cp1252 with replacement.
Modelled on resiliparse's ``bytes_to_str``.
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
#: The legacy codecs of the WHATWG Encoding Standard (what browsers decode), by Python's names.
WEB_CODECS = frozenset({
    "cp866", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8",
    "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "koi8_r", "koi8_u", "mac_roman",
    "mac_cyrillic", "cp874", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "cp1258", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "euc_jp", "iso2022_jp", "shift_jis", "cp932",
    "euc_kr", "cp949", "utf_16", "utf_16_be", "utf_16_le", "utf_8", "ascii", "latin_1",
})
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


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken sequences (a stray byte in a long UTF-8 page) decodes as UTF-8."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    non_ascii = sum(1 for ch in text if ord(ch) > 127) - broken
    return text if non_ascii > 0 and broken * 20 < non_ascii else None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` to text; never raises. Strict UTF-8 first (a page's charset claim is often
    stale, and non-ASCII text that is valid UTF-8 by accident is rare), then ``declared``, then
    UTF-8 with a few broken bytes, then a guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    codec = _codec(declared) if declared else None
    if codec and not codec.startswith("utf"):
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    return data.decode(_guess(data[:200_000]) or "cp1252", errors="replace")


def _guess(data: bytes) -> str | None:
    """charset-normalizer's best guess among the codecs browsers decode (:data:`WEB_CODECS`), and
    cp1252, what a browser assumes for a page that declares nothing, when it reads the bytes as well
    as the guess. On a short page a few accented letters are no evidence: charset-normalizer then
    ranks a DOS or Baltic codec first and turns "Ötters" into "ųtters", or takes cp1250 and turns
    French "crème" into "crčme"."""
    matches = [m for m in from_bytes(data) if WEB_CODECS.intersection(m.could_be_from_charset)]
    if not matches:
        return None
    best = matches[0]
    tied = [m for m in matches if m.chaos == best.chaos]
    if any("cp1252" in m.could_be_from_charset for m in tied):
        return "cp1252"
    return best.encoding if best.encoding in WEB_CODECS else \
        next(c for c in best.could_be_from_charset if c in WEB_CODECS)


def decode_html(data: bytes) -> str:
    """Decode an HTML page: valid UTF-8 as such, else its declared charset, else a guess."""
    return decode_bytes(data, declared_charset(data))
