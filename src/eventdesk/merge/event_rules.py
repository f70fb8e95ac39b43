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
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventdesk import knowledge

# ACLED's "Unidentified Armed Group (Russia)": a report that does not know who acted
_UNKNOWN = re.compile(r"^unidentified\b|^unknown\b", re.I)
_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")
_STATE_FORCES = re.compile(r"^(?:military|police|security|state|government) forces of (.+?)(?:\s*\(.*\))?$", re.I)


@dataclass(frozen=True)
class MergeConfig:
    """Options of cross-document merging."""

    # Reports written the next day say "yesterday"/"on Sunday", and publication-date fallbacks
    # slip by a day (time zones, late-night wire copy): +-1 day, as score_clusters.py allows.
    max_day_gap: int = 1
    # A week-precision date with a day is the start of that week: it covers 7 days.
    week_days: int = 7
    # Blocking: months either side of an event's month that are looked up (enough for a
    # day-precision event on the 1st or 31st against a neighbouring month's report).
    month_neighbours: int = 1
    # Blocking by a lat/lon grid when the country is unknown: 1 degree (~110 km) cells,
    # wider than the largest place tolerance at precision 2.
    grid_degrees: float = 1.0
    knowledge_file: str = "merge.yaml"
    # Overrides of the data tables (tests, experiments); None reads knowledge_file.
    families: tuple[frozenset[str], ...] | None = None
    place_km: Mapping[int, float] | None = field(default=None, hash=False)


# ---------------------------------------------------------------------------------------
# records from the store may be Events, mappings or row objects


def field_of(rec: Any, name: str, default: Any = None) -> Any:
    if isinstance(rec, Mapping):
        return rec.get(name, default)
    return getattr(rec, name, default)


def stated_date(rec: Any) -> tuple[str | None, str | None]:
    """(date, precision) as the reports tell it: a year estimated from an undated page
    (`extra["date_estimated"]`) says nothing about which occurrence a report tells, so for
    merging such an event is undated."""
    if (field_of(rec, "extra") or {}).get("date_estimated"):
        return None, None
    return field_of(rec, "date"), field_of(rec, "date_precision")


# ---------------------------------------------------------------------------------------
# knowledge tables


def _validate_family(entry: dict, path: Path) -> None:
    subs = entry.get("sub_event_types")
    if not isinstance(subs, list) or len(subs) < 2 or not all(isinstance(s, str) for s in subs):
        raise ValueError("'sub_event_types' must list at least two names")


def _validate_tolerance(entry: dict, path: Path) -> None:
    if entry.get("precision") not in (1, 2, 3):
        raise ValueError("'precision' must be 1, 2 or 3")
    if not isinstance(entry.get("km"), (int, float)) or entry["km"] <= 0:
        raise ValueError("'km' must be a positive number")


@lru_cache(maxsize=8)
def load_tables(name: str = "merge.yaml") -> tuple[tuple[frozenset[str], ...], dict[int, float]]:
    """(type families, km by precision) from knowledge file `name`, user extensions added."""
    families = tuple(frozenset(e["sub_event_types"])
                     for e in knowledge.load(name, "type_families", _validate_family))
    km = {e["precision"]: float(e["km"]) for e in knowledge.load(name, "place_tolerance", _validate_tolerance)}
    return families, km


@lru_cache(maxsize=8)
def decided_first_pairs(name: str = "merge.yaml") -> frozenset[tuple[str, str]]:
    """(sub-type, sub-type it is decided before) for every family of `name` that lists
    `decided_first`: the codebook settles a disagreement between reports of one event."""
    pairs = set()
    for entry in knowledge.load(name, "type_families", _validate_family):
        first = set(entry.get("decided_first") or ())
        pairs.update((a, b) for a in first for b in entry["sub_event_types"] if b not in first)
    return frozenset(pairs)


def _tables(config: MergeConfig) -> tuple[tuple[frozenset[str], ...], Mapping[int, float]]:
    if config.families is not None and config.place_km is not None:
        return config.families, config.place_km
    families, km = load_tables(config.knowledge_file)
    return (config.families if config.families is not None else families,
            config.place_km if config.place_km is not None else km)


# ---------------------------------------------------------------------------------------
# 1. type


