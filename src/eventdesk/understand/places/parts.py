"""Parts of a country or province named by a compass word: "eastern Syria", "northern Iraq",
"southern Kirkuk province", "the north-east of the country".

Reporters locate most rural fighting this way, and cross-document merging compares points: a
raid in "eastern Syria" must land near Deir ez-Zor, not at Syria's centroid 200 km west. The
part's point is the mean of the gazetteer's towns lying in that third of the area's extent
(5th-95th percentile box of its towns, so that one far-flung hamlet does not stretch it).
ACLED codes a part of a country at geo_precision 3 and a part of a province at 2.

Written by hand: no library knows "the north-east of X"; it is a few lines over our index.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from eventdesk.understand.places.gazetteer import Gazetteer, Place, km

# compass word -> (latitude third, longitude third): +1 upper, -1 lower, 0 middle, None any
DIRECTIONS: dict[str, tuple[int | None, int | None]] = {
    "north": (1, None), "south": (-1, None), "east": (None, 1), "west": (None, -1),
    "northeast": (1, 1), "northwest": (1, -1), "southeast": (-1, 1), "southwest": (-1, -1),
    "central": (0, 0), "centre": (0, 0), "center": (0, 0),
}
_COMPASS = r"(?:north|south)(?:[- ]?(?:east|west))?|east|west"
# "eastern", "north-eastern", "North East", "central" just before the name
ADJECTIVE = re.compile(rf"\b((?:{_COMPASS})(?:ern)?|central)\s+$", re.IGNORECASE)
# "the north-east of", "the east of" just before the name
OF_PHRASE = re.compile(rf"\bthe\s+({_COMPASS}|centre|center)\s+of\s+$", re.IGNORECASE)
# "the north-east of the country": the document's country
OF_COUNTRY = re.compile(rf"\bthe\s+({_COMPASS}(?:ern)?|centre|center)\s+(?:part\s+)?of\s+the\s+"
                        r"country\b", re.IGNORECASE)
PART_KINDS = frozenset({"country", "admin1", "admin2", "region"})
# Fewer towns than this in an area and the part is the area's point moved towards the
# compass direction instead (a third of a typical Iraqi/Syrian governorate's ~120 km radius).
_MIN_TOWNS = 3
_FALLBACK_SHIFT_DEG = 0.4
# A curated province is linked to the GeoNames admin1 whose point lies within this distance
# (curated points are rough centroids: Kirkuk 10 km, Anbar 40 km apart in the index).
_LINK_KM = 150.0
_TOWN_KINDS = frozenset({"city", "capital", "town", "village"})


def direction_of(word: str) -> str | None:
    """"north-eastern" -> "northeast", "Eastern" -> "east", "central" -> "central"."""
    w = word.lower().replace("-", "").replace(" ", "")
    if w.endswith("ern"):
        w = w[:-3]
    return w if w in DIRECTIONS else None


def adjective(direction: str) -> str:
    if direction in ("central", "centre", "center"):
        return "central"
    if len(direction) > 5:  # northeast -> north-eastern
        return f"{direction[:5]}-{direction[5:]}ern"
    return direction + "ern"


def part_of(gazetteer: Gazetteer, place: Place, direction: str) -> Place | None:
    """The `direction` part of a country or province as a Place, or None for other kinds."""
    if place.kind not in PART_KINDS or place.latitude is None or direction not in DIRECTIONS:
        return None
    name = f"{adjective(direction)} {place.name}"
    curated = [i for i, q in gazetteer.candidates(name)
               if q == 2 and gazetteer.index.records[i][8]
               and gazetteer.index.records[i][2] == place.country_code]
    if curated:  # a part whose towns mislead the mean ("western Iraq": Sinjar outweighs Anbar)
        rec = gazetteer.index.records[curated[0]]
        lat, lon = rec[4], rec[5]
    else:
        lat, lon = _part_point(gazetteer, place.id, place.kind, place.country_code,
                               place.admin1, (place.latitude, place.longitude), direction)
    precision = 3 if place.kind == "country" else 2
    return replace(place, id=f"{place.id}#{direction}", name=name,
                   latitude=lat, longitude=lon, kind="part", geo_precision=precision)


@lru_cache(maxsize=512)
def _part_point(gaz: Gazetteer, pid: str, kind: str, cc: str | None, admin1: str | None,
                point: tuple[float, float], direction: str) -> tuple[float, float]:
    towns = _towns(gaz, kind, cc, admin1, point)
    dlat, dlon = DIRECTIONS[direction]
    if len(towns) < _MIN_TOWNS:
        shift = _FALLBACK_SHIFT_DEG * (3 if kind == "country" else 1)
        return (round(point[0] + shift * (dlat or 0), 4), round(point[1] + shift * (dlon or 0), 4))
    lat_box, lon_box = _extent([t[0] for t in towns]), _extent([t[1] for t in towns])
    chosen = [t for t in towns if _in_third(t[0], lat_box, dlat) and _in_third(t[1], lon_box, dlon)]
    if len(chosen) < _MIN_TOWNS:  # an empty corner (the desert of south-eastern Syria)
        return (round(_cell_middle(lat_box, dlat), 4), round(_cell_middle(lon_box, dlon), 4))
    return (round(sum(t[0] for t in chosen) / len(chosen), 4),
            round(sum(t[1] for t in chosen) / len(chosen), 4))


def _extent(values: list[float]) -> tuple[float, float]:
    """1st-99th percentile: 5th-95th cut off western Iraq, where towns are sparse (Rutba,
    al-Qaim); 1% still drops a stray point."""
    ordered = sorted(values)
    cut = len(ordered) // 100
    return ordered[cut], ordered[len(ordered) - 1 - cut]


def _cell_middle(box: tuple[float, float], side: int | None) -> float:
    low, high = box
    third = (high - low) / 3
    return (low + high) / 2 if not side else (high - third / 2 if side > 0 else low + third / 2)


def _in_third(value: float, box: tuple[float, float], side: int | None) -> bool:
    if side is None:
        return True
    low, high = box
    third = (high - low) / 3
    if side > 0:
        return value >= high - third
    if side < 0:
        return value <= low + third
    return low + third <= value <= high - third


def _towns(gaz: Gazetteer, kind: str, cc: str | None, admin1: str | None,
           point: tuple[float, float]) -> list[tuple[float, float]]:
    recs = gaz.index.records
    in_country = _country_towns(gaz, cc)
    if kind == "country":
        return [(r[4], r[5]) for r in in_country]
    name = admin1 if admin1 and any(r[3] == admin1 for r in in_country) else None
    if name is None:  # a curated province: borrow the nearest GeoNames admin1 of its country
        near = [(km(point, (r[4], r[5])), r[3]) for r in recs
                if r[6] == "admin1" and r[2] == cc and r[3] and r[4] is not None]
        near = [n for n in near if n[0] <= _LINK_KM]
        name = min(near)[1] if near else None
    return [(r[4], r[5]) for r in in_country if name and r[3] == name]


def _country_towns(gaz: Gazetteer, cc: str | None) -> list:
    if not cc:
        return []
    return [r for r in gaz.index.records
            if r[2] == cc and r[6] in _TOWN_KINDS and r[4] is not None]
