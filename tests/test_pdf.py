"""PDF files → Article: invented articles printed with reportlab (tests/pdfgen.py), hostile PDFs."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.errors import BrokenPdf, CaptureError, EncryptedPdf, NoTextLayer
from newsfuse.extract import extract_capture, extract_or_reject
from newsfuse.extract.pdf import extract_pdf, pdf_text
from newsfuse.extract.pdf_captions import split_credit
from newsfuse.extract.pdf_title import headline_in_body
from newsfuse.options import ExtractOptions
from newsfuse.records import Capture, Rejected

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pdfgen import EXAMPLE_PDF, example_article, make_pdf

OPTIONS = ExtractOptions()

ARTICLE: dict[str, Any] = {
    "site": "The Lindenfeld Gazette",
    "tagline": "News from the valley since 1921.",
    "headline": "Orchard cooperative reopens the old cider press on Brook Lane after twelve years",
    "byline": "By Greta Holm",
    "date": "October 2, 2026",
    "caption": "Volunteers sort the first apples of the season at the press house.",
    "credit": "Photo: Ivo Sander",
    "paragraphs": [
        ("The cider press on Brook Lane turned again on Saturday morning for the first time in twelve years, "
         "after the valley's orchard cooperative spent two summers repairing its oak beams and its stone floor."),
        ("More than forty growers brought apples from the slopes above the river, and the cooperative said it "
         "expects to press about thirty tonnes of fruit before the first frost closes the season in November."),
        "## A press older than the village hall",
        ("The press was built in 1887 by a carpenter from the next valley and worked every autumn until its main "
         "screw cracked in 2014. A retired engineer, Paul Wendt, found a foundry willing to cast a new one."),
        ("The cooperative plans to open the press house to school classes on Thursdays and to sell the juice at "
         "the Saturday market on the church square, with the proceeds going to the upkeep of the building."),
    ],
    "url": "https://www.lindenfeld-gazette.example/valley/2026/10/02/cider-press-reopens",
    "printed": "10/2/26, 4:40 PM",
}


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def article_pdf(tmp_path: Path) -> bytes:
    return make_pdf(tmp_path / "cider.pdf", ARTICLE).read_bytes()


def test_round_trip_headline_byline_body(article_pdf: bytes) -> None:
    article = extract_pdf(Capture("cider.pdf", article_pdf), OPTIONS)
    assert article.title == ARTICLE["headline"]
    assert article.authors == ("Greta Holm",)
    assert article.capture is not None and article.capture.kind == "pdf"
    body = words(article.text)
    for paragraph in ARTICLE["paragraphs"]:
        assert words(paragraph.removeprefix("## ")) in body
    assert "Lindenfeld Gazette" not in body  # masthead
    assert ARTICLE["url"] not in body  # running footer


def test_layout_is_pdftotext_like(article_pdf: bytes) -> None:
    text = pdf_text(article_pdf, OPTIONS)
    pages = text.split("\f")
    assert len(pages) == 1
    lines = pages[0].splitlines()
    assert lines[0] == ARTICLE["printed"]  # header split in two blocks at the wide gap
    assert lines[-1] == "1/1"
    assert "" in lines[lines.index("The Lindenfeld Gazette"):lines.index("By Greta Holm")]
    first_body = ARTICLE["paragraphs"][0]
    body_lines = [line for line in lines if line and words(line) in first_body]
    assert len(body_lines) >= 2  # hard-wrapped


def test_dispatch_detects_pdf(article_pdf: bytes) -> None:
    article = extract_capture(Capture("cider.pdf", article_pdf))
    assert article.capture is not None and article.capture.kind == "pdf"


def test_encrypted_pdf(tmp_path: Path) -> None:
    data = make_pdf(tmp_path / "locked.pdf", ARTICLE, encrypt=True).read_bytes()
    with pytest.raises(EncryptedPdf, match="encrypted PDF"):
        extract_pdf(Capture("locked.pdf", data), OPTIONS)
    assert extract_or_reject(Capture("locked.pdf", data)).code == "encrypted"  # type: ignore[union-attr]


def test_truncated_pdf(article_pdf: bytes) -> None:
    with pytest.raises(BrokenPdf):
        extract_pdf(Capture("cut.pdf", article_pdf[: len(article_pdf) // 3]), OPTIONS)


def test_not_a_pdf() -> None:
    with pytest.raises(BrokenPdf):
        extract_pdf(Capture("x.pdf", b"<html>not a pdf</html>"), OPTIONS)


def test_image_only_pdf(tmp_path: Path) -> None:
    data = make_pdf(tmp_path / "scan.pdf", ARTICLE, image_only=True).read_bytes()
    with pytest.raises(NoTextLayer, match="no text layer"):
        extract_pdf(Capture("scan.pdf", data), OPTIONS)


def long_article() -> dict[str, Any]:
    paragraphs = [f"Paragraph {n} of the long report on the valley's orchards, written for this test, which "
                  f"goes on about apples, pears and the weather for a while so that the pages fill up."
                  for n in range(1, 120)]
    return {**ARTICLE, "paragraphs": paragraphs}


def test_page_limit(tmp_path: Path) -> None:
    data = make_pdf(tmp_path / "long.pdf", long_article()).read_bytes()
    all_pages = pdf_text(data, OPTIONS).split("\f")
    assert len(all_pages) >= 3
    limited = pdf_text(data, replace(OPTIONS, pdf_max_pages=1)).split("\f")
    assert len(limited) == 1
    assert re.search(r"^1/\d+$", limited[0], re.MULTILINE)
    body = extract_pdf(Capture("long.pdf", data), replace(OPTIONS, pdf_max_pages=1)).text
    assert "Paragraph 1 " in body and "Paragraph 110 " not in body


def test_slow_page_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    pdf_module = importlib.import_module("newsfuse.extract.pdf")

    data = make_pdf(tmp_path / "long.pdf", long_article()).read_bytes()
    real_page = pdf_module._page

    def slow_second_page(pdf: Any, index: int) -> Any:
        if index == 1:
            raise pdf_module.SlowPage("PDF page 2 took longer than 5 s")
        return real_page(pdf, index)

    full = len(pdf_text(data, OPTIONS).split("\f"))
    monkeypatch.setattr(pdf_module, "_page", slow_second_page)
    pages = pdf_text(data, OPTIONS).split("\f")
    assert len(pages) == full - 1
    assert not any(re.search(r"^2/\d+$", page, re.MULTILINE) for page in pages)


def test_page_limit_keeps_the_capture_limit_armed(article_pdf: bytes) -> None:
    import signal

    from newsfuse.limits import time_limit

    with time_limit(1000, "capture"):
        pdf_text(article_pdf, replace(OPTIONS, pdf_page_timeout=5))
        left = signal.getitimer(signal.ITIMER_REAL)[0]
    assert 5 < left <= 1000
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_capture_time_limit_is_not_taken_for_a_slow_page(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from newsfuse.errors import TimedOut
    from newsfuse.limits import time_limit

    pdf_module = importlib.import_module("newsfuse.extract.pdf")
    data = make_pdf(tmp_path / "long.pdf", long_article()).read_bytes()

    def capture_over_time(pdf: Any, index: int) -> Any:
        raise TimedOut("capture took longer than 3 s")  # as the capture's alarm would, mid-page

    monkeypatch.setattr(pdf_module, "_page", capture_over_time)
    # the capture's limit (3 s left) comes before the page's (5 s): it is the capture's, not a page's
    with pytest.raises(TimedOut), time_limit(3, "capture"):
        pdf_text(data, replace(OPTIONS, pdf_page_timeout=5))


def test_committed_example_is_what_the_generator_makes(tmp_path: Path) -> None:
    fresh = make_pdf(tmp_path / "tidal.pdf", example_article()).read_bytes()
    assert fresh == EXAMPLE_PDF.read_bytes()


def test_committed_example_extracts() -> None:
    article = extract_pdf(Capture(str(EXAMPLE_PDF), EXAMPLE_PDF.read_bytes()), OPTIONS)
    assert article.title == "Riverton approves tidal barrier after decade of floods"
    assert article.authors == ("Marta Ellison", "Tomas Reyes")
    assert article.published == "2026-03-14"
    assert "A public consultation on the design of the gates opens on April 1" in article.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_after_header_raise_only_capture_errors(tail: bytes) -> None:
    capture = Capture("random.pdf", b"%PDF-1.4\n" + tail)
    try:
        extract_pdf(capture, OPTIONS)
    except CaptureError:
        pass
    result = extract_or_reject(capture)
    assert not isinstance(result, Rejected) or result.code != "internal-error"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=10_000), st.binary(min_size=1, max_size=8))
def test_corrupted_pdf_raises_only_capture_errors(offset: int, junk: bytes) -> None:
    clean = EXAMPLE_PDF.read_bytes()
    offset %= len(clean)
    data = clean[:offset] + junk + clean[offset + len(junk):]
    try:
        extract_pdf(Capture("corrupt.pdf", data), OPTIONS)
    except CaptureError:
        pass


PRINTED = ("1/2/26, 9:15 AM\n\nHarbour Ferry Returns After Storm Repairs – Kestrel Bay Courier\n\nMenu\n\n"
           "Harbour Ferry Returns After Storm Repairs\n\nBy Ada Quill\n\nThe ferry sailed again on Monday.\n"
           "\f1/2/26, 9:15 AM\n\nHarbour Ferry Returns After Storm Repairs – Kestrel Bay Courier\n\n"
           "Passengers waited on the pier.\n")


def test_headline_confirmed_by_the_print_header() -> None:
    assert headline_in_body(PRINTED) == "Harbour Ferry Returns After Storm Repairs"


def test_headline_in_body_needs_a_separator_after_it() -> None:
    colon = PRINTED.replace(" – Kestrel Bay Courier", ": What Changed")
    assert headline_in_body(colon) is None  # a colon belongs to headlines, not to site names
    assert headline_in_body(PRINTED.replace("Harbour Ferry Returns After Storm Repairs\n\nBy", "By")) is None


def _one_page(path: Path, draw: Any) -> bytes:
    """A one-page PDF drawn by ``draw(canvas)`` (reportlab), as bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    draw(pdf)
    pdf.showPage()
    pdf.save()
    return path.read_bytes()


