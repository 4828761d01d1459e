"""Text → normalised tokens → k-word shingle hashes (uint64), the same for every capture form.

    normalise(text) -> str            NFKC, casefold, hyphens inside words and at line breaks
                                      joined, punctuation dropped, whitespace collapsed
    tokens(text) -> list[str]         the words of the normalised text (CJK: one token a character)
    shingle_hashes(text, k) -> array  unique uint64 hashes of every k consecutive tokens
    token_shingles(tokens, k)         the same from tokens already split (normalise is their join)

Hashes are stable across processes and machines (crc32 of each word, mixed with splitmix64), so
signatures computed today match the ones a store kept yesterday.
"""

from __future__ import annotations

import re
import unicodedata
import zlib

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]

# a hyphen between two letters, possibly followed by a line break (printed hyphenation): joined
# (the hyphen first and the letter before it looked behind for: the search skips to hyphens)
_HYPHEN = re.compile(r"[-\u2010\u2011\u00ad](?<=\w.)\s*?\n?\s*(?=\w)|\u00ad")
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")

_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
# one odd multiplier per position in the shingle (fixed: part of the persisted format)
_POSITION = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                      0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x2545F4914F6CDD1D, 0x5851F42D4C957F2D],
                     dtype=np.uint64)


def normalise(text: str) -> str:
    return " ".join(tokens(text))


def tokens(text: str) -> list[str]:
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return _TOKEN.findall(_HYPHEN.sub("", text.casefold()))


def mix64(values: U64) -> U64:
    """splitmix64's finaliser: spreads the bits of every value over the whole word."""
    with np.errstate(over="ignore"):
        values = (values ^ (values >> np.uint64(30))) * _MIX1
        values = (values ^ (values >> np.uint64(27))) * _MIX2
        return values ^ (values >> np.uint64(31))


def word_hashes(words: list[str]) -> U64:
    return np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))


def shingle_hashes(text: str, k: int = 5) -> U64:
    """The distinct hashes of every run of ``k`` tokens (the whole text when it is shorter)."""
    return token_shingles(tokens(text), k)


def token_shingles(token_list: list[str], k: int = 5) -> U64:
    """:func:`shingle_hashes` of text already split by :func:`tokens`."""
    words = word_hashes(token_list)
    if words.size == 0:
        return np.empty(0, dtype=np.uint64)
    k = min(k, int(words.size), len(_POSITION))
    n = words.size - k + 1
    with np.errstate(over="ignore"):
        acc = np.zeros(n, dtype=np.uint64)
        for j in range(k):
            acc += words[j:j + n] * _POSITION[j]
    values = np.sort(mix64(acc))  # sorted, then duplicates dropped (np.unique hashes: slower here)
    return values[np.concatenate(([True], values[1:] != values[:-1]))]
