"""Hard-wrapped PDF text → paragraphs: print furniture off, lines reflowed, words and URLs rejoined.

    split_pages(text) -> Pages         running header (print date, page title) and footer
                                       (page URL, "n/m") taken off every page
    reflow(lines) -> list[str]         lines of similar width joined into paragraphs
    join_wrapped(a, b, vocab) -> str   two wrapped line pieces joined (hyphen kept or dropped)
    rejoin_url(parts) -> str | None    a URL split over lines, as one valid URL

Every rule is structural (positions, widths, repetition across pages); no phrase of one site.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Container
from dataclasses import dataclass
from itertools import accumulate, islice
from urllib.parse import urlsplit

from newsfuse.extract.text_meta import is_date_line
from newsfuse.extract.text_patterns import PAGE_COUNTER, PRINT_DATE, STRICT_SENTENCE_END

_URL_PART = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")
_COLUMNS = re.compile(r"\s{3,}")  # what sets a line's pieces apart in pdftotext -layout output
_WORD_END = re.compile(r"(\w+)-$")
_WORD_START = re.compile(r"^(\w+)")
_KEEP_SPACE_AFTER_HYPHEN = frozenset(["und", "oder", "and", "or", "bis", "to", "y", "o", "et", "ou", "e", "od.", "sowie", "as", "well"])
PAGE_BREAK = "\f"


@dataclass(frozen=True, slots=True)
class Pages:
    """PDF text with the print furniture taken off; ``lines`` keeps "" for blank lines and
    PAGE_BREAK between pages."""

    lines: tuple[str, ...]
    header_title: str | None
    url: str | None
    furniture: tuple[str, ...]


def is_valid_url(url: str) -> bool:
    if not url.startswith(("http://", "https://")) or url.split() != [url]:  # any whitespace in it
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and "." in parts.netloc and not parts.netloc.endswith(".")


def rejoin_url(parts: list[str]) -> str | None:
    """The URL whose pieces are ``parts`` (each stripped), or None when they do not make one."""
    url = "".join(p.strip() for p in parts)
    return url if is_valid_url(url) else None


def is_url_continuation(line: str) -> bool:
    """Could this line be the rest of a URL broken at the line before?"""
    return bool(line) and " " not in line and bool(_URL_PART.match(line)) and not line.startswith("http")


def _page_footer(lines: list[str]) -> tuple[int, str | None]:
    """How many lines at the end of a page are its footer, and the URL it names."""
    idx = list(islice((i for i in range(len(lines) - 1, -1, -1) if lines[i]), 5))[::-1]  # the last 5 lines with text
    if not idx:
        return 0, None
    if not PAGE_COUNTER.match(lines[idx[-1]]):
        columns = _COLUMNS.split(lines[idx[-1]])  # pdftotext -layout: "https://...        1/2" on one line
        if len(columns) < 2 or not PAGE_COUNTER.match(columns[-1]):
            return 0, None
        return len(lines) - idx[-1], columns[0] if is_valid_url(columns[0]) else None
    cut = idx[-1]
    pieces: list[str] = []
    for i in reversed(idx[:-1][-4:]):
        line = lines[i]
        if " " in line or not _URL_PART.match(line):
            break
        pieces.insert(0, line)
        cut = i
        if line.startswith(("http://", "https://")):
            return len(lines) - cut, rejoin_url(pieces)
    return len(lines) - idx[-1], None


def _page_header(lines: list[str]) -> tuple[int, str | None]:
    """How many lines at the start of a page are the print date (the title is found by repetition),
    and the page title printed on the same line ("3/14/26, 6:12 PM        Title | Site", as
    pdftotext -layout sets it)."""
    for i, line in enumerate(lines):
        if line:
            if PRINT_DATE.match(line):
                return i + 1, None
            columns = _COLUMNS.split(line)
            if len(columns) >= 2 and PRINT_DATE.match(columns[0]):
                return i + 1, " ".join(columns[1:])
            return 0, None
    return 0, None


def split_pages(text: str) -> Pages:
    """Take the running header and footer off every page of pdftotext output."""
    raw_pages = [list(map(str.strip, page.splitlines())) for page in text.split("\f")]
    raw_pages = [p for p in raw_pages if any(p)]
    furniture: list[str] = []
    urls: list[str] = []
    bodies: list[list[str]] = []
    header_titles: list[str] = []
    for page in raw_pages:
        head, header_title = _page_header(page)
        tail, url = _page_footer(page)
        furniture.extend(x for x in page[:head] + page[len(page) - tail:] if x)
        if url:
            urls.append(url)
        if header_title:
            header_titles.append(header_title)
        bodies.append(page[head:len(page) - tail])
    if header_titles:  # the title is on the date's line: no line of the body repeats it
        title: str | None = Counter(header_titles).most_common(1)[0][0]
    else:
        title = _running_title(bodies, dated=any(PRINT_DATE.match(x) for x in furniture))
    lines: list[str] = []
    for n, body in enumerate(bodies):
        if title is not None and not header_titles:
            body = _drop_first(body, title, within=4)
            furniture.append(title)
        if n:
            lines.append(PAGE_BREAK)
        lines.extend(body)
    url = Counter(urls).most_common(1)[0][0] if urls else None
    return Pages(tuple(lines), title, url, tuple(furniture))


def _running_title(bodies: list[list[str]], dated: bool) -> str | None:
    """The page title printed at the top of every page (the first line after the print date)."""
    firsts: Counter[str] = Counter()
    for body in bodies:
        seen = {line for line in body[:6] if line}
        firsts.update(seen)
    if len(bodies) >= 2:
        common = [line for line, n in firsts.items() if n >= max(2, len(bodies) - 1)]
        if common:
            # the one nearest the top of the first page
            first = [line for line in bodies[0] if line]
            return str(min(common, key=lambda line: first.index(line) if line in first else 99))
    if dated and bodies:
        first = [line for line in bodies[0] if line]
        return first[0] if first else None
    return None


def _drop_first(body: list[str], line: str, within: int) -> list[str]:
    seen = 0
    for i, x in enumerate(body):
        if x == line:
            return body[:i] + body[i + 1:]
        if x:
            seen += 1
            if seen >= within:
                break
    return body


def join_wrapped(left: str, right: str, vocab: Container[str]) -> str:
    """Join a line and the next one of the same paragraph, repairing a word split at the break."""
    if not left:
        return right
    if not right:
        return left
    if left.endswith("\xad"):
        return left[:-1] + right
    end = _WORD_END.search(_last_token(left)) if left.endswith("-") else None
    start = _WORD_START.match(right) if end else None
    if end and start and not left.endswith("--"):
        head, tail = end.group(1), start.group(1)
        if tail.lower() in _KEEP_SPACE_AFTER_HYPHEN:
            return f"{left} {right}"
        joined = (head + tail).lower()
        if joined in vocab and f"{head}-{tail}".lower() not in vocab:
            return left[:-1] + right
        return left + right
    if left.startswith(("http://", "https://")) and " " not in left and is_url_continuation(right.split(" ")[0]):
        first, _, rest = right.partition(" ")
        if is_valid_url(left + first):
            return f"{left}{first} {rest}".rstrip()
    return f"{left} {right}"


def _last_token(text: str) -> str:
    """The text after the last space (patterns anchored at the end look only here, not at the whole
    paragraph growing line by line)."""
    return text[text.rfind(" ") + 1:]


def ends_sentence(text: str) -> bool:
    """Does ``text`` end a sentence (STRICT_SENTENCE_END, looked for in its last characters)?"""
    return STRICT_SENTENCE_END.search(text[-12:]) is not None


def reflow(lines: list[str], vocab: Container[str], width: int) -> list[str]:
    """Join hard-wrapped lines into paragraphs (one string each).

    A paragraph ends at a blank line, at a line much shorter than the column ``width``, or at a
    sentence end on a line shorter than a full one. A page break joins the paragraphs around it
    when the first one stops mid-sentence and the next starts in lower case.
    """
    paragraphs: list[str] = []
    current = ""
    carried = False  # a paragraph goes on over a page break: blank lines before the next text do not end it
    for line in lines:
        if line == PAGE_BREAK:
            carried = bool(current) and not ends_sentence(current)
            if carried:
                continue  # may continue on the next page; decided by its first line
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if not line:
            if current and not carried:
                paragraphs.append(current)
                current = ""
            continue
        carried = False
        if current and len(line) < 0.6 * width and is_date_line(line) and ends_sentence(current):
            paragraphs.append(current)  # a date line printed under the lead, no blank line between
            current = ""
        current = join_wrapped(current, line, vocab) if current else line
        if _ends_paragraph(line, width):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _ends_paragraph(line: str, width: int) -> bool:
    n = len(line)
    if line.endswith("-") and _WORD_END.search(_last_token(line)):
        return False  # a word broken at the line end goes on
    if n < 0.6 * width:
        return not line.endswith(("-", ",")) or n < 0.3 * width
    return n < 0.85 * width and ends_sentence(line)


def column_width(lines: list[str]) -> int:
    """The body's column width: a high percentile of the line lengths of prose-like lines."""
    lengths = sorted(len(x) for x in lines if len(x) > 20 and x != PAGE_BREAK)
    if not lengths:
        return 60
    return max(30, lengths[int(len(lengths) * 0.9) - 1 if len(lengths) > 1 else 0])


