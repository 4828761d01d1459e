"""Patterns for page metadata, as data: agencies, byline words, title separators, date keys.

Logic lives in ``metadata.py`` and the ``meta_*.py`` modules; this module only lists what to look for.
Lists are small and multilingual-minded; a name is matched case-insensitively unless noted.
"""

from __future__ import annotations

import re

#: Wire services and agencies, canonical spelling -> spellings seen in bylines, datelines and credits.
AGENCIES: dict[str, tuple[str, ...]] = {
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse", "AFP/Getty Images"),
    "Reuters": ("Reuters", "Thomson Reuters"),
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "dpa": ("dpa", "Deutsche Presse-Agentur", "dpa/tmn", "dpa-infocom"),
    "dpa-AFX": ("dpa-AFX",),
    "PTI": ("PTI", "Press Trust of India"),
    "ANI": ("ANI", "Asian News International"),
    "IANS": ("IANS",),
    "UNI": ("UNI", "United News of India"),
    "EFE": ("EFE", "Agencia EFE"),
    "Europa Press": ("Europa Press",),
    "ANSA": ("ANSA",),
    "Xinhua": ("Xinhua", "Xinhua News Agency"),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Yonhap": ("Yonhap",),
    "KNA": ("KNA", "Katholische Nachrichten-Agentur"),
    "epd": ("epd", "Evangelischer Pressedienst"),
    "epdÖ": ("epdÖ", "epdö"),
    "APA": ("APA", "Austria Presse Agentur"),
    "SDA": ("SDA", "Keystone-SDA", "sda", "ats"),
    "dts": ("dts", "dts Nachrichtenagentur"),
    "SID": ("SID", "Sport-Informations-Dienst"),
    "Belga": ("Belga",),
    "ANP": ("ANP",),
    "PAP": ("PAP", "Polska Agencja Prasowa"),
    "TT": ("TT Nyhetsbyrån",),
    "NTB": ("NTB",),
    "Ritzau": ("Ritzau",),
    "AAP": ("AAP", "Australian Associated Press"),
    "PA": ("PA", "PA Media", "Press Association"),
    "CP": ("The Canadian Press", "Canadian Press"),
    "UPI": ("UPI", "United Press International"),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
    "TASS": ("TASS", "ITAR-TASS"),
    "Interfax": ("Interfax",),
    "Anadolu": ("Anadolu", "Anadolu Agency", "AA"),
    "EPA": ("EPA", "EPA-EFE"),
    "CNA": ("CNA", "Central News Agency"),
    "AFX": ("AFX",),
    "ots": ("ots", "news aktuell", "OTS"),
    "JTA": ("JTA", "Jewish Telegraphic Agency"),
    "Kathpress": ("Kathpress",),
    "Lusa": ("Lusa",),
    "Notimex": ("Notimex",),
    "Andina": ("Andina",),
    "Agência Brasil": ("Agência Brasil", "Agencia Brasil"),
    "Télam": ("Télam", "Telam"),
    "Prensa Latina": ("Prensa Latina",),
    "Bernama": ("Bernama",),
    "Antara": ("Antara",),
    "WAFA": ("WAFA",),
    "Ukrinform": ("Ukrinform",),
    "Agerpres": ("Agerpres",),
    "CTK": ("ČTK", "CTK"),
    "MTI": ("MTI",),
    "STA": ("STA",),
    "HINA": ("HINA",),
    "Tanjug": ("Tanjug",),
}

#: Spellings that count as an agency only in a dateline or a bare credit, never inside a sentence.
SHORT_AGENCY_SPELLINGS: frozenset[str] = frozenset({"AP", "PA", "AA", "TT", "CP", "UNI", "APA", "SDA", "ats"})

#: Words that open a byline, in several languages ("By", "Von", "Par", "Por", ...).
BYLINE_PREFIXES: tuple[str, ...] = (
    "written by:", "written by", "posted by", "reported by", "story by", "text by", "words by", "interview by",
    "view all posts by", "all posts by", "alle beiträge von", "zeige alle beiträge von", "more from",
    "by", "from", "von", "author", "authors", "autorin", "autoren", "text:", "text von", "ein artikel von", "ein beitrag von", "autor:", "autorin:",
    "autoren:", "author:", "authors:", "par", "de", "por", "por:", "di", "a cura di", "door", "av", "af",
    "przez", "autor", "autorka", "auteur", "auteure", "autora", "autore", "un documentaire de", "un reportage de", "redakcja:", "scritto da", "escrito por", "publié par", "verfasst von",
    "geschrieben von", "tekst:", "texto:", "texte:", "reporter:", "interview:", "eingestellt von", "gepostet von",
)

