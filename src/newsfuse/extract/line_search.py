"""Patterns searched over all lines of a document at once: per line, does the pattern match in it?

    searches(pattern, limit, needs) -> tuple[LineSearch, ...]   a pattern compiled for whole documents
    Views(units, masks)                                          the document's text, seen as each search needs
    line_hits(searches, views) -> ndarray                        1.0 where a line matches, else 0.0
    phrase_hits(finder, views, limit) -> ndarray                 the same for a list of phrases
    PhraseSieve(phrases).possible(text) -> set[str]              the phrases worth searching a text for

One search over the joined lines costs far less than one per line, but ``re`` still steps through
every character. So each search looks at as little as it can: a pattern anchored at the line start
(``^``) becomes ``\\n(?:...)``, which ``re`` finds by its literal first character; one anchored at the
line end (``$``) is searched in the lines' last characters only; lines longer than ``limit``, or
without a needed character class (a digit, a separator), are blanked. Line numbers stay the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

TAIL = 16  # characters of a line an end-anchored pattern is searched in


@dataclass(frozen=True, slots=True)
class LineSearch:
    """One compiled search: the pattern as given and for the lower-cased text (without IGNORECASE,
    much faster in ``re``), and which view of the document it runs on."""

    exact: re.Pattern[str]
    folded: re.Pattern[str]
    ignore_case: bool
    anchor: str  # "start" (every alternative opens with ^), "end" (every one closes with $) or ""
    limit: int  # longest line searched (0: any)
    needs: str | None  # a mask name: only lines with it are searched


def alternatives(source: str) -> list[str]:
    """The top-level alternatives of a regular expression's source."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 1 if source[i + 1:i + 2] != "]" else 2  # "[]...]": the first "]" is a member
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    return parts + [source[start:]]


def _ends_with_anchor(alt: str) -> bool:
    return alt.endswith("$") and not alt.endswith("\\$")


def _compile(source: str, flags: int, anchor: str, limit: int, needs: str | None) -> LineSearch:
    flags |= re.MULTILINE
    return LineSearch(re.compile(source, flags), re.compile(source, flags & ~re.IGNORECASE),
                      bool(flags & re.IGNORECASE), anchor, limit, needs)


def searches(pattern: re.Pattern[str], limit: int = 0, needs: str | None = None) -> tuple[LineSearch, ...]:
    """``pattern`` as searches over whole documents. ``needs`` (a mask name of :class:`Views`) applies to
    the unanchored alternatives: a line without it cannot match them."""
    alts = alternatives(pattern.pattern)
    start = [a[1:] for a in alts if a.startswith("^")]
    rest = [a for a in alts if not a.startswith("^")]
    found: list[LineSearch] = []
    if start:
        found.append(_compile("\n(?:" + "|".join(start) + ")", pattern.flags, "start", limit, None))
    if rest and all(_ends_with_anchor(a) for a in rest):
        found.append(_compile("|".join(rest), pattern.flags, "end", limit, needs))
    elif rest:
        found.append(_compile("|".join(rest), pattern.flags, "", limit, needs))
    return tuple(found)


class Views:
    """A document's lines joined, as each search needs them (built once per shape, then reused):
    (text, lower-cased text of the same length, start offset of every line). ``masks``: the lines that
    have a character class (see :func:`searches`); ``chars``: the lines' lengths, when at hand."""

    def __init__(self, units: list[str], masks: dict[str, np.ndarray], chars: np.ndarray | None = None) -> None:
        self.units = units
        self.n = len(units)
        self.chars = np.array([len(u) for u in units], dtype=np.int64) if chars is None else chars  # per unit
        self.masks = masks
        self._cache: dict[tuple[str, int, str | None], tuple[str, str, np.ndarray]] = {}

    def get(self, anchor: str, limit: int, needs: str | None) -> tuple[str, str, np.ndarray]:
        key = (anchor, limit, needs)
        if key not in self._cache:
            self._cache[key] = self._build(anchor, limit, needs)
        return self._cache[key]

    def _build(self, anchor: str, limit: int, needs: str | None) -> tuple[str, str, np.ndarray]:
        if anchor == "start":  # a match starts at the "\n" before its line: offset = the line's start
            text, lower, starts = self.get("", limit, needs)
            return "\n" + text, "\n" + lower, starts
        keep = np.ones(self.n, dtype=bool) if not limit else self.chars <= limit
        if needs is not None:
            keep &= self.masks[needs]
        lines = _blanked(self.units, keep)
        lengths = np.where(keep, self.chars, 0)
        if anchor == "end":
            lines = [u[-TAIL:] for u in lines]
            lengths = np.minimum(lengths, TAIL)
        starts = np.concatenate([[0], (lengths + 1).cumsum()[:-1]]).astype(np.int64)
        text = "\n".join(lines)
        lower = text.lower()
        if len(lower) != len(text):  # a few characters change length when lowered: keep the offsets
            lower = "\n".join(u.lower()[:len(u)].ljust(len(u)) for u in text.split("\n"))
        return text, lower, starts


