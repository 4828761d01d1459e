"""Train the headline ranker of text captures (newsfuse.extract.text_title) on the dev set.

    python bench/train_title.py [--cache /tmp/html_records.json] [--forms pdf-text]

For every dev page and each text form (page text, PDF text), the candidate units get their features;
the units equal to the page's HTML-extracted title are the positives. A linear score, softmax over a
page's candidates, is fitted on the training half of the pages (bench/train_lines.py's split) minus
the hand-labelled pages, and the weights are written to src/newsfuse/extract/text_title_weights.py.
Top-1 accuracy against the HTML title is printed for the training and the held-out pages. ``--forms``
retrains only the forms named, the others keep their weights (the shipped page-text weights are from
an earlier run over the first 42 features: retrained with the wider set they picked the HTML title on
0.665 vs 0.663 of the held-out pages but scored lower on the titles of the whole extraction, 0.653 vs
0.665 against the HTML record on the held-out half; the pdf-text weights are this script's).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import devset
import score_metadata
from bench_forms_metadata import html_truth
from train_lines import is_train

from newsfuse.extract.text import body_mask
from newsfuse.extract.text_doc import page_doc, pdf_doc
from newsfuse.extract.text_title import FEATURES, candidates, features
from newsfuse.extract.text_title_weights import WEIGHTS
from newsfuse.readers.decode import decode_bytes

OUT = devset.REPO / "src" / "newsfuse" / "extract" / "text_title_weights.py"
FOLDERS = {"page-text": "text", "pdf-text": "pdftext"}
Page = tuple[str, np.ndarray, np.ndarray]  # key, features, positives


def pages(root: Path, form: str, titles: dict[str, str]) -> list[Page]:
    out = []
    for key, title in sorted(titles.items()):
        text = decode_bytes((root / FOLDERS[form] / f"{key}.txt").read_bytes())
        doc = page_doc(text) if form == "page-text" else pdf_doc(text)
        keep, _ = body_mask(doc, form)
        cands = candidates(doc.units, keep)
        if not cands:
            continue
        x = features(doc.units, keep, doc.page_title, cands)
        gold = score_metadata.norm_title(title)
        y = np.array([score_metadata.norm_title(doc.units[i]) == gold for i in cands])
        out.append((key, x, y))
    return out


def fit(data: list[Page], steps: int = 1200, rate: float = 0.05, l2: float = 1e-3,
        features: tuple[str, ...] = FEATURES) -> np.ndarray:
    """Softmax over each page's candidates; maximise the probability of its positives (Adam)."""
    w = np.zeros(len(features))
    m, v = np.zeros_like(w), np.zeros_like(w)
    usable = [(x, y) for _, x, y in data if y.any()]
    for step in range(1, steps + 1):
        grad = l2 * w
        for x, y in usable:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            q = p * y / (p * y).sum()
            grad += (p - q) @ x / len(usable)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad ** 2
        w -= rate * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    return w


def accuracy(data: list[Page], w: np.ndarray) -> float:
    hits = [bool(y[int(np.argmax(x @ w))]) for _, x, y in data]
    return sum(hits) / len(hits) if hits else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="HTML records JSON (written when missing)")
    parser.add_argument("--forms", nargs="+", choices=list(FOLDERS), default=list(FOLDERS),
                        help="forms to retrain (the others keep their shipped weights)")
    args = parser.parse_args()
    root = devset.require_devset()
    records = html_records(root, args.cache)
    labelled = set(score_metadata.load_truth())
    titles = {k: str(r["title"]) for k, r in records.items() if r.get("title")}
    weights = dict(WEIGHTS)
    for form in args.forms:
        data = pages(root, form, titles)
        train = [p for p in data if is_train(p[0]) and p[0] not in labelled]
        test = [p for p in data if not is_train(p[0])]
        w = fit(train)
        weights[form] = {name: round(float(x), 4) for name, x in zip(FEATURES, w)}
        print(f"{form}: top-1 = HTML title on {accuracy(train, w):.3f} of {len(train)} training pages, "
              f"{accuracy(test, w):.3f} of {len(test)} held-out pages "
              f"(a positive exists on {sum(p[2].any() for p in test) / len(test):.3f})")
    write_weights(OUT, weights, "the headline ranker (:mod:`newsfuse.extract.text_title`)", "bench/train_title.py")


def html_records(root: Path, cache: Path | None) -> dict[str, dict[str, object]]:
    """Each dev page's HTML extraction (the labels of the text forms' rankers), cached in ``cache``."""
    if cache and cache.exists():
        return dict(json.loads(cache.read_text()))
    records = html_truth(root, sorted(devset.load_truth(root)))
    if cache:
        cache.write_text(json.dumps(records, ensure_ascii=False))
    return records


def write_weights(out: Path, weights: dict[str, dict[str, float]], what: str, script: str) -> None:
    """Write a ranker's weights per form as a Python module of data."""
    lines = []
    for form, values in weights.items():
        lines.append(f"    {form!r}: {{")
        lines += [f"        {name!r}: {value!r}," for name, value in values.items()]
        lines.append("    },")
    body = "\n".join(lines).replace("'", '"')
    out.write_text(f'"""Weights of {what}; written by {script}."""\n\n'
                   f"WEIGHTS: dict[str, dict[str, float]] = {{\n{body}\n}}\n")


if __name__ == "__main__":
    main()
