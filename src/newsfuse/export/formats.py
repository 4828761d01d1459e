"""Stream records to a text output in one of the CLI's formats."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from newsfuse.export.markdown import to_markdown
from newsfuse.records import Article

FORMATS = ("jsonl", "json", "markdown", "text", "csv")
CSV_FIELDS = ("title", "authors", "agency", "site", "published", "modified", "url", "language",
              "capture_path", "capture_kind", "text")
#: A fused article's columns: its id first (what `newsfuse show` takes), and its captures' ids.
FUSED_CSV_FIELDS = ("id", *CSV_FIELDS[:-1], "capture_ids", CSV_FIELDS[-1])


def _as_dict(record: Article | dict[str, Any]) -> dict[str, Any]:
    return record.to_dict() if isinstance(record, Article) else record


def csv_row(data: dict[str, Any]) -> dict[str, Any]:
    capture = data.get("capture") or {}
    row = {name: data.get(name) for name in (FUSED_CSV_FIELDS if "id" in data else CSV_FIELDS)}
    if "id" in data:
        row["capture_ids"] = "; ".join(str(c["id"]) for c in data.get("captures") or [])
    row["authors"] = "; ".join(data.get("authors") or [])
    row["capture_path"] = capture.get("path") or "; ".join(c["path"] for c in data.get("captures") or [])
    row["capture_kind"] = capture.get("kind") or "; ".join(c["kind"] for c in data.get("captures") or [])
    return row


def write_records(records: Iterable[Article | dict[str, Any]], fmt: str, out: TextIO) -> int:
    """Write ``records`` to ``out`` as ``fmt``; returns how many were written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    count = 0
    writer: csv.DictWriter[str] | None = None  # made at the first record: its columns depend on its kind
    if fmt == "json":
        out.write("[")
    for record in records:
        data = _as_dict(record)
        if fmt == "jsonl":
            out.write(json.dumps(data, ensure_ascii=False) + "\n")
        elif fmt == "json":
            out.write(("," if count else "") + "\n" + json.dumps(data, ensure_ascii=False, indent=2))
        elif fmt == "markdown":
            out.write(("\n---\n\n" if count else "") + to_markdown(data))
        elif fmt == "text":
            title = data.get("title")
            out.write(("\n\n" if count else "") + (f"{title}\n\n" if title else "") + data["text"] + "\n")
        elif fmt == "csv":
            row = csv_row(data)
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(row))
                writer.writeheader()
            writer.writerow(row)
        count += 1
        out.flush()
    if fmt == "json":
        out.write("\n]\n")
    if fmt == "csv" and writer is None:
        csv.DictWriter(out, fieldnames=CSV_FIELDS).writeheader()
    return count
