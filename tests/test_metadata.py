"""Page metadata rules, one test per rule, on small invented pages (no dev-set text)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from newsfuse.extract.language import detect_language
from newsfuse.extract.meta_images import split_credit
from newsfuse.extract.metadata import PageMetadata, extract_metadata


def page(head: str = "", body: str = "", lang: str = "en") -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(f"<html lang='{lang}'><head>{head}</head><body>{body}</body></html>")


def ld(obj: object) -> str:
    return f"<script type='application/ld+json'>{json.dumps(obj)}</script>"


def meta(url: str | None = "https://gazette.example/news/bridge", **parts: str) -> PageMetadata:
    return extract_metadata(page(parts.get("head", ""), parts.get("body", ""), parts.get("lang", "en")), url)


ARTICLE_TEXT = "<p>" + "The council met on Tuesday evening to discuss the plans for the river crossing. " * 3 + "</p>"


# --- title -----------------------------------------------------------------------------------------

def test_title_drops_site_suffix() -> None:
    m = meta(head="<title>Council approves the new bridge | Riverside Gazette</title>"
                  "<meta property='og:site_name' content='Riverside Gazette'>")
    assert m.title == "Council approves the new bridge"
    assert m.site == "Riverside Gazette"


def test_title_keeps_suffix_lookalike_of_the_headline() -> None:
    m = meta(head="<title>Bridge vote - what happens next - Riverside Gazette</title>"
                  "<meta property='og:site_name' content='Riverside Gazette'>")
    assert m.title == "Bridge vote - what happens next"


def test_title_site_prefix_is_dropped() -> None:
    m = meta(head="<title>Riverside Gazette: Council approves the new bridge</title>"
                  "<meta property='og:site_name' content='Riverside Gazette'>")
    assert m.title == "Council approves the new bridge"


def test_visible_headline_beats_social_title() -> None:
    m = meta(head="<meta property='og:title' content='You will not believe what the council did'>"
                  "<title>Council approves the new bridge after long debate | Riverside Gazette</title>",
             body="<article><h1>Council approves the new bridge after a long debate</h1>" + ARTICLE_TEXT + "</article>")
    assert m.title == "Council approves the new bridge after a long debate"


def test_headline_without_its_kicker() -> None:
    m = meta(head="<meta property='og:title' content='Council approves the new bridge'>",
             body="<h1><span class='kicker'>Riverside</span> Council approves the new bridge</h1>")
    assert m.title == "Council approves the new bridge"


def test_content_h2_when_the_h1_is_a_section_label() -> None:
    m = meta(head="<title>News - Council approves the new bridge after long debate - Gazette</title>",
             body="<h1>Gazette News - Archive</h1><h2>Council approves the new bridge after long debate</h2>"
                  "<h2 class='comments-title'>3 thoughts on the bridge</h2>")
    assert m.title == "Council approves the new bridge after long debate"


def test_logo_h1_is_not_the_headline() -> None:
    m = meta(head="<title>Council approves the new bridge | Riverside Gazette</title>"
                  "<meta property='og:site_name' content='Riverside Gazette'>",
             body="<h1><a href='/' rel='home'>Riverside Gazette</a></h1>")
    assert m.title == "Council approves the new bridge"


def test_ruby_readings_are_not_part_of_the_headline() -> None:
    m = meta(head="<title>Gazette|新しい橋ができる</title>",
             body="<h1><ruby>新<rt>あたら</rt></ruby>しい<ruby>橋<rp>(</rp><rt>はし</rt>"
                  "<rp>)</rp></ruby>ができる</h1>")
    assert m.title == "新しい橋ができる"


def test_kicker_joined_by_a_hidden_separator_stays_in_the_headline() -> None:
    m = meta(head="<meta property='og:title' content='Riverside - Council approves the new bridge'>",
             body="<h1><span class='kicker'>Riverside</span><span class='visually-hidden'> - </span>"
                  "<span class='main'>Council approves the new bridge</span></h1>")
    assert m.title == "Riverside - Council approves the new bridge"


def test_subtitle_span_in_the_h1_is_a_kicker() -> None:
    m = meta(head="<meta property='og:title' content='Riverside - Council approves the new bridge - Gazette'>",
             body="<h1><span class='subtitle'>Riverside</span> Council approves the new bridge</h1>")
    assert m.title == "Council approves the new bridge"


def test_heading_linking_to_the_home_page_names_the_site() -> None:
    m = meta(url="https://riverside-gazette.example/events/market",
             head="<title>Autumn market › Friends of the Riverside Gazette e.V</title>",
             body="<h1><a href='https://riverside-gazette.example'>Friends of the Riverside Gazette e.V</a></h1>"
                  "<h2 class='entry-title'>Autumn market</h2>")
    assert m.title == "Autumn market"


def test_h1_in_a_content_section_header_is_not_site_chrome() -> None:
    m = meta(head="<title>Services - Acme</title>",
             body="<div id='page-content'><section><header><h1><span>Managing hazardous goods for importers"
                  "</span></h1></header>" + ARTICLE_TEXT + "</section></div>")
    assert m.title == "Managing hazardous goods for importers"


# --- authors and agency ----------------------------------------------------------------------------

def test_json_ld_author_array_of_objects_shown_on_page() -> None:
    article = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Bridge",
               "author": [{"@type": "Person", "name": "Mara Quill"}, {"@type": "Person", "name": "Tobias Wren"}]}
    m = meta(head=ld(article), body="<p>Mara Quill and Tobias Wren</p>" + ARTICLE_TEXT)
    assert m.authors == ("Mara Quill", "Tobias Wren")


def test_json_ld_author_by_id_in_graph() -> None:
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "Article", "headline": "Bridge", "author": {"@id": "#p1"}},
        {"@type": "Person", "@id": "#p1", "name": "Ines Falk"}]}
    m = meta(head=ld(graph), body="<p>By Ines Falk, March 3</p>" + ARTICLE_TEXT)
    assert m.authors == ("Ines Falk",)


def test_author_only_in_metadata_is_not_an_author() -> None:
    m = meta(head="<meta name='author' content='Webmaster Person'>" + ld(
        {"@type": "NewsArticle", "author": {"@type": "Person", "name": "Hidden Writer"}}), body=ARTICLE_TEXT)
    assert m.authors == ()


def test_byline_with_two_names() -> None:
    m = meta(body="<div class='byline'>By Mara Quill and Tobias Wren</div>" + ARTICLE_TEXT)
    assert m.authors == ("Mara Quill", "Tobias Wren")


def test_byline_drops_job_title_and_keeps_agency_apart() -> None:
    m = meta(body="<p class='byline'>By Mara Quill, Reuters</p>" + ARTICLE_TEXT)
    assert m.authors == ("Mara Quill",)
    assert m.agency == "Reuters"


def test_agency_only_byline_gives_no_author() -> None:
    m = meta(body="<div class='byline'>By AFP</div>" + ARTICLE_TEXT)
    assert m.authors == ()
    assert m.agency == "AFP"


def test_all_caps_byline_in_normal_case() -> None:
    m = meta(body="<span class='author'>By MARA QUILL</span>" + ARTICLE_TEXT)
    assert m.authors == ("Mara Quill",)


def test_staff_and_desk_bylines_name_no_person() -> None:
    for byline in ("By Staff Reporter", "Von Redaktion", "By the News Desk", "admin"):
        m = meta(body=f"<div class='byline'>{byline}</div>" + ARTICLE_TEXT)
        assert m.authors == (), byline


def test_site_name_as_author_is_no_person() -> None:
    m = meta(head="<meta property='og:site_name' content='Riverside Gazette'>",
             body="<div class='byline'>By Riverside Gazette</div>" + ARTICLE_TEXT)
    assert m.authors == ()


def test_first_name_only_byline_is_kept() -> None:
    m = meta(body="<article><p>Posted on May 3 by <a rel='author' href='/u/sandra'>Sandra</a></p>"
                  + ARTICLE_TEXT + "</article>")
    assert m.authors == ("Sandra",)


def test_unmarked_by_before_a_linked_pen_name() -> None:
    m = meta(body="<div><span> by </span><h3><a href='/profile/7'>quill42</a></h3>"
                  "<h1>Chapter one: the bridge</h1></div>" + ARTICLE_TEXT)
    assert m.authors == ("quill42",)


def test_german_noun_after_von_in_running_text_is_no_author() -> None:
    m = meta(body="<div><h1>Chapter one: the bridge</h1><p>von Säure zerfressen</p></div>" + ARTICLE_TEXT)
    assert m.authors == ()


def test_site_title_declared_as_author_is_no_person() -> None:
    m = meta(head="<title>Bridge news - Riverside Wine Shop und Tapas Bar</title>"
                  "<meta name='author' content='Riverside Wine Shop und Tapas Bar'>",
             body="<p>Riverside Wine Shop</p><p>Tapas Bar</p>" + ARTICLE_TEXT)
    assert m.authors == ()


def test_initials_in_an_author_link_are_kept_but_a_bare_acronym_is_not() -> None:
    assert meta(body="<span class='by-author'>by <a rel='author' href='/u/dt'>DT</a></span>" + ARTICLE_TEXT
                ).authors == ("DT",)
    assert meta(body="<div class='author'>BBC</div>" + ARTICLE_TEXT).authors == ()


def test_sign_off_credit_at_the_end() -> None:
    m = meta(body=ARTICLE_TEXT + "<p>erb/ots<br>Foto: Max Muster / Bildarchiv</p>")
    assert m.agency == "ots"


def test_hidden_author_link_is_no_byline_but_noscript_text_is() -> None:
    assert meta(body="<a rel='author' style='display: none' href='/u'>Mara Quill</a>" + ARTICLE_TEXT).authors == ()
    assert meta(body="<noscript><span class='byline-author'>Posted by Mara Quill and Tobias Wren</span></noscript>"
                + ARTICLE_TEXT).authors == ("Mara Quill", "Tobias Wren")


def test_blog_host_named_after_its_author_keeps_the_pen_name() -> None:
    m = meta(url="https://quillpen.blogspot.com/2020/01/bridge.html",
             body="<span class='by-author'>von <a class='url fn n' rel='author' href='/'>Quillpen</a></span>" + ARTICLE_TEXT)
    assert m.authors == ("Quillpen",)


def test_written_by_credit_paragraph() -> None:
    m = meta(body=ARTICLE_TEXT + "<p><em>Written by: <a href='/x'>Mara Quill</a></em></p>")
    assert m.authors == ("Mara Quill",)


def test_comment_authors_are_not_bylines() -> None:
    m = meta(body=ARTICLE_TEXT + "<div class='comments'><span class='comment-author'>Reader Person</span></div>")
    assert m.authors == ()


def test_declared_author_mentioned_only_inside_a_paragraph_is_not_shown() -> None:
    m = meta(head="<meta name='author' content='Ines Falk'>",
             body="<p>The council thanked Ines Falk, who chaired the committee for many years before the vote.</p>")
    assert m.authors == ()


def test_credit_line_names_the_agency_but_a_photo_credit_does_not() -> None:
    body = ARTICLE_TEXT + "<figure><img src='/a.jpg'><figcaption><p>Crowds at the river</p><p>AP</p></figcaption></figure>"
    assert meta(body=body).agency is None
    assert meta(body=body + "<p>Quelle: dpa</p>").agency == "dpa"


def test_the_precise_agency_of_a_credit_line_wins() -> None:
    m = meta(body="<div class='byline'>Von Ines Falk, dpa</div>" + ARTICLE_TEXT + "<p>Quelle: dpa-AFX</p>")
    assert m.authors == ("Ines Falk",)
    assert m.agency == "dpa-AFX"


def test_via_dateline_names_the_agency() -> None:
    m = meta(body="<article><p>OUTLET via JTA — The council met on Tuesday evening to discuss the crossing plans "
                  "for the river, officials said.</p></article>")
    assert m.agency == "JTA"


def test_dateline_credit_is_the_agency() -> None:
    m = meta(body="<article><p>RIVERSIDE (AP) — The council met on Tuesday evening to discuss the crossing plans "
                  "for the river, officials said.</p></article>")
    assert m.agency == "AP"


def test_eingestellt_von_prefix_and_stand_after_the_name() -> None:
    m = meta(url=None, body="<article><h1>Council approves the bridge</h1>"
                            "<span class='author'>Eingestellt von Ines Falk</span>" + ARTICLE_TEXT + "</article>")
    assert m.authors == ("Ines Falk",)
    m = meta(url=None, body="<article><h1>Council approves the bridge</h1>"
                            "<div class='byline'>Ines Falk Stand: 12.03.2019</div>" + ARTICLE_TEXT + "</article>")
    assert m.authors == ("Ines Falk",)


def test_interview_credit_names_the_interviewer() -> None:
    m = meta(url=None, body="<article><h1>Council approves the bridge</h1>"
                            "<p class='byline'>Ines Falk im Gespräch mit Tom Berger</p>" + ARTICLE_TEXT + "</article>")
    assert m.authors == ("Tom Berger",)


def test_date_line_going_on_with_von_is_a_byline() -> None:
    m = meta(url=None, body="<h1>Council approves the bridge</h1><h2>Local <span>06.11.2023 13:30 von Ines</span></h2>"
                            + ARTICLE_TEXT)
    assert m.authors == ("Ines",)


def test_declared_pen_name_shown_on_the_page_is_kept() -> None:
    m = meta(url=None, head=ld({"@type": "DiscussionForumPosting", "headline": "Bridge question",
                                "author": {"@type": "Person", "name": "Brueckenfan"}}),
             body="<h1>Bridge question</h1><div>Themenstarter <span>Brueckenfan</span></div>" + ARTICLE_TEXT)
    assert m.authors == ("Brueckenfan",)


def test_author_box_names_the_author_when_there_is_no_byline() -> None:
    body = ("<main><article><h1>Council approves the bridge</h1>" + ARTICLE_TEXT
            + "<div class='sidebar'><div class='author-bio'><h3>Ines Falk</h3><p>Ines writes about towns.</p></div>"
              "</div></article></main>")
    assert meta(url=None, body=body).authors == ("Ines Falk",)
    comments = body.replace("class='sidebar'", "class='comment-list'")
    assert meta(url=None, body=comments).authors == ()


# --- dates -----------------------------------------------------------------------------------------

def test_published_from_json_ld_not_the_modified_date() -> None:
    article = {"@type": "NewsArticle", "datePublished": "2021-04-05T09:30:00+02:00",
               "dateModified": "2021-04-07T10:00:00+02:00"}
    m = meta(head=ld(article) + "<meta property='og:updated_time' content='2021-04-07'>", body=ARTICLE_TEXT)
    assert m.published == "2021-04-05T09:30:00+02:00"
    assert m.modified == "2021-04-07T10:00:00+02:00"


def test_shown_local_date_beats_utc_day() -> None:
    m = meta(head="<meta property='article:published_time' content='2021-04-05T23:30:00Z'>",
             body="<time>6 April 2021</time>" + ARTICLE_TEXT)
    assert m.published == "2021-04-06"


def test_visible_date_next_to_the_byline_when_nothing_is_declared() -> None:
    m = meta(url=None, body="<article><h1>Council approves the bridge</h1>"
                            "<p class='meta'>12.03.2019 <span class='author'>Ines Falk</span></p>"
                            + ARTICLE_TEXT + "</article>")
    assert m.published == "2019-03-12"


def test_labelled_publication_date_beats_a_later_generic_meta_date() -> None:
    m = meta(url=None, head="<meta name='date' content='2021-10-15'>",
             body="<h1>Council approves the bridge</h1>" + ARTICLE_TEXT
                  + "<div><span>Published:</span><h2>13.10.2021</h2><span>Last changed: 15.10.2021</span></div>")
    assert m.published == "2021-10-13"


def test_hatom_published_abbr_title_is_the_declared_date() -> None:
    m = meta(url=None, body="<h2 class='date-header'>Saturday, 9 September 2017</h2><h1>Council approves the bridge</h1>"
                            + ARTICLE_TEXT + "<p>Posted at <abbr class='published' title='2017-09-09T10:52:00+02:00'>"
                            "10:52</abbr></p><p>Older post: 14.08.2017</p>")
    assert m.published == "2017-09-09T10:52:00+02:00"


# --- url, language hint ----------------------------------------------------------------------------

def test_canonical_beats_og_url() -> None:
    m = meta(head="<link rel='canonical' href='https://gazette.example/news/bridge'>"
                  "<meta property='og:url' content='https://gazette.example/news/bridge?utm_source=x'>",
             url="https://gazette.example/amp/news/bridge")
    assert m.url == "https://gazette.example/news/bridge"


def test_tracking_parameters_are_dropped_from_the_url() -> None:
    m = meta(url="https://gazette.example/news/bridge?id=4&utm_source=feed&fbclid=x")
    assert m.url == "https://gazette.example/news/bridge?id=4"


def test_canonical_to_home_page_is_ignored() -> None:
    m = meta(head="<link rel='canonical' href='https://gazette.example/'>"
                  "<meta property='og:url' content='https://gazette.example/news/bridge'>", url=None)
    assert m.url == "https://gazette.example/news/bridge"


def test_a_url_is_a_web_address_or_none() -> None:
    assert meta(head="<link rel='canonical' href='javascript:alert(1)'>", url=None).url is None
    assert meta(head="<link rel='canonical' href='/news/bridge'>", url=None).url is None
    assert meta(head="<link rel='canonical' href='/news/bridge'>",
                url="https://gazette.example/amp/bridge").url == "https://gazette.example/news/bridge"
    assert meta(head="<link rel='canonical' href='//www.gazette.example/news/bridge'>", url=None).url == \
        "https://www.gazette.example/news/bridge"  # protocol-relative, read as https
    encoded = "https%3A%2F%2Fgazette.example%2Fnews%2Fbr%25C3%25BCcke%2F"
    assert meta(head=f"<link rel='canonical' href='{encoded}'>", url=None).url == \
        "https://gazette.example/news/br%C3%BCcke/"


def test_language_hint_from_html_lang_or_og_locale() -> None:
    assert meta(lang="de-AT").language_hint == "de"
    assert extract_metadata(lxml_html.document_fromstring(
        "<html><head><meta property='og:locale' content='fr_FR'></head><body></body></html>")).language_hint == "fr"


# --- images ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "caption", "credit"), [
    ("Crowds gather at the river. Photo: Jane Doe/AFP", "Crowds gather at the river.", "Jane Doe/AFP"),
    ("Crowds gather at the river (Reuters)", "Crowds gather at the river", "Reuters"),
    ("Die Brücke im Bau. © dpa", "Die Brücke im Bau.", "dpa"),
    ("Die Brücke im Bau. Foto: Max Muster", "Die Brücke im Bau.", "Max Muster"),
    ("Die Brücke im Bau / Stadtarchiv", "Die Brücke im Bau", "Stadtarchiv"),
    ("Crowds gather at the river.", "Crowds gather at the river.", None),
])
def test_caption_and_credit_are_split(text: str, caption: str, credit: str | None) -> None:
    assert split_credit(text) == (caption, credit)


def test_figure_with_separate_credit_element() -> None:
    m = meta(body="<figure><img src='/b.jpg'><figcaption>The new bridge at dusk."
                  "<span class='credit'>Photo: Lena Ross</span></figcaption></figure>")
    assert [(i.caption, i.credit, i.src) for i in m.images] == [("The new bridge at dusk.", "Lena Ross", "/b.jpg")]


# --- language ----------------------------------------------------------------------------------------

def test_language_from_text_beats_a_wrong_html_lang() -> None:
    text = ("Der Gemeinderat hat am Dienstagabend den Bau der neuen Brücke über den Fluss beschlossen. "
            "Die Arbeiten sollen im kommenden Frühjahr beginnen und zwei Jahre dauern.")
    assert detect_language(text, hint="en") == "de"


def test_language_hint_decides_for_short_text() -> None:
    assert detect_language("Brücke", hint="de-DE") == "de"
    assert detect_language("", hint=None) is None


# --- read-only ---------------------------------------------------------------------------------------

def test_tree_is_left_as_it_was() -> None:
    tree = page("<title>Bridge | Riverside Gazette</title>" + ld({"@type": "NewsArticle", "headline": "Bridge"}),
                "<h1><span class='kicker'>Town</span> Bridge</h1><div class='byline'>By Mara Quill</div>"
                "<figure><img src='/b.jpg'><figcaption>Dusk. Photo: Lena Ross</figcaption></figure>" + ARTICLE_TEXT)
    before = lxml_html.tostring(tree)
    extract_metadata(tree, "https://gazette.example/news/bridge")
    assert lxml_html.tostring(tree) == before


# --- hostile input -----------------------------------------------------------------------------------

_TAGS = st.sampled_from(["h1", "div", "span", "p", "time", "figure", "figcaption", "a", "script", "meta", "title",
                         "!-- note --", "br", "small", "header", "article"])
_ATTRS = st.sampled_from(["class='byline'", "rel='author'", "itemprop='author'", "itemprop='headline'",
                          "datetime='2020-13-45'", "type='application/ld+json'", "property='og:title' content='x'",
                          "class='author vcard'", "itemprop='image' itemscope", "content='{'", ""])
_TEXT = st.one_of(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40),
                  st.sampled_from(["by", "By Jane Doe", "von", "Posted by Quill", "Foto: dpa", "(AP) —", "12.03.2019"]))


@st.composite
def markup(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 12))):
        tag, attr, text = draw(_TAGS), draw(_ATTRS), draw(_TEXT)
        parts.append(f"<{tag} {attr}>{text}" + (f"</{tag}>" if draw(st.booleans()) else ""))
    return "".join(parts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markup(), st.one_of(st.none(), _TEXT, st.sampled_from(
    ["https://gazette.example/2020/01/02/x", "//[", "http://[::1", "https://web.archive.org/web/1/http://[x"])))
def test_random_markup_never_raises(body: str, url: str | None) -> None:
    tree = lxml_html.document_fromstring(f"<html><head>{body}</head><body>{body}</body></html>")
    result = extract_metadata(tree, url)
    assert isinstance(result, PageMetadata)
    assert all(isinstance(name, str) and name for name in result.authors)
