"""PDF files → Article on the dev set's 100 PDF prints: pypdfium2 against pdfminer.six and pdftotext.

    python bench/bench_pdf.py [--no-pdfminer]

For each path the PDF's text goes through the same PDF-text cleaner (extract_pdf_text) and is scored
with the dev set's snippet metric (bench/devset.py), truth restricted to the keys that have a PDF:

    pypdfium2   newsfuse's extractor (extract_pdf: pdf_layout lines → cleaner)
    pdfminer    pdfminer.six extract_text (default LAParams) → cleaner (skipped when not installed)
    pdftext     the dev set's pdftotext output of the same PDF → cleaner (the baseline)

Prints F/P/R and the median milliseconds per PDF page of reading the text layer (pdftext: none, the
text is given); for pypdfium2 also the whole extract_pdf (text layer and cleaner) per page. Writes
bench/out/pdf.json. Exits cleanly when the dev set is absent.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devset import load_truth, require_devset, snippet_scores

from newsfuse.errors import CaptureError
from newsfuse.extract.pdf import extract_pdf, pdf_text
from newsfuse.extract.text import extract_pdf_text
from newsfuse.options import ExtractOptions
from newsfuse.records import Capture

OUT = Path(__file__).resolve().parent / "out" / "pdf.json"
OPTIONS = ExtractOptions()
#: one path: PDF bytes and pdftext → (body text, seconds spent reading the PDF, pages)
Path_ = Callable[[bytes, str], tuple[str, float, int]]
#: whole extract_pdf milliseconds per page, for the pypdfium2 path
WHOLE_MS: list[float] = []


def pages_of(text: str) -> int:
    return max(1, text.rstrip("\f").count("\f") + 1)


def clean(text: str) -> str:
    try:
        return extract_pdf_text(Capture("bench.txt", text.encode("utf-8")), OPTIONS).text
    except CaptureError:
        return ""


def via_pypdfium2(data: bytes, pdftext: str) -> tuple[str, float, int]:
    start = time.perf_counter()
    text = pdf_text(data, OPTIONS)
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    try:
        body = extract_pdf(Capture("bench.pdf", data), OPTIONS).text
    except CaptureError:
        body = ""
    WHOLE_MS.append((time.perf_counter() - start) * 1000 / pages_of(text))
    return body, seconds, pages_of(text)


def via_pdfminer(data: bytes, pdftext: str) -> tuple[str, float, int]:
    import io

    from pdfminer.high_level import extract_text

    start = time.perf_counter()
    try:
        text = extract_text(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - a foreign library's failure scores as an empty body
        text = ""
    seconds = time.perf_counter() - start
    return clean(text), seconds, pages_of(text)


def via_pdftext(data: bytes, pdftext: str) -> tuple[str, float, int]:
    return clean(pdftext), 0.0, pages_of(pdftext)


def run(name: str, method: Path_, devset: Path, keys: list[str], truth: dict) -> dict:
    preds: dict[str, str] = {}
    per_page: list[float] = []
    for key in keys:
        data = (devset / "pdf" / f"{key}.pdf").read_bytes()
        pdftext = (devset / "pdftext" / f"{key}.txt").read_text(encoding="utf-8")
        preds[key], seconds, pages = method(data, pdftext)
        per_page.append(seconds * 1000 / pages)
    scores = snippet_scores(preds, truth)
    scores["ms_per_page_median"] = statistics.median(per_page)
    print(f"{name:10s} F {scores['f1']:.3f}  P {scores['precision']:.3f}  R {scores['recall']:.3f}  "
          f"median {scores['ms_per_page_median']:.1f} ms/page", flush=True)
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-pdfminer", action="store_true", help="skip the (slow) pdfminer.six path")
    args = parser.parse_args()
    devset = require_devset()
    keys = sorted(path.stem for path in (devset / "pdf").glob("*.pdf"))
    truth = {key: entry for key, entry in load_truth(devset).items() if key in keys}
    paths: dict[str, Path_] = {"pypdfium2": via_pypdfium2, "pdftext": via_pdftext}
    if not args.no_pdfminer:
        try:
            import pdfminer  # noqa: F401
        except ImportError:
            print("pdfminer: skipped (pip install pdfminer.six)")
        else:
            paths["pdfminer"] = via_pdfminer
    print(f"{len(keys)} PDFs, {sum(len(truth[k]['with']) + len(truth[k]['without']) for k in keys)} snippets")
    results = {name: run(name, method, devset, keys, truth) for name, method in paths.items()}
    results["pypdfium2"]["ms_per_page_median_with_cleaner"] = statistics.median(WHOLE_MS)
    print(f"pypdfium2 extract_pdf (text layer + cleaner): median {statistics.median(WHOLE_MS):.1f} ms/page")
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps({"pdfs": len(keys), "results": results}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
