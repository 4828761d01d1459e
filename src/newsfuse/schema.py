"""The JSON Schema of an Article's JSON form, generated from the dataclasses in records.py.

``python -m newsfuse.schema > docs/article.schema.json`` writes it; a test checks the file is
current and that real records validate against it.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from typing import Any

from newsfuse.records import Article, Block, CaptureInfo, Image, Link, Removed

_NESTED = {Block: "Block", CaptureInfo: "Capture", Image: "Image", Link: "Link", Removed: "Removed"}
_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean"}
_DOCS = {
    "title": "The headline as the page shows it, without a site suffix.",
    "authors": "People in the byline, as shown; no 'By', titles or organisations.",
    "agency": "Wire service or organisation credited for the story (AFP, Reuters, AP, ...).",
    "site": "The publication's name as readers know it.",
    "published": "ISO 8601 date or datetime of first publication.",
    "modified": "ISO 8601 date or datetime of the last update, where shown.",
    "url": "The article's canonical URL.",
    "language": "ISO 639-1 code of the body.",
    "text": "The body: one line per paragraph, paragraphs separated by one blank line.",
    "paragraphs": "The body's blocks with their kinds.",
    "related": "Links the page promotes to other articles; never part of text.",
    "removed": "Every block of the capture not in the article, with why it was dropped.",
    "capture": "The input this record was extracted from.",
}


def _type_schema(tp: Any) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [_type_schema(arg) for arg in typing.get_args(tp)]
        return {"anyOf": options}
    if tp is type(None):
        return {"type": "null"}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(tp)[0])}
    if origin is typing.Literal:
        return {"type": "string", "enum": list(typing.get_args(tp))}
    if tp in _NESTED:
        return {"$ref": f"#/$defs/{_NESTED[tp]}"}
    return {"type": _SCALARS[tp]}


def _object_schema(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties = {}
    for field in dataclasses.fields(cls):
        prop = _type_schema(hints[field.name])
        if field.name in _DOCS and cls is Article:
            prop = {"description": _DOCS[field.name], **prop}
        properties[field.name] = prop
    return {"type": "object", "properties": properties, "required": list(properties),
            "additionalProperties": False}


def article_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of :meth:`Article.to_dict`."""
    schema = _object_schema(Article)
    schema["properties"]["text"] = {"description": _DOCS["text"], "type": "string"}
    schema["required"] = list(schema["properties"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://newsfuse.invalid/article.schema.json",
        "title": "newsfuse Article",
        **schema,
        "$defs": {name: _object_schema(cls) for cls, name in _NESTED.items()},
    }


if __name__ == "__main__":
    print(json.dumps(article_schema(), indent=2, ensure_ascii=False))