class Vocab:
    """The words of a document in lower case, hyphenated compounds whole ("it-sicherheit"): the
    maximal runs of ``_VOCAB_WORD``, for de-hyphenation. A document is asked which of its words have a
    hyphen and whether a few spellings are words, so both are read from the text where it has them
    (its hyphens, the spelling's occurrences) instead of cutting all of it into words; a document
    asked about many spellings (a long one with many compounds) is cut into its set of words once."""

    def __init__(self, text: str) -> None:
        self.lower = text.lower()
        self._asked = 0
        self._words: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and bool(self.among([word]))

    def among(self, spellings: list[str]) -> set[str]:
        """The ``spellings`` that are words of the document."""
        self._asked += len(spellings)
        if self._words is None and self._asked > SCANS_BEFORE_SET:
            self._words = _all_words(self.lower)
        if self._words is not None:
            return {word for word in spellings if word in self._words}
        return {word for word in spellings if word in self.lower and _VOCAB_WORD.fullmatch(word) is not None
                and self._occurs_as_word(word)}

    def _occurs_as_word(self, word: str) -> bool:
        lower = self.lower
        at = lower.find(word)
        while at != -1:
            # a word starts here unless a letter (or a letter and a hyphen) before it carries a word on
            if not (at and _WORD_GOES_ON.search(lower, max(at - 2, 0), at)):
                run = _VOCAB_WORD.match(lower, at)
                if run is not None and run.end() == at + len(word):
                    return True
            at = lower.find(word, at + 1)
        return False

    def hyphenated(self) -> set[str]:
        """The words with a hyphen, from the whitespace-separated chunks around the text's hyphens."""
        lower = self.lower
        backwards = lower[::-1]
        chunks: set[str] = set()
        at = lower.find("-")
        while at != -1:
            before = _CHUNK.match(backwards, len(lower) - at)  # the chunk's part before the hyphen, reversed
            after = _CHUNK.match(lower, at)
            assert before is not None and after is not None  # (an empty run matches anywhere)
            end = after.end()
            chunks.add(lower[len(lower) - before.end():end])
            at = lower.find("-", end)
        return {word for chunk in chunks for word in _VOCAB_WORD.findall(chunk) if "-" in word}


