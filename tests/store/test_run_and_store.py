import json

import pytest

from eventdesk.export import export
from eventdesk.pipeline.spec import StageSpec
from eventdesk.run import RunOptions, run_pipeline
from eventdesk.store import Store

SPECS = [StageSpec("copy", "pipeline_stages:CopyBodyStage"),
         StageSpec("first_sentence", "pipeline_stages:FirstSentenceEventStage")]


@pytest.fixture
def inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(3):
        (d / f"a{i}.txt").write_text(f"Militants attacked post {i}. Officials said so.")
    (d / "bad.txt").write_text("EXPLODE this document breaks a stage.")
    (d / "empty.txt").write_text("")
    return d


def test_run_stores_everything_once_and_rerun_adds_nothing_but_retries_the_failed(inputs, tmp_path):
    db = str(tmp_path / "x.db")
    s1 = run_pipeline(RunOptions([str(inputs)], db=db, stages=SPECS))
    assert s1.read == 4 and s1.stored == 4 and s1.events_new == 3 and s1.claims == 3
    assert len(s1.failed) == 2  # the empty file (ingest) and the document that broke a stage
    assert any("empty.txt" in m for m in s1.failed) and any("bad.txt" in m for m in s1.failed)
    out1 = tmp_path / "one.jsonl"
    export(Store(db), "jsonl", out1)
    s2 = run_pipeline(RunOptions([str(inputs)], db=db, stages=SPECS))
    # the document that failed is tried again (and fails again); the others are left alone
    assert s2.already_stored == 3 and s2.stored == 1 and s2.reprocessed == 1
    assert s2.events_new == 0 and any("bad.txt" in m for m in s2.failed)
    out2 = tmp_path / "two.jsonl"
    export(Store(db), "jsonl", out2)
    assert out1.read_text() == out2.read_text()


def test_an_item_the_store_refuses_is_named_and_the_documents_other_items_are_kept(
        inputs, tmp_path, monkeypatch):
    from eventdesk.store.repository import Store as RepoStore

    db = str(tmp_path / "x.db")
    real = RepoStore.add_claim

    def broken(self, session, claim):
        if "post 1" in claim.sources[0].text:
            real(self, session, claim)  # half written, then refused: the savepoint undoes it
            raise __import__("sqlalchemy").exc.IntegrityError("insert", {}, Exception("disk full"))
        return real(self, session, claim)

    monkeypatch.setattr(RepoStore, "add_claim", broken)
    summary = run_pipeline(RunOptions([str(inputs)], db=db, stages=SPECS))
    assert any("E506" in m and "a1.txt" in m and "claim" in m for m in summary.failed)
    store = Store(db)
    assert "a1.txt" in {d.source.rsplit("/", 1)[-1] for d in store.documents()}
    assert any("post 1" in e.sources[0].text for e in store.events())  # its event is kept
    assert not any("post 1" in c.sources[0].text for c in store.claims())
    assert len(store.claims()) == 2


def test_a_document_that_cannot_be_written_leaves_nothing_behind(inputs, tmp_path, monkeypatch):
    from eventdesk.store.repository import Store as RepoStore

    db = str(tmp_path / "x.db")
    real = RepoStore.add_document

    def broken(self, session, doc, *args, **kwargs):
        real(self, session, doc, *args, **kwargs)
        if "a1.txt" in doc.source:
            raise __import__("sqlalchemy").exc.OperationalError("insert", {}, Exception("disk full"))

    monkeypatch.setattr(RepoStore, "add_document", broken)
    summary = run_pipeline(RunOptions([str(inputs)], db=db, stages=SPECS))
    assert any("E501" in m and "a1.txt" in m for m in summary.failed)
    store = Store(db)
    assert "a1.txt" not in {d.source.rsplit("/", 1)[-1] for d in store.documents()}
    assert all("post 1" not in e.sources[0].text for e in store.events())


def test_exports_follow_the_interchange_spec(inputs, tmp_path):
    db = str(tmp_path / "x.db")
    run_pipeline(RunOptions([str(inputs)], db=db, stages=SPECS))
    store = Store(db)
    out = tmp_path / "x.jsonl"
    export(store, "jsonl", out)
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    kinds = [r["kind"] for r in recs]
    assert kinds.count("document") == 4 and kinds.count("event") == 3 and kinds.count("claim") == 3
    docs = {r["id"]: r for r in recs if r["kind"] == "document"}
    for r in recs:
        if r["kind"] in ("event", "claim"):
            for s in r["sources"]:
                assert docs[s["document"]]["body"][s["start"]:s["end"]] == s["text"]
    doc = next(iter(docs.values()))
    assert set(doc) >= {"id", "source", "outlet", "title", "authors", "published", "language",
                        "body", "duplicate_of"}
    ev = next(r for r in recs if r["kind"] == "event")
    assert ev["date"] == "2017-10" and ev["date_precision"] == "month"

    csv_out = tmp_path / "x.csv"
    export(store, "csv", csv_out)
    header = csv_out.read_text().splitlines()[0].split(",")
    assert header[:7] == ["event_id_cnty", "event_date", "year", "time_precision",
                          "disorder_type", "event_type", "sub_event_type"]
    assert "2017-10-01" in csv_out.read_text()
    import csv
    row = next(csv.DictReader(csv_out.open()))
    assert (row["actor1"], row["inter1"], row["interaction"]) == ("Islamic State", "2", "20")

    gj = tmp_path / "x.geojson"
    export(store, "geojson", gj)
    fc = json.loads(gj.read_text())
    assert fc["type"] == "FeatureCollection" and fc["features"][0]["geometry"]["coordinates"][1] == 35.0

    pq = tmp_path / "x.parquet"
    export(store, "parquet", pq)
    import pyarrow.parquet as papq
    assert papq.read_table(pq).num_rows == 3