def test_justified_line_stays_one_run(tmp_path: Path) -> None:
    def draw(pdf: Any) -> None:
        text = pdf.beginText(60, 600)
        text.setFont("Times-Roman", 12)
        text.setWordSpace(30)  # justified: the words spread wider than the column gap
        text.textLine("the form is on the pages of the office for download")
        pdf.drawText(text)

    lines = pdf_text(_one_page(tmp_path / "justified.pdf", draw), OPTIONS).split("\n")
    assert "the form is on the pages of the office for download" in lines


def test_footer_url_close_to_page_counter_is_cut(tmp_path: Path) -> None:
    def draw(pdf: Any) -> None:
        pdf.setFont("Times-Roman", 12)
        pdf.drawString(60, 600, "A line of the article's body text, long enough to be prose.")
        pdf.setFont("Helvetica", 8)
        url = "https://news.example/2026/10/02/a-long-story-name-cut-at-the-footer-width-by-the-brow…"
        pdf.drawString(24, 16, url)
        pdf.drawString(24 + pdf.stringWidth(url, "Helvetica", 8) + 12, 16, "1/3")

    lines = [x for x in pdf_text(_one_page(tmp_path / "footer.pdf", draw), OPTIONS).split("\n") if x]
    assert lines[-2:] == ["https://news.example/2026/10/02/a-long-story-name-cut-at-the-footer-width-by-the-brow…",
                          "1/3"]


