"""Near-duplicate detection on the development set: pairwise P/R/F1 per input order, and its cost.

    python bench/bench_dedup.py [--shuffles 3] [--source extracted|raw|raw-html|all-raw]
                                [--compare-minhash] [--texts CACHE.json]

Sources (the text each capture is clustered by):
    extracted   every form through newsfuse's extraction (``extract_capture(read_path(p)).text``,
                with its URL); a capture the extractor rejects or empties falls back to its raw text
    raw         html extracted; text/ and pdftext/ as the raw file text (no URL)
    raw-html    html as raw page text (lxml ``text_content`` without script/style); others extracted
    all-raw     every form raw

Extractions are cached under /tmp/dedup/, keyed by a hash of the extraction sources. For the input
order and each shuffle the labels are written to /tmp/dedup/labels/ and scored with the dev set's own
score_dedup.py; ms/capture is fingerprint (normalise + shingle + signature) and query + confirm +
insert, measured separately. ``--compare-minhash`` also times datasketch's MinHash and a
128-permutation numpy MinHash against the one-permutation signature and counts, for each, the
confirmed pairs its LSH keys would find. Results go to bench/out/dedup.json (one entry a source).
Skips cleanly when the dev set is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import lxml.html
import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import devset

from newsfuse.dedup import Deduper, DedupOptions, fingerprint, is_match
from newsfuse.dedup.minhash import band_keys, signature
from newsfuse.extract import extract_or_reject
from newsfuse.readers import decode_bytes, decode_html, read_path
from newsfuse.records import Article

OUT = Path(__file__).parent / "out"
CACHE = Path("/tmp/dedup")
_SOURCES = ("src/newsfuse/extract", "src/newsfuse/readers", "src/newsfuse/detect.py", "src/newsfuse/data")
Record = dict[str, Any]


# ---------------------------------------------------------------------------- texts

def manifest(root: Path) -> list[str]:
    lines = (root / "dedup.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["capture"] for line in lines if line.strip()]


def extractor_version() -> str:
    digest = hashlib.sha256()
    for name in _SOURCES:
        path = devset.REPO / name
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file() and file.suffix in (".py", ".npz", ".json", ".txt"):
                digest.update(str(file.relative_to(devset.REPO)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def raw_text(path: str) -> str:
    data = read_path(path).data
    if not path.endswith((".html", ".html.gz")):
        return decode_bytes(data)
    try:
        tree = lxml.html.document_fromstring(decode_html(data))
    except (ValueError, lxml.etree.ParserError):
        return ""
    for node in tree.xpath("//script|//style|//noscript|//template"):
        node.drop_tree()
    return str(tree.text_content())


def _extract(path: str) -> tuple[Record, bool]:
    result = extract_or_reject(read_path(path))
    if isinstance(result, Article) and result.text.strip():
        return {"text": result.text, "url": result.url}, True
    return {"text": raw_text(path), "url": result.url if isinstance(result, Article) else None}, False


def extraction_cache(given: Path | None) -> Path:
    return given or CACHE / f"articles-{extractor_version()}.json"


def extracted(root: Path, names: list[str], cache: Path | None) -> tuple[dict[str, Record], int]:
    """name -> {text, url} by newsfuse's extraction (cached), and how many fell back to raw text."""
    cache = extraction_cache(cache)
    if cache.exists():
        data = json.loads(cache.read_text(encoding="utf-8"))
        return data["texts"], data["fallbacks"]
    print(f"extracting {len(names)} captures (2 processes) -> {cache}", file=sys.stderr)
    with multiprocessing.get_context("forkserver").Pool(2) as pool:
        results = pool.map(_extract, [str(root / n) for n in names], chunksize=8)
    texts = {name: record for name, (record, _) in zip(names, results, strict=True)}
    fallbacks = sum(1 for _, ok in results if not ok)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({"texts": texts, "fallbacks": fallbacks}), encoding="utf-8")
    return texts, fallbacks


def raw(root: Path, names: list[str]) -> dict[str, Record]:
    cache = CACHE / "raw-texts.json"
    if cache.exists():
        return dict(json.loads(cache.read_text(encoding="utf-8")))
    texts = {name: {"text": raw_text(str(root / name)), "url": None} for name in names}
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(texts), encoding="utf-8")
    return texts


