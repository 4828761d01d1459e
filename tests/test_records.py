"""The Article record and its stable JSON form."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

import newsfuse
from newsfuse.records import Article, Block, CaptureInfo, Image, Link, Removed
from newsfuse.schema import article_schema

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "docs" / "article.schema.json"


def sample() -> Article:
    return Article(
        title="A headline", authors=("Ann Bee",), agency="AFP", site="Example Times",
        published="2026-01-02", url="https://example.org/a", language="en",
        images=(Image("A caption", "Photo Desk"),),
        paragraphs=(Block("Intro", "heading"), Block("First paragraph."), Block("Second one.")),
        related=(Link("Other story", "https://example.org/b"),),
        removed=(Removed("Subscribe now", "newsletter"),),
        capture=CaptureInfo("a.html", "html", "0" * 64, 10),
    )


def test_text_is_paragraphs_joined_by_blank_lines() -> None:
    assert sample().text == "Intro\n\nFirst paragraph.\n\nSecond one."


def test_json_round_trip() -> None:
    article = sample()
    assert Article.from_dict(json.loads(json.dumps(article.to_dict()))) == article


def test_schema_file_is_generated_from_the_code() -> None:
    assert json.loads(SCHEMA_FILE.read_text()) == article_schema(), (
        "docs/article.schema.json is stale: python -m newsfuse.schema > docs/article.schema.json"
    )


def test_records_validate_against_the_schema(example_html: bytes) -> None:
    schema = article_schema()
    jsonschema.validate(sample().to_dict(), schema)
    jsonschema.validate(newsfuse.extract(example_html).to_dict(), schema)


def test_schema_rejects_unknown_fields() -> None:
    data = sample().to_dict() | {"surprise": 1}
    try:
        jsonschema.validate(data, article_schema())
    except jsonschema.ValidationError:
        return
    raise AssertionError("an unknown field passed the schema")
