"""Events as the API and the pages ask for them: filtered, sorted and paged in the database.

Every filter is a SQLAlchemy expression over indexed columns (schema.py lists the indexes);
no query is assembled from strings and no list is filtered in Python. Dates are kept at
their precision ("2025", "2025-03", "2025-03-12"), so a range keeps an event whose span
overlaps it: a month-dated event is in any range that touches that month.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace

from sqlalchemy import Integer, Select, Text, and_, column, func, or_, select, table, union
from sqlalchemy.orm import Session

from eventdesk.errors import Errors
from eventdesk.store.schema import DocumentRow, EventRow, EventSourceRow

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SORTS = {"date": EventRow.date, "fatalities": EventRow.fatalities, "arrival": EventRow.seq,
         "country": EventRow.country, "type": EventRow.event_type}
# The SQLite full-text index of each event's evidence sentences (migration 0005, trigram
# FTS5, one row per event keyed by its seq, sentences joined by SEPARATOR): not part of the
# mapped schema, since PostgreSQL stores have a trigram index on the sentences instead.
EVIDENCE_FTS = table("event_evidence_fts", column("rowid", Integer), column("text", Text))
SEPARATOR = "\x1f"  # between an event's sentences in that index: a phrase with it uses LIKE
TRIGRAM = 3  # FTS5 trigram finds substrings of at least 3 characters; shorter ones use LIKE
KM_PER_DEGREE = 111.2
MAX_RADIUS_KM = 2000.0  # the flat-earth distance below is within 1 % up to here


class QueryError(ValueError):
    """A filter value the API refuses (the message carries code E701)."""


def _date(value: str | None, name: str) -> str | None:
    if value in (None, ""):
        return None
    if not DATE_RE.match(value):
        raise QueryError(Errors.E701.format(reason=f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD"))
    return value


def _floats(value: str | None, n: int, name: str) -> tuple[float, ...] | None:
    if value in (None, ""):
        return None
    try:
        parts = tuple(float(p) for p in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != n or not all(math.isfinite(p) for p in parts):
        raise QueryError(Errors.E701.format(reason=f"{name} needs {n} numbers separated by commas"))
    return parts


@dataclass(frozen=True)
class EventQuery:
    """The filters of the event list (each optional), its order and its page."""

    event_type: str | None = None
    sub_event_type: str | None = None
    actor_names: tuple[str, ...] = ()  # resolved by the caller from an id or a name
    country: str | None = None
    since: str | None = None
    until: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    near: tuple[float, float] | None = None  # lat, lon
    km: float = 50.0
    historical: bool | None = None
    min_fatalities: int | None = None
    text: str | None = None
    sort: str = "-date"
    limit: int = 50
    offset: int = 0
    dialect: str = "sqlite"  # of the store: text matching differs (see evidence_match)
    extra: dict = field(default_factory=dict, compare=False)

    @classmethod
    def parse(cls, *, event_type=None, sub_event_type=None, actor_names=(), country=None,
              since=None, until=None, bbox=None, near=None, km=None, historical=None,
              min_fatalities=None, text=None, sort="-date", limit=50, offset=0,
              dialect="sqlite") -> "EventQuery":
        """Checked values from the strings of an address; raises QueryError."""
        box = _floats(bbox, 4, "bbox")
        if box and not (-90 <= box[1] <= box[3] <= 90 and -180 <= box[0] <= 180
                        and -180 <= box[2] <= 180):
            raise QueryError(Errors.E701.format(reason="bbox is west,south,east,north in degrees"))
        point = _floats(near, 2, "near")
        if point and not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
            raise QueryError(Errors.E701.format(reason="near is latitude,longitude in degrees"))
        radius = 50.0 if km is None else float(km)
        if not (0 < radius <= MAX_RADIUS_KM):
            raise QueryError(Errors.E701.format(reason=f"km must be above 0 and at most {MAX_RADIUS_KM:g}"))
        if sort.lstrip("-") not in SORTS:
            raise QueryError(Errors.E701.format(reason=f"sort must be one of {sorted(SORTS)} (prefix - to reverse)"))
        return cls(event_type=event_type or None, sub_event_type=sub_event_type or None,
                   actor_names=tuple(actor_names), country=country or None,
                   since=_date(since, "since"), until=_date(until, "until"), bbox=box,
                   near=point, km=radius, historical=historical,
                   min_fatalities=min_fatalities, text=(text or "").strip() or None, sort=sort,
                   limit=limit, offset=offset, dialect=dialect)

    def page(self, limit: int, offset: int = 0) -> "EventQuery":
        return replace(self, limit=limit, offset=offset)

    # ------------------------------------------------------------------ SQL
    def conditions(self, actors: bool = True) -> list:
        """The filters as SQL conditions; `actors=False` leaves out the actor filter, for
        list_events, which applies it to each side of a union."""
        c = []
        if self.event_type:
            c.append(EventRow.event_type == self.event_type)
        if self.sub_event_type:
            c.append(EventRow.sub_event_type == self.sub_event_type)
        if self.actor_names and actors:
            names = list(self.actor_names)
            c.append(or_(EventRow.actor1.in_(names), EventRow.actor2.in_(names)))
        if self.country:
            c.append(EventRow.country == self.country)
        if self.since:
            # a coarser date overlaps the range when it is the start's own year or month
            c.append(or_(EventRow.date >= self.since,
                         EventRow.date.in_({self.since[:4], self.since[:7]})))
        if self.until:
            # "2025-06" ends after every day of June: pad to the last possible day
            c.append(EventRow.date <= self.until + "-99-99"[len(self.until) - 4:])
        if self.bbox:
            west, south, east, north = self.bbox
            lon = (EventRow.longitude.between(west, east) if west <= east
                   else or_(EventRow.longitude >= west, EventRow.longitude <= east))
            c.append(and_(EventRow.latitude.between(south, north), lon))
        if self.near:
            c.append(self._within_radius())
        if self.historical is not None:
            c.append(EventRow.historical.is_(self.historical))
        if self.min_fatalities is not None:
            c.append(EventRow.fatalities >= self.min_fatalities)
        if self.text:
            c.append(evidence_match(self.text, self.dialect))
        return c

    def text_only(self) -> bool:
        """True when the text in the evidence is the list's one filter."""
        return bool(self.text) and not replace(self, text=None).conditions()

    def _within_radius(self):
        """Inside `km` of `near`: a latitude band (indexed), then an equirectangular distance,
        plain arithmetic that SQLite and PostgreSQL both evaluate."""
        lat0, lon0 = self.near
        dlat = self.km / KM_PER_DEGREE
        scale = max(math.cos(math.radians(lat0)), 0.01)
        dy = EventRow.latitude - lat0
        dx = (EventRow.longitude - lon0) * scale
        return and_(EventRow.latitude.between(lat0 - dlat, lat0 + dlat),
                    EventRow.longitude.between(lon0 - dlat / scale, lon0 + dlat / scale),
                    dx * dx + dy * dy <= dlat * dlat)

    def select(self, *columns) -> Select:
        stmt = select(*columns) if columns else select(EventRow)
        return stmt.where(*self.conditions())

    def ordered(self, stmt: Select, dialect: str) -> Select:
        column = SORTS[self.sort.lstrip("-")]
        key = column.desc() if self.sort.startswith("-") else column.asc()
        if dialect != "sqlite":  # SQLite already puts NULLs last when descending
            key = key.nulls_last()
        return stmt.order_by(key, EventRow.id.desc() if self.sort.startswith("-") else EventRow.id)

    def address(self, **changes) -> dict[str, str]:
        """The query as address parameters (for links that keep the filters)."""
        q = replace(self, **changes) if changes else self
        out = {"type": q.event_type, "sub_type": q.sub_event_type, "country": q.country,
               "since": q.since, "until": q.until, "text": q.text,
               "bbox": ",".join(f"{v:g}" for v in q.bbox) if q.bbox else None,
               "near": ",".join(f"{v:g}" for v in q.near) if q.near else None,
               "km": f"{q.km:g}" if q.near else None,
               "historical": None if q.historical is None else str(q.historical).lower(),
               "min_fatalities": None if q.min_fatalities is None else str(q.min_fatalities),
               "sort": None if q.sort == "-date" else q.sort, **q.extra}
        return {k: v for k, v in out.items() if v not in (None, "")}


