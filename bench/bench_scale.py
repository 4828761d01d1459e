"""Synthetic scale benchmark: ingest 10k and 100k generated text captures (with duplicates).

    python bench/bench_scale.py [--sizes 10000 100000]

Each size runs in a fresh process (so peak RSS is its own) into a fresh store on disk, feeding
the captures straight from the generator (tests/synth.py: invented pseudo-word articles as page
text and PDF text, about 30% other forms of earlier articles). Reports ms per capture and peak
RSS (and CPU ms per capture: the machine may be shared); the target is a flat time per capture
(within ±25% from 10k to 100k) and RSS < 1 GB. The store is deleted after it is measured.
Writes bench/out/scale.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))


def one(size: int) -> dict[str, float]:
    import synth

    from newsfuse.ingest import ingest
    from newsfuse.store import Store

    db = Path(tempfile.mkdtemp(prefix="newsfuse-scale-")) / "scale.db"
    start, cpu = time.perf_counter(), time.process_time()
    with Store(db) as store:
        stats = ingest(synth.captures(size, seed=11), store)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {"captures": size, "seconds": elapsed, "ms_per_capture": 1000 * elapsed / size,
              "cpu_ms_per_capture": 1000 * cpu / size,
              "peak_rss_mb": rss_mb, "articles": stats.articles, "merged": stats.merged,
              "db_mb": db.stat().st_size / 1e6}
    shutil.rmtree(db.parent)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one)))
        return
    results = []
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], check=True,
                             capture_output=True, text=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
        r = results[-1]
        print(f"{size:>7} captures: {r['ms_per_capture']:.2f} ms/capture ({r['cpu_ms_per_capture']:.2f} CPU), "
              f"peak RSS {r['peak_rss_mb']:.0f} MB, "
              f"{r['articles']} articles")
    flat = results[-1]["ms_per_capture"] / results[0]["ms_per_capture"] if len(results) > 1 else 1.0
    cpu_flat = results[-1]["cpu_ms_per_capture"] / results[0]["cpu_ms_per_capture"] if len(results) > 1 else 1.0
    print(f"time per capture, largest vs smallest: {flat:.2f}x ({cpu_flat:.2f}x CPU)")
    (HERE / "out").mkdir(exist_ok=True)
    (HERE / "out" / "scale.json").write_text(json.dumps({
        "command": "python bench/bench_scale.py " + " ".join(sys.argv[1:]), "results": results,
        "flatness": flat, "cpu_flatness": cpu_flat}, indent=2))


if __name__ == "__main__":
    main()
