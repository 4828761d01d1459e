"""HTML body extraction on the dev set: newsfuse ``extract_html`` against ``trafilatura.extract``.

    python bench/bench_html.py [--limit N] [--json out.json]

Both run on every page in the same process, interleaved page by page (the order alternates), so
both see the same machine load. newsfuse is timed over the WHOLE ``extract_html`` (decode, parse,
metadata, body, language); trafilatura over ``extract(html)`` with its default settings. Prints the
snippet F/P/R (bench/devset.py) and median ms/page of both, and the ratio; writes bench/out/html.json.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import trafilatura
from devset import load_truth, median_ms, read_html, require_devset, snippet_scores

from newsfuse.errors import CaptureError
from newsfuse.extract.html import extract_html
from newsfuse.options import ExtractOptions
from newsfuse.records import Capture

OUT = Path(__file__).resolve().parent / "out" / "html.json"


def newsfuse_text(data: bytes, options: ExtractOptions) -> str:
    try:
        return extract_html(Capture("bench", data), options).text
    except CaptureError:
        return ""


def trafilatura_text(data: bytes) -> str:
    return trafilatura.extract(data) or ""


def run(keys: list[str], devset: Path) -> dict[str, tuple[dict[str, str], list[float]]]:
    options = ExtractOptions()
    results: dict[str, tuple[dict[str, str], list[float]]] = {"newsfuse": ({}, []), "trafilatura": ({}, [])}
    methods = {"newsfuse": lambda d: newsfuse_text(d, options), "trafilatura": trafilatura_text}
    for name, method in methods.items():  # warm-up: models and lazy imports load before the clock
        method(read_html(keys[0], devset))
    for index, key in enumerate(keys):
        data = read_html(key, devset)
        order = list(methods) if index % 2 == 0 else list(reversed(methods))
        for name in order:
            start = time.perf_counter()
            text = methods[name](data)
            results[name][1].append(time.perf_counter() - start)
            results[name][0][key] = text
    return results


def bench_html(limit: int = 0, preds_out: Path | None = None) -> dict[str, object]:
    """Both methods on the dev set (first ``limit`` keys, 0 = all): {"pages", "results", "time_ratio"}."""
    devset = require_devset()
    logging.disable(logging.CRITICAL)  # trafilatura logs every discarded page
    truth = load_truth(devset)
    keys = sorted(truth)[: limit or None]
    truth = {key: truth[key] for key in keys}
    results = run(keys, devset)
    report: dict[str, dict[str, float]] = {}
    for name, (preds, seconds) in results.items():
        report[name] = {**snippet_scores(preds, truth), "median_ms": median_ms(seconds)}
    ratio = report["newsfuse"]["median_ms"] / max(report["trafilatura"]["median_ms"], 1e-9)
    if preds_out:
        preds_out.write_text(json.dumps({name: preds for name, (preds, _) in results.items()}))
    return {"pages": len(keys), "results": report, "time_ratio": ratio}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (sorted keys)")
    parser.add_argument("--json", type=Path, help="also write the results here (besides bench/out/html.json)")
    parser.add_argument("--preds", type=Path, help="also write both methods' texts here (JSON), for analysis")
    args = parser.parse_args()
    summary = bench_html(args.limit, args.preds)
    report: dict[str, dict[str, float]] = summary["results"]  # type: ignore[assignment]
    ratio = float(summary["time_ratio"])  # type: ignore[arg-type]
    keys = range(int(summary["pages"]))  # type: ignore[call-overload]
    print(f"{len(keys)} pages")
    print(f"{'method':<12} {'F1':>6} {'P':>6} {'R':>6} {'TP':>5} {'FP':>4} {'FN':>4} {'ms/page':>8}")
    for name, row in report.items():
        print(f"{name:<12} {row['f1']:6.4f} {row['precision']:6.4f} {row['recall']:6.4f} {row['tp']:5d} "
              f"{row['fp']:4d} {row['fn']:4d} {row['median_ms']:8.1f}")
    print(f"median time ratio newsfuse/trafilatura: {ratio:.2f}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    for path in (OUT, args.json):
        if path:
            path.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
