"""The Dask engine against ``ingest`` on the development set, in one run: the same records, and speed.

    python bench/bench_dask.py [--workers 2] [--repeat 1] [--limit N]

Every capture of dedup.jsonl, in its order, goes through (a) ``ingest`` into a new store with
``--jobs`` = ``--workers`` processes, its fused records listed as ``newsfuse articles`` does, and
(b) :func:`newsfuse.engines.dask.run` on a LocalCluster of ``--workers`` processes (one thread each;
the cluster's start is timed apart). Reports captures/s of each (wall; the runs alternate
``--repeat`` times so machine noise hits both) and how many fused records are identical, ids
included. Writes bench/out/dask.json. Skips cleanly when the dev set is absent.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import devset
from bench_corpus import capture_paths

from newsfuse.engines.dask import connect, run
from newsfuse.ingest import IngestOptions, ingest
from newsfuse.readers import iter_captures
from newsfuse.store import Store

OUT = Path(__file__).parent / "out"


def local(paths: list[str], workers: int) -> tuple[float, list[dict[str, Any]]]:
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "n.db") as store:
        start = time.perf_counter()
        ingest(iter_captures(paths), store, IngestOptions(jobs=workers))
        seconds = time.perf_counter() - start
        return seconds, list(store.articles())


def on_dask(paths: list[str], client: Any) -> tuple[float, list[dict[str, Any]]]:
    start = time.perf_counter()
    records = run(paths, client).articles.compute()
    return time.perf_counter() - start, records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--limit", type=int, help="only the first N articles' captures")
    args = parser.parse_args()
    root = devset.require_devset()
    paths = [path for _, path in capture_paths(root, args.limit)]
    start = time.perf_counter()
    with connect(workers=args.workers) as client:
        cluster_s = time.perf_counter() - start
        times: dict[str, list[float]] = {"ingest": [], "dask": []}
        for _ in range(args.repeat):
            ingest_s, expected = local(paths, args.workers)
            dask_s, records = on_dask(paths, client)
            times["ingest"].append(ingest_s)
            times["dask"].append(dask_s)
    by_id = {r["id"]: r for r in expected}
    same = sum(1 for r in records if by_id.get(r["id"]) == json.loads(json.dumps(r, sort_keys=True)))
    result = {
        "captures": len(paths), "workers": args.workers, "cluster_start_s": round(cluster_s, 2),
        "ingest_captures_per_s": round(len(paths) / statistics.median(times["ingest"]), 1),
        "dask_captures_per_s": round(len(paths) / statistics.median(times["dask"]), 1),
        "dask_over_ingest_time": round(statistics.median(times["dask"]) / statistics.median(times["ingest"]), 3),
        "articles_ingest": len(expected), "articles_dask": len(records), "identical_records": same,
    }
    print(f"{len(paths)} captures, {args.workers} worker processes each (median of {args.repeat}):")
    print(f"  ingest --jobs {args.workers}: {result['ingest_captures_per_s']} captures/s")
    print(f"  dask engine, LocalCluster: {result['dask_captures_per_s']} captures/s "
          f"({result['dask_over_ingest_time']}x ingest's time; cluster start {result['cluster_start_s']} s apart)")
    print(f"  fused records: {len(expected)} from ingest, {len(records)} from dask, {same} identical (ids included)")
    OUT.mkdir(exist_ok=True)
    command = " ".join(["python", "bench/bench_dask.py", *sys.argv[1:]])
    (OUT / "dask.json").write_text(json.dumps({"command": command, **result}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
