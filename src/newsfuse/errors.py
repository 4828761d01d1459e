"""One exception tree for newsfuse.

    NewsfuseError
    ├── CaptureError            a capture cannot be read or extracted -> Rejected(code, reason)
    │   ├── EmptyCapture        no bytes, or no text after decoding
    │   ├── TooLarge            over the size limit
    │   ├── TimedOut            over the time limit
    │   ├── UnsupportedKind     not a kind newsfuse reads (binary, image, ...)
    │   ├── NoArticle           read fine, but no article body in it
    │   ├── BrokenPdf           a PDF that cannot be parsed
    │   ├── EncryptedPdf        a PDF that needs a password
    │   ├── NoTextLayer         a PDF with no text layer (scanned images)
    │   └── Crashed             the worker process died on it (native crash, killed, exit)
    ├── StoreError              the store cannot be opened or written
    └── UsageError              the caller asked for something that cannot be done
        └── AmbiguousId         an id prefix that more than one article's id starts with

Foreign errors are wrapped (``raise X(...) from exc``); a capture that fails becomes a
``Rejected`` record carrying ``code`` and the message, never a bare ``None``.
"""

from __future__ import annotations


class NewsfuseError(Exception):
    """Base of every error newsfuse raises on purpose."""


class CaptureError(NewsfuseError):
    """A capture cannot be read or extracted; becomes ``Rejected(code, reason)``."""

    code = "unreadable"


class EmptyCapture(CaptureError):
    code = "empty"


class TooLarge(CaptureError):
    code = "too-large"


class TimedOut(CaptureError):
    code = "timeout"


class UnsupportedKind(CaptureError):
    code = "unsupported"


class NoArticle(CaptureError):
    code = "no-article"


class BrokenPdf(CaptureError):
    code = "broken-pdf"


class EncryptedPdf(CaptureError):
    code = "encrypted"


class NoTextLayer(CaptureError):
    code = "no-text-layer"


class Crashed(CaptureError):
    code = "crashed"


class StoreError(NewsfuseError):
    """The store cannot be opened, migrated or written."""


class UsageError(NewsfuseError):
    """The caller asked for something that cannot be done (bad option, unknown id)."""


class AmbiguousId(UsageError):
    """An article id prefix that more than one article's id starts with."""
