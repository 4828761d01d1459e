"""The web app, served for real (``newsfuse serve`` in a subprocess) over a store of the examples plus
one hostile capture; read with urllib and, once, with headless Chromium (installed by ``make test``)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsfuse.ingest import ingest
from newsfuse.readers import iter_captures
from newsfuse.store import Store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
HOSTILE = (b"<!doctype html><html><head><title>Harbour <script> row | Bay Courier</title>"
           b"<link rel='canonical' href='javascript:alert(1)'></head><body><article>"
           b"<h1>Harbour &lt;script&gt;alert(1)&lt;/script&gt; row</h1>"
           b"<p>The harbour board met on Monday and argued for three hours about the new mooring fees.</p>"
           b"<p>Fishermen said the fees <b>would</b> double, while the board said they would rise by a fifth.</p>"
           b"<p>A vote on the fees was put off until the board's next meeting in the spring.</p>"
           b"</article></body></html>")


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("web")
    (folder / "in").mkdir()
    for example in EXAMPLES.iterdir():
        shutil.copy(example, folder / "in" / example.name)
    (folder / "in" / "hostile.html").write_bytes(HOSTILE)
    with Store(folder / "n.db") as store:
        ingest(iter_captures([str(folder / "in")]), store)
        # what a record might hold that the extraction would not give: a script link, missing lists
        row = store.conn.execute("SELECT id, record FROM articles WHERE record LIKE '%Harbour%'").fetchone()
        record = json.loads(row[1]) | {"url": "JavaScript:alert(1)", "conflicts": None,
                                       "related": [{"title": "More", "url": " javascript:alert(2)"}]}
        record["provenance"]["title"] = None
        store.conn.execute("UPDATE articles SET record = ? WHERE id = ?", (json.dumps(record), row[0]))
    return folder / "n.db"


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "newsfuse", "serve", "--db", str(store_path), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(base + "/api/articles")[0] == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(10)


def records(store_path: Path) -> dict[str, dict[str, object]]:
    with Store(store_path, readonly=True) as store:
        return {str(r["title"]): r for r in store.articles()}


def test_the_index_lists_every_article(server: str, store_path: Path) -> None:
    status, page = get(server + "/")
    assert status == 200 and "3 articles" in page
    for record in records(store_path).values():
        assert f'href="/articles/{record["id"]}"' in page


def test_search_marks_the_match_and_takes_plain_words(server: str) -> None:
    status, page = get(server + "/?q=barrier")
    assert status == 200 and "<mark>barrier</mark>" in page and "tidal barrier" in page
    for words in ("tidal-barrier", "%22unclosed", "O%27Brien", "U.S."):  # not FTS5 syntax: searched as words
        assert get(server + f"/?q={words}")[0] == 200
    assert "Riverton approves tidal barrier" in get(server + "/?q=tidal-barrier")[1]


def test_a_snippet_of_hostile_text_is_escaped(server: str) -> None:
    page = get(server + "/?q=alert")[1]
    assert "&lt;script&gt;" in page and "<script>" not in page and "<mark>alert</mark>" in page


def test_odd_page_numbers_give_a_page(server: str) -> None:
    for page in ("0", "-3", "abc", "10000000000000000000", "99"):
        status, body = get(server + f"/?page={page}")
        assert status == 200 and "3 articles" in body
        assert get(server + f"/api/articles?page={page}")[0] == 200


def test_an_article_shows_its_body_captures_provenance_and_conflicts(server: str, store_path: Path) -> None:
    tidal = records(store_path)["Riverton approves tidal barrier after decade of floods"]
    status, page = get(server + f"/articles/{str(tidal['id'])[:6]}")  # a prefix is enough
    assert status == 200 and "<h1>Riverton approves tidal barrier after decade of floods</h1>" in page
    for capture in tidal["captures"]:  # type: ignore[attr-defined]
        assert f"<code>{capture['path']}</code>" in page
    provenance = page.split('id="provenance"')[1].split("</table>")[0]
    assert all(f"<td>{field}</td>" in provenance for field in tidal["provenance"])  # type: ignore[attr-defined]
    comet = next(r for t, r in records(store_path).items() if t.startswith("Comet"))
    assert 'id="conflicts"' in get(server + f"/articles/{comet['id']}")[1]


def test_page_text_is_escaped_and_only_web_links_are_links(server: str, store_path: Path) -> None:
    from newsfuse.web.app import _web_url

    hostile = next(r for t, r in records(store_path).items() if t.startswith("Harbour"))
    assert "<script>" in str(hostile["text"])  # the page's text, as written
    status, page = get(server + f"/articles/{hostile['id']}")  # with a script URL and link, and null lists
    assert status == 200 and "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert "javascript:" not in page.lower().replace("javascript:alert(1)</a>", "")  # shown as text only
    assert 'href="#"' in page
    assert _web_url("javascript:alert(1)") == "#" and _web_url("https://bay.example/x") == "https://bay.example/x"


def test_the_json_api_gives_the_stored_records(server: str, store_path: Path) -> None:
    for record in records(store_path).values():
        status, body = get(server + f"/api/articles/{record['id']}")
        assert status == 200 and json.loads(body) == record
    assert get(server + "/api/articles/ffffffff")[0] == 404 and get(server + "/articles/ffffffff")[0] == 404
    hits = json.loads(get(server + "/api/articles?q=comet")[1])
    assert {hit["title"] for hit in hits} == {t for t in records(store_path) if "omet" in t}


def test_a_real_browser_renders_the_article(server: str, store_path: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    assert browser, "Chromium is missing: `make test` installs Debian's chromium package"
    tidal = records(store_path)["Riverton approves tidal barrier after decade of floods"]
    done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           f"--user-data-dir={store_path.parent / 'chromium'}", "--dump-dom",
                           f"{server}/articles/{tidal['id']}"], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Riverton approves tidal barrier after decade of floods" in done.stdout
    assert 'id="provenance"' in done.stdout and 'id="captures"' in done.stdout


def test_serve_without_a_store_is_a_one_line_usage_error(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "newsfuse", "serve", "--db", str(tmp_path / "none.db")],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2 and "no store at" in done.stderr


def test_a_taken_port_and_a_store_that_is_no_store_are_one_line_usage_errors(store_path: Path, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "newsfuse", "serve", "--db", str(store_path), "--port", str(port)],
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in done.stderr
        (tmp_path / "not.db").write_text("not a database")
        done = subprocess.run([sys.executable, "-m", "newsfuse", "serve", "--db", str(tmp_path / "not.db")],
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 2 and "cannot read the store" in done.stderr


def test_an_ambiguous_prefix_is_a_400_and_an_unknown_id_a_404() -> None:
    from newsfuse.errors import AmbiguousId, StoreError, UsageError
    from newsfuse.web.app import _status

    assert _status(AmbiguousId("id prefix '0' is ambiguous")) == 400
    assert _status(UsageError("no article with id 'x'")) == 404 and _status(StoreError("damaged")) == 503