def reported_sub_types(rec: Any) -> list[str]:
    """Every sub-type the reports of a merged event gave it (`extra["sub_types"]`), the
    event's own first: a report joins an event when it fits any of them."""
    own = field_of(rec, "sub_event_type")
    told = (field_of(rec, "extra") or {}).get("sub_types") or []
    return list(dict.fromkeys([own, *told])) if own else list(told)


def types_compatible(a: Any, b: Any, config: MergeConfig) -> bool:
    subs_a, subs_b = reported_sub_types(a), reported_sub_types(b)
    if not subs_a or not subs_b:
        return bool(field_of(a, "event_type")) and field_of(a, "event_type") == field_of(b, "event_type")
    if set(subs_a) & set(subs_b):
        return True
    families, _ = _tables(config)
    return any(sa in fam and sb in fam for fam in families for sa in subs_a for sb in subs_b)


# ---------------------------------------------------------------------------------------
# 2. date


def date_interval(value: str | None, precision: str | None, config: MergeConfig) -> tuple[date, date, str] | None:
    """(first day, last day, precision) an ISO date cut to its precision can mean."""
    if not value:
        return None
    parts = str(value)[:10].split("-")
    try:
        nums = [int(p) for p in parts]
        if len(nums) == 1:
            return date(nums[0], 1, 1), date(nums[0], 12, 31), "year"
        if len(nums) == 2 or precision in ("month", "year"):
            y, m = nums[0], nums[1]
            if precision == "year":
                return date(y, 1, 1), date(y, 12, 31), "year"
            return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), "month"
        d = date(nums[0], nums[1], nums[2])
    except (ValueError, IndexError):
        return None
    if precision == "week":
        return d, d + timedelta(days=config.week_days - 1), "week"
    return d, d, "day"


def _after_report(interval: tuple, other: Any, config: MergeConfig) -> bool:
    """`interval` begins after `other` was reported: a report published on 7 March does not
    tell the arrests of 23 March, whatever its month-only date allows."""
    reported = (field_of(other, "extra") or {}).get("reported")
    try:
        day = date.fromisoformat(str(reported)) if reported else None
    except ValueError:
        return False
    return day is not None and interval[0] > day + timedelta(days=config.max_day_gap)


def dates_compatible(a: Any, b: Any, config: MergeConfig) -> bool:
    ia = date_interval(*stated_date(a), config)
    ib = date_interval(*stated_date(b), config)
    if ia is None or ib is None:
        return False
    if (ia[2] == "year") != (ib[2] == "year"):
        return False
    if _after_report(ia, b, config) or _after_report(ib, a, config):
        return False
    # widen only day-precision dates: "2024-03" and "2024-04" must not touch at the 31st
    if ia[2] == "day" and ib[2] == "day":
        return abs((ia[0] - ib[0]).days) <= config.max_day_gap
    gap = timedelta(days=config.max_day_gap)
    lo_a, hi_a = (ia[0] - gap, ia[1] + gap) if ia[2] == "day" else ia[:2]
    lo_b, hi_b = (ib[0] - gap, ib[1] + gap) if ib[2] == "day" else ib[:2]
    return lo_a <= hi_b and lo_b <= hi_a


# ---------------------------------------------------------------------------------------
# 3. place


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _norm(name: Any) -> str:
    return " ".join(str(name).casefold().split()) if name else ""


def _coords(rec: Any) -> tuple[float, float] | None:
    lat, lon = field_of(rec, "latitude"), field_of(rec, "longitude")
    try:
        return (float(lat), float(lon)) if lat is not None and lon is not None else None
    except (TypeError, ValueError):
        return None


def _precision(rec: Any) -> int:
    try:
        p = int(field_of(rec, "geo_precision") or 3)
    except (TypeError, ValueError):
        return 3
    return min(max(p, 1), 3)


def _country_level(rec: Any) -> bool:
    """The place is the country itself (or only the country is known)."""
    loc = _norm(field_of(rec, "location"))
    if _coords(rec) is None:
        # only the country is known, unless a village the gazetteer lacks is named by itself
        return not loc or loc == _norm(field_of(rec, "country")) or _precision(rec) != 1
    return _precision(rec) == 3 and (not loc or loc == _norm(field_of(rec, "country")))


def _same_name(a: Any, b: Any) -> bool:
    """Places the gazetteer could not place are one place only when their names are equal."""
    la, lb = _norm(field_of(a, "location")), _norm(field_of(b, "location"))
    return bool(la) and la == lb


