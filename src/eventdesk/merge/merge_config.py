"""The options of cross-document merging (`MergeConfig`) and the knowledge tables the merge
rules read (knowledge/data/merge.yaml: type families, the sub-types decided first, place
tolerances by geo_precision)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from eventdesk import knowledge


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
