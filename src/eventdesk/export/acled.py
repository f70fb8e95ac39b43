"""Events as rows in ACLED's published column layout."""

from __future__ import annotations

from eventdesk.export.admin_areas import admin_areas
from eventdesk.record import Document, Event

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
]
# ACLED's time_precision: 1 day, 2 week, 3 month (a year-only date is also coded 3).
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Riots": "Political violence",
            "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}


# ACLED's numeric inter codes for the registry's inter types.
INTER_CODE = {"state forces": 1, "rebels": 2, "political militia": 3, "identity militia": 4,
              "rioters": 5, "protesters": 6, "civilians": 7, "external/other": 8}


def inter_codes(ev: Event, registry) -> tuple[int | None, int | None, int | None]:
    """inter1, inter2 and ACLED's interaction (the two codes, lower first: 12, 17, 20...)."""
    def code(name: str | None) -> int | None:
        ref = registry.resolve_name(name, fuzzy=False) if (name and registry) else None
        return INTER_CODE.get(getattr(ref, "inter", None) or "")
    c1, c2 = code(ev.actor1), code(ev.actor2)
    if c1 is None:
        return None, c2, None
    pair = sorted(c for c in (c1, c2 or 0))
    return c1, c2, pair[0] * 10 + pair[1] if c2 else c1 * 10


def _full_date(iso: str | None) -> str | None:
    """ACLED needs a full date: a month or year is written as its first day."""
    if not iso:
        return None
    return {4: iso + "-01-01", 7: iso + "-01"}.get(len(iso), iso)


def acled_row(ev: Event, docs: dict[str, Document], registry=None) -> dict:
    outlets = []
    for src in ev.sources:
        doc = docs.get(src.document)
        name = (doc.outlet or doc.url or doc.source) if doc else src.document
        if name not in outlets:
            outlets.append(name)
    full = _full_date(ev.date)
    inter1, inter2, interaction = inter_codes(ev, registry)
    areas = admin_areas(ev.country, ev.latitude, ev.longitude, ev.geo_precision, ev.location)
    return {
        "event_id_cnty": ev.id, "event_date": full, "year": int(full[:4]) if full else None,
        "time_precision": TIME_PRECISION.get(ev.date_precision or ""),
        "disorder_type": DISORDER.get(ev.event_type), "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type, "actor1": ev.actor1,
        "assoc_actor_1": ev.extra.get("assoc_actor_1"), "inter1": inter1,
        "actor2": ev.actor2, "assoc_actor_2": ev.extra.get("assoc_actor_2"),
        "inter2": inter2, "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if (ev.actor2 or "").startswith("Civilians")
        else None,
        "iso": areas.iso, "region": areas.region, "country": ev.country,
        "admin1": ev.extra.get("admin1") or areas.admin1, "admin2": areas.admin2, "admin3": None, "location": ev.location, "latitude": ev.latitude,
        "longitude": ev.longitude, "geo_precision": ev.geo_precision,
        "source": "; ".join(outlets), "source_scale": None,
        "notes": " | ".join(s.text for s in ev.sources[:3]), "fatalities": ev.fatalities or 0,
        "tags": "historical" if ev.historical else None, "timestamp": None,
    }
