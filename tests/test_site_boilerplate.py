"""Site boilerplate learned across the corpus, and its guards."""

from __future__ import annotations

import sys
from pathlib import Path

from newsfuse.boilerplate.site import (
    SiteOptions,
    learnable_lines,
    line_key,
    site_key,
    strip_boilerplate,
)
from newsfuse.ingest import IngestOptions, ingest
from newsfuse.records import Article, Block, Capture
from newsfuse.store import Store

sys.path.insert(0, str(Path(__file__).parent))
import synth

APPEAL = "Our reporting is free for everyone because readers like you chip in every month to keep it so."


def test_site_key_prefers_the_url_host_and_unwraps_archives() -> None:
    assert site_key(Article(url="https://www.bay.example/a", site="Bay Post")) == "bay.example"
    assert site_key(Article(url="https://web.archive.org/web/2020/https://news.example/x")) == "news.example"
    assert site_key(Article(site="The Bay Post")) == "the bay post"
    assert site_key(Article()) is None


def test_line_key_ignores_case_spacing_and_punctuation() -> None:
    assert line_key("Support us, today!") == line_key("support   us today")
    assert line_key("Support us today") != line_key("Support them today")


def test_only_lines_of_learnable_length() -> None:
    blocks = [Block("One"), Block(APPEAL), Block(" ".join(["word"] * 80))]
    assert list(learnable_lines(blocks, SiteOptions()).values()) == [APPEAL]


def test_strip_lists_what_it_removed() -> None:
    article = Article(paragraphs=(Block("Real text of the story."), Block(APPEAL)))
    cleaned = strip_boilerplate(article, {line_key(APPEAL)})
    assert cleaned.text == "Real text of the story."
    assert cleaned.removed[-1].kind == "site-boilerplate"


def _page(corpus: synth.Corpus, n: int, host: str, extra: list[str]) -> Capture:
    title, paragraphs = corpus.article()
    body = "".join(f"<p>{p}</p>" for p in paragraphs[:3] + extra + paragraphs[3:])
    html = (f"<html><head><title>{title}</title><link rel='canonical' href='https://{host}/story/{n}'></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")
    return Capture(f"{host}-{n}.html", html.encode())


def _ingest(tmp_path: Path, captures: list[Capture], min_articles: int = 5) -> list[dict]:
    with Store(tmp_path / "n.db") as store:
        ingest(captures, store, IngestOptions(site=SiteOptions(min_articles=min_articles), batch_size=2))
        return list(store.articles())


def test_a_line_in_many_articles_of_a_site_is_removed_from_all_of_them(tmp_path) -> None:
    corpus = synth.Corpus(seed=5)
    records = _ingest(tmp_path, [_page(corpus, n, "bay.example", [APPEAL]) for n in range(6)])
    assert len(records) == 6
    for record in records:
        assert APPEAL not in record["text"]
        assert {"kind": "site-boilerplate", "text": APPEAL} in record["removed"]


def test_a_line_in_few_articles_stays(tmp_path) -> None:
    corpus = synth.Corpus(seed=6)
    records = _ingest(tmp_path, [_page(corpus, n, "bay.example", [APPEAL]) for n in range(3)])
    assert all(APPEAL in r["text"] for r in records)


def test_the_same_line_on_other_sites_does_not_count(tmp_path) -> None:
    corpus = synth.Corpus(seed=8)
    captures = [_page(corpus, n, f"site{n}.example", [APPEAL]) for n in range(6)]
    records = _ingest(tmp_path, captures)
    assert all(APPEAL in r["text"] for r in records)