#: An interview credit "<guest> im Gespräch mit <interviewer>": the interviewer after it is the author.
INTERVIEW_CREDIT = re.compile(
    r"\s+(?:im gespräch mit|im interview mit|in conversation with|interviewed by|en conversation avec|"
    r"en entretien avec|in conversazione con|en conversación con)\s+",
    re.IGNORECASE,
)

#: Joiners between names in one byline.
NAME_JOINERS = re.compile(
    r"\s*(?:,|;|&|\||\s\+\s)\s*|\s+(?:and|und|et|y|e|i|en|og|och|sowie|with|und von)\s+",
    re.IGNORECASE,
)

#: Organisation markers: a byline segment carrying one names no person.
ORGANISATION_WORDS = re.compile(
    r"\b(?:e\.\s?V|GmbH|AG|Inc|Ltd|LLC|Verein|Verband|Stiftung|Institut|Universit\w*|Partei|Fraktion|Redaktion|"
    r"Team|Group|Gruppe|Media|Medien|News|Online|Magazin|Magazine|Zeitung|Verlag|Press|Presse|Blog|Kreuz|"
    r"Ministerium|Ministry|Department|Agentur|Agency|Association|Society|Council|Office|Club|Foundation|"
    r"Redacci\w+|Rédaction|Redazione|Redakcja|Staff|Desk|Newsroom|SE|KG|Co|Editorial|Editora|Verlag|Radio|TV|"
    r"Programme|Program|Project|Projekt|Initiative|Network|Netzwerk|Forum|Wirtschaftsforum)\b"
    r"|\w(?:magazin|zeitung|verlag|verband|redaktion|agentur|institut|portal|blog|online|news)\b",
)

#: A byline entry that names no person: desks, staff accounts, CMS users.
NOT_A_PERSON = re.compile(
    r"^(?:mail|e-?mail|kontakt|contact|profil|profile|more|mehr|weitere|twitter|facebook|home|startseite|posted|"
    r"written|geschrieben|veröffentlicht|archives?|website|github|youtube|linkedin|instagram|rss|collectif|"
    r"kollektiv|collective|nachricht|auteur|autore|autora|"
    r"admin(?:istrator)?|editor(?:s|ial)?(?: team| staff| desk)?|staff(?: writer| reporter)?s?|"
    r"(?:the |our )?(?:news|web|online|digital|sport|sports|city|metro|business|politics)? ?(?:desk|team|staff|"
    r"redaktion|newsroom|online-redaktion)|redaktion|red\.?|redaktion online|newsdesk|gast(?:autor)?|guest|"
    r"anonymous|unknown|webmaster|user|wp(?:admin)?|root|team|the team|dpa|agencies|agency|agenturen|"
    r"pressemitteilung|press release|pressestelle|presse|sponsored|partner|contributor|editorial board)$",
    re.IGNORECASE,
)

#: Words that mark a byline segment as a job title or affiliation, not a name.
ROLE_WORDS = re.compile(
    r"\b(?:correspondent|reporter|editor|writer|columnist|contributor|journalist|analyst|professor|"
    r"director|president|ceo|chief|senior|staff|associate|deputy|managing|bureau|head|fellow|author|"
    r"photographer|photos?|video|illustration|korrespondent(?:in)?|redakteur(?:in)?|autor(?:in)?|"
    r"chefredakteur(?:in)?|ressortleiter(?:in)?|journalist(?:in)?|reporter(?:in)?|volontär(?:in)?|"
    r"correspondant|rédact(?:eur|rice)|journaliste|corresponsal|redactor|periodista|giornalista|"
    r"inviato|redaktor|dziennikarz|expert[ei]n?|experte|bildrechte|bildquelle|copyright|rights|rechtsanw\w*|anw[aä]lt\w*|"
    r"lawyer|attorney|pfarrer\w*|updated|aktualisiert|published|veröffentlicht|min(?:ute)?s? read|"
    r"lesezeit|follow|twitter|email|e-mail|facebook|instagram|linkedin|contact|kontakt)\b",
    re.IGNORECASE,
)

#: Honorifics dropped in front of a name.
HONORIFICS = re.compile(r"^(?:(?:prof|dr|mr|mrs|ms|mme|m|hr|fr|sir|dame|rev|hon)\.?\s+)+", re.IGNORECASE)

