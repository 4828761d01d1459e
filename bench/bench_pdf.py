"""PDF files → Article on the dev set's 100 PDF prints: pypdfium2 against pdfminer.six and pdftotext.

    python bench/bench_pdf.py [--no-pdfminer]

For each path the PDF's text goes through the same PDF-text cleaner (extract_pdf_text) and is scored
with the dev set's snippet metric (bench/devset.py), truth restricted to the keys that have a PDF:

    pypdfium2   newsfuse's extractor (extract_pdf: pdf_layout lines → cleaner)
    pdfminer    pdfminer.six extract_text (default LAParams) → cleaner (skipped when not installed)
    pdftext     the dev set's pdftotext output of the same PDF → cleaner (the baseline)

Prints F/P/R and the median milliseconds per PDF page of reading the text layer (pdftext: none, the
text is given); for pypdfium2 also the whole extract_pdf (text layer and cleaner) per page. Writes
bench/out/pdf.json. Also prints how many of extract_pdf's titles match the hand-labelled titles
(bench/data/metadata_truth.json) of the PDFs that have one. Exits cleanly when the dev set is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import unicodedata
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
#: extract_pdf's title of each PDF in turn, for the pypdfium2 path
TITLES: list[str | None] = []
#: hand-labelled metadata (titles) of some dev-set pages, PDFs among them
METADATA_TRUTH = Path(__file__).resolve().parent / "data" / "metadata_truth.json"


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
        article = extract_pdf(Capture("bench.pdf", data), OPTIONS)
        body, title = article.text, article.title
    except CaptureError:
        body, title = "", None
    TITLES.append(title)
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


def _words(text: str | None) -> str:
    return " ".join(re.sub(r"\W+", " ", unicodedata.normalize("NFKC", text or "")).casefold().split())


def title_scores(keys: list[str]) -> dict:
    """extract_pdf's titles against the hand-labelled titles of the PDFs that have one (words only:
    case, punctuation and spacing aside)."""
    labels = json.loads(METADATA_TRUTH.read_text(encoding="utf-8")) if METADATA_TRUTH.exists() else {}
    pairs = [(key, title) for key, title in zip(keys, TITLES) if key in labels]
    wrong = {key: [title, labels[key]["title"]] for key, title in pairs
             if _words(title) != _words(labels[key]["title"])}
    exact = len(pairs) - len(wrong)
    print(f"pypdfium2 title: {exact}/{len(pairs)} exact (words) on the labelled PDFs")
    return {"labelled": len(pairs), "exact": exact, "wrong": wrong}


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
    titles = title_scores(keys)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps({"pdfs": len(keys), "results": results, "titles": titles}, indent=2,
                              ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