def _blank_image() -> Any:
    from PIL import Image as PilImage
    from reportlab.lib.utils import ImageReader

    return ImageReader(PilImage.new("RGB", (2, 2), "white"))


BODY_LINES = [
    "The ferry to the island left the harbour at dawn on Tuesday with forty passengers and two",
    "cars on board, the first crossing since the storm in March damaged the landing stage.",
    "Islanders had waited on the pier since five o'clock, and the harbour master said the boat",
    "would sail twice a day until the end of the summer season when the timetable changes.",
]


def _figure_page(caption: list[str]) -> Any:
    """A page: an image, ``caption`` lines right under it, then a body paragraph of BODY_LINES."""
    def draw(pdf: Any) -> None:
        pdf.drawImage(_blank_image(), 60, 560, width=300, height=200)
        pdf.setFont("Times-Roman", 11)
        y = 545.0
        for line in caption + BODY_LINES:
            pdf.drawString(60, y, line)
            y -= 13
    return draw


def test_caption_under_an_image_is_an_image_not_body(tmp_path: Path) -> None:
    caption = "Passengers board the ferry at dawn. Photo: Ilse Marten"
    data = _one_page(tmp_path / "figure.pdf", _figure_page([caption]))
    assert caption not in pdf_text(data, OPTIONS)
    article = extract_pdf(Capture("figure.pdf", data), OPTIONS)
    assert caption not in article.text
    assert ("Passengers board the ferry at dawn.", "Photo: Ilse Marten") in [
        (image.caption, image.credit) for image in article.images]
    assert ("caption" in {r.kind for r in article.removed if r.text == caption})
    assert words(" ".join(BODY_LINES[:2])) in words(article.text)


