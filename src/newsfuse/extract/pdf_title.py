"""The headline as printed in the body, confirmed by the page title in a browser print's running header.

A browser's print of a page repeats the page's <title> ("Headline – Site") at the top of every page;
the headline itself stands once in the body. The first body line that the title starts with, followed
by a separator (the site name's), is the headline without the site name.
"""

from __future__ import annotations

from collections import Counter

#: what separates a page title's headline from the site name after it
SEPARATORS = ("–", "—", "-", "|", "«", "»", "·", "/")  # not ":", which headlines have
#: lines at the top of a page that may be its running header
TOP_LINES = 3


def running_titles(text: str) -> set[str]:
    """Lines among the first few of every page that repeat on two or more pages (all of them when
    there is a single page)."""
    pages = [page for page in text.split("\f") if page.strip()]
    tops = Counter(line for page in pages for line in set(_lines(page)[:TOP_LINES]))
    least = 2 if len(pages) > 1 else 1
    return {line for line, count in tops.items() if count >= least}


def headline_in_body(text: str, min_words: int = 2) -> str | None:
    """The first body line that a running title starts with, the rest of it after a separator."""
    titles = running_titles(text)
    for line in (line for page in text.split("\f") for line in _lines(page)):
        if line in titles or len(line.split()) < min_words:
            continue
        if any(_heads(line, title) for title in titles):
            return line
    return None


def _heads(line: str, title: str) -> bool:
    rest = title[len(line):].lstrip() if title.startswith(line) else ""
    return bool(rest) and rest.startswith(SEPARATORS)


def _lines(page: str) -> list[str]:
    return [" ".join(line.split()) for line in page.splitlines() if line.strip()]
