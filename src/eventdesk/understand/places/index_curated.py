"""The curated places of knowledge/data/places.yaml (user folders in EVENTDESK_KNOWLEDGE
extend it) added to the index under construction: places GeoNames lacks, spellings of
places it has (`same_as`), demonyms, and the affixes of region names."""

from __future__ import annotations

from pathlib import Path

from eventdesk import knowledge
from eventdesk.understand.places.index_builder import _Builder, country_forms
from eventdesk.understand.places.index_record import KINDS
from eventdesk.understand.places.names import name_key


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


def _validate_affixes(entry: dict, path: Path) -> None:
    if not all(isinstance(entry.get(k, []), list) for k in ("suffixes", "prefixes")):
        raise ValueError("admin_affixes entries hold lists 'suffixes' and 'prefixes'")


def _affixes() -> tuple[list[str], list[str]]:
    entries = knowledge.load("places.yaml", "admin_affixes", _validate_affixes)
    return ([str(s) for e in entries for s in e.get("suffixes", [])],
            [str(p) for e in entries for p in e.get("prefixes", [])])


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
