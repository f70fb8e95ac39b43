"""The gazetteer: look a place name up and pick the place the document means.

`Gazetteer.default()` loads (building on first use) the index of understand/place_index.py
once per process.

`Gazetteer` is put together from three parts: the name lookup (lookup.py: exact key,
skeleton, fuzzy search, a place named inside a longer name), the areas (areas.py: capitals,
first-level regions, "Town, Area" pairs) and the ranking of candidates in the context of the
document (ranking.py). The resolved `Place`, the kinds of place and `km` live in place.py,
the score's weights `RankConfig` in rank_config.py; all stay importable from here.
"""

from __future__ import annotations

import threading

from eventdesk.understand.places.areas import AreaQueries
from eventdesk.understand.places.index import KINDS, GazetteerIndex, load_or_build
from eventdesk.understand.places.lookup import (CANDIDATE_MEMORY, COMPASS_ADJECTIVES,
                                               COMPASS_WORDS, NameLookup)
from eventdesk.understand.places.names import name_key
from eventdesk.understand.places.place import AREA_KINDS, REGION_KINDS, TOWN_KINDS, Place, km
from eventdesk.understand.places.rank_config import RankConfig
from eventdesk.understand.places.ranking import Ranking

# Names importable from here as before the split.
__all__ = ["AREA_KINDS", "CANDIDATE_MEMORY", "COMPASS_ADJECTIVES", "COMPASS_WORDS", "Gazetteer",
           "Place", "REGION_KINDS", "RankConfig", "TOWN_KINDS", "km"]

_lock = threading.Lock()


class Gazetteer(NameLookup, AreaQueries, Ranking):
    _default: "Gazetteer | None" = None

    def __init__(self, index: GazetteerIndex, config: RankConfig | None = None) -> None:
        self.index = index
        self.config = config or RankConfig()
        self._by_letter: dict[str, list[str]] | None = None
        self._facility_words: tuple[dict[str, bool], dict[str, bool]] | None = None
        self._states: dict[str, str] | None = None
        self._admin1: dict[tuple[str, str], list[int]] | None = None
        self._seen: dict[str, list[tuple[int, int]]] = {}
        self._capitals: dict[str, int] | None = None
        self._bare: dict[str, list[tuple[str, str]]] | None = None
        self._code_of = {v.casefold(): k for k, v in index.country_names.items()}

    @classmethod
    def default(cls) -> "Gazetteer":
        """The process-wide gazetteer, loaded (or built) on first use only."""
        if cls._default is None:
            with _lock:
                if cls._default is None:
                    cls._default = cls(load_or_build())
        return cls._default

    # -- records ------------------------------------------------------------------------
    def place(self, idx: int, geo_precision: int | None = None) -> Place:
        rid, name, cc, admin1, lat, lon, kind, pop, _ = self.index.records[idx]
        return Place(rid, name, self.index.country_names.get(cc) if cc else None, admin1,
                     lat, lon, kind, geo_precision or KINDS.get(kind, 1), cc, pop)

    def country_code(self, name_or_code: str) -> str | None:
        if name_or_code in self.index.countries:
            return name_or_code
        code = self._code_of.get(name_or_code.casefold())
        if code:
            return code
        idx = self.index.demonyms.get(name_key(name_or_code))
        if idx is None:
            found = [i // 2 for i in self.index.keys.get(name_key(name_or_code), ())]
            found = [i for i in found if self.index.records[i][6] == "country"]
            # "Congo" names two countries: the document's other names decide, not this one
            idx = found[0] if len(found) == 1 else None
        return self.index.records[idx][2] if idx is not None else None

    def demonym(self, text: str) -> Place | None:
        """The country a demonym names ("Iraqi", "Syrians"), or None."""
        idx = self.index.demonyms.get(name_key(text))
        return self.place(idx) if idx is not None else None