def uses_index(words: str, dialect: str) -> bool:
    """Whether SQLite's per-event trigram index can answer the phrase exactly."""
    return dialect == "sqlite" and len(words) >= TRIGRAM and SEPARATOR not in words


def fts_phrase(words: str) -> str:
    """The words as one quoted FTS5 phrase (a substring match; quotes doubled as FTS5 asks)."""
    return '"' + words.replace('"', '""') + '"'


def evidence_match(words: str, dialect: str):
    """Events with a supporting sentence that contains `words` (any case). On SQLite, from
    the per-event trigram index (migration 0005), the words a bound parameter: a LIKE pass
    over every sentence took the text filter to p95 538 ms on the 100,000-event bench store,
    and 0004's per-sentence index to 193 ms, most of it mapping sentences to events
    (bench/README.md). Elsewhere one pass over the sentences (on PostgreSQL from the pg_trgm
    index), then an indexed lookup of their events: an EXISTS probing each event's sentences
    in turn was 1.8x slower."""
    if uses_index(words, dialect):
        return EventRow.seq.in_(select(EVIDENCE_FTS.c.rowid)
                                .where(EVIDENCE_FTS.c.text.match(fts_phrase(words))))
    return EventRow.id.in_(select(EventSourceRow.event_id)
                           .where(text_match(EventSourceRow.text, words, dialect)))


