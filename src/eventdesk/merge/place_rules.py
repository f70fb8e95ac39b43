"""Merge rule 3, place (event_rules.py): same country when both are known; coordinates
within the tolerance of the coarser geo_precision; a country-level place matches any place of
that country; places the gazetteer could not place match by name."""

from __future__ import annotations

import math
from typing import Any

from eventdesk.merge.event_fields import _norm, field_of
from eventdesk.merge.merge_config import MergeConfig, _tables


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


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
