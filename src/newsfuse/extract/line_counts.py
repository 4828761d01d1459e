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
# ×, ÷ and U+2000-U+2BFF (the comma and the separators "|•·»›/" are punctuation with a class of their own).
# The two blank classes come last (blank: class >= _SPACE); a word start adds _WORD_START to its class.
_OTHER, _UPPER, _DIGIT, _COMMA, _SEP, _PUNCT, _SPACE, _NEWLINE = range(8)
_WORD_START = 8


def _class_table() -> np.ndarray:
    cp = np.arange(0x2C01)
    ascii_alnum = ((cp >= 48) & (cp <= 57)) | ((cp >= 65) & (cp <= 90)) | ((cp >= 97) & (cp <= 122))
    table = np.full(len(cp), _OTHER, dtype=np.uint8)
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


_IS_ALNUM = np.array([chr(c).isalnum() for c in range(0x3000)])  # str.isalnum below U+3000
# no code point from here on has a Latin letter as its lower case (U+212A: Kelvin), so none past the
# end of StopWords' table is a letter of a stop word
LOWER_TO_LATIN = 0x212B


@dataclass(frozen=True, slots=True)
class CodePoints:
    """The units of a document joined by "\\n" (units hold no "\\n"), as code points."""

    cp: np.ndarray  # one per character (intp: numpy indexes tables with it fastest)
    starts: np.ndarray  # offset of each line's first character
    chars: np.ndarray  # characters per line

    @classmethod
    def of(cls, units: list[str]) -> CodePoints:
        chars = np.fromiter(map(len, units), dtype=np.intp, count=len(units))
        starts = np.concatenate([[0], (chars + 1).cumsum()[:-1]]).astype(np.intp)
        return cls(_code_points("\n".join(units)), starts, chars)

    def line_keys(self, width: int) -> np.ndarray:
        """Per character: ``width`` times its line (the "\\n" after a line counts to it), to which a
        per-character value below ``width`` is added for one count of (line, value) pairs."""
        keys: np.ndarray = np.arange(0, width * len(self.chars), width).repeat(self.chars + 1)
        return keys[:len(self.cp)]

    def line_at(self, offsets: np.ndarray) -> np.ndarray:
        """The line of each character offset."""
        lines: np.ndarray = self.starts.searchsorted(offsets, side="right") - 1
        return lines


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.intp)


def char_classes(points: CodePoints) -> dict[str, np.ndarray]:
    """Per line counts of character classes: one table look-up, then one count of (line, class) pairs,
    the class marked when a word starts at the character (one that is not " " after a " " or a line
    start)."""
    n = len(points.chars)
    cls = _look_up(_CLASS_OF, points.cp)
    if len(cls):
        blank = cls >= _SPACE
        cls[0] += _WORD_START * (not blank[0])
        cls[1:] += np.greater(blank[:-1], blank[1:]).view(np.uint8) * np.uint8(_WORD_START)  # a blank, then not
    keys = points.line_keys(2 * _WORD_START)
    keys += cls
    both = np.bincount(keys, minlength=2 * _WORD_START * n).reshape(n, 2, _WORD_START).astype(np.float64)
    by_class = both[:, 0] + both[:, 1]
    return {"upper": by_class[:, _UPPER], "digit": by_class[:, _DIGIT],
            "punct": by_class[:, [_COMMA, _SEP, _PUNCT]].sum(axis=1), "comma": by_class[:, _COMMA],
            "space": by_class[:, _SPACE], "words": both[:, 1].sum(axis=1),
            "titled": both[:, 1, _UPPER], "sep": by_class[:, _SEP]}


def edge_chars(points: CodePoints) -> tuple[np.ndarray, np.ndarray]:
    """Each line's first and last code point (-1 for an empty line)."""
    empty = points.chars == 0
    first = points.cp.take(points.starts, mode="clip")
    last = points.cp.take(points.starts + points.chars - 1, mode="clip")
    return np.where(empty, -1, first), np.where(empty, -1, last)


def is_alnum(cp: np.ndarray) -> np.ndarray:
    """``str.isalnum`` of each code point (-1: of no character, False)."""
    alnum: np.ndarray = _IS_ALNUM.take(cp, mode="clip") & (cp >= 0)
    high = (cp >= len(_IS_ALNUM)).nonzero()[0]
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
    in the words' own alphabet (one byte each), and its length are packed into one integer. A character
    is numbered by its lower case (so the text need not be lower-cased; 0 for a character whose lower
    case is no letter of the words, which no word's integer has within its length; :data:`_BLANK` for
    whitespace, where tokens end); a token longer than the longest word is none of them. A token's
    integer is read from the numbered text at once, as the 8 bytes from its start with those past its
    end masked off. The words' integers are looked up in a hash table where each has a slot of its own
    (:class:`_Slots`: one step, where a binary search over them takes eight)."""

    def __init__(self, words: frozenset[str]) -> None:
        alphabet = sorted(set("".join(words)))
        self.size = max(map(len, words))
        if self.size >= _KEY_BYTES or len(alphabet) >= _BLANK:
            raise ValueError("stop words too long or too varied to pack into one integer")
        numbered = {c: i for i, c in enumerate(alphabet, start=1)}
        self.number = np.array([_BLANK if chr(c).isspace() else numbered.get(chr(c).lower(), 0)
                                for c in range(_LAST_SPACE + 1)] + [0], dtype=np.uint8)
        self.masks = np.array([(1 << 8 * n) - 1 for n in range(_KEY_BYTES)], dtype=np.uint64)
        self.slots = _Slots([_packed([int(self.number[ord(c)]) for c in w]) for w in words])

    def per_line(self, points: CodePoints) -> np.ndarray:
        """Per line: how many of its tokens (``line.lower().split()``) are stop words."""
        n = len(points.cp)
        numbers = np.zeros(n + _KEY_BYTES, dtype=np.uint8)  # zeros after the text: a token's bytes past it
        self.number.take(points.cp, mode="clip", out=numbers[:n])
        # where tokens start (a blank, or the text's start, before it) and end, alternately
        blank = np.concatenate([[True], numbers[:n] == _BLANK, [True]])
        edges = (blank[1:] != blank[:-1]).nonzero()[0]
        first, length = edges[::2], edges[1::2] - edges[::2]
        short = length <= self.size
        first, length = first[short], length[short]
        at_each = np.ndarray((n,), dtype="<u8", buffer=numbers, strides=(1,))  # the 8 bytes from each offset
        keys = at_each[first] & self.masks[length] | length.astype(np.uint64) << np.uint64(_LENGTH_SHIFT)
        hit = self.slots.has(keys.view(np.int64))
        return np.bincount(points.line_at(first[hit]), minlength=len(points.chars)).astype(np.float64)


_BLANK = 255  # StopWords' number of a whitespace character
_LAST_SPACE = 0x3000  # the last code point str.split() splits at
_KEY_BYTES = 8
_LENGTH_SHIFT = 8 * (_KEY_BYTES - 1)  # a token's length is packed in its integer's top byte


def _packed(numbers: list[int]) -> int:
    """A word's integer: its letters' numbers, one byte each from the lowest, and its length on top."""
    return sum(n << 8 * k for k, n in enumerate(numbers)) | len(numbers) << _LENGTH_SHIFT
