"""Store throughput: documents per second through the whole pipeline into SQLite and into
PostgreSQL with 1 and 2 workers on the same corpus, and the time to export 100,000 events
from a generated store (synthetic rows, said so in the output) on each.

    .venv/bin/python bench/bench_store.py [--pg URL] [--corpus DIR ...] [--events 100000]

Without --pg (or EVENTDESK_TEST_PG) a throw-away cluster is started with scripts/pg.
The corpus defaults to ../shared/data/seeds, dev and dev2 (not redistributed).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, insert, text

REPO = Path(__file__).resolve().parent.parent


def _fresh_pg_db(server: str) -> str:
    name = "bench_" + uuid.uuid4().hex[:8]
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))  # name made here
    admin.dispose()
    return server.rsplit("/", 1)[0] + "/" + name


def _throughput(db: str, corpus: list[str], workers: int) -> tuple[int, float]:
    from eventdesk.pipeline.spec import load_pipeline
    from eventdesk.run import RunOptions, run_pipeline

    start = time.perf_counter()
    summary = run_pipeline(RunOptions(corpus, db=db, workers=workers, stages=load_pipeline(None)))
    return summary.stored, time.perf_counter() - start


def _generated_store(db: str, n_events: int) -> None:
    """n_events synthetic events (10 per synthetic document, one source each)."""
    from eventdesk.store import Store
    from eventdesk.store.schema import DocumentRow, EventRow, EventSourceRow

    store = Store(db)
    n_docs = n_events // 10
    body = "Invented report. Militants attacked a post near the town, officials said. " * 10
    with store.engine.begin() as conn:
        conn.execute(insert(DocumentRow), [dict(
            id=f"d-{i:014d}", source=f"gen/{i}.txt", content_type="text", authors=[],
            status="ok", body=body, seq=i + 1, extracted=True, pipeline_version="bench")
            for i in range(n_docs)])
        for chunk in range(0, n_events, 20000):
            rows = range(chunk, min(n_events, chunk + 20000))
            conn.execute(insert(EventRow), [dict(
                id=f"e-{i:014d}", event_type="Battles", sub_event_type="Armed clash",
                actor1="Invented Group", country="Syria", latitude=35.0, longitude=38.0,
                geo_precision=2, date="2017-10-01", date_precision="day", fatalities=i % 7,
                historical=False, extra={}, seq=i + 1) for i in rows])
            conn.execute(insert(EventSourceRow), [dict(
                event_id=f"e-{i:014d}", document_id=f"d-{i // 10:014d}", start=0, end=16,
                text="Invented report.") for i in rows])


def _export_time(db: str, out: Path) -> float:
    from eventdesk.export import export
    from eventdesk.store import Store

    start = time.perf_counter()
    export(Store(db, create=False), "jsonl", out)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pg", default=os.environ.get("EVENTDESK_TEST_PG"))
    ap.add_argument("--corpus", nargs="*", default=[
        str(REPO.parent / "shared" / "data" / d) for d in ("seeds", "dev", "dev2")])
    ap.add_argument("--events", type=int, default=100_000)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench_store."))
    pg_dir = None
    if not args.pg:
        pg_dir = Path(tempfile.mkdtemp(prefix="eventdesk-pg."))  # the server user enters it
        args.pg = subprocess.run([str(REPO / "scripts" / "pg"), "start", str(pg_dir)],
                                 capture_output=True, text=True, check=True).stdout.strip()
        os.environ["PGPASSFILE"] = str(pg_dir / "pgpass")
    try:
        print(f"corpus: {', '.join(args.corpus)}")
        for workers in (1, 2):
            for backend in ("sqlite", "postgresql"):
                db = str(tmp / f"w{workers}.db") if backend == "sqlite" else _fresh_pg_db(args.pg)
                stored, secs = _throughput(db, args.corpus, workers)
                print(f"{backend:10} workers={workers}: {stored} documents in {secs:.1f} s = "
                      f"{stored / secs:.2f} docs/s")
        print(f"export of {args.events:,} generated (synthetic) events to JSON Lines:")
        for backend in ("sqlite", "postgresql"):
            db = str(tmp / "gen.db") if backend == "sqlite" else _fresh_pg_db(args.pg)
            _generated_store(db, args.events)
            secs = _export_time(db, tmp / f"gen_{backend}.jsonl")
            print(f"{backend:10}: {secs:.1f} s ({args.events / secs:,.0f} events/s)")
    finally:
        if pg_dir is not None:
            subprocess.run([str(REPO / "scripts" / "pg"), "stop", str(pg_dir)], check=False)


if __name__ == "__main__":
    main()
