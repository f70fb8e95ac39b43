"""Streaming exports of a filtered event list: ACLED CSV (iso, region, admin1, admin2 from
the gazetteer), GeoJSON and JSON Lines, read from the store in keyset-paged chunks."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from eventdesk.export.acled import ACLED_COLUMNS, acled_row
from eventdesk.export.records import event_record
from eventdesk.record import Event, Evidence
from eventdesk.store.repository import EVENT_FIELDS, _document
from eventdesk.store.schema import DocumentRow, EventRow
from eventdesk.web.queries.events import EventQuery, sources_of

CHUNK = 1000
MEDIA = {"csv": "text/csv; charset=utf-8", "geojson": "application/geo+json",
         "jsonl": "application/x-ndjson"}


def _chunks(session: Session, q: EventQuery) -> Iterator[tuple[list[Event], dict[str, list[dict]]]]:
    """Events in arrival order, CHUNK at a time (keyset on seq: no growing OFFSET)."""
    last = 0
    while True:
        rows = list(session.scalars(q.select().where(EventRow.seq > last)
                                    .order_by(EventRow.seq).limit(CHUNK)))
        if not rows:
            return
        last = rows[-1].seq
        reports = sources_of(session, [r.id for r in rows])
        events = [Event(id=r.id, extra=dict(r.extra or {}),
                        sources=[Evidence(document=x["document"], start=x["start"], end=x["end"],
                                          text=x["text"]) for x in reports.get(r.id, [])],
                        **{f: getattr(r, f) for f in EVENT_FIELDS}) for r in rows]
        yield events, reports


def stream(settings, q: EventQuery, fmt: str) -> tuple[str, Iterator[bytes]]:
    q = replace(q, limit=0, offset=0)
    writer = {"csv": _csv, "geojson": _geojson, "jsonl": _jsonl}[fmt]

    def body() -> Iterator[bytes]:
        with Session(settings.store.engine) as session:
            yield from writer(session, q, settings.registry)
    return MEDIA[fmt], body()


def _csv(session: Session, q: EventQuery, registry) -> Iterator[bytes]:
    buf = io.StringIO()
    out = csv.DictWriter(buf, fieldnames=ACLED_COLUMNS)
    out.writeheader()
    for events, _ in _chunks(session, q):
        ids = sorted({s.document for e in events for s in e.sources})
        docs = {r.id: _document(r) for r in session.scalars(
            select(DocumentRow).where(DocumentRow.id.in_(ids)))}
        for ev in events:
            out.writerow(acled_row(ev, docs, registry))
        yield buf.getvalue().encode("utf-8")
        buf.seek(0)
        buf.truncate()
    if buf.tell():
        yield buf.getvalue().encode("utf-8")


def _geojson(session: Session, q: EventQuery, _registry) -> Iterator[bytes]:
    yield b'{"type": "FeatureCollection", "features": ['
    first = True
    for events, _ in _chunks(session, q):
        for ev in events:
            if ev.latitude is None or ev.longitude is None:
                continue
            props = {k: v for k, v in event_record(ev).items() if k not in ("latitude", "longitude")}
            feature = {"type": "Feature", "properties": props,
                       "geometry": {"type": "Point", "coordinates": [round(ev.longitude, 5),
                                                                     round(ev.latitude, 5)]}}
            yield (b"" if first else b",") + json.dumps(feature, ensure_ascii=False).encode("utf-8")
            first = False
    yield b"]}"


def _jsonl(session: Session, q: EventQuery, _registry) -> Iterator[bytes]:
    for events, reports in _chunks(session, q):
        lines = [json.dumps(event_record(ev, reports.get(ev.id, [])), ensure_ascii=False)
                 for ev in events]
        yield ("\n".join(lines) + "\n").encode("utf-8")
