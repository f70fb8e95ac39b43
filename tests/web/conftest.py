"""A real store for the web tests: the pipeline run on the demo articles (invented) plus an
invented hostile article (HTML and <script> in its text, Arabic script), and one event
written through the store's own API with a 400-character actor name and markup in every
field. Served by the FastAPI app in-process (TestClient) and, for the browser tests, by
uvicorn on a free localhost port."""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

import pytest

from eventdesk.pipeline.spec import load_pipeline
from eventdesk.record import Claim, Document, Event, Evidence
from eventdesk.run import RunOptions, run_pipeline
from eventdesk.store import Store

REPO = Path(__file__).resolve().parents[2]
from web.hostile import (ARABIC, HOSTILE_DOC, HOSTILE_EVENT, HOSTILE_LEDGER,  # noqa: F401
                         HOSTILE_TEXT, LONG_ACTOR, PAYLOAD)


def _write_hostile(store: Store) -> None:
    body = f"{PAYLOAD} {LONG_ACTOR} fought in {ARABIC}. Some 300 fighters {PAYLOAD} remain."
    sentence_end = body.index(". ") + 1
    with store.transaction() as s:
        store.add_document(s, Document(
            id=HOSTILE_DOC, source=f"hostile{PAYLOAD}.txt", url=f"https://example.org/{PAYLOAD}",
            content_type="text", body=body, title=f"Title {PAYLOAD} {ARABIC}",
            outlet=f"outlet{PAYLOAD}", language="ar", published="2025-03-05",
            published_precision="day", status="ok"), None)
        store.add_event(s, Event(
            id=HOSTILE_EVENT, event_type="Battles", sub_event_type="Armed clash",
            actor1=LONG_ACTOR + PAYLOAD, actor2=ARABIC, location=f"{ARABIC} {PAYLOAD}",
            country="Syria", latitude=34.5, longitude=38.3, geo_precision=1, date="2025-03-05",
            date_precision="day", fatalities=4,
            sources=[Evidence(HOSTILE_DOC, 0, sentence_end, body[:sentence_end])]))
        claim_at = body.index("Some 300")
        store.add_claim(s, Claim(
            id="c-hostile0000000001", ledger_id=HOSTILE_LEDGER, subject=LONG_ACTOR + PAYLOAD,
            measure=f"fighters {PAYLOAD}", low=300, high=300, unit="people",
            qualifier="some", attributed_to=f"{ARABIC}{PAYLOAD}", as_of="2025-03-05",
            sources=[Evidence(HOSTILE_DOC, claim_at, len(body), body[claim_at:])]))


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("webstore")
    feed = folder / "hostile.jsonl"
    feed.write_text(json.dumps({"text": HOSTILE_TEXT, "url": "https://example.org/hostile",
                                "title": f"Checkpoint attack {PAYLOAD}", "published": "2025-03-03"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    db = folder / "desk.db"
    summary = run_pipeline(RunOptions(inputs=[str(REPO / "demo"), str(feed)], db=str(db),
                                      stages=load_pipeline(None, ())))
    assert summary.stored >= 5 and summary.events_new >= 5, summary
    _write_hostile(Store(str(db)))
    return db


@pytest.fixture(scope="session")
def app(store_path):
    from eventdesk.web import WebSettings, create_app

    return create_app(WebSettings(db=str(store_path), token="test-token-123"))


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_url(app):
    """The app served by uvicorn on localhost, in a thread, for the browser."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
