"""The web pages: server-rendered Jinja templates (autoescaped) over the same queries as the
API; maps are the only JavaScript (Leaflet on an offline Natural Earth basemap)."""

from __future__ import annotations

from typing import Annotated, Literal, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from eventdesk.errors import Errors
from eventdesk.web import charts
from eventdesk.web.api import DAY
from eventdesk.web.api import change as change_api
from eventdesk.web.api import event_filters, event_query
from eventdesk.web.app import HERE, ApiError, WebSettings, get_session, get_settings
from eventdesk.web.highlight import document_marks, segments
from eventdesk.web.queries import actors as aq
from eventdesk.web.queries import claims as cq
from eventdesk.web.queries import documents as dq
from eventdesk.web.queries import events as eq
from eventdesk.web.queries import time as tq

router = APIRouter(include_in_schema=False)
PAGE = 50


def templates() -> Jinja2Templates:
    t = Jinja2Templates(directory=HERE / "templates")  # autoescape on for .html
    t.env.globals.update(colour=charts.colour, type_colours=charts.TYPE_COLOURS,
                         urlencode=urlencode, link=charts.link)
    return t


def render(request: Request, name: str, **context) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, context)


def _filters(s: Session, q: eq.EventQuery) -> dict:
    return dict(q=q, params=q.address(), facets=eq.facets(s))


@router.get("/", response_class=HTMLResponse)
def map_page(request: Request, q: eq.EventQuery = Depends(event_query),
             s: Session = Depends(get_session)):
    rows = eq.list_events(s, q.page(20))
    return render(request, "map.html", title="Map", events=rows, total=eq.count_events(s, q),
                  **_filters(s, q))


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, q: eq.EventQuery = Depends(event_query),
                s: Session = Depends(get_session)):
    q = q.page(min(q.limit, PAGE), q.offset)
    rows = eq.list_events(s, q)
    total = eq.count_events(s, q)
    sources = eq.sources_of(s, [r.id for r in rows])
    return render(request, "events.html", title="Events", events=rows, total=total,
                  sources=sources, **_filters(s, q))


def _doc_segments(s: Session, doc_id: str, focus: tuple[int, int] | None = None):
    doc = dq.get_document(s, doc_id)
    if doc is None:
        return None, []
    return doc, segments(doc["body"] or "", document_marks(doc, focus))


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str, s: Session = Depends(get_session)):
    ev = eq.get_event(s, event_id)
    if ev is None:
        raise ApiError(404, Errors.E704.format(kind="event", id=event_id))
    articles = []
    for src in ev["sources"]:
        doc, segs = _doc_segments(s, src["document"], (src["start"], src["end"]))
        if doc is not None:
            articles.append(dict(source=src, doc=doc, segments=segs))
    return render(request, "event.html", title=f"{ev['sub_event_type']} {ev['date'] or ''}",
                  ev=ev, articles=articles)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, s: Session = Depends(get_session),
                   text: Annotated[Optional[str], Query(max_length=200)] = None,
                   offset: Annotated[int, Query(ge=0)] = 0):
    total, docs = dq.list_documents(s, text, None, None, PAGE, offset)
    return render(request, "documents.html", title="Documents", docs=docs, total=total,
                  text=text or "", offset=offset, page=PAGE)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, s: Session = Depends(get_session)):
    doc, segs = _doc_segments(s, doc_id)
    if doc is None:
        raise ApiError(404, Errors.E704.format(kind="document", id=doc_id))
    return render(request, "document.html", title=doc["title"] or doc["source"], doc=doc,
                  segments=segs)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, q: eq.EventQuery = Depends(event_filters),
                  s: Session = Depends(get_session)):
    data = tq.timeline(s, q)
    base = q.address()

    def bar_link(col, etype):
        return charts.link("/events", {**base, "since": col["week"], "until": col["end"],
                                       "type": etype})
    chart = charts.stacked_bars([dict(w, label=w["week"])
                                 for w in data["weeks"]], link=bar_link)
    return render(request, "timeline.html", title="Timeline", data=data, chart=chart,
                  **_filters(s, q))


