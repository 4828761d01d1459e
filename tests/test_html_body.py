"""HTML body extraction: one rule per test on small invented pages, and golden files for whole pages.

Regenerate a golden file after an intended change with ``NEWSFUSE_REGEN=1 pytest tests/test_html_body.py``.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from newsfuse.errors import CaptureError, NoArticle, UnsupportedKind
from newsfuse.extract.html import extract_html
from newsfuse.extract.html_filter import filter_blocks
from newsfuse.options import ExtractOptions
from newsfuse.readers.files import read_path
from newsfuse.records import Article, Block, Capture

FIXTURES = Path(__file__).parent / "fixtures" / "html"
OPTIONS = ExtractOptions()

PARAS = [
    "The river authority opened the new fish ladder at the old mill weir on Tuesday, ten years after the first plans were drawn up for it.",
    "Salmon and sea trout have been unable to pass the weir since it was raised in the nineteenth century, and anglers upstream have long complained of empty pools.",
    "The ladder is a series of shallow concrete steps that lets fish climb about two metres in small jumps, resting in each pool before the next.",
    "Volunteers will count the fish passing through a camera window every autumn, and the first figures are expected before the end of the year.",
]


def page(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html lang='en'><head><title>Fish ladder opens</title>{head}</head><body>{body}</body></html>".encode()


def article_html(extra: str = "", paras: list[str] = PARAS) -> str:
    ps = "".join(f"<p>{p}</p>" for p in paras)
    return f"<main><article><h1>Fish ladder opens at the mill weir</h1>{ps}</article>{extra}</main>"


def extract(data: bytes, url: str | None = "https://news.example/a/fish-ladder") -> Article:
    return extract_html(Capture("t.html", data, url), OPTIONS)


def removed_kinds(art: Article, needle: str) -> set[str]:
    return {r.kind for r in art.removed if needle in r.text}


def test_body_paragraphs_are_one_line_each_and_text_is_derived() -> None:
    spread = PARAS[0].replace(" the new ", "\n   the\tnew ")
    art = extract(page(article_html(paras=[spread, *PARAS[1:]])))
    texts = [b.text for b in art.paragraphs]
    for para in PARAS:
        assert para in texts
    assert all("\n" not in t and "  " not in t for t in texts)
    assert art.text == "\n\n".join(texts)


def test_paragraph_kinds() -> None:
    body = (f"<article><h1>Fish ladder</h1><p>{PARAS[0]}</p><h2>How the ladder works for the fish</h2>"
            f"<p>{PARAS[1]}</p><ul><li>Twelve pools, each one a little higher.</li>"
            f"<li>A camera window for counting.</li></ul><blockquote>{PARAS[2]}</blockquote>"
            f"<p>{PARAS[3]}</p></article>")
    kinds = {b.text: b.kind for b in extract(page(body)).paragraphs}
    assert kinds[PARAS[0]] == "paragraph"
    assert kinds["How the ladder works for the fish"] == "heading"
    assert kinds["Twelve pools, each one a little higher."] == "list-item"
    assert kinds[PARAS[2]] == "quote"


def test_nav_footer_aside_go_to_removed_with_their_kind() -> None:
    extra = ("<aside class='related'><h3>Related stories</h3><a href='/a/otters'>Otters return to the estuary</a></aside>"
             "<div class='share'><a href='#'>Share on Facebook</a></div>")
    data = page("<nav><a href='/'>Home</a> <a href='/rivers'>Rivers and lakes</a></nav>" + article_html(extra)
                + "<footer>© 2026 River News. All rights reserved.</footer>")
    art = extract(data)
    assert "navigation" in removed_kinds(art, "Rivers and lakes")
    assert "footer" in removed_kinds(art, "All rights reserved")
    assert "related-promo" in removed_kinds(art, "Otters return")
    assert "share" in removed_kinds(art, "Share on Facebook")
    for noise in ("Rivers and lakes", "All rights reserved", "Otters return", "Share on Facebook"):
        assert noise not in art.text


def test_related_links_are_absolute_and_not_in_text() -> None:
    extra = ("<div class='related-articles'><ul><li><a href='/a/otters'>Otters return to the estuary</a></li>"
             "<li><a href='https://other.example/x'>Heron colony grows again</a></li></ul></div>")
    art = extract(page(article_html(extra)))
    urls = {link.url: link.title for link in art.related}
    assert urls["https://news.example/a/otters"] == "Otters return to the estuary"
    assert urls["https://other.example/x"] == "Heron colony grows again"
    assert "Heron colony" not in art.text


def test_json_ld_body_preferred_when_much_fuller() -> None:
    ld = {"@type": "NewsArticle", "headline": "Fish ladder opens", "articleBody": "\n".join(PARAS)}
    head = f"<script type='application/ld+json'>{json.dumps(ld)}</script>"
    art = extract(page(f"<article><h1>Fish ladder opens</h1><p>{PARAS[0]}</p>"
                       "<div class='paywall'>Subscribe to read the rest of this story.</div></article>", head))
    for para in PARAS[1:]:
        assert para in art.text


def test_json_ld_body_ignored_when_cut_short() -> None:
    ld = {"@type": "NewsArticle", "articleBody": " ".join(PARAS) * 3 + " The authority said …"}
    head = f"<script type='application/ld+json'>{json.dumps(ld)}</script>"
    art = extract(page(article_html(), head))
    assert "The authority said" not in art.text
    assert PARAS[3] in art.text


def test_headline_and_furniture_lines_are_removed_lines() -> None:
    assert filter_blocks([Block("Fish ladder opens"), Block(PARAS[0])], "Fish ladder opens")[1][0].kind == "title"
    kept, removed = filter_blocks([Block(PARAS[0]), Block("Read also: Otters return to the estuary"), Block(PARAS[1])])
    assert [b.text for b in kept] == PARAS[:2]
    assert removed[0].kind == "related-promo"


def test_long_paragraph_mentioning_a_newsletter_is_kept() -> None:
    para = ("Sign up for our newsletter, the mayor joked at the opening, because the fish counts will be "
            "published there every week and the volunteers want as many readers as possible to follow them "
            "through the autumn, when the first salmon are expected to climb past the old mill.")
    kept, _ = filter_blocks([Block(para)])
    assert kept == [Block(para)]


def test_gzip_and_legacy_charset_decode(tmp_path: Path) -> None:
    text = "Über den Fluss: Die Fischtreppe am alten Mühlenwehr ist eröffnet worden, nach zehn Jahren Planung und Bau."
    html = (f"<html><head><meta charset='windows-1252'><title>Fischtreppe</title></head><body><article>"
            f"<h1>Fischtreppe eröffnet</h1><p>{text}</p><p>{text.replace('zehn', 'elf')}</p></article></body></html>")
    raw = html.encode("cp1252")
    assert text in extract(raw).text
    packed = tmp_path / "page.html.gz"
    packed.write_bytes(gzip.compress(raw))
    capture = read_path(str(packed))
    assert text in extract_html(capture, OPTIONS).text


def test_metadata_and_language_are_carried() -> None:
    head = ("<meta property='og:site_name' content='River News'><meta name='author' content='Ada Brook'>"
            "<link rel='canonical' href='https://news.example/a/fish-ladder'>")
    art = extract(page(article_html(), head), url=None)
    assert art.url == "https://news.example/a/fish-ladder"
    assert art.site == "River News"
    assert art.language == "en"
    assert art.capture is not None and art.capture.kind == "html"


@pytest.mark.parametrize("data", [b"<html><body></body></html>", b"<html><body><nav>Home</nav></body></html>"])
def test_page_without_body_is_no_article(data: bytes) -> None:
    with pytest.raises(NoArticle):
        extract(data)


@pytest.mark.parametrize("data", [b"\x00\x01\x02 binary junk \xff\xfe", b"just some words, no markup at all"])
def test_garbage_is_unsupported_or_no_article(data: bytes) -> None:
    with pytest.raises((UnsupportedKind, NoArticle)):
        extract(data)


@pytest.mark.parametrize("data", [b"<", b"<html><body><p>" + b"\xc3" * 50 + b"</p></body></html>",
                                  b"<?xml version='1.0'?><x/>", b"<html>" * 500, b"\xef\xbb\xbf<p>\x00</p>"])
def test_odd_input_gives_an_article_or_our_error(data: bytes) -> None:
    try:
        art = extract(data)
    except CaptureError:
        return
    assert art.text


def _golden(path: Path) -> dict[str, object]:
    art = extract_html(Capture(path.name, path.read_bytes(), None), OPTIONS).to_dict()
    art.pop("capture")
    return art


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.html")), ids=lambda p: p.stem)
def test_golden_page(path: Path) -> None:
    expected_path = path.with_suffix(".expected.json")
    got = _golden(path)
    if os.environ.get("NEWSFUSE_REGEN"):
        expected_path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(expected_path.read_text(encoding="utf-8"))


def test_related_links_stay_relative_when_the_page_url_is_unknown() -> None:
    extra = "<div class='related'><a href='/a/otters'>Otters return to the estuary</a></div>"
    art = extract(page(article_html(extra)), url=None)
    assert [(link.title, link.url) for link in art.related] == [("Otters return to the estuary", "/a/otters")]
