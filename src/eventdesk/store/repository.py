"""Reading and writing the store. One transaction per document: a document is stored with
all its mentions, events and claims, or not at all."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict

from sqlalchemy import create_engine, event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from eventdesk.errors import ConfigError, Errors
from eventdesk.record import Claim, Document, Event, Evidence
from eventdesk.store.schema import (Base, ClaimRow, ClaimSourceRow, DocumentRow, EventKeyRow,
                                    EventRow, EventSourceRow, MentionRow, RunRow)

EVENT_FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "location", "country",
                "latitude", "longitude", "geo_precision", "date", "date_precision",
                "fatalities", "fatalities_high", "historical")
CLAIM_FIELDS = ("subject", "measure", "low", "high", "unit", "qualifier", "attributed_to",
                "as_of")


def db_url(path_or_url: str) -> str:
    """A plain path means a SQLite file; anything with '://' is an SQLAlchemy URL."""
    if "://" in path_or_url:
        return path_or_url
    return "sqlite:///" + os.path.abspath(path_or_url)


def stable_id(prefix: str, *parts: object) -> str:
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return f"{prefix}-{digest.hexdigest()[:16]}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


class Store:
    """A database of documents, events and claims."""

    def __init__(self, path_or_url: str, create: bool = True) -> None:
        self.url = db_url(path_or_url)
        if self.url.startswith("sqlite:///") and not create:
            if not os.path.exists(self.url[len("sqlite:///"):]):
                raise ConfigError(Errors.E003.format(url=path_or_url, reason="no such file"))
        try:
            self.engine: Engine = create_engine(self.url)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            if create:
                Base.metadata.create_all(self.engine)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise ConfigError(Errors.E003.format(url=path_or_url, reason=exc)) from exc

    # ---------------------------------------------------------------- writing
    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        with Session(self.engine) as s:
            return set(s.scalars(select(DocumentRow.id).where(DocumentRow.id.in_(ids))))

    def start_run(self, run_id: str, started: str, version: str, config: dict) -> None:
        with self.transaction() as s:
            s.add(RunRow(id=run_id, started=started, version=version, config=config))

    def finish_run(self, run_id: str, summary: dict) -> None:
        with self.transaction() as s:
            row = s.get(RunRow, run_id)
            if row is not None:
                row.summary = summary

    @staticmethod
    def _next_seq(s: Session, column) -> int:
        return (s.scalar(select(func.max(column))) or 0) + 1

    def add_document(self, s: Session, doc: Document, run_id: str | None,
                     signature: bytes | None = None) -> None:
        s.add(DocumentRow(
            id=doc.id, source=doc.source, url=doc.url, content_type=doc.content_type,
            title=doc.title, authors=list(doc.authors), published=doc.published,
            published_precision=doc.published_precision, outlet=doc.outlet,
            language=doc.language, body=doc.body, status=doc.status,
            status_reason=doc.status_reason, duplicate_of=doc.duplicate_of,
            signature=signature, run_id=run_id, seq=self._next_seq(s, DocumentRow.seq)))
        s.flush()
        for m in doc.mentions:
            s.add(MentionRow(document_id=doc.id, kind=m.kind, start=m.start, end=m.end,
                             text=m.text, ref=m.ref, name=m.name, country=m.country,
                             latitude=m.latitude, longitude=m.longitude, precision=m.precision))

    def add_event(self, s: Session, ev: Event, keys: Iterable[str] = ()) -> str:
        """Insert a new event with its sources; returns its id."""
        first = ev.sources[0] if ev.sources else None
        ev.id = ev.id or stable_id("e", first.document if first else "", first.start if first
                                   else 0, ev.sub_event_type, ev.date)
        s.add(EventRow(id=ev.id, extra=_jsonable(ev.extra), seq=self._next_seq(s, EventRow.seq),
                       **{f: getattr(ev, f) for f in EVENT_FIELDS}))
        s.flush()
        self._add_event_sources(s, ev)
        for key in set(keys):
            s.add(EventKeyRow(event_id=ev.id, key=key))
        return ev.id

    def update_event(self, s: Session, ev: Event, keys: Iterable[str] = ()) -> None:
        """Write back a merged event (fields and any new sources)."""
        row = s.get(EventRow, ev.id)
        for f in EVENT_FIELDS:
            setattr(row, f, getattr(ev, f))
        row.extra = _jsonable(ev.extra)
        self._add_event_sources(s, ev)
        have = set(s.scalars(select(EventKeyRow.key).where(EventKeyRow.event_id == ev.id)))
        for key in set(keys) - have:
            s.add(EventKeyRow(event_id=ev.id, key=key))

    def remove_event(self, s: Session, event_id: str) -> None:
        """Delete an event that another has absorbed (its sources now cite that one)."""
        for model in (EventSourceRow, EventKeyRow):
            for row in s.scalars(select(model).where(model.event_id == event_id)):
                s.delete(row)
        row = s.get(EventRow, event_id)
        if row is not None:
            s.delete(row)
        s.flush()

    def _add_event_sources(self, s: Session, ev: Event) -> None:
        have = {(r.document_id, r.start, r.end) for r in s.scalars(
            select(EventSourceRow).where(EventSourceRow.event_id == ev.id))}
        per_source = ev.extra.get("source_fatalities", {})
        for src in ev.sources:
            if (src.document, src.start, src.end) in have:
                continue
            have.add((src.document, src.start, src.end))
            low, high = per_source.get(src.document, (None, None))
            s.add(EventSourceRow(event_id=ev.id, document_id=src.document, start=src.start,
                                 end=src.end, text=src.text, fatalities=low,
                                 fatalities_high=high))

    def add_claim(self, s: Session, claim: Claim) -> str:
        first = claim.sources[0] if claim.sources else None
        claim.id = claim.id or stable_id("c", first.document if first else "", first.start
                                         if first else 0, claim.low, claim.high, claim.measure)
        s.add(ClaimRow(id=claim.id, ledger_id=claim.ledger_id, extra=_jsonable(claim.extra),
                       seq=self._next_seq(s, ClaimRow.seq),
                       **{f: getattr(claim, f) for f in CLAIM_FIELDS}))
        s.flush()
        for src in claim.sources:
            s.add(ClaimSourceRow(claim_id=claim.id, document_id=src.document, start=src.start,
                                 end=src.end, text=src.text))
        return claim.id

    # ---------------------------------------------------------------- reading
    def signatures(self) -> list[tuple[str, bytes]]:
        with Session(self.engine) as s:
            rows = s.execute(select(DocumentRow.id, DocumentRow.signature)
                             .where(DocumentRow.signature.is_not(None))
                             .where(DocumentRow.duplicate_of.is_(None))
                             .order_by(DocumentRow.seq))
            return [(i, sig) for i, sig in rows]

    def events_by_keys(self, s: Session, keys: Iterable[str]) -> list[Event]:
        ids = select(EventKeyRow.event_id).where(EventKeyRow.key.in_(list(set(keys))))
        rows = s.scalars(select(EventRow).where(EventRow.id.in_(ids)).order_by(EventRow.seq))
        return [self._event(s, r) for r in rows]

    def documents(self) -> list[Document]:
        with Session(self.engine) as s:
            return [_document(r) for r in s.scalars(select(DocumentRow).order_by(DocumentRow.seq))]

    def events(self) -> list[Event]:
        with Session(self.engine) as s:
            return [self._event(s, r) for r in s.scalars(select(EventRow).order_by(EventRow.seq))]

    def claims(self) -> list[Claim]:
        with Session(self.engine) as s:
            out = []
            for r in s.scalars(select(ClaimRow).order_by(ClaimRow.seq)):
                srcs = s.scalars(select(ClaimSourceRow).where(ClaimSourceRow.claim_id == r.id)
                                 .order_by(ClaimSourceRow.id))
                out.append(Claim(id=r.id, ledger_id=r.ledger_id, extra=dict(r.extra or {}),
                                 sources=[_evidence(x) for x in srcs],
                                 **{f: getattr(r, f) for f in CLAIM_FIELDS}))
            return out

    def event_source_figures(self) -> dict[str, list[dict]]:
        """Per event, each report with its own fatality figures and document metadata."""
        with Session(self.engine) as s:
            rows = s.execute(select(EventSourceRow, DocumentRow.source, DocumentRow.outlet,
                                    DocumentRow.published)
                             .join(DocumentRow, DocumentRow.id == EventSourceRow.document_id)
                             .order_by(EventSourceRow.id))
            out: dict[str, list[dict]] = {}
            for src, source, outlet, published in rows:
                out.setdefault(src.event_id, []).append(dict(
                    document=src.document_id, source=source, outlet=outlet,
                    published=published, text=src.text, fatalities=src.fatalities,
                    fatalities_high=src.fatalities_high))
            return out

    def _event(self, s: Session, r: EventRow) -> Event:
        srcs = s.scalars(select(EventSourceRow).where(EventSourceRow.event_id == r.id)
                         .order_by(EventSourceRow.id))
        return Event(id=r.id, extra=dict(r.extra or {}), sources=[_evidence(x) for x in srcs],
                     **{f: getattr(r, f) for f in EVENT_FIELDS})


def _evidence(row) -> Evidence:
    return Evidence(document=row.document_id, start=row.start, end=row.end, text=row.text)


def _document(r: DocumentRow) -> Document:
    return Document(id=r.id, source=r.source, url=r.url, content_type=r.content_type,
                    body=r.body, title=r.title, authors=list(r.authors or []),
                    published=r.published, published_precision=r.published_precision,
                    outlet=r.outlet, language=r.language, status=r.status,
                    status_reason=r.status_reason, duplicate_of=r.duplicate_of)


def _jsonable(extra: dict) -> dict:
    """Keep only what JSON can hold (tuples become lists; objects become strings)."""
    def conv(v):
        if isinstance(v, dict):
            return {str(k): conv(x) for k, x in v.items()}
        if isinstance(v, (list, tuple, set)):
            return [conv(x) for x in v]
        if v is None or isinstance(v, (str, int, float, bool)):
            return v
        if hasattr(v, "__dataclass_fields__"):
            return conv(asdict(v))
        return str(v)
    return conv(extra or {})
