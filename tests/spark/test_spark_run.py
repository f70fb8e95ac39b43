"""The Spark run gives the local run's answers (marked `spark`; local[2], one session).

The corpus: the demo articles, a WARC shard written here, and, when ../shared is beside the
repository, the development articles (dev, dev2, seeds) and every cluster report (the
clusters' JSON Lines feed): one local run, one Spark run, compared table by table.
"""

from __future__ import annotations

import io
import json
import random
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pyspark")

from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from eventdesk.export.records import (claim_record, document_record, event_record,  # noqa: E402
                                      mention_record)
from eventdesk.pipeline.spec import DEFAULT_PIPELINE, StageSpec  # noqa: E402
from eventdesk.run import RunOptions, run_pipeline  # noqa: E402
from eventdesk.spark.job import SparkOptions, run_spark  # noqa: E402
from eventdesk.spark.load import load_output, read_tables  # noqa: E402
from eventdesk.store import Store  # noqa: E402

pytestmark = pytest.mark.spark
REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data"
SHARED_INPUTS = ("dev/raw", "dev2/raw", "seeds", "clusters/clusters.jsonl")

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
def corpus(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("corpus")
    for f in (REPO / "demo").iterdir():
        if f.name != "README.md":
            shutil.copy(f, folder / f.name)
    write_warc(folder / "shard-00000.warc.gz")
    shared = [str(SHARED / p) for p in SHARED_INPUTS if (SHARED / p).exists()]
    return [str(folder), *shared]


def store_tables(db: Path) -> dict[str, list[dict]]:
    """A store's contents as the Spark tables hold them (read_tables' order)."""
    store = Store(str(db), create=False)
    reports = store.event_source_figures()
    tables = {"documents": [document_record(d) for d in store.documents()],
              "mentions": [mention_record(d, m) for d, m in store.mentions()],
              "events": [event_record(e, reports.get(e.id, [])) for e in store.events()],
              "claims": [claim_record(c) for c in store.claims()]}
    for rows in tables.values():
        for r in rows:
            r.pop("kind")
    return {name: sorted(rows, key=_key) for name, rows in tables.items()}


def _key(r: dict) -> tuple:
    if "id" in r:
        return (r["id"],)
    return (r["document"], r["start"], r["end"], r["type"], r["ref"] or "")


def differences(expected: dict, got: dict, names=("expected", "got")) -> list[str]:
    out = []
    for table in expected:
        a = {_key(r): r for r in expected[table]}
        b = {_key(r): r for r in got[table]}
        for i in sorted(a.keys() - b.keys()):
            out.append(f"{table} {i}: only in the {names[0]} run: {json.dumps(a[i])[:300]}")
        for i in sorted(b.keys() - a.keys()):
            out.append(f"{table} {i}: only in the {names[1]} run: {json.dumps(b[i])[:300]}")
        for i in sorted(a.keys() & b.keys()):
            for k in sorted(a[i].keys() | b[i].keys()):
                if a[i].get(k) != b[i].get(k):
                    out.append(f"{table} {i} field {k}: {names[0]} {a[i].get(k)!r} != "
                               f"{names[1]} {b[i].get(k)!r}")
    return out


@pytest.fixture(scope="module")
def local(corpus, tmp_path_factory) -> dict[str, list[dict]]:
    db = tmp_path_factory.mktemp("local") / "local.db"
    summary = run_pipeline(RunOptions(inputs=corpus, db=str(db), stages=list(DEFAULT_PIPELINE)))
    assert summary.stored and not summary.failed, summary
    return store_tables(db)


@pytest.fixture(scope="module")
def spark_run(spark, corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("spark") / "out"
    summary = run_spark(SparkOptions(inputs=corpus, out=str(out), partitions=4), spark)
    return summary, out


def test_spark_run_equals_the_local_run(local, spark_run):
    summary, out = spark_run
    tables = read_tables(out)
    diff = differences(local, tables, ("local", "Spark"))
    assert not diff, f"Spark and local runs differ ({len(diff)}):\n" + "\n".join(diff[:60])
    # the corpus exercises every part: a syndicated copy, merged events, claims, a WARC page
    assert summary.duplicates >= 1
    assert any(len({s["document"] for s in e["sources"]}) > 1 for e in tables["events"])
    assert tables["claims"] and tables["mentions"]
    assert any(d["url"] == WARC_PAGES[0][0] for d in tables["documents"])
    assert summary.read == len(local["documents"])  # the WARC request record is no document
    assert summary.mentions == len(local["mentions"])
    # partitioned by the event's year and month
    assert any(p.name.startswith("year=") for p in (out / "events").iterdir())


def test_the_local_run_merges_alike_whatever_order_the_inputs_come_in(local, corpus, tmp_path):
    """The same files named one by one in a shuffled order, not as folders: the same
    originals, the same events with the same sources in the same order, the same claims."""
    files = [str(p) for given in corpus for p in
             (sorted(Path(given).rglob("*")) if Path(given).is_dir() else [Path(given)])
             if p.is_file() and p.name != "README.md" and p.name != "INDEX.md"]
    random.Random(14).shuffle(files)
    db = tmp_path / "shuffled.db"
    run_pipeline(RunOptions(inputs=files, db=str(db), stages=list(DEFAULT_PIPELINE)))
    diff = differences(local, store_tables(db), ("given order", "shuffled"))
    assert not diff, "the input order changed the result:\n" + "\n".join(diff[:60])


def test_load_brings_the_spark_tables_into_a_store_once(local, spark_run, tmp_path):
    _summary, out = spark_run
    db = tmp_path / "loaded.db"
    added = load_output(out, str(db))
    assert added == {k: len(v) for k, v in local.items()}
    assert load_output(out, str(db)) == dict.fromkeys(local, 0)  # idempotent
    loaded = store_tables(db)
    diff = differences(local, loaded, ("local", "loaded"))
    assert not diff, "the loaded store differs from the local run:\n" + "\n".join(diff[:60])


FAKE_STAGES = [StageSpec("copy", "pipeline_stages:CopyBodyStage"),
               StageSpec("first_sentence", "pipeline_stages:FirstSentenceEventStage")]


@pytest.fixture(scope="module")
def fake_run(spark, tmp_path_factory):
    """Six invented pages through two model-free stages: page 3 makes a stage fail; pages
    0 and 1, and 2, 4 and 5, hold the same text under other names (copies), so events merge."""
    folder = tmp_path_factory.mktemp("fake")
    inputs = folder / "in"
    inputs.mkdir()
    for i in range(6):
        (inputs / f"page{i}.txt").write_text(
            "EXPLODE here." if i == 3 else f"Clash number {min(i, 2) // 2} near the invented town.")
    out = folder / "out"
    summary = run_spark(SparkOptions(inputs=[str(inputs)], out=str(out), stages=FAKE_STAGES,
                                     partitions=2), spark)
    return inputs, out, summary


def test_a_failing_document_is_counted_and_the_job_goes_on(fake_run):
    _inputs, out, summary = fake_run
    assert len(summary.failed) == 1 and "page3.txt" in summary.failed[0]
    assert "E401" in summary.failed[0] and "cannot handle this document" in summary.failed[0]
    tables = read_tables(out)
    statuses = sorted(d["status"] for d in tables["documents"])
    assert statuses == ["failed"] + ["ok"] * 5
    assert summary.stage_counts["copy"]["counts"]["copied"] == 5
    # pages 0-1 are one report, 2, 4 and 5 another: two events, every ok page a source
    assert len(tables["events"]) == 2 and summary.duplicates == 3
    assert len({s["document"] for e in tables["events"] for s in e["sources"]}) == 5


def test_a_rerun_into_the_same_folder_adds_no_rows(spark, fake_run):
    inputs, out, _summary = fake_run
    before = read_tables(out)
    run_spark(SparkOptions(inputs=[str(inputs)], out=str(out), stages=FAKE_STAGES,
                           partitions=3), spark)
    assert read_tables(out) == before
