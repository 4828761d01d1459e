"""Patterns for page text and PDF text (data only; the logic is in text_*.py and reflow.py).

Phrase lists are small and multilingual-minded: the line model learns mostly from measured
signals (length, punctuation, stop words, neighbours); these lists only name *why* a dropped
line was dropped, and give the model a few hints.
"""

from __future__ import annotations

import re

# Function words of the languages the captures are mostly in (en, de, es, fr, it, pt, nl, pl).
STOP_WORDS: frozenset[str] = frozenset(["the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "with", "from", "by", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "this", "that", "these", "those", "not", "but", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "who", "which", "what", "when", "there", "than", "then", "also", "will", "would", "can", "could", "said", "says", "into", "about", "after", "over", "more", "der", "die", "das", "und", "oder", "ein", "eine", "einer", "eines", "einem", "einen", "zu", "im", "in", "am", "an", "auf", "für", "mit", "von", "vom", "zum", "zur", "des", "dem", "den", "ist", "sind", "war", "waren", "wird", "werden", "hat", "haben", "nicht", "auch", "sich", "sie", "er", "es", "wir", "ich", "bei", "nach", "aus", "wie", "dass", "als", "noch", "nur", "so", "um", "über", "aber", "oder", "wenn", "man", "el", "la", "los", "las", "un", "una", "unos", "y", "o", "de", "del", "en", "con", "por", "para", "es", "son", "fue", "que", "se", "su", "sus", "al", "como", "más", "pero", "lo", "le", "le", "la", "les", "un", "une", "des", "et", "ou", "de", "du", "en", "dans", "sur", "pour", "avec", "par", "est", "sont", "été", "qui", "que", "se", "sa", "son", "ses", "au", "aux", "il", "elle", "ne", "pas", "plus", "mais", "ce", "cette", "il", "lo", "gli", "le", "un", "una", "e", "o", "di", "da", "in", "con", "per", "è", "sono", "che", "si", "del", "della", "nel", "non", "o", "a", "os", "as", "um", "uma", "e", "ou", "de", "do", "da", "em", "no", "na", "com", "por", "para", "é", "são", "que", "se", "não", "de", "het", "een", "en", "of", "van", "in", "op", "met", "voor", "is", "zijn", "dat", "die", "niet", "ook", "i", "w", "z", "na", "do", "się", "nie", "to", "że", "jest", "od", "o", "za", "jak", "po"])

SENTENCE_END = re.compile(r"[.!?…。！？:]['\"’”»)\]]*$")
STRICT_SENTENCE_END = re.compile(r"[.!?…。！？]['\"’”»)\]]*$")
SENTENCE_MARKS = ".!?…。！？"  # STRICT_SENTENCE_END's marks (SENTENCE_END adds ":") ...
CLOSING_MARKS = "'\"’”»)]"  # ... and what may follow them, as plain characters
URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
LINK_LIKE = re.compile(r"https?://|www\.|\S@\S|^#\w|\.(?:com|org|net|de|fr|es|uk)\b", re.IGNORECASE)
DATE_LIKE = re.compile(
    r"\b\d{1,2}[./-]\s?\d{1,2}[./-]\s?\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober"
    r"|dezember|enero|febrero|marzo|abril|mayo|junio|julio|agosto|janvier|février|mars|avril|juin"
    r"|juillet|août)\w*\.?\s+\d{1,4}\b|\b\d{1,2}\.?\s+(?:jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt"
    r"|oct|nov|dez|dec)\w*",
    re.IGNORECASE,
)
# A date line's label: an "updated" date is taken only when no date line near the headline is unlabelled.
DATE_UPDATED = re.compile(r"\b(?:updated|update|last modified|modified|aktualisiert|geändert|zuletzt|mis à jour"
                          r"|actualizado|aggiornato|bijgewerkt|zaktualizowano|aktualizacja)\b", re.IGNORECASE)
DATE_PUBLISHED = re.compile(r"\b(?:published|posted|first published|veröffentlicht|erschienen|publié|publicado"
                            r"|pubblicato|gepubliceerd|opublikowano|publikacja)\b", re.IGNORECASE)
# cheap shapes for the line model's features (searched over whole documents)
DATE_FEATURE = re.compile(  # (opening with one "\d", re skips to the digits instead of trying every character)
    r"\d\d{0,3}(?:[./:-]\s?\d{1,2}|\.?\s(?:jan|feb|mar|mär|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]))",
    re.IGNORECASE)
CREDIT_FEATURE = re.compile(
    r"^(?:foto|photo|bild|picture|image|imagen|credit|quelle)s?\s?:|^©|^\(c\)|\s/\s", re.IGNORECASE)
LINK_FEATURE = re.compile(r"://|www\.|@\w|\.(?:com|org|net|de|fr|es|uk)\b")
SEPARATORS = re.compile(r"[|•·»›/]")
COUNTER = re.compile(r"^\(?\d[\d.,]*\)?\s*(?:\w+)?$")
CLOSE_MARK = re.compile(r"^[×✕✖xX]$|^(?:close|schließen|fermer|cerrar)$", re.IGNORECASE)
CLOSE_MARK_CHARS = 9  # no longer line is a CLOSE_MARK ("schließen")

# Print furniture of pdftotext output (Chromium print header and footer).
PRINT_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?$")
PAGE_COUNTER = re.compile(r"^\d{1,3}\s*/\s*\d{1,3}$")
ORIGINAL_URL = re.compile(r"^(?:original\s+url|originally\s+published\s+at|source)\s*:\s*(\S*)$", re.IGNORECASE)
RELATED_PROMO = re.compile(
    r"^(?:related(?:\s+article|\s+story)?|read\s+(?:more|also)|see\s+also|more\s+on\s+this|lesen\s+sie\s+auch"
    r"|mehr\s+zum\s+thema|auch\s+interessant|weitere\s+artikel|lire\s+aussi|à\s+lire\s+aussi|lea\s+también"
    r"|le\s+puede\s+interesar|leggi\s+anche)\s*:\s*(.*)$",
    re.IGNORECASE,
)

# The label of a photo credit ("Foto:", "Photos:", "Credit:").
_CREDIT_WORD = r"(?:foto|photo|bild|picture|image|imagen|credit|fotos|photos)s?\s*:"

# Credit of a photo: "Name / Agency", "Foto: Name", "Photo: Agency", "(c) Agency", "© Agency".
CREDIT = re.compile(
    rf"^(?:{_CREDIT_WORD}|©|\(c\)|copyright\b)"
    r"|^[\w.\-' ]{2,40}(?:\s/\s[\w.\-' ]{2,40}){1,3}$",
    re.IGNORECASE,
)

PHOTO_AGENCIES = re.compile(
    r"\b(?:getty|afp|reuters|dpa|ap|imago|shutterstock|istock|picture[\s-]alliance|keystone|epa|efe|ansa"
    r"|anadolu|xinhua|sipa|alamy|unsplash|pexels|wikimedia|zuma|bloomberg|nurphoto|ddp|photo|foto)\b",
    re.IGNORECASE,
)

CREDIT_LABEL = re.compile(f"^{_CREDIT_WORD}", re.IGNORECASE)

# A credit that ends its caption's line, its words in group 1: "... in 2025. Photo: Jane Roe / Agency",
# "... (Bild: Jane Roe)".
INLINE_CREDIT = re.compile(rf"(?:(?<=[.!?\"”’)])\s+|^)\(?({_CREDIT_WORD}\s*\w[^()]{{1,79}}?)\)?$", re.IGNORECASE)

BYLINE = re.compile(r"^(?:by|von|por|par|di|door|przez|autor(?:in)?|author|text)\s*:?\s+(.{2,80})$",
                    re.IGNORECASE)
AGENCIES: frozenset[str] = frozenset((
    "AP", "AFP", "Reuters", "dpa", "DPA", "Associated Press", "Agence France-Presse", "Bloomberg", "EFE",
    "ANSA", "KNA", "epd", "APA", "SDA", "Keystone-SDA", "PA", "Press Association", "UPI", "Xinhua", "TASS",
    "Kyodo", "Europa Press",
))

# Why a dropped line was dropped: (kind, phrases). The first kind with a phrase in the line names it.
# Phrases are matched in the lower-cased line as plain substrings (stems: "donat" finds "donate",
# "donation"); a phrase starting with "^" must open the line and end at a word boundary.
REMOVED_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("consent", ("cookie", "consent", "datenschutzeinstellung", "privacy settings", "privacy policy",
                 "privacy preferences", "accept all", "alle akzeptieren", "tout accepter", "aceptar",
                 "zustimm", "einwilligung", "rgpd", "gdpr", "dsgvo")),
    ("newsletter", ("newsletter", "subscribe", "sign up", "abonn", "suscrib", "inscri", "email address",
                    "e-mail address", "e-mail-adresse")),
    ("appeal", ("donat", "spende", "support us", "support our", "unterstütz", "remind me", "contribut",
                "paypal", "per month", "monthly", "one-time", "onetime", "annual", "monatlich", "jährlich",
                "einmalig", "ad-free", "adfree", "werbefrei", "become a member", "mitglied werden",
                "dear reader", "liebe leser")),
    ("share", ("^share", "^teilen", "^partager", "^compartir", "^condividi", "^tweet", "^facebook",
               "^twitter", "^whatsapp", "^linkedin", "^pinterest", "^e-mail", "^email", "^mail", "^print",
               "^drucken", "^imprimer", "^copy link", "^link kopieren", "^reddit", "^telegram", "^xing",
               "^flipboard", "^messenger", "^x")),
    ("comments", ("comment", "kommentar", "commentaire", "comentario", "leserbrief", " reply", "antworten",
                  "responder")),
    ("related-promo", ("^related", "^read more", "^more from", "^more stories", "^you may also",
                       "^recommended", "^mehr zum", "^lesen sie auch", "^weitere", "^das könnte",
                       "^auch interessant", "^most read", "^most popular", "^meistgelesen", "^trending",
                       "^top stories", "^lire aussi", "^à lire", "^más noticias", "^lo más")),
    ("footer", ("©", "(c) ", "copyright", "all rights reserved", "alle rechte", "impressum", "imprint",
                "terms of", "nutzungsbedingungen", "datenschutz", "mentions légales", "aviso legal",
                "contact us", "kontakt", "about us", "über uns", "qui sommes", "quiénes somos", "chi siamo")),
    ("header", ("^banned", "^blocked", "^access denied", "^this site is", "^diese seite")),
)