#: Separators between a headline and a site name in ``<title>``/``og:title``.
TITLE_SEPARATORS: tuple[str, ...] = (" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » ", " / ", " ~ ", " › ", " ‹ ", " >> ",
                                     " : ", ": ", " ― ", " ‒ ")

#: Boilerplate that CMS templates put before a title ("Blog Archive » Headline").
TITLE_JUNK_PREFIX = re.compile(r"^(?:blog archiv(?:e)?|archiv(?:e|es)?|home|startseite|accueil|inicio)\s*[»|:›>-]\s*",
                               re.IGNORECASE)

#: Classes/ids/attributes that hold a visible byline (XPath, evaluated against the body).
BYLINE_XPATH = (
    "//@class[contains(.,'yline') or contains(.,'uthor') or contains(.,'utor') or contains(.,'by-line')"
    " or contains(.,'firma') or contains(.,'writer') or contains(.,'posted-by')]/.."
    " | //@id[contains(.,'yline') or contains(.,'uthor')]/.. | //@rel[.='author']/.. | //@itemprop[.='author']/.."
    " | //byline"
)

#: Classes of an author box (a bio card with the author's name, under the headline or after the text).
AUTHOR_BOX_CLASSES = re.compile(
    r"(?:author|autor)(?:en)?[-_ ]?(?:bio|box|info|card|profile|details)|(?:about|über)[-_ ]?(?:the[-_ ])?(?:author|autor)"
    r"|\b(?:box|card)\b.*\b(?:author|autor)\b|\b(?:author|autor)\b.*\b(?:box|card)\b",
    re.IGNORECASE,
)

#: Class fragments of byline candidates that are not bylines (author boxes, comment authors, ...).
BYLINE_NOISE_CLASSES = re.compile(
    r"comment|reply|avatar|author-?bio|authorbio|about-?author|author-?box|author-?image|author-?img|"
    r"author-?photo|author-?pic|author-?desc|description|social|follow|related|teaser|footer|sidebar|"
    r"popular|recommend|more-from|newsletter|share|autorenbox|"
    r"references|reference-?list|citation|bibliograph|teaser-box|byline-?photo|credit|cutline|caption|byline-?image|kontext|"
    r"liste\b|keywords",
    re.IGNORECASE,
)

#: JSON-LD @type values of an article.
ARTICLE_TYPES: frozenset[str] = frozenset({
    "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
    "BlogPosting", "LiveBlogPosting", "BackgroundNewsArticle", "ReviewNewsArticle", "TechArticle",
    "ScholarlyArticle", "SocialMediaPosting", "Report", "WebPage", "Recipe", "Review", "AskPublicNewsArticle",
    "SatiricalArticle", "VideoObject", "ItemPage", "AboutPage", "MedicalWebPage", "CreativeWork", "Posting",
    "DiscussionForumPosting", "Blog", "Event",
})

#: Publisher-like JSON-LD types.
ORG_TYPES: frozenset[str] = frozenset({"Organization", "NewsMediaOrganization", "Corporation", "WebSite",
                                        "LocalBusiness", "EducationalOrganization", "GovernmentOrganization",
                                        "Newspaper", "Periodical"})

#: <meta> keys for the publication date, best first (lower-cased name/property/itemprop).
PUBLISHED_META_KEYS: tuple[str, ...] = (
    "article:published_time", "og:article:published_time", "datepublished", "article.published",
    "published_time", "publishdate", "publish-date", "publish_date", "pubdate", "parsely-pub-date",
    "sailthru.date", "article:published", "og:published_time", "cxenseparse:recs:publishtime",
    "article.created", "created", "originalpublicationdate", "displaydate", "releasedate", "citation_publication_date",
    "citation_date", "dc.created", "published-date", "article_date_original", "bt:pubdate", "pub_date",
    "og:pubdate", "date_published",
)

#: Generic date keys, weaker than the above and than microdata on the visible date.
WEAK_PUBLISHED_META_KEYS: tuple[str, ...] = (
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "dc.date.created", "date",
    "datecreated", "timestamp",
)

#: Words that label a shown date as the publication date ("Published: 12 May 2019", "Erschienen am 12.05.2019").
PUBLISHED_LABELS = re.compile(
    r"^\s*(?:published(?: on)?|first published|posted(?: on)?|erschienen(?: am)?|veröffentlicht(?: am)?|"
    r"publiziert(?: am)?|publié le|publicado(?: el| em)?|pubblicato(?: il)?|gepubliceerd(?: op)?|"
    r"opublikowano|publicerad|udgivet)\s*:?",
    re.IGNORECASE,
)

