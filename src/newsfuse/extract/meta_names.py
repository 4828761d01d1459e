"""People's names in one byline: ``split_byline("By Jane Doe and John Roe, Reuters")``.

    split_byline(text, site_names) -> (["Jane Doe", "John Roe"], "Reuters")
    person_name(segment, site_names) -> "Jane Doe" | None

String rules only, no page tree: prefixes ("By", "Von", "Par") and handles are stripped, roles,
desks, organisations and the site's own name are no person, agencies become the agency, and
ALL-CAPS names are written in normal case. The page-level search for the byline is meta_people.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsfuse.extract.meta_agency import Agencies
from newsfuse.extract.meta_sources import clean
from newsfuse.extract.meta_title import site_key
from newsfuse.extract.metadata_patterns import (
    BYLINE_PREFIXES,
    HONORIFICS,
    INTERVIEW_CREDIT,
    MONTHS,
    NAME_JOINERS,
    NOT_A_PERSON,
    ORGANISATION_WORDS,
    ROLE_WORDS,
    WEEKDAY_ABBREVIATIONS,
)

_PARTICLES = frozenset({"von", "van", "de", "der", "den", "da", "di", "du", "del", "della", "le", "la", "bin",
                        "al", "el", "ten", "ter", "zu", "dos", "das", "do", "y", "mac", "st.", "af", "vom"})
_PREFIX = re.compile(r"^(?:" + "|".join(re.escape(p) for p in sorted(BYLINE_PREFIXES, key=len, reverse=True))
                     + r")(?:\s+|(?<=:))", re.IGNORECASE)
_HANDLE = re.compile(r"\s@\w+|\S+@\S+\.\w+")
_INNER_PREFIX = re.compile(r"^(?:\S+\s+){1,2}?(?:by|von|par|por|door)\s+(?=[A-ZÀ-Þ])", re.IGNORECASE)
_JOINED = re.compile(r"(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]{3,})(?<=[a-zà-öø-ÿ]{3})")  # (the rarer capital tested first)
# (a space, then the look back: re skips to the spaces, where "(?<=\S)\s+" is tried at every character)
_AFTER_NAME = re.compile(r"\s(?<=\S\s)\s*(?:on|am|at|um|vom|in|im|under|unter|dans|last|filed|updated|published|posted|"
                         r"veröffentlicht|aktualisiert|stand|publié|publicado|pubblicato)\b.*$", re.IGNORECASE)
_HANDLE_NAME = re.compile(r"(?=.*[\d._])[^\W\d_][\w.'’-]{2,29}|[A-ZÀ-ÖØ-Þ][\w.'’-]{3,29}")
_HOST_LIKE = re.compile(r"^www\.|\.[a-z]{2,6}$", re.IGNORECASE)
_NOISE = re.compile(r"https?://|www\.|@|\d|[<>{}=#*]")
_TRAILING_AGENCY = re.compile(r"[,/(]\s*([A-Za-z][\w .-]{1,40})\)?\s*$")
_NAME_END = re.compile(r"\s+[|·•–—]\s+|\s+-\s+|,\s*|\s+\(|\s+\d")  # what follows a name in its segment
_WORD_JOINS = re.compile(r"([-'’])")  # "Jean-Luc", "O'Brien"
_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃ][\w'’.-]*$|^[A-ZÀ-ÖØ-Þ]\.$")


def normal_case(name: str) -> str:
    """``JANE DOE`` -> ``Jane Doe``; names already in mixed case are kept as shown."""
    letters = [c for c in name if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters) or len(letters) <= 3:
        return name
    return " ".join(_cap_word(w) for w in name.split())


def _cap_word(word: str) -> str:
    parts = _WORD_JOINS.split(word.lower())
    return "".join(p[:1].upper() + p[1:] if p.isalpha() else p for p in parts)


def person_name(raw: str, site_names: Sequence[str], loose: bool = False, initials: bool = False,
                agencies: Agencies | None = None) -> str | None:
    """A person's name from one byline segment, or None when the segment names no person (``agencies``:
    the byline's, when it is one segment of many)."""
    text = clean(raw)
    if "@" in text:  # (every handle has one)
        text = _HANDLE.sub("", text)
    text = text.strip(" ,;:|·•-–—()[]\"'")
    if " " in text:
        text = _JOINED.sub(", ", text)  # "Jane DoeFollow" (adjacent elements without a space)
    text = _AFTER_NAME.sub("", text)
    text = _PREFIX.sub("", text).strip(" ,;:")
    text = HONORIFICS.sub("", text)
    text = _NAME_END.split(text, maxsplit=1)[0].strip(" .,;:")
    words = text.split()
    while len(words) > 2 and ROLE_WORDS.search(words[0]):  # "FOCUS-Online-Experte Jane Doe"
        words = words[1:]
    half = len(words) // 2
    if len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]:  # shown twice
        words = words[:half]
    if len(words) >= 3 and (words[-1].lower() in MONTHS or words[-1].lower().rstrip(".") in WEEKDAY_ABBREVIATIONS):
        words = words[:-1]
    text = " ".join(words)
    # every test below can only reject: the cheap ones on the words' count and shape go first
    if not text or not 1 <= len(words) <= 5 or (len(words) == 1 and not loose) or len(text) > 60:
        return None
    if len(words) == 1 and text.isupper() and len(text) <= 4 and not initials:  # an acronym: ARD, BBC
        return None
    handle = (loose and _HANDLE_NAME.fullmatch(text) is not None and "admin" not in text.lower()
              and not _HOST_LIKE.search(text))  # a pen name as shown: "delta201", "fri.juli"
    if not handle:
        named = [w for w in words if w.lower() not in _PARTICLES]
        if not named or not all(_NAME_WORD.match(w) for w in named):
            return None
    if (_NOISE.search(text) and not handle) or NOT_A_PERSON.match(text) or ROLE_WORDS.search(text):
        return None
    if ORGANISATION_WORDS.search(text):
        return None
    if _PREFIX.match(text + " "):  # a bare "By"/"Por"/"von" left over from splitting
        return None
    pen_name = " " not in text  # a blog's host often is its author's pen name: "creeny.blogspot.com" by Creeny
    if (agencies or Agencies()).of(text) or any(site_key(text) == site_key(name) for name in site_names
                              if not (pen_name and _HOST_LIKE.search(name))):
        return None
    return normal_case(text)


