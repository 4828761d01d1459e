"""Writers: records → jsonl, json, markdown, text, csv (and parquet for stores)."""

from newsfuse.export.formats import FORMATS, write_records
from newsfuse.export.markdown import to_markdown

__all__ = ["FORMATS", "to_markdown", "write_records"]
