"""`eventdesk evaluate`: run the pipeline on the gold's documents (or take an export) and
score it against the gold, with the mismatches listed."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from rich.console import Console

from eventdesk.errors import ConfigError, Errors


def _default_inputs(gold: Path) -> list[str]:
    """The usual layout keeps raw pages in `raw/` beside `gold/` (as ../shared/data/dev)."""
    for cand in (gold / "raw", gold.parent / "raw"):
        if cand.is_dir():
            return [str(cand)]
    raise ConfigError(Errors.E604.format(path=gold))


def evaluate_command(gold: Path, export_file: Path | None, inputs: list[str] | None,
                     as_json: bool, db: str | None, console: Console) -> int:
    from eventdesk.evaluate import evaluate_export, report_to_json, report_to_table

    if not gold.is_dir() or not any(gold.glob("*.yaml")):
        raise ConfigError(Errors.E602.format(path=gold))
    with tempfile.TemporaryDirectory(prefix="eventdesk-eval-") as tmp:
        if export_file is None:
            from eventdesk.export import export
            from eventdesk.pipeline.spec import load_pipeline
            from eventdesk.run import RunOptions, run_pipeline
            from eventdesk.store import Store

            db = db or str(Path(tmp) / "eval.db")
            run_pipeline(RunOptions(inputs=inputs or _default_inputs(gold), db=db,
                                    stages=load_pipeline(None)))
            export_file = Path(tmp) / "export.jsonl"
            export(Store(db, create=False), "jsonl", export_file)
        report = evaluate_export(export_file, gold)
    if as_json:
        console.print_json(json.dumps(report_to_json(report)))
    else:
        for renderable in report_to_table(report):
            console.print(renderable)
    return 0
