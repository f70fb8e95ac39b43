"""The `eventdesk` command: a thin Typer wrapper over plain functions.

Exit codes: 0 success; 1 some inputs failed (the others were processed and stored);
2 a usage or configuration error (nothing was processed).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.progress import TimeElapsedColumn

from eventdesk.errors import EventdeskError

app = typer.Typer(help="eventdesk: conflict news pages in, sourced events and claims out.",
                  no_args_is_help=True, add_completion=False)
console = Console()
err = Console(stderr=True)

DbOption = Annotated[str, typer.Option("--db", help="SQLite file path or SQLAlchemy URL.")]
InputsArg = Annotated[list[str], typer.Argument(
    help="Files, folders (recursive) or globs of .txt, .html, .warc(.gz), .jsonl.",
    show_default=False)]


def _fail(exc: Exception) -> None:
    err.print(f"[red]error:[/red] {exc}")
    raise typer.Exit(2)


def _execute(inputs: list[str], db: str, workers: int, pipeline: Optional[Path],
             skip: list[str], max_mb: float, ingest_only: bool) -> None:
    from eventdesk.cli_render import summary_table
    from eventdesk.ingest import IngestConfig
    from eventdesk.pipeline.spec import INGEST_PIPELINE, load_pipeline
    from eventdesk.run import RunOptions, run_pipeline

    try:
        stages = list(INGEST_PIPELINE) if ingest_only else load_pipeline(pipeline, tuple(skip))
        options = RunOptions(inputs=inputs, db=db, workers=workers, stages=stages,
                             ingest=IngestConfig(max_mb=max_mb))
        columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                   MofNCompleteColumn(), TimeElapsedColumn()]
        with Progress(*columns, console=err, transient=True) as bar:
            task = bar.add_task("documents", total=None)
            summary = run_pipeline(options, progress=lambda _doc: bar.advance(task))
    except EventdeskError as exc:
        _fail(exc)
        return
    console.print(summary_table(summary, db))
    for message in summary.failed:
        err.print(f"[red]failed:[/red] {message}", highlight=False)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def run(inputs: InputsArg, db: DbOption = "eventdesk.db",
        workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
        pipeline: Annotated[Optional[Path], typer.Option(
            help="YAML file listing the stages (default: the built-in pipeline).")] = None,
        skip: Annotated[list[str], typer.Option(
            help="Leave out a stage by name (e.g. --skip relevance).")] = [],
        max_mb: Annotated[float, typer.Option(help="Refuse single files above this size.")] = 50.0,
        ) -> None:
    """Read, clean, understand, extract, merge and store INPUTS; print a summary."""
    _execute(inputs, db, workers, pipeline, skip, max_mb, ingest_only=False)


@app.command()
def ingest(inputs: InputsArg, db: DbOption = "eventdesk.db",
           workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
           max_mb: Annotated[float, typer.Option(help="Refuse single files above this size.")] = 50.0,
           ) -> None:
    """Read and clean INPUTS and store the documents, without extraction."""
    _execute(inputs, db, workers, None, [], max_mb, ingest_only=True)


@app.command()
def export(db: DbOption = "eventdesk.db",
           fmt: Annotated[str, typer.Option("--format", "-f",
                                            help="jsonl, csv (ACLED columns), geojson, parquet")] = "jsonl",
           output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")] = Path("eventdesk.jsonl"),
           ) -> None:
    """Write the store out as JSON Lines, ACLED CSV, GeoJSON or Parquet."""
    from eventdesk.export import export as do_export
    from eventdesk.store import Store

    try:
        counts = do_export(Store(db, create=False), fmt, output)
    except EventdeskError as exc:
        _fail(exc)
        return
    err.print(f"wrote {output}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
