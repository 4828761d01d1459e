"""Per-line counts of a document's units, taken from the code points of all of them at once (numpy).

    CodePoints.of(units) -> CodePoints      the units joined by "\\n", as code points, and where lines start
    char_classes(points) -> dict[str, ndarray]      per line: upper, digit, punct, comma, space, sep,
                                                    words (after " " or a line start) and titled words
    edge_chars(points) -> (first, last)             per line: its first and last code point
    is_alnum(cp) -> ndarray                         str.isalnum of code points
    MarkAtEnd(mark_sets, closers, tail).per_line(points)    per line: a mark, then only closers,
                                                    at its end ('."' ends a sentence)
    StopWords(words).per_line(points) -> ndarray    per line: whitespace-separated tokens, lower-cased,
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
_IS_ALNUM = np.array([chr(c).isalnum() for c in range(0x3000)])  # str.isalnum below U+3000
LOWER_TO_LATIN = 0x212B  # no code point from here on has a Latin letter as its lower case (U+212A: Kelvin)


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


def edge_chars(points: CodePoints) -> tuple[np.ndarray, np.ndarray]:
    """Each line's first and last code point (-1 for an empty line)."""
    empty = points.chars == 0
    first = points.cp.take(points.starts, mode="clip")
    last = points.cp.take(points.starts + points.chars - 1, mode="clip")
    return np.where(empty, -1, first), np.where(empty, -1, last)


def is_alnum(cp: np.ndarray) -> np.ndarray:
    """``str.isalnum`` of each code point (-1: of no character, False)."""
    alnum: np.ndarray = _IS_ALNUM.take(cp, mode="clip") & (cp >= 0)
    high = np.flatnonzero(cp >= len(_IS_ALNUM))
    alnum[high] = [chr(c).isalnum() for c in cp[high].tolist()]
    return alnum


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


class _Slots:
    """A set of non-negative integers with a slot of its own for each, in a table of 2**bits slots: an
    integer's slot is the top bits of the product of ``factor`` (modulo 2**64) and the integer with its
    high bits folded into its low ones (packed letters differ in few bits). The table has at most
    twice as many slots as the square of the set's size (then a factor drawn at random gives no two
    members the same slot more often than not), and the first factor (odd, from the golden ratio's
    on) that gives no two members the same slot is taken."""

    def __init__(self, members: list[int]) -> None:
        self.bits = max(8, (len(members) ** 2).bit_length())
        values = np.array(members, dtype=np.uint64)
        self.factor = np.uint64(0x9E3779B97F4A7C15)
        while len(np.unique(self._slot(values))) < len(values):
            self.factor += np.uint64(2)
        self.table = np.full(1 << self.bits, -1, dtype=np.int64)  # -1: a slot of no member
        self.table[self._slot(values)] = members

    def _slot(self, values: np.ndarray) -> np.ndarray:
        slots: np.ndarray = ((values ^ (values >> np.uint64(29))) * self.factor) >> np.uint64(64 - self.bits)
        return slots.astype(np.intp)

    def has(self, values: np.ndarray) -> np.ndarray:
        """Per value (int64, non-negative): is it a member?"""
        found: np.ndarray = self.table[self._slot(values.astype(np.uint64))] == values
        return found


class StopWords:
    """A set of lower-case words found among a document's tokens by numpy: a word's letters, numbered
    in the words' own alphabet, and its length are packed into one integer. A character is numbered
    by its lower case (so the text need not be lower-cased; 0 for a character whose lower case is no
    letter of the words, which no word's integer has within its length); a token longer than the
    longest word is none of them. The words' integers are looked up in a hash table where each has a
    slot of its own (:class:`_Slots`: one step, where a binary search over them takes eight)."""

    def __init__(self, words: frozenset[str]) -> None:
        alphabet = sorted(set("".join(words)))
        self.size = max(map(len, words))
        bits = len(alphabet).bit_length()  # numbers 1..len(alphabet)
        if bits * self.size + self.size.bit_length() > 63:
            raise ValueError("stop words too long or too varied to pack into one integer")
        numbered = {c: i for i, c in enumerate(alphabet, start=1)}
        self.number = np.array([numbered.get(chr(c).lower(), 0) for c in range(LOWER_TO_LATIN)] + [0])
        self.weights = 1 << (np.arange(self.size + 1) * bits)  # the last one weighs the length
        keys = [self._key([int(self.number[ord(c)]) for c in w] + [0] * (self.size - len(w)) + [len(w)])
                for w in words]
        self.slots = _Slots(keys)

    def _key(self, numbers: list[int]) -> int:
        return sum(n * int(w) for n, w in zip(numbers, self.weights))

    def per_line(self, points: CodePoints) -> np.ndarray:
        """Per line: how many of its tokens (``line.lower().split()``) are stop words."""
        cp = points.cp
        space = _look_up(_IS_SPACE, cp)
        # -1 where a token starts (a space, or the text's start, before it), 1 just after one ends
        edges = np.diff(np.concatenate([[True], space, [True]]).view(np.int8))
        first = np.flatnonzero(edges == -1)
        length = np.flatnonzero(edges == 1) - first
        short = length <= self.size
        first, length = first[short], length[short]
        offsets = np.arange(self.size)
        numbers = _look_up(self.number, cp.take(first[:, None] + offsets, mode="clip"))
        numbers *= offsets < length[:, None]  # the characters after the token's end count 0
        keys = numbers @ self.weights[:-1] + length * self.weights[-1]
        hit = self.slots.has(keys)
        return np.bincount(points.line[first[hit]], minlength=len(points.chars)).astype(np.float64)
