"""The gazetteer index under construction (`_Builder`: records, name keys, skeletons) and
the helpers the sources share: the middle of a set of points and the forms a text writes a
country's names in."""

from __future__ import annotations

from collections import defaultdict

from eventdesk.understand.places.index_record import GazetteerIndex, Record
from eventdesk.understand.places.names import is_latin, name_key, skeleton_of_key


class _Builder:
    def __init__(self) -> None:
        self.index = GazetteerIndex()
        self._keys: dict[str, set[int]] = defaultdict(set)
        self._skel: dict[str, set[int]] = defaultdict(set)
        self._memo: dict[str, str] = {}  # GeoNames repeats names a lot: fold each once

    def key(self, name: str) -> str:
        key = self._memo.get(name)
        if key is None:
            key = self._memo[name] = name_key(name)
        return key

    def add(self, record: Record, alternates: list[str] = (), *, bare: bool = True,
            trusted: bool = False) -> int:
        idx = len(self.index.records)
        self.index.records.append(record)
        if bare:
            self.add_names(idx, [record[1]], primary=True)
        self.add_names(idx, alternates, trusted=trusted)
        return idx

    def add_names(self, idx: int, names, primary: bool = False, trusted: bool = False) -> None:
        for name in names:
            # GeoNames alternates hold airport codes (DEZ, PMS) and other scripts: skip both.
            if not name or (not (primary or trusted) and len(name) <= 4 and name.isupper()):
                continue
            if not is_latin(name) or any(ch.isdigit() for ch in name):
                continue
            key = self.key(name)
            if len(key) < 2:
                continue
            # A curated name counts as a main name: someone checked it names this place.
            self._keys[key].add(idx * 2 + int(primary or trusted))
            skel = skeleton_of_key(key)
            if len(skel) >= 3:
                self._skel[skel].add(idx)

    def finish(self) -> GazetteerIndex:
        self.index.keys = {k: sorted(v) for k, v in self._keys.items()}
        self.index.skeletons = {k: sorted(v) for k, v in self._skel.items()}
        return self.index


def _box_middle(points: list[tuple[float, float]], trim: float = 0.05) -> tuple[float, float]:
    """The middle of the points' bounding box, without the `trim` share at each edge.

    A mean (or a trimmed box) of a province's towns lands where people live, hundreds of km
    south of the middle GeoNames gives a large thinly-settled province (British Columbia,
    Ontario, Manitoba); a box across the date line (Alaska, Chukotka) is taken the short way.
    """
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if lons[-1] - lons[0] > 180:  # the towns straddle the date line: measure eastward
        lons = sorted(x % 360 for x in lons)
    n, cut = len(lats), int(len(lats) * trim)
    lon = (lons[cut] + lons[n - 1 - cut]) / 2
    return (round((lats[cut] + lats[n - 1 - cut]) / 2, 4),
            round(lon - 360 if lon > 180 else lon, 4))


def country_forms(names: list[str]) -> list[str]:
    """The forms a text writes a country's names in: each name as given (not the inverted
    "Congo, Democratic Republic of the" of lists, not a two-letter code), and "X of the Y"
    also as "X of Y" ("Democratic Republic of Congo")."""
    out: list[str] = []
    for name in names:
        name = name.strip()
        if "," in name or len(name) < 3 or not is_latin(name):
            continue
        for form in (name, name.replace(" of the ", " of ")):
            if form not in out:
                out.append(form)
    return out
