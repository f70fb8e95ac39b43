"""Records as the interchange format spells them (spec/export-format.md)."""

from __future__ import annotations

from eventdesk.record import Claim, Document, Event, Evidence, Mention


def _sources(evidence: list[Evidence]) -> list[dict]:
    return [{"document": e.document, "start": e.start, "end": e.end, "text": e.text}
            for e in evidence]


def document_record(doc: Document) -> dict:
    return {
        "kind": "document", "id": doc.id, "source": doc.source, "url": doc.url,
        "outlet": doc.outlet, "title": doc.title, "authors": list(doc.authors),
        "published": doc.published, "published_precision": doc.published_precision,
        "language": doc.language, "body": doc.body, "duplicate_of": doc.duplicate_of,
        "status": doc.status, "status_reason": doc.status_reason,
    }


def mention_record(document_id: str, m: Mention) -> dict:
    """An entity mention of a document (not in the interchange export; the Spark tables and
    `eventdesk load` carry it so that a loaded store shows the same highlights)."""
    return {
        "kind": "mention", "document": document_id, "type": m.kind, "start": m.start,
        "end": m.end, "text": m.text, "ref": m.ref, "name": m.name, "country": m.country,
        "latitude": None if m.latitude is None else float(m.latitude),
        "longitude": None if m.longitude is None else float(m.longitude),
        "precision": m.precision,
    }


def event_record(ev: Event, reports: list[dict] | None = None) -> dict:
    rec = {
        "kind": "event", "id": ev.id, "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type, "actor1": ev.actor1, "actor2": ev.actor2,
        "location": ev.location, "country": ev.country,
        "latitude": _round(ev.latitude), "longitude": _round(ev.longitude),
        "geo_precision": ev.geo_precision, "date": ev.date, "date_precision": ev.date_precision,
        "fatalities": ev.fatalities, "fatalities_high": ev.fatalities_high,
        "historical": bool(ev.historical), "sources": _sources(ev.sources),
    }
    if reports is not None:
        rec["reports"] = [{k: r[k] for k in ("document", "outlet", "published", "fatalities",
                                             "fatalities_high")} for r in reports]
    return rec


def claim_record(claim: Claim) -> dict:
    return {
        "kind": "claim", "id": claim.id, "ledger_id": claim.ledger_id,
        "subject": claim.subject, "measure": claim.measure, "low": claim.low,
        "high": claim.high, "unit": claim.unit, "qualifier": claim.qualifier,
        "attributed_to": claim.attributed_to, "as_of": claim.as_of,
        "sources": _sources(claim.sources),
    }


def _round(x: float | None) -> float | None:
    return None if x is None else round(float(x), 4)
