"""The typed records that flow through the pipeline.

    Capture  --extract-->  Article | Rejected

A :class:`Capture` is the raw bytes of one input (a file, stdin, a WARC record) and
where it came from. Extraction turns it into an :class:`Article` — the clean record —
or a :class:`Rejected` that names the capture and the reason. Every record is a frozen,
slotted dataclass with a stable JSON form (:meth:`Article.to_dict` /
:meth:`Article.from_dict`); ``docs/article.schema.json`` is generated from it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Literal, get_args

Kind = Literal["html", "pdf", "page-text", "pdf-text"]
KINDS: tuple[str, ...] = get_args(Kind)

BlockKind = Literal["paragraph", "heading", "list-item", "quote", "table", "code"]
BLOCK_KINDS: tuple[str, ...] = get_args(BlockKind)

#: Why a block of the capture is not in the article.
RemovedKind = Literal[
    "navigation",
    "ad",
    "appeal",
    "newsletter",
    "consent",
    "related-promo",
    "caption",
    "comments",
    "footer",
    "header",
    "share",
    "metadata",
    "title",
    "byline",
    "dateline",
    "page-furniture",
    "site-boilerplate",
    "fusion-unsupported",
    "boilerplate",
]
REMOVED_KINDS: tuple[str, ...] = get_args(RemovedKind)


@dataclass(frozen=True, slots=True)
class Capture:
    """One input as read: its bytes and where they came from."""

    path: str
    data: bytes
    url: str | None = None

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True, slots=True)
class CaptureInfo:
    """What an Article records of the capture it came from."""

    path: str
    kind: str
    sha256: str
    size: int

    @classmethod
    def of(cls, capture: Capture, kind: str) -> CaptureInfo:
        return cls(path=capture.path, kind=kind, sha256=capture.sha256, size=capture.size)


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the article body: a paragraph, heading, list item, quote, table."""

    text: str
    kind: BlockKind = "paragraph"


@dataclass(frozen=True, slots=True)
class Image:
    """One of the article's own images: its caption and the credit split from it."""

    caption: str | None = None
    credit: str | None = None
    src: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """A link the page promotes to another article."""

    title: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class Removed:
    """A block of the capture that is not in the article, and why it was dropped."""

    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class Article:
    """The clean record of one article, as extracted from one capture (or fused from many)."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    agency: str | None = None
    site: str | None = None
    published: str | None = None
    modified: str | None = None
    url: str | None = None
    language: str | None = None
    description: str | None = None
    images: tuple[Image, ...] = ()
    paragraphs: tuple[Block, ...] = ()
    related: tuple[Link, ...] = ()
    removed: tuple[Removed, ...] = ()
    capture: CaptureInfo | None = None

    @property
    def text(self) -> str:
        """The body: one line per paragraph, paragraphs separated by one blank line."""
        return "\n\n".join(block.text for block in self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON form (field order fixed; see docs/article.schema.json)."""
        return {
            "title": self.title,
            "authors": list(self.authors),
            "agency": self.agency,
            "site": self.site,
            "published": self.published,
            "modified": self.modified,
            "url": self.url,
            "language": self.language,
            "description": self.description,
            "images": [{"caption": i.caption, "credit": i.credit, "src": i.src} for i in self.images],
            "text": self.text,
            "paragraphs": [{"kind": b.kind, "text": b.text} for b in self.paragraphs],
            "related": [{"title": r.title, "url": r.url} for r in self.related],
            "removed": [{"kind": r.kind, "text": r.text} for r in self.removed],
            "capture": None
            if self.capture is None
            else {
                "path": self.capture.path,
                "kind": self.capture.kind,
                "sha256": self.capture.sha256,
                "size": self.capture.size,
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        capture = data.get("capture")
        return cls(
            title=data.get("title"),
            authors=tuple(data.get("authors") or ()),
            agency=data.get("agency"),
            site=data.get("site"),
            published=data.get("published"),
            modified=data.get("modified"),
            url=data.get("url"),
            language=data.get("language"),
            description=data.get("description"),
            images=tuple(Image(**i) for i in data.get("images") or ()),
            paragraphs=tuple(Block(text=b["text"], kind=b["kind"]) for b in data.get("paragraphs") or ()),
            related=tuple(Link(**r) for r in data.get("related") or ()),
            removed=tuple(Removed(text=r["text"], kind=r["kind"]) for r in data.get("removed") or ()),
            capture=CaptureInfo(**capture) if capture else None,
        )


@dataclass(frozen=True, slots=True)
class Rejected:
    """A capture that could not be read or extracted, and why."""

    path: str
    reason: str
    code: str = "unreadable"
    sha256: str | None = None
    size: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "rejected": True,
            "code": self.code,
            "reason": self.reason,
            "sha256": self.sha256,
            "size": self.size,
        }

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


Result = Article | Rejected
