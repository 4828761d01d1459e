"""Export fused articles to files: jsonl, csv, parquet (pyarrow), markdown (one file per article)."""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsfuse.export.formats import write_records
from newsfuse.export.markdown import to_markdown

EXPORT_FORMATS = ("jsonl", "csv", "parquet", "markdown")
#: The longest file-name stem in UTF-8 bytes (filesystems allow 255; a CJK character takes 3).
MAX_NAME_BYTES = 160
_NAME_WORD = re.compile(r"[^\W_]+")  # letters and digits of any script


def safe_name(title: str | None, article_id: str, limit: int = 80) -> str:
    """A file name from the title that is safe on every filesystem, unique by the article id: its
    words joined by "-", lowercase, Latin letters without accents ("Köln" -> "koln"), other
    scripts kept as they are ("Новости", "東京"), at most ``limit`` characters and 160 bytes of UTF-8
    (filesystems allow 255 bytes)."""
    text = "".join(map(_plain_letter, unicodedata.normalize("NFC", title or "")))
    slug = "-".join(_NAME_WORD.findall(text)).lower()[:limit]
    while len(slug.encode()) > MAX_NAME_BYTES:
        slug = slug[:-1]
    return f"{slug.strip('-') or 'untitled'}-{article_id[:12]}.md"


def _plain_letter(char: str) -> str:
    """A Latin letter with marks as the ASCII letter ("é" -> "e"; "ß" has no ASCII form and stays), any other
    character as it is (a kana's voicing mark is part of the letter: "ど" stays "ど")."""
    if char.isascii():
        return char
    base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    return base if base.isalpha() else char


def _atomic_write(path: Path, write: Any, binary: bool = False) -> None:
    """Write through a temporary file in the same folder, then rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp's file is private (0600); an export is not
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")) as out:
            write(out)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _umask() -> int:
    """The process's umask (reading it means setting it: it is set back at once)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def export(records: Iterable[dict[str, Any]], fmt: str, path: Path) -> int:
    """Write ``records`` to ``path`` as ``fmt`` (a folder for markdown); returns the count."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    records = list(records)
    if fmt == "markdown":
        path.mkdir(parents=True, exist_ok=True)
        for record in records:
            text = to_markdown(record)
            _atomic_write(path / safe_name(record.get("title"), record["id"]), lambda out, text=text: out.write(text))
        return len(records)
    if fmt == "parquet":
        _atomic_write(path, lambda out: _write_parquet(records, out), binary=True)
        return len(records)
    _atomic_write(path, lambda out: write_records(records, fmt, out))
    return len(records)


def _write_parquet(records: list[dict[str, Any]], out: Any) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    nested = ("images", "paragraphs", "related", "removed", "captures", "provenance", "conflicts")
    rows = [{k: (json.dumps(v, ensure_ascii=False) if k in nested else v) for k, v in r.items()}
            for r in records]
    columns = list(records[0]) if records else ["id", "title", "text"]
    schema = pa.schema([(c, pa.list_(pa.string()) if c == "authors" else pa.string()) for c in columns])
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, out)
