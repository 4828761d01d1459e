"""Reading captures: files, directories, globs, stdin, gzip; decoding never raises."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfuse.readers import decode_bytes, decode_html, expand_path, iter_captures
from newsfuse.readers.decode import declared_charset
from newsfuse.records import Capture, Rejected


def test_directory_is_recursed_in_sorted_order(tmp_path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.html").write_text("<p>x</p>")
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / ".hidden").write_text("skip me")
    assert [p.rsplit("/", 1)[-1] for p in expand_path(str(tmp_path))] == ["a.txt", "2.html"]


def test_glob_expands(tmp_path) -> None:
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text("text")
    assert len(list(expand_path(str(tmp_path / "x*.txt")))) == 2


def test_gzip_is_read_transparently(tmp_path) -> None:
    path = tmp_path / "p.html.gz"
    path.write_bytes(gzip.compress(b"<html><body><p>hello</p></body></html>"))
    (capture,) = iter_captures([str(path)])
    assert isinstance(capture, Capture) and capture.data.startswith(b"<html>")


def test_truncated_gzip_is_rejected_with_reason(tmp_path) -> None:
    path = tmp_path / "p.html.gz"
    path.write_bytes(gzip.compress(b"<html>" + b"x" * 5000)[:40])
    (rejected,) = iter_captures([str(path)])
    assert isinstance(rejected, Rejected) and "gzip" in rejected.reason and rejected.path == str(path)


def test_missing_empty_and_too_large_are_rejected(tmp_path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2000)
    results = list(iter_captures([str(tmp_path / "missing.html"), str(empty), str(big)], max_bytes=1000))
    assert [r.code for r in results if isinstance(r, Rejected)] == ["unreadable", "empty", "too-large"]


def test_declared_charset_wins_for_legacy_pages() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body>café – ok</body></html>'
    data = page.encode("cp1252")
    assert declared_charset(data) == "cp1252"
    assert "café – ok" in decode_html(data)


def test_undeclared_latin1_is_guessed() -> None:
    assert "Übersicht" in decode_bytes("Übersicht über die Straße".encode("latin-1"))


@pytest.mark.parametrize("text", ["Café crème brûlée à la carte, ça va très bien.", "Ötters return"])
def test_undeclared_western_text_is_read_as_cp1252_when_codecs_tie(text: str) -> None:
    assert text in decode_bytes(f"<p>{text} And a few more ordinary words.</p>".encode("latin-1"))


@pytest.mark.parametrize(("text", "codec"), [
    ("Zażółć gęślą jaźń, to jest polski tekst.", "cp1250"),
    ("Привет, как дела? Это страница новостей.", "cp1251"),
])
def test_undeclared_central_and_eastern_text_keeps_its_guess(text: str, codec: str) -> None:
    assert text in decode_bytes(f"<p>{text}</p>".encode(codec))


def test_wrong_utf8_claim_falls_back() -> None:
    data = '<meta charset="utf-8"><p>Grüße</p>'.encode("cp1252")
    assert "Gr" in decode_html(data)


@given(st.binary(max_size=2000))
def test_decoding_never_raises(data: bytes) -> None:
    assert isinstance(decode_bytes(data), str)
    assert isinstance(decode_html(data), str)


def test_a_stray_byte_in_a_utf8_page_does_not_change_the_encoding() -> None:
    page = ("<html><body>" + "Sprzeciw wobec ataków na Fundację. " * 50 + "</body></html>").encode()
    data = page[:500] + b"\xc3(" + page[500:]
    assert "ataków na Fundację" in decode_html(data)


def test_a_utf8_page_with_a_stale_legacy_declaration_is_read_as_utf8() -> None:
    data = '<meta charset="iso-8859-1"><p>Grüße aus Köln</p>'.encode()
    assert "Grüße aus Köln" in decode_html(data)
