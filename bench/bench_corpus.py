"""The corpus layer on the development set, in one run: ingest cost, dedup and fusion quality.

    python bench/bench_corpus.py [--limit N] [--jobs 1] [--repeat 2]

1. Extraction alone vs ingest (extract + dedup + fuse + store) over the same captures, alternated
   ``--repeat`` times so machine noise hits both; reports captures/s and the ratio of wall times
   and, with ``--jobs 1``, of CPU times (steadier on a shared machine; target <= 1.3).
2. Dedup: the store's article clusters scored with the dev set's score_dedup.py (pairwise P/R/F1),
   for the input order and two shuffles.
3. Fusion: body F (snippet metric) of the fused record vs each single form, pooled and per article.
Writes bench/out/corpus.json. Skips cleanly when the dev set is absent.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import devset

from newsfuse.ingest import IngestOptions, ingest
from newsfuse.options import ExtractOptions
from newsfuse.pipeline import extract_stream
from newsfuse.readers import read_path
from newsfuse.store import Store

OUT = Path(__file__).parent / "out"


def capture_paths(root: Path, limit: int | None) -> list[tuple[str, str]]:
    """(capture name as in dedup.jsonl, file path), in dedup.jsonl order."""
    rows = [json.loads(line) for line in (root / "dedup.jsonl").read_text().splitlines() if line.strip()]
    keys = sorted({r["article"] for r in rows})
    if limit:
        keep = set(keys[:limit])
        rows = [r for r in rows if r["article"] in keep]
    return [(r["capture"], str(root / r["capture"])) for r in rows]


def timed_extract(paths: list[str], jobs: int) -> tuple[float, float]:
    """(wall s, this process's CPU s) of extracting every capture."""
    captures = [read_path(p) for p in paths]
    start, cpu = time.perf_counter(), time.process_time()
    for _ in extract_stream(captures, ExtractOptions(), jobs):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def timed_ingest(paths: list[str], jobs: int, db: Path) -> tuple[float, float]:
    """(wall s, this process's CPU s) of ingesting every capture into a new store."""
    captures = [read_path(p) for p in paths]
    db.unlink(missing_ok=True)
    start, cpu = time.perf_counter(), time.process_time()
    with Store(db) as store:
        ingest(captures, store, IngestOptions(jobs=jobs))
    return time.perf_counter() - start, time.process_time() - cpu


def clusters(db: Path, names: dict[str, str]) -> dict[str, str]:
    """capture name -> article id, from the store."""
    with Store(db, readonly=True) as store:
        rows = store.conn.execute("SELECT path, article_id FROM captures WHERE status = 'ok'").fetchall()
        rejected = store.conn.execute("SELECT path FROM captures WHERE status = 'rejected'").fetchall()
    labels = {names[path]: article for path, article in rows}
    for (path,) in rejected:  # a rejected capture is its own cluster
        labels[names[path]] = f"rejected:{path}"
    return labels


def score_dedup(root: Path, labels: dict[str, str]) -> dict[str, object]:
    """The dev set's own pairwise scorer, run as it ships, over the captures that were ingested."""
    work = Path(tempfile.mkdtemp(prefix="newsfuse-dedup-"))
    (work / "labels.json").write_text(json.dumps(labels))
    rows = [line for line in (root / "dedup.jsonl").read_text().splitlines()
            if line.strip() and json.loads(line)["capture"] in labels]
    (work / "manifest.jsonl").write_text("\n".join(rows) + "\n")
    subprocess.run([sys.executable, str(root / "score_dedup.py"), str(work / "labels.json"),
                    "--manifest", str(work / "manifest.jsonl"), "--json", str(work / "score.json")],
                   check=True, capture_output=True, text=True)
    return dict(json.loads((work / "score.json").read_text()))


def fusion_scores(db: Path, names: dict[str, str], truth: dict[str, dict]) -> dict[str, object]:
    """Snippet scores of the fused body and of each single form, over the same articles."""
    by_form: dict[str, dict[str, str]] = {"fused": {}, "html": {}, "text": {}, "pdftext": {}}
    # a page whose captures were split over clusters is scored with the cluster holding most of
    # them (ties: the one with its HTML capture)
    best: dict[str, tuple[int, int]] = {}
    with Store(db, readonly=True) as store:
        for record in store.articles():
            forms: dict[str, list[str]] = {}
            for capture in record["captures"]:
                form, file = names[capture["path"]].split("/")
                forms.setdefault(file.split(".")[0], []).append(form)
            for key, kinds in forms.items():
                rank = (len(kinds), "html" in kinds)
                if rank > best.get(key, (0, 0)):
                    best[key] = rank
                    by_form["fused"][key] = record["text"]
        for path, record in store.conn.execute("SELECT path, record FROM captures WHERE status = 'ok'"):
            form, file = names[path].split("/")
            by_form[form][file.split(".")[0]] = json.loads(record)["text"]
    keys = sorted(set(truth) & set(by_form["fused"]))
    subset = {k: truth[k] for k in keys}
    pooled = {form: devset.snippet_scores(preds, subset) for form, preds in by_form.items()}
    per_article = {form: [] for form in by_form}
    best_single = []
    for key in keys:
        one = {key: truth[key]}
        scores = {form: devset.snippet_scores({key: preds.get(key, "")}, one)["f1"] for form, preds in by_form.items()}
        for form, value in scores.items():
            per_article[form].append(value)
        best_single.append(max(scores["html"], scores["text"], scores["pdftext"]))
    means = {form: statistics.fmean(values) for form, values in per_article.items()}
    return {"articles": len(keys), "pooled": pooled, "per_article_mean_f1": means,
            "per_article_best_single_mean_f1": statistics.fmean(best_single) if best_single else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    root = devset.require_devset()
    pairs = capture_paths(root, args.limit)
    names = {path: name for name, path in pairs}
    paths = [path for _, path in pairs]
    work = Path(tempfile.mkdtemp(prefix="newsfuse-bench-"))
    timed_extract(paths[:30], args.jobs)  # warm up first: imports, models, caches
    extract_runs, ingest_runs = [], []
    for _ in range(args.repeat):
        extract_runs.append(timed_extract(paths, args.jobs))
        ingest_runs.append(timed_ingest(paths, args.jobs, work / "ingest.db"))
    extract_times, extract_cpu = zip(*extract_runs, strict=True)
    ingest_times, ingest_cpu = zip(*ingest_runs, strict=True)
    cpu_ratio = statistics.median(ingest_cpu) / statistics.median(extract_cpu)
    speed = {
        "captures": len(paths),
        "extract_s": statistics.median(extract_times),
        "ingest_s": statistics.median(ingest_times),
        "extract_captures_per_s": len(paths) / statistics.median(extract_times),
        "ingest_captures_per_s": len(paths) / statistics.median(ingest_times),
        "ratio": statistics.median(ingest_times) / statistics.median(extract_times),
        "cpu_ratio": cpu_ratio if args.jobs == 1 else None,
        "runs": {"extract_s": extract_times, "ingest_s": ingest_times,
                 "extract_cpu_s": extract_cpu, "ingest_cpu_s": ingest_cpu},
    }
    print(f"ingest vs extraction alone: {speed['ratio']:.2f}x  "
          f"({speed['extract_captures_per_s']:.1f} vs {speed['ingest_captures_per_s']:.1f} captures/s, "
          f"{len(paths)} captures, median of {args.repeat})")
    if args.jobs == 1:  # with worker processes this process's CPU time misses the extraction
        print(f"ingest vs extraction alone, CPU time: {cpu_ratio:.2f}x "
              f"({statistics.median(extract_cpu):.1f} vs {statistics.median(ingest_cpu):.1f} CPU s)")
    dedup = {"input-order": score_dedup(root, clusters(work / "ingest.db", names))}
    for seed in (1, 2):
        shuffled = paths[:]
        random.Random(seed).shuffle(shuffled)
        timed_ingest(shuffled, args.jobs, work / f"shuffle{seed}.db")
        dedup[f"shuffle-{seed}"] = score_dedup(root, clusters(work / f"shuffle{seed}.db", names))
    for order, result in dedup.items():
        print(f"dedup {order}: {json.dumps(result)[:300]}")
    fusion = fusion_scores(work / "ingest.db", names, devset.load_truth(root))
    print("fusion pooled F1: " + ", ".join(f"{form} {s['f1']:.3f}" for form, s in fusion["pooled"].items()))
    print("fusion per-article mean F1: " + ", ".join(f"{f} {v:.3f}" for f, v in fusion["per_article_mean_f1"].items())
          + f"; best single per article {fusion['per_article_best_single_mean_f1']:.3f}")
    OUT.mkdir(exist_ok=True)
    command = "python bench/bench_corpus.py " + " ".join(sys.argv[1:])
    (OUT / "corpus.json").write_text(json.dumps({"command": command.strip(), "speed": speed, "dedup": dedup,
                                                 "fusion": fusion}, indent=2))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
