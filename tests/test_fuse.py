"""Fusion: one record per cluster, the best value per field, provenance, conflicts, no lost paragraph."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.fuse import Member, fuse
from newsfuse.records import Article, Block, CaptureInfo, Link, Removed

BODY = [
    "The harbour authority said on Monday that the northern pier would close for repairs until June.",
    "Fishing boats will moor at the southern quay, where twelve extra berths have been marked out.",
    "Repairs were planned for last year but were delayed when the contractor went out of business.",
    "The authority expects the pier to reopen in time for the summer ferry service.",
]


def capture(kind: str, n: int) -> CaptureInfo:
    return CaptureInfo(f"c{n}.{kind}", kind, f"{n:064x}", 100)


def member(n: int, kind: str, paragraphs: list[str], **fields: object) -> Member:
    article = Article(paragraphs=tuple(Block(p) for p in paragraphs), capture=capture(kind, n), **fields)
    return Member(n, article)


def test_metadata_votes_with_provenance_and_conflicts() -> None:
    fused = fuse("a1", [
        member(1, "html", BODY, title="Northern pier to close", site="Bay Post", url="https://bay.example/pier"),
        member(2, "page-text", BODY, title="Northern pier to close"),
        member(3, "pdf-text", BODY, title="Northern pier to close for repairs", agency="AFP"),
    ])
    record = fused.to_dict()
    assert record["title"] == "Northern pier to close"
    assert record["provenance"]["title"] == [1, 2]
    assert {v["value"] for v in record["conflicts"]["title"]} == {"Northern pier to close",
                                                                 "Northern pier to close for repairs"}
    assert record["agency"] == "AFP" and record["provenance"]["agency"] == [3]
    assert record["url"] == "https://bay.example/pier"
    assert [c["id"] for c in record["captures"]] == [1, 2, 3]


def test_ties_prefer_the_html_capture() -> None:
    fused = fuse("a1", [member(2, "page-text", BODY, title="Pier closes"), member(5, "html", BODY, title="Pier shuts")])
    assert fused.article.title == "Pier shuts"


def test_the_html_capture_outvotes_two_text_captures_but_not_three() -> None:
    two = [member(1, "html", BODY, title="Pier shuts", published="2024-03-14"),
           member(2, "page-text", BODY, title="Pier closes", published="2024-03-15"),
           member(3, "pdf-text", BODY, title="Pier closes", published="2024-03-15")]
    assert (two_fused := fuse("a1", two).article).title == "Pier shuts" and two_fused.published == "2024-03-14"
    three = [*two, member(4, "pdf", BODY, title="Pier closes")]
    assert fuse("a1", three).article.title == "Pier closes"


def test_a_day_and_a_datetime_on_that_day_are_one_date_and_the_datetime_is_kept() -> None:
    fused = fuse("a1", [member(1, "html", BODY, published="2024-03-14T09:30:00+00:00"),
                        member(2, "page-text", BODY, published="2024-03-14"),
                        member(3, "pdf-text", BODY, published="2024-03-14"),
                        member(4, "pdf", BODY, published="2024-03-14")])
    record = fused.to_dict()
    assert record["published"] == "2024-03-14T09:30:00+00:00"
    assert sorted(record["provenance"]["published"]) == [1, 2, 3, 4] and "published" not in record["conflicts"]
    other = fuse("a1", [member(1, "html", BODY, published="2024-03-14T09:30:00+00:00"),
                        member(2, "page-text", BODY, published="2024-03-15"),
                        member(3, "pdf-text", BODY, published="2024-03-15"),
                        member(4, "pdf", BODY, published="2024-03-15")]).to_dict()
    assert other["published"] == "2024-03-15" and len(other["conflicts"]["published"]) == 2


def test_language_is_a_plain_majority() -> None:
    fused = fuse("a1", [member(1, "html", BODY, language="de"), member(2, "page-text", BODY, language="en"),
                        member(3, "pdf-text", BODY, language="en")])
    assert fused.article.language == "en"


def test_authors_no_html_page_names_need_two_captures() -> None:
    html = member(1, "html", BODY)
    guess = member(2, "page-text", BODY, authors=("Jane Roe",))
    assert fuse("a1", [html, guess]).article.authors == ()
    again = member(3, "pdf-text", BODY, authors=("Jane Roe",))
    assert fuse("a1", [html, guess, again]).article.authors == ("Jane Roe",)
    assert fuse("a1", [guess]).article.authors == ("Jane Roe",)  # a capture on its own keeps its byline
    named = member(4, "html", BODY, authors=("John Doe",))
    assert fuse("a1", [named, guess]).article.authors == ("John Doe",)


def test_body_drops_noise_only_one_capture_has() -> None:
    noise = "Subscribe to our newsletter for the best stories every morning in your inbox."
    dropped = (Removed(noise, "newsletter"),)
    noisy = BODY[:2] + [noise] + BODY[2:]
    fused = fuse("a1", [member(1, "page-text", noisy), member(2, "html", BODY, removed=dropped),
                        member(3, "pdf-text", BODY, removed=dropped)])
    assert "Subscribe" not in fused.article.text
    assert [b.text for b in fused.article.paragraphs] == BODY


def test_noise_in_the_best_capture_is_listed_as_removed() -> None:
    noise = "Share this story with your friends and family on social media today."
    dropped = (Removed(noise, "share"),)
    fused = fuse("a1", [member(1, "html", BODY + [noise]), member(2, "pdf-text", BODY[:3], removed=dropped),
                        member(3, "page-text", BODY[:3], removed=dropped)])
    assert fused.provenance["text"][0] == 1
    assert Removed(noise, "fusion-unsupported") in fused.article.removed
    assert noise not in fused.article.text
    assert BODY[3] in fused.article.text  # only the base has it, nobody dropped it: kept


def test_a_paragraph_only_one_capture_has_is_kept() -> None:
    fused = fuse("a1", [member(1, "html", BODY), member(2, "pdf-text", BODY[:2]), member(3, "page-text", BODY[:2])])
    assert [b.text for b in fused.article.paragraphs] == BODY


def test_a_line_the_others_dropped_without_a_named_reason_is_kept() -> None:
    # the text extractor's line model dropping a line from inside its body ("boilerplate") or taking
    # it for the title is no verdict against it: such lines are as often article text
    line = "Ingredients: two cups of flour, one egg."
    for kind in ("boilerplate", "title"):
        dropped = (Removed(line, kind),)
        fused = fuse("a1", [member(1, "html", BODY[:2] + [line] + BODY[2:]),
                            member(2, "pdf-text", BODY, removed=dropped), member(3, "page-text", BODY, removed=dropped)])
        assert line in fused.article.text


def test_a_line_is_dropped_only_when_every_capture_that_removed_it_named_a_reason() -> None:
    line = "Sign up for our weekly newsletter today."
    fused = fuse("a1", [member(1, "html", BODY + [line]),
                        member(2, "pdf-text", BODY, removed=(Removed(line, "newsletter"),)),
                        member(3, "page-text", BODY, removed=(Removed(line, "boilerplate"),))])
    assert line in fused.article.text



def test_a_second_copy_removed_without_a_reason_does_not_save_a_line_both_others_named() -> None:
    # a "related" header the page text shows twice: named once, dropped by the line model the second time
    line = "More stories from the harbour"
    named, twice = (Removed(line, "related"),), (Removed(line, "related"), Removed(line, "boilerplate"))
    fused = fuse("a1", [member(1, "html", BODY + [line]), member(2, "pdf-text", BODY, removed=named),
                        member(3, "page-text", BODY, removed=twice)])
    assert [b.text for b in fused.article.paragraphs] == BODY

def test_a_one_word_line_the_others_removed_is_compared_whole() -> None:
    # too short for a three-word shingle: it is matched as the whole line it is
    dropped = (Removed("Search", "navigation"), Removed("Contact: desk@bay.example", "footer"))
    fused = fuse("a1", [member(1, "html", ["Search", *BODY, "Contact: desk@bay.example"]),
                        member(2, "pdf-text", BODY, removed=dropped), member(3, "page-text", BODY, removed=dropped)])
    assert [b.text for b in fused.article.paragraphs] == BODY


def test_a_failed_extraction_is_never_the_base() -> None:
    fused = fuse("a1", [member(1, "html", ["Menu"]), member(2, "pdf-text", BODY), member(3, "page-text", BODY)])
    assert fused.provenance["text"] == [2]
    assert [b.text for b in fused.article.paragraphs] == BODY


LONG_BODY = BODY + [
    "Harbour master Ines Calloway said the southern quay had been dredged in March to take the larger boats.",
    "Ferry passengers will board from a temporary pontoon next to the old customs house during the works.",
    "The council has set aside extra money for signs and for a shuttle bus between the two landing points.",
    "Local traders asked for the repairs to avoid the summer months, when most visitors arrive by sea.",
]


def test_a_run_on_fragment_the_others_outvote_is_not_the_base() -> None:
    # the HTML extraction is one block (an unsplit teaser); the other two agree on the whole story
    fused = fuse("a1", [member(1, "html", [BODY[0] + " " + BODY[1]]), member(2, "pdf-text", LONG_BODY),
                        member(3, "page-text", LONG_BODY)])
    assert fused.provenance["text"] == [2]
    assert [b.text for b in fused.article.paragraphs] == LONG_BODY


def test_a_run_on_body_the_others_agree_with_stays_the_base() -> None:
    fused = fuse("a1", [member(1, "html", [" ".join(LONG_BODY)]), member(2, "pdf-text", LONG_BODY),
                        member(3, "page-text", LONG_BODY)])
    assert fused.provenance["text"] == [1]


def test_a_structured_base_is_not_outvoted_by_furniture_the_others_share() -> None:
    # page text and PDF text of one render agree on the page's furniture too; a body with paragraph
    # structure stays the base however much more the others share
    furniture = [f"Read more: another story number {n} from the harbour desk this week" for n in range(12)]
    fused = fuse("a1", [member(1, "html", BODY), member(2, "pdf-text", BODY + furniture),
                        member(3, "page-text", BODY + furniture)])
    assert fused.provenance["text"] == [1]
    assert [b.text for b in fused.article.paragraphs] == BODY


def test_related_links_are_deduplicated_across_captures() -> None:
    link = Link("Other story", "https://bay.example/other")
    fused = fuse("a1", [member(1, "html", BODY, related=(link,)), member(2, "pdf-text", BODY, related=(link,))])
    assert fused.article.related == (link,)


_paragraph = st.lists(st.sampled_from(["harbour", "pier", "boats", "quay", "repairs", "summer", "ferry",
                                       "authority", "contractor", "berths", "june", "monday"]),
                      min_size=6, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")


_capture = st.tuples(st.sampled_from(["html", "page-text", "pdf-text", "pdf"]),
                     st.lists(_paragraph, max_size=3),  # noise kept in the body
                     st.lists(st.tuples(_paragraph, st.sampled_from(["footer", "navigation", "boilerplate"])),
                              max_size=3),  # lines removed, with why
                     st.booleans())  # a run-on body: every paragraph in one block


@settings(max_examples=60, deadline=None)
@given(st.lists(_paragraph, min_size=1, max_size=6, unique=True), st.lists(_capture, min_size=1, max_size=4))
def test_fusion_never_loses_a_paragraph_present_in_every_capture(common: list[str], captures) -> None:
    members = []
    for n, (kind, noise, dropped, run_on) in enumerate(captures, start=1):
        body = noise[:1] + common + noise[1:]
        members.append(member(n, kind, [" ".join(body)] if run_on else body,
                              removed=tuple(Removed(text, why) for text, why in dropped)))
    text = fuse("a", members).article.text
    for paragraph in common:
        assert paragraph in text


def test_a_url_less_promo_cut_from_a_linked_one_is_not_listed_twice() -> None:
    linked = Link("Quay Street businesses count the cost of the flood", "https://news.example/quay")
    fused = fuse("a", [
        member(1, "html", BODY, related=(linked, Link("Mill Lane embankment delayed", "https://news.example/mill"))),
        member(2, "page-text", BODY, related=(Link("Quay Street businesses count the cost", None),
                                              Link("A promo only the print has", None))),
    ])
    assert [link.title for link in fused.article.related] == [
        "Quay Street businesses count the cost of the flood", "Mill Lane embankment delayed",
        "A promo only the print has"]
    assert fused.provenance["related"] == [1, 2]
