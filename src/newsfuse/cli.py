"""The ``newsfuse`` command: thin — parse arguments → options → call the library.

Exit status: 0 all captures fine, 1 some captures rejected, 2 usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, TextIO

import typer

from newsfuse.export.formats import FORMATS, write_records
from newsfuse.options import KIND_CHOICES, ExtractOptions
from newsfuse.pipeline import extract_stream
from newsfuse.readers.files import expand_path, iter_captures
from newsfuse.records import Article, Rejected
from newsfuse.ui import Reporter

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    invoke_without_command=True,
    help="Turn captures of news articles (HTML, page text, PDF, PDF text) into clean article records.",
    context_settings={"help_option_names": ["-h", "--help"]},
)

Paths = Annotated[list[str], typer.Argument(help="Files, directories (recursed), globs, or - for stdin.")]
Jobs = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes (same output, same order).")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary line.")]


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        from newsfuse import __version__

        typer.echo(f"newsfuse {__version__}")
        raise typer.Exit(0)


def _choice(value: str, choices: tuple[str, ...], name: str) -> str:
    if value not in choices:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(choices)}", param_hint=name)
    return value


def _open_output(stack: ExitStack, output: Path | None) -> TextIO:
    if output is None or str(output) == "-":
        return sys.stdout
    output.parent.mkdir(parents=True, exist_ok=True)
    return stack.enter_context(output.open("w", encoding="utf-8", newline=""))


@app.command()
def extract(
    paths: Paths,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")] = "jsonl",
    kind: Annotated[str, typer.Option("--kind", "-k", help=f"One of: {', '.join(KIND_CHOICES)}.")] = "auto",
    jobs: Jobs = 1,
    timeout: Annotated[float, typer.Option(help="Seconds one capture may take (0: no limit).")] = 30.0,
    max_size: Annotated[int, typer.Option(help="Largest capture in MiB.")] = 50,
    errors: Annotated[Path | None, typer.Option(help="Also write rejected captures here as JSON lines.")] = None,
    quiet: Quiet = False,
) -> None:
    """Extract one clean article record per capture."""
    _choice(fmt, FORMATS, "--format")
    _choice(kind, KIND_CHOICES, "--kind")
    options = ExtractOptions(kind=kind, timeout=timeout, max_bytes=max_size * 1024 * 1024)
    total = sum(1 for p in paths for _ in expand_path(p)) if "-" not in paths else None
    reporter = Reporter(total=total, quiet=quiet, what="captures")
    with ExitStack() as stack:
        out = _open_output(stack, output)
        error_out = stack.enter_context(errors.open("w", encoding="utf-8")) if errors else None
        stack.enter_context(reporter)
        results = extract_stream(iter_captures(paths, options.max_bytes), options, jobs)
        write_records(_articles(results, reporter, error_out), fmt, out)
    reporter.summary(f"{reporter.ok} extracted, {reporter.rejected} rejected")
    raise typer.Exit(1 if reporter.rejected else 0)


def _articles(results: Iterator[Article | Rejected], reporter: Reporter,
              error_out: TextIO | None) -> Iterator[Article]:
    import json

    for result in results:
        if isinstance(result, Rejected):
            reporter.reject(result)
            if error_out:
                error_out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        else:
            reporter.advance()
            yield result


def main() -> None:
    app()
