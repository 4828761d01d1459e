"""PDF prints of invented articles, written with reportlab, shaped like a browser's "print to PDF".

    make_pdf(path, article, *, encrypt=False, image_only=False) -> Path

``article`` is a dict of our own invented text:

    site, tagline        the masthead (large) and the line under it
    headline             wrapped in the largest type
    byline, date         under the headline
    caption, credit      the lead image's caption (small type), the credit after it
    paragraphs           body paragraphs (hard-wrapped to the column); a paragraph starting with
                         "## " is a subheading
    url, printed         the running footer's URL and the running header's print date

Every page has the running header (print date, then the page title) and footer (URL, then "n/m").
``reportlab`` writes with ``invariant=1`` so the same article gives the same bytes. ``encrypt``
protects the file with a user password; ``image_only`` draws shapes and no text (like a scan).

    python tests/pdfgen.py            rewrites examples/tidal-barrier.pdf from examples/tidal-barrier.html
"""

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_HTML = REPO / "examples" / "tidal-barrier.html"
EXAMPLE_PDF = REPO / "examples" / "tidal-barrier.pdf"

WIDTH, HEIGHT = A4
MARGIN = 54.0
COLUMN = WIDTH - 2 * MARGIN
BODY = ("Times-Roman", 10.5, 13.0)  # font, size, line pitch
SMALL = ("Helvetica", 8.0, 10.0)
HEADING = ("Times-Bold", 13.0, 16.0)
HEADLINE = ("Times-Bold", 24.0, 28.0)
MASTHEAD = ("Helvetica-Bold", 16.0, 20.0)
PARAGRAPH_SPACE = 8.0


@dataclass(frozen=True)
class _Line:
    font: str
    size: float
    y: float
    text: str


def make_pdf(path: str | Path, article: dict[str, Any], *, encrypt: bool = False,
             image_only: bool = False) -> Path:
    """Write ``article`` as a printed-page PDF at ``path``."""
    path = Path(path)
    pages = _layout(article)
    options: dict[str, Any] = {"pagesize": A4, "invariant": 1}
    if encrypt:
        from reportlab.lib.pdfencrypt import StandardEncryption

        options["encrypt"] = StandardEncryption("reader-secret", ownerPassword="owner-secret")
    pdf = canvas.Canvas(str(path), **options)
    pdf.setTitle(article["headline"])
    title = f"{article['headline']} | {article['site']}"
    for number, lines in enumerate(pages, start=1):
        if image_only:
            _draw_shapes(pdf, lines)
        else:
            _draw_furniture(pdf, article, title, number, len(pages))
            for line in lines:
                pdf.setFont(line.font, line.size)
                pdf.drawString(MARGIN, line.y, line.text)
        pdf.showPage()
    pdf.save()
    return path


def _layout(article: dict[str, Any]) -> list[list[_Line]]:
    pages: list[list[_Line]] = [[]]
    y = HEIGHT - MARGIN - 10

    def add(style: tuple[str, float, float], text: str, space_after: float = 0.0) -> None:
        nonlocal y
        font, size, pitch = style
        for part in simpleSplit(text, font, size, COLUMN):
            if y < MARGIN + 20:
                pages.append([])
                y = HEIGHT - MARGIN - 10
            pages[-1].append(_Line(font, size, y, part))
            y -= pitch
        y -= space_after

    add(MASTHEAD, article["site"])
    add(SMALL, article.get("tagline", ""), PARAGRAPH_SPACE * 2)
    add(HEADLINE, article["headline"], PARAGRAPH_SPACE)
    add(BODY, article["byline"])
    add(BODY, article["date"], PARAGRAPH_SPACE * 2)
    if article.get("caption"):
        credit = f" {article['credit']}" if article.get("credit") else ""
        add(SMALL, article["caption"] + credit, PARAGRAPH_SPACE * 2)
    for paragraph in article["paragraphs"]:
        if paragraph.startswith("## "):
            add(HEADING, paragraph[3:], PARAGRAPH_SPACE / 2)
        else:
            add(BODY, paragraph, PARAGRAPH_SPACE)
    return pages


def _draw_furniture(pdf: canvas.Canvas, article: dict[str, Any], title: str, number: int,
                    total: int) -> None:
    pdf.setFont("Helvetica", 8)
    pdf.drawString(24, HEIGHT - 20, article.get("printed", "3/14/26, 6:12 PM"))
    pdf.drawString(220, HEIGHT - 20, title)
    pdf.drawString(24, 16, article.get("url", "https://news.example/story"))
    pdf.drawRightString(WIDTH - 24, 16, f"{number}/{total}")


def _draw_shapes(pdf: canvas.Canvas, lines: list[_Line]) -> None:
    for line in lines:  # grey bars where the text would be, as a scan looks to a text extractor
        pdf.setFillGray(0.3)
        pdf.rect(MARGIN, line.y, min(COLUMN, line.size * len(line.text) * 0.45), line.size * 0.7,
                 fill=1, stroke=0)


def example_article(source: Path = EXAMPLE_HTML) -> dict[str, Any]:
    """The invented tidal-barrier article, read from examples/tidal-barrier.html."""
    page = source.read_text(encoding="utf-8")

    def text_of(fragment: str) -> str:
        return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()

    body = page.split('itemprop="articleBody">', 1)[1].split("</div>\n  <div class=\"share", 1)[0]
    paragraphs = [("## " if tag == "h2" else "") + text_of(inner)
                  for tag, inner in re.findall(r"<(p|h2)>(.*?)</\1>", body, re.DOTALL)]
    caption = text_of(re.search(r"<figcaption>(.*?)</figcaption>", page, re.DOTALL).group(1))  # type: ignore[union-attr]
    caption, _, credit = caption.partition(" Photo: ")
    return {
        "site": "The Riverton Courier",
        "tagline": "Your city, every morning.",
        "headline": text_of(re.search(r'<h1 class="headline">(.*?)</h1>', page).group(1)),  # type: ignore[union-attr]
        "byline": "By Marta Ellison and Tomas Reyes",
        "date": text_of(re.search(r'<time class="dateline"[^>]*>(.*?)</time>', page).group(1)),  # type: ignore[union-attr]
        "caption": caption,
        "credit": f"Photo: {credit}" if credit else "",
        "paragraphs": paragraphs,
        "url": re.search(r'rel="canonical" href="([^"]+)"', page).group(1),  # type: ignore[union-attr]
        "printed": "3/14/26, 6:12 PM",
    }


def make_example(path: Path = EXAMPLE_PDF) -> Path:
    """(Re)write the committed examples/tidal-barrier.pdf."""
    return make_pdf(path, example_article())


if __name__ == "__main__":
    print(make_example(Path(sys.argv[1]) if len(sys.argv) > 1 else EXAMPLE_PDF))