#: <meta> keys for the modification date.
MODIFIED_META_KEYS: tuple[str, ...] = (
    "article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "dc.date.modified",
    "last-modified", "lastmod", "modified", "article.updated", "revised", "og:article:modified_time",
)

#: <meta> keys naming the author (lower-cased).
AUTHOR_META_KEYS: tuple[str, ...] = (
    "author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author",
    "byl", "citation_author", "twitter:creator", "authors", "cxenseparse:author", "og:article:author",
    "article.author", "dc.creator.personalname",
)

#: <meta> keys naming the site.
SITE_META_KEYS: tuple[str, ...] = ("og:site_name", "application-name", "apple-mobile-web-app-title",
                                   "twitter:app:name:iphone", "publisher", "dc.publisher", "copyright")

#: Photo-credit markers between a caption and its credit ("Photo: Jane Doe/AFP", "Foto: dpa", "© Reuters").
CREDIT_MARKERS = re.compile(
    r"(?:\s*[|/·–—-]\s*|\s+|^)(?:\(?(?:photo(?:graph)?s?|pictures?|image|picture|credit|foto(?:s|grafie)?|"
    r"bild(?:er)?|quelle|source|fonte|crédit(?:s)? photo|photo ?credit|illustration|grafik|graphic|"
    r"video|zdjęcie|fot\.)\s*(?:by\s*)?[:©]\s*|\(?©\s*|\(?copyright\s*:?\s*)",
    re.IGNORECASE,
)

#: Month names (several languages) -> month number, for visible dates.
MONTHS: dict[str, int] = {
    **{m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                   "september", "october", "november", "december"), 1)},
    **{m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                   "dec"), 1)},
    "sept": 9,
    **{m: i for i, m in enumerate(("januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
                                   "september", "oktober", "november", "dezember"), 1)},
    "jänner": 1, "mrz": 3, "okt": 10, "dez": 12,
    **{m: i for i, m in enumerate(("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                                   "septembre", "octobre", "novembre", "décembre"), 1)},
    **{m: i for i, m in enumerate(("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                                   "septiembre", "octubre", "noviembre", "diciembre"), 1)},
    **{m: i for i, m in enumerate(("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
                                   "agosto", "settembre", "ottobre", "novembre", "dicembre"), 1)},
    **{m: i for i, m in enumerate(("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
                                   "agosto", "setembro", "outubro", "novembro", "dezembro"), 1)},
    **{m: i for i, m in enumerate(("januari", "februari", "maart", "april", "mei", "juni", "juli",
                                   "augustus", "september", "oktober", "november", "december"), 1)},
    **{m: i for i, m in enumerate(("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
                                   "sierpnia", "września", "października", "listopada", "grudnia"), 1)},
    **{m: i for i, m in enumerate(("styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec",
                                   "sierpień", "wrzesień", "październik", "listopad", "grudzień"), 1)},
}

#: Weekday names (the languages of MONTHS), full and short.
WEEKDAYS: frozenset[str] = frozenset((
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
    "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
    "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    "poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela",
))

#: Weekdays as a date printed after a byline abbreviates them ("Jane Doe Mo, 12.03.").
WEEKDAY_ABBREVIATIONS: frozenset[str] = frozenset(
    {"mo", "di", "mi", "do", "fr", "sa", "so", "mon", "tue", "wed", "thu", "fri", "sat", "sun"})

#: Visible date shapes: (regex, order of groups) with named groups d, m, y.
VISIBLE_DATES: tuple[re.Pattern[str], ...] = (
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)\b"),
    re.compile(r"\b(?P<d>[0-3]?\d)\.\s?(?P<m>[01]?\d)\.\s?(?P<y>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)\b"),
    re.compile(r"\b(?P<d>[0-3]?\d)(?:\.|st|nd|rd|th)?\s+(?:de\s+|of\s+)?(?P<mn>[^\W\d_]{3,12})\.?,?\s+(?:de\s+)?"
               r"(?P<y>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<mn>[^\W\d_]{3,10})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b"),
    re.compile(r"(?<![\w.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<yy>[0-3]\d)(?:\s+[0-2]?\d:[0-5]\d|\s*$)"),
)

#: Dates in URLs: /2019/05/12/, /2019-05-12-, /20190512/.
URL_DATE = re.compile(r"/((?:19|20)\d\d)[/_-]([01]\d)[/_-]([0-3]\d)(?:[/_-]|\.html|$)|/((?:19|20)\d\d)([01]\d)([0-3]\d)/")
