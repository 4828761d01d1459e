"""Capture → Article: one extractor per kind, chosen by :func:`newsfuse.detect.detect_kind`.

    extract_capture(capture, options) -> Article        raises CaptureError
    extract_or_reject(capture, options) -> Article | Rejected   never raises for bad input
"""

from __future__ import annotations

from collections.abc import Callable

from newsfuse.detect import detect_kind
from newsfuse.errors import CaptureError
from newsfuse.options import ExtractOptions
from newsfuse.records import Article, Capture, Rejected

Extractor = Callable[[Capture, ExtractOptions], Article]


def _extractor(kind: str) -> Extractor:
    # imported lazily: a text-only run never loads the PDF or HTML stack
    if kind == "html":
        from newsfuse.extract.html import extract_html

        return extract_html
    if kind == "pdf":
        from newsfuse.extract.pdf import extract_pdf

        return extract_pdf
    if kind == "pdf-text":
        from newsfuse.extract.text import extract_pdf_text

        return extract_pdf_text
    from newsfuse.extract.text import extract_page_text

    return extract_page_text


def resolve_kind(capture: Capture, options: ExtractOptions) -> str:
    """The kind to extract ``capture`` as: the forced one, or detected from its bytes."""
    if options.kind == "auto":
        return detect_kind(capture.data)
    return "page-text" if options.kind == "text" else options.kind


def extract_capture(capture: Capture, options: ExtractOptions | None = None) -> Article:
    """Extract one capture; raises :class:`CaptureError` when it cannot be done."""
    options = options or ExtractOptions()
    if capture.size > options.max_bytes:
        from newsfuse.errors import TooLarge

        raise TooLarge(f"{capture.size} bytes, over the limit of {options.max_bytes}")
    kind = resolve_kind(capture, options)
    return _extractor(kind)(capture, options)


def extract_or_reject(capture: Capture, options: ExtractOptions | None = None) -> Article | Rejected:
    """Extract one capture, turning any failure into a :class:`Rejected` naming the reason."""
    try:
        return extract_capture(capture, options)
    except CaptureError as exc:
        return Rejected(capture.path, str(exc), exc.code, capture.sha256, capture.size)
    except RecursionError:
        return Rejected(capture.path, "document nested too deeply", "unreadable", capture.sha256, capture.size)
    except Exception as exc:  # noqa: BLE001 — a bug must not take the batch down; it is reported, not hidden
        return Rejected(capture.path, f"internal error: {type(exc).__name__}: {exc}", "internal-error",
                        capture.sha256, capture.size)
