"""Documents with every extraction in them (character offsets into the body), and the
search box over actors, places, evidence and titles."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from eventdesk.store.schema import (ClaimRow, ClaimSourceRow, DocumentRow, EventRow,
                                    EventSourceRow, MentionRow)
from eventdesk.web.queries.claims import search_claims

DOC_FIELDS = ("id", "source", "url", "title", "outlet", "published", "published_precision",
              "language", "content_type", "status", "status_reason", "duplicate_of")


def _doc_conditions(text: str | None, outlet: str | None, status: str | None) -> list:
    c = []
    if text:
        c.append(or_(DocumentRow.title.icontains(text, autoescape=True),
                     DocumentRow.source.icontains(text, autoescape=True)))
    if outlet:
        c.append(DocumentRow.outlet == outlet)
    if status:
        c.append(DocumentRow.status == status)
    return c


def list_documents(s: Session, text=None, outlet=None, status=None, limit=50, offset=0
                   ) -> tuple[int, list[dict]]:
    cond = _doc_conditions(text, outlet, status)
    total = s.scalar(select(func.count()).select_from(DocumentRow).where(*cond)) or 0
    rows = s.execute(select(*(getattr(DocumentRow, f) for f in DOC_FIELDS))
                     .where(*cond).order_by(DocumentRow.seq.desc()).limit(limit).offset(offset))
    return total, [dict(zip(DOC_FIELDS, r)) for r in rows]


def get_document(s: Session, doc_id: str) -> dict | None:
    row = s.get(DocumentRow, doc_id)
    if row is None:
        return None
    doc = {f: getattr(row, f) for f in DOC_FIELDS}
    doc["authors"] = list(row.authors or [])
    doc["body"] = row.body
    doc["mentions"] = [dict(id=m.id, kind=m.kind, start=m.start, end=m.end, text=m.text,
                            ref=m.ref, name=m.name, country=m.country, latitude=m.latitude,
                            longitude=m.longitude, precision=m.precision)
                       for m in s.scalars(select(MentionRow).where(MentionRow.document_id == doc_id)
                                          .order_by(MentionRow.start, MentionRow.id))]
    doc["events"] = [dict(event=e.id, event_type=e.event_type, sub_event_type=e.sub_event_type,
                          actor1=e.actor1, actor2=e.actor2, location=e.location, date=e.date,
                          fatalities=src.fatalities, start=src.start, end=src.end, text=src.text)
                     for src, e in s.execute(
                         select(EventSourceRow, EventRow)
                         .join(EventRow, EventRow.id == EventSourceRow.event_id)
                         .where(EventSourceRow.document_id == doc_id)
                         .order_by(EventSourceRow.start, EventSourceRow.id))]
    doc["claims"] = [dict(claim=c.id, ledger_id=c.ledger_id, subject=c.subject,
                          measure=c.measure, low=c.low, high=c.high, unit=c.unit,
                          qualifier=c.qualifier, attributed_to=c.attributed_to, as_of=c.as_of,
                          start=src.start, end=src.end, text=src.text)
                     for src, c in s.execute(
                         select(ClaimSourceRow, ClaimRow)
                         .join(ClaimRow, ClaimRow.id == ClaimSourceRow.claim_id)
                         .where(ClaimSourceRow.document_id == doc_id)
                         .order_by(ClaimSourceRow.start, ClaimSourceRow.id))]
    return doc


def search(s: Session, registry, q: str, limit: int = 20) -> dict:
    """Actors (registry names and aliases, and names seen in events), places, evidence
    sentences, document titles and ledger lines matching `q` (case-insensitive)."""
    q = q.strip()
    if not q:
        return dict(query=q, actors=[], places=[], evidence=[], documents=[], ledgers=[])
    low = q.casefold()
    actors = [dict(id=a.id, name=a.name) for a in registry.actors.values()
              if low in a.name.casefold() or any(low in x.casefold() for x in a.aliases)]
    known = {a["name"] for a in actors}
    seen = s.scalars(select(EventRow.actor1).where(EventRow.actor1.icontains(q, autoescape=True))
                     .group_by(EventRow.actor1).limit(limit)).all()
    seen += s.scalars(select(EventRow.actor2).where(EventRow.actor2.icontains(q, autoescape=True))
                      .group_by(EventRow.actor2).limit(limit)).all()
    actors += [dict(id=None, name=n) for n in sorted(set(seen) - known)]
    places = [dict(location=loc, country=c, events=n) for loc, c, n in s.execute(
        select(EventRow.location, EventRow.country, func.count())
        .where(EventRow.location.icontains(q, autoescape=True))
        .group_by(EventRow.location, EventRow.country).order_by(func.count().desc()).limit(limit))]
    evidence = [dict(event=src.event_id, document=src.document_id, start=src.start, end=src.end,
                     text=src.text) for src in s.scalars(
        select(EventSourceRow).where(EventSourceRow.text.icontains(q, autoescape=True))
        .order_by(EventSourceRow.id.desc()).limit(limit))]
    documents = [dict(id=i, title=t, outlet=o, published=p) for i, t, o, p in s.execute(
        select(DocumentRow.id, DocumentRow.title, DocumentRow.outlet, DocumentRow.published)
        .where(DocumentRow.title.icontains(q, autoescape=True))
        .order_by(DocumentRow.seq.desc()).limit(limit))]
    return dict(query=q, actors=actors[:limit], places=places, evidence=evidence,
                documents=documents, ledgers=search_claims(s, q, limit))
