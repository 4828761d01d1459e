"""The article body of a parsed page, as blocks: trafilatura's extraction on our one tree.

    extract_blocks(tree, url) -> list[Block]

trafilatura runs in its fast mode (no readability/jusText comparison) first; only when that body is
short does the full cascade run, since the external extractors mostly rescue short extractions
(measured: same F on the dev set, a third less time). The tree is not modified (trafilatura copies it).
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement
from trafilatura import bare_extraction

from newsfuse.records import Block, BlockKind

#: Below this many characters, the fast body is re-checked with trafilatura's full cascade.
FULL_CASCADE_BELOW = 1000

#: Elements trafilatura discards on sight (its MANUALLY_CLEANED), removed before it copies the tree.
INERT_TAGS: tuple[str, ...] = ("script", "style", "svg", "link", "meta", "template", "iframe")
#: Also discarded by trafilatura, but dropped here only when short: broken markup can leave a whole
#: page inside an unclosed <nav>, which trafilatura's rescue on the raw tree then recovers.
SHORT_CHROME_TAGS: tuple[str, ...] = ("nav",)
SHORT_CHROME_CHARS = 1500

_KINDS: dict[str, BlockKind] = {"head": "heading", "quote": "quote", "table": "table", "code": "code"}


def _body(tree: HtmlElement, url: str | None, fast: bool) -> etree._Element | None:
    try:
        doc = bare_extraction(tree, url=url, with_metadata=False, include_comments=False, fast=fast,
                              include_tables=True, deduplicate=False)
    except (ValueError, TypeError, etree.LxmlError, RecursionError, IndexError, KeyError, AttributeError):
        return None  # trafilatura's own failures on odd trees: no body, not a crash
    return None if doc is None or isinstance(doc, dict) else doc.body


def _text(element: etree._Element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _table_text(table: etree._Element) -> str:
    rows = (" | ".join(_text(cell) for cell in row if _text(cell)) for row in table.iter("row"))
    return " ".join(f"| {row} |" for row in rows if row) or _text(table)


def body_blocks(body: etree._Element) -> list[Block]:
    """trafilatura's output tree → one Block per paragraph, heading, list item, quote or table."""
    blocks: list[Block] = []
    for child in body:
        if child.tag == "list":
            items = [item for item in child if item.tag == "item"] or [child]
            blocks.extend(Block(text, "list-item") for item in items if (text := _text(item)))
            continue
        text = _table_text(child) if child.tag == "table" else _text(child)
        if text:
            blocks.append(Block(text, _KINDS.get(str(child.tag), "paragraph")))
    return blocks


def strip_inert(tree: HtmlElement) -> None:
    """Drop, in place, what trafilatura would discard first anyway (the head, scripts, styles, SVG...):
    a smaller tree makes each of its XPath passes cheaper. Run only after metadata and furniture."""
    head = tree.find("head")
    if head is not None:
        tree.remove(head)
    etree.strip_elements(tree, *INERT_TAGS, with_tail=False)
    for element in list(tree.iter(*SHORT_CHROME_TAGS)):
        if len(element.text_content()) < SHORT_CHROME_CHARS and element.getparent() is not None:
            element.drop_tree()


def extract_blocks(tree: HtmlElement, url: str | None = None) -> list[Block]:
    """The body blocks of the page (empty when trafilatura finds none). Prunes ``tree`` in place."""
    strip_inert(tree)
    body = _body(tree, url, fast=True)
    blocks = body_blocks(body) if body is not None else []
    if sum(len(b.text) for b in blocks) < FULL_CASCADE_BELOW:
        full = _body(tree, url, fast=False)
        full_blocks = body_blocks(full) if full is not None else []
        blocks = full_blocks or blocks
    return blocks
