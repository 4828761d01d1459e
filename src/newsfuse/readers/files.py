"""Files, directories (recursed), globs and ``-`` (stdin) → Captures; ``.gz`` read transparently.

A WARC archive (told by its first bytes, see :mod:`newsfuse.readers.warc`) gives one capture per page
record. A path that cannot be read becomes a :class:`Rejected` in the stream, in input order, so
the rest of the batch goes on.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsfuse.errors import CaptureError, EmptyCapture, TooLarge
from newsfuse.readers.inflate import GZIP, inflate
from newsfuse.readers.warc import is_warc_file, warc_captures
from newsfuse.records import Capture, Rejected

STDIN = "-"
_SKIP_NAMES = {".DS_Store", "Thumbs.db"}


def expand_path(path: str) -> Iterator[str]:
    """One input argument → file paths, in a stable order."""
    if path == STDIN:
        yield STDIN
        return
    if os.path.isdir(path):
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith(".") and name not in _SKIP_NAMES:
                    yield os.path.join(root, name)
        return
    if not os.path.exists(path) and glob.has_magic(path):
        matches = sorted(glob.glob(path, recursive=True))
        if matches:
            for match in matches:
                yield from expand_path(match)
            return
    yield path


def read_path(path: str, max_bytes: int = 50 * 1024 * 1024) -> Capture:
    """Read one file (or stdin for ``-``) into a Capture; raises CaptureError."""
    try:
        if path == STDIN:
            data = sys.stdin.buffer.read(max_bytes + 1)
            name = "<stdin>"
        else:
            size = os.path.getsize(path)
            if size > max_bytes:
                raise TooLarge(f"{size} bytes, over the limit of {max_bytes}")
            data = Path(path).read_bytes()
            name = path
    except FileNotFoundError as exc:
        raise CaptureError("no such file") from exc
    except IsADirectoryError as exc:
        raise CaptureError("is a directory") from exc
    except PermissionError as exc:
        raise CaptureError("permission denied") from exc
    except OSError as exc:
        raise CaptureError(f"cannot read ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:
        raise TooLarge(f"over the limit of {max_bytes} bytes")
    if data[:2] == b"\x1f\x8b":
        data = inflate(data, GZIP, max_bytes, "gzip stream")
    if not data.strip():
        raise EmptyCapture("empty capture")
    return Capture(path=name, data=data)


def iter_captures(
    paths: Iterable[str], max_bytes: int = 50 * 1024 * 1024
) -> Iterator[Capture | Rejected]:
    """Every capture under ``paths``, in order (a WARC archive's page records in archive order);
    unreadable ones as Rejected."""
    for arg in paths:
        for path in expand_path(arg):
            if path != STDIN and is_warc_file(path):
                yield from warc_captures(path, max_bytes)
                continue
            try:
                yield read_path(path, max_bytes)
            except CaptureError as exc:
                yield Rejected(path=path if path != STDIN else "<stdin>", reason=str(exc), code=exc.code)
