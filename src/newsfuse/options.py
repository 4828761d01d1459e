"""Options, as frozen dataclasses passed down explicitly (no global configuration)."""

from __future__ import annotations

from dataclasses import dataclass

KIND_CHOICES = ("auto", "html", "pdf", "page-text", "pdf-text", "text")


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """How to extract one capture.

    kind: "auto" detects from the bytes; "text" means page text; others force the kind.
    max_bytes: captures larger than this are rejected ("too-large").
    timeout: seconds one capture may take before it is rejected ("timeout"); 0 = no limit.
    min_body_chars: an HTML capture whose body is shorter than this is rejected ("no-article").
    pdf_page_timeout: seconds one PDF page may take.
    """

    kind: str = "auto"
    max_bytes: int = 50 * 1024 * 1024
    timeout: float = 30.0
    min_body_chars: int = 1
    pdf_page_timeout: float = 5.0
    pdf_max_pages: int = 200

    def __post_init__(self) -> None:
        if self.kind not in KIND_CHOICES:
            raise ValueError(f"kind must be one of {', '.join(KIND_CHOICES)}, not {self.kind!r}")
        if self.max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        if self.timeout < 0:
            raise ValueError("timeout must be >= 0")