@router.get("/change", response_class=HTMLResponse)
def change_page(request: Request, s: Session = Depends(get_session),
                period: Literal["week", "month"] = "week",
                baseline: Annotated[int, Query(ge=1, le=52)] = 4,
                level: Literal["country", "admin1"] = "country",
                as_of: Annotated[Optional[str], Query(pattern=DAY)] = None):
    data = change_api(s, period, baseline, level, as_of)
    return render(request, "change.html", title="Change", data=data)


@router.get("/ledger", response_class=HTMLResponse)
def ledger_index(request: Request, s: Session = Depends(get_session),
                 subject: Annotated[Optional[str], Query(max_length=200)] = None,
                 measure: Annotated[Optional[str], Query(max_length=200)] = None):
    if subject or measure:
        lines = [dict(ledger_id=ln["ledger_id"], subject=ln["subject"], measure=ln["measure"],
                      unit=ln["unit"], estimates=len(ln["entries"]))
                 for ln in cq.ledger(s, subject, measure)]
    else:
        lines = cq.subjects(s)
    return render(request, "ledger_index.html", title="Claim ledger", lines=lines,
                  subject=subject or "", measure=measure or "")


@router.get("/ledger/{ledger_id}", response_class=HTMLResponse)
def ledger_page(request: Request, ledger_id: str, s: Session = Depends(get_session)):
    lines = cq.ledger(s, ledger_id=ledger_id)
    if not lines:
        raise ApiError(404, Errors.E704.format(kind="ledger line", id=ledger_id))
    line = lines[0]
    for e in line["entries"]:
        e["href"] = (f"/documents/{e['document']}#claim-{e['start']}-{e['end']}"
                     if e.get("document") else None)
    return render(request, "ledger.html", title=f"{line['subject']}: {line['measure']}",
                  line=line, chart=charts.range_bars(line["entries"]))


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, s: Session = Depends(get_session),
                settings: WebSettings = Depends(get_settings)):
    rows = aq.actor_counts(s, limit=500)
    for row in rows:
        row["id"] = aq.resolve_actor(settings.registry, row["name"]).id
    return render(request, "actors.html", title="Actors", actors=rows)


@router.get("/actors/{key:path}", response_class=HTMLResponse)
def dossier_page(request: Request, key: str, s: Session = Depends(get_session),
                 settings: WebSettings = Depends(get_settings)):
    found = aq.resolve_actor(settings.registry, key)
    if found.id is None and not aq.actor_counts(s, list(found.names)):
        raise ApiError(404, Errors.E704.format(kind="actor", id=key))
    data = aq.dossier(s, settings.registry, found)
    seen = sorted({c["month"] for c in data["tempo"]})
    months = tq.months_between(seen[0], seen[-1]) if seen else []
    columns = [dict(label=m, month=m, counts={c["event_type"]: c["events"]
                                              for c in data["tempo"] if c["month"] == m})
               for m in months]

    def bar_link(col, etype):
        return charts.link("/events", {"actor": found.id or found.name, "type": etype,
                                       "since": col["month"], "until": col["month"]})
    tempo = charts.stacked_bars(columns, height=200, link=bar_link)
    for line in data["ledgers"]:
        for e in line["entries"]:
            e["href"] = (f"/documents/{e['document']}#claim-{e['start']}-{e['end']}"
                         if e.get("document") else None)
        line["chart"] = charts.range_bars(line["entries"], width=600, height=180)
    return render(request, "dossier.html", title=data["actor"]["name"], d=data, tempo=tempo,
                  key=found.id or found.name)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: Annotated[str, Query(max_length=200)] = "",
                s: Session = Depends(get_session), settings: WebSettings = Depends(get_settings)):
    return render(request, "search.html", title="Search", r=dq.search(s, settings.registry, q))


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request):
    return render(request, "docs.html", title="API")
