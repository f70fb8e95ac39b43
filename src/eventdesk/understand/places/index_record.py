"""The gazetteer index as it is kept: `GazetteerIndex` (records and lookup tables), the
layout of a record and the kinds of place with their geo_precision (`KINDS`).

Built by index_sources.py, cached by index.py; all stay importable from index.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = {"country": 3, "continent": 3, "region": 3, "admin1": 3, "admin2": 3, "water": 3,
         "district": 2, "capital": 1, "city": 1, "town": 1, "village": 1, "site": 1}
# A record: (id, name, country_code, admin1, lat, lon, kind, population, curated)
Record = tuple


@dataclass
class GazetteerIndex:
    records: list[Record] = field(default_factory=list)
    keys: dict[str, list[int]] = field(default_factory=dict)  # name_key -> idx*2 + primary
    skeletons: dict[str, list[int]] = field(default_factory=dict)
    demonyms: dict[str, int] = field(default_factory=dict)  # name_key -> country record
    countries: dict[str, int] = field(default_factory=dict)  # ISO2 -> record
    country_names: dict[str, str] = field(default_factory=dict)  # ISO2 -> English name
    # ISO2 -> the written forms of the country's names (short, long, curated), for finding
    # "the Democratic Republic of the Congo" whole where the small model cuts it short
    country_forms: dict[str, list[str]] = field(default_factory=dict)
