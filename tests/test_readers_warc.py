"""WARC archives: one capture per page record, the rest passed over, bad records rejected by name."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import zlib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse import extract_capture
from newsfuse.detect import detect_kind
from newsfuse.errors import UnsupportedKind
from newsfuse.readers import iter_captures
from newsfuse.readers.warc import is_warc
from newsfuse.records import Capture, Rejected

PAGE = (b"<!doctype html><html lang='en'><head><title>Ferry timetable changes | Bay Courier</title></head>"
        b"<body><nav>Home News Sport</nav><article><h1>Ferry timetable changes</h1>"
        b"<p>The island ferry will run every forty minutes from May, the operator said on Tuesday.</p>"
        b"<p>Evening sailings are cut by one, and the first boat leaves at six instead of half past.</p>"
        b"<p>Commuters said the change would make the morning connection to the mainland trains easier.</p>"
        b"</article></body></html>")
OTHER = b"<!doctype html><html><body><article><h1>Market day</h1><p>Stalls return to the square.</p></article>"


def record(uri: str, body: bytes, *, content_type: str = "text/html; charset=utf-8", status: str = "200 OK",
           kind: str = "response", headers: str = "") -> bytes:
    """One WARC record as a crawler writes it: WARC headers, then (for a response) the HTTP message."""
    if kind == "response":
        block = (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{headers}"
                 f"Content-Length: {len(body)}\r\n\r\n").encode() + body
        block_type = "application/http; msgtype=response"
    else:
        block, block_type = body, content_type
    head = (f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\n"
            f"WARC-Date: 2026-05-02T08:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {block_type}\r\n"
            f"Content-Length: {len(block)}\r\n\r\n").encode()
    return head + block + b"\r\n\r\n"


CRAWL = [
    record("https://bay.example/news/ferry", PAGE),
    record("https://bay.example/style.css", b"body { color: black }", content_type="text/css"),
    record("https://bay.example/old", b"", status="301 Moved Permanently", headers="Location: /news/ferry\r\n"),
    record("https://bay.example/missing", b"<html><body>Not found</body></html>", status="404 Not Found"),
    record("https://bay.example/news/market", OTHER, kind="resource", content_type="text/html"),
]


def write(path: Path, records: list[bytes], compress: bool) -> str:
    path.write_bytes(b"".join(gzip.compress(r) for r in records) if compress else b"".join(records))
    return str(path)


def test_page_records_become_captures_with_their_url_and_offset(tmp_path) -> None:
    for compress in (False, True):
        path = write(tmp_path / ("crawl.warc.gz" if compress else "crawl.warc"), CRAWL, compress)
        captures = list(iter_captures([path]))
        assert all(isinstance(c, Capture) for c in captures)
        assert [(c.url, c.data) for c in captures] == [("https://bay.example/news/ferry", PAGE),
                                                      ("https://bay.example/news/market", OTHER)]
        assert captures[0].path == f"{path}#0" and captures[1].path.startswith(f"{path}#")
        assert int(captures[1].path.rsplit("#", 1)[1]) > 0


def test_a_cut_archive_gives_the_records_before_the_cut_and_names_the_cut_one(tmp_path) -> None:
    whole = b"".join(gzip.compress(r) for r in [CRAWL[0], CRAWL[4]])
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole[:-30])
    first, cut = iter_captures([str(path)])
    assert isinstance(first, Capture) and first.data == PAGE
    assert isinstance(cut, Rejected) and cut.path.startswith(f"{path}#") and "cut short" in cut.reason


def test_an_archive_with_no_readable_record_is_rejected(tmp_path) -> None:
    path = tmp_path / "bad.warc"
    path.write_bytes(b"WARC/1.1\r\nthis is not a header block\r\n\r\n")
    (rejected,) = iter_captures([str(path)])
    assert isinstance(rejected, Rejected) and "no WARC record" in rejected.reason


def test_a_content_encoded_payload_is_decoded_and_a_broken_one_rejected(tmp_path) -> None:
    good = record("https://bay.example/news/ferry", gzip.compress(PAGE), headers="Content-Encoding: gzip\r\n")
    deflated = record("https://bay.example/news/deflate", zlib.compress(PAGE), headers="Content-Encoding: deflate\r\n")
    broken = record("https://bay.example/news/broken", b"\x1f\x8b not gzip at all",
                    headers="Content-Encoding: gzip\r\n")
    first, second, third = iter_captures([write(tmp_path / "enc.warc", [good, deflated, broken], False)])
    assert isinstance(first, Capture) and first.data == PAGE
    assert isinstance(second, Capture) and second.data == PAGE
    assert isinstance(third, Rejected) and "gzip" in third.reason


def chunked(body: bytes, size: int = 150) -> bytes:
    return b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + size]), body[i:i + size]) for i in range(0, len(body), size)) \
        + b"0\r\n\r\n"


def test_a_chunked_body_is_dechunked_before_its_content_encoding_is_undone(tmp_path) -> None:
    te = "Transfer-Encoding: chunked\r\n"
    plain = record("https://bay.example/a", chunked(PAGE), headers=te)
    zipped = record("https://bay.example/b", chunked(gzip.compress(PAGE)), headers=te + "Content-Encoding: gzip\r\n")
    broken = record("https://bay.example/c", chunked(PAGE)[:-40], headers=te)
    first, second, third = iter_captures([write(tmp_path / "chunked.warc", [plain, zipped, broken], False)])
    assert isinstance(first, Capture) and first.data == PAGE
    assert isinstance(second, Capture) and second.data == PAGE
    assert isinstance(third, Rejected) and "chunked" in third.reason


def test_a_content_encoding_cut_short_is_rejected_not_read_as_half_a_page(tmp_path) -> None:
    half = gzip.compress(PAGE)[:60]
    (rejected,) = iter_captures([write(tmp_path / "half.warc", [
        record("https://bay.example/a", half, headers="Content-Encoding: gzip\r\n")], False)])
    assert isinstance(rejected, Rejected) and "cut short" in rejected.reason


def test_an_archive_of_no_page_records_gives_nothing_and_no_error(tmp_path) -> None:
    info = record("https://bay.example/", b"software: a crawler\r\n", kind="warcinfo", content_type="application/warc-fields")
    revisit = record("https://bay.example/news/ferry", b"", kind="revisit", content_type="application/http")
    assert list(iter_captures([write(tmp_path / "revisits.warc.gz", [info, revisit], True)])) == []


def test_a_damaged_header_stops_the_archive_there_and_says_after_which_record(tmp_path) -> None:
    damaged = CRAWL[4].replace(b"WARC/1.1", b"WARX/1.1", 1)
    path = write(tmp_path / "damaged.warc", [CRAWL[0], damaged, CRAWL[0]], False)
    first, stopped = iter_captures([path])
    assert isinstance(first, Capture) and first.data == PAGE
    assert isinstance(stopped, Rejected) and stopped.path == path and "after the record at offset 0" in stopped.reason


def test_a_record_over_the_size_limit_is_rejected_and_the_next_goes_on(tmp_path) -> None:
    big = record("https://bay.example/big", b"<html>" + b"x" * 5000)
    path = write(tmp_path / "big.warc", [big, CRAWL[0]], False)
    rejected, capture = iter_captures([path], max_bytes=4000)
    assert isinstance(rejected, Rejected) and rejected.code == "too-large"
    assert isinstance(capture, Capture) and capture.data == PAGE


def test_the_capture_url_reaches_the_record_when_the_page_names_none() -> None:
    article = extract_capture(Capture("crawl.warc#0", PAGE, url="https://bay.example/news/ferry"))
    assert article.url == "https://bay.example/news/ferry"
    assert article.title == "Ferry timetable changes"


def test_warc_bytes_are_no_single_capture() -> None:
    assert is_warc(CRAWL[0]) and is_warc(gzip.compress(CRAWL[0])) and not is_warc(PAGE)
    try:
        detect_kind(CRAWL[0])
    except UnsupportedKind as exc:
        assert "WARC" in str(exc)
    else:
        raise AssertionError("a WARC archive was taken for one capture")


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(min_value=6, max_value=2000), flips=st.lists(st.integers(0, 1999), max_size=6),
       compress=st.booleans())
def test_damaged_archives_never_raise(tmp_path_factory, cut: int, flips: list[int], compress: bool) -> None:
    data = bytearray(b"".join(gzip.compress(r) for r in CRAWL) if compress else b"".join(CRAWL))
    for at in flips:
        if at < len(data):
            data[at] ^= 0x5A
    path = tmp_path_factory.mktemp("warc") / "damaged.warc"
    path.write_bytes(b"WARC/" + bytes(data[5:cut]))
    for result in iter_captures([str(path)]):
        assert isinstance(result, Capture | Rejected)
        if isinstance(result, Rejected):
            assert result.path.startswith(str(path)) and result.reason


def test_cli_extracts_every_page_of_an_archive(tmp_path) -> None:
    path = write(tmp_path / "crawl.warc.gz", CRAWL, True)
    result = subprocess.run([sys.executable, "-m", "newsfuse", "extract", path], capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["title"] for r in records] == ["Ferry timetable changes", "Market day"]
    assert records[0]["url"] == "https://bay.example/news/ferry"
    assert records[0]["capture"]["path"] == f"{path}#0"


def test_cli_ingests_an_archive_once(tmp_path) -> None:
    path = write(tmp_path / "crawl.warc", CRAWL, False)
    db = str(tmp_path / "n.db")
    for _ in range(2):
        result = subprocess.run([sys.executable, "-m", "newsfuse", "ingest", path, "--db", db, "-q"],
                                capture_output=True, text=True, timeout=300, check=False)
        assert result.returncode == 0, result.stderr
    listed = subprocess.run([sys.executable, "-m", "newsfuse", "articles", "--db", db, "--format", "jsonl"],
                            capture_output=True, text=True, timeout=300, check=True)
    assert sorted(json.loads(line)["title"] for line in listed.stdout.splitlines()) == ["Ferry timetable changes",
                                                                                        "Market day"]
