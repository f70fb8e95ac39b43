"""The store on a real PostgreSQL server (tests/store/conftest.py starts one), against
SQLite on the same inputs: same JSON Lines export; two concurrent `eventdesk run` processes
into one store lose and duplicate nothing, on both."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from eventdesk.export import export
from eventdesk.pipeline.spec import StageSpec, load_pipeline
from eventdesk.run import RunOptions, run_pipeline
from eventdesk.store import Store

REPO = Path(__file__).resolve().parents[2]
SPECS = [StageSpec("copy", "pipeline_stages:CopyBodyStage"),
         StageSpec("first_sentence", "pipeline_stages:FirstSentenceEventStage")]


def _export(db: str, out: Path) -> str:
    export(Store(db, create=False), "jsonl", out)
    return out.read_text(encoding="utf-8")


@pytest.fixture
def small_inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(4):  # invented
        (d / f"a{i}.txt").write_text(f"Militants attacked post {i}. Officials said so.")
    (d / "bad.txt").write_text("EXPLODE this document breaks a stage.")
    return d


def test_postgres_store_round_trip_equals_sqlite_and_reruns_add_nothing(pg_url, small_inputs,
                                                                         tmp_path):
    assert ":" not in pg_url.split("@")[0].split("//")[1]  # no password in the URL
    sqlite = str(tmp_path / "x.db")
    for db in (pg_url, sqlite):
        first = run_pipeline(RunOptions([str(small_inputs)], db=db, stages=SPECS))
        assert first.stored == 5 and first.events_new == 4 and first.claims == 4
        again = run_pipeline(RunOptions([str(small_inputs)], db=db, stages=SPECS))
        assert again.already_stored == 4 and again.events_new == 0
    assert _export(pg_url, tmp_path / "pg.jsonl") == _export(sqlite, tmp_path / "lite.jsonl")


def test_postgres_schema_is_versioned_and_migrated_like_sqlite(pg_url):
    from eventdesk.store import store_version
    from eventdesk.store.schema import SCHEMA_VERSION

    Store(pg_url)
    assert store_version(pg_url) == SCHEMA_VERSION


@pytest.mark.slow
def test_full_pipeline_on_demo_and_seeds_exports_the_same_from_postgres_and_sqlite(
        pg_url, shared_dir, tmp_path):
    inputs = [str(REPO / "demo"), str(shared_dir / "data" / "seeds")]
    sqlite = str(tmp_path / "x.db")
    summaries = [run_pipeline(RunOptions(inputs, db=db, stages=load_pipeline(None)))
                 for db in (pg_url, sqlite)]
    assert summaries[0].stored == summaries[1].stored >= 9
    assert summaries[0].events_new == summaries[1].events_new > 0
    pg, lite = _export(pg_url, tmp_path / "pg.jsonl"), _export(sqlite, tmp_path / "lite.jsonl")
    assert pg == lite
    kinds = Counter(json.loads(line)["kind"] for line in pg.splitlines())
    assert kinds["event"] > 0 and kinds["claim"] > 0


def _run_cli(db: str, inputs: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "eventdesk.cli", "run", *inputs, "--db", db],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _reports(text: str) -> tuple[Counter, Counter, Counter]:
    """Documents by id; events by each report (document, span) they cite; claims by what
    they say and where: the multisets that losing or duplicating would change."""
    recs = [json.loads(line) for line in text.splitlines()]
    ids = Counter((r["kind"], r["id"]) for r in recs)
    assert max(ids.values()) == 1, "a record stored twice"
    docs = Counter(r["id"] for r in recs if r["kind"] == "document")
    events = Counter((s["document"], s["start"], s["end"])
                     for r in recs if r["kind"] == "event" for s in r["sources"])
    claims = Counter((s["document"], s["start"], r["low"], r["high"], r["unit"], r["measure"])
                     for r in recs if r["kind"] == "claim" for s in r["sources"])
    return docs, events, claims


DEMO = sorted(str(p) for p in (REPO / "demo").iterdir() if p.suffix != ".md")


@pytest.fixture(scope="module")
def demo_alone(tmp_path_factory):
    """The demo run by one process alone: what two concurrent runs must match."""
    folder = tmp_path_factory.mktemp("alone")
    db = str(folder / "alone.db")
    run_pipeline(RunOptions(DEMO, db=db, stages=load_pipeline(None)))
    return _reports(_export(db, folder / "one.jsonl"))


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_concurrent_runs_into_one_store_lose_and_duplicate_nothing(backend, request,
                                                                       demo_alone, tmp_path):
    db = request.getfixturevalue("pg_url") if backend == "postgresql" else str(tmp_path / "x.db")
    Store(db)  # made once, as a team would before pointing two crawlers at it
    demo = DEMO
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    # the same inputs in opposite orders: every document is contended at some point
    procs = [_run_cli(db, demo, env), _run_cli(db, list(reversed(demo)), env)]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (out, errs) in zip(procs, outs):
        assert p.returncode == 0, errs
        assert "IntegrityError" not in errs and "Traceback" not in errs and "E501" not in errs
    docs, events, claims = _reports(_export(db, tmp_path / "two.jsonl"))
    docs1, events1, claims1 = demo_alone
    assert docs == docs1 and claims == claims1  # each document and claim once, none lost
    # every report of an event is kept, and none is counted in more events than alone
    assert set(events) == set(events1) and all(events[k] <= events1[k] for k in events)