def _blanked(units: list[str], keep: np.ndarray) -> list[str]:
    """``units`` with those not kept made empty (set one by one: whichever are fewer)."""
    dropped = (~keep).nonzero()[0]
    if len(dropped) <= len(units) // 2:
        lines = list(units)
        for i in dropped.tolist():
            lines[i] = ""
        return lines
    lines = [""] * len(units)
    for i in keep.nonzero()[0].tolist():
        lines[i] = units[i]
    return lines


def _mark(out: np.ndarray, positions: list[int], starts: np.ndarray) -> np.ndarray:
    """``out`` with 1.0 at the lines the ``positions`` (offsets into a view with these line ``starts``) are on."""
    if positions:
        out[starts.searchsorted(positions, side="right") - 1] = 1.0
    return out


def line_hits(found: tuple[LineSearch, ...], views: Views) -> np.ndarray:
    """Per line: does one of the searches match in it (by the line its match starts on)?"""
    out = np.zeros(views.n)
    for search in found:
        text, lower, starts = views.get(search.anchor, search.limit, search.needs)
        pattern, target = (search.folded, lower) if search.ignore_case else (search.exact, text)
        lead = search.anchor == "start"  # the match's own leading "\n"
        positions = [m.start() for m in pattern.finditer(target) if "\n" not in m.group()[lead:]
                     or _alone(pattern, target, m.start(), lead)]
        _mark(out, positions, starts)
    return out


def _alone(pattern: re.Pattern[str], target: str, at: int, lead: bool) -> bool:
    """Does the pattern match in the line starting at ``at`` by itself (a match found over the whole
    document ran on into the next line)?"""
    end = target.find("\n", at + lead)
    return pattern.search(target[at:end if end != -1 else len(target)]) is not None


def phrase_finder(phrases: tuple[str, ...]) -> re.Pattern[str] | tuple[str, ...]:
    """Line-opening phrases ("^share") become one pattern found by its leading "\\n"; others stay
    substrings."""
    if all(p.startswith("^") for p in phrases):
        return re.compile("\n(?:" + "|".join(re.escape(p[1:]) for p in phrases) + r")(?!\w)")
    return tuple(p.lstrip("^") for p in phrases)


def phrase_hits(finder: re.Pattern[str] | tuple[str, ...], views: Views, limit: int,
                possible: set[str] | None = None) -> np.ndarray:
    """Per line (of at most ``limit`` characters): does one of the phrases occur in it? Substring
    phrases not in ``possible`` (when given: see :class:`PhraseSieve`) are not searched for."""
    if isinstance(finder, re.Pattern):
        _, lower, starts = views.get("start", limit, None)
        return _mark(np.zeros(views.n), [m.start() for m in finder.finditer(lower)], starts)
    _, lower, starts = views.get("", limit, None)
    positions = []
    for phrase in finder:
        if possible is not None and phrase not in possible:
            continue
        at = lower.find(phrase)
        while at != -1:
            positions.append(at)
            at = lower.find(phrase, at + 1)
    return _mark(np.zeros(views.n), positions, starts)


class PhraseSieve:
    """Which of many phrases may occur in a text, told from its three-character pieces: a phrase can
    only be there if each of its pieces is. One numpy pass over the text rules most phrases out, and
    only the others are searched for (phrases shorter than three characters always may occur)."""

    def __init__(self, phrases: Iterable[str]) -> None:
        unique = tuple(dict.fromkeys(phrases))
        letters = sorted(set("".join(unique)))
        self.number = np.zeros(ord(letters[-1]) + 2, dtype=np.intp)  # 0: a letter of no phrase
        self.number[[ord(c) for c in letters]] = np.arange(1, len(letters) + 1)
        self.base = len(letters) + 1
        self.short = {p for p in unique if len(p) < 3}
        self.long = tuple(p for p in unique if len(p) >= 3)
        pieces = [self._pieces(self.number[[ord(c) for c in p]]) for p in self.long]
        self.pieces = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.intp)
        self.bounds = np.cumsum([0] + [len(x) for x in pieces])[:-1]

    def _pieces(self, numbers: np.ndarray) -> np.ndarray:
        pieces: np.ndarray = (numbers[:-2] * self.base + numbers[1:-1]) * self.base + numbers[2:]
        return pieces

    def possible(self, text: str) -> set[str]:
        """The phrases that may occur in ``text``."""
        if not self.long:
            return set(self.short)
        cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.intp)
        seen = np.zeros(self.base ** 3, dtype=bool)
        seen[self._pieces(self.number.take(cp, mode="clip"))] = True
        whole = np.logical_and.reduceat(seen[self.pieces], self.bounds)
        return self.short | {p for p, ok in zip(self.long, whole.tolist()) if ok}
