"""When two event records can be one occurrence: type, date, place and actor rules, and the
blocking keys that keep a big store from comparing every pair.

Rules (all must hold; `events_compatible`):
1. type: same sub_event_type, or both in one family of knowledge/data/merge.yaml;
2. date: the two date intervals overlap once a day-precision date is widened by
   `max_day_gap` (day vs day: +-1 day; day vs month: inside the month); a year-only date
   merges only with another year-only date of that year (it names no occurrence);
3. place: same country when both are known; coordinates within the tolerance of the coarser
   geo_precision (merge.yaml); a country-level place matches any place of that country;
   an event with no place at all merges with nothing; when neither place was resolved by
   the gazetteer (no country, no coordinates), the place names must be equal;
4. actors: actor1 and actor2 agree (also with the two swapped: reports tell the same fight
   from either side); unknown (or "Unidentified Armed Group") agrees with anything; two names agree when equal, when one is
   an affiliate or lineage alias of the other in the actor registry, when one is the other
   with a qualifier ("Islamic State" / "Islamic State (Khorasan Province)"), or when both are
   state forces of one country (army vs police of one state are told apart unreliably).
Dates also respect the reports: an event cannot begin after the first report of it was
published (`extra["reported"]`, the day of a dated report).

Each rule is a module of its own: type_rules.py, date_rules.py, place_rules.py and
actor_rules.py; the options and knowledge tables are in merge_config.py, the reading of
records in event_fields.py. Every name stays importable from here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from eventdesk.merge.actor_rules import (_UNKNOWN, actor_pairs_compatible, actors_agree,
                                         qualified_alike, unidentified)
from eventdesk.merge.date_rules import date_interval, dates_compatible
from eventdesk.merge.event_fields import _norm, field_of, stated_date
from eventdesk.merge.merge_config import MergeConfig, decided_first_pairs, load_tables
from eventdesk.merge.place_rules import (_coords, _country_level, _precision, km_between,
                                         places_compatible)
from eventdesk.merge.type_rules import reported_sub_types, types_compatible

# Names importable from here as before the split.
__all__ = ["MergeConfig", "actor_pairs_compatible", "actors_agree", "candidate_keys",
           "date_interval", "dates_compatible", "decided_first_pairs", "events_compatible",
           "field_of", "km_between", "load_tables", "places_compatible", "qualified_alike",
           "reported_sub_types", "stated_date", "types_compatible", "undated_agrees",
           "unidentified"]


def events_compatible(a: Any, b: Any, registry: Any = None, config: MergeConfig | None = None) -> bool:
    """True when event records `a` and `b` can report one occurrence (rules 1-4 above)."""
    config = config or MergeConfig()
    return (types_compatible(a, b, config) and dates_compatible(a, b, config)
            and places_compatible(a, b, config) and actor_pairs_compatible(a, b, registry)
            and not _only_publication_months(a, b))


def _only_publication_months(a: Any, b: Any) -> bool:
    """Both reports know only the month they were published in, not the day of the event
    (`extra["soft_date"]`): two occurrences of one month in one city are a guess unless their
    death tolls agree (a plot foiled on the 7th and a massacre on the 22nd of March in Moscow)."""
    soft = all((field_of(e, "extra") or {}).get("soft_date") and field_of(e, "date_precision") != "day"
               for e in (a, b))
    docs = [{field_of(x, "document") for x in field_of(e, "sources") or []} for e in (a, b)]
    return soft and not docs[0] & docs[1] and _figures_agree(a, b) is not True


def _figures_agree(existing: Any, new: Any) -> bool | None:
    """None when either side gives no death toll; else whether the new figure lies within the
    range the existing event's sources report (tolls rise from report to report)."""
    n = field_of(new, "fatalities")
    lo = field_of(existing, "fatalities")
    if n is None or lo is None:
        return None
    hi = field_of(existing, "fatalities_high") or lo
    figures = (field_of(existing, "extra") or {}).get("source_fatalities") or {}
    told = {x for pair in figures.values() if isinstance(pair, (list, tuple)) for x in pair if x is not None}
    return lo <= n <= hi or n in told


