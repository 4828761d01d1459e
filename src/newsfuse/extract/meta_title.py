"""The headline of a page and the site name its title carries.

    choose_title(tree, signals, site_names) -> str | None
    strip_site(title, site_names) -> (headline, suffix or None)

The visible ``<h1>`` wins when it is the article's headline (it matches a declared title, or it is the
only headline-like ``<h1>``); otherwise the declared title (JSON-LD headline, og:title, ``<title>``)
with the site name cut off. Only segments that name the site are cut, so a headline that merely
contains a separator keeps it.
"""

from __future__ import annotations

import os.path
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement

from newsfuse.extract.meta_sources import Signals, clean, fold, ld_text
from newsfuse.extract.metadata_patterns import TITLE_JUNK_PREFIX, TITLE_SEPARATORS

_WORD = re.compile(r"\w+")
_HEADLINES = etree.XPath("//@itemprop[.='headline']/parent::*[not(self::meta)]")
_HEADLINE_CLASSES = etree.XPath("//@class[contains(.,'headline') or contains(.,'entry-title')"
                                " or contains(.,'article-title') or contains(.,'post-title')]/parent::*[not(.//h2)]")
_DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.IGNORECASE)
_EDGE_JUNK = re.compile(r"^[\[\]<>»›|:\s]+")
_COMMENT_HEADING = re.compile(r"comment|respon|reply|related|sidebar|widget", re.IGNORECASE)
_HEADLINE_PART = re.compile(r"(?:^|[-_])headline$", re.IGNORECASE)
_KICKER = re.compile(r"(?:^|[-_])(?:kicker|topline|toptitle|overline|dachzeile|roofline|eyebrow|topic|label|rubri[ck]?|"
                     r"category|spitzmarke|supertitle|pretitle|subtitle)(?:$|[-_])", re.IGNORECASE)
_CONTENT_MARK = re.compile(r"(?:^|[\s_-])(?:page-?)?content(?:$|[\s_-])|(?:^|[\s_-])main-?(?:section|content)\b",
                           re.IGNORECASE)
_SEPARATOR_ONLY = re.compile(r"^\s*[-–—:|·•]\s*$")
_TLDS = frozenset({"info", "online", "news", "blog", "shop", "swiss", "wien", "berlin", "hamburg", "bayern"})
_PLATFORMS = frozenset({"blogspot", "wordpress", "tumblr", "substack", "medium", "wixsite", "weebly", "github",
                        "jimdo", "jimdofree", "over-blog", "typepad", "livejournal", "blogger", "webnode"})
