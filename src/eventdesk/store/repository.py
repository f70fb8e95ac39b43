"""Reading and writing the store. One transaction per document: a document is stored with
all its mentions, events and claims, or not at all. Opening the database (URL, engine,
coded errors) is engine.py's."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from eventdesk.errors import Errors, StoreError
from eventdesk.record import Claim, Document, Event, Evidence, Mention
from eventdesk.store import migrate
from eventdesk.store.engine import _coded_errors, _engine, _existing, db_url, redact, shown_url
from eventdesk.store.schema import (Base, ClaimRow, ClaimSourceRow, DocumentRow, EventKeyRow,
                                    EventRow, EventSourceRow, MentionRow, RunRow)

EVENT_FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "location", "country",
                "latitude", "longitude", "geo_precision", "date", "date_precision",
                "fatalities", "fatalities_high", "historical")
CLAIM_FIELDS = ("subject", "measure", "low", "high", "unit", "qualifier", "attributed_to",
                "as_of")


# PostgreSQL advisory lock that serialises eventdesk's document transactions (any constant
# bigint; "eventdes" in ASCII): merging reads the events stored so far, so two writers must
# not interleave or both would add the same event.
_PG_WRITE_LOCK = 0x6576656E74646573


def stable_id(prefix: str, *parts: object) -> str:
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return f"{prefix}-{digest.hexdigest()[:16]}"


class Store:
    """A database of documents, events and claims."""

    def __init__(self, path_or_url: str, create: bool = True) -> None:
        self.url = _existing(path_or_url) if not create else db_url(path_or_url)
        self.shown = shown_url(self.url)
        with _coded_errors(self.url):
            self.engine: Engine = _engine(self.url)
            self._writer = self.engine.execution_options(eventdesk_write=True)
            migrate.check(self.engine, self.shown, create)

    # ---------------------------------------------------------------- writing
    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction, serialised with every other eventdesk writer of the store."""
        with Session(self._writer, expire_on_commit=False) as session, session.begin():
            if self.engine.dialect.name == "postgresql":
                session.execute(select(func.pg_advisory_xact_lock(_PG_WRITE_LOCK)))
            yield session

    def processed(self, ids: Iterable[str], extracting: bool, version: str) -> set[str]:
        """Of `ids`, the documents stored that need no more work: not failed, extracted when
        this run extracts, and not by an older eventdesk."""
        ids = list(ids)
        if not ids:
            return set()
        with Session(self.engine) as s:
            rows = s.execute(select(DocumentRow.id, DocumentRow.status, DocumentRow.extracted,
                                    DocumentRow.pipeline_version)
                             .where(DocumentRow.id.in_(ids)))
            return {i for i, status, extracted, stored in rows
                    if status != "failed" and (extracted or not extracting)
                    and not is_older(stored, version)}

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        with Session(self.engine) as s:
            return set(s.scalars(select(DocumentRow.id).where(DocumentRow.id.in_(ids))))

    def start_run(self, run_id: str, started: str, version: str, config: dict) -> None:
        try:
            with self.transaction() as s:
                s.add(RunRow(id=run_id, started=started, version=version, config=config))
        except OperationalError as exc:  # a read-only file or folder, a full disk, a lock
            raise StoreError(Errors.E502.format(url=self.shown, reason=redact(
                str(exc.orig if exc.orig is not None else exc).strip(), self.url))) from None

    def finish_run(self, run_id: str, summary: dict) -> None:
        with self.transaction() as s:
            row = s.get(RunRow, run_id)
            if row is not None:
                row.summary = summary

    @staticmethod
    def _next_seq(s: Session, column) -> int:
        return (s.scalar(select(func.max(column))) or 0) + 1

    def stored_document(self, s: Session, doc_id: str) -> DocumentRow | None:
        return s.get(DocumentRow, doc_id)

    def remove_document(self, s: Session, doc_id: str) -> int:
        """Take a document and everything read from it out of the store, to store it anew
        (a retry, a re-extraction); returns its arrival number, which the new one keeps.
        An event or claim that other documents also report stays, with their sources."""
        row = s.get(DocumentRow, doc_id)
        seq = row.seq
        events = set(s.scalars(select(EventSourceRow.event_id)
                               .where(EventSourceRow.document_id == doc_id)))
        claims = set(s.scalars(select(ClaimSourceRow.claim_id)
                               .where(ClaimSourceRow.document_id == doc_id)))
        s.execute(delete(EventSourceRow).where(EventSourceRow.document_id == doc_id))
        s.execute(delete(ClaimSourceRow).where(ClaimSourceRow.document_id == doc_id))
        s.execute(delete(MentionRow).where(MentionRow.document_id == doc_id))
        for event_id in events:
            if s.scalar(select(func.count()).where(EventSourceRow.event_id == event_id)) == 0:
                s.execute(delete(EventKeyRow).where(EventKeyRow.event_id == event_id))
                s.execute(delete(EventRow).where(EventRow.id == event_id))
        for claim_id in claims:
            if s.scalar(select(func.count()).where(ClaimSourceRow.claim_id == claim_id)) == 0:
                s.execute(delete(ClaimRow).where(ClaimRow.id == claim_id))
        s.execute(delete(DocumentRow).where(DocumentRow.id == doc_id))
        s.expire_all()
        return seq

    def add_document(self, s: Session, doc: Document, run_id: str | None,
                     signature: bytes | None = None, version: str | None = None,
                     extracted: bool = False, seq: int | None = None) -> None:
        s.add(DocumentRow(
            id=doc.id, source=doc.source, url=doc.url, content_type=doc.content_type,
            title=doc.title, authors=list(doc.authors), published=doc.published,
            published_precision=doc.published_precision, outlet=doc.outlet,
            language=doc.language, body=doc.body, status=doc.status,
            status_reason=doc.status_reason, duplicate_of=doc.duplicate_of,
            signature=signature, run_id=run_id, pipeline_version=version, extracted=extracted,
            warnings=list(doc.meta.get("warnings") or []) or None,
            seq=seq if seq is not None else self._next_seq(s, DocumentRow.seq)))
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
        per_source = ev.extra.get("source_fatalities", {})
        rows = list(s.scalars(select(EventSourceRow).where(EventSourceRow.event_id == ev.id)))
        for row in rows:  # a later report of the same document may have settled its figure
            if row.document_id in per_source:
                row.fatalities, row.fatalities_high = per_source[row.document_id]
        have = {(r.document_id, r.start, r.end) for r in rows}
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
        seen = set()
        for src in claim.sources:  # one row per place read, however often the claim cites it
            if (src.document, src.start, src.end) in seen:
                continue
            seen.add((src.document, src.start, src.end))
            s.add(ClaimSourceRow(claim_id=claim.id, document_id=src.document, start=src.start,
                                 end=src.end, text=src.text))
        return claim.id

    # ---------------------------------------------------------------- reading
    def signatures(self, s: Session | None = None, after: int = 0
                   ) -> list[tuple[str, bytes, int]]:
        """(id, signature, seq) of originals stored after arrival number `after`."""
        query = (select(DocumentRow.id, DocumentRow.signature, DocumentRow.seq)
                 .where(DocumentRow.signature.is_not(None))
                 .where(DocumentRow.duplicate_of.is_(None))
                 .where(DocumentRow.seq > after)
                 .order_by(DocumentRow.seq))
        if s is not None:
            return [tuple(r) for r in s.execute(query)]
        with Session(self.engine) as own:
            return [tuple(r) for r in own.execute(query)]

    def events_by_keys(self, s: Session, keys: Iterable[str]) -> list[Event]:
        ids = select(EventKeyRow.event_id).where(EventKeyRow.key.in_(list(set(keys))))
        rows = s.scalars(select(EventRow).where(EventRow.id.in_(ids)).order_by(EventRow.seq))
        return [self._event(s, r) for r in rows]

    def documents(self) -> list[Document]:
        with Session(self.engine) as s:
            return [_document(r) for r in s.scalars(select(DocumentRow).order_by(DocumentRow.seq))]

    def mentions(self) -> list[tuple[str, Mention]]:
        """(document id, mention) for every stored mention, by document then position."""
        with Session(self.engine) as s:
            rows = s.scalars(select(MentionRow).order_by(MentionRow.document_id, MentionRow.start,
                                                         MentionRow.end, MentionRow.id))
            return [(r.document_id, Mention(kind=r.kind, start=r.start, end=r.end, text=r.text,
                                            ref=r.ref, name=r.name, country=r.country,
                                            latitude=r.latitude, longitude=r.longitude,
                                            precision=r.precision)) for r in rows]

    def events(self) -> list[Event]:
        # one query for all sources, not one per event (100,000 events: bench_store.py)
        with Session(self.engine) as s:
            sources: dict[str, list[Evidence]] = {}
            for x in s.scalars(select(EventSourceRow).order_by(EventSourceRow.id)):
                sources.setdefault(x.event_id, []).append(_evidence(x))
            return [Event(id=r.id, extra=dict(r.extra or {}), sources=sources.get(r.id, []),
                          **{f: getattr(r, f) for f in EVENT_FIELDS})
                    for r in s.scalars(select(EventRow).order_by(EventRow.seq))]

    def claims(self) -> list[Claim]:
        with Session(self.engine) as s:
            sources: dict[str, list[Evidence]] = {}
            for x in s.scalars(select(ClaimSourceRow).order_by(ClaimSourceRow.id)):
                sources.setdefault(x.claim_id, []).append(_evidence(x))
            return [Claim(id=r.id, ledger_id=r.ledger_id, extra=dict(r.extra or {}),
                          sources=sources.get(r.id, []),
                          **{f: getattr(r, f) for f in CLAIM_FIELDS})
                    for r in s.scalars(select(ClaimRow).order_by(ClaimRow.seq))]

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


def is_older(stored: str | None, current: str) -> bool:
    """True when a document was processed by an eventdesk older than `current` (or by one
    that did not record its version)."""
    if not stored:
        return True

    def key(version: str) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", version))

    return key(stored) < key(current)


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
