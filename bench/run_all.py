"""Run every benchmark and write docs/benchmarks.md with their output, commands, date and machine.

    python bench/run_all.py [--only NAME ...] [--quick]

Each benchmark runs newsfuse and its peer tool side by side in the same process run; their
printed tables go into the document verbatim, under the exact command that produced them.
Skips cleanly (a message, status 0) when the development set is absent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOC = HERE.parent / "docs" / "benchmarks.md"
OUT = HERE / "out"

BENCHES = {
    "html": ("HTML pages: body and speed vs trafilatura", ["bench/bench_html.py"]),
    "metadata": ("HTML metadata on hand-labelled pages vs trafilatura", ["bench/bench_metadata.py"]),
    "text": ("Page text and PDF text vs baselines; kind detection", ["bench/bench_text.py"]),
    "pdf": ("PDF files: pypdfium2 vs pdfminer.six", ["bench/bench_pdf.py"]),
    "forms-metadata": ("Metadata from every capture form on the labelled pages",
                       ["bench/bench_forms_metadata.py"]),
    "forms-metadata-held-out": ("Metadata from every capture form on the held-out labelled pages",
                                ["bench/bench_forms_metadata.py", "--split", "test"]),
    "forms-metadata-vs-html": ("Metadata from the text forms against each page's HTML record, all pages",
                               ["bench/bench_forms_metadata.py", "--against-html"]),
    "corpus": ("Ingest cost, dedup and fusion on the development set",
               ["bench/bench_corpus.py", "--repeat", "3"]),
    "fusion": ("Fusion on the development set's true clusters", ["bench/bench_fusion.py"]),
    "scale": ("Synthetic scale: 10k and 100k captures", ["bench/bench_scale.py"]),
    "dask": ("The Dask engine against ingest on the development set", ["bench/bench_dask.py"]),
}
QUICK = {"corpus": ["--limit", "200", "--repeat", "1"], "dask": ["--limit", "100"], "scale": ["--sizes", "2000", "20000"],
         "html": ["--limit", "200"]}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return f"{platform.system()} {platform.release()}, Python {platform.python_version()}, {os.cpu_count()} cores ({cpu})"


def run(name: str, quick: bool) -> None:
    """Run one benchmark; keep its command, date and output in bench/out/<name>.log."""
    _, script = BENCHES[name]
    command = [sys.executable, *script, *(QUICK.get(name, []) if quick else [])]
    shown = "python " + " ".join(command[1:])
    print(f"== {shown}", file=sys.stderr)
    result = subprocess.run(command, check=False, cwd=HERE.parent, capture_output=True, text=True)
    output = result.stdout.strip() or result.stderr.strip()[-3000:]
    if result.returncode:
        output += f"\n(exit status {result.returncode})"
    print(output, file=sys.stderr)
    OUT.mkdir(exist_ok=True)
    (OUT / f"{name}.log").write_text(json.dumps({"command": shown, "date": dt.date.today().isoformat(),
                                                 "output": output}))


def render() -> None:
    """docs/benchmarks.md from every benchmark's latest log; a benchmark with no log here (bench/out/
    is not kept in git: another machine ran it) keeps its section of the current document."""
    published = _sections(DOC.read_text()) if DOC.exists() else {}
    sections = []
    for name, (title, _) in BENCHES.items():
        log = OUT / f"{name}.log"
        if log.exists():
            entry = json.loads(log.read_text())
            sections.append(f"## {title}\n\nRun on {entry['date']}:\n\n```\n$ {entry['command']}\n"
                            f"{entry['output']}\n```\n")
        elif title in published:
            sections.append(published[title])
    header = (f"# Benchmarks\n\nEach section is one benchmark run (`python bench/run_all.py`, or the command "
              f"shown), on {machine()}.\nThe machine is shared and noisy: speed is quoted as medians and as "
              "ratios to the peer tool\nmeasured in the same run. The development set is "
              "`../shared/data/devset` (990 pages).\n\n")
    summary = HERE / "summary.md"
    DOC.write_text(header + (summary.read_text() + "\n" if summary.exists() else "") + "\n".join(sections))
    print(f"wrote {DOC}", file=sys.stderr)


def _sections(text: str) -> dict[str, str]:
    """The document's "## title" sections, by title."""
    parts = text.split("\n## ")[1:]
    return {part.split("\n", 1)[0]: "## " + part.rstrip("\n") + "\n" for part in parts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", choices=list(BENCHES), default=list(BENCHES))
    parser.add_argument("--quick", action="store_true", help="smaller runs (not for the published figures)")
    parser.add_argument("--render", action="store_true", help="only rewrite the document from the logs")
    args = parser.parse_args()
    if not args.render:
        sys.path.insert(0, str(HERE))
        import devset

        devset.require_devset()
        for name in args.only:
            run(name, args.quick)
    render()


if __name__ == "__main__":
    main()
