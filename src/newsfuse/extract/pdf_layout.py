"""One PDF page's text layer → lines laid out like ``pdftotext`` default output.

    page_lines(textpage, page_height) -> list[Segment]     runs of text on one line, in reading order
    page_text(segments) -> str                              lines, a blank line between blocks

pypdfium2 gives the characters in content-stream order with generated line breaks; this module adds
what pdftotext shows and the text cleaner relies on: a run of text is cut where a wide horizontal gap
opens (a print header "date   title" is two blocks), the running header and footer are put first and
last (Chromium draws them after the page content), and a blank line marks a vertical gap wider than
the line spacing (between paragraphs) or a jump back up the page (a new column or box).
"""

from __future__ import annotations

import ctypes
from collections.abc import Sequence
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

#: a gap wider than this many line heights cuts a line into two runs (unless a space glyph of the
#: text opens it: justified text spreads its words that wide)
COLUMN_GAP = 2.0
#: in the header and footer bands a narrower gap cuts (a long footer URL ends close to "n/m")
EDGE_GAP = 1.0
#: a vertical gap wider than this many line heights starts a new block (blank line)
PARAGRAPH_GAP = 1.2
#: a change of line height by more than this share starts a new block (a heading, a caption)
SIZE_CHANGE = 0.1
#: runs of text within this share of the page height from the top / bottom edge are the running
#: header / footer (Chromium prints them in the 0.4 inch margin)
EDGE_BAND = 0.04
#: the same baseline, within this many line heights
SAME_LINE = 0.5
#: a run this much of whose width lies under link annotations is link text
LINKED = 0.9


@dataclass(slots=True)
class Segment:
    """A run of text on one line, with its box (PDF points, y up) and its line height."""

    text: str
    left: float
    right: float
    top: float
    bottom: float
    linked: float = 0.0  # the share of the run's width under a link
    caption: bool = False  # the run captions an image (pdf_captions): left out of the text
    size: float = 0.0  # the font size of its first character (0: unknown)

    @property
    def height(self) -> float:
        return self.top - self.bottom


Rect = tuple[float, float, float, float]  # left, bottom, right, top


def page_segments(textpage: pdfium_c.FPDF_TEXTPAGE, page_height: float,
                  links: Sequence[Rect] = ()) -> list[Segment]:
    """The page's runs of text: header band first, then the content blocks top to bottom, footer
    last. A block of two or more runs that all lie under links (a menu, a list of related stories)
    is left out: pdftotext cannot see links, the PDF can."""
    segments = _segments(textpage, page_height)
    for segment in segments:
        segment.linked = _linked_share(segment, links)
    top_edge = page_height * (1 - EDGE_BAND)
    bottom_edge = page_height * EDGE_BAND
    header = [s for s in segments if s.bottom >= top_edge]
    footer = [s for s in segments if s.top <= bottom_edge and s.bottom < top_edge]
    body = [s for s in segments if s.bottom < top_edge and s.top > bottom_edge]
    return _by_line(header) + _reading_order(body) + _by_line(footer)


def _by_line(segments: list[Segment]) -> list[Segment]:
    """Runs top to bottom, the runs of one line (the same baseline) left to right: a print header's
    date comes before the page title beside it, whatever their type's height."""
    lines: list[list[Segment]] = []
    for segment in sorted(segments, key=lambda s: -s.bottom):
        line = lines[-1] if lines else None
        if line and abs(line[0].bottom - segment.bottom) <= SAME_LINE * max(line[0].height, segment.height):
            line.append(segment)
        else:
            lines.append([segment])
    return [segment for line in lines for segment in sorted(line, key=lambda s: s.left)]


def _reading_order(segments: list[Segment]) -> list[Segment]:
    """Blocks (runs in stream order with no block break between them) sorted top to bottom."""
    blocks: list[list[Segment]] = []
    for segment in segments:
        if blocks and not new_block(blocks[-1][-1], segment):
            blocks[-1].append(segment)
        else:
            blocks.append([segment])
    blocks = [block for block in blocks if not _link_list(block)]
    blocks.sort(key=lambda block: (-round(block[0].top), block[0].left))
    return [segment for block in blocks for segment in block]


def page_text(segments: list[Segment]) -> str:
    """pdftotext-like text of one page: one line per run, a blank line between blocks; caption runs
    are left out (a blank line where they were)."""
    lines: list[str] = []
    previous: Segment | None = None
    for segment in segments:
        if segment.caption:
            if previous is not None:
                lines.append("")
            previous = None
            continue
        if previous is not None and new_block(previous, segment):
            lines.append("")
        lines.append(segment.text)
        previous = segment
    return "\n".join(lines) + "\n" if lines else ""


def page_captions(segments: list[Segment]) -> list[str]:
    """The captions of the page: each run of consecutive caption runs, joined."""
    captions: list[str] = []
    previous: Segment | None = None
    for segment in segments:
        if segment.caption:
            if previous is not None and previous.caption:
                captions[-1] += " " + segment.text
            else:
                captions.append(segment.text)
        previous = segment
    return captions


def _link_list(block: list[Segment]) -> bool:
    return len(block) > 1 and all(segment.linked >= LINKED for segment in block)


