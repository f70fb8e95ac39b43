"""Actors: the registry entry and the dossier (tempo, geography then vs now, ledgers,
affiliates). Counting happens in the database, grouped; Python only shapes the results."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select, union_all
from sqlalchemy.orm import Session

from eventdesk.extract.claims.measure import measure_table
from eventdesk.merge.ledger import ledger_key, ledger_lines
from eventdesk.store.schema import EventRow
from eventdesk.web.queries.claims import claims_where, line_dict
from eventdesk.web.queries.time import month_shift

# The dossier's "then vs now" windows, in months (the 12 months vs the 12 before).
WINDOW_MONTHS = 12
# A dossier's ledgers read the newest claims only (the ledger page has them all).
DOSSIER_CLAIMS = 500


@dataclass(frozen=True)
class ActorKey:
    """What an address names: a registry actor (by id or any alias, listed or one of the
    generic actors of a country the registry makes from its country table, such as "Police
    Forces of Mali" under "police-forces-of-mali"), or a bare name seen in the events."""

    id: str | None
    name: str
    names: tuple[str, ...]


def resolve_actor(registry, key: str) -> ActorKey:
    key = (key or "").strip()
    actor = registry.entry(key)
    if actor is None:
        ref = registry.resolve_name(key, fuzzy=False) if key else None
        actor = registry.entry(ref.id) if ref is not None else None
    if actor is not None:
        return ActorKey(actor.id, actor.name, (actor.name,))
    return ActorKey(None, key, (key,) if key else ())


def involving(names: tuple[str, ...]):
    return or_(EventRow.actor1.in_(list(names)), EventRow.actor2.in_(list(names)))


def registry_entry(registry, key: ActorKey) -> dict:
    actor = registry.entry(key.id) if key.id else None
    if actor is None:
        return dict(id=None, name=key.name, inter=None, country=None, aliases=[],
                    affiliation=None, active=None, lineage=[], affiliates=[], in_registry=False,
                    generic=False)
    lineage = [dict(actor=st.actor, name=(registry.get(st.actor).name if registry.get(st.actor)
                                          else st.actor), start=st.start)
               for st in registry.lineage(actor.id)]
    parent = registry.get(actor.affiliation) if actor.affiliation else None
    return dict(
        id=actor.id, name=actor.name, inter=actor.inter, country=actor.country,
        aliases=sorted(set(actor.aliases) | set(actor.exact_aliases)),
        affiliation=dict(id=parent.id, name=parent.name) if parent else None,
        active=list(actor.active) if actor.active else None, lineage=lineage,
        affiliates=[dict(id=a.id, name=a.name) for a in registry.affiliates(actor.id)],
        in_registry=True, generic=registry.get(actor.id) is None)


def actor_counts(s: Session, names: list[str] | None = None, limit: int = 200) -> list[dict]:
    """Actors seen in events (either side) with their event counts and last date."""
    one = select(EventRow.id.label("event"), EventRow.actor1.label("actor"),
                 EventRow.date.label("date")).where(EventRow.actor1.is_not(None))
    two = select(EventRow.id, EventRow.actor2, EventRow.date).where(EventRow.actor2.is_not(None))
    if names is not None:  # inside each side, where the actor indexes serve
        one, two = one.where(EventRow.actor1.in_(names)), two.where(EventRow.actor2.in_(names))
    sides = union_all(one, two).subquery()
    stmt = (select(sides.c.actor, func.count(func.distinct(sides.c.event)), func.max(sides.c.date))
            .group_by(sides.c.actor).order_by(func.count(func.distinct(sides.c.event)).desc(),
                                              sides.c.actor).limit(limit))
    return [dict(name=a, events=n, last=d) for a, n, d in s.execute(stmt)]


def dossier(s: Session, registry, key: ActorKey) -> dict:
    cond = involving(key.names)
    # one grouped pass gives the tempo, the total and the last date (a year-only date groups
    # under its 4-character year and stays off the monthly tempo)
    groups = s.execute(
        select(func.substr(EventRow.date, 1, 7).label("m"), EventRow.event_type, func.count(),
               func.max(EventRow.date))
        .where(cond).group_by("m", EventRow.event_type).order_by("m", EventRow.event_type)).all()
    total = sum(n for _m, _t, n, _d in groups)
    last = max((d for _m, _t, _n, d in groups if d), default=None)
    tempo = [dict(month=m, event_type=t, events=n) for m, t, n, _d in groups
             if m and len(m) == 7]
    out = dict(actor=registry_entry(registry, key), events=total or 0, last_event=last,
               tempo=tempo, now=None, then=None, ledgers=[], affiliates=[])
    if last and len(last) >= 7:
        now_start = month_shift(last[:7], -(WINDOW_MONTHS - 1))
        then_start = month_shift(now_start, -WINDOW_MONTHS)
        out["now"] = _geography(s, cond, now_start, None, last[:7])
        out["then"] = _geography(s, cond, then_start, now_start, month_shift(now_start, -1))
    out["ledgers"] = _ledgers(s, key)
    entry = out["actor"]
    if entry["affiliates"]:
        names = [a["name"] for a in entry["affiliates"]]
        counts = {c["name"]: c for c in actor_counts(s, names)}
        out["affiliates"] = [dict(id=a["id"], name=a["name"],
                                  events=counts.get(a["name"], {}).get("events", 0),
                                  last=counts.get(a["name"], {}).get("last"))
                             for a in entry["affiliates"]]
        out["affiliates"].sort(key=lambda a: (-a["events"], a["name"]))
    return out


def _geography(s: Session, cond, start: str, before: str | None, end_month: str) -> dict:
    """Where the actor acted from `start` (a month) up to `before` (exclusive)."""
    window = [cond, EventRow.date >= start, func.length(EventRow.date) >= 7]
    if before:
        window.append(EventRow.date < before)
    # one row per named place (its events may carry slightly different points)
    places = s.execute(
        select(EventRow.location, EventRow.country, func.min(EventRow.latitude),
               func.min(EventRow.longitude), func.count().label("n"))
        .where(*window).group_by(EventRow.location, EventRow.country)
        .order_by(func.count().desc(), EventRow.location).limit(100)).all()
    countries = s.execute(select(EventRow.country, func.count().label("n")).where(*window)
                          .group_by(EventRow.country).order_by(func.count().desc())).all()
    return dict(start=start, end=end_month,
                places=[dict(location=lo, country=c, latitude=la, longitude=ln, events=n)
                        for lo, c, la, ln, n in places],
                countries=[dict(country=c, events=n) for c, n in countries])


def _ledgers(s: Session, key: ActorKey) -> list[dict]:
    """The actor's ledger lines: strength (members, fighters held), flows of foreign
    fighters (the 'joined' and 'returned' facets of claim_measures.yaml), then the rest."""
    claims = claims_where(s, subjects=key.names, limit=DOSSIER_CLAIMS, newest=True)
    classes = measure_table().classes
    lines = []
    for line in ledger_lines(claims):
        parts = (ledger_key(next(c for c in claims if c.ledger_id == line.ledger_id))
                 .split("|") + ["", "", "", "", ""])[:5]
        _subject, unit, cls, facet, _origin = parts
        fighters = classes.get(cls, cls) == "fighters"
        kind = ("strength" if unit == "people" and fighters and facet in ("", "held")
                else "foreign fighters" if unit == "people" and facet in ("joined", "returned")
                else "other")
        lines.append({**line_dict(line), "kind": kind})
    order = {"strength": 0, "foreign fighters": 1, "other": 2}
    return sorted(lines, key=lambda ln: (order[ln["kind"]], -len(ln["entries"])))