_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_SCHEME = re.compile(r"^https?://")
_ARTICLE = re.compile(r"^(the|die|der|das|le|la|les|el|il)\s+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_HIDDEN = re.compile(r"aural|sr-only|visually-?hidden|invisible|screen-?reader|element-hidden|hide")
_INLINE = frozenset({"a", "abbr", "b", "i", "em", "strong", "mark", "q", "cite", "sup", "sub", "u", "s", "time",
                     "font", "bdi", "bdo", "dfn", "kbd", "code", "var", "wbr", "ruby", "rb"})
_CHROME = ("nav", "header", "footer", "aside")
_ANNOTATIONS = frozenset({"rt", "rp"})  # ruby readings (furigana) print above the text, not in it
_CHROME_CLASS = re.compile(r"logo|brand|masthead|site-?title|site-?name|navbar|menu|sidebar|widget|footer|cookie|"
                           r"consent|modal|popup|dialog",
                           re.IGNORECASE)


def tokens(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def token_f1(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    common = 0
    pool = list(tb)
    for token in ta:
        if token in pool:
            pool.remove(token)
            common += 1
    return 2 * common / (len(ta) + len(tb))


def site_key(text: str) -> str:
    """A site name reduced for comparison: no "the", no TLD, letters and digits only."""
    return site_keys(text)[0]


@lru_cache(maxsize=4096)  # a pure function, called with the same few site names for every byline candidate
def site_keys(text: str) -> tuple[str, ...]:
    """Comparison keys of a site name; a host gives its registered name and its whole name
    ("foren.myoos.de" -> "myoos", "forenmyoos"; "jane.blogspot.com" -> "jane", "janeblogspot")."""
    key = _ascii(fold(text))
    key = _SCHEME.sub("", key).split("/")[0] if "://" in key else key
    if not _DOMAIN.match(key):
        return (_NOT_ALNUM.sub("", _ARTICLE.sub("", key)),)
    labels = [p for p in key.split(".") if p != "www"]
    while len(labels) > 1 and (len(labels[-1]) <= 3 or labels[-1] in _TLDS):
        labels.pop()
    if len(labels) > 1 and labels[-1] in _PLATFORMS:
        labels.pop()
    return _NOT_ALNUM.sub("", labels[-1]), _NOT_ALNUM.sub("", "".join(labels))


def _ascii(text: str) -> str:
    """"Bundespräsident" -> "bundespraesident" (as hosts spell it): umlauts transliterated, accents dropped."""
    text = text.translate(_TRANSLIT)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def is_site_name(segment: str, site_names: Iterable[str]) -> bool:
    """Whether ``segment`` names the site: one of ``site_names``, a close variant of one, or a domain."""
    key = site_key(segment)
    if not key:
        return False
    if _DOMAIN.match(segment.strip()):
        return True
    short = len(segment.split()) <= 5
    for other in (k for name in site_names for k in site_keys(name)):
        if not other:
            continue
        if key == other:
            return True
        small, large = sorted((key, other), key=len)
        if short and len(small) >= 4 and small in large and len(large) <= 2.5 * len(small):
            return True
        if short and len(small) >= 8 and len(os.path.commonprefix([key, other])) >= 0.8 * len(small):
            return True
        if short and len(other) >= 5 and key.startswith(other) and len(segment.split()) <= 4:
            return True  # "MyOOS Community Forum" on myoos.de
    return False


def strip_site(title: str, site_names: Sequence[str]) -> tuple[str, str | None]:
    """``title`` without a leading or trailing segment that names the site; the removed segment."""
    text = title.strip()
    removed: str | None = None
    for _ in range(3):
        cut = _cut_once(text, site_names)
        if cut is None:
            break
        text, segment = cut
        removed = removed or segment
    return text, removed


def _cut_once(text: str, site_names: Sequence[str]) -> tuple[str, str] | None:
    best: tuple[int, str, str] | None = None
    for sep in TITLE_SEPARATORS:
        index = text.rfind(sep)
        if index > 0:
            head, tail = text[:index].strip(), text[index + len(sep):].strip()
            if head and is_site_name(tail, site_names) and (best is None or index > best[0]):
                best = (index, head, tail)
        index = text.find(sep)
        if index > 0:
            head, tail = text[:index].strip(), text[index + len(sep):].strip()
            if tail and len(tokens(tail)) >= 1 and is_site_name(head, site_names) and best is None:
                best = (0, tail, head)
    return (best[1], best[2]) if best else None


def declared_titles(tree: HtmlElement, signals: Signals) -> list[str]:
    """Titles the page declares, best first (headline, og:title, twitter:title, <title>)."""
    found: list[str] = []
    if signals.article is not None:
        found.append(ld_text(signals.article.get("headline")) or ld_text(signals.article.get("name")))
    found += [signals.first("og:title") or "", signals.first("headline") or "",
              signals.first("twitter:title") or "", signals.first("dc.title") or "", signals.title_tag or ""]
    return [t for t in dict.fromkeys(found) if t and len(t) < 400]


def choose_title(tree: HtmlElement, signals: Signals,
                 site_names: Sequence[str]) -> tuple[str | None, HtmlElement | None]:
    """The headline, and the element showing it (None when it comes from metadata only)."""
    declared = declared_titles(tree, signals)
    stripped = [strip_site(t, site_names)[0] for t in declared]
    weights = [0.9 if t == signals.title_tag else 1.0 for t in declared]  # <title> is the SEO wording
    visible = _visible_headline(tree, list(zip(stripped, weights)), site_names)
    if visible:
        return visible
    if not stripped:
        return None, None
    return _best_declared(stripped, declared).strip(" |–—-:·•»«›") or stripped[0], None


def _best_declared(stripped: list[str], declared: list[str]) -> str:
    """The headline from declared titles alone: one that prefixes another (the <title> with its suffix), else
    the first, without template junk ("Blog Archive » ") and without a short last " | " segment."""
    chosen = stripped[0]
    for text in stripped:
        if any(other != text and fold(other).startswith(fold(text)) for other in declared):
            chosen = text
            break
    chosen = TITLE_JUNK_PREFIX.sub("", chosen) or chosen
    for _ in range(3):  # a pipe before a short tail: the site, a section, a slogan
        head, sep, tail = chosen.rpartition(" | ")
        if not sep or len(tail.split()) > 6 or len(head.split()) < 3:
            break
        chosen = head
    return chosen


def _visible_headline(tree: HtmlElement, declared: list[tuple[str, float]],
                      site_names: Sequence[str]) -> tuple[str, HtmlElement] | None:
    marked = _HEADLINES(tree)[:2]
    candidates = [*marked, *[h for h in tree.iter("h1")][:8]]
    if not candidates:
        candidates = _HEADLINE_CLASSES(tree)[:4]
    best = _best_heading(candidates, marked, declared, site_names)
    if best is not None and (best[0] >= 0.5 or not declared):
        return best[1], best[2]
    # an h1 unlike every declared title: the headline only when it is the one headline-like h1
    lone = [h for h in tree.iter("h1") if not _in_chrome(h) and not _hidden(h) and len(tokens(h.text_content())) >= 3]
    if best is not None and len(lone) == 1 and lone[0] is best[2] and best[1] == _headline_texts(lone[0])[0]:
        return best[1], best[2]
    # the h1 is a site or section label ("News-Archiv"): one of the first h2s that is the declared title
    h2s = [h for h in list(tree.iter("h2"))[:3] if not _COMMENT_HEADING.search(
        " ".join(f"{a.get('class', '')} {a.get('id', '')}" for a in [h, *list(h.iterancestors())[:4]]))]
    second = _best_heading(h2s, [], declared, site_names) if declared else None
    if second is not None and max(token_f1(second[1], d) for d, _ in declared) >= 0.8:
        return second[1], second[2]
    return None


def _best_heading(candidates: list[HtmlElement], marked: list[HtmlElement], declared: list[tuple[str, float]],
                  site_names: Sequence[str]) -> tuple[float, str, HtmlElement] | None:
    """The candidate heading text that best matches a declared title: (score, text, element)."""
    best: tuple[float, str, HtmlElement] | None = None
    for element in candidates:
        if _hidden(element) or _links_home(element):
            continue
        for text in _headline_texts(element):
            if len(text) > 300 or not any(c.isalpha() for c in text) or is_site_name(text, site_names):
                continue
            score = max((_match(text, d) * weight for d, weight in declared), default=0.0)
            if score >= 0.5:  # marked up as the article's headline, inside the article: more likely it
                score += 0.05 * (element in marked) + 0.05 * any(a.tag == "article" for a in element.iterancestors())
            if best is None or score > best[0]:
                best = (score, text, element)
    return best


def _match(text: str, declared: str) -> float:
    """How well a shown headline matches a declared title (1.0 equal; 0.9 when one is the other + kicker)."""
    a, b = fold(text), fold(declared)
    if a == b:
        return 1.0
    if b.startswith(a) or b.endswith(a):
        return max(0.9, token_f1(text, declared))
    return token_f1(text, declared)


def _hidden(element: HtmlElement) -> bool:
    marker = f"{element.get('class', '')} {element.get('id', '')}"
    return element.get("aria-hidden") == "true" or bool(_HIDDEN.search(marker))


def _links_home(element: HtmlElement) -> bool:
    """An h1 that is the site's logo: its text is one link to the home page."""
    links = list(element.iter("a"))
    if len(links) != 1 or links[0].get("rel") == "home":
        return len(links) == 1
    href = links[0].get("href") or ""
    return bool(re.match(r"^(?:https?://[^/]+)?/?(?:index\.\w+)?$", href.strip()))


def _headline_texts(element: HtmlElement) -> list[str]:
    """The h1's shown text; for an h1 made of a kicker and a headline, also each without the other."""
    children = [c for c in element if isinstance(c.tag, str) and c.tag not in ("br", "script", "style")][:6]
    marked = [c for c in children if any(_HEADLINE_PART.search(t) for t in (c.get("class") or "").split())]
    if len(marked) == 1 and len(children) > 1:  # <span class="kicker-ish">…</span><span class="headline">…</span>
        return [t for t in [_trim(_shown_text(marked[0]))] if t]
    kickers = [c for c in children if c.tag == "small" or any(
        _KICKER.search(token) and "hidden" not in token for token in (c.get("class") or "").split())]
    hidden = [c for c in children if _hidden(c)]
    if kickers and hidden and all(_SEPARATOR_ONLY.match(c.text_content()) for c in hidden):
        # "Kicker<span class=sr-only> - </span>Headline": read (and declared) as one headline
        return [t for t in [_trim(element.text_content())] if t]
    if kickers:  # the headline is what the h1 shows besides its kicker line
        return [t for t in [_trim(_shown_text(element, skip=kickers[0]))] if t]
    texts = [_trim(_shown_text(element))]
    texts += [_trim(_shown_text(element, skip=child)) for child in children]
    texts += [_trim(_shown_text(child)) for child in children]
    return [t for t in dict.fromkeys(texts) if t]


def _trim(text: str) -> str:
    """Shown text without the separator left at an edge by a removed kicker (": Headline")."""
    return _EDGE_JUNK.sub("", clean(text).strip(" :|–—-·•"))


def _shown_text(element: HtmlElement, skip: HtmlElement | None = None) -> str:
    """The element's text as shown: hidden parts and ``skip`` left out, inline children joined without a space."""
    pieces: list[str] = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag in _ANNOTATIONS:
            pass
        elif (child is not skip and isinstance(child.tag, str) and child.tag not in ("script", "style", "noscript")
                and not _hidden(child)):
            inner = _shown_text(child)
            pieces.append(inner if child.tag in _INLINE else f" {inner} ")
        elif isinstance(child.tag, str) and child.tag not in _INLINE:
            pieces.append(" ")
        pieces.append(child.tail or "")
    return "".join(pieces)


def _content_block(element: HtmlElement) -> bool:
    """An article, main or section element, or a block marked as the page's content: a ``<header>`` inside it
    heads that content, it is not the site's header."""
    if element.tag in ("article", "main", "section"):
        return True
    return bool(_CONTENT_MARK.search(f"{element.get('class', '')} {element.get('id', '')}"))


def _in_chrome(element: HtmlElement) -> bool:
    """Whether ``element`` sits in the page's chrome (site header, navigation, footer, sidebar, a dialog)."""
    node: HtmlElement | None = element
    for _ in range(6):
        if node is None:
            return False
        marker = f"{node.get('class', '')} {node.get('id', '')}"
        if node.tag in _CHROME or _CHROME_CLASS.search(marker):
            # the article's own header is not chrome
            return node.tag not in ("header", "footer") or not any(_content_block(a) for a in node.iterancestors())
        node = node.getparent()
    return False
