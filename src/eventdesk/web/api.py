"""The JSON API (under /api). Lists are paged with limit/offset and carry their total."""

from __future__ import annotations

from typing import Annotated, Literal, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from eventdesk.errors import Errors
from eventdesk.web import actor_models, models
from eventdesk.web.app import ApiError, WebSettings, get_session, get_settings, require_token
from eventdesk.web.queries import actors as aq
from eventdesk.web.queries import claims as cq
from eventdesk.web.queries import documents as dq
from eventdesk.web.queries import events as eq
from eventdesk.web.queries import time as tq

ERRORS = {401: {"model": models.ErrorResponse}, 404: {"model": models.ErrorResponse},
          422: {"model": models.ErrorResponse}}
router = APIRouter(prefix="/api", responses={422: {"model": models.ErrorResponse}})

Text = Annotated[Optional[str], Query(max_length=500)]
DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
DAY = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
NUM = r"-?\d{1,3}(\.\d{1,8})?"
Sort = Literal["date", "-date", "fatalities", "-fatalities", "arrival", "-arrival", "country",
               "-country", "type", "-type"]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def event_filters(
    settings: WebSettings = Depends(get_settings),
    type: Text = None, sub_type: Text = None,
    actor: Annotated[Optional[str], Query(max_length=500, description="registry id or name, either side")] = None,
    country: Text = None,
    since: Annotated[Optional[str], Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD: events whose date (at its precision) reaches it")] = None,
    until: Annotated[Optional[str], Query(pattern=DATE)] = None,
    bbox: Annotated[Optional[str], Query(pattern=rf"^{NUM}(,{NUM}){{3}}$", description="west,south,east,north in degrees")] = None,
    near: Annotated[Optional[str], Query(pattern=rf"^{NUM},{NUM}$", description="lat,lon in degrees (with km)")] = None,
    km: Annotated[Optional[float], Query(gt=0, le=eq.MAX_RADIUS_KM)] = None,
    historical: Optional[bool] = None,
    min_fatalities: Annotated[Optional[int], Query(ge=0, le=10_000_000)] = None,
    text: Annotated[Optional[str], Query(max_length=200, description="words in a supporting sentence")] = None,
    sort: Sort = "-date",
) -> eq.EventQuery:
    """The filters and order shared by every event route (paging is each route's own)."""
    names: tuple[str, ...] = ()
    if actor:
        names = aq.resolve_actor(settings.registry, actor).names
    q = eq.EventQuery.parse(event_type=type, sub_event_type=sub_type, actor_names=names,
                            country=country, since=since, until=until, bbox=bbox, near=near,
                            km=km, historical=historical, min_fatalities=min_fatalities,
                            text=text, sort=sort, dialect=settings.store.engine.dialect.name)
    if actor:
        q.extra["actor"] = actor
    return q


def event_query(q: eq.EventQuery = Depends(event_filters), limit: Limit = 50,
                offset: Offset = 0) -> eq.EventQuery:
    return q.page(limit, offset)


@router.get("/events", response_model=models.EventPage, tags=["events"])
def events(request: Request, q: eq.EventQuery = Depends(event_query),
           s: Session = Depends(get_session)):
    """Events matching every given filter, with their sources and merge history."""
    total = eq.count_events(s, q)
    rows = eq.list_events(s, q)
    sources = eq.sources_of(s, [r.id for r in rows])
    nxt = None
    if q.offset + len(rows) < total:
        nxt = "/api/events?" + urlencode({**q.address(), "limit": q.limit,
                                          "offset": q.offset + q.limit})
    return dict(total=total, limit=q.limit, offset=q.offset, next=nxt,
                items=[eq.event_dict(r, sources.get(r.id, [])) for r in rows])


@router.get("/events/points", response_model=models.Points, tags=["events"])
def event_points(q: eq.EventQuery = Depends(event_filters), s: Session = Depends(get_session),
                 limit: Annotated[int, Query(ge=1, le=50_000)] = 10_000):
    """Located events as compact rows for maps, newest first (the filters of /api/events)."""
    q = q.page(limit, 0)
    return dict(total=eq.count_events(s, q),
                columns=["id", "latitude", "longitude", "event_type", "fatalities", "date",
                         "location"],
                rows=[list(r) for r in eq.points(s, q)])


@router.get("/events/{event_id}", response_model=models.Event, responses=ERRORS, tags=["events"])
def event(event_id: str, s: Session = Depends(get_session)):
    found = eq.get_event(s, event_id)
    if found is None:
        raise ApiError(404, Errors.E704.format(kind="event", id=event_id))
    return found


@router.get("/export", tags=["events"], responses={200: {"content": {
    "text/csv": {}, "application/geo+json": {}, "application/x-ndjson": {}}}})
def export(format: Literal["csv", "geojson", "jsonl"] = "csv",
           q: eq.EventQuery = Depends(event_filters),
           settings: WebSettings = Depends(get_settings)):
    """The filtered event list (all pages) as ACLED CSV, GeoJSON or JSON Lines."""
    from eventdesk.web import exports

    media, body = exports.stream(settings, q, format)
    name = f"eventdesk-events.{ 'json' if format == 'geojson' else format}"
    return StreamingResponse(body, media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/timeline", response_model=models.Timeline, tags=["events"])
def timeline(q: eq.EventQuery = Depends(event_filters), s: Session = Depends(get_session)):
    """Day-dated events per week (Monday first) by event type."""
    return tq.timeline(s, q)


@router.get("/facets", response_model=models.Facets, tags=["events"])
def facets(s: Session = Depends(get_session)):
    return eq.facets(s)


@router.get("/change", response_model=models.Change, responses=ERRORS, tags=["events"])
def change(s: Session = Depends(get_session),
           period: Literal["week", "month"] = "week",
           baseline: Annotated[int, Query(ge=1, le=52)] = 4,
           level: Literal["country", "admin1"] = "country",
           as_of: Annotated[Optional[str], Query(pattern=DAY)] = None):
    """The latest period's events per place against the average of the periods before."""
    from eventdesk.export.admin_areas import admin_areas

    def admin1_of(country, lat, lon, precision, location):
        return admin_areas(country, lat, lon, precision, location).admin1

    try:
        return tq.change(s, period, baseline, level, as_of, admin1_of)
    except ValueError as exc:  # an impossible date such as 2025-02-31
        raise ApiError(422, Errors.E701.format(reason=exc)) from exc


@router.get("/documents", response_model=models.DocumentPage, tags=["documents"])
def documents(s: Session = Depends(get_session), text: Text = None, outlet: Text = None,
              status: Text = None, limit: Limit = 50, offset: Offset = 0):
    total, items = dq.list_documents(s, text, outlet, status, limit, offset)
    return dict(total=total, limit=limit, offset=offset, items=items)


@router.get("/documents/{doc_id}", response_model=models.DocumentDetail, responses=ERRORS,
            tags=["documents"])
def document(doc_id: str, s: Session = Depends(get_session)):
    """A document's metadata, body and every extraction in it, with character offsets."""
    found = dq.get_document(s, doc_id)
    if found is None:
        raise ApiError(404, Errors.E704.format(kind="document", id=doc_id))
    return found


@router.post("/documents", response_model=models.RunResult, responses=ERRORS,
             dependencies=[Depends(require_token)], tags=["documents"])
def add_documents(batch: models.NewDocument | models.NewDocuments,
                  settings: WebSettings = Depends(get_settings)):
    """Run one document or a batch through the pipeline and store them (bearer token)."""
    from eventdesk.web.ingest import run_documents

    docs = batch.documents if isinstance(batch, models.NewDocuments) else [batch]
    if any(not (d.text or d.html) for d in docs):
        raise ApiError(422, Errors.E701.format(reason="each document needs 'text' or 'html'"))
    return run_documents(settings, [d.model_dump(exclude_none=True) for d in docs])


@router.get("/claims", response_model=models.ClaimPage, tags=["claims"])
def claims(s: Session = Depends(get_session), subject: Text = None, measure: Text = None,
           ledger: Text = None, limit: Limit = 50, offset: Offset = 0):
    found = cq.claims_where(s, subject, measure, ledger, limit=limit, offset=offset)
    outlets = cq.outlets_of(s, {e.document for c in found for e in c.sources})
    return dict(total=cq.count_claims(s, subject, measure, ledger), limit=limit, offset=offset,
                items=[cq.claim_dict(c, outlets) for c in found])


@router.get("/ledger", response_model=models.Ledger, tags=["claims"])
def ledger(s: Session = Depends(get_session), subject: Text = None, measure: Text = None):
    """Ledger lines: every estimate of one quantity over time, with range, hedge and source."""
    lines = cq.ledger(s, subject, measure)
    return dict(total=len(lines), items=lines)


@router.get("/ledger/{ledger_id}", response_model=models.LedgerLine, responses=ERRORS,
            tags=["claims"])
def ledger_line(ledger_id: str, s: Session = Depends(get_session)):
    lines = cq.ledger(s, ledger_id=ledger_id)
    if not lines:
        raise ApiError(404, Errors.E704.format(kind="ledger line", id=ledger_id))
    return lines[0]


@router.get("/actors", response_model=actor_models.ActorList, tags=["actors"])
def actors(s: Session = Depends(get_session), settings: WebSettings = Depends(get_settings),
           limit: Limit = 200):
    """Actors seen in events, by number of events, with their registry id when known."""
    rows = aq.actor_counts(s, limit=limit)
    for row in rows:
        row["id"] = aq.resolve_actor(settings.registry, row["name"]).id
    return dict(total=len(rows), items=rows)


@router.get("/actors/{key:path}", response_model=actor_models.ActorEntry, responses=ERRORS,
            tags=["actors"])
def actor(key: str, settings: WebSettings = Depends(get_settings),
          s: Session = Depends(get_session)):
    """The registry entry (aliases, type, lineage, affiliates) of an id or a name."""
    found = aq.resolve_actor(settings.registry, key)
    if found.id is None and not aq.actor_counts(s, list(found.names)):
        raise ApiError(404, Errors.E704.format(kind="actor", id=key))
    return aq.registry_entry(settings.registry, found)


@router.get("/dossier/{key:path}", response_model=actor_models.Dossier, responses=ERRORS,
            tags=["actors"])
def dossier(key: str, settings: WebSettings = Depends(get_settings),
            s: Session = Depends(get_session)):
    """Tempo by month and type, where it acted (12 months vs the 12 before), strength and
    foreign-fighter ledgers, affiliates' activity."""
    found = aq.resolve_actor(settings.registry, key)
    if found.id is None and not aq.actor_counts(s, list(found.names)):
        raise ApiError(404, Errors.E704.format(kind="actor", id=key))
    return aq.dossier(s, settings.registry, found)


@router.get("/search", response_model=models.SearchResult, tags=["search"])
def search(q: Annotated[str, Query(max_length=200)] = "",
           s: Session = Depends(get_session), settings: WebSettings = Depends(get_settings)):
    """Actors, places, evidence sentences, titles and ledger lines matching q."""
    return dq.search(s, settings.registry, q)
