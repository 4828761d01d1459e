"""A ``work`` function for ``extract_stream`` whose worker process dies on marked captures.

Imported by module path in the worker processes (tests/ is on the path the workers are given).
A capture whose path starts with ``exit-`` ends the process with ``os._exit(3)``; ``segv-`` kills it
with SIGSEGV, as a crash in a native library would; so does one whose bytes say ``KILL THIS WORKER``
(a record of a WARC archive, whose path is the archive's). Every other capture is extracted as usual.
"""

from __future__ import annotations

import os
import signal

from newsfuse.options import ExtractOptions
from newsfuse.pipeline import extract_one
from newsfuse.records import Article, Capture, Rejected


def die_on_marked(item: Capture | Rejected, options: ExtractOptions) -> Article | Rejected:
    name = os.path.basename(item.path)
    if name.startswith("exit-") or (isinstance(item, Capture) and b"KILL THIS WORKER" in item.data):
        os._exit(3)
    if name.startswith("segv-"):
        os.kill(os.getpid(), signal.SIGSEGV)
    return extract_one(item, options)
