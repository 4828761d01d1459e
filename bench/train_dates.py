"""Train the date-line ranker of text captures (newsfuse.extract.text_dates) on the dev set.

    python bench/train_dates.py [--cache /tmp/html_records.json]

For every dev page and each text form (page text, PDF text), the dates shown around its headline and
body get their features (newsfuse.extract.text_dates.features); the candidates whose day is the
published day of the page's HTML extraction are the positives, and the "no date shown" row is the
positive when none is. A linear score, softmax over a page's rows, is fitted on the training half of
the pages (bench/train_lines.py's split) minus the hand-labelled pages (bench/train_title.py's
fit), and the weights are written to src/newsfuse/extract/text_dates_weights.py. The share of pages
whose top row is right (against the HTML record) is printed for the training and held-out pages.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import devset
import score_metadata
from train_lines import is_train
from train_title import FOLDERS, Page, accuracy, fit, html_records, write_weights

from newsfuse.extract.text import body_mask, title_index
from newsfuse.extract.text_dates import FEATURES, candidates, features
from newsfuse.extract.text_doc import Doc, page_doc, pdf_doc
from newsfuse.readers.decode import decode_bytes

OUT = devset.REPO / "src" / "newsfuse" / "extract" / "text_dates_weights.py"


def body_of(root: Path, form: str, key: str) -> tuple[Doc, list[bool]] | None:
    """A dev page's text capture of ``form`` read into units, and which of them are body; None when
    none is (the capture would be rejected)."""
    text = decode_bytes((root / FOLDERS[form] / f"{key}.txt").read_bytes())
    doc = page_doc(text) if form == "page-text" else pdf_doc(text)
    keep, _ = body_mask(doc, form)
    return (doc, keep) if any(keep) else None


def pages(root: Path, form: str, days: dict[str, str | None]) -> list[Page]:
    out = []
    for key, day in sorted(days.items()):
        read = body_of(root, form, key)
        if read is None:
            continue
        doc, keep = read
        first, last = keep.index(True), len(keep) - 1 - keep[::-1].index(True)
        t = title_index(doc, keep, form)
        found = candidates(doc.units, t, first, last)
        if not found:
            continue
        x = features(doc.units, found, t, first, last)
        y = np.array([False] + [c.day.isoformat() == day for c in found])
        y[0] = not y.any()
        out.append((key, x, y))
    return out


def main() -> None:
    root, records = records_from_args(__doc__)
    days = {k: score_metadata.first_day(r.get("published") or None) for k, r in records.items()}
    weights = train_per_form(lambda form: pages(root, form, days), FEATURES, "a dated row")
    write_weights(OUT, weights, "the date-line ranker (:mod:`newsfuse.extract.text_dates`)", "bench/train_dates.py")


def records_from_args(doc: str | None) -> tuple[Path, dict[str, dict[str, object]]]:
    """The dev set and its pages' HTML records, cached where ``--cache`` says (a trainer's command line)."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--cache", type=Path, help="HTML records JSON (written when missing)")
    args = parser.parse_args()
    root = devset.require_devset()
    return root, html_records(root, args.cache)


def train_per_form(pages_of: Callable[[str], list[Page]], names: tuple[str, ...], row: str) -> dict[str, dict[str, float]]:
    """Fit a ranker per text form on the training half minus the labelled pages; print the share of
    pages whose top row is right, training and held-out (and how often ``row`` is right at all)."""
    labelled = set(score_metadata.load_truth())
    weights = {}
    for form in FOLDERS:
        data = pages_of(form)
        train = [p for p in data if is_train(p[0]) and p[0] not in labelled]
        test = [p for p in data if not is_train(p[0])]
        w = fit(train, features=names)
        weights[form] = {name: round(float(x), 4) for name, x in zip(names, w)}
        print(f"{form}: top row right on {accuracy(train, w):.3f} of {len(train)} training pages, "
              f"{accuracy(test, w):.3f} of {len(test)} held-out pages "
              f"({row} is right on {sum(p[2][1:].any() for p in test) / len(test):.3f})")
    return weights


if __name__ == "__main__":
    main()
