"""Fusion quality on the development set, fast: extract once (cached), fuse every true cluster.

    python bench/bench_fusion.py [--no-site] [--worst N] [--cache PATH]

Every capture of dedup.jsonl is extracted once (2 processes) and its Article JSON cached under
/tmp/newsfuse-fusion/, keyed by a hash of the extraction sources. The captures of each article (the
dev set's own clusters, so dedup errors do not blur the figures) are fused with
:func:`newsfuse.fuse.fuse`, capture ids in manifest order as ingest gives them; site boilerplate is
learned over the fused clusters and stripped as ingest does (``--no-site`` skips it). Scored with
the snippet metric: pooled P/R/F1 of the fused body and of each single form, the per-article mean
F1 of each, and the per-article mean of the best single capture. The truth is used for scoring
only. ``--worst N`` lists the N articles where the fused body loses most to the best single
capture. The fused metadata of the hand-labelled pages is scored with bench/score_metadata.py, next
to each single form's. Results go to bench/out/fusion.json. Skips cleanly when the dev set is absent.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import devset
import score_metadata
from bench_dedup import extractor_version, manifest

from newsfuse.boilerplate.site import (
    SiteOptions,
    learnable_lines,
    line_key,
    site_key,
    strip_boilerplate,
)
from newsfuse.extract import extract_or_reject
from newsfuse.fuse import Fused, Member, fuse
from newsfuse.readers import read_path
from newsfuse.records import Article

OUT = Path(__file__).parent / "out"
CACHE = Path("/tmp/newsfuse-fusion")
FORMS = ("html", "text", "pdftext")


def _extract(path: str) -> dict[str, Any] | None:
    result = extract_or_reject(read_path(path))
    return result.to_dict() if isinstance(result, Article) else None


def extractions(root: Path, names: list[str], cache: Path | None) -> dict[str, Article | None]:
    """capture name -> its Article (None when rejected), from the cache or extracted now."""
    cache = cache or CACHE / f"articles-{extractor_version()}.json"
    if not cache.exists():
        print(f"extracting {len(names)} captures (2 processes) -> {cache}", file=sys.stderr)
        with multiprocessing.get_context("forkserver").Pool(2) as pool:
            results = pool.map(_extract, [str(root / n) for n in names], chunksize=8)
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(dict(zip(names, results, strict=True))), encoding="utf-8")
    data = json.loads(cache.read_text(encoding="utf-8"))
    return {name: Article.from_dict(d) if d else None for name, d in data.items()}


def fuse_all(root: Path, articles: dict[str, Article | None], names: list[str]) -> dict[str, Fused]:
    """article key -> the fused record of its true cluster (capture id = position in the manifest)."""
    rows = [json.loads(line) for line in (root / "dedup.jsonl").read_text().splitlines() if line.strip()]
    clusters: dict[str, list[Member]] = {}
    ids = {name: n for n, name in enumerate(names, start=1)}
    for row in rows:
        article = articles[row["capture"]]
        if article is not None:
            clusters.setdefault(row["article"], []).append(Member(ids[row["capture"]], article))
    return {key: fuse(key, members) for key, members in clusters.items()}


def strip_site_boilerplate(fused: dict[str, Fused], articles: dict[str, Article | None],
                           root: Path, options: SiteOptions) -> dict[str, str]:
    """article key -> fused body without the lines its site repeats in ``min_articles`` articles."""
    sites = {key: site_key(record.article) for key, record in fused.items()}
    seen: dict[tuple[str, str], set[str]] = {}
    rows = [json.loads(line) for line in (root / "dedup.jsonl").read_text().splitlines() if line.strip()]
    for row in rows:
        article, site = articles[row["capture"]], sites.get(row["article"])
        if article is None or site is None:
            continue
        for key in learnable_lines(article.paragraphs, options):
            seen.setdefault((site, key), set()).add(row["article"])
    bodies = {}
    for key, record in fused.items():
        site = sites[key]
        own = {line_key(b.text) for b in record.article.paragraphs}
        boiler = {k for k in own if site and len(seen.get((site, k), ())) >= options.min_articles}
        bodies[key] = strip_boilerplate(record.article, boiler).text
    return bodies


def scores(bodies: dict[str, str], articles: dict[str, Article | None], truth: dict[str, Any]
           ) -> tuple[dict[str, Any], list[tuple[float, str, dict[str, float]]]]:
    by_form: dict[str, dict[str, str]] = {"fused": bodies} | {form: {} for form in FORMS}
    for name, article in articles.items():
        form, file = name.split("/")
        by_form[form][file.split(".")[0]] = article.text if article else ""
    keys = sorted(set(truth) & set(bodies))
    pooled = {form: devset.snippet_scores(preds, {k: truth[k] for k in keys}) for form, preds in by_form.items()}
    per: dict[str, list[float]] = {form: [] for form in by_form}
    best, gaps = [], []
    for key in keys:
        one = {key: truth[key]}
        f = {form: devset.snippet_scores({key: preds.get(key, "")}, one)["f1"] for form, preds in by_form.items()}
        for form, value in f.items():
            per[form].append(value)
        best.append(max(f[form] for form in FORMS))
        gaps.append((best[-1] - f["fused"], key, f))
    result = {"articles": len(keys), "pooled": pooled,
              "per_article_mean_f1": {form: statistics.fmean(v) for form, v in per.items()},
              "per_article_best_single_mean_f1": statistics.fmean(best),
              "fused_below_html": sum(1 for _, _, f in gaps if f["fused"] < f["html"]),
              "fused_above_html": sum(1 for _, _, f in gaps if f["fused"] > f["html"])}
    return result, sorted(gaps, reverse=True)


def metadata_scores(fused: dict[str, Fused], articles: dict[str, Article | None]) -> dict[str, dict[str, float]]:
    """Fused metadata and each single form's on the hand-labelled pages (bench/score_metadata.py)."""
    truth = score_metadata.load_truth()
    def row(a: Article | None) -> dict[str, object]:
        return {} if a is None else {"title": a.title, "authors": list(a.authors), "agency": a.agency,
                                     "site": a.site, "published": a.published, "language": a.language}
    by_form = {"fused": {k: row(fused[k].article) for k in truth if k in fused}}
    for form in FORMS:
        by_form[form] = {k: row(articles.get(f"{form}/{k}.{'html.gz' if form == 'html' else 'txt'}")) for k in truth}
    fields = ("title_exact", "authors_f1", "spurious_author_pages", "published_exact", "site", "agency", "language")
    return {form: {f: score_metadata.score(preds, truth)[f] for f in fields} for form, preds in by_form.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-site", action="store_true", help="do not strip learned site boilerplate")
    parser.add_argument("--worst", type=int, default=0, help="list the N articles fusion loses most on")
    parser.add_argument("--cache", type=Path, help="extraction cache (default: keyed by extractor hash)")
    args = parser.parse_args()
    root = devset.require_devset()
    names = manifest(root)
    articles = extractions(root, names, args.cache)
    fused = fuse_all(root, articles, names)
    bodies = ({k: r.article.text for k, r in fused.items()} if args.no_site
              else strip_site_boilerplate(fused, articles, root, SiteOptions()))
    result, gaps = scores(bodies, articles, devset.load_truth(root))
    print("pooled F1: " + ", ".join(f"{form} {s['f1']:.4f}" for form, s in result["pooled"].items()))
    print("per-article mean F1: " + ", ".join(f"{f} {v:.4f}" for f, v in result["per_article_mean_f1"].items())
          + f"; best single {result['per_article_best_single_mean_f1']:.4f}")
    print(f"articles: {result['articles']}; fused below html on {result['fused_below_html']}, "
          f"above on {result['fused_above_html']}")
    result["metadata"] = metadata_scores(fused, articles)
    for form, values in result["metadata"].items():
        print(f"labelled metadata, {form}: " + ", ".join(f"{f} {v:.3f}" if isinstance(v, float) else f"{f} {v}"
                                                        for f, v in values.items()))
    for gap, key, f in gaps[:args.worst]:
        print(f"  {key} gap {gap:.3f} " + " ".join(f"{form} {v:.2f}" for form, v in f.items())
              + f" base {fused[key].provenance['text']}")
    OUT.mkdir(exist_ok=True)
    command = " ".join(["python", "bench/bench_fusion.py", *sys.argv[1:]])
    (OUT / "fusion.json").write_text(json.dumps({"command": command, **result}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
