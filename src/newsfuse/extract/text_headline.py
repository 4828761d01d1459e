"""The headline of a PDF print's text: found by the print's running title, and joined over the lines
the print wrapped it onto.

    title_in_print(paragraphs, page_title, url) -> (paragraphs, index)
                                                          the headline, found by the print's running title
    wrapped_headline(units, at, page_title) -> range      the lines a print's headline was wrapped over
    without_kicker(headline, page_title) -> str           the headline without a kicker glued before it

A browser prints the page's <title> at the top of every page; the headline in the body is that
title's article part, maybe cut with "…", maybe run into the paragraph the reflow made of the lines
around it, maybe wrapped over several printed lines. Without a running title the headline ranker's
line takes the lines that go on from it (an open end, a short rest in title case).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from urllib.parse import urlsplit

from newsfuse.extract.meta_title import is_site_name
from newsfuse.extract.metadata_patterns import TITLE_SEPARATORS
from newsfuse.extract.text_meta import BYLINE_START, SITE_WORDS, dates_in, site_of
from newsfuse.extract.text_patterns import STOP_WORDS

_QUOTES = {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": ""}  # typeset marks, as typed
TITLE_START = 300  # paragraphs from the top where a print's headline may stand
CUT_TITLE = 20  # characters a cut title keeps at least, to be matched by its start
TITLE_HEAD = 40  # characters of a paragraph enough to tell it does not start a part of the title
TITLE_PIECES = 4  # a wrapped headline comes out as at most this many paragraphs
GLUED_DATE_WORDS, GLUED_DATE_CHARS = 6, 40  # a date line printed on after the headline is this short
HEADLINE_LINE = 70  # characters: a headline's printed line is short
CONTENT_LETTERS = 4  # shorter words are mostly function words
WRAPPED_SHARE = 0.6  # of the running title's content words, a headline worded apart from it still uses
PIECE_WORDS = 8  # a wrapped headline's line after the first is this short
OPEN_LINE = 20  # characters: a headline line ending in a function word is this long when the print wrapped it
KICKER_WORDS = 5  # a kicker printed before the headline is this short
WRAPPED_LINE = 35  # characters: a headline line this long may have wrapped in title case
_TITLE_WORD = re.compile(r"\w+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_PRICE = re.compile(r"\d[.,]\d\d\b|[$€£]")


def _plain(text: str) -> str:
    """``text`` with the typeset marks of :data:`_QUOTES` as typed (``str.replace`` per mark, only in a
    text that is not ASCII: ``str.translate`` looks up every character and took half of the running
    title search)."""
    if not text.isascii():
        for mark, typed in _QUOTES.items():
            text = text.replace(mark, typed)
    return text


def _norm(text: str) -> str:
    return " ".join(_plain(text).split()).casefold()


_SEPARATORS = frozenset(_plain(sep).casefold() for sep in TITLE_SEPARATORS)


def _is_segment(part: str, whole: str) -> bool:
    """``part`` is ``whole``, or the main one of its parts around a title separator (a site name, section
    or kicker before or after it is shorter)."""
    if part == whole:
        return True
    return 2 * len(part) >= len(whole) and part in whole and any(
        whole.startswith(part + sep) or whole.endswith(sep + part) or f"{sep}{part}{sep}" in whole
        for sep in _SEPARATORS)


def title_in_print(paragraphs: list[str], page_title: str | None,
                   url: str | None = None) -> tuple[list[str], int | None]:
    """The headline among the first paragraphs of a print: the run of (at most four) paragraphs that
    makes up the page title of the running header or a part of it between separators, joined into one;
    a last word wrapped into the next paragraph is split off it. A header title cut with "…" matches
    the run it starts. A site name glued to the title without a separator is told by the URL's host.
    Else the title run into a longer paragraph (split out of it), else a headline worded apart."""
    if not page_title:
        return paragraphs, None
    whole, cut = _norm(page_title), page_title.rstrip().endswith("…")
    whole = _unglue_site(whole, url)
    norms: dict[int, str] = {}
    for i in range(min(len(paragraphs), TITLE_START)):
        if not cut and i not in norms:  # most paragraphs start with no part of the title: skip them early
            head = _norm(paragraphs[i][:TITLE_HEAD])
            if len(head) >= 8 and head[:8] not in whole:
                continue
        acc = part = ""
        for j in range(i, min(i + TITLE_PIECES, len(paragraphs))):
            acc = f"{acc} {paragraphs[j]}".strip()
            if j not in norms:
                norms[j] = _norm(paragraphs[j])
            part = f"{part} {norms[j]}".strip()  # _norm(acc), each paragraph normalised once
            if len(part) < 8:
                continue
            if not cut and part[:8] not in whole:
                break  # every match below holds the start of ``part`` in the running title
            if _is_segment(part, whole) or cut and _starts_cut(part, whole):
                named = _slug_named(paragraphs, i, part, whole, url)
                if named is not None:
                    return paragraphs, named
                j = _longest_match(paragraphs, i, j, part, whole, cut)
                return paragraphs[:i] + [" ".join(paragraphs[i:j + 1])] + paragraphs[j + 1:], i
            dated = _dated_title(acc, part, whole)
            if dated is not None:
                return paragraphs[:i] + list(dated) + paragraphs[j + 1:], i
            split = _wrapped_tail(part, whole, paragraphs[j + 1] if j + 1 < len(paragraphs) else "")
            if split is not None:
                tail, rest = split
                return paragraphs[:i] + [f"{acc} {tail}"] + ([rest] if rest else []) + paragraphs[j + 2:], i
            if part not in whole:
                break
    site = site_of(page_title, url)  # a host name ("example.org") is no part of the running title
    embedded = _embedded_title(paragraphs, whole, cut, _norm(site) if site and "." not in site else None, norms)
    return embedded if embedded[1] is not None else _wrapped_title(paragraphs, whole)


_SLUG_WORD = re.compile(r"[^\W\d_]{3,}")
_FILE_TYPE = re.compile(r"\.[a-z]{2,5}$", re.IGNORECASE)  # ".html", ".php"
SLUG_SHARE = 0.5  # of the URL slug's words, the running title's part named by it has at least


def _slug_named(paragraphs: list[str], at: int, part: str, whole: str, url: str | None) -> int | None:
    """A paragraph further down that is the running title's part the URL's slug names, when the match
    at ``at`` is another part the slug does not name (a masthead printing the site's part of the
    title: "Katastrophengebiet" for "Aren't we all …? | Katastrophengebiet" at …/arent-we-all/)."""
    if part == whole or not url:
        return None
    last = _FILE_TYPE.sub("", urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])
    slug = [w.casefold() for w in _SLUG_WORD.findall(last)]
    if not slug:
        return None

    def named(text: str) -> float:
        flat = _NOT_ALNUM.sub("", text)
        return sum(w in flat for w in slug) / len(slug)

    if named(part):
        return None
    others = [p for p in _SEPARATOR_SPLIT.split(whole)[0::2] if p and p != part and named(p) >= SLUG_SHARE]
    for k in range(at + 1, min(len(paragraphs), TITLE_START)):
        if _norm(paragraphs[k]) in others:
            return k
    return None


def _longest_match(paragraphs: list[str], i: int, j: int, part: str, whole: str, cut: bool) -> int:
    """The last paragraph of the longest run from ``i`` that still matches the running title: a
    title with a separator inside ("Fans Fear X – Then The Star Confirmed Y") matches at its first
    part already; past the "…" of a cut title only short headline lines are taken."""
    for k in range(j + 1, min(i + TITLE_PIECES, len(paragraphs))):
        part = f"{part} {_norm(paragraphs[k])}"
        if cut and _is_piece(paragraphs[k]) and _starts_cut(part, whole) or not cut and _is_segment(part, whole):
            j = k
        elif not cut and part[:8] in whole and part in whole:
            continue  # may still grow into a segment
        else:
            break
    return j


def _dated_title(acc: str, part: str, whole: str) -> tuple[str, str] | None:
    """(headline, date line) when ``acc`` is the running title or a part of it with a short date line
    printed on after it ("Headline 2021/09/19", "Headline 02.02.2022 •")."""
    if part[:8] not in whole or not any(c.isdigit() for c in part[-GLUED_DATE_CHARS:]):
        return None
    words = part.split()
    for n in range(len(words) - 1, max(0, len(words) - 1 - GLUED_DATE_WORDS), -1):
        head, tail = " ".join(words[:n]), " ".join(words[n:])
        if _is_segment(head, whole) and dates_in(tail):
            kept = acc.split()
            return " ".join(kept[:n]), " ".join(kept[n:])
    return None


_GOES_ON = ("-", "–", "—", ":", ",")
_SEPARATOR_SPLIT = re.compile("(" + "|".join(re.escape(sep) for sep in sorted(_SEPARATORS, key=len, reverse=True)) + ")")


def _embedded_title(paragraphs: list[str], whole: str, cut: bool, site: str | None,
                    norms: dict[int, str]) -> tuple[list[str], int | None]:
    """A headline printed inside a longer paragraph (the reflow ran it together with a breadcrumb
    trail, a kicker or a date line): the longest run of the running title's parts (at least half of
    it, not the site's name) found word for word in one of the first paragraphs, split out of it into
    a paragraph of its own. Not when the paragraph goes on with the headline: in lower case, after a
    dash or colon, or with the running title's next part. ``norms``: paragraphs already normalised."""
    bits = _SEPARATOR_SPLIT.split(whole)
    parts = bits[0::2][:-1] if cut else bits[0::2]
    runs = sorted(((a, b) for a in range(len(parts)) for b in range(a, len(parts))),
                  key=lambda ab: len("".join(bits[2 * ab[0]:2 * ab[1] + 1])), reverse=True)
    found: list[tuple[list[str], str]] = []
    for a, b in runs:
        text = "".join(bits[2 * a:2 * b + 1])
        if 2 * len(text) >= len(whole) and len(_TITLE_WORD.findall(text)) >= 3 and not (site and site in text):
            found.append((text.split(), bits[2 * b + 2] if 2 * b + 2 < len(bits) else ""))
    joined = [" ".join(run) for run, _ in found]
    for i in range(min(len(paragraphs), TITLE_START)):
        flat = norms[i] if i in norms else norms.setdefault(i, _norm(paragraphs[i]))
        if not any(run in flat for run in joined):
            continue  # a run found word for word is found in the whole normalised paragraph too
        words = paragraphs[i].split()
        normed = [_norm(w) for w in words]
        hit = next(((at, run, following) for run, following in found if (at := _find(normed, run)) is not None), None)
        if hit is None:
            continue
        at, run, following = hit
        before, title, after = (" ".join(w) for w in (words[:at], words[at:at + len(run)], words[at + len(run):]))
        if after[:1].islower() or after.startswith(_GOES_ON) or following and _norm(after).startswith(following):
            continue  # the headline goes on past the running title's words
        split = [p for p in (before, title, after) if p]
        return paragraphs[:i] + split + paragraphs[i + 1:], i + (1 if before else 0)
    return paragraphs, None


