"""Metadata from every capture form on the hand-labelled pages: html, page text, PDF text, PDF.

    python bench/bench_forms_metadata.py [--against-html] [--split all|test]

Each form of each labelled page goes through the whole ``newsfuse.extract`` (kind detected from
the bytes), and the record's title, authors, agency, site, published and language are scored with
bench/score_metadata.py. Writes bench/out/forms_metadata.json. Skips cleanly without the dev set.

``--against-html`` scores the text forms of every dev page (not only the labelled ones) against
that page's own HTML extraction (its title/published are ~0.95 right on the labelled pages): a
second measure that is not tuned on the labels. ``--split test`` keeps the held-out half of the
dev pages only (the pages the learned models were not trained on, see bench/train_lines.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import devset
import score_metadata
from train_lines import is_train

from newsfuse import extract
from newsfuse.errors import CaptureError

FORMS = {"html": "html/{key}.html.gz", "page-text": "text/{key}.txt", "pdf-text": "pdftext/{key}.txt",
         "pdf": "pdf/{key}.pdf"}


def row(root: Path, form: str, key: str) -> dict[str, object] | None:
    path = root / FORMS[form].format(key=key)
    if not path.exists():
        return None
    data = devset.read_html(key, root) if form == "html" else path.read_bytes()
    try:
        article = extract(data, path=str(path))
    except CaptureError:
        return {}
    return {"title": article.title, "authors": list(article.authors), "agency": article.agency,
            "site": article.site, "published": article.published, "language": article.language}


def html_truth(root: Path, keys: list[str]) -> dict[str, dict[str, object]]:
    """Each page's HTML extraction as its truth (pages whose HTML gives no article are left out)."""
    truth: dict[str, dict[str, object]] = {}
    for key in keys:
        record = row(root, "html", key)
        if record:
            truth[key] = {**record, "published": record["published"] or ""}
    return truth


def score_forms(root: Path, truth: dict[str, dict], forms: list[str]) -> dict[str, dict]:
    results = {}
    for form in forms:
        preds = {}
        for key in truth:
            predicted = row(root, form, key)
            if predicted is not None:
                preds[key] = predicted
        subset = {k: v for k, v in truth.items() if k in preds}
        results[f"{form} ({len(subset)} pages)"] = score_metadata.score(preds, subset)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against-html", action="store_true",
                        help="score the text forms of every dev page against its HTML extraction")
    parser.add_argument("--split", choices=("all", "test"), default="all")
    args = parser.parse_args()
    root = devset.require_devset()
    if args.against_html:
        keys = sorted(devset.load_truth(root))
        keys = [k for k in keys if args.split == "all" or not is_train(k)]
        truth, forms, name = html_truth(root, keys), ["page-text", "pdf-text", "pdf"], "forms_against_html"
    else:
        truth = score_metadata.load_truth()
        truth = {k: v for k, v in truth.items() if args.split == "all" or not is_train(k)}
        forms, name = list(FORMS), "forms_metadata"
    results = score_forms(root, truth, forms)
    print(score_metadata.table(results))
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    command = "python bench/bench_forms_metadata.py" + (" --against-html" if args.against_html else "") \
        + (f" --split {args.split}" if args.split != "all" else "")
    (out / f"{name}.json").write_text(json.dumps({"command": command, "results": results}, indent=2))


if __name__ == "__main__":
    main()
