"""A place the gazetteer resolves, the kinds of place it tells apart and the distance
between two points (shared by the gazetteer's lookup, area queries and ranking)."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place; `country` is the English short name ("Syria")."""

    id: str
    name: str
    country: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    kind: str
    geo_precision: int
    country_code: str | None = None
    population: int = 0


TOWN_KINDS = frozenset({"capital", "city", "town", "village"})
# What may follow "Town, " as the area that holds the town.
AREA_KINDS = frozenset({"country", "admin1", "admin2", "region"})
REGION_KINDS = frozenset({"country", "continent", "admin1", "admin2", "region", "district",
                          "water"})


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km."""
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))
