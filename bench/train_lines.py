"""Train the line models of newsfuse.extract.text_lines (page text and PDF text) on half the dev set.

    python bench/train_lines.py [--kind page-text|pdf-text|both] [--labels trafilatura newsfuse both]
                                [--combine DIR ...] [--out src/newsfuse/data]

Labels come from ALIGNING each capture's units to a reference body of the same page, united with the
truth's "with" snippets (a unit containing a truth "without" snippet is labelled boilerplate): the
HTML capture's body by trafilatura, by newsfuse's own HTML extractor, or the mean of both labels. A
unit is body when most of its word trigrams (for short units: the whole unit, as a line) are in the
reference. Only pages of the training half (sha1(key) even, see :func:`is_train`) are used;
bench/bench_text.py reports the other half.

The model: per labeling one member, two stacked one-hidden-layer MLPs trained with Adam in numpy (no
scikit-learn needed); the second stage sees the first stage's out-of-fold probabilities around each
unit. The members are written side by side as ``text_lines_<kind>_<version>.npz`` (their mean is the
body probability). The shipped v2 files were stacked with ``--combine`` from the v1 model (trafilatura
labels) and members trained here with ``--labels newsfuse`` and ``--labels both``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import pickle
import re
import sys
from multiprocessing import Pool
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devset import load_truth, require_devset

from newsfuse.extract.text_doc import page_doc, pdf_doc
from newsfuse.extract.text_lines import MODEL_VERSION, line_features, stage2_features

CACHE = Path(os.environ.get("NEWSFUSE_TEXT_CACHE", "/tmp/newsfuse-text"))
_WORD = re.compile(r"\w+")


def is_train(key: str) -> bool:
    """The fixed split: pages whose sha1(key) is even train, odd ones are held out."""
    return int(hashlib.sha1(key.encode()).hexdigest(), 16) % 2 == 0


def _reference_one(args: tuple[str, str, str]) -> tuple[str, str]:
    devset, key, extractor = args
    html = gzip.decompress((Path(devset) / "html" / f"{key}.html.gz").read_bytes())
    try:
        if extractor == "newsfuse":
            from newsfuse.extract.html import extract_html
            from newsfuse.options import ExtractOptions
            from newsfuse.records import Capture

            return key, extract_html(Capture("reference", html), ExtractOptions()).text
        import trafilatura

        return key, trafilatura.extract(html) or ""
    except Exception:  # noqa: BLE001 - a page the extractor cannot read has no reference; its units count as boilerplate
        return key, ""


def references(devset: Path, keys: list[str], extractor: str = "newsfuse") -> dict[str, str]:
    """The extracted body of every HTML capture (by newsfuse's HTML extractor or trafilatura), cached
    under CACHE."""
    path = CACHE / ("reference.json" if extractor == "trafilatura" else f"reference_{extractor}.json")
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    CACHE.mkdir(parents=True, exist_ok=True)
    with Pool(2) as pool:
        jobs = [(str(devset), k, extractor) for k in keys]
        refs = dict(pool.imap_unordered(_reference_one, jobs, chunksize=8))
    path.write_text(json.dumps(refs, ensure_ascii=False), encoding="utf-8")
    return refs


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


class Reference:
    """A page's reference body, for aligning units to it."""

    def __init__(self, body: str, with_: list[str], without: list[str]) -> None:
        text = body + "\n" + "\n".join(with_)
        words = _words(text)
        self.trigrams = {tuple(words[i:i + 3]) for i in range(len(words) - 2)}
        self.lines = {" ".join(_words(line)) for line in text.splitlines() if line.strip()}
        self.with_ = [" ".join(s.split()) for s in with_]
        self.without = [" ".join(s.split()) for s in without]

    def label(self, unit: str) -> int:
        norm = " ".join(unit.split())
        if any(s in norm for s in self.without):
            return 0
        if any(s in norm for s in self.with_):
            return 1
        words = _words(unit)
        if len(words) < 3:
            return int(" ".join(words) in self.lines and bool(words))
        grams = [tuple(words[i:i + 3]) for i in range(len(words) - 2)]
        return int(sum(g in self.trigrams for g in grams) >= 0.5 * len(grams))


def _doc_one(args: tuple[str, str, str, list[str], list[str], list[str]]) -> dict:
    devset, kind, key, ref, with_, without = args
    folder = "text" if kind == "page-text" else "pdftext"
    text = (Path(devset) / folder / f"{key}.txt").read_text(encoding="utf-8", errors="replace")
    doc = page_doc(text) if kind == "page-text" else pdf_doc(text)
    units = list(doc.units)
    aligned = [Reference(body, with_, without) for body in ref]
    return {"key": key, "units": units, "fixed": list(doc.fixed), "x": line_features(units),
            "y": np.array([np.mean([r.label(u) for r in aligned]) for u in units], dtype=np.float64)}


def documents(kind: str, devset: Path, truth: dict, refs: list[dict[str, str]], cached: bool = False,
              tag: str = "") -> list[dict]:
    """Every page's units, features and labels (cached under CACHE with ``cached``, for experiments)."""
    path = CACHE / f"docs_{kind}{tag}.pickle"
    if cached and path.exists():
        return pickle.loads(path.read_bytes())
    jobs = [(str(devset), kind, k, [r.get(k, "") for r in refs], e["with"], e["without"])
            for k, e in sorted(truth.items())]
    with Pool(2) as pool:
        docs = list(pool.imap(_doc_one, jobs, chunksize=8))
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(docs))
    return docs


