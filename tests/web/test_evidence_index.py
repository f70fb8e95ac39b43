"""The text filter's index on SQLite (migration 0005: one trigram row per event, kept by
triggers) answers what a plain scan of the sentences answers, after every kind of write and
after `db upgrade` of a store made before it. Every sentence here is invented."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from eventdesk.record import Document, Event, Evidence
from eventdesk.store import Store, store_version, upgrade_store
from eventdesk.store.schema import SCHEMA_VERSION

SENTENCES = {  # event -> its supporting sentences (invented)
    "e-idx-a": ["Gunmen burned a granary near the river.", "The granary fire spread at dawn."],
    "e-idx-b": ["Soldiers cleared a checkpoint on the road."],
    "e-idx-c": ["Protesters gathered by the granary gate."],
}


def _write(store: Store, events: dict[str, list[str]], day: int = 1) -> None:
    with store.transaction() as s:
        for n, (event_id, sentences) in enumerate(events.items()):
            doc = f"d-{event_id}"
            body = " ".join(sentences)
            store.add_document(s, Document(id=doc, source=f"{doc}.txt", content_type="text",
                                           body=body, status="ok"), None)
            sources, at = [], 0
            for text in sentences:
                sources.append(Evidence(doc, at, at + len(text), text))
                at += len(text) + 1
            store.add_event(s, Event(id=event_id, event_type="Battles",
                                     sub_event_type="Armed clash", country="Mali",
                                     date=f"2025-04-{day + n:02d}", date_precision="day",
                                     sources=sources))


def _ids(client, words: str) -> tuple[list[str], int]:
    r = client.get("/api/events", params={"text": words, "limit": 500})
    assert r.status_code == 200, r.text
    return [e["id"] for e in r.json()["items"]], r.json()["total"]


def _scan(client, words: str) -> list[str]:
    everything = client.get("/api/events", params={"limit": 500}).json()["items"]
    return [e["id"] for e in everything
            if any(words.lower() in s["text"].lower() for s in e["sources"])]


def _client(db) -> TestClient:
    from eventdesk.web import WebSettings, create_app

    return TestClient(create_app(WebSettings(db=str(db))))


@pytest.mark.parametrize("words", ["granary", "GRANARY", "river. The", "checkpoint", "gate",
                                   "nothing like it"])
def test_index_answers_what_a_scan_answers_after_writes_merges_and_removals(tmp_path, words):
    db = tmp_path / "s.db"
    store = Store(str(db))
    _write(store, SENTENCES)
    client = _client(db)
    assert _ids(client, words) == (_scan(client, words), len(_scan(client, words)))
    # a report merged into an event brings its sentence into the event's index row
    with store.transaction() as s:
        store.add_document(s, Document(id="d-more", source="more.txt", content_type="text",
                                       body="A convoy passed the checkpoint.", status="ok"), None)
        ev = Event(event_type="Battles", sub_event_type="Armed clash", id="e-idx-c",
                   country="Mali", date="2025-04-03", date_precision="day",
                   sources=[Evidence("d-more", 0, 31, "A convoy passed the checkpoint.")])
        store.update_event(s, ev)
    assert _ids(client, "convoy") == (["e-idx-c"], 1)
    assert _ids(client, words) == (_scan(client, words), len(_scan(client, words)))
    # a document taken out (a re-extraction) takes its sentences and lone events with it
    with store.transaction() as s:
        store.remove_document(s, "d-e-idx-a")
    assert "e-idx-a" not in _ids(client, "granary")[0]
    assert _ids(client, words) == (_scan(client, words), len(_scan(client, words)))


def test_a_phrase_never_matches_across_two_sentences_of_an_event(tmp_path):
    db = tmp_path / "s.db"
    _write(Store(str(db)), SENTENCES)
    client = _client(db)
    # the index joins an event's sentences with U+001F; a phrase holding it reads the
    # sentences one by one, as does one spanning the end of a sentence and the next
    for words in ("river.\x1fThe", "river. The granary fire", "dawn.Soldiers"):
        assert _ids(client, words) == ([], 0)
    assert _ids(client, "spread at dawn") == (["e-idx-a"], 1)


def old_store(url: str) -> None:
    """A store of schema 0004 (before the evidence index of 0005) holding SENTENCES."""
    from alembic import command
    from sqlalchemy import create_engine, insert

    from eventdesk.store.migrate import _config
    from eventdesk.store.schema import DocumentRow, EventRow, EventSourceRow

    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(_config(conn), "0004")
        for n, (event_id, sentences) in enumerate(SENTENCES.items()):
            conn.execute(insert(DocumentRow.__table__).values(
                id=f"d-{event_id}", source="old.txt", content_type="text", authors=[],
                status="ok", seq=n + 1, body=" ".join(sentences)))
            conn.execute(insert(EventRow.__table__).values(
                id=event_id, event_type="Battles", sub_event_type="Armed clash",
                date=f"2025-04-0{n + 1}", historical=False, extra={}, seq=n + 1))
            conn.execute(insert(EventSourceRow.__table__), [
                dict(event_id=event_id, document_id=f"d-{event_id}", start=0, end=len(t), text=t)
                for t in sentences])
    engine.dispose()


def test_db_upgrade_indexes_the_evidence_of_a_store_made_before_the_index(tmp_path):
    db = tmp_path / "old.db"
    old_store(f"sqlite:///{db}")
    with pytest.raises(Exception, match="E504"):
        Store(str(db), create=False)
    upgrade_store(str(db))
    assert store_version(str(db)) == SCHEMA_VERSION
    client = _client(db)
    for words in ("granary", "checkpoint", "fire spread"):
        assert _ids(client, words) == (_scan(client, words), len(_scan(client, words)))
    assert _ids(client, "granary")[1] == 2


def test_two_events_never_share_the_arrival_number_that_keys_the_index(tmp_path):
    from sqlalchemy import insert
    from sqlalchemy.exc import IntegrityError

    from eventdesk.store.schema import EventRow

    store = Store(str(tmp_path / "s.db"))
    _write(store, SENTENCES)
    row = dict(event_type="Battles", sub_event_type="Armed clash", historical=False, extra={})
    with pytest.raises(IntegrityError, match="events.seq must be unique"):
        with store.engine.begin() as conn:
            conn.execute(insert(EventRow.__table__).values(id="e-idx-dup", seq=1, **row))
    with store.engine.begin() as conn:  # a new number is fine
        conn.execute(insert(EventRow.__table__).values(id="e-idx-new", seq=99, **row))
