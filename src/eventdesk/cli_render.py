"""Rich renderings for the CLI (kept apart so the commands stay thin)."""

from __future__ import annotations

from rich.table import Table

from eventdesk.run import RunSummary


def summary_table(summary: RunSummary, db: str) -> Table:
    table = Table(title=f"eventdesk run {summary.run_id} -> {db}", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [("documents read", summary.read), ("already in the store", summary.already_stored),
            ("stored", summary.stored), ("failed", len(summary.failed)),
            ("near-duplicates", summary.duplicates), ("events (new)", summary.events_new),
            ("events (merged into existing)", summary.events_merged),
            ("claims", summary.claims)]
    for what, n in rows:
        table.add_row(what, str(n))
    for reason, n in sorted(summary.skipped.items()):
        table.add_row(f"skipped {reason}", str(n))
    return table
