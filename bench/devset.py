"""Where the development set is, and how to score against it (shared by every benchmark).

The dev set lives next to the repo (../shared/data/devset) or where NEWSFUSE_DEVSET points.
Benchmarks call :func:`require_devset`, which exits cleanly (status 0, a message) when absent.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import statistics
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO.parent / "shared" / "data" / "devset"


def devset_dir() -> Path:
    return Path(os.environ.get("NEWSFUSE_DEVSET", DEFAULT))


def require_devset() -> Path:
    """The dev set's folder; exits with a message (status 0) when it is not there."""
    path = devset_dir()
    if not (path / "truth.json").exists():
        print(f"skipped: development set not found at {path} (set NEWSFUSE_DEVSET)", file=sys.stderr)
        raise SystemExit(0)
    return path


def load_truth(path: Path | None = None) -> dict[str, Any]:
    path = path or require_devset()
    return json.loads((path / "truth.json").read_text(encoding="utf-8"))


def read_html(key: str, path: Path | None = None) -> bytes:
    path = path or devset_dir()
    return gzip.decompress((path / "html" / f"{key}.html.gz").read_bytes())


def scorer(path: Path | None = None) -> ModuleType:
    """The dev set's own score_body.py, imported as a module."""
    path = path or devset_dir()
    spec = importlib.util.spec_from_file_location("score_body", path / "score_body.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def snippet_scores(preds: dict[str, str], truth: dict[str, Any]) -> dict[str, float]:
    """The dev set's snippet metric (pooled TP/FP/FN over pages): precision, recall, F1."""
    norm = lambda s: " ".join(s.split())
    tp = fp = fn = 0
    for key, entry in truth.items():
        text = norm(preds.get(key) or "")
        for snippet in entry["with"]:
            if norm(snippet) in text:
                tp += 1
            else:
                fn += 1
        for snippet in entry["without"]:
            if norm(snippet) in text:
                fp += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def median_ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000 if seconds else 0.0