def _find(words: list[str], run: list[str]) -> int | None:
    """Where ``run`` stands in ``words`` (the first index), if it does."""
    n = len(run)
    return next((k for k in range(len(words) - n + 1) if words[k] == run[0] and words[k:k + n] == run), None)


def _wrapped_title(paragraphs: list[str], whole: str) -> tuple[list[str], int | None]:
    """A headline worded apart from the running title (its title for search engines) and wrapped over
    two to four short lines, each after the first going on in lower case (not a date line): the first
    such run that uses most of the running title's content words (its longest part between separators),
    joined."""
    main = max([whole, *(p for sep in _SEPARATORS for p in whole.split(sep))], key=lambda p: (p != whole, len(p)))
    wanted = {w for w in _TITLE_WORD.findall(main) if len(w) >= CONTENT_LETTERS}
    if len(wanted) < 3:
        return paragraphs, None
    for i in range(min(len(paragraphs), TITLE_START)):
        j = i
        while j + 1 < len(paragraphs) and j - i + 1 < TITLE_PIECES and _goes_on(paragraphs[j], paragraphs[j + 1]) \
                and not dates_in(paragraphs[j + 1]):
            j += 1
        if j > i:
            run = " ".join(paragraphs[i:j + 1])
            if len(wanted & set(_TITLE_WORD.findall(_norm(run)))) >= WRAPPED_SHARE * len(wanted):
                return paragraphs[:i] + [run] + paragraphs[j + 1:], i
    return paragraphs, None