def records(source: str, ext: dict[str, Record], rawt: dict[str, Record]) -> dict[str, Record]:
    def pick(name: str) -> Record:
        html = name.startswith("html/")
        use_raw = {"extracted": False, "raw": not html, "raw-html": html, "all-raw": True}[source]
        return rawt[name] if use_raw else ext[name]
    return {name: pick(name) for name in ext}


# ---------------------------------------------------------------------------- clustering + scoring

def run_order(recs: dict[str, Record], order: list[str], options: DedupOptions) -> tuple[dict[str, str], dict[str, float]]:
    deduper = Deduper(options)
    t_print = t_add = 0.0
    for name in order:
        start = time.perf_counter()
        print_ = fingerprint(recs[name]["text"], options, recs[name]["url"])
        mid = time.perf_counter()
        deduper.add_fingerprint(name, print_)
        t_print += mid - start
        t_add += time.perf_counter() - mid
    n = len(order)
    return deduper.labels(), {"fingerprint_ms": 1000 * t_print / n, "query_insert_ms": 1000 * t_add / n,
                              "total_ms": 1000 * (t_print + t_add) / n}


def score(root: Path, labels: dict[str, str], tag: str) -> dict[str, Any]:
    work = CACHE / "labels"
    work.mkdir(parents=True, exist_ok=True)
    (work / f"labels-{tag}.json").write_text(json.dumps(labels), encoding="utf-8")
    subprocess.run([sys.executable, str(root / "score_dedup.py"), str(work / f"labels-{tag}.json"),
                    "--set", "dev", "--json", str(work / f"score-{tag}.json")], check=True,
                   capture_output=True, text=True)
    return dict(json.loads((work / f"score-{tag}.json").read_text(encoding="utf-8")))


def time_extraction(root: Path, sample: list[str]) -> float:
    """Mean ms per capture of extraction (captures read beforehand), in this process."""
    captures = [read_path(str(root / name)) for name in sample]
    start = time.perf_counter()
    for capture in captures:
        extract_or_reject(capture)
    return 1000 * (time.perf_counter() - start) / len(captures)


# ---------------------------------------------------------------------------- MinHash variants

