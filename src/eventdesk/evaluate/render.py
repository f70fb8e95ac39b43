"""Show a `Report`: rich tables for a terminal, a plain dict for --json."""

from __future__ import annotations

from dataclasses import asdict

from rich.table import Table
from rich.text import Text

from eventdesk.evaluate.report import Report

_DOC_COLUMNS = ("body_f1", "event_f1", "new_event_f1", "claim_f1")
_SHOW = 100  # characters of evidence shown in a table cell


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, list):
        return " | ".join(map(str, value))
    return "-" if value is None else str(value)


def _cut(text: str | None) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= _SHOW else text[: _SHOW - 1] + "\u2026"


def report_to_table(report: Report) -> list:
    """Renderables for `rich.console.Console.print`: per-document figures, overall figures,
    then every mismatch (missed gold items, spurious predictions, wrong fields)."""
    docs = Table(title="Per document", title_justify="left")
    docs.add_column("document")
    for col in _DOC_COLUMNS:
        docs.add_column(col, justify="right")
    docs.add_column("mismatches", justify="right")
    for d in report.documents:
        if d.missing:
            docs.add_row(d.stem, *[Text("missing from export", style="red")] + [""] * len(_DOC_COLUMNS))
            continue
        docs.add_row(d.stem, *(_fmt(d.figures.get(c)) for c in _DOC_COLUMNS), str(len(d.mismatches)))

    overall = Table(title="Overall (score.py figures)", title_justify="left")
    overall.add_column("figure")
    overall.add_column("value", justify="right")
    for key, value in report.figures.items():
        overall.add_row(key, _fmt(value))

    problems = Table(title="Mismatches", title_justify="left", show_lines=False)
    for col in ("document", "what", "field", "predicted", "accepted", "evidence"):
        problems.add_column(col, overflow="fold")
    style = {"missed": "yellow", "spurious": "magenta", "wrong": "red"}
    for d in report.documents:
        for m in d.mismatches:
            what = Text(f"{m.kind} {m.item}", style=style.get(m.kind, ""))
            field = m.field or (m.label or "")
            problems.add_row(d.stem, what, field, _cut(_fmt(m.predicted)), _cut(_fmt(m.accepted)), _cut(m.evidence))
    return [docs, overall, problems]


def report_to_json(report: Report) -> dict:
    """The whole report as JSON-ready data: `figures` (score.py's names), `documents`
    (figures and mismatches of each), and where the export and gold came from."""
    return {
        "export": report.export_path,
        "gold": report.gold_dir,
        "figures": report.figures,
        "documents": [
            {"stem": d.stem, "missing": d.missing,
             "figures": {k: round(v, 3) if isinstance(v, float) else v for k, v in d.figures.items()},
             "mismatches": [asdict(m) for m in d.mismatches]}
            for d in report.documents
        ],
    }