_KICKER_MARKS = tuple(":-–—|›»/")  # a kicker printed with one of these is part of the headline
_OPENING = "\"'„“‚‘«»(["  # marks that open the headline and stay with it when the kicker is split off


def _kicker(run: str, whole: str) -> str:
    """The kicker printed before a headline without the separator the running title has between them
    ("Nach Corona-Lockerungen Autohäuser rechnen …" for "Corona-Lockerungen: Autohäuser rechnen … |
    Site", "Die Zukunft der Arbeit"Wir …"" glued): the start of ``run`` when the rest is a part of the
    running title (letters and digits alike) longer than the part before it, and the start, short and
    not ending in a separator, holds that part before; else ""."""
    parts = [p for p in (_NOT_ALNUM.sub("", part) for part in _SEPARATOR_SPLIT.split(whole)[0::2]) if p]
    at_char = [at for at, c in enumerate(run) if c.isalnum() for _ in c.casefold()]  # where each letter is
    flat = "".join(c.casefold() for c in run if c.isalnum())
    for before, last in pairwise(parts):
        if len(last) > len(before) and flat.endswith(last) and before in flat[:-len(last)]:
            at = at_char[len(flat) - len(last)]
            while at > 0 and run[at - 1] in _OPENING:
                at -= 1
            kicker = run[:at].rstrip()
            if kicker.endswith(_KICKER_MARKS):
                return ""  # printed with its separator: one headline, as the page shows it
            return kicker if 0 < len(kicker.split()) <= KICKER_WORDS else ""
    return ""


