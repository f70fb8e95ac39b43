"""The text filter on a real PostgreSQL server (tests/conftest.py starts one): migration 0005
gives the evidence sentences a pg_trgm GIN index, the filter is written so that the index can
answer it, and it finds what a plain scan finds. Every sentence here is invented."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import inspect, text

from eventdesk.store import Store, store_version, upgrade_store
from eventdesk.store.schema import SCHEMA_VERSION
from web.test_evidence_index import SENTENCES, _ids, _scan, _write, old_store


def test_text_filter_on_postgresql_reads_the_trigram_index_and_finds_what_a_scan_finds(pg_url):
    from eventdesk.store.schema import EventRow
    from eventdesk.web import WebSettings, create_app
    from eventdesk.web.queries.events import EventQuery

    store = Store(pg_url)
    _write(store, SENTENCES)
    indexes = {ix["name"] for ix in inspect(store.engine).get_indexes("event_sources")}
    assert "ix_event_sources_text_trgm" in indexes
    client = TestClient(create_app(WebSettings(db=pg_url)))
    for words in ("granary", "GRANARY", "Fire Spread", "checkpoint", "50%_", "nothing like it"):
        assert _ids(client, words) == (_scan(client, words), len(_scan(client, words))), words
    assert _ids(client, "granary")[1] == 2
    # with sequential scans priced out, the planner answers the filter (ILIKE) from the index
    stmt = EventQuery.parse(text="granary", dialect="postgresql").select(EventRow.id)
    with store.engine.connect() as conn:
        conn.execute(text("SET enable_seqscan = off"))
        sql = str(stmt.compile(conn, compile_kwargs={"literal_binds": True}))
        plan = "\n".join(r[0] for r in conn.execute(text("EXPLAIN " + sql)))
    assert "ix_event_sources_text_trgm" in plan, plan


def test_db_upgrade_of_a_postgresql_store_made_before_the_index_adds_it(pg_url):
    old_store(pg_url)
    assert store_version(pg_url) == "0004"
    upgrade_store(pg_url)
    assert store_version(pg_url) == SCHEMA_VERSION
    store = Store(pg_url, create=False)
    indexes = {ix["name"] for ix in inspect(store.engine).get_indexes("event_sources")}
    assert "ix_event_sources_text_trgm" in indexes
    from eventdesk.web import WebSettings, create_app

    client = TestClient(create_app(WebSettings(db=pg_url)))
    assert _ids(client, "granary") == (_scan(client, "granary"), 2)
