"""The public API is small, sorted and pinned."""

from __future__ import annotations

import gzip

import pytest

import newsfuse
from newsfuse.errors import CaptureError, EmptyCapture, UnsupportedKind

EXPECTED = [
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


def test_all_is_pinned_and_sorted() -> None:
    assert newsfuse.__all__ == EXPECTED
    assert sorted(newsfuse.__all__) == newsfuse.__all__
    for name in newsfuse.__all__:
        assert hasattr(newsfuse, name)


def test_extract_html_bytes(example_html: bytes) -> None:
    article = newsfuse.extract(example_html, url="https://www.rivertoncourier.example/x")
    assert article.title == "Riverton approves tidal barrier after decade of floods"
    assert "movable tidal barrier" in article.text
    assert article.capture is not None and article.capture.kind == "html"


def test_extract_accepts_str_and_forced_kind(example_html: bytes) -> None:
    article = newsfuse.extract(example_html.decode("utf-8"), kind="html")
    assert "Harbour Traders" in article.text


def test_extract_file_reads_gzip(tmp_path, example_html: bytes) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(example_html))
    article = newsfuse.extract_file(path)
    assert article.capture is not None and article.capture.path == str(path)
    assert "Slate River" in article.text


def test_errors_are_one_tree() -> None:
    with pytest.raises(EmptyCapture):
        newsfuse.extract(b"   ")
    with pytest.raises(UnsupportedKind):
        newsfuse.extract(bytes(range(256)) * 4)
    assert issubclass(CaptureError, newsfuse.NewsfuseError)


def test_unknown_kind_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        newsfuse.ExtractOptions(kind="docx")
