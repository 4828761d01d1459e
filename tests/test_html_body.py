"""HTML page → Article: one test per rule on small invented pages, golden files for whole pages.

Golden files: ``NEWSFUSE_UPDATE_GOLDEN=1 pytest tests/test_html_body.py`` rewrites them (review the diff).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsfuse.errors import EmptyCapture, NoArticle, UnsupportedKind
from newsfuse.extract.html import extract_html
from newsfuse.extract.html_body import body_blocks
from newsfuse.extract.html_filter import filter_blocks, is_dateline, is_furniture, is_related_lead
from newsfuse.extract.html_furniture import container_kind, page_furniture
from newsfuse.extract.html_parse import parse_html
from newsfuse.options import ExtractOptions
from newsfuse.readers.decode import decode_html
from newsfuse.records import Block, Capture

FIXTURES = Path(__file__).parent / "fixtures" / "html"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
OPTIONS = ExtractOptions()

PARAGRAPHS = (
    "<p>The county library will stay open until nine on weekday evenings from next month, after a survey "
    "found that most readers could only visit after work.</p>"
    "<p>Longer hours will be paid for by moving two mobile library routes to a fortnightly timetable, the "
    "council said, a change it expects to save about forty thousand pounds a year.</p>"
    "<p>Staff unions said they had been consulted and supported the plan, provided no branch closed as a "
    "result of the changes to the mobile service in the rural parts of the county.</p>"
)


def page(body: str, head: str = "<title>Library hours extended</title>") -> bytes:
    return f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>".encode()


def extract(data: bytes, url: str | None = None) -> object:
    return extract_html(Capture("page.html", data, url), OPTIONS)


# --- parsing and failure modes ---------------------------------------------------------------------------

def test_empty_bytes_are_an_empty_capture() -> None:
    with pytest.raises(EmptyCapture):
        extract(b"   \n")


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03\xff\xfe binary", b"plain words and no markup at all"])
def test_garbage_is_unsupported_or_no_article(data: bytes) -> None:
    with pytest.raises((UnsupportedKind, NoArticle)):
        extract(data)


def test_page_without_body_text_is_no_article() -> None:
    with pytest.raises(NoArticle):
        extract(page("<div><script>var shown = 1;</script></div><nav><a href='/'>Home</a></nav>"))


def test_xml_declaration_and_stale_charset_claim_parse() -> None:
    data = ("<?xml version='1.0' encoding='iso-8859-2'?>" + page(PARAGRAPHS).decode()).encode()
    assert "library" in extract(data).text  # type: ignore[attr-defined]


def test_valid_utf8_wins_over_a_wrong_declared_charset() -> None:
    data = "<meta charset='windows-1250'><p>Größe</p>".encode()
    assert "Größe" in decode_html(data)


def test_declared_single_byte_charset_is_used_when_not_utf8() -> None:
    data = "<meta charset='windows-1252'><p>Bürgermeisterin „Lang“</p>".encode("cp1252")
    assert "Bürgermeisterin „Lang“" in decode_html(data)


def test_parse_gives_html_elements_with_drop_tree() -> None:
    tree = parse_html(page("<form><input></form><p>x</p>"))
    assert all(hasattr(element, "drop_tree") for element in tree.iter() if isinstance(element.tag, str))


# --- body blocks ---------------------------------------------------------------------------------------

def test_body_blocks_kinds_from_trafilatura_tags() -> None:
    from lxml import etree

    body = etree.fromstring(
        "<body><head>Sub</head><p>One <hi>two</hi></p><list><item>a</item><item>b</item></list>"
        "<quote>Said so.</quote><table><row><cell>x</cell><cell>y</cell></row></table></body>")
    blocks = body_blocks(body)
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Sub"), ("paragraph", "One two"), ("list-item", "a"), ("list-item", "b"),
        ("quote", "Said so."), ("table", "| x | y |")]


def test_body_is_one_line_per_block() -> None:
    article = extract(page("<article>" + PARAGRAPHS + "</article>"))
    assert all("\n" not in b.text for b in article.paragraphs)  # type: ignore[attr-defined]
    assert len(article.paragraphs) == 3  # type: ignore[attr-defined]


# --- post-filters ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Read also: Bridge closed for repairs", "Lesen Sie auch: Neue Buslinie",
                                  "Lea también: El puerto amplía su muelle", "Czytaj też: Nowy most"])
def test_related_leads_are_dropped(text: str) -> None:
    assert is_related_lead(Block(text))


def test_related_lead_rule_leaves_a_long_paragraph() -> None:
    long = "Read more about it in the report, which runs to " + "many pages of detail " * 12 + "."
    assert not is_related_lead(Block(long))


@pytest.mark.parametrize("text", ["Photo: Jane Roe / Gazette", "© 2026 Example Media", "Teilen mit:",
                                  "Sign up for our newsletter", "Follow us on Mastodon for more."])
def test_furniture_lines_are_dropped(text: str) -> None:
    assert is_furniture(Block(text))


def test_furniture_rule_keeps_a_paragraph_about_a_newsletter() -> None:
    assert not is_furniture(Block("The council's newsletter was printed on recycled paper, officials said."))


def test_dateline_rule() -> None:
    assert is_dateline(Block("Published 2 May 2026"))
    assert not is_dateline(Block("Published works by the author include three novels"))


def test_related_header_drops_the_titles_after_it_but_not_a_sentence() -> None:
    blocks = [Block("Body text of the article ends here."), Block("Related stories"),
              Block("Bridge closed for repairs"), Block("Ferry returns to the island"),
              Block("The final paragraph is a full sentence and stays.")]
    kept, removed = filter_blocks(blocks)
    assert [b.text for b in kept] == [blocks[0].text, blocks[-1].text]
    assert {r.kind for r in removed} == {"related-promo"}


def test_headline_repeated_in_body_is_removed_as_title() -> None:
    kept, removed = filter_blocks([Block("Library Hours Extended", "heading"), Block("Text.")],
                                  title="Library hours extended")
    assert [b.text for b in kept] == ["Text."] and removed[0].kind == "title"


# --- furniture from the tree ----------------------------------------------------------------------------------

def test_container_kind_by_tag_and_by_class_word() -> None:
    tree = parse_html(page("<nav>a</nav><div class='share-tools x'>b</div><div id='newsletter'>c</div>"
                           "<div class='article-body'>d</div>"))
    kinds = [container_kind(e) for e in tree.find("body")]
    assert kinds == [("navigation", True), ("share", False), ("newsletter", True), (None, False)]


def test_related_links_are_absolute_and_not_in_the_text() -> None:
    body = ("<article>" + PARAGRAPHS + "</article><div class='related'><a href='/a/bridge'>Bridge closed for "
            "repairs this week</a><a href='#top'>Back to the top of page</a></div>")
    article = extract(page(body), url="https://paper.example/news/library")
    assert [(r.title, r.url) for r in article.related] == [  # type: ignore[attr-defined]
        ("Bridge closed for repairs this week", "https://paper.example/a/bridge")]
    assert "Bridge closed" not in article.text  # type: ignore[attr-defined]


def test_widgets_are_pruned_before_extraction() -> None:
    body = "<article>" + PARAGRAPHS + "<div class='support-box'><p>Independent journalism needs your " \
           "support. Become a member today from just five pounds a month and help us.</p></div></article>"
    article = extract(page(body))
    assert "Become a member" not in article.text  # type: ignore[attr-defined]
    assert any(r.kind == "appeal" for r in article.removed)  # type: ignore[attr-defined]


def test_page_furniture_keeps_outermost_container_only() -> None:
    tree = parse_html(page("<footer><nav>Links</nav> Copyright</footer>"))
    furniture = page_furniture(tree, None)
    assert [(r.kind, r.text) for r in furniture.removed] == [("footer", "Links Copyright")]


# --- lead and JSON-LD -----------------------------------------------------------------------------------------

def test_shown_description_missing_from_body_becomes_the_lead() -> None:
    lead = "Readers asked for evening opening and the county has listened, with longer hours from June."
    head = f"<title>Library hours extended</title><meta name='description' content='{lead}'>"
    article = extract(page(f"<div class='teaser-text'><strong>{lead}</strong></div><article>{PARAGRAPHS}</article>",
                           head))
    assert article.paragraphs[0].text == lead  # type: ignore[attr-defined]


def test_description_only_in_meta_is_not_added() -> None:
    lead = "A summary written for search engines only, never shown on the page itself at all."
    head = f"<title>Library hours extended</title><meta name='description' content='{lead}'>"
    assert lead not in extract(page(f"<article>{PARAGRAPHS}</article>", head)).text  # type: ignore[attr-defined]


def test_comet_example_support_box_not_in_body() -> None:
    article = extract((EXAMPLES / "comet-survey-syndicated.html").read_bytes())
    assert "Independent journalism needs your support" not in article.text  # type: ignore[attr-defined]
    assert article.language == "en"  # type: ignore[attr-defined]


# --- golden files ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["harbour_news", "rathaus_de"])
def test_golden(name: str) -> None:
    data = (FIXTURES / f"{name}.html").read_bytes()
    got = extract_html(Capture(f"{name}.html", data), OPTIONS).to_dict()
    got.pop("capture")
    golden = FIXTURES / f"{name}.expected.json"
    if os.environ.get("NEWSFUSE_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


# --- JSON-LD body, gzip, related links without a page URL, two more golden pages ---------------------------

_LD_PARAS = [
    "The river authority opened the new fish ladder at the old mill weir on Tuesday, ten years after the first plans.",
    "Salmon and sea trout have been unable to pass the weir since it was raised, and anglers upstream long complained.",
    "The ladder is a series of shallow concrete steps that lets fish climb about two metres in small jumps.",
    "Volunteers will count the fish passing through a camera window every autumn, first figures by the end of the year.",
    "The authority said the same design could be used at three more weirs further up the valley in the coming years.",
]


def _ld_page(body: str, article_body: str) -> bytes:
    ld = json.dumps({"@type": "NewsArticle", "headline": "Fish ladder opens", "articleBody": article_body})
    return (f"<html lang='en'><head><title>Fish ladder opens</title><script type='application/ld+json'>{ld}</script>"
            f"</head><body><article><h1>Fish ladder opens</h1>{body}</article></body></html>").encode()


def test_json_ld_body_preferred_when_much_fuller() -> None:
    data = _ld_page(f"<p>{_LD_PARAS[0]}</p><div class='paywall'>Subscribe to read on.</div>", "\n".join(_LD_PARAS))
    assert [block.text for block in extract(data).paragraphs] == _LD_PARAS


def test_json_ld_body_keeps_paragraph_tags_and_breaks() -> None:
    data = _ld_page(f"<p>{_LD_PARAS[0]}</p>", "<p>" + "</p><p>".join(_LD_PARAS[:3]) + "</p>" + "<br/>".join(_LD_PARAS[3:]))
    assert [block.text for block in extract(data).paragraphs] == _LD_PARAS


def test_run_on_json_ld_body_is_cut_where_page_paragraphs_start() -> None:
    shown = "".join(f"<p>{p}</p>" for p in _LD_PARAS[:2]) + "<div class='paywall'>Subscribe to read on.</div>"
    data = _ld_page(shown, " ".join(_LD_PARAS) * 2)
    paragraphs = [block.text for block in extract(data).paragraphs]
    assert paragraphs[0] == _LD_PARAS[0]
    assert paragraphs[1].startswith(_LD_PARAS[1])


def test_json_ld_body_ignored_when_cut_short() -> None:
    ps = "".join(f"<p>{p}</p>" for p in _LD_PARAS)
    text = extract(_ld_page(ps, " ".join(_LD_PARAS) * 3 + " The authority said …")).text
    assert "The authority said …" not in text
    assert _LD_PARAS[-1] in text


def test_gzip_file_with_legacy_charset_decodes(tmp_path: Path) -> None:
    import gzip

    from newsfuse.readers.files import read_path

    para = "Über den Fluss: Die Fischtreppe am alten Mühlenwehr ist eröffnet worden, nach zehn Jahren Planung und Bau."
    html = (f"<html><head><meta charset='windows-1252'><title>Fischtreppe</title></head><body><article>"
            f"<h1>Fischtreppe eröffnet</h1><p>{para}</p><p>{para.replace('zehn', 'elf')}</p></article></body></html>")
    packed = tmp_path / "page.html.gz"
    packed.write_bytes(gzip.compress(html.encode("cp1252")))
    assert para in extract_html(read_path(str(packed)), OPTIONS).text


def test_related_links_stay_relative_when_the_page_url_is_unknown() -> None:
    ps = "".join(f"<p>{p}</p>" for p in _LD_PARAS)
    data = (f"<html><body><article><h1>Fish ladder</h1>{ps}</article><div class='related'>"
            "<a href='/a/otters'>Otters return to the estuary</a></div></body></html>").encode()
    related = extract_html(Capture("p.html", data), OPTIONS).related
    assert [(link.title, link.url) for link in related] == [("Otters return to the estuary", "/a/otters")]


@pytest.mark.parametrize("name", ["harbour-ferry", "stadtbibliothek"])
def test_golden_more(name: str) -> None:
    test_golden(name)


def test_markup_without_words_is_no_article() -> None:
    with pytest.raises(NoArticle):
        extract_html(Capture("p.html", b"<"), ExtractOptions(kind="html"))
