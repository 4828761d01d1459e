"""Metadata from every capture form on the hand-labelled pages: html, page text, PDF text, PDF.

    python bench/bench_forms_metadata.py

Each form of each labelled page goes through the whole ``newsfuse.extract`` (kind detected from
the bytes), and the record's title, authors, agency, site, published and language are scored with
bench/score_metadata.py. Writes bench/out/forms_metadata.json. Skips cleanly without the dev set.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import devset  # noqa: E402
import score_metadata  # noqa: E402

from newsfuse import extract  # noqa: E402
from newsfuse.errors import CaptureError  # noqa: E402

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


def main() -> None:
    root = devset.require_devset()
    truth = score_metadata.load_truth()
    results = {}
    for form in FORMS:
        preds = {}
        for key in truth:
            predicted = row(root, form, key)
            if predicted is not None:
                preds[key] = predicted
        subset = {k: v for k, v in truth.items() if k in preds}
        results[f"{form} ({len(subset)} pages)"] = score_metadata.score(preds, subset)
    print(score_metadata.table(results))
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    (out / "forms_metadata.json").write_text(json.dumps(
        {"command": "python bench/bench_forms_metadata.py", "results": results}, indent=2))


if __name__ == "__main__":
    main()
