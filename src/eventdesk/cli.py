"""The `eventdesk` command: a thin Typer wrapper over plain functions.

Exit codes: 0 success; 1 some inputs failed (the others were processed and stored);
2 a usage, configuration or store error (nothing was processed); 130 interrupted (Ctrl-C:
what was stored stays, a rerun resumes).
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
# Piped output (CI logs, files) gets a wide page rather than Rich's 80-column default.
console = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 160)

DbOption = Annotated[str, typer.Option(
    "--db", envvar="EVENTDESK_DB",
    help="SQLite file path or SQLAlchemy URL (no password needed: PostgreSQL reads ~/.pgpass).")]
EXIT_INTERRUPTED = 130
InputsArg = Annotated[list[str], typer.Argument(
    help="Files, folders (recursive) or globs of .txt, .html, .warc(.gz), .jsonl.",
    show_default=False)]


def _fail(exc: Exception) -> None:
    err.print(f"[red]error:[/red] {exc}")
    raise typer.Exit(2)


MaxMbOption = Annotated[float, typer.Option(help="Refuse single files above this size.")]
ManifestOption = Annotated[list[Path], typer.Option(
    "--manifest", help="Corpus index (.csv, .tsv, .md table, .jsonl) giving each file's address "
                       "and publication date by file name; repeatable.")]
AutoManifestOption = Annotated[bool, typer.Option(
    "--auto-manifest/--no-manifest",
    help="Read an index found beside the files (INDEX.md, index.csv, manifest.csv).")]


def _ingest_config(max_mb: float, manifests: list[Path], auto_manifest: bool):
    from eventdesk.ingest import IngestConfig

    return IngestConfig(max_mb=max_mb, manifests=tuple(str(m) for m in manifests),
                        auto_manifest=auto_manifest)


def _execute(inputs: list[str], db: str, workers: int, pipeline: Optional[Path],
             skip: list[str], ingest_config, ingest_only: bool) -> None:
    from eventdesk.cli_render import summary_table
    from eventdesk.pipeline.spec import INGEST_PIPELINE, load_pipeline
    from eventdesk.run import RunOptions, run_pipeline

    try:
        stages = list(INGEST_PIPELINE) if ingest_only else load_pipeline(pipeline, tuple(skip))
        options = RunOptions(inputs=inputs, db=db, workers=workers, stages=stages,
                             ingest=ingest_config)
        options.validate()
        columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                   MofNCompleteColumn(), TimeElapsedColumn()]
        with Progress(*columns, console=err, transient=True) as bar:
            task = bar.add_task("documents", total=None)
            summary = run_pipeline(options, progress=lambda _doc: bar.advance(task))
    except EventdeskError as exc:
        _fail(exc)
        return
    except KeyboardInterrupt:
        err.print("interrupted before any document was stored; nothing to undo")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    console.print(summary_table(summary, db))
    if summary.reprocessed:
        err.print(f"processed again: {summary.reprocessed} (failed before, ingest-only or "
                  "stored by an older eventdesk)")
    for message in summary.warnings:
        err.print(f"[yellow]warning:[/yellow] {message}", highlight=False)
    for message in summary.failed:
        err.print(f"[red]failed:[/red] {message}", highlight=False)
    if summary.interrupted:
        err.print(f"interrupted: {summary.stored} documents of this run are stored, whole; "
                  "run the same command again to go on from there")
        raise typer.Exit(EXIT_INTERRUPTED)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def run(inputs: InputsArg, db: DbOption = "eventdesk.db",
        workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
        pipeline: Annotated[Optional[Path], typer.Option(
            help="YAML file listing the stages (default: the built-in pipeline).")] = None,
        skip: Annotated[list[str], typer.Option(
            help="Leave out a stage by name (e.g. --skip relevance).")] = [],
        max_mb: MaxMbOption = 50.0,
        manifest: ManifestOption = [],
        auto_manifest: AutoManifestOption = True,
        ) -> None:
    """Read, clean, understand, extract, merge and store INPUTS; print a summary."""
    _execute(inputs, db, workers, pipeline, skip, _ingest_config(max_mb, manifest, auto_manifest),
             ingest_only=False)


@app.command()
def ingest(inputs: InputsArg, db: DbOption = "eventdesk.db",
           workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
           max_mb: MaxMbOption = 50.0,
           manifest: ManifestOption = [],
           auto_manifest: AutoManifestOption = True,
           ) -> None:
    """Read and clean INPUTS and store the documents, without extraction."""
    _execute(inputs, db, workers, None, [], _ingest_config(max_mb, manifest, auto_manifest),
             ingest_only=True)


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


@app.command()
def events(db: DbOption = "eventdesk.db",
           event_type: Annotated[Optional[str], typer.Option("--type", help="Event type or sub-type.")] = None,
           actor: Annotated[Optional[str], typer.Option(help="Actor name (part of it).")] = None,
           since: Annotated[Optional[str], typer.Option(help="ISO date: events on or after.")] = None,
           country: Annotated[Optional[str], typer.Option(help="Country name.")] = None,
           sources: Annotated[bool, typer.Option("--sources", help="Show every report of each event with its figures.")] = False,
           new_only: Annotated[bool, typer.Option("--new-only", help="Leave out historical events.")] = False,
           ) -> None:
    """List stored events as a table, filtered."""
    from eventdesk.cli_render import events_table
    from eventdesk.query import EventFilter, find_events
    from eventdesk.store import Store

    try:
        if since is not None:
            since = _iso_date(since)
        store = Store(db, create=False)
        found = find_events(store, EventFilter(event_type, actor, since, country, not new_only))
        reports = store.event_source_figures() if sources else None
    except EventdeskError as exc:
        _fail(exc)
        return
    console.print(events_table(found, reports))


@app.command()
def ledger(db: DbOption = "eventdesk.db",
           subject: Annotated[Optional[str], typer.Option(help="Subject (part of it), e.g. 'Islamic State'.")] = None,
           measure: Annotated[Optional[str], typer.Option(help="Measure (part of it), e.g. 'foreign fighters'.")] = None,
           ) -> None:
    """The claim ledger: estimates of the same quantity side by side, ordered by date."""
    from eventdesk.cli_render import ledger_tables
    from eventdesk.merge.ledger import ledger_lines
    from eventdesk.store import Store

    try:
        claims = Store(db, create=False).claims()
    except EventdeskError as exc:
        _fail(exc)
        return
    lines = [ln for ln in ledger_lines(claims)
             if (not subject or subject.lower() in (ln.subject or "").lower())
             and (not measure or measure.lower() in (ln.measure or "").lower())]
    if not lines:
        wanted = " and ".join(f"{k} '{v}'" for k, v in (("subject", subject), ("measure", measure)) if v)
        from eventdesk.store.engine import db_url, shown_url

        err.print(f"no claims in {shown_url(db_url(db))}" + (f" match {wanted}" if wanted else ""))
        return
    for table in ledger_tables(lines):
        console.print(table)


def _iso_date(value: str) -> str:
    """`--since` as an ISO date cut to its precision, or a usage error (E006)."""
    import re
    from datetime import date

    from eventdesk.errors import ConfigError, Errors

    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    try:
        if not m:
            raise ValueError(value)
        date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        raise ConfigError(Errors.E006.format(value=value)) from None
    return m[0]


db_app = typer.Typer(help="The store itself: schema version and migrations.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade(db: DbOption = "eventdesk.db") -> None:
    """Migrate a store made by an older eventdesk to this version's schema (back it up first)."""
    from eventdesk.store import upgrade_store

    try:
        before, after = upgrade_store(db)
    except EventdeskError as exc:
        _fail(exc)
        return
    if before == after:
        err.print(f"{db}: schema {after}, already current")
    else:
        err.print(f"{db}: schema {before or '(empty)'} -> {after}")