def split_byline(text: str, site_names: Sequence[str], loose: bool = False,
                 initials: bool = False) -> tuple[list[str], str | None]:
    """Names and agency in one visible byline ("By Jane Doe and John Roe, Reuters")."""
    text = clean(text)
    if not text or len(text) > 160:
        return [], None
    text = _PREFIX.sub("", text.strip(" |·•")).strip()
    interview = INTERVIEW_CREDIT.search(text)
    if interview:  # "Jane Guest im Gespräch mit John Host": the interviewer wrote it
        text = text[interview.end():]
    inner = _INNER_PREFIX.match(text)
    if inner and len(text[inner.end():].split()) >= 2:  # "Disko Von Jane Doe", "Posted by Jane Doe"
        text = text[inner.end():]
    agencies = Agencies()
    agency = agencies.of(text, strict=True, whole=True)
    if agency:
        return [], agency
    names: list[str] = []
    parts = NAME_JOINERS.split(text)
    for part in parts:
        found = agencies.of(part, strict=True)
        if found:
            agency = agency or found
            continue
        name = person_name(part, site_names, loose=loose and len(parts) == 1, initials=initials, agencies=agencies)
        if name and name not in names:
            names.append(name)
    if not agency:
        tail = _TRAILING_AGENCY.search(text)
        agency = agencies.of(tail.group(1), strict=True) if tail else None
    return names, agency