def document_vocab(text: str) -> Vocab:
    """The words of ``text`` (see :class:`Vocab`)."""
    return Vocab(text)


SCANS_BEFORE_SET = 24  # look-ups that may scan the text; more are answered from the set of all its words


def _all_words(lower: str) -> frozenset[str]:
    """Every word of a lower-cased text. No word spans whitespace, so a whitespace-separated chunk that
    is all letters or digits is one word as it stands; only the other chunks (each once) are searched."""
    chunks = set(lower.split())
    plain = {chunk for chunk in chunks if chunk.isalnum()}
    return frozenset(plain.union(_VOCAB_WORD.findall(" ".join(chunks - plain))))


_GLUED = re.compile(r"\b\w+\b")
_VOCAB_WORD = re.compile(r"\w+(?:-\w+)*")
_CHUNK = re.compile(r"\S*")
_WORD_GOES_ON = re.compile(r"\w-?\Z")  # searched in the two characters before a word


def glued_forms(vocab: Vocab) -> dict[str, str]:
    """Hyphenated words of the document by their hyphen-less spelling ("itsicherheit" → "it-sicherheit"),
    for the spellings the document also has glued (alone or in a compound); most documents have none,
    and then no paragraph is searched."""
    hyphenated = vocab.hyphenated()
    parts = set().union(*(w.split("-") for w in hyphenated))
    forms = [(w.replace("-", ""), w) for w in hyphenated if w.count("-") == 1 and _may_be_capital(w)]
    words = parts | vocab.among([glued for glued, _ in forms if glued not in parts])
    return {glued: w for glued, w in forms if glued in words}


def _may_be_capital(form: str) -> bool:
    """Can the character after the hyphen be a capital in the glued word (all :func:`restore_glued_hyphens`
    restores)? Not a digit ("covid-19", "2014-2017"): no capital is a digit in lower case. A form with a
    dotted i (İ lowers to two characters, shifting the positions) is kept."""
    return not form[form.index("-") + 1].isdigit() or "\u0307" in form


def restore_glued_paragraphs(paragraphs: list[str], forms: dict[str, str]) -> list[str]:
    """:func:`restore_glued_hyphens` on every paragraph, the glued spellings looked for once in the
    whole text (only the paragraphs that have one are searched word by word)."""
    if not forms:
        return paragraphs
    lower = "\n".join(paragraphs).lower()
    ends = list(accumulate(len(p) + 1 for p in lower.split("\n")))
    if len(ends) != len(paragraphs):  # a paragraph with a line break in it
        return [restore_glued_hyphens(p, forms) for p in paragraphs]
    found: set[int] = set()
    for glued in forms:
        at = lower.find(glued)
        while at != -1:
            i = bisect_right(ends, at)
            found.add(i)
            at = lower.find(glued, ends[i])
    return [restore_glued_hyphens(p, forms) if i in found else p for i, p in enumerate(paragraphs)]


def restore_glued_hyphens(text: str, forms: dict[str, str]) -> str:
    """``ITSicherheit`` → ``IT-Sicherheit`` when the hyphenated form is in the document and the glued
    word has a capital inside it where the hyphen was (pdftotext glues a word broken after its hyphen
    at a line end)."""
    if not forms:
        return text
    lower = text.lower()
    if not any(glued in lower for glued in forms):
        return text

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        form = forms.get(word.lower())
        if form is None:
            return word
        cut = form.index("-")
        if not (0 < cut < len(word) and word[cut].isupper()):
            return word  # "Cyberattacken" is a word of its own; "ITSicherheit" is not
        return word[:cut] + "-" + word[cut:]

    return _GLUED.sub(fix, text)
