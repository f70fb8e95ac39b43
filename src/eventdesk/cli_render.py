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


def events_table(events, reports=None) -> Table:
    table = Table(title=f"{len(events)} events", show_lines=bool(reports))
    for col in ("date", "type", "actor1", "actor2", "location", "country", "deaths", "hist", "n"):
        table.add_column(col, overflow="fold")
    for ev in events:
        deaths = "" if ev.fatalities is None else str(ev.fatalities)
        if ev.fatalities_high not in (None, ev.fatalities):
            deaths += f"-{ev.fatalities_high}"
        table.add_row(ev.date or "?", ev.sub_event_type, ev.actor1 or "", ev.actor2 or "",
                      ev.location or "", ev.country or "", deaths, "yes" if ev.historical else "",
                      str(len({s.document for s in ev.sources})))
        if reports is not None:
            for rep in reports.get(ev.id, []):
                figure = "" if rep["fatalities"] is None else f"deaths {rep['fatalities']}"
                table.add_row("", f"  {rep['outlet'] or rep['source']}", rep["published"] or "",
                              figure, rep["text"][:160], "", "", "", "")
    return table


def ledger_tables(lines) -> list[Table]:
    tables = []
    for line in lines:
        t = Table(title=f"{line.subject or '?'} — {line.measure}", title_justify="left")
        for col in ("as of", "low", "high", "unit", "hedge", "says who", "measure as written",
                    "evidence"):
            t.add_column(col, overflow="fold")
        for e in line.entries:
            text = e.evidence.text if e.evidence is not None else ""
            t.add_row(e.as_of or "?", _num(e.low), _num(e.high), e.unit, e.qualifier or "",
                      e.attributed_to or "(the article)", e.measure, text[:160])
        tables.append(t)
    return tables


def mentions_table(mentions) -> Table:
    t = Table(title=f"{len(mentions)} mentions")
    for col in ("kind", "text", "resolved to", "country", "lat", "lon", "precision", "offsets"):
        t.add_column(col, overflow="fold")
    for m in sorted(mentions, key=lambda m: m.start):
        t.add_row(m.kind, m.text, m.name or m.ref or "", m.country or "",
                  "" if m.latitude is None else f"{m.latitude:.2f}",
                  "" if m.longitude is None else f"{m.longitude:.2f}", m.precision or "",
                  f"{m.start}-{m.end}")
    return t


def _num(x) -> str:
    if x is None:
        return ""
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"
