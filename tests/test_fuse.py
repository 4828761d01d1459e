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


def test_related_links_are_deduplicated_across_captures() -> None:
    link = Link("Other story", "https://bay.example/other")
    fused = fuse("a1", [member(1, "html", BODY, related=(link,)), member(2, "pdf-text", BODY, related=(link,))])
    assert fused.article.related == (link,)


_paragraph = st.lists(st.sampled_from(["harbour", "pier", "boats", "quay", "repairs", "summer", "ferry",
                                       "authority", "contractor", "berths", "june", "monday"]),
                      min_size=6, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")


@settings(max_examples=40, deadline=None)
@given(st.lists(_paragraph, min_size=1, max_size=6, unique=True),
       st.lists(st.tuples(st.sampled_from(["html", "page-text", "pdf-text", "pdf"]),
                          st.lists(_paragraph, max_size=3)), min_size=1, max_size=4))
def test_fusion_never_loses_a_paragraph_present_in_every_capture(common: list[str], extras) -> None:
    members = []
    for n, (kind, noise) in enumerate(extras, start=1):
        members.append(member(n, kind, noise[:1] + common + noise[1:]))
    text = fuse("a", members).article.text
    for paragraph in common:
        assert paragraph in text
