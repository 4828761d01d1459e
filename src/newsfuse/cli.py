"""The ``newsfuse`` command: thin — parse arguments → options → call the library.

Exit status: 0 all captures fine, 1 some captures rejected, 2 usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Annotated, TextIO

import typer

from newsfuse.export.formats import FORMATS, write_records
from newsfuse.options import KIND_CHOICES, ExtractOptions
from newsfuse.pipeline import extract_stream
from newsfuse.readers.files import expand_path, iter_captures
from newsfuse.readers.warc import is_warc_file
from newsfuse.records import Article, Rejected
from newsfuse.ui import Reporter

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    invoke_without_command=True,
    help="Turn captures of news articles (HTML, page text, PDF, PDF text) into clean article records.",
    context_settings={"help_option_names": ["-h", "--help"]},
)

Paths = Annotated[list[str], typer.Argument(
    help="Files, directories (recursed), globs, or - for stdin; a WARC archive gives a capture per page record.")]
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
    reporter = Reporter(total=lambda: _capture_count(paths), quiet=quiet, what="captures")
    with ExitStack() as stack:
        with _write_errors(output):
            out = _open_output(stack, output)
        with _write_errors(errors):
            error_out = stack.enter_context(errors.open("w", encoding="utf-8")) if errors else None
        stack.enter_context(reporter)
        results = extract_stream(iter_captures(paths, options.max_bytes), options, jobs)
        write_records(_articles(results, reporter, error_out), fmt, out)
    reporter.summary(f"{reporter.ok} extracted, {reporter.rejected} rejected")
    raise typer.Exit(1 if reporter.rejected else 0)


def _capture_count(paths: list[str]) -> int | None:
    """The captures the progress bar counts to: one per file, unknown with stdin or a WARC archive
    (a record each) among the inputs. Asked only when a bar is drawn (each file is opened for it)."""
    if "-" in paths:
        return None
    files = [path for p in paths for path in expand_path(p)]
    return None if any(is_warc_file(path) for path in files) else len(files)


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


Db = Annotated[Path, typer.Option("--db", help="The store (SQLite file).")]


@app.command()
def ingest(
    paths: Paths,
    db: Db = Path("newsfuse.db"),
    kind: Annotated[str, typer.Option("--kind", "-k", help=f"One of: {', '.join(KIND_CHOICES)}.")] = "auto",
    jobs: Jobs = 1,
    timeout: Annotated[float, typer.Option(help="Seconds one capture may take (0: no limit).")] = 30.0,
    quiet: Quiet = False,
) -> None:
    """Store captures, cluster them into articles and fuse one record per article."""
    from newsfuse.ingest import IngestOptions
    from newsfuse.ingest import ingest as run_ingest
    from newsfuse.store import Store

    _choice(kind, KIND_CHOICES, "--kind")
    options = IngestOptions(extract=ExtractOptions(kind=kind, timeout=timeout), jobs=jobs)
    reporter = Reporter(total=lambda: _capture_count(paths), quiet=quiet, what="captures")

    def progress(result: Article | Rejected | None) -> None:
        if isinstance(result, Rejected):
            reporter.reject(result)
        else:
            reporter.advance()

    with _store_errors(), Store(db) as store, reporter:
        stats = run_ingest(iter_captures(paths, options.extract.max_bytes), store, options, progress)
    if not quiet:
        reporter.console.print(f"newsfuse: {stats.summary()}", markup=False)
    raise typer.Exit(1 if stats.rejected else 0)


@app.command()
def articles(
    db: Db = Path("newsfuse.db"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="One of: table, jsonl, csv, markdown.")] = "table",
) -> None:
    """List the fused articles."""
    from newsfuse.store import Store

    _choice(fmt, ("table", "jsonl", "csv", "markdown"), "--format")
    with _store_errors(), Store(db, readonly=True) as store:
        records = list(store.articles())
    if fmt != "table":
        write_records(records, fmt, sys.stdout)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "title", "site", "published", "captures", box=None, pad_edge=False)
    for record in records:
        kinds = ",".join(sorted({c["kind"] for c in record["captures"]}))
        table.add_row(record["id"][:12], record.get("title") or "", record.get("site") or "",
                      record.get("published") or "", f"{len(record['captures'])} ({kinds})")
    Console(soft_wrap=False).print(table)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="An article id (or a unique prefix).")],
    db: Db = Path("newsfuse.db"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="One of: markdown, json.")] = "markdown",
) -> None:
    """One article: its fused record, its captures, where each field came from, conflicts."""
    import json

    from newsfuse.export.markdown import to_markdown
    from newsfuse.store import Store

    _choice(fmt, ("markdown", "json"), "--format")
    with _store_errors(), Store(db, readonly=True) as store:
        record = store.article(article_id)
    if fmt == "json":
        typer.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    typer.echo(to_markdown(record))
    typer.echo(_provenance_markdown(record))


def _provenance_markdown(record: dict[str, object]) -> str:
    captures = {c["id"]: c for c in record["captures"]}  # type: ignore[attr-defined]
    lines = ["## Provenance", ""]
    for name, ids in record["provenance"].items():  # type: ignore[attr-defined]
        lines.append(f"- {name}: " + ", ".join(f"{captures[i]['path']} ({captures[i]['kind']})"
                                               for i in ids if i in captures))
    conflicts = record["conflicts"]
    if conflicts:
        lines += ["", "## Conflicts", ""]
        for name, variants in conflicts.items():  # type: ignore[attr-defined]
            for variant in variants:
                paths = ", ".join(captures[i]["path"] for i in variant["captures"] if i in captures)
                lines.append(f"- {name}: {variant['value']!r} — {paths}")
    return "\n".join(lines) + "\n"


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="FTS5 query: words, \"a phrase\", a OR b, prefix*.")],
    db: Db = Path("newsfuse.db"),
    limit: Annotated[int, typer.Option(min=1, help="How many results.")] = 20,
) -> None:
    """Full-text search over the fused titles and bodies, best first, with snippets."""
    from newsfuse.store import Store

    with _store_errors(), Store(db, readonly=True) as store:
        hits = store.search(query, limit)
    for hit in hits:
        typer.echo(f"{hit['id'][:12]}  {hit['title']}\n    {hit['snippet']}")
    if not hits:
        typer.echo("no match", err=True)


@app.command("export")
def export_(
    output: Annotated[Path, typer.Option("--output", "-o", help="File (or folder for markdown).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="One of: jsonl, parquet, csv, markdown.")],
    db: Db = Path("newsfuse.db"),
) -> None:
    """Export the fused articles (markdown: one file per article)."""
    from newsfuse.export.files import EXPORT_FORMATS, export
    from newsfuse.store import Store

    _choice(fmt, EXPORT_FORMATS, "--format")
    with _store_errors(), _write_errors(output), Store(db, readonly=True) as store:
        count = export(store.articles(), fmt, output)
    typer.echo(f"newsfuse: exported {count} articles to {output}", err=True)


@app.command("dask")
def dask_(
    paths: Paths,
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for articles-*.jsonl and rejected.jsonl.")],
    scheduler: Annotated[str | None, typer.Option(
        help="Address of a running Dask scheduler (its workers, and this machine, must see the input "
             "paths); default: a local cluster.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes of the local cluster (not with "
                                                     "--scheduler: its cluster has its own).")] = 2,
    kind: Annotated[str, typer.Option("--kind", "-k", help=f"One of: {', '.join(KIND_CHOICES)}.")] = "auto",
    timeout: Annotated[float, typer.Option(help="Seconds one capture may take (0: no limit).")] = 30.0,
    quiet: Quiet = False,
) -> None:
    """Ingest on a Dask cluster: the fused articles as JSON lines (what articles --format jsonl
    lists after an ingest of the same inputs), written by the workers."""
    from newsfuse.ingest import IngestOptions

    _choice(kind, KIND_CHOICES, "--kind")
    if "-" in paths:
        raise typer.BadParameter("the workers cannot read the client's stdin: give files", param_hint="PATHS")
    from newsfuse.engines.dask import connect, run, write_jsonl

    options = IngestOptions(extract=ExtractOptions(kind=kind, timeout=timeout))
    with _store_errors(), connect(scheduler, workers) as client:
        result = run(paths, client, options)
        with _write_errors(output):
            write_jsonl(result, output)
    for rejected in result.rejected:
        typer.echo(f"newsfuse: {rejected}", err=True)
    if not quiet:
        typer.echo(f"newsfuse: {result.stats.summary()}; written to {output}", err=True)
    raise typer.Exit(1 if result.rejected else 0)


@app.command()
def serve(
    db: Db = Path("newsfuse.db"),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Browse, search and read the fused articles in a web browser (read-only)."""
    with _store_errors():
        from newsfuse.web import create_app
        from newsfuse.web import serve as run_server

        run_server(create_app(db), host, port, ready=lambda: typer.echo(
            f"newsfuse: serving {db} on http://{host}:{port}/ (Ctrl-C stops)", err=True))


@contextmanager
def _store_errors() -> Iterator[None]:
    """Store and usage problems become a one-line message and exit status 2."""
    from newsfuse.errors import StoreError, UsageError

    try:
        yield
    except (StoreError, UsageError) as exc:
        typer.echo(f"newsfuse: {exc}", err=True)
        raise typer.Exit(2) from exc


@contextmanager
def _write_errors(path: Path | None = None) -> Iterator[None]:
    """An output that cannot be written (no such folder, no permission, disk full) becomes a
    one-line message naming it (``path``, else the file the error names) and exit status 2."""
    try:
        yield
    except OSError as exc:
        name = path or exc.filename
        where = f" {name}" if name else ""
        typer.echo(f"newsfuse: cannot write{where}: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from exc


def main() -> None:
    app()