def places_compatible(a: Any, b: Any, config: MergeConfig) -> bool:
    ca, cb = _norm(field_of(a, "country")), _norm(field_of(b, "country"))
    pa, pb = _coords(a), _coords(b)
    if not ca and not cb and pa is None and pb is None:
        return _same_name(a, b)  # no gazetteer answer on either side
    if (not ca and pa is None) or (not cb and pb is None):
        return False
    if ca != cb:
        return False  # also when only one is known: they would not share a blocking key
    if ca and cb and (_country_level(a) or _country_level(b)):
        return True
    if pa is None and pb is None:
        return _same_name(a, b)  # two villages the gazetteer lacks, in one country
    if pa is None or pb is None:
        return False
    _, km = _tables(config)
    limit = km.get(max(_precision(a), _precision(b)), max(km.values(), default=0.0))
    return km_between(*pa, *pb) <= limit


# ---------------------------------------------------------------------------------------
# 4. actors


def _base(name: str) -> str:
    return _QUALIFIER.sub("", name).strip()


def _state_country(name: str, registry: Any) -> str | None:
    ref = _resolve(registry, name)
    if ref is not None and str(getattr(ref, "inter", "")).lower().startswith("state"):
        return _norm(getattr(ref, "country", None)) or None
    m = _STATE_FORCES.match(name)
    return _norm(m.group(1)) if m else None


@lru_cache(maxsize=4096)
def _resolve(registry: Any, name: str) -> Any:
    """The registry's ActorRef for a canonical name (cached: the same names recur)."""
    resolve = getattr(registry, "resolve", None)
    if resolve is None:
        return None
    try:
        return resolve(name)
    except (KeyError, ValueError, TypeError):
        return None


def _registry_related(registry: Any, a: str, b: str) -> bool:
    """Same registry actor, one an affiliate of the other (IS / IS Khorasan Province), or two
    names of one organisation's lineage (AQI -> ISI -> IS)."""
    ra, rb = _resolve(registry, a), _resolve(registry, b)
    if ra is None or rb is None:
        return False
    ia, ib = getattr(ra, "id", None), getattr(rb, "id", None)
    if ia is None or ib is None:
        return False
    if ia == ib:
        return True
    get = getattr(registry, "get", None)
    if callable(get):
        aa, ab = get(ia), get(ib)
        if (aa is not None and getattr(aa, "affiliation", None) == ib) or \
                (ab is not None and getattr(ab, "affiliation", None) == ia):
            return True
    lineage = getattr(registry, "lineage", None)
    if callable(lineage):
        return any(stage.actor == ib for stage in lineage(ia))
    return False


def unidentified(name: str | None) -> bool:
    """ACLED's name for a perpetrator the report does not know ("Unidentified Armed Group (X)"):
    any named side told of the same event says more."""
    return bool(name and _UNKNOWN.match(name))


def qualified_alike(a: str, b: str) -> bool:
    """One name, or one carrying a qualifier the other lacks ("Islamic State" and "Islamic
    State (West Africa Province)")."""
    na, nb = _norm(a), _norm(b)
    ba, bb = _norm(_base(a)), _norm(_base(b))
    return na == nb or ((ba == nb or bb == na) and ba == bb)


def actors_agree(a: str | None, b: str | None, registry: Any = None) -> bool:
    """One actor slot: unknown agrees; else same, related, or state forces of one country."""
    if not a or not b or _UNKNOWN.match(a) or _UNKNOWN.match(b):
        return True
    na, nb = _norm(a), _norm(b)
    if na == nb:
        return True
    if registry is not None and _registry_related(registry, a, b):
        return True
    if qualified_alike(a, b):
        return True
    sa, sb = _state_country(a, registry), _state_country(b, registry)
    return sa is not None and sa == sb


def actor_pairs_compatible(a: Any, b: Any, registry: Any = None) -> bool:
    a1, a2 = field_of(a, "actor1"), field_of(a, "actor2")
    b1, b2 = field_of(b, "actor1"), field_of(b, "actor2")
    straight = actors_agree(a1, b1, registry) and actors_agree(a2, b2, registry)
    return straight or (actors_agree(a1, b2, registry) and actors_agree(a2, b1, registry))


# ---------------------------------------------------------------------------------------


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
