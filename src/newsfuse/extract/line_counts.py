"""Per-line counts of a document's units, taken from the code points of all of them at once (numpy).

    CodePoints.of(units) -> CodePoints      the units joined by "\\n", as code points, and where lines start
    char_classes(points) -> dict[str, ndarray]      per line: upper, digit, punct, comma, space, sep,
                                                    words (after " " or a line start) and titled words
    MarkAtEnd(mark_sets, closers, tail).per_line(points)    per line: a mark, then only closers,
                                                    at its end ('."' ends a sentence)
    StopWords(words).per_line(units) -> ndarray     per line: whitespace-separated tokens, lower-cased,
                                                    that are in ``words``

Each answers what a loop over the lines with ``str`` methods would (the tests hold them to it); one
numpy pass over the document costs far less than a Python step per line or per word.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# every code point falls in one of these classes (looked up in _CLASS_OF; its last entry: every code
# above the table). Upper case: A-Z and Latin-1 capitals; punctuation: ASCII symbols, Latin-1 signs,
# ×, ÷ and U+2000-U+2BFF (the comma and the separators "|•·»›/" are punctuation with a class of their own)
_OTHER, _UPPER, _DIGIT, _COMMA, _SPACE, _NEWLINE, _SEP, _PUNCT = range(8)


def _class_table() -> np.ndarray:
    cp = np.arange(0x2C01)
    ascii_alnum = ((cp >= 48) & (cp <= 57)) | ((cp >= 65) & (cp <= 90)) | ((cp >= 97) & (cp <= 122))
    table = np.full(len(cp), _OTHER, dtype=np.int64)
    table[((cp < 128) & ~ascii_alnum) | ((cp >= 0xA0) & (cp <= 0xBF)) | (cp == 0xD7) | (cp == 0xF7)
          | ((cp >= 0x2000) & (cp <= 0x2BFF))] = _PUNCT
    table[[ord(c) for c in "|•·»›/"]] = _SEP
    table[((cp >= 65) & (cp <= 90)) | ((cp >= 0xC0) & (cp <= 0xDE) & (cp != 0xD7))] = _UPPER
    table[(cp >= 48) & (cp <= 57)] = _DIGIT
    table[[44, 32, 10]] = [_COMMA, _SPACE, _NEWLINE]
    table[-1] = _OTHER
    return table


_CLASS_OF = _class_table()


def _flags(chars: str) -> np.ndarray:
    """A look-up table: True at the code points of ``chars`` (its last entry, False, stands for every
    code point above it)."""
    table = np.zeros(max(map(ord, chars)) + 2, dtype=bool)
    table[[ord(c) for c in chars]] = True
    return table


def _look_up(table: np.ndarray, cp: np.ndarray) -> np.ndarray:
    """``table`` at each code point (code points past its end: its last entry)."""
    looked: np.ndarray = table.take(cp, mode="clip")
    return looked


# what str.split() splits at (str.isspace; none above U+3000)
_IS_SPACE = _flags("".join(chr(c) for c in range(0x3001) if chr(c).isspace()))


@dataclass(frozen=True, slots=True)
class CodePoints:
    """The units of a document joined by "\\n" (units hold no "\\n"), as code points."""

    cp: np.ndarray  # one per character (intp: numpy indexes tables with it fastest)
    line: np.ndarray  # the line of each character (the "\\n" after a line counts to it)
    starts: np.ndarray  # offset of each line's first character
    chars: np.ndarray  # characters per line

    @classmethod
    def of(cls, units: list[str]) -> CodePoints:
        chars = np.array([len(u) for u in units], dtype=np.intp)
        starts = np.concatenate([[0], np.cumsum(chars + 1)[:-1]]).astype(np.intp)
        cp = _code_points("\n".join(units))
        return cls(cp, np.repeat(np.arange(len(units)), chars + 1)[:len(cp)], starts, chars)


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.intp)


def char_classes(points: CodePoints) -> dict[str, np.ndarray]:
    """Per line counts of character classes: one table look-up, then one count of (line, class) pairs.
    A word starts at a character that is not " " after a " " or a line start."""
    n, line = len(points.chars), points.line
    cls = _look_up(_CLASS_OF, points.cp)
    blank = (cls == _NEWLINE) | (cls == _SPACE)
    word_start = ~blank & np.concatenate([[True], blank[:-1]])
    by_class = np.bincount(line * 8 + cls, minlength=8 * n).reshape(n, 8).astype(np.float64)
    starts = np.bincount(line * 3 + word_start * (1 + (cls == _UPPER)), minlength=3 * n).reshape(n, 3)
    return {"upper": by_class[:, _UPPER], "digit": by_class[:, _DIGIT],
            "punct": by_class[:, [_COMMA, _SEP, _PUNCT]].sum(axis=1), "comma": by_class[:, _COMMA],
            "space": by_class[:, _SPACE], "words": (starts[:, 1] + starts[:, 2]).astype(np.float64),
            "titled": starts[:, 2].astype(np.float64), "sep": by_class[:, _SEP]}


class MarkAtEnd:
    """Does a line end with a mark followed only by closers, within its last ``tail`` characters (the
    regular expression ``[marks][closers]*$`` searched in ``line[-tail:]``), for each of a few sets of
    marks at once."""

    def __init__(self, mark_sets: tuple[str, ...], closers: str, tail: int) -> None:
        self.marks = tuple(_flags(marks) for marks in mark_sets)
        self.closing = _flags(closers)
        self.tail = tail

    def per_line(self, points: CodePoints) -> tuple[np.ndarray, ...]:
        """One array per set of marks: 1.0 where the line ends with one of them, else 0.0."""
        cp, end = points.cp, points.starts + points.chars
        if not len(cp):
            return tuple(np.zeros(len(end)) for _ in self.marks)
        low = np.maximum(points.starts, end - self.tail)
        at = end - 1  # stepped back over the closers
        for _ in range(self.tail):
            skip = (at >= low) & _look_up(self.closing, cp[np.maximum(at, 0)])
            if not skip.any():
                break
            at = at - skip
        last = cp[np.maximum(at, 0)]
        return tuple(((at >= low) & _look_up(marks, last)).astype(np.float64) for marks in self.marks)


class StopWords:
    """A set of words found among a document's tokens by numpy: each word's characters, numbered in
    the words' own alphabet, are packed into one integer; a token longer than the longest word or with
    a character outside the alphabet is none of them."""

    def __init__(self, words: frozenset[str]) -> None:
        alphabet = sorted(set("".join(words)))
        self.size = max(map(len, words))
        self.bits = len(alphabet).bit_length()  # numbers 1..len(alphabet); 0: not in the alphabet
        if self.bits * self.size > 63:
            raise ValueError("stop words too long or too varied to pack into one integer")
        self.number = np.zeros(ord(alphabet[-1]) + 2, dtype=np.int64)
        self.number[[ord(c) for c in alphabet]] = np.arange(1, len(alphabet) + 1)
        self.keys = np.sort(np.array([self._key(w) for w in words], dtype=np.int64))

    def _key(self, word: str) -> int:
        return sum(int(self.number[ord(c)]) << (self.bits * k) for k, c in enumerate(word))

    def per_line(self, units: list[str]) -> np.ndarray:
        """Per unit: how many of its tokens (``unit.lower().split()``) are stop words."""
        n = len(units)
        cp = _code_points("\n".join(units).lower())  # lower-casing keeps every "\n" (a few letters grow)
        space = _look_up(_IS_SPACE, cp)
        first = np.flatnonzero(~space & np.concatenate([[True], space[:-1]]))
        last = np.flatnonzero(~space & np.concatenate([space[1:], [True]]))
        length = last - first + 1
        short = length <= self.size
        first, length = first[short], length[short]
        offsets = np.arange(self.size)
        inside = offsets < length[:, None]
        numbers = _look_up(self.number, cp[np.minimum(first[:, None] + offsets, len(cp) - 1)]) * inside
        keys = (numbers << (offsets * self.bits)).sum(axis=1)
        known = ((numbers > 0) == inside).all(axis=1)
        found = np.searchsorted(self.keys, keys).clip(0, len(self.keys) - 1)
        hit = known & (self.keys[found] == keys)
        line = np.searchsorted(np.flatnonzero(cp == 10), first[hit])
        return np.bincount(line, minlength=n).astype(np.float64)
