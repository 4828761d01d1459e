"""Train the byline ranker of text captures (newsfuse.extract.text_bylines) on the dev set.

    python bench/train_bylines.py [--cache /tmp/html_records.json]

For every dev page and each text form (page text, PDF text), the units around its headline and the
body's end that read as names get their features (newsfuse.extract.text_bylines.features); the
candidates whose names are the authors of the page's HTML extraction are the positives, and the "no
byline" row is the positive when none is. A linear score, softmax over a page's rows, is fitted on
the training half of the pages (bench/train_lines.py's split) minus the hand-labelled pages
(bench/train_title.py's fit), and the weights are written to
src/newsfuse/extract/text_bylines_weights.py. The share of pages whose top row is right (against the
HTML record) is printed for the training and held-out pages.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import devset
from train_dates import body_of, records_from_args, train_per_form
from train_title import Page, write_weights

from newsfuse.extract.text import head_units
from newsfuse.extract.text_bylines import FEATURES, candidates, features

OUT = devset.REPO / "src" / "newsfuse" / "extract" / "text_bylines_weights.py"


def pages(root: Path, form: str, authors: dict[str, frozenset[str]]) -> list[Page]:
    out = []
    for key, gold in sorted(authors.items()):
        read = body_of(root, form, key)
        if read is None:
            continue
        doc, keep = read
        head = head_units(doc, keep, form)
        found = candidates(doc.units, keep, head.title_at, head.date_at, head.sites)
        if not found:
            continue
        x = features(doc.units, keep, found, head.title_at, head.date_at, head.byline[2])
        y = np.array([not gold] + [bool(gold) and not gold.isdisjoint(n.lower() for n in c.names) for c in found])
        out.append((key, x, y))
    return out


def main() -> None:
    root, records = records_from_args(__doc__)
    authors = {k: frozenset(str(a).lower() for a in r.get("authors") or ()) for k, r in records.items()}
    weights = train_per_form(lambda form: pages(root, form, authors), FEATURES, "a byline row")
    write_weights(OUT, weights, "the byline ranker (:mod:`newsfuse.extract.text_bylines`)", "bench/train_bylines.py")


if __name__ == "__main__":
    main()
