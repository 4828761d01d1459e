"""Score page metadata against hand labels, as /work/shared/METADATA_RULES.md defines it.

    python bench/score_metadata.py preds.json [truth.json]

``preds.json``: {key: {"title", "authors", "agency", "site", "published", "url", "language"}}.
Truth: ``bench/data/metadata_truth.json`` when present, else every ``bench/data/labels/*.json`` merged.

- title: exact after NFKC, quotes/dashes unified, case folded, whitespace collapsed, punctuation trimmed
  at both ends; and token-F1
- authors: set-F1 over normalised names (accents, case, dots removed), averaged over pages with >= 1
  author; and the number of authors predicted on pages with none
- published: the first YYYY-MM-DD of the prediction equals the label (and: or one of ``published_alt``)
- site: normalised (URL -> host, leading "the", punctuation, .com/.co.uk dropped) equals name or an alias
- language: exact ISO 639-1
- agency (reported, not a target): normalised equality (spellings of one wire service are one), empty = empty
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
LABELS = HERE / "data" / "labels"
TRUTH = HERE / "data" / "metadata_truth.json"

_QUOTES = str.maketrans({c: "'" for c in "\u2018\u2019\u201a\u201b\u2032`´"} | {c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"})
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
Row = Mapping[str, Any]


def load_truth(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """The labelled pages: one truth file, or all label parts merged (later parts win on a clash)."""
    if path is not None:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    if TRUTH.exists():
        return dict(json.loads(TRUTH.read_text(encoding="utf-8")))
    merged: dict[str, dict[str, Any]] = {}
    for part in sorted(LABELS.glob("*.json")):
        try:
            merged.update(json.loads(part.read_text(encoding="utf-8")))
        except ValueError as exc:  # a part being written right now: skip it, say so
            print(f"warning: {part.name} is not valid JSON yet ({exc})", file=sys.stderr)
    return merged


def norm_title(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    text = _DASHES.sub("-", text).casefold()
    return _EDGE_PUNCT.sub("", " ".join(text.split()))


def token_f1(pred: str | None, gold: str | None) -> float:
    a, b = re.findall(r"\w+", norm_title(pred)), re.findall(r"\w+", norm_title(gold))
    if not a or not b:
        return float(a == b)
    pool, common = list(b), 0
    for token in a:
        if token in pool:
            pool.remove(token)
            common += 1
    return 2 * common / (len(a) + len(b))


def norm_name(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).replace(".", " ")
    return " ".join(text.casefold().split())


def set_f1(pred: Iterable[str], gold: Iterable[str]) -> float:
    p, g = {norm_name(n) for n in pred if n.strip()}, {norm_name(n) for n in gold if n.strip()}
    if not p and not g:
        return 1.0
    tp = len(p & g)
    return 2 * tp / (len(p) + len(g)) if tp else 0.0


def norm_site(text: str | None) -> str:
    text = (text or "").strip()
    if re.match(r"^https?://", text):
        text = urlsplit(text).netloc
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"^www\.", "", text)
    text = re.sub(r"\.(com|co\.uk)$", "", text)
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[\W_]+", "", text)


def norm_agency(text: str | None) -> str:
    """An agency's key: spellings of one wire service are one ("AP" = "Associated Press")."""
    try:
        from newsfuse.extract.meta_agency import agency_of
    except ImportError:  # scoring without newsfuse installed: names as written
        return norm_site(text)
    return norm_site(agency_of(text or "") or text)


def first_day(text: str | None) -> str | None:
    match = _DAY.search(text or "")
    return match.group(0) if match else None


def score(preds: Mapping[str, Row], truth: Mapping[str, Row]) -> dict[str, Any]:
    """Every metric over the labelled pages (a page missing from ``preds`` counts as all wrong)."""
    t_exact: list[float] = []
    t_f1: list[float] = []
    a_f1: list[float] = []
    spurious = spurious_pages = no_author_pages = 0
    d_exact: list[float] = []
    d_alt: list[float] = []
    s_ok: list[float] = []
    l_ok: list[float] = []
    g_ok: list[float] = []
    for key, gold in truth.items():
        pred = preds.get(key, {})
        if gold.get("title"):
            t_exact.append(float(norm_title(pred.get("title")) == norm_title(gold["title"])))
            t_f1.append(token_f1(pred.get("title"), gold["title"]))
        authors = [a for a in gold.get("authors") or [] if a and a.strip()]
        predicted = [a for a in pred.get("authors") or [] if a and a.strip()]
        if authors:
            a_f1.append(set_f1(predicted, authors))
        else:
            no_author_pages += 1
            spurious += len(predicted)
            spurious_pages += bool(predicted)
        if "published" in gold:
            day, gold_day = first_day(pred.get("published")), first_day(gold.get("published"))
            alts = {first_day(a) for a in gold.get("published_alt") or []} - {None}
            d_exact.append(float(day == gold_day))
            d_alt.append(float(day == gold_day or day in alts))
        if gold.get("site"):
            names = {norm_site(gold["site"]), *(norm_site(a) for a in gold.get("site_aliases") or [])}
            s_ok.append(float(norm_site(pred.get("site")) in names - {""}))
        if gold.get("language"):
            l_ok.append(float((pred.get("language") or "").lower() == gold["language"].lower()))
        if "agency" in gold:
            g_ok.append(float(norm_agency(pred.get("agency")) == norm_agency(gold.get("agency"))))
    mean = lambda xs: sum(xs) / len(xs) if xs else float("nan")
    return {
        "pages": len(truth),
        "title_exact": mean(t_exact), "title_token_f1": mean(t_f1), "title_n": len(t_exact),
        "authors_f1": mean(a_f1), "authors_n": len(a_f1), "spurious_authors": spurious,
        "spurious_author_pages": spurious_pages, "no_author_pages": no_author_pages,
        "published_exact": mean(d_exact), "published_with_alt": mean(d_alt), "published_n": len(d_exact),
        "site": mean(s_ok), "site_n": len(s_ok),
        "language": mean(l_ok), "language_n": len(l_ok),
        "agency": mean(g_ok), "agency_n": len(g_ok),
    }


def table(results: Mapping[str, Mapping[str, Any]]) -> str:
    """Markdown table, one column per system."""
    rows = [("title exact", "title_exact", "title_n"), ("title token-F1", "title_token_f1", "title_n"),
            ("authors set-F1", "authors_f1", "authors_n"),
            ("authors on author-less pages", "spurious_authors", "no_author_pages"),
            ("published exact", "published_exact", "published_n"),
            ("published (with alt)", "published_with_alt", "published_n"),
            ("site", "site", "site_n"), ("language", "language", "language_n"), ("agency", "agency", "agency_n")]
    names = list(results)
    lines = ["| metric | n | " + " | ".join(names) + " |", "|---|---|" + "---|" * len(names)]
    for label, key, n_key in rows:
        first = next(iter(results.values()))
        cells = []
        for name in names:
            value = results[name][key]
            cells.append(str(value) if isinstance(value, int) else f"{value:.3f}")
        lines.append(f"| {label} | {first[n_key]} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    preds = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    truth = load_truth(Path(argv[1]) if len(argv) > 1 else None)
    if not truth:
        print("skipped: no metadata labels found", file=sys.stderr)
        return 0
    print(table({"prediction": score(preds, truth)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