def train_mlp(x: np.ndarray, y: np.ndarray, w: np.ndarray, hidden: int = 24, epochs: int = 400,
              lr: float = 0.01, l2: float = 1e-4, seed: int = 0) -> dict[str, np.ndarray]:
    """A one-hidden-layer MLP, weighted logistic loss, full-batch Adam."""
    rng = np.random.default_rng(seed)
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    z = (x - mean) / scale
    params = [rng.normal(0, 1 / np.sqrt(z.shape[1]), (z.shape[1], hidden)), np.zeros(hidden),
              rng.normal(0, 1 / np.sqrt(hidden), hidden), np.zeros(1)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    wn = w / w.sum()
    for step in range(1, epochs + 1):
        w1, b1, w2, b2 = params
        h = np.tanh(z @ w1 + b1)
        p = 1 / (1 + np.exp(-(h @ w2 + b2)))
        g_out = (p - y) * wn
        grads = [None, None, h.T @ g_out + l2 * w2, np.array([g_out.sum()])]
        g_h = np.outer(g_out, w2) * (1 - h * h)
        grads[0] = z.T @ g_h + l2 * w1
        grads[1] = g_h.sum(axis=0)
        for k, g in enumerate(grads):
            m[k] = 0.9 * m[k] + 0.1 * g
            v[k] = 0.999 * v[k] + 0.001 * g * g
            params[k] = params[k] - lr * (m[k] / (1 - 0.9 ** step)) / (np.sqrt(v[k] / (1 - 0.999 ** step)) + 1e-8)
    w1, b1, w2, b2 = params
    return {"mean": mean, "scale": scale, "w1": w1, "b1": b1, "w2": w2, "b2": b2}


def predict(params: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    h = np.tanh(((x - params["mean"]) / params["scale"]) @ params["w1"] + params["b1"])
    return 1 / (1 + np.exp(-(h @ params["w2"] + params["b2"])))


def _stack(docs: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = np.vstack([d["x"] for d in docs])
    y = np.concatenate([d["y"] for d in docs])
    w = np.concatenate([np.log1p(np.array([len(u) for u in d["units"]], dtype=np.float64)) for d in docs])
    return x, y, w


def train(docs: list[dict], **hyper: float) -> tuple[dict, dict, list[np.ndarray]]:
    """Stage 1 (cross-fitted over two folds for stage 2's input), then stage 2."""
    folds = [[d for i, d in enumerate(docs) if i % 2 == f] for f in (0, 1)]
    oof: dict[str, np.ndarray] = {}
    for f in (0, 1):
        model = train_mlp(*_stack(folds[1 - f]), **hyper)
        for d in folds[f]:
            oof[d["key"]] = predict(model, d["x"])
    first = train_mlp(*_stack(docs), **hyper)
    x2 = [stage2_features(d["x"], oof[d["key"]]) for d in docs]
    second = train_mlp(np.vstack(x2), *_stack(docs)[1:], seed=1, **hyper)
    probs = [predict(second, x) for x in x2]
    return first, second, probs


def unit_f1(docs: list[dict], probs: list[np.ndarray], truth: dict, threshold: float) -> float:
    """Snippet F of the units kept at ``threshold`` (the model alone, without the extractor's rules)."""
    from devset import snippet_scores

    preds = {d["key"]: "\n".join(u for u, p, fx in zip(d["units"], pr, d["fixed"]) if p >= threshold and not fx)
             for d, pr in zip(docs, probs)}
    return snippet_scores(preds, {d["key"]: truth[d["key"]] for d in docs})["f1"]


def best_threshold(docs: list[dict], probs: list[np.ndarray], truth: dict) -> float:
    best = (0.0, 0.5)
    for t in np.arange(0.2, 0.81, 0.05):
        best = max(best, (unit_f1(docs, probs, truth, float(t)), float(t)))
    print(f"  threshold {best[1]:.2f} (train F {best[0]:.3f})")
    return best[1]


LABELINGS = {"trafilatura": ("trafilatura",), "newsfuse": ("newsfuse",), "both": ("newsfuse", "trafilatura")}


def train_member(kind: str, labeling: str, devset: Path, truth: dict, args: argparse.Namespace) -> dict | None:
    """One member of the model: units labelled by aligning them to ``labeling``'s reference body
    (both: the mean of the two labels), trained on the training half; its held-out unit F printed."""
    refs = [references(devset, sorted(truth), name) for name in LABELINGS[labeling]]
    every = [d for d in documents(kind, devset, truth, refs, args.cached, f"_{labeling}") if len(d["units"])]
    docs = [d for d in every if is_train(d["key"])]
    print(f"{kind} ({labeling} labels): {len(docs)} training pages, {sum(len(d['units']) for d in docs)} units, "
          f"{sum(d['y'].sum() for d in docs):.0f} body")
    first, second, probs = train(docs, hidden=args.hidden, epochs=args.epochs, l2=args.l2)
    threshold = best_threshold(docs, probs, truth)
    held = [d for d in every if not is_train(d["key"])]
    held_probs = [predict(second, stage2_features(d["x"], predict(first, d["x"]))) for d in held]
    print(f"  held-out unit F {unit_f1(held, held_probs, truth, threshold):.3f}")
    arrays = {f"s1_{k}": v for k, v in first.items()} | {f"s2_{k}": v for k, v in second.items()}
    return arrays | {"threshold": np.array(threshold)}


def stack(members: list[dict]) -> dict:
    """Members side by side in one file (``m<j>_`` prefixes); the threshold is their mean."""
    arrays = {f"m{j}_{k}": v for j, m in enumerate(members) for k, v in m.items() if k != "threshold"}
    return arrays | {"threshold": np.array(np.mean([float(m["threshold"]) for m in members]))}


def load_member(path: Path) -> dict:
    with np.load(path) as arrays:
        return {k: arrays[k] for k in arrays.files}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", default="both", choices=("page-text", "pdf-text", "both"))
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "src/newsfuse/data"))
    parser.add_argument("--cached", action="store_true", help="reuse the cached units and labels (experiments)")
    parser.add_argument("--hidden", type=int, default=32)
    parser.add_argument("--epochs", type=int, default=500)
    parser.add_argument("--l2", type=float, default=1e-4)
    parser.add_argument("--labels", nargs="+", default=list(LABELINGS), choices=list(LABELINGS),
                        help="one member per labeling: the HTML extractor whose body the units are aligned to")
    parser.add_argument("--combine", nargs="+", type=Path, metavar="DIR",
                        help="train nothing: stack the one-member models text_lines_<kind>_*.npz found in these dirs")
    parser.add_argument("--dry-run", action="store_true", help="report held-out F, write no model")
    args = parser.parse_args()
    devset = require_devset()
    truth = load_truth(devset)
    for kind in ("page-text", "pdf-text") if args.kind == "both" else (args.kind,):
        stem = f"text_lines_{kind.replace('-', '_')}"
        if args.combine:
            members = [load_member(next(d.glob(f"{stem}_*.npz"))) for d in args.combine]
        else:
            members = [train_member(kind, labeling, devset, truth, args) for labeling in args.labels]
        if args.dry_run:
            continue
        path = Path(args.out) / f"{stem}_{MODEL_VERSION}.npz"
        arrays = stack(members)
        np.savez_compressed(path, **{k: np.asarray(v, dtype=np.float32) for k, v in arrays.items()})
        print(f"  wrote {path} ({len(members)} members, {path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