def _multi_perm(shingles: np.ndarray, perms: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    if shingles.size == 0:
        return np.full(128, np.uint64(2**64 - 1), dtype=np.uint64)
    with np.errstate(over="ignore"):
        return (shingles[:, None] * perms[0][None, :] + perms[1][None, :]).min(axis=0)


def compare_minhash(recs: dict[str, Record], options: DedupOptions) -> dict[str, Any]:
    """Time each signature and count the confirmed pairs its LSH keys (1 row a band) find."""
    from datasketch import MinHash

    rng = np.random.default_rng(7)
    perms = (rng.integers(1, 2**63, 128, dtype=np.uint64) * np.uint64(2) + np.uint64(1),
             rng.integers(0, 2**63, 128, dtype=np.uint64))
    names = sorted(recs)
    prints = {n: fingerprint(recs[n]["text"], options, recs[n]["url"]) for n in names}
    variants: dict[str, Any] = {
        "one-permutation (numpy, newsfuse)": lambda p: signature(p.shingles, options.bins),
        "128 permutations (numpy)": lambda p: _multi_perm(p.shingles, perms),
        "datasketch MinHash(128).update_batch": lambda p: _datasketch(MinHash, p.shingles),
    }
    out: dict[str, Any] = {}
    confirmed = _confirmed_pairs(prints, options)
    for label, make in variants.items():
        start = time.perf_counter()
        sigs = {n: make(prints[n]) for n in names}
        ms = 1000 * (time.perf_counter() - start) / len(names)
        keys = {n: {(b, k) for b, k in band_keys(np.asarray(s, dtype=np.uint64))} for n, s in sigs.items()}
        found = sum(1 for a, b in confirmed if keys[a] & keys[b])
        out[label] = {"signature_ms": round(ms, 3), "confirmed_pairs": len(confirmed), "found_by_lsh": found}
    return out


def _datasketch(cls: Any, shingles: np.ndarray) -> np.ndarray:
    m = cls(num_perm=128)
    m.update_batch([int(h).to_bytes(8, "little") for h in shingles.tolist()])
    return np.asarray(m.hashvalues, dtype=np.uint64)


def _confirmed_pairs(prints: dict[str, Any], options: DedupOptions) -> list[tuple[str, str]]:
    """Pairs that pass is_match, found exhaustively by a shingle inverted index (bench only)."""
    names = sorted(prints)
    postings: dict[int, list[int]] = {}
    for i, n in enumerate(names):
        for h in prints[n].shingles.tolist():
            postings.setdefault(h, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for ids in postings.values():
        if 1 < len(ids) <= 50:
            pairs.update((a, b) for j, a in enumerate(ids) for b in ids[j + 1:])
    return [(names[a], names[b]) for a, b in sorted(pairs) if is_match(prints[names[a]], prints[names[b]], options)]


# ---------------------------------------------------------------------------- main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shuffles", type=int, default=3)
    ap.add_argument("--source", choices=("extracted", "raw", "raw-html", "all-raw"), default="extracted")
    ap.add_argument("--compare-minhash", action="store_true")
    ap.add_argument("--time-extraction", type=int, default=0, metavar="N",
                    help="also time newsfuse's extraction of N captures (in one process) for the ratio")
    ap.add_argument("--texts", type=Path, help="extraction cache to use (default: keyed by extractor hash)")
    args = ap.parse_args()
    root = devset.require_devset()
    names = manifest(root)
    ext, fallbacks = extracted(root, names, args.texts)
    recs = records(args.source, ext, raw(root, names) if args.source != "extracted" else {})
    options = DedupOptions()
    orders = {"input": names} | {f"shuffle-{seed}": random.Random(seed).sample(names, len(names))
                                 for seed in range(1, args.shuffles + 1)}
    results: dict[str, Any] = {}
    partitions = []
    for tag, order in orders.items():
        labels, cost = run_order(recs, order, options)
        res = score(root, labels, f"{args.source}-{tag}")
        partitions.append(frozenset(frozenset(n for n in labels if labels[n] == c) for c in set(labels.values())))
        results[tag] = {k: res[k] for k in ("precision", "recall", "f1", "clusters", "articles", "exact_articles")} | cost
        print(f"{args.source:9} {tag:10} P={res['precision']:.4f} R={res['recall']:.4f} F1={res['f1']:.4f} "
              f"clusters={res['clusters']} (articles={res['articles']}) exact={res['exact_articles']:.3f}  "
              f"ms/capture: fingerprint {cost['fingerprint_ms']:.2f} + query/confirm/insert "
              f"{cost['query_insert_ms']:.2f}")
    f1s = [r["f1"] for r in results.values()]
    summary = {"command": " ".join(["python", "bench/bench_dedup.py", *sys.argv[1:]]),
               "extraction_cache": str(extraction_cache(args.texts)), "extraction_fallbacks": fallbacks,
               "options": {f: getattr(options, f) for f in options.__dataclass_fields__},
               "orders": results, "same_partition_in_every_order": len(set(partitions)) == 1,
               "f1_min": min(f1s), "f1_median": statistics.median(f1s)}
    print(f"same partition in every order: {summary['same_partition_in_every_order']}; "
          f"extraction fallbacks to raw text: {fallbacks}")
    if args.compare_minhash:
        summary["minhash"] = compare_minhash(recs, options)
        for label, row in summary["minhash"].items():
            print(f"{label:40} {row['signature_ms']:.3f} ms/capture, LSH finds {row['found_by_lsh']}"
                  f"/{row['confirmed_pairs']} confirmed pairs")
    if args.time_extraction:
        sample = random.Random(0).sample(names, min(args.time_extraction, len(names)))
        extract_ms = time_extraction(root, sample)
        dedup_ms = statistics.median(r["total_ms"] for r in results.values())
        summary["extraction_ms"] = extract_ms
        summary["ingest_over_extraction"] = (extract_ms + dedup_ms) / extract_ms
        print(f"extraction {extract_ms:.1f} ms/capture ({len(sample)} captures); dedup {dedup_ms:.2f} ms/capture; "
              f"(extraction + dedup) / extraction = {summary['ingest_over_extraction']:.3f}")
    path = OUT / "dedup.json"
    everything = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    everything[args.source] = summary
    path.write_text(json.dumps(everything, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
