"""Page text and PDF text extraction on the dev set: newsfuse against baselines, plus kind detection.

    python bench/bench_text.py [--split test|all] [--no-justext]

Prints snippet F/P/R (the dev set's scorer, bench/devset.py) and captures per second for newsfuse and
the baselines (whole capture; keep lines of >= 3 words ending a sentence; jusText with one <p> per
line) on page text (text/) and PDF text (pdftext/), and detect_kind accuracy on all 3 x 990 captures.
``--split test`` scores only the held-out half (pages the line models were not trained on; see
bench/train_lines.py); ``all`` scores every page. Writes bench/out/text.json.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devset import load_truth, read_html, require_devset, snippet_scores
from train_lines import is_train

from newsfuse.detect import detect_kind
from newsfuse.errors import CaptureError
from newsfuse.extract.language import load_classifier
from newsfuse.extract.text import extract_page_text, extract_pdf_text
from newsfuse.options import ExtractOptions
from newsfuse.records import Capture

OUT = Path(__file__).resolve().parent / "out" / "text.json"
_SENTENCE = re.compile(r"[.!?…\"'»”)]\s*$")
Method = Callable[[str, bytes], str]


def whole(text: str, data: bytes) -> str:
    return text


def sentence_lines(text: str, data: bytes) -> str:
    lines = (line.strip() for line in text.replace("\f", "\n").splitlines())
    return "\n".join(x for x in lines if len(x.split()) >= 3 and _SENTENCE.search(x))


def justext_lines(text: str, data: bytes) -> str:
    import html

    import justext

    markup = "<html><body>" + "".join(f"<p>{html.escape(x)}</p>" for x in text.replace("\f", "\n").splitlines()
                                      if x.strip()) + "</body></html>"
    stop = justext.get_stoplist("English") | justext.get_stoplist("German")
    return "\n".join(p.text for p in justext.justext(markup, stop) if not p.is_boilerplate)


def newsfuse_method(kind: str) -> Method:
    extract = extract_page_text if kind == "page-text" else extract_pdf_text
    options = ExtractOptions()
    load_classifier()  # its first use may come after the one capture run_method warms up with

    def run(text: str, data: bytes) -> str:
        try:
            return extract(Capture("bench", data), options).text
        except CaptureError:
            return ""

    return run


def run_method(method: Method, captures: dict[str, tuple[str, bytes]]) -> tuple[dict[str, str], float, float]:
    """Predictions, captures per wall-clock second and per CPU second (one process, models loaded
    before the clocks start; on a shared machine the CPU figure is the steadier one)."""
    for text, data in list(captures.values())[:1]:
        method(text, data)
    wall, cpu = time.perf_counter(), time.process_time()
    preds = {key: method(text, data) for key, (text, data) in captures.items()}
    n = len(captures)
    return preds, n / max(time.perf_counter() - wall, 1e-9), n / max(time.process_time() - cpu, 1e-9)


def detection(devset: Path, keys: list[str]) -> dict[str, float]:
    expected = {"html": "html", "text": "page-text", "pdftext": "pdf-text"}
    scores: dict[str, float] = {}
    for folder, kind in expected.items():
        right = 0
        for key in keys:
            data = read_html(key, devset) if folder == "html" else (devset / folder / f"{key}.txt").read_bytes()
            try:
                right += detect_kind(data) == kind
            except CaptureError:
                pass
        scores[folder] = right / len(keys)
    scores["all"] = sum(scores.values()) / 3
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("test", "all"), default="test")
    parser.add_argument("--no-justext", action="store_true")
    args = parser.parse_args()
    devset = require_devset()
    truth = load_truth(devset)
    keys = sorted(k for k in truth if args.split == "all" or not is_train(k))
    scored = {k: truth[k] for k in keys}
    results: dict[str, dict] = {"split": {"name": args.split, "pages": len(keys)}}
    for kind, folder in (("page-text", "text"), ("pdf-text", "pdftext")):
        captures = {}
        for key in keys:
            data = (devset / folder / f"{key}.txt").read_bytes()
            captures[key] = (data.decode("utf-8", errors="replace"), data)
        methods: dict[str, Method] = {"newsfuse": newsfuse_method(kind), "whole capture": whole,
                                      "sentence-line filter": sentence_lines}
        if not args.no_justext:
            methods["jusText, one <p> per line"] = justext_lines
        results[kind] = {}
        for name, method in methods.items():
            preds, rate, cpu_rate = run_method(method, captures)
            score = snippet_scores(preds, scored) | {"captures_per_s": rate, "captures_per_cpu_s": cpu_rate}
            results[kind][name] = score
            print(f"{kind:9s} {name:28s} F {score['f1']:.3f}  P {score['precision']:.3f}  "
                  f"R {score['recall']:.3f}  {rate:8.0f} captures/s  {cpu_rate:8.0f} per CPU-s")
    results["detection"] = detection(devset, sorted(truth))
    print("detection accuracy (all 3 x 990): " + "  ".join(f"{k} {v:.4f}" for k, v in results["detection"].items()))
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