@db_app.command("version")
def db_version(db: DbOption = "eventdesk.db") -> None:
    """Print the store's schema version and this eventdesk's."""
    from eventdesk.store import store_version
    from eventdesk.store.schema import SCHEMA_VERSION

    try:
        found = store_version(db)
    except EventdeskError as exc:
        _fail(exc)
        return
    console.print(f"store schema {found or '(empty)'}; this eventdesk writes {SCHEMA_VERSION}")


@app.command()
def entities(file: Annotated[Path, typer.Argument(help="A page (.txt, .html) to analyse.")],
             ) -> None:
    """Show the actors, places and dates found in one page, with their resolution."""
    from eventdesk.cli_render import mentions_table
    from eventdesk.ingest import IngestFailure, read_inputs
    from eventdesk.pipeline.spec import StageSpec
    from eventdesk.pipeline.executor import LocalExecutor

    items = list(read_inputs([str(file)]))
    failures = [i for i in items if isinstance(i, IngestFailure)]
    if failures:
        err.print(f"[red]error:[/red] {failures[0].message}")
        raise typer.Exit(1)
    specs = [StageSpec("clean", "eventdesk.clean:CleanStage"),
             StageSpec("understand", "eventdesk.understand.stage:UnderstandStage")]
    for doc in LocalExecutor(specs).run(items[:1]):
        if not doc.active:
            err.print(f"[yellow]skipped:[/yellow] {doc.status_reason}")
            raise typer.Exit(1)
        console.print(f"[bold]{doc.title or doc.source}[/bold]  published {doc.published or '?'}"
                      f" ({doc.published_precision or '-'}), outlet {doc.outlet or '?'}")
        console.print(mentions_table(doc.mentions))


