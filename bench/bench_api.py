"""Speed of the web API on a large store (a benchmark, not a timed test).

The store is GENERATED: the pipeline first runs on real articles (../shared/data/seeds and
dev, or the invented demo/ articles when ../shared is absent), then its extracted events are
REPLAYED to reach --events (default 100,000): each copy keeps a real event's type, actors,
fatalities and source sentence, with its date shifted by up to three years and its place
moved to another extracted place, jittered by up to half a degree. Claims are replayed the
same way (one per 10 events) so that dossiers have ledgers. The figures are therefore about
the shape of real data at a scale the real corpus does not reach.

Then, through the HTTP API in-process (FastAPI TestClient: routing, validation, SQL and
JSON, no network), each single filter of /api/events is asked 30 times with varied values,
and the dossier of the busiest actors 10 times; p50 and p95 are printed. Targets (issue 12):
events list with any one filter p95 < 100 ms, dossier < 500 ms, on SQLite. With Chromium
present, the map page is also loaded with 10,000 events and timed until its markers are
drawn and a zoom click answers.

    .venv/bin/python bench/bench_api.py [--events 100000] [--db out/bench_api.db] [--rebuild]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"


def source_store(path: Path) -> tuple[str, list[str]]:
    from eventdesk.pipeline.spec import load_pipeline
    from eventdesk.run import RunOptions, run_pipeline

    inputs = [str(SHARED / "seeds"), str(SHARED / "dev" / "raw")]
    label = "../shared seeds + dev (real articles)"
    if not all(Path(i).exists() for i in inputs):
        inputs, label = [str(REPO / "demo")], "demo/ (invented articles: ../shared is absent)"
    if not path.exists():
        run_pipeline(RunOptions(inputs=inputs, db=str(path), stages=load_pipeline(None, ())))
    return label, inputs


def replay(src_db: Path, dst_db: Path, n_events: int, seed: int = 7) -> dict:
    """Copy the real documents, then write n_events replayed events (and claims)."""
    from sqlalchemy import create_engine, insert, select

    from eventdesk.store import Store
    from eventdesk.store.schema import (ClaimRow, ClaimSourceRow, DocumentRow, EventRow,
                                        EventSourceRow)

    rng = random.Random(seed)
    src = create_engine(f"sqlite:///{src_db}")
    if dst_db.exists():
        dst_db.unlink()
    dst = Store(str(dst_db)).engine
    with src.connect() as a, dst.begin() as b:
        docs = [dict(r._mapping) for r in a.execute(select(DocumentRow.__table__))]
        b.execute(insert(DocumentRow.__table__), docs)
        events = [dict(r._mapping) for r in a.execute(select(EventRow.__table__))]
        sources = {}
        for r in a.execute(select(EventSourceRow.__table__)):
            sources.setdefault(r.event_id, []).append(dict(r._mapping))
        claims = [dict(r._mapping) for r in a.execute(select(ClaimRow.__table__))]
        claim_sources = {}
        for r in a.execute(select(ClaimSourceRow.__table__)):
            claim_sources.setdefault(r.claim_id, []).append(dict(r._mapping))
        places = [(e["location"], e["country"], e["latitude"], e["longitude"])
                  for e in events if e["latitude"] is not None]
        ev_rows, src_rows = [], []
        for i in range(n_events):
            base = events[i % len(events)]
            row = dict(base, id=f"e-bench{i:08d}", seq=i + 1,
                       extra={"replayed_from": base["id"]})
            if base["date"]:
                row["date"] = _shift(base["date"], rng.randint(-1095, 0), rng)
            loc, country, lat, lon = rng.choice(places)
            row.update(location=loc, country=country,
                       latitude=round(lat + rng.uniform(-0.5, 0.5), 5),
                       longitude=round(lon + rng.uniform(-0.5, 0.5), 5))
            ev_rows.append(row)
            for s in sources.get(base["id"], []):
                src_rows.append({k: v for k, v in s.items() if k != "id"} | {"event_id": row["id"]})
            if len(ev_rows) >= 20_000:
                b.execute(insert(EventRow.__table__), ev_rows)
                b.execute(insert(EventSourceRow.__table__), src_rows)
                ev_rows, src_rows = [], []
        if ev_rows:
            b.execute(insert(EventRow.__table__), ev_rows)
            b.execute(insert(EventSourceRow.__table__), src_rows)
        cl_rows, cs_rows = [], []
        for i in range(max(n_events // 10, len(claims)) if claims else 0):
            base = claims[i % len(claims)]
            row = dict(base, id=f"c-bench{i:08d}", seq=i + 1)
            if base["as_of"]:
                row["as_of"] = _shift(base["as_of"], rng.randint(-1095, 0), rng)
            for v in ("low", "high"):
                if base[v] is not None:
                    row[v] = round(base[v] * rng.uniform(0.7, 1.3))
            cl_rows.append(row)
            for s in claim_sources.get(base["id"], []):
                cs_rows.append({k: v for k, v in s.items() if k != "id"} | {"claim_id": row["id"]})
        if cl_rows:
            b.execute(insert(ClaimRow.__table__), cl_rows)
            b.execute(insert(ClaimSourceRow.__table__), cs_rows)
    with dst.connect() as c:
        c.exec_driver_sql("ANALYZE")
    return {"real_events": len(events), "real_documents": len(docs), "real_claims": len(claims),
            "events": n_events, "claims": len(cl_rows)}


def _shift(iso: str, days: int, rng: random.Random) -> str:
    from datetime import date, timedelta

    full = {4: iso + "-07-01", 7: iso + "-15"}.get(len(iso), iso)
    moved = (date.fromisoformat(full) + timedelta(days=days)).isoformat()
    return moved[:len(iso)]


def timed(client, url: str, params: dict) -> float:
    t0 = time.perf_counter()
    r = client.get(url, params=params)
    dt = (time.perf_counter() - t0) * 1000
    if r.status_code != 200:
        raise SystemExit(f"{url} {params}: HTTP {r.status_code} {r.text[:200]}")
    return dt


def percentiles(xs: list[float]) -> tuple[float, float]:
    xs = sorted(xs)
    return statistics.median(xs), xs[max(0, int(round(0.95 * len(xs))) - 1)]


def bench(db: Path, repeats: int = 30) -> list[tuple[str, float, float]]:
    from fastapi.testclient import TestClient
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from eventdesk.store.schema import EventRow
    from eventdesk.web import WebSettings, create_app

    app = create_app(WebSettings(db=str(db)))
    client = TestClient(app)
    rng = random.Random(3)
    with Session(app.state.settings.store.engine) as s:
        types = s.scalars(select(EventRow.event_type).group_by(EventRow.event_type)).all()
        subs = s.scalars(select(EventRow.sub_event_type).group_by(EventRow.sub_event_type)).all()
        countries = s.scalars(select(EventRow.country).where(EventRow.country.is_not(None))
                              .group_by(EventRow.country)).all()
        actors = [a for a, in s.execute(select(EventRow.actor1).where(EventRow.actor1.is_not(None))
                                        .group_by(EventRow.actor1)
                                        .order_by(func.count().desc()).limit(10))]
        points = s.execute(select(EventRow.latitude, EventRow.longitude)
                           .where(EventRow.latitude.is_not(None)).limit(500)).all()
    words = ["killed", "attack", "fighters", "province", "soldiers", "militants", "village",
             "security", "forces", "bomb"]
    registry = app.state.settings.registry
    # registry ids, generic actors of a country (made from the country table) included
    ids = [r.id for r in (registry.resolve_name(a, fuzzy=False) for a in actors)
           if r and registry.entry(r.id)]

    def pick_point():
        lat, lon = rng.choice(points)
        return f"{lat:.3f},{lon:.3f}"

    def bbox():
        lat, lon = rng.choice(points)
        return f"{lon - 2:.2f},{lat - 2:.2f},{lon + 2:.2f},{lat + 2:.2f}"

    cases = {
        "no filter": lambda: {},
        "type": lambda: {"type": rng.choice(types)},
        "sub_type": lambda: {"sub_type": rng.choice(subs)},
        "actor (name)": lambda: {"actor": rng.choice(actors)},
        "actor (registry id)": lambda: {"actor": rng.choice(ids or actors)},
        "country": lambda: {"country": rng.choice(countries)},
        "since + until (a month)": lambda: {"since": f"202{rng.randint(2, 4)}-0{rng.randint(1, 9)}",
                                            "until": f"202{rng.randint(2, 4)}-0{rng.randint(1, 9)}-28"},
        "bbox (4x4 degrees)": lambda: {"bbox": bbox()},
        "near (100 km)": lambda: {"near": pick_point(), "km": 100},
        "historical=false": lambda: {"historical": "false"},
        "min_fatalities": lambda: {"min_fatalities": rng.choice([1, 5, 10, 50])},
        "text in evidence": lambda: {"text": rng.choice(words)},
        "sort by fatalities": lambda: {"sort": "-fatalities"},
        "deep page (offset 50,000)": lambda: {"offset": 50_000},
    }
    out = []
    for name, make in cases.items():
        timed(client, "/api/events", make())  # warm
        xs = [timed(client, "/api/events", make()) for _ in range(repeats)]
        out.append((f"/api/events {name}",) + percentiles(xs))
    xs = [timed(client, f"/api/dossier/{rng.choice(ids or actors)}", {}) for _ in range(10)]
    out.append(("/api/dossier (busiest actors)",) + percentiles(xs))
    xs = [timed(client, "/api/events/points", {"limit": 10_000}) for _ in range(5)]
    out.append(("/api/events/points limit=10000",) + percentiles(xs))
    xs = [timed(client, "/api/change", {"period": "week", "baseline": 4}) for _ in range(5)]
    out.append(("/api/change (week vs 4)",) + percentiles(xs))
    return out


def map_in_browser(db: Path) -> str | None:
    """Seconds from navigation to 10,000 markers drawn, then to a zoom click answered."""
    if not Path("/usr/bin/chromium").exists():
        return None
    import threading

    import uvicorn
    from playwright.sync_api import sync_playwright

    from eventdesk.web import WebSettings, create_app

    server = uvicorn.Server(uvicorn.Config(create_app(WebSettings(db=str(db))), host="127.0.0.1",
                                           port=8791, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path="/usr/bin/chromium",
                                  args=["--headless", "--no-sandbox", "--disable-gpu"])
            pg = b.new_page(viewport={"width": 1366, "height": 768})
            t0 = time.perf_counter()
            pg.goto("http://127.0.0.1:8791/")
            pg.locator("#map[data-loaded]").wait_for(timeout=120_000)
            loaded = time.perf_counter() - t0
            t1 = time.perf_counter()
            pg.locator(".leaflet-control-zoom-in").click()
            pg.wait_for_timeout(50)
            pg.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
            zoom = time.perf_counter() - t1
            n = pg.locator("#map").get_attribute("data-loaded")
            b.close()
        return f"map page, {n} events: markers drawn {loaded:.1f} s after navigation; zoom click answered in {zoom * 1000:.0f} ms"
    finally:
        server.should_exit = True


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=REPO / "out" / "bench_api.db")
    ap.add_argument("--source-db", type=Path, default=REPO / "out" / "bench_api_source.db")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--rebuild", action="store_true", help="replay again even if --db exists")
    args = ap.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    label, _ = source_store(args.source_db)
    if args.rebuild or not args.db.exists():
        counts = replay(args.source_db, args.db, args.events)
        print(f"store: {counts['events']:,} events replayed from {counts['real_events']} real "
              f"events of {counts['real_documents']} documents ({label}), {counts['claims']:,} "
              f"claims; built in {time.perf_counter() - t0:.0f} s -> {args.db}")
    else:
        print(f"store: {args.db} (kept from an earlier run; --rebuild to replay again)")
    rows = bench(args.db)
    print(f"\n{'request':45s} {'p50 ms':>8s} {'p95 ms':>8s}")
    failed = False
    for name, p50, p95 in rows:
        target = 500 if "dossier" in name else 100 if name.startswith("/api/events ") else None
        flag = "" if target is None else ("  ok" if p95 < target else f"  OVER {target} ms")
        failed |= flag.startswith("  OVER")
        print(f"{name:45s} {p50:8.1f} {p95:8.1f}{flag}")
    if not args.no_browser:
        line = map_in_browser(args.db)
        print("\n" + (line or "map page: chromium absent, not measured"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    sys.exit(main())