def undated_agrees(existing: Any, new: Any, registry: Any = None, config: MergeConfig | None = None) -> bool:
    """An undated report (no publication date, "on Sunday", "today") and a dated event agree
    strongly: same type family, place and actors with both actor1 known, the existing event
    dated to the day and current, and a corroboration: the weekday the report names is the
    event's (within the day gap), or, naming none, its death toll is one the event's sources give.
    The extractor marks such reports with `extra["undated"] = {"weekday": n}` or {}."""
    config = config or MergeConfig()
    cue = (field_of(new, "extra") or {}).get("undated")
    if stated_date(new)[0] or cue is None or field_of(existing, "historical"):
        return False
    iv = date_interval(*stated_date(existing), config)
    a1, b1 = field_of(existing, "actor1"), field_of(new, "actor1")
    if iv is None or iv[2] != "day":
        return False
    weekday = cue.get("weekday") if isinstance(cue, Mapping) else None
    # the weekday within the day gap allowed between dated reports (time zones, late wire copy)
    same_day = None if weekday is None else min((iv[0].weekday() - weekday) % 7,
                                                (weekday - iv[0].weekday()) % 7) <= config.max_day_gap
    unnamed = not a1 or not b1 or bool(_UNKNOWN.match(a1)) or bool(_UNKNOWN.match(b1))
    if unnamed:
        # first reports often name no perpetrator ("unidentified attackers"): an unnamed side
        # contradicts no one, but then the report must name the event's weekday and its very
        # place (the same town), with the same event type
        return bool(same_day and _same_town(existing, new, config)
                    and field_of(existing, "event_type") == field_of(new, "event_type"))
    if not (types_compatible(existing, new, config) and places_compatible(existing, new, config)
            and actors_agree(a1, b1, registry) and actor_pairs_compatible(existing, new, registry)):
        return False
    figures = _figures_agree(existing, new)
    if same_day is not None:
        return same_day  # the named weekday decides; tolls rise from report to report
    return figures is True


def _same_town(a: Any, b: Any, config: MergeConfig | None = None) -> bool:
    """Both placed at one named town or finer (geo_precision 1 or 2) with the same name, or
    one at a town inside the district the other names (within the merge distance of a
    region); a country alone is too coarse."""
    la, lb = _norm(field_of(a, "location")), _norm(field_of(b, "location"))
    if bool(la) and la == lb and _precision(a) < 3 and _precision(b) < 3:
        return True
    return not (_country_level(a) or _country_level(b)) and min(_precision(a), _precision(b)) < 3 \
        and places_compatible(a, b, config or MergeConfig())


def candidate_keys(event: Any, config: MergeConfig | None = None) -> list[str]:
    """Blocking keys: index every stored event under all its keys, look a new event up by all
    of its keys; two events that `events_compatible` accepts always share a key.

    A key is `<time bucket>|<place bucket>`: the months the event's date can touch, widened by
    `month_neighbours` (year-only dates: `Y<year>`), times its country (or, with no country,
    the lat/lon grid cell and its 8 neighbours, or with neither, the place name). No date or
    no place: no keys.
    """
    config = config or MergeConfig()
    iv = date_interval(*stated_date(event), config)
    if iv is None:
        # an undated report looks up the day-dated events of its place (see undated_agrees)
        return [f"U|{p}" for p in _place_keys(event, config)] if (field_of(event, "extra") or {}).get(
            "undated") is not None else []
    if iv[2] == "year":
        times = [f"Y{iv[0].year}"]
    else:
        first = iv[0].year * 12 + iv[0].month - 1 - config.month_neighbours
        last = iv[1].year * 12 + iv[1].month - 1 + config.month_neighbours
        times = [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in range(first, last + 1)]
    places = _place_keys(event, config)
    undated = [f"U|{p}" for p in places] if iv[2] == "day" and not field_of(event, "historical") else []
    return [f"{t}|{p}" for t in times for p in places] + undated


def _place_keys(event: Any, config: MergeConfig) -> list[str]:
    country = _norm(field_of(event, "country"))
    if country:
        return [f"c:{country}"]
    if (pt := _coords(event)) is not None:
        gi, gj = int(math.floor(pt[0] / config.grid_degrees)), int(math.floor(pt[1] / config.grid_degrees))
        return [f"g:{gi + di}:{gj + dj}" for di in (-1, 0, 1) for dj in (-1, 0, 1)]
    if loc := _norm(field_of(event, "location")):
        return [f"l:{loc}"]
    return []