def without_kicker(headline: str, page_title: str | None) -> str:
    """``headline`` without a kicker printed before it that the running title ``page_title`` sets
    apart with a separator (see :func:`_kicker`)."""
    kicker = _kicker(headline, _norm(page_title)) if page_title else ""
    return headline[len(kicker):].strip() if kicker else headline


def _goes_on(line: str, following: str) -> bool:
    """``following`` continues the headline line ``line`` (both short, no sentence end between)."""
    return len(line) <= HEADLINE_LINE and len(following) <= HEADLINE_LINE and following[:1].islower() \
        and not line.endswith((".", "!", "?"))


def wrapped_headline(units: Sequence[str], at: int, page_title: str | None = None) -> range:
    """The units a print's headline at ``at`` was wrapped over (the ranker picks one line of it): the
    lines before it that it goes on from in lower case or after an open end (a colon, dash or function
    word), and the short lines after it that go on in lower case, after an open end, or in title case
    after a line long enough to have wrapped (not a sentence, not a byline); and a short line on either
    side whose words the running title ``page_title`` has. At most :data:`TITLE_PIECES` lines."""
    wanted = _content_words(page_title or "")
    start = stop = at
    while start > 0 and at - start + 1 < TITLE_PIECES and (
            _is_piece(units[start - 1]) and (_goes_on(units[start - 1], units[start]) or _open_end(units[start - 1]))
            or _wrapped_into(units[start - 1]) and _titled(units[start - 1], wanted, units[start:stop + 1])):
        start -= 1
    while stop + 1 < len(units) and stop - start + 1 < TITLE_PIECES and (
            _is_piece(units[stop + 1]) and (_goes_on(units[stop], units[stop + 1])
                                            or _title_goes_on(units[stop], units[stop + 1])
                                            or _open_end(units[stop]) and len(units[stop + 1]) <= HEADLINE_LINE)
            or _wrapped_into(units[stop]) and _titled(units[stop + 1], wanted, units[start:stop + 1])):
        stop += 1
    return range(start, stop + 1)


def _wrapped_into(line: str) -> bool:
    """``line`` is long enough to have wrapped into the next one and ends no sentence."""
    return WRAPPED_LINE <= len(line) <= HEADLINE_LINE and line[-1:].isalnum()


_TRAIL_MARKS = "|›»>"  # a line with these is a breadcrumb trail, not a headline's line


