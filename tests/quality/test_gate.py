"""The quality gate (after trafilatura's eval gate): the gold sets and public benchmarks are
scored on every CI run and the suite fails when a figure drops below its floor in
floors.json. EVENTDESK_FLOORS points at another floors file (used to show the gate fails)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventdesk.evaluate import evaluate_export
from eventdesk.export import export
from eventdesk.pipeline.spec import load_pipeline
from eventdesk.quality import check_floors, load_floors
from eventdesk.run import RunOptions, run_pipeline
from eventdesk.store import Store

REPO = Path(__file__).resolve().parents[2]
FLOORS = Path(os.environ.get("EVENTDESK_FLOORS", Path(__file__).with_name("floors.json")))

pytestmark = [pytest.mark.shared, pytest.mark.slow]


def _run_and_export(inputs: list[str], tmp: Path) -> Path:
    db = str(tmp / "gate.db")
    run_pipeline(RunOptions(inputs=inputs, db=db, stages=load_pipeline(None)))
    out = tmp / "gate.jsonl"
    export(Store(db, create=False), "jsonl", out)
    return out


def _gate(suite: str, measured: dict) -> None:
    broken = check_floors(suite, measured, load_floors(FLOORS))
    print(f"{suite}: " + json.dumps({k: v for k, v in measured.items() if isinstance(v, (int, float))}))
    assert not broken, "quality gate: " + "; ".join(broken)


def test_seeds(shared_dir, tmp_path):
    out = _run_and_export([str(shared_dir / "data" / "seeds")], tmp_path)
    _gate("seeds", evaluate_export(out, shared_dir / "gold").figures)
    first = out.read_text(encoding="utf-8")
    again = _run_and_export([str(shared_dir / "data" / "seeds")], tmp_path)  # same database
    assert again.read_text(encoding="utf-8") == first, "running the seeds twice changed the export"


def test_dev(shared_dir, tmp_path):
    raw = sorted(str(p) for p in (shared_dir / "data" / "dev" / "raw").glob("*.txt"))
    out = _run_and_export(raw, tmp_path)
    _gate("dev", evaluate_export(out, shared_dir / "data" / "dev" / "gold").figures)


def test_dev2(shared_dir, tmp_path):
    """Thirty articles of many conflicts and outlets (issue 11): the generalisation floor."""
    raw = sorted(str(p) for p in (shared_dir / "data" / "dev2" / "raw").glob("*.txt"))
    out = _run_and_export(raw, tmp_path)
    _gate("dev2", evaluate_export(out, shared_dir / "data" / "dev2" / "gold").figures)


def test_clusters(shared_dir, tmp_path):
    clusters = shared_dir / "data" / "clusters"
    out = _run_and_export([str(clusters / "clusters.jsonl")], tmp_path)
    res = subprocess.run([sys.executable, str(shared_dir / "tools" / "score_clusters.py"), str(out),
                          str(clusters / "clusters.json"), "--json"],
                         capture_output=True, text=True, check=True)
    _gate("clusters", json.loads(res.stdout.strip().splitlines()[-1]))


def _bench_json(script: str) -> dict:
    res = subprocess.run([sys.executable, str(REPO / "bench" / script), "--json"],
                         capture_output=True, text=True, check=True, cwd=REPO)
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_geowebnews(shared_dir):
    _gate("geowebnews", _bench_json("bench_geowebnews.py"))


def test_re3d(shared_dir):
    _gate("re3d", _bench_json("bench_re3d.py"))
