"""Page metadata: newsfuse vs trafilatura's own metadata, on the hand-labelled dev-set pages.

    .venv/bin/python bench/bench_metadata.py [--limit N]

Reads the labels (see score_metadata.py), runs both on each labelled page's HTML, prints one score
table (and the date variants: own rules only, htmldate only) and writes bench/out/metadata.json.
Skips cleanly when the dev set or the labels are absent.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from lxml import html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devset import load_truth as load_devset
from devset import read_html, require_devset
from score_metadata import load_truth, score, table

from newsfuse.errors import CaptureError
from newsfuse.extract import meta_dates
from newsfuse.extract.html import parse_html
from newsfuse.extract.language import detect_language
from newsfuse.extract.metadata import extract_metadata

OUT = Path(__file__).resolve().parent / "out" / "metadata.json"


def parse(data: bytes) -> lxml_html.HtmlElement:
    try:
        return parse_html(data)
    except CaptureError:  # the html reader's own failures are not this benchmark's subject
        return lxml_html.document_fromstring(data)


def body_text(tree: lxml_html.HtmlElement, url: str | None) -> str:
    from trafilatura import bare_extraction

    doc = bare_extraction(tree, url=url, with_metadata=False)
    return (doc.text if doc is not None else "") or ""


def newsfuse_row(data: bytes, url: str | None) -> tuple[dict[str, Any], float]:
    tree = parse(data)
    start = time.perf_counter()
    meta = extract_metadata(tree, url)
    elapsed = time.perf_counter() - start
    language = detect_language(body_text(tree, url), meta.language_hint)
    return {"title": meta.title, "authors": list(meta.authors), "agency": meta.agency, "site": meta.site,
            "published": meta.published, "modified": meta.modified, "url": meta.url, "language": language,
            "language_hint": meta.language_hint,
            "images": [[i.caption, i.credit, i.src] for i in meta.images]}, elapsed


def trafilatura_row(data: bytes, url: str | None) -> tuple[dict[str, Any], float]:
    from trafilatura import bare_extraction
    from trafilatura.metadata import extract_metadata as traf_metadata
    from trafilatura.utils import language_classifier

    tree = parse(data)
    start = time.perf_counter()
    meta = traf_metadata(tree, default_url=url)
    elapsed = time.perf_counter() - start
    doc = bare_extraction(parse(data), url=url, with_metadata=False)
    text = (doc.text if doc is not None else "") or ""
    authors = [a.strip() for a in (meta.author or "").split(";") if a.strip()]
    return {"title": meta.title, "authors": authors, "agency": None, "site": meta.sitename,
            "published": meta.date, "url": meta.url, "language": language_classifier(text, "")}, elapsed


def date_variants(data: bytes, url: str | None) -> dict[str, str | None]:
    from htmldate import find_date

    tree = parse(data)
    own = None
    saved = meta_dates._htmldate
    meta_dates._htmldate = lambda *args, **kwargs: None  # benchmark only: own rules without the fallback
    try:
        own = extract_metadata(tree, url).published
    finally:
        meta_dates._htmldate = saved
    try:
        only = find_date(parse(data), url=url, original_date=True, extensive_search=False)
    except Exception:  # noqa: BLE001 - a failing baseline counts as "no date"
        only = None
    return {"own rules only": own, "htmldate only": only}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args(argv)
    devset = load_devset(require_devset())
    truth = {k: v for k, v in load_truth().items() if k in devset}
    if not truth:
        print("skipped: no metadata labels found under bench/data/labels", file=sys.stderr)
        return 0
    keys = sorted(truth)[: args.limit or None]
    truth = {k: truth[k] for k in keys}
    preds: dict[str, dict[str, Any]] = {"newsfuse": {}, "trafilatura": {}}
    variants: dict[str, dict[str, dict[str, Any]]] = {"own rules only": {}, "htmldate only": {}}
    times: dict[str, list[float]] = {"newsfuse": [], "trafilatura": []}
    for key in keys:
        data = read_html(key)
        url = devset[key]["url"] if devset[key]["url"].startswith("http") else None
        for name, run in (("newsfuse", newsfuse_row), ("trafilatura", trafilatura_row)):
            row, elapsed = run(data, url)
            preds[name][key] = row
            times[name].append(elapsed)
        for name, day in date_variants(data, url).items():
            variants[name][key] = {"published": day}
    results = {name: score(p, truth) for name, p in preds.items()}
    print(f"{len(truth)} labelled pages\n")
    print(table(results))
    dates = {name: score(p, truth) for name, p in variants.items()}
    print("\npublished exact — newsfuse date variants: "
          + ", ".join(f"{n}: {r['published_exact']:.3f}" for n, r in dates.items()))
    print("metadata ms/page (median): " + ", ".join(
        f"{n}: {statistics.median(t) * 1000:.1f}" for n, t in times.items()))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"pages": len(truth), "scores": results, "date_variants": dates,
                               "preds": preds}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
