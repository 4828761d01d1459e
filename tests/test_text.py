"""Page text and PDF text → Article: whole invented captures (golden files) and one test per rule.

Golden files: ``NEWSFUSE_UPDATE_GOLDEN=1 pytest tests/test_text.py`` rewrites them (review the diff).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.errors import NoArticle
from newsfuse.extract.reflow import (
    PAGE_BREAK,
    column_width,
    document_vocab,
    glued_forms,
    is_valid_url,
    join_wrapped,
    reflow,
    rejoin_url,
    restore_glued_hyphens,
    split_pages,
)
from newsfuse.extract.text import _lone_prose, extract_page_text, extract_pdf_text
from newsfuse.extract.text_doc import is_photo_credit, page_doc, pdf_doc
from newsfuse.extract.text_lines import line_features, load_model, n_features
from newsfuse.extract.text_rules import byline_of, repair_quotes, split_site
from newsfuse.options import ExtractOptions
from newsfuse.records import Capture

FIXTURES = Path(__file__).parent / "fixtures" / "text"
OPTIONS = ExtractOptions()


def _page(name: str = "page_article.txt"):
    return extract_page_text(Capture(name, (FIXTURES / name).read_bytes()), OPTIONS)


def _pdf(name: str = "pdf_article.txt"):
    return extract_pdf_text(Capture(name, (FIXTURES / name).read_bytes()), OPTIONS)


def _removed(article, kind: str) -> list[str]:
    return [r.text for r in article.removed if r.kind == kind]


# --- whole captures -------------------------------------------------------------------------------

@pytest.mark.parametrize("name,extract", [("page_article", _page), ("pdf_article", _pdf)])
def test_golden(name, extract):
    got = extract(f"{name}.txt").to_dict()
    golden = FIXTURES / f"{name}.golden.json"
    if os.environ.get("NEWSFUSE_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


BODY_STARTS = ("Residents of Eastwick Bay", "The proposal, drawn up", '"We wanted something',
               "The garden, planted", "Council members said", "Critics of the plan")


@pytest.mark.parametrize("extract", [_page, _pdf])
def test_every_body_paragraph_once_and_nothing_else(extract):
    article = extract()
    texts = [p.text for p in article.paragraphs]
    assert [t[:len(s)] for t, s in zip(texts, BODY_STARTS)] == list(BODY_STARTS)
    assert len(texts) == len(BODY_STARTS)
    assert all("\n" not in t for t in texts)


@pytest.mark.parametrize("extract", [_page, _pdf])
def test_every_dropped_line_has_a_kind(extract):
    article = extract()
    assert article.removed and all(r.kind for r in article.removed)


def test_page_text_boilerplate_kinds():
    article = _page()
    assert "×" in _removed(article, "page-furniture")
    assert any("cookies" in t for t in _removed(article, "consent"))
    assert "Remind me later" in _removed(article, "appeal")
    assert "Continue" in _removed(article, "appeal")  # a choice of the appeal above it
    assert "Subscribe" in _removed(article, "newsletter")
    assert "Facebook" in _removed(article, "share")
    assert "12 comments" in _removed(article, "comments")
    assert "Home" in _removed(article, "navigation")


def test_page_text_metadata():
    article = _page()
    assert article.title == "Harbour town votes to turn old ferry pier into a floating garden"
    assert article.authors == ("Marta Lindqvist", "Tomas Brennan")
    assert article.published == "2024-03-14"
    assert article.language == "en"
    assert [link.title for link in article.related] == [
        "Fishing fleet returns early after record herring season",
        "New bus line to connect the harbour with the station"]


@pytest.mark.parametrize("extract", [_page, _pdf])
def test_caption_and_credit_become_an_image(extract):
    article = extract()
    assert [(i.caption, i.credit) for i in article.images] == [
        ("Volunteers test a pontoon bed in the harbour on Saturday.", "Jonas Ek / Harbour Photo Agency / Reuters")]
    assert "Volunteers test a pontoon bed" not in article.text


def test_pdf_text_metadata():
    article = _pdf()
    assert article.title == "Harbour town votes to turn old ferry pier into a floating garden"  # was wrapped
    assert article.site == "Eastwick Bay Courier"
    assert article.agency == "Reuters" and article.authors == ()
    assert article.url == "https://news.example.com/2024/03/14/harbour-town-votes-to-turn-old-ferry-pier-into-a-floating-garden"
    assert article.published == "2024-03-14"


def test_pdf_text_furniture_promos_and_urls_are_out_of_the_body():
    article = _pdf()
    assert "9:05 AM" not in article.text and "1/2" not in article.text
    assert "Related article" not in article.text and "https://" not in article.text
    assert "Original URL" not in article.text
    assert any(r.startswith("Related article:") and r.endswith("draws shoals") for r in _removed(article, "related-promo"))
    urls = [link.url for link in article.related if link.url]
    assert urls == ["https://news.example.com/2024/03/10/fishing-fleet-returns-early"]  # repeated once
    assert any(link.title and link.title.endswith("draws shoals") for link in article.related)


def test_pdf_text_dehyphenation_and_quotes():
    text = _pdf().text
    assert "maritime authority and the town council" in text  # au- / thority: "authority" is a word here
    assert "a well-earned victory" in text  # a real compound keeps its hyphen
    assert '"We wanted something that belongs to everyone and that the sea cannot take away from us," said' in text


def test_no_body_is_no_article():
    with pytest.raises(NoArticle):
        extract_page_text(Capture("x", b"Home\nNews\nContact\n"), OPTIONS)


# --- rules, one test each ---------------------------------------------------------------------------

def test_without_a_kept_line_of_prose_the_long_paragraphs_rated_near_body_are_the_body():
    prose = " ".join(["The ferry pier was closed for the winter while the council repaired its deck."] * 6)
    units = ("Home", "News", prose, prose + " Again.", "Contact", "A short line of nine words rated as body.")
    probs = [0.9, 0.8, 0.35, 0.1, 0.9, 0.9]
    assert _lone_prose(probs, units, (False,) * 6) == [False, False, True, False, False, False]
    assert _lone_prose(probs, units, (False, False, True, False, False, False)) == [False] * 6  # a fixed unit


def test_split_pages_takes_off_running_header_and_footer():
    page = "1/1/25, 1:00 PM\n\nA title | Site\n\nBody line one.\nhttps://example.com/a-\nb\n\n{n}/2\n"
    pages = split_pages(page.format(n=1) + "\f" + page.format(n=2))
    assert pages.header_title == "A title | Site"
    assert pages.url == "https://example.com/a-b"
    assert [x for x in pages.lines if x] == ["Body line one.", PAGE_BREAK, "Body line one."]


def test_split_pages_reads_pdftotext_layout_furniture_set_in_columns():
    page = ("1/1/25, 1:00 PM                    A title | Site\n\nBody line one.\n\n"
            "https://example.com/a-title                              {n}/2\n")
    pages = split_pages(page.format(n=1) + "\f" + page.format(n=2))
    assert pages.header_title == "A title | Site"
    assert pages.url == "https://example.com/a-title"
    assert [x for x in pages.lines if x] == ["Body line one.", PAGE_BREAK, "Body line one."]


def test_a_body_line_with_wide_spaces_is_no_furniture():
    page = "Body line one.\nA table row      12      34\n"
    assert [x for x in split_pages(page).lines if x] == ["Body line one.", "A table row      12      34"]


@pytest.mark.parametrize("title, restored", [
    ("Port news | Site", True),  # "BayPort" with the hyphen elsewhere in the text: a word broken and glued
    ("BayPort opens | Site", False),  # the page's own title writes it glued: a word
    ("Bayport opens | Site", True),  # ... but not with the capital where the hyphen was
])
def test_a_glued_word_the_running_title_spells_is_left_glued(title, restored):
    page = ("1/1/25, 1:00 PM\n\n" + title + "\n\nThe Bay-Port ferry terminal opened its doors to the first "
            "passengers of the season.\nVisitors of the new BayPort terminal praised its light halls and wide "
            "windows.\nhttps://example.com/a\n\n1/1\n")
    text = pdf_doc(page).units
    assert any("Bay-Port terminal" in unit for unit in text) is restored
    assert any("BayPort terminal" in unit for unit in text) is not restored


def test_reflow_joins_wrapped_lines_and_ends_paragraphs():
    lines = ["This is the first line of a paragraph that goes on", "and ends here on a short line.",
             "", "A heading", "The next paragraph starts here and it also runs to the",
             "full width of the column before it ends."]
    width = column_width(lines)
    assert reflow(lines, set(), width) == [
        "This is the first line of a paragraph that goes on and ends here on a short line.",
        "A heading", "The next paragraph starts here and it also runs to the full width of the column before it ends."]


def test_a_date_line_printed_under_a_sentence_is_its_own_paragraph():
    lines = ["The council will decide next week whether the old ferry pier becomes a garden",
             "for the whole town and its visitors, as the mayor proposed at the meeting in May.",
             "Wednesday, 13 March 2024 - Town",
             "The vote was close and the debate went on late into the night, as it often does here."]
    assert reflow(lines, set(), 90)[1] == "Wednesday, 13 March 2024 - Town"
    lines[1] = "for the whole town and its visitors, as the mayor proposed at the meeting on"  # goes on
    assert reflow(lines, set(), 90)[0].endswith("meeting on Wednesday, 13 March 2024 - Town")


def test_paragraph_continues_across_a_page_break_mid_sentence():
    lines = ["The storm reached the coast late on Sunday and the harbour", PAGE_BREAK,
             "master closed the port until the wind dropped."]
    assert reflow(lines, set(), 60) == [
        "The storm reached the coast late on Sunday and the harbour master closed the port until the wind dropped."]


def test_blank_lines_after_a_page_break_do_not_end_a_carried_paragraph():
    lines = ["The storm reached the coast late on Sunday and the harbour", PAGE_BREAK, "", "",
             "master closed the port until the wind dropped.", "", "A new paragraph."]
    assert reflow(lines, set(), 60) == [
        "The storm reached the coast late on Sunday and the harbour master closed the port until the wind dropped.",
        "A new paragraph."]


@pytest.mark.parametrize("left,right,vocab,joined", [
    ("the inter-", "national office", {"international"}, "the international office"),
    ("a well-", "known face", {"wellknown", "well-known"}, "a well-known face"),
    ("the Cyber-", "Attacken", set(), "the Cyber-Attacken"),
    ("Kinder-", "und Jugendarbeit", set(), "Kinder- und Jugendarbeit"),
    ("soft\xad", "ware", set(), "software"),
    ("plain", "words", set(), "plain words"),
])
def test_join_wrapped(left, right, vocab, joined):
    assert join_wrapped(left, right, vocab) == joined


def test_glued_hyphen_restored_when_the_document_spells_it():
    text = "Die IT-Sicherheit ist wichtig. Investitionen in die ITSicherheit lohnen sich."
    forms = glued_forms(document_vocab(text))
    assert restore_glued_hyphens(text, forms).count("IT-Sicherheit") == 2


def test_glued_forms_only_for_spellings_the_document_glues():
    assert glued_forms(document_vocab("Die IT-Sicherheit ist wichtig.")) == {}
    assert glued_forms(document_vocab("IT-Sicherheit und ITSicherheit-Gesetz")) == {"itsicherheit": "it-sicherheit"}


def test_glued_word_without_inner_capital_is_left_alone():
    text = "Cyber-Attacken nehmen zu. Viele Firmen gehen mit Cyberattacken zu sorglos um."
    assert restore_glued_hyphens(text, glued_forms(document_vocab(text))) == text


@pytest.mark.parametrize("before,after", [
    ('"We will build it,\' she said.', '"We will build it," she said.'),
    ('He said "it\'s fine,\' and left.', 'He said "it\'s fine," and left.'),  # the apostrophe is not the close
    ('"One," he said. "Two,\' she said.', '"One," he said. "Two," she said.'),
    ('"Unclosed and no single quote', '"Unclosed and no single quote'),
    ('"Balanced" quotes stay.', '"Balanced" quotes stay.'),
])
def test_repair_quotes(before, after):
    assert repair_quotes(before) == after


@pytest.mark.parametrize("line,authors,agency", [
    ("By Jane Roe and John Doe", ("Jane Roe", "John Doe"), None),
    ("By Reuters", (), "Reuters"),
    ("Von Anna Schmidt, dpa", ("Anna Schmidt",), "dpa"),
])
def test_byline(line, authors, agency):
    assert byline_of(line) == (authors, agency)


def test_not_a_byline():
    assert byline_of("By the river the town grew fast.") is None


@pytest.mark.parametrize("line,credit", [
    ("Jane Roe / Reuters", True), ("Foto: Max Muster", True), ("© AFP", True),
    ("Home / News / Politics", False), ("© 2024 Example News. All rights reserved.", False),
    ("The council met on Monday.", False),
])
def test_photo_credit(line, credit):
    assert is_photo_credit(line) is credit


def test_a_date_line_above_a_photo_credit_is_not_its_caption():
    doc = page_doc("Pier garden opens\n12.03.2024 08:30 | Print view\n© Harbour Photo Agency\n"
                   "The garden opened on Tuesday after two years of work on the old ferry pier.\n")
    assert "12.03.2024 08:30 | Print view" in doc.units
    assert [(i.caption, i.credit) for i in doc.images] == [(None, "© Harbour Photo Agency")]
    assert "© Harbour Photo Agency" not in doc.units


BODY_LINE = "The garden opened on Tuesday after two years of work on the old ferry pier, the council said."


@pytest.mark.parametrize("line,caption,credit", [
    ("Volunteers plant reeds on the pier. Photo: Jonas Ek / Harbour Photo Agency",
     "Volunteers plant reeds on the pier.", "Photo: Jonas Ek / Harbour Photo Agency"),
    ("Volunteers plant reeds on the pier. (Foto: Jonas Ek)", "Volunteers plant reeds on the pier.", "Foto: Jonas Ek"),
])
def test_a_caption_line_that_ends_with_its_credit_is_an_image(line, caption, credit):
    doc = page_doc(f"Pier garden opens\n{line}\n{BODY_LINE}\n")
    assert [(i.caption, i.credit) for i in doc.images] == [(caption, credit)]
    assert line not in doc.units and caption not in doc.units and BODY_LINE in doc.units


def test_a_print_caption_wrapped_over_lines_ends_with_its_credit():
    text = (f"Pier garden opens\n\nVolunteers plant reeds on the pier on a cold\nmorning in March. Photo: Jonas Ek / "
            f"Harbour Photo Agency\n\n{BODY_LINE}\n")
    doc = pdf_doc(text)
    assert [(i.caption, i.credit) for i in doc.images] == [
        ("Volunteers plant reeds on the pier on a cold morning in March.", "Photo: Jonas Ek / Harbour Photo Agency")]
    assert not any("Volunteers" in unit for unit in doc.units)


def test_a_sentence_that_only_mentions_a_photo_stays_in_the_body():
    line = "The council asked residents to send a photo: the best ones will hang in the town hall."
    doc = page_doc(f"Pier garden opens\n{line}\n{BODY_LINE}\n")
    assert doc.images == () and line in doc.units


def test_split_site():
    assert split_site("Harbour votes | Courier") == ("Harbour votes", "Courier")
    assert split_site("No site here") == ("No site here", None)


def test_modal_close_mark_is_never_body():
    doc = page_doc("×\nSome dialog text that asks you to do something now.\n")
    assert doc.fixed[0] and doc.kinds[0] == "page-furniture"


def test_original_url_label_rejoined():
    doc = pdf_doc("Body text of the article goes here and on.\nOriginal URL: https://ex.org/news/a-long-\nslug.html\n")
    assert doc.url == "https://ex.org/news/a-long-slug.html"


def test_features_and_model_shapes():
    x = line_features(["One line.", "Another line with more words in it, ending well."])
    assert x.shape == (2, n_features())
    for kind in ("page-text", "pdf-text"):
        probs = load_model(kind).predict(x)
        assert probs.shape == (2,) and ((probs >= 0) & (probs <= 1)).all()


# --- properties ---------------------------------------------------------------------------------------

_WORDS = st.text(alphabet="abcdefghij", min_size=1, max_size=8)
_LINE = st.lists(_WORDS, min_size=1, max_size=12).map(" ".join)


def _letters(text: str) -> str:
    return re.sub(r"[\s\-\xad]", "", text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_LINE, st.just(""), st.just(PAGE_BREAK), _LINE.map(lambda s: s + "-")), max_size=30),
       st.integers(min_value=20, max_value=100))
def test_reflow_never_loses_a_word(lines, width):
    """Every letter survives in order (only spaces, breaks and break hyphens may go)."""
    out = reflow(lines, document_vocab(" ".join(lines)), width)
    assert _letters("".join(out)) == _letters("".join(x for x in lines if x != PAGE_BREAK))
    assert all(p and "\n" not in p for p in out)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=20), st.integers(min_value=20, max_value=100))
def test_reflow_is_idempotent_on_its_output(lines, width):
    once = reflow(lines, set(), width)
    assert reflow(once, set(), max(width, column_width(once))) == once or \
        " ".join(reflow(once, set(), width)) == " ".join(once)


_SEGMENT = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["http", "https"]), st.lists(_SEGMENT, min_size=1, max_size=3),
       st.lists(_SEGMENT, min_size=0, max_size=5), st.lists(st.integers(1, 200), max_size=3))
def test_rejoined_url_is_one_valid_url(scheme, host, path, cuts):
    url = f"{scheme}://{'.'.join(host)}.com/" + "/".join(path)
    points = sorted({c % len(url) for c in cuts} - {0})
    parts = [url[a:b] for a, b in zip([0] + points, points + [len(url)])]
    assert rejoin_url(parts) == url and is_valid_url(url)


def test_url_split_over_lines_in_pdf_text_is_rejoined():
    url = "https://news.example.org/2024/05/01/a-very-long-article-slug-that-does-not-fit"
    doc = pdf_doc(f"Body text that is long enough to be a paragraph of the article.\n{url[:40]}\n{url[40:]}\n")
    assert [link.url for link in doc.related] == [url]


def test_pdf_text_without_print_furniture_keeps_its_body():
    """Another extractor's PDF text (no print date, no page URL) goes through the same entry point."""
    furniture = re.compile(r"^(?:\d+/\d+/\d+, .*|.*\| Eastwick Bay Courier|https://news\S+-|garden|\d/2)$")
    pages = [[x for x in page.splitlines() if x and not furniture.match(x)]
             for page in (FIXTURES / "pdf_article.txt").read_text(encoding="utf-8").split("\f")]
    text = "\f".join("\n".join(page) + "\n" for page in pages)
    article = extract_pdf_text(Capture("plain.txt", text.encode()), OPTIONS)
    assert "Original URL" in text and article.url is not None  # the label still gives the URL
    assert "Residents of Eastwick Bay voted on Tuesday" in article.text
    assert "regional maritime authority and the town council" in article.text
    assert "Critics of the plan argued" in article.text