def text_match(column, words: str, dialect: str):
    """Case-insensitive substring match. SQLite's LIKE already ignores ASCII case, and
    lower() on both sides made the text filter's count 2.1x slower on the 100,000-event bench
    store (195 vs 96 ms); other databases get icontains, ILIKE on PostgreSQL, which its
    pg_trgm index on the sentences answers (migration 0005)."""
    if dialect == "sqlite":
        return column.contains(words, autoescape=True)
    return column.icontains(words, autoescape=True)


def count_events(s: Session, q: EventQuery) -> int:
    if q.text_only() and uses_index(q.text, q.dialect):
        # one index row per stored event (kept by triggers): the list's total is the index's
        # own count, without reading the events (35,000 matches: 7 ms against 40)
        return s.scalar(select(func.count()).select_from(EVIDENCE_FTS)
                        .where(EVIDENCE_FTS.c.text.match(fts_phrase(q.text)))) or 0
    return s.scalar(q.select(func.count()).select_from(EventRow)) or 0


def list_events(s: Session, q: EventQuery) -> list[EventRow]:
    return list(s.scalars(_page(q, select(EventRow), s.bind.dialect.name)))


def _page(q: EventQuery, stmt: Select, dialect: str, *extra) -> Select:
    """The ordered page of `stmt` under q's conditions and `extra` ones. With an actor
    filter, the page is picked from a union of the actor1 side and the actor2 side, each read
    in its index's order and cut at offset + limit: the OR of both sides made SQLite sort
    every match (an actor in 70 % of the 100,000-event bench store: p95 504 ms,
    bench/README.md). The first offset + limit rows of either side hold the page of their
    union, since both sides share the list's total order (key, id)."""
    if q.text and not q.actor_names:
        # every match is ordered, so order only index columns ((seq, date, id) covers the
        # date order), then read the page's rows: sorting whole rows cost 1.4x more
        # (35,000 matches on the bench store: 41 against 29 ms)
        ids = q.ordered(select(EventRow.id).where(*q.conditions(), *extra), dialect)
        return q.ordered(stmt.where(EventRow.id.in_(ids.limit(q.limit).offset(q.offset))),
                         dialect)
    stmt = stmt.where(*q.conditions(actors=False), *extra)
    if q.actor_names:
        names, cut = list(q.actor_names), q.offset + q.limit
        sides = [q.ordered(select(EventRow.id).where(*q.conditions(actors=False), *extra,
                                                       side.in_(names)), dialect).limit(cut)
                 for side in (EventRow.actor1, EventRow.actor2)]
        stmt = stmt.where(EventRow.id.in_(union(*(select(sub.subquery().c.id) for sub in sides))))
    return q.ordered(stmt, dialect).limit(q.limit).offset(q.offset)


