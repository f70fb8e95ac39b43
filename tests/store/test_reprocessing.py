"""What a later run does with what an earlier one left: a failed document, one stored by
`ingest` only, one stored by an older eventdesk are processed again; the rest is left alone.
Texts are invented."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import eventdesk.run
from eventdesk.pipeline.spec import StageSpec
from eventdesk.run import RunOptions, run_pipeline
from eventdesk.store import Store

REPO = Path(__file__).resolve().parents[2]
SPECS = [StageSpec("copy", "pipeline_stages:CopyBodyStage"),
         StageSpec("first_sentence", "pipeline_stages:FirstSentenceEventStage")]


@pytest.fixture
def inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(3):
        (d / f"a{i}.txt").write_text(f"Militants attacked post {i}. Officials said so.")
    return d


def test_a_failed_document_is_processed_again_by_a_later_run(inputs, tmp_path, monkeypatch):
    import pipeline_stages

    db = str(tmp_path / "x.db")
    real = pipeline_stages.CopyBodyStage.process

    def flaky(self, doc):
        if "post 1" in doc.raw:
            raise RuntimeError("out of memory")  # a failure of that moment, not of the page
        real(self, doc)

    monkeypatch.setattr(pipeline_stages.CopyBodyStage, "process", flaky)
    first = run_pipeline(RunOptions([str(inputs)], db=db, stages=SPECS))
    assert len(first.failed) == 1 and first.events_new == 2
    monkeypatch.undo()
    second = run_pipeline(RunOptions([str(inputs)], db=db, stages=SPECS))
    assert second.failed == [] and second.reprocessed == 1 and second.events_new == 1
    store = Store(db)
    assert [d.status for d in store.documents()] == ["ok", "ok", "ok"]
    assert len(store.events()) == 3 and len(store.claims()) == 3


def test_a_run_extracts_what_ingest_stored(inputs, tmp_path):
    db = str(tmp_path / "x.db")
    cleaning_only = [StageSpec("clean", "pipeline_stages:CopyBodyStage")]
    assert run_pipeline(RunOptions([str(inputs)], db=db, stages=cleaning_only)).stored == 3
    assert run_pipeline(RunOptions([str(inputs)], db=db, stages=cleaning_only)).stored == 0
    full = run_pipeline(RunOptions([str(inputs)], db=db, stages=SPECS))
    assert full.reprocessed == 3 and full.events_new == 3
    assert len(Store(db).documents()) == 3


def test_a_newer_eventdesk_re_extracts_what_an_older_one_stored(inputs, tmp_path, monkeypatch):
    db = str(tmp_path / "x.db")
    monkeypatch.setattr(eventdesk.run, "__version__", "0.0.9")
    run_pipeline(RunOptions([str(inputs)], db=db, stages=SPECS))
    monkeypatch.undo()
    again = run_pipeline(RunOptions([str(inputs)], db=db, stages=SPECS))
    assert again.reprocessed == 3 and again.already_stored == 0
    store = Store(db)
    assert len(store.documents()) == 3 and len(store.events()) == 3 and len(store.claims()) == 3
    assert run_pipeline(RunOptions([str(inputs)], db=db, stages=SPECS)).already_stored == 3


@pytest.mark.parametrize("workers", [1, 2])
def test_ctrl_c_says_what_was_stored_and_a_rerun_resumes(tmp_path, workers):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(24):
        (folder / f"a{i:02}.txt").write_text(f"Militants attacked post {i}. Officials said so.")
    pipeline = tmp_path / "slow.yaml"
    pipeline.write_text("stages:\n  - {name: copy, target: 'pipeline_stages:CopyBodyStage'}\n"
                        "  - {name: slow, target: 'pipeline_stages:SlowStage'}\n")
    db = tmp_path / "x.db"
    env = {**os.environ, "PYTHONPATH": f"{REPO / 'src'}{os.pathsep}{REPO / 'tests'}"}
    cmd = [sys.executable, "-m", "eventdesk.cli", "run", str(folder), "--db", str(db),
           "--pipeline", str(pipeline), "--workers", str(workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        time.sleep(0.2)
        try:
            with sqlite3.connect(db) as conn:
                if conn.execute("SELECT count(*) FROM documents").fetchone()[0] >= 2:
                    break
        except sqlite3.Error:
            continue
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole group
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted:" in err and "run the same command" in err
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 2 <= stored < 24
    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 24


@pytest.mark.slow
def test_a_sentence_with_two_same_looking_claims_stores_its_whole_document(tmp_path):
    from eventdesk.pipeline.spec import load_pipeline

    page = tmp_path / "cafe.txt"  # invented
    page.write_text(
        "Gunmen attack cafe in invented town\n\nMarch 3, 2017\n\n"
        "Gunmen opened fire on a cafe in Ouagadougou, Burkina Faso, on Sunday night, killing "
        "four people, officials said.\n\nTwo men and two women died from their injuries in the "
        "attack, including one Dutch woman, according to the Dutch foreign minister.\n")
    db = str(tmp_path / "x.db")
    summary = run_pipeline(RunOptions([str(page)], db=db, stages=load_pipeline(None)))
    assert summary.failed == [] and summary.stored == 1
    store = Store(db)
    claims = store.claims()
    assert len(claims) >= 2 and len({c.id for c in claims}) == len(claims)
    for c in claims:
        spans = [(s.document, s.start, s.end) for s in c.sources]
        assert len(spans) == len(set(spans))
    assert store.events()
