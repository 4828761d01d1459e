"""One test per option of `newsfuse extract`, run as a real subprocess (exit codes, stdin, stderr)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def newsfuse(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsfuse", *args], check=False, input=stdin.decode() if stdin else None,
        capture_output=True, text=True, timeout=300,
    )


def test_help_lists_every_command() -> None:
    result = newsfuse("--help")
    assert result.returncode == 0 and "extract" in result.stdout


def test_file_to_jsonl_on_stdout() -> None:
    result = newsfuse("extract", str(EXAMPLES / "tidal-barrier.html"))
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    record = json.loads(line)
    assert record["title"] == "Riverton approves tidal barrier after decade of floods"
    assert record["capture"]["kind"] == "html"


def test_directory_is_recursed_and_summarised() -> None:
    result = newsfuse("extract", str(EXAMPLES))
    lines = result.stdout.splitlines()
    assert len(lines) == len([p for p in EXAMPLES.rglob("*") if p.is_file()])
    assert "extracted, 0 rejected" in result.stderr


def test_glob_argument() -> None:
    result = newsfuse("extract", str(EXAMPLES / "comet-*.html"))
    assert len(result.stdout.splitlines()) == 2


def test_stdin_dash() -> None:
    result = newsfuse("extract", "-", stdin=(EXAMPLES / "comet-survey.html").read_bytes())
    record = json.loads(result.stdout)
    assert record["capture"]["path"] == "<stdin>" and "comet" in record["text"]


def test_output_file(tmp_path) -> None:
    out = tmp_path / "sub" / "records.jsonl"
    result = newsfuse("extract", str(EXAMPLES / "comet-survey.html"), "-o", str(out))
    assert result.returncode == 0 and result.stdout == ""
    assert json.loads(out.read_text())["site"]


@pytest.mark.parametrize("option", ["-o", "--errors"])
def test_an_output_that_cannot_be_written_is_a_usage_error(tmp_path, option: str) -> None:
    (tmp_path / "a-file").write_text("")
    out = tmp_path / "a-file" / "records.jsonl"  # under a file: no folder can be made (even as root)
    result = newsfuse("extract", str(EXAMPLES / "comet-survey.html"), option, str(out))
    assert result.returncode == 2 and f"cannot write {out}" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("fmt", ["json", "markdown", "text", "csv"])
def test_formats(fmt: str) -> None:
    result = newsfuse("extract", str(EXAMPLES / "comet-survey.html"), str(EXAMPLES / "tidal-barrier.html"),
                      "--format", fmt)
    assert result.returncode == 0, result.stderr
    if fmt == "json":
        assert len(json.loads(result.stdout)) == 2
    elif fmt == "markdown":
        assert result.stdout.count("\n# ") + result.stdout.startswith("# ") == 2
        assert "Source: <https://" in result.stdout
    elif fmt == "text":
        assert "Slate River" in result.stdout and "{" not in result.stdout
    else:
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert len(rows) == 2 and all(row["text"] for row in rows)


def test_kind_override() -> None:
    result = newsfuse("extract", str(EXAMPLES / "tidal-barrier.txt"), "--kind", "pdf-text")
    assert json.loads(result.stdout)["capture"]["kind"] == "pdf-text"


def test_jobs_give_the_same_output_in_the_same_order() -> None:
    one = newsfuse("extract", str(EXAMPLES), "--jobs", "1")
    two = newsfuse("extract", str(EXAMPLES), "--jobs", "2")
    assert one.stdout == two.stdout and one.stdout


def test_bad_captures_are_reported_and_the_rest_go_on(tmp_path) -> None:
    folder = tmp_path / "captures"
    folder.mkdir()
    (folder / "empty.html").write_bytes(b"")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 8)
    (folder / "good.html").write_bytes((EXAMPLES / "comet-survey.html").read_bytes())
    errors = tmp_path / "errors.jsonl"
    result = newsfuse("extract", str(folder), str(folder / "nope.html"), "--errors", str(errors))
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 1
    assert "empty.html: empty capture" in result.stderr
    assert "binary.bin: binary data" in result.stderr
    assert "nope.html: no such file" in result.stderr
    assert "1 extracted, 3 rejected" in result.stderr
    assert len(errors.read_text().splitlines()) == 3


def test_quiet_prints_no_summary_but_still_reports_rejections(tmp_path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = newsfuse("extract", str(tmp_path), "-q")
    assert "rejected" in result.stderr and "captures:" not in result.stderr


def test_no_progress_bar_when_piped() -> None:
    result = newsfuse("extract", str(EXAMPLES))
    assert "\r" not in result.stderr and "━" not in result.stderr


def test_usage_errors_exit_2() -> None:
    assert newsfuse("extract", "x", "--format", "yaml").returncode == 2
    assert newsfuse("extract", "x", "--kind", "docx").returncode == 2
    assert newsfuse("extract", "x", "--jobs", "0").returncode == 2
    assert newsfuse("frobnicate").returncode == 2


def test_timeout_option_rejects_slow_captures(tmp_path) -> None:
    page = "<html><body>" + "<div><p>deep text here and more.</p>" * 4000 + "</div>" * 4000 + "</body></html>"
    (tmp_path / "slow.html").write_text(page)
    result = newsfuse("extract", str(tmp_path / "slow.html"), "--timeout", "0.001")
    assert result.returncode == 1 and "took longer than" in result.stderr


def test_max_size_option(tmp_path) -> None:
    (tmp_path / "big.txt").write_text("A sentence of the story goes here.\n" * 40000)
    result = newsfuse("extract", str(tmp_path / "big.txt"), "--max-size", "1")
    assert result.returncode == 1 and "over the limit" in result.stderr
