"""The Spark executor gives the local executor's answers (marked `spark`; local[2])."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("no Java runtime: Spark cannot start", allow_module_level=True)

from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from eventdesk.export.records import claim_record, document_record, event_record  # noqa: E402
from eventdesk.pipeline.spec import DEFAULT_PIPELINE, StageSpec  # noqa: E402
from eventdesk.run import RunOptions, run_pipeline  # noqa: E402
from eventdesk.spark.job import SparkOptions, run_spark, spark_session  # noqa: E402
from eventdesk.spark.load import load_output, read_tables  # noqa: E402
from eventdesk.store import Store  # noqa: E402

pytestmark = pytest.mark.spark
REPO = Path(__file__).resolve().parents[2]

# Invented pages (not news): a WARC shard with two responses and a request that is no page.
WARC_PAGES = [
    ("https://example.org/invented/raid",
     "<html><head><title>Invented: raid near Mosul</title></head><body><article>"
     "<p>MOSUL, Iraq, 14 March 2017 (invented) - Islamic State fighters attacked an army "
     "checkpoint south of Mosul on Tuesday, killing four soldiers, a military spokesman said.</p>"
     "<p>The spokesman said about 300 Islamic State fighters remain in the old city.</p>"
     "</article></body></html>"),
    ("https://example.org/invented/market",
     "<html><head><title>Invented: market prices</title></head><body><article>"
     "<p>Vegetable prices in the invented town market rose this week after a dry winter, "
     "traders said on Monday.</p></article></body></html>"),
]


def write_warc(path: Path) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warc_record(
            WARC_PAGES[0][0], "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        for url, html in WARC_PAGES:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode()), http_headers=http))


@pytest.fixture(scope="module")
def spark():
    session = spark_session("local[2]", "eventdesk-tests", {
        "spark.sql.shuffle.partitions": "4", "spark.default.parallelism": "2",
        "spark.ui.showConsoleProgress": "false"})
    session.sparkContext.setLogLevel("ERROR")
    session.sparkContext.addPyFile(str(REPO / "tests" / "pipeline_stages.py"))
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for f in (REPO / "demo").iterdir():
        if f.name != "README.md":
            shutil.copy(f, folder / f.name)
    write_warc(folder / "shard-00000.warc.gz")
    return folder


def local_tables(corpus: Path, db: Path, stages=DEFAULT_PIPELINE) -> dict[str, list[dict]]:
    summary = run_pipeline(RunOptions(inputs=[str(corpus)], db=str(db), stages=list(stages)))
    assert summary.stored, summary
    store = Store(str(db), create=False)
    reports = store.event_source_figures()
    tables = {"documents": [document_record(d) for d in store.documents()],
              "events": [event_record(e, reports.get(e.id, [])) for e in store.events()],
              "claims": [claim_record(c) for c in store.claims()]}
    for rows in tables.values():
        for r in rows:
            r.pop("kind")
        rows.sort(key=lambda r: r["id"])
    return tables


def differences(local: dict, spark: dict) -> list[str]:
    out = []
    for table in local:
        a, b = {r["id"]: r for r in local[table]}, {r["id"]: r for r in spark[table]}
        for i in sorted(a.keys() - b.keys()):
            out.append(f"{table} {i}: only in the local run: {json.dumps(a[i])[:300]}")
        for i in sorted(b.keys() - a.keys()):
            out.append(f"{table} {i}: only in the Spark run: {json.dumps(b[i])[:300]}")
        for i in sorted(a.keys() & b.keys()):
            for k in sorted(a[i].keys() | b[i].keys()):
                if a[i].get(k) != b[i].get(k):
                    out.append(f"{table} {i} field {k}: local {a[i].get(k)!r} != spark {b[i].get(k)!r}")
    return out


@pytest.fixture(scope="module")
def both_runs(spark, corpus, tmp_path_factory):
    work = tmp_path_factory.mktemp("runs")
    local = local_tables(corpus, work / "local.db")
    summary = run_spark(SparkOptions(inputs=[str(corpus)], out=str(work / "out"), partitions=4),
                        spark)
    return local, summary, work / "out"


def test_spark_run_equals_the_local_run(both_runs):
    local, summary, out = both_runs
    spark_tables = read_tables(out)
    diff = differences(local, spark_tables)
    assert not diff, "Spark and local runs differ:\n" + "\n".join(diff)
    # the corpus exercises every part: a syndicated copy, merged events, claims, a WARC page
    assert summary.duplicates >= 1
    assert any(len({s["document"] for s in e["sources"]}) > 1 for e in spark_tables["events"])
    assert spark_tables["claims"]
    assert any(d["url"] == WARC_PAGES[0][0] for d in spark_tables["documents"])
    assert summary.read == len(local["documents"])  # the WARC request record is no document


def test_rerun_into_the_same_folder_adds_no_rows_and_load_fills_a_store(both_runs, spark, corpus,
                                                                         tmp_path):
    _local, _summary, out = both_runs
    before = read_tables(out)
    run_spark(SparkOptions(inputs=[str(corpus)], out=str(out), partitions=2), spark)
    after = read_tables(out)
    assert {k: len(v) for k, v in after.items()} == {k: len(v) for k, v in before.items()}
    assert after == before
    db = str(tmp_path / "loaded.db")
    added = load_output(out, db)
    assert added == {k: len(v) for k, v in before.items()}
    assert load_output(out, db) == {"documents": 0, "events": 0, "claims": 0}  # idempotent
    store = Store(db, create=False)
    assert sorted(e.id for e in store.events()) == [e["id"] for e in before["events"]]


def test_a_failing_document_is_counted_and_the_job_goes_on(spark, tmp_path):
    for i in range(6):
        (tmp_path / f"page{i}.txt").write_text(
            f"Invented report {i}. " + ("EXPLODE here." if i == 3 else "Nothing odd."))
    stages = [StageSpec("copy", "pipeline_stages:CopyBodyStage"),
              StageSpec("first_sentence", "pipeline_stages:FirstSentenceEventStage")]
    summary = run_spark(SparkOptions(inputs=[str(tmp_path)], out=str(tmp_path / "out"),
                                     stages=stages, partitions=2), spark)
    assert len(summary.failed) == 1 and "page3.txt" in summary.failed[0]
    assert "E401" in summary.failed[0] and "cannot handle this document" in summary.failed[0]
    tables = read_tables(tmp_path / "out")
    statuses = sorted(d["status"] for d in tables["documents"])
    assert statuses == ["failed"] + ["ok"] * 5
    assert len({s["document"] for e in tables["events"] for s in e["sources"]}) == 5
    assert summary.stage_counts["copy"]["counts"]["copied"] == 5