def _linked_share(segment: Segment, links: Sequence[Rect]) -> float:
    width = segment.right - segment.left
    if width <= 0 or not links:
        return 0.0
    middle = (segment.top + segment.bottom) / 2
    covered = sum(max(0.0, min(right, segment.right) - max(left, segment.left))
                  for left, bottom, right, top in links if bottom <= middle <= top)
    return min(1.0, covered / width)


def new_block(previous: Segment, current: Segment) -> bool:
    height = max(previous.height, current.height, 0.1)
    if abs(current.bottom - previous.bottom) <= SAME_LINE * height:
        return True  # a second run on the same line: pdftotext makes it a block of its own
    if current.top > previous.top:
        return True  # back up the page: another column or box
    if _size_change(previous, current, height):
        return True
    return previous.bottom - current.top > PARAGRAPH_GAP * height


def _size_change(previous: Segment, current: Segment, height: float) -> bool:
    """A change of type size: by font size when both runs have one (a script drawn from a fallback
    font has other glyph boxes at the same size), else by line height."""
    if previous.size > 0 and current.size > 0:
        return abs(current.size - previous.size) > SIZE_CHANGE * max(previous.size, current.size)
    return abs(current.height - previous.height) > SIZE_CHANGE * height


def _segments(textpage: pdfium_c.FPDF_TEXTPAGE, page_height: float) -> list[Segment]:
    count = pdfium_c.FPDFText_CountChars(textpage)
    box = pdfium_c.FS_RECTF()
    bands = (page_height * EDGE_BAND, page_height * (1 - EDGE_BAND))
    segments: list[Segment] = []
    chars: list[str] = []
    current: Segment | None = None
    spaced = False  # the text drew a space glyph since the last character
    for index in range(max(count, 0)):
        code = pdfium_c.FPDFText_GetUnicode(textpage, index)
        if code in (10, 13) or code == 0xFFFE:
            _close(current, chars, segments)
            current = None
            continue
        char = _char(code)
        if char.isspace():
            if current is not None:
                chars.append(" ")
                spaced = spaced or pdfium_c.FPDFText_IsGenerated(textpage, index) == 0
            continue
        if not _loose_box(textpage, index, box):
            continue
        if current is not None and _breaks(current, box, _gap(box, bands, spaced)):
            _close(current, chars, segments)
            current = None
        spaced = False
        if current is None:
            current = Segment("", box.left, box.right, box.top, box.bottom,
                              size=pdfium_c.FPDFText_GetFontSize(textpage, index))
        else:
            current.right = max(current.right, box.right)
            current.top = max(current.top, box.top)
            current.bottom = min(current.bottom, box.bottom)
        chars.append(char)
    _close(current, chars, segments)
    return segments


def _gap(box: pdfium_c.FS_RECTF, bands: tuple[float, float], spaced: bool) -> float:
    """How many line heights of horizontal gap before ``box`` cut the run: none after a space glyph
    (justified text), fewer in the header and footer bands."""
    if spaced:
        return float("inf")
    return EDGE_GAP if box.top <= bands[0] or box.bottom >= bands[1] else COLUMN_GAP


def _loose_box(textpage: pdfium_c.FPDF_TEXTPAGE, index: int, box: pdfium_c.FS_RECTF) -> bool:
    return bool(pdfium_c.FPDFText_GetLooseCharBox(textpage, index, ctypes.byref(box)))


def _char(code: int) -> str:
    if code <= 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return " "
    if code == 2:
        return "-"  # pdfium's mark for a hyphen it took to end a line
    char = chr(code)
    return " " if char in "\ufffe\uffff" else char


def _breaks(current: Segment, box: pdfium_c.FS_RECTF, gap: float) -> bool:
    height = max(current.height, box.top - box.bottom, 0.1)
    if abs(box.bottom - current.bottom) > SAME_LINE * height and abs(box.top - current.top) > SAME_LINE * height:
        return True
    return bool(box.left - current.right > gap * height or box.right < current.left)


def _close(current: Segment | None, chars: list[str], segments: list[Segment]) -> None:
    if current is not None:
        current.text = "".join(chars).strip()
        if current.text:
            segments.append(current)
    chars.clear()


def headline(segments: list[Segment], min_words: int = 2, min_ratio: float = 1.3) -> str | None:
    """The lines of the page's largest type (a wrapped headline: the neighbouring runs of the same
    size) starting at a run of ``min_words`` or more, if that type is clearly larger than the page's
    middle type."""
    sized = [s for s in segments if len(s.text) > 1]
    if not sized:
        return None
    heights = sorted(s.height for s in sized)
    middle = heights[len(heights) // 2]
    largest = max((s for s in sized if len(s.text.split()) >= min_words), key=lambda s: s.height,
                  default=None)  # a one-word logo is not the headline
    if largest is None or largest.height < middle * min_ratio:
        return None
    start = end = sized.index(largest)
    while start > 0 and _same_type_below(sized[start - 1], sized[start]):
        start -= 1
    while end + 1 < len(sized) and _same_type_below(sized[end], sized[end + 1]):
        end += 1
    text = " ".join(s.text for s in sized[start:end + 1])
    return text if len(text.split()) >= min_words else None


def _same_type_below(upper: Segment, lower: Segment) -> bool:
    """``lower`` goes on from ``upper``: the same size of type, on the next line."""
    height = upper.height
    return (abs(lower.height - height) <= 0.05 * height
            and -SAME_LINE * height < upper.bottom - lower.top <= PARAGRAPH_GAP * height)
