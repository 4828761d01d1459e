"""One test per store command: ingest, articles, show, search, export (real subprocesses)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def newsfuse(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsfuse", *args], check=False, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "n.db"
    result = newsfuse("ingest", str(EXAMPLES), "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert "0 rejected; 2 articles" in result.stderr
    return path


def test_ingest_again_reports_everything_present(db: Path) -> None:
    result = newsfuse("ingest", str(EXAMPLES), "--db", str(db))
    assert result.returncode == 0 and "0 new" in result.stderr and "already present" in result.stderr


def test_ingest_stores_rejections_and_exits_1(tmp_path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "ok.html").write_bytes((EXAMPLES / "comet-survey.html").read_bytes())
    result = newsfuse("ingest", str(tmp_path / "in"), "--db", str(tmp_path / "n.db"))
    assert result.returncode == 1 and "empty.txt: empty capture" in result.stderr
    assert "1 rejected" in result.stderr


@pytest.mark.parametrize("fmt", ["table", "jsonl", "csv", "markdown"])
def test_articles(db: Path, fmt: str) -> None:
    result = newsfuse("articles", "--db", str(db), "--format", fmt)
    assert result.returncode == 0, result.stderr
    if fmt == "jsonl":
        records = [json.loads(line) for line in result.stdout.splitlines()]
        assert len(records) == 2
        assert all({"id", "captures", "provenance", "conflicts", "text"} <= set(r) for r in records)
    elif fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == 2
    else:
        assert "Riverton" in result.stdout


def _ids(db: Path) -> list[str]:
    result = newsfuse("articles", "--db", str(db), "--format", "jsonl")
    return [json.loads(line)["id"] for line in result.stdout.splitlines()]


def test_show_markdown_and_json_by_id_prefix(db: Path) -> None:
    article_id = _ids(db)[0]
    markdown = newsfuse("show", article_id[:8], "--db", str(db))
    assert markdown.returncode == 0 and "## Provenance" in markdown.stdout
    record = json.loads(newsfuse("show", article_id, "--db", str(db), "--format", "json").stdout)
    assert record["id"] == article_id


def test_show_unknown_id_is_a_usage_error(db: Path) -> None:
    result = newsfuse("show", "ffffffffffff", "--db", str(db))
    assert result.returncode == 2 and "no article" in result.stderr


def test_search_ranks_with_snippets(db: Path) -> None:
    result = newsfuse("search", "tidal barrier", "--db", str(db))
    assert result.returncode == 0 and "Riverton" in result.stdout and "[" in result.stdout
    assert newsfuse("search", "zyxwvu", "--db", str(db)).stderr.strip() == "no match"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "markdown"])
def test_export(db: Path, tmp_path, fmt: str) -> None:
    out = tmp_path / ("articles" if fmt == "markdown" else f"articles.{fmt}")
    result = newsfuse("export", "--db", str(db), "--format", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    if fmt == "parquet":
        table = pq.read_table(out)
        assert table.num_rows == 2 and "provenance" in table.column_names
    elif fmt == "markdown":
        files = sorted(p.name for p in out.iterdir())
        assert len(files) == 2 and all(f.endswith(".md") and " " not in f for f in files)
        assert "Source: <https://" in (out / files[0]).read_text()
    else:
        assert out.read_text().count("Riverton") >= 1
    if fmt == "csv":  # the id `newsfuse show` takes, and which captures each article holds
        ids = {json.loads(line)["id"] for line in newsfuse("articles", "--db", str(db), "--format", "jsonl").stdout.splitlines()}
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
        assert {row["id"] for row in rows} == ids and all(row["capture_ids"] for row in rows)


def test_an_export_is_readable_like_any_file_the_user_writes(db: Path, tmp_path) -> None:
    out = tmp_path / "articles.jsonl"
    assert newsfuse("export", "--db", str(db), "--format", "jsonl", "-o", str(out)).returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # not the temporary file's private 0600


def test_an_export_that_cannot_be_written_is_a_usage_error(db: Path, tmp_path) -> None:
    (tmp_path / "a-file").write_text("")
    out = tmp_path / "a-file" / "articles.jsonl"  # under a file: no folder can be made (even as root)
    result = newsfuse("export", "--db", str(db), "--format", "jsonl", "-o", str(out))
    assert result.returncode == 2 and f"cannot write {out}" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_store_is_a_usage_error(tmp_path) -> None:
    result = newsfuse("articles", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 2 and "no store" in result.stderr


def test_a_store_path_with_url_characters_is_read_where_it_is(db: Path, tmp_path) -> None:
    odd = tmp_path / "runs#2?x" / "n.db"
    odd.parent.mkdir()
    odd.write_bytes(db.read_bytes())
    result = newsfuse("articles", "--db", str(odd), "--format", "jsonl")
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["runs#2?x"]  # no stray file made beside it


def test_an_id_prefix_is_a_prefix_not_a_pattern(db: Path) -> None:
    for pattern in ("%", "_"):  # as LIKE patterns they match every id: "ambiguous"
        result = newsfuse("show", pattern, "--db", str(db))
        assert result.returncode == 2 and "no article with id" in result.stderr


def test_a_prefix_of_several_ids_is_ambiguous(db: Path) -> None:
    from newsfuse.errors import AmbiguousId
    from newsfuse.store import Store

    with Store(db, readonly=True) as store, pytest.raises(AmbiguousId):
        store.article("")  # the prefix of every id