@app.command()
def evaluate(gold: Annotated[Path, typer.Option(help="Gold folder: <stem>.yaml files and bodies/.")],
             export_file: Annotated[Optional[Path], typer.Option("--export", help="Score this JSON Lines export instead of running the pipeline.")] = None,
             inputs: Annotated[Optional[list[str]], typer.Option("--input", help="Input files or folders to run on (default: the gold's documents found beside it).")] = None,
             as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
             db: Annotated[Optional[str], typer.Option("--db", help="Keep the evaluation database here.")] = None,
             ) -> None:
    """Score eventdesk against gold annotations: per document and overall, with mismatches."""
    from eventdesk.cli_evaluate import evaluate_command

    try:
        code = evaluate_command(gold, export_file, inputs, as_json, db, console)
    except EventdeskError as exc:
        _fail(exc)
        return
    raise typer.Exit(code)


@app.command()
def serve(db: DbOption = "eventdesk.db",
          host: Annotated[str, typer.Option(help="Address to listen on (localhost by default).")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="Port.")] = 8000,
          token_file: Annotated[Optional[Path], typer.Option(help="File holding the bearer token that allows POST /api/documents (else EVENTDESK_TOKEN; without either the server is read-only).")] = None,
          ) -> None:
    """Serve the HTTP API (/api, /docs) and the web pages over the store."""
    from eventdesk.web.serve import serve as run_server

    try:
        run_server(db, host, port, token_file)
    except EventdeskError as exc:
        _fail(exc)
spark_app = typer.Typer(help="Run the pipeline on Apache Spark (the `spark` extra).",
                        no_args_is_help=True)
app.add_typer(spark_app, name="spark")


@spark_app.command("run")
def spark_run(inputs: InputsArg,
              out: Annotated[str, typer.Option("--out", help="Folder for the Parquet tables.")],
              master: Annotated[Optional[str], typer.Option(
                  help="Spark master, e.g. local[2] (default: spark-submit's, else local[*]).")] = None,
              partitions: Annotated[Optional[int], typer.Option(
                  help="Partitions to process in (default: twice the cores).")] = None,
              pipeline: Annotated[Optional[Path], typer.Option(
                  help="YAML file listing the stages (default: the built-in pipeline).")] = None,
              skip: Annotated[list[str], typer.Option(help="Leave out a stage by name.")] = [],
              max_mb: MaxMbOption = 50.0,
              ) -> None:
    """Read, process, de-duplicate and merge INPUTS on Spark; write Parquet tables to --out."""
    from eventdesk.pipeline.spec import load_pipeline
    from eventdesk.spark.job import SparkOptions, run_spark

    try:
        summary = run_spark(SparkOptions(
            inputs=inputs, out=out, master=master, partitions=partitions,
            stages=load_pipeline(pipeline, tuple(skip)),
            ingest=_ingest_config(max_mb, [], True)))
    except EventdeskError as exc:
        _fail(exc)
        return
    console.print(f"read {summary.read} documents ({summary.repeated} read twice), wrote "
                  f"{summary.documents} documents ({summary.duplicates} near-duplicates), "
                  f"{summary.mentions} mentions, {summary.events} events, {summary.claims} claims "
                  f"to {out}")
    for reason, n in sorted(summary.skipped.items()):
        err.print(f"skipped {n}: {reason}", highlight=False)
    for message in summary.warnings:
        err.print(f"[yellow]warning:[/yellow] {message}", highlight=False)
    for message in summary.failed:
        err.print(f"[red]failed:[/red] {message}", highlight=False)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def load(folder: Annotated[Path, typer.Argument(help="Output folder of `eventdesk spark run`.")],
         db: DbOption = "eventdesk.db") -> None:
    """Bring the Parquet tables of a Spark run into a store (ids already stored are kept)."""
    from eventdesk.spark.load import load_output

    try:
        added = load_output(folder, db)
    except EventdeskError as exc:
        _fail(exc)
        return
    err.print(f"loaded into {db}: " + ", ".join(f"{v} {k}" for k, v in added.items()))


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