def _content_words(text: str) -> set[str]:
    """The words of ``text`` long enough to carry its content, normalised."""
    return {w for w in _TITLE_WORD.findall(_norm(text)) if len(w) >= CONTENT_LETTERS}


def _titled(line: str, wanted: set[str], run: Sequence[str]) -> bool:
    """``line`` is a short line of the headline by the running title's words: most of its content words
    are the title's, and some of them are not in the headline's lines taken so far."""
    words = _content_words(line)
    if not words or len(line) > HEADLINE_LINE or BYLINE_START.match(line) or dates_in(line) \
            or any(c in line for c in _TRAIL_MARKS):
        return False
    joined, other = _norm(" ".join(run)), _norm(line)
    if joined in other or other in joined:
        return False  # the headline printed twice, or a breadcrumb ending in it
    have = _content_words(joined)
    return 2 * len(words & wanted) >= len(words) and bool(words & wanted - have)


_OPEN_PUNCT = (":", ",", "-", "–", "—", "&")


def _open_end(line: str) -> bool:
    """A headline line that cannot end the headline: long enough to have wrapped, and ending in a
    colon, comma, dash or "&", or in a function word ("... the rise of", "... bei der")."""
    if not OPEN_LINE <= len(line) <= HEADLINE_LINE:
        return False
    words = line.split()
    return bool(words) and (line.endswith(_OPEN_PUNCT) or len(words) >= 2 and words[-1].lower() in STOP_WORDS)


def _is_piece(line: str) -> bool:
    """Can ``line`` be a wrapped headline's line: short, no sentence or label, no byline, date or price."""
    return len(line.split(None, PIECE_WORDS)) <= PIECE_WORDS and not line.endswith((".", ":")) \
        and not BYLINE_START.match(line) and not _PRICE.search(line) and not dates_in(line)


def _title_goes_on(line: str, following: str) -> bool:
    """``following`` is the title-case rest of a headline line that wrapped: the line is long, ends in
    no punctuation, and the rest is capitalised word by word, function words aside ("Beautiful
    Blooms on the Block")."""
    if len(line) < WRAPPED_LINE or not line[-1:].isalnum():
        return False
    words = following.split()
    return len(words) >= 2 and any(w.lower() in STOP_WORDS for w in words) \
        and all(w[:1].isupper() or w.lower() in STOP_WORDS or not w[:1].isalpha() for w in words)


def _unglue_site(title: str, url: str | None) -> str:
    """"headline words site" -> "headline words | site" when the last words name the URL's host."""
    words = title.split()
    for n in (1, 2, 3):
        if url and len(words) > n + 2 and all(any(c.isalnum() for c in w) for w in words[-n - 1:]) \
                and is_site_name(" ".join(words[-n:]), [url]):
            return " ".join(words[:-n]) + " | " + " ".join(words[-n:])
    return title


def _starts_cut(part: str, whole: str) -> bool:
    """A title cut with "…" (its last part cut) is the start of ``part``: the whole title, or its cut
    last part after a separator when that is long enough to be a headline, or all of it after a short
    first part (a site or section name: "Site - Headline - Its cut sec…")."""
    if part.startswith(whole) and len(whole) > CUT_TITLE:
        return True
    last = min((whole.rsplit(sep, 1)[-1] for sep in _SEPARATORS if sep in whole), key=len, default="")
    site = [whole.split(sep, 1) for sep in _SEPARATORS if sep in whole]  # "Site - cut headline"
    tails = [last, *(rest for head, rest in site if len(head.split()) <= SITE_WORDS)]
    return any(len(tail) > CUT_TITLE and part.startswith(tail) and part != tail for tail in tails)


def _wrapped_tail(part: str, whole: str, following: str) -> tuple[str, str] | None:
    """When the headline's last words were reflowed into the next paragraph: (those words, the rest)."""
    if part + " " not in whole or f"{part} {_norm(following)}" in whole:
        return None  # no title words after it, or the whole next paragraph goes on with the title
    words = following.split()
    for n in range(1, min(4, len(words)) + 1):
        if _is_segment(_norm(part + " " + " ".join(words[:n])), whole):
            return " ".join(words[:n]), " ".join(words[n:])
    return None
