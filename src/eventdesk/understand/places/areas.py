"""The gazetteer's areas: capitals, first-level regions and the "Town, Area" pairs whose
second half says which town is meant ("Springfield, Illinois", "Croft, Yorkshire")."""

from __future__ import annotations

from collections import defaultdict

from eventdesk.understand.places.index import GazetteerIndex
from eventdesk.understand.places.names import name_key
from eventdesk.understand.places.place import AREA_KINDS, Place, km
from eventdesk.understand.places.rank_config import RankConfig


class AreaQueries:
    """The area part of `Gazetteer` (gazetteer.py), which holds the index, the config and
    the tables these methods build on first use."""

    index: GazetteerIndex
    config: RankConfig

    def capital(self, code: str) -> Place | None:
        """The capital city of the country with ISO code `code` (the most populous seat of
        government GeoNames lists for it), at town precision."""
        if self._capitals is None:
            best: dict[str, int] = {}
            for idx, rec in enumerate(self.index.records):
                if rec[6] == "capital" and rec[2] and (rec[2] not in best or rec[7] > self.index.records[best[rec[2]]][7]):
                    best[rec[2]] = idx
            self._capitals = best
        idx = self._capitals.get(code)
        return self.place(idx, 1) if idx is not None else None

    def area(self, text: str) -> tuple[str, str | None] | None:
        """(country code, admin1 name or None) that `text` names as the second half of a
        "Town, Area" pair: a first-level region ("Illinois", "Ill.", a US postal code "IL",
        "B.C.", "Washington"), a county or historic region ("Yorkshire") or a country
        ("Texas", "Jordan"); None when it names none of them."""
        found = self._area_records(text) or [
            i for cc, a1 in self._bare_admin1().get(name_key(text), ())
            for i in self._admin1_named(cc, a1)]
        if not found:
            return None
        rec = self.index.records[found[0]]
        return (rec[2], rec[3] if rec[6] == "admin1" else None)

    def _area_records(self, text: str) -> list[int]:
        """The area `text` names after "Town, " when that is what it means alone (in "Homs,
        Hama and Idlib" the second name is a town)."""
        state = self._us_states().get(text) if len(text) == 2 and text.isupper() else None
        if state is not None:
            return self._admin1_named("US", state)
        if "," in text:
            return []
        ranked = self.rank(text)
        rec = self.index.records[ranked[0][1]] if ranked else None
        return [ranked[0][1]] if rec is not None and rec[6] in AREA_KINDS and rec[2] else []

    def _bare_areas(self, town: str, text: str) -> list[int]:
        """A first-level region whose bare name a bigger town holds ("Tacoma, Washington"),
        unless the first name is itself a capital or an area: then the pair is a list
        ("Washington, New York and Boston")."""
        found = self._bare_admin1().get(name_key(text), ())
        if not found:
            return []
        alone = self.rank(town)
        if alone and self.index.records[alone[0][1]][6] in AREA_KINDS | {"capital"}:
            return []
        return [i for cc, a1 in found for i in self._admin1_named(cc, a1)]

    def _qualified(self, town: str, qualifier: str) -> list[tuple[int, int]]:
        """"Springfield, Illinois", "Portland, Ore.", "Dayton, OH", "Paris, Texas", "Croft,
        Yorkshire", "Tacoma, Washington": the candidates of the town inside the area after
        the comma, else all of them; for a town the gazetteer lacks ("Camp Murray, Wash."),
        the places the qualifier names."""
        cands = self.candidates(town)
        areas = self._area_records(qualifier)
        inside = [(i, q) for a in areas for i, q in cands if self._inside(i, a)]
        if not inside and not areas:
            inside = [(i, q) for a in self._bare_areas(town, qualifier) for i, q in cands
                      if q == 2 and self._inside(i, a)]
        if inside:
            return self._nearest(inside, areas)
        if areas and not any(q == 2 for _, q in cands):
            # Only a loose or partial match ("Oulton Park" -> Park County): the writer said
            # where it is, and that is the better answer.
            return self.candidates(qualifier)
        return cands

    def _nearest(self, inside: list[tuple[int, int]], areas: list[int]) -> list[tuple[int, int]]:
        """Of the same-named towns of a county or region known only by its middle, the one
        nearest to it ("Croft, Yorkshire")."""
        if len(inside) < 2 or not areas or not self._by_distance(areas[0]):
            return inside
        a = self.index.records[areas[0]]
        return [min(inside, key=lambda c: km(self.index.records[c[0]][4:6], (a[4], a[5])))]

    def _by_distance(self, area: int) -> bool:
        a = self.index.records[area]
        return a[6] in ("admin2", "region") or (a[6] == "admin1" and not a[3])

    def _inside(self, idx: int, area: int) -> bool:
        """Whether place `idx` lies in the area record `area`: by name for a country or a
        first-level region, by distance for a county or a region (their towns do not carry
        their name)."""
        rec, a = self.index.records[idx], self.index.records[area]
        if rec[2] != a[2] or idx == area:
            return False
        if a[6] == "country":
            return True
        if not self._by_distance(area):
            return rec[3] == a[3]
        return rec[4] is not None and km((rec[4], rec[5]), (a[4], a[5])) <= self.config.area_km

    def _admin1_named(self, cc: str, admin1: str) -> list[int]:
        return self._admin1_index().get((cc, admin1), [])

    def _admin1_index(self) -> dict[tuple[str, str], list[int]]:
        """(country, admin1 name) -> its admin1 records, built on first use."""
        if self._admin1 is None:
            table: dict[tuple[str, str], list[int]] = defaultdict(list)
            for i, rec in enumerate(self.index.records):
                if rec[6] == "admin1" and rec[2] and rec[3]:
                    table[(rec[2], rec[3])].append(i)
            self._admin1 = dict(table)
        return self._admin1

    def _bare_admin1(self) -> dict[str, list[tuple[str, str]]]:
        """name key -> the (country, admin1) that bear that name (Washington, New York)."""
        if self._bare is None:
            table: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for cc, a1 in self._admin1_index():
                table[name_key(a1)].append((cc, a1))
            self._bare = dict(table)
        return self._bare

    def _us_states(self) -> dict[str, str]:
        """US postal codes -> state names, as the index names the states' towns' admin1."""
        if self._states is None:
            from eventdesk.understand.places.index import us_state_names

            self._states = us_state_names()
        return self._states
