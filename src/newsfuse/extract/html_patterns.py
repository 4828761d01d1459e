"""Patterns for HTML body extraction, as data (no logic here).

Kept small and multilingual-minded; each list was measured on the dev set (bench/bench_html.py).
"""

from __future__ import annotations

#: Container class/id words → why its text is not the article (matched as whole words of class/id).
CONTAINER_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("consent", ("cookie", "cookies", "consent", "gdpr", "cmp")),
    ("newsletter", ("newsletter", "subscribe", "subscription", "signup", "paywall")),
    ("appeal", ("support-box", "donate", "donation", "membership", "support-us")),
    ("share", ("share", "sharing", "social", "shariff", "sharebar")),
    ("related-promo", ("related", "recommended", "recommendations", "more-stories", "read-more", "readmore",
                       "most-read", "mostread", "popular", "trending", "teaser", "outbrain", "taboola",
                       "sidebar", "widget")),
    ("comments", ("comments", "comment", "disqus", "respond")),
    ("ad", ("ad", "ads", "advert", "advertisement", "banner", "sponsor", "sponsored", "promo")),
    ("navigation", ("nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "pagination")),
    ("caption", ("caption", "figcaption", "credit", "credits")),
    ("byline", ("byline", "author", "author-bio")),
    ("footer", ("footer", "site-footer")),
    ("header", ("header", "masthead", "site-header", "topbar")),
)

#: Tags whose text is never the article's, with the kind recorded.
TAG_KINDS: dict[str, str] = {
    "nav": "navigation",
    "footer": "footer",
    "header": "header",
    "aside": "related-promo",
    "figcaption": "caption",
    "form": "boilerplate",
}

#: Kinds of containers removed before body extraction (never article text, whatever the layout).
PRUNE_KINDS: frozenset[str] = frozenset({"consent", "newsletter", "appeal", "share", "navigation", "footer"})
#: A container with more text than this is not pruned (a wrapper misnamed, not a widget).
MAX_PRUNE_CHARS = 1500

#: Kinds whose links are promoted articles (Article.related).
RELATED_KINDS: frozenset[str] = frozenset({"related-promo"})

#: A body line starting like this points to another article ("Read also: <title>").
RELATED_LEADS: tuple[str, ...] = (
    r"read (?:more|also)\b", r"see also\b", r"related\s*:", r"also read\b", r"more on this\b",
    r"lesen sie (?:auch|hier|mehr)\b", r"auch lesen\b", r"mehr zum thema\b", r"siehe auch\b", r"lies auch\b",
    r"lea (?:también|más|además)\b", r"lea\s*:", r"vea (?:también|además)\b", r"mire\s*:", r"mira\s*:",
    r"te puede interesar\b", r"también te puede\b", r"lee también\b",
    r"(?:à )?lire aussi\b", r"voir aussi\b", r"leia (?:também|mais)\b", r"leggi anche\b",
    r"czytaj (?:też|także|również|więcej)\b", r"zobacz (?:też|także)\b",
)

#: A short body line that is exactly one of these is a section header of page furniture; the short
#: title-like lines right after it are promoted links.
RELATED_HEADERS: tuple[str, ...] = (
    r"related(?: (?:articles|stories|posts|content|news))?", r"more (?:stories|news|from \w+)",
    r"recommended(?: for you)?", r"most (?:read|popular)", r"you (?:may|might) also like",
    r"weitere (?:artikel|beiträge|themen|nachrichten)(?: zum thema)?", r"mehr themen", r"empfohlene beiträge",
    r"das (?:thema )?könnte (?:sie|dich) auch interessieren", r"schon gelesen\??", r"top-themen.*",
    r"kommentierte artikel", r"meistgelesen", r"notas relacionadas", r"noticias relacionadas", r"temas",
    r"más sobre .{1,40}", r"articles? (?:liés|similaires)", r"sur le même sujet", r"powiązane artykuły",
    r"inhaltsverzeichnis", r"beiträge aus dem forum", r"vorschau auf den nächsten artikel",
)

#: Short body lines of page furniture: credits, subscription and newsletter appeals, sharing prompts.
FURNITURE_LINES: tuple[str, ...] = (
    r"(?:photo|foto|bild|titelbild|image|credit|crédits? photos?|copyright|quelle: ?foto)s?\s*:.*",
    r"©.*", r".*\((?:photo|foto|credit)s?:[^)]*\)\.?", r".*(?:getty images|picture[- ]alliance|imago images)\W*",
    r".*\bsubscribe (?:now|to|today)\b.*", r".*\bsign up (?:for|to)\b.*newsletter.*", r".*newsletter\W*",
    r"(?:unterstütze|unterstützen sie)\b.*", r"follow (?:us|the \w+) on\b.*", r"síguenos en\b.*",
    r"siguenos en\b.*", r"teilen mit:?", r"share (?:this|on)\b.*", r"wird geladen\W*", r"bild anzeigen",
    r"(?:pour lire la suite|pour accéder en illimité).*", r"to view the full story.*",
    r"klicken sie auf den unteren button.*", r"alle angaben ohne gewähr\W*",
)

#: A short body line like this is the page's date line, not article text.
DATELINES: tuple[str, ...] = (
    (r"(?:published|updated|posted|last updated|veröffentlicht|aktualisiert|stand|publié|mis à jour|"
     r"publicado|actualizado|opublikowano|pubblicato)\b[^.!?]{0,60}\d[^.!?]{0,40}"),
)

#: Longest line (characters) the furniture and header rules may drop: real paragraphs are longer.
MAX_FURNITURE_CHARS = 200
#: Longest line taken as a promoted title after a related header.
MAX_TITLE_CHARS = 160
#: At most this many title lines follow one related header.
MAX_TITLES_AFTER_HEADER = 8
