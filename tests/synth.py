"""Synthetic captures of invented articles, for scale benchmarks and crash/idempotency tests.

Articles are made of pseudo-words from a seeded generator (no real text). Each article can be
rendered as the forms real captures have: browser page text (menus, footer) and PDF text (print
header and footer, hard-wrapped lines, form feeds).
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Iterator

from newsfuse.records import Capture

_SYLLABLES = ["ka", "lo", "mi", "ren", "ta", "vo", "sel", "dun", "par", "is", "ma", "tor", "el", "qui",
              "bas", "ro", "fen", "li", "ga", "nor", "pe", "su", "wil", "ath", "on", "dre", "ky", "mo"]
_COMMON = ["the", "and", "of", "to", "in", "a", "said", "on", "for", "was", "that", "with", "by", "at"]
_NAV = ["Home", "News", "World", "Business", "Sport", "Culture", "Opinion", "Weather", "Subscribe", "Log in"]
_FOOTER = ["Privacy policy", "Terms of use", "Contact us", "About us", "© 2026 Example Media Group"]


class Corpus:
    """A seeded source of invented articles."""

    def __init__(self, seed: int = 1, vocabulary: int = 6000) -> None:
        self.rng = random.Random(seed)
        words = set()
        while len(words) < vocabulary:
            words.add("".join(self.rng.choice(_SYLLABLES) for _ in range(self.rng.randint(2, 4))))
        self.words = sorted(words)

    def sentence(self) -> str:
        n = self.rng.randint(9, 22)
        words = [self.rng.choice(_COMMON) if self.rng.random() < 0.35 else self.rng.choice(self.words)
                 for _ in range(n)]
        return " ".join(words).capitalize() + "."

    def article(self) -> tuple[str, list[str]]:
        title = " ".join(self.rng.choice(self.words) for _ in range(self.rng.randint(5, 9))).capitalize()
        paragraphs = [" ".join(self.sentence() for _ in range(self.rng.randint(2, 4)))
                      for _ in range(self.rng.randint(5, 10))]
        return title, paragraphs


def page_text(title: str, paragraphs: list[str], site: str = "Example Times") -> str:
    return "\n".join([site, *_NAV, title, "By Staff Reporter", "", *[p + "\n" for p in paragraphs],
                      "Share", "Read more", *_FOOTER]) + "\n"


def pdf_text(title: str, paragraphs: list[str], url: str, width: int = 95) -> str:
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += textwrap.wrap(paragraph, width)
    header = f"1/2/26, 10:00 AM{' ' * 30}{title}"
    pages, per_page = [], 45
    chunks = [lines[i:i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    for number, chunk in enumerate(chunks, start=1):
        body = ([title, ""] if number == 1 else []) + chunk
        pages.append("\n".join([header, "", *body, "", f"{url}{' ' * 20}{number}/{len(chunks)}"]) + "\n")
    return "\f".join(pages) + "\f"


def captures(count: int, seed: int = 1, duplicate_rate: float = 0.3) -> Iterator[Capture]:
    """``count`` captures; about ``duplicate_rate`` of them are other forms of an earlier article."""
    corpus = Corpus(seed)
    made: list[tuple[str, list[str], str]] = []
    for index in range(count):
        if made and corpus.rng.random() < duplicate_rate:
            title, paragraphs, url = corpus.rng.choice(made)
            text = pdf_text(title, paragraphs, url) if corpus.rng.random() < 0.5 else page_text(title, paragraphs)
        else:
            title, paragraphs = corpus.article()
            url = f"https://news.example/{index}"
            made.append((title, paragraphs, url))
            if len(made) > 2000:
                made.pop(0)
            text = page_text(title, paragraphs)
        yield Capture(f"synthetic/{index:07d}.txt", text.encode("utf-8"))