def test_body_paragraph_under_an_image_stays(tmp_path: Path) -> None:
    data = _one_page(tmp_path / "figure.pdf", _figure_page([]))  # no caption: the body follows
    text = pdf_text(data, OPTIONS)
    assert all(line in text for line in BODY_LINES)


def test_short_line_under_an_image_without_a_caption_mark_stays(tmp_path: Path) -> None:
    line = "The landing stage was rebuilt in six weeks."
    text = pdf_text(_one_page(tmp_path / "figure.pdf", _figure_page([line])), OPTIONS)
    assert line in text


def test_runs_of_one_size_in_two_fonts_stay_one_block(tmp_path: Path) -> None:
    """Glyph boxes differ between fonts (a fallback font for another script); the font size decides."""
    def draw(pdf: Any) -> None:
        y = 600.0
        for font in ("Helvetica", "Symbol", "Helvetica", "Symbol"):  # Symbol: Greek, lower boxes
            pdf.setFont(font, 11)
            pdf.drawString(60, y, "a line of the verse")
            y -= 14

    text = pdf_text(_one_page(tmp_path / "fonts.pdf", draw), OPTIONS)
    assert "\n\n" not in text.strip()


def test_print_header_date_comes_before_a_taller_title(tmp_path: Path) -> None:
    def draw(pdf: Any) -> None:
        pdf.setFont("Times-Roman", 11)
        pdf.drawString(60, 600, "A line of the article's body text, long enough to be prose.")
        pdf.setFont("Helvetica", 8)
        pdf.drawString(24, A4_HEIGHT - 20, "10/2/26, 4:40 PM")
        pdf.setFont("Helvetica", 11)  # the title's boxes reach higher than the date's
        pdf.drawString(220, A4_HEIGHT - 20, "Orchard cooperative reopens the cider press")

    lines = [x for x in pdf_text(_one_page(tmp_path / "header.pdf", draw), OPTIONS).split("\n") if x]
    assert lines[:2] == ["10/2/26, 4:40 PM", "Orchard cooperative reopens the cider press"]


A4_HEIGHT = 841.89


def test_caption_beside_an_icon_starts_at_the_icon(tmp_path: Path) -> None:
    """An icon before the caption's first line: the caption starts there, not on the line under it."""
    def draw(pdf: Any) -> None:
        pdf.setFont("Times-Roman", 11)
        pdf.drawImage(_blank_image(), 60, 597, width=11, height=11)
        pdf.drawString(73, 600, "Ferry passengers at the landing stage. Photo: Ilse Marten")
        y = 587.0
        for line in BODY_LINES:
            pdf.drawString(60, y, line)
            y -= 13

    data = _one_page(tmp_path / "icon.pdf", draw)
    article = extract_pdf(Capture("icon.pdf", data), OPTIONS)
    assert [(image.caption, image.credit) for image in article.images] == [
        ("Ferry passengers at the landing stage.", "Photo: Ilse Marten")]
    assert words(" ".join(BODY_LINES)) in words(article.text)


@pytest.mark.parametrize("text,caption,credit", [
    ("A ferry at dawn. Photo: Ilse Marten", "A ferry at dawn.", "Photo: Ilse Marten"),
    ("The pier in March. (Foto: Jan Ode, 3.3.2026).", "The pier in March.", "Foto: Jan Ode, 3.3.2026"),
    ("The new landing stage. | © Harbour Board", "The new landing stage.", "© Harbour Board"),
    ("(Image credit: Harbour Board)", None, "Image credit: Harbour Board"),
    ("The harbour at night (Reuters)", "The harbour at night (Reuters)", None),
])
def test_split_credit(text: str, caption: str | None, credit: str | None) -> None:
    assert split_credit(text) == (caption, credit)
