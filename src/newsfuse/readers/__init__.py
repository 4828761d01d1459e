"""Readers turn inputs (files, directories, globs, stdin, .gz) into Captures."""

from newsfuse.readers.decode import decode_bytes, decode_html
from newsfuse.readers.files import expand_path, iter_captures, read_path

__all__ = ["decode_bytes", "decode_html", "expand_path", "iter_captures", "read_path"]