def sources_of(s: Session, event_ids: list[str]) -> dict[str, list[dict]]:
    """Each event's reports in arrival order, with their document's metadata."""
    if not event_ids:
        return {}
    rows = s.execute(
        select(EventSourceRow, DocumentRow.title, DocumentRow.outlet, DocumentRow.url,
               DocumentRow.published, DocumentRow.run_id, DocumentRow.duplicate_of,
               DocumentRow.source)
        .join(DocumentRow, DocumentRow.id == EventSourceRow.document_id)
        .where(EventSourceRow.event_id.in_(event_ids))
        .order_by(EventSourceRow.id))
    out: dict[str, list[dict]] = {}
    for src, title, outlet, url, published, run_id, duplicate_of, source in rows:
        out.setdefault(src.event_id, []).append(dict(
            document=src.document_id, title=title, outlet=outlet, url=url,
            published=published, start=src.start, end=src.end, text=src.text,
            fatalities=src.fatalities, fatalities_high=src.fatalities_high, run=run_id,
            duplicate_of=duplicate_of, source=source))
    return out


def merge_history(row: EventRow, sources: list[dict]) -> list[dict]:
    """How the event grew: its first report, then each report merged into it."""
    steps, seen = [], set()
    for src in sources:
        if src["document"] in seen:
            continue
        how = ("first report" if not steps else
               "syndicated copy" if src["duplicate_of"] else "merged report")
        seen.add(src["document"])
        steps.append(dict(document=src["document"], outlet=src["outlet"],
                          published=src["published"], run=src["run"], how=how))
    return steps


def event_dict(row: EventRow, sources: list[dict]) -> dict:
    extra = row.extra or {}
    return dict(
        id=row.id, event_type=row.event_type, sub_event_type=row.sub_event_type,
        actor1=row.actor1, actor2=row.actor2, location=row.location, country=row.country,
        latitude=row.latitude, longitude=row.longitude, geo_precision=row.geo_precision,
        date=row.date, date_precision=row.date_precision, fatalities=row.fatalities,
        fatalities_high=row.fatalities_high, historical=bool(row.historical),
        sources=[{k: v for k, v in src.items() if k not in ("run", "duplicate_of", "source")}
                 for src in sources],
        merge_history=merge_history(row, sources),
        date_votes={str(k): int(v) for k, v in (extra.get("date_votes") or {}).items()
                    if isinstance(v, (int, float))})


def get_event(s: Session, event_id: str) -> dict | None:
    row = s.get(EventRow, event_id)
    if row is None:
        return None
    return event_dict(row, sources_of(s, [row.id]).get(row.id, []))


def points(s: Session, q: EventQuery) -> list[tuple]:
    """(id, lat, lon, type, fatalities, date, location) of located events, for maps."""
    stmt = select(EventRow.id, EventRow.latitude, EventRow.longitude, EventRow.event_type,
                  EventRow.fatalities, EventRow.date, EventRow.location)
    stmt = _page(q, stmt, s.bind.dialect.name,
                 EventRow.latitude.is_not(None), EventRow.longitude.is_not(None))
    return [tuple(r) for r in s.execute(stmt)]


def facets(s: Session) -> dict[str, list[str]]:
    """The values the filter menus offer (grouped in the database)."""
    types = s.execute(select(EventRow.event_type, EventRow.sub_event_type)
                      .group_by(EventRow.event_type, EventRow.sub_event_type)
                      .order_by(EventRow.event_type, EventRow.sub_event_type)).all()
    countries = s.scalars(select(EventRow.country).where(EventRow.country.is_not(None))
                          .group_by(EventRow.country).order_by(EventRow.country)).all()
    return {"event_types": sorted({t for t, _ in types}),
            "sub_event_types": sorted({st for _, st in types}),
            "countries": list(countries)}
