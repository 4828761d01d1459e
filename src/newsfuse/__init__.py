"""newsfuse: clean, structured, de-duplicated article records from messy captures of news articles.

    >>> import newsfuse
    >>> article = newsfuse.extract(html_bytes, url="https://example.org/story")
    >>> article.title, article.authors, article.text

The public API is small and stable; everything else is reachable through its module.
"""

from __future__ import annotations

from pathlib import Path

from newsfuse.errors import CaptureError, NewsfuseError
from newsfuse.extract import extract_capture
from newsfuse.options import ExtractOptions
from newsfuse.readers.files import read_path
from newsfuse.records import Article, Block, Capture, Image, Link, Rejected, Removed

__version__ = "0.1.0"


def extract(
    data: bytes | str,
    *,
    url: str | None = None,
    kind: str = "auto",
    options: ExtractOptions | None = None,
    path: str = "<memory>",
) -> Article:
    """Extract one article from the bytes (or text) of a capture; raises CaptureError."""
    options = options or ExtractOptions(kind=kind)
    if kind != "auto" and options.kind != kind:
        from dataclasses import replace

        options = replace(options, kind=kind)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return extract_capture(Capture(path=path, data=raw, url=url), options)


def extract_file(path: str | Path, *, options: ExtractOptions | None = None) -> Article:
    """Extract one article from a file (``.gz`` read transparently); raises CaptureError."""
    options = options or ExtractOptions()
    return extract_capture(read_path(str(path), options.max_bytes), options)


__all__ = [
    "Article",
    "Block",
    "Capture",
    "CaptureError",
    "ExtractOptions",
    "Image",
    "Link",
    "NewsfuseError",
    "Rejected",
    "Removed",
    "__version__",
    "extract",
    "extract_file",
]
