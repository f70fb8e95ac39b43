"""The gazetteer: look a place name up and pick the place the document means.

`Gazetteer.default()` loads (building on first use) the index of understand/place_index.py
once per process. Lookup goes:

1. exact `name_key` (case, diacritics, articles, transliteration folded);
2. else the consonant skeleton, keeping candidates whose key is close (fuzzy ratio);
3. else a rapidfuzz search among keys of the same first letter and similar length;
4. else the longest run of capitalised words that names a notable place on its own
   ("University of Alberta", "Dubai World Cup").

Candidates are ranked, not picked by population alone (which sends Rawa to Poland, Anbar to
Turkey, Sinai to Mexico): a score adds the document's countries, closeness to the document's
other places, the kind of feature (country > region > town), a trusted curated entry, how the
name matched, and only then log population. `resolve_all` resolves the toponyms of one
document in two passes so that each one's context is the others.
"""

from __future__ import annotations

import math
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from eventdesk.understand.places.index import KINDS, GazetteerIndex, load_or_build
from eventdesk.understand.places.names import name_key, skeleton_key


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place; `country` is the English short name ("Syria")."""

    id: str
    name: str
    country: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    kind: str
    geo_precision: int
    country_code: str | None = None
    population: int = 0


@dataclass
class RankConfig:
    """Weights of the candidate score, set by hand against two measures: GeoNames variant
    pairs of Syria and Iraq resolved to their own id (tests/understand/test_gazetteer.py) and
    GeoWebNews accuracy@161km (bench/bench_geowebnews.py), then checked on the locations of
    the seed and dev gold events (57 of 63 right; the misses are villages no source holds)."""

    # Tried 1.5 / 2.0 / 2.5: pairs 0.943 / 0.953 / 0.964, GeoWebNews 0.783 / 0.785 / 0.785.
    country_bonus: float = 2.5  # candidate lies in a country the document names
    near_bonus: float = 2.0  # full bonus at 0 km, falling linearly to 0 at near_km
    near_km: float = 400.0
    # admin2 1.0 / 0.5 / 0.0: GeoWebNews 0.887 / 0.890 / 0.890 (a bare "Cambridge" is a town,
    # not the Town of Cambridge, Western Australia; "X County" still asks for the county).
    # water 0.5 / 1.0 / 2.0 / 3.0: GeoWebNews 0.884 / 0.884 / 0.887 / 0.888 (a bare "Atlantic"
    # is the ocean, not Atlantic County); 2.0, level with a country, the safer of the two best.
    kind_bonus: dict = field(default_factory=lambda: {
        "country": 2.0, "continent": 1.5, "admin1": 1.0, "admin2": 0.5, "region": 1.0,
        "water": 2.0, "capital": 1.0})
    prefer_bonus: float = 3.0  # "X province" asks for a region, "X town" for a town
    curated_bonus: float = 1.0  # domain knowledge beats a same-named GeoNames hamlet
    # 0.5 -> 1.0 fixed GeoWebNews names that are an alternate of a small town elsewhere.
    primary_bonus: float = 1.0  # a main (or curated) name rather than a GeoNames alternate
    loose_malus: float = 1.5  # matched only through the skeleton or fuzzy search
    # 0.5 -> 0.8 per decade: Toronto stays in Canada in an article about the United States.
    population_weight: float = 0.8
    # rapidfuzz ratios over match keys. Raised from 88 / 75 to 92 / 85 after GeoWebNews showed
    # loose matches sending unknown names to wrong towns (Russian -> Roussillon, Orange
    # County -> Oran); the GeoNames variant pairs scored the same at every value from 75 to 90.
    fuzzy_cutoff: float = 92.0
    # A place named inside a longer name ("University of X") must be a region, a capital or
    # a town of this size. GeoWebNews: 1,000 / 10,000 / 50,000 / 100,000 gave 0.850 / 0.848
    # / 0.853 / 0.853 (fewer answers, more of them right, from 50,000 on).
    notable_population: int = 50_000
    skeleton_cutoff: float = 85.0
    # A town of a first-level region the document names ("Suffolk" in an article that says
    # "New York", "Cambridge" beside "Massachusetts"). GeoWebNews: 0 / 1.0 / 2.0 / 3.0 ->
    # 0.891 / 0.893 / 0.892 / 0.889. (Weighing a country the document only implies through
    # its towns at half one it names outright cost 0.003: left out.)
    region_bonus: float = 1.0
    # A town under 1/tiny_ratio the size of a town of the same main name in one of the
    # document's countries loses tiny_malus: a state named for its college team ("Mississippi")
    # must not send "Louisville" to a village of 6,000 when Louisville, Kentucky has 600,000.
    # GeoWebNews, ratio/malus 20/1, 50/1, 50/2, 100/1, 100/2: 0.904 / 0.905 / 0.904 / 0.903 /
    # 0.903 (0.903 without); only main-name towns set the size (White House: Casablanca).
    tiny_ratio: float = 50.0
    tiny_malus: float = 1.0
    # "Croft, Yorkshire": a county or region holds the towns within this distance of its
    # middle (general knowledge: Yorkshire, the largest English county, reaches ~120 km from
    # its middle; US counties and most admin2 areas are far smaller).
    area_km: float = 120.0
    # Passes of resolve_all: each ranks every name in the context of the others' last
    # answers. GeoWebNews 2 / 3 / 4 passes: 0.9167 / 0.9175 / 0.9163 (a third pass corrects
    # a first answer that misled the context: "Rockingham" first read as the US county).
    passes: int = 3
    # A place in the first-level region where implied_min of the document's other names lie
    # ("Daviess County", "Muhlenberg County", "Owensboro": McLean County is the one in
    # Kentucky). GeoWebNews, at least 1 / 2 / 3 / 4 names with bonus 0.5 / 1 / 2:
    # 0.9246 0.9217 0.9159 / 0.9254 0.9250 0.9188 / 0.9259 0.9271 0.9263 / - 0.9263 0.9254
    # (0.9246 without).
    implied_region_bonus: float = 1.0
    implied_min: int = 3
    # A town under 1/world_ratio the size of the biggest town of its main name anywhere loses
    # world_malus, whatever the document's countries: London, California (1,900 people) in
    # an article about Los Angeles is still London. GeoWebNews, ratio 300 / 1,000 / 3,000:
    # 0.9063 each (0.9059 without); malus 1 / 2 / 3: the same figure; 2 also holds London
    # against a hamlet of a state the article names, a case the benchmark does not hold.
    world_ratio: float = 1000.0
    world_malus: float = 2.0


COMPASS_ADJECTIVES = frozenset({
    "northern", "southern", "eastern", "western", "central", "north-eastern", "north-western",
    "south-eastern", "south-western", "northeastern", "northwestern", "southeastern",
    "southwestern", "northeast", "northwest", "southeast", "southwest", "upper", "lower"})
COMPASS_WORDS = frozenset({"north", "south", "east", "west", "n", "s", "e", "w"})
CANDIDATE_MEMORY = 100_000  # names remembered (a few MB), forgotten all at once when full
TOWN_KINDS = frozenset({"capital", "city", "town", "village"})
# What may follow "Town, " as the area that holds the town.
AREA_KINDS = frozenset({"country", "admin1", "admin2", "region"})
REGION_KINDS = frozenset({"country", "continent", "admin1", "admin2", "region", "district",
                          "water"})
_lock = threading.Lock()


def _nisba_shaped(name: str) -> bool:
    """"al-Baghdadi", "Al Masri": the Arabic article and an adjective of origin in -i/-y."""
    words = name.replace("-", " ").split()
    return (len(words) == 2 and words[0].lower() in ("al", "el")
            and len(words[1]) > 3 and words[1].lower().endswith(("i", "y")))


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km."""
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


class Gazetteer:
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

    def demonym(self, text: str) -> Place | None:
        """The country a demonym names ("Iraqi", "Syrians"), or None."""
        idx = self.index.demonyms.get(name_key(text))
        return self.place(idx) if idx is not None else None

    # -- lookup -------------------------------------------------------------------------
    def candidates(self, name: str) -> list[tuple[int, int]]:
        """(record index, match quality): 2 main name, 1 alternate name, 0 loose match.
        Remembered per name: every pass of `resolve_all` asks again, and a fuzzy search
        costs ~1 ms (GeoWebNews 645 -> 1,546 toponyms/s)."""
        found = self._seen.get(name)
        if found is None:
            if len(self._seen) >= CANDIDATE_MEMORY:
                self._seen.clear()
            found = self._seen[name] = self._lookup(name)
        return list(found)

    def match_quality(self, name: str, place: Place) -> int | None:
        """How `name` reached `place`: 2 a main (or curated) name, 1 an alternate, 0 a loose
        match; None when `name` does not reach it at all."""
        found = [q for i, q in self.candidates(name) if self.index.records[i][0] == place.id]
        return max(found) if found else None

    def _lookup(self, name: str) -> list[tuple[int, int]]:
        key = name_key(name)
        head, comma, tail = name.rpartition(",")
        if comma and head.strip() and tail.strip() and key not in self.index.keys:
            return self._qualified(head.strip(), tail.strip())  # "Washington, D.C." is a name
        if len(key) < 2:
            return []
        exact = self.index.keys.get(key)
        demonym = self.index.demonyms.get(key)
        if demonym is not None:  # "Syrian" names Syria, never Soriano (Uruguay)
            return [(demonym, 2)]
        facility = self._facility(name)
        if facility is not None:
            return facility
        nisba = _nisba_shaped(name)
        if exact:
            best: dict[int, int] = {}
            for code in exact:
                if self._acronym_clash(name, code) or nisba and not code % 2:
                    continue  # "al-Baghdadi" as a GeoNames alternate of Baghdati (Georgia)
                best[code // 2] = max(best.get(code // 2, 0), 1 + code % 2)
            return list(best.items())
        if nisba:
            return []  # "al-Baghdadi", "al-Masri": a person's origin, no other spelling of a town
        words = name.split(maxsplit=1)
        if len(words) == 2 and words[0].lower() in COMPASS_ADJECTIVES:
            # "central Syria", "Southern Afghanistan": the area is part of the named place
            # (ACLED keeps the named place's precision, so the gold does too).
            found = self.candidates(words[1])
            if found:
                return found
        cutoff = self.config.fuzzy_cutoff
        if len(key) < 5:  # too short for a loose match to mean anything
            return []
        # A shared skeleton is only a hint: the main names must still look alike.
        loose = [i for i in self.index.skeletons.get(skeleton_key(name), ())
                 if fuzz.ratio(key, name_key(self.index.records[i][1])) >= self.config.skeleton_cutoff]
        if loose:
            return [(i, 0) for i in loose]
        match = process.extractOne(key, self._letter_keys(key), scorer=fuzz.ratio,
                                   score_cutoff=cutoff)
        if match is None:
            return self._contained(name)
        return [(code // 2, 0) for code in self.index.keys[match[0]]]

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

    def _acronym_clash(self, name: str, code: int) -> bool:
        """"IS", "AQ", "SDF" in capitals are abbreviations, not the towns Is (Russia) or
        Is-sur-Tille: a short name in capitals matches a town only when the town's main name
        holds it in capitals; countries, regions and curated places keep their abbreviations
        ("US", "UAE", "KRG"), and so does a town whose curated alternates list it ("D.C.")."""
        if not (name.isupper() and len(name) <= 4):
            return False
        rec = self.index.records[code // 2]
        curated_alias = code % 2 and name_key(rec[1]) != name_key(name)
        return not (rec[6] in REGION_KINDS or rec[8] or name in rec[1] or curated_alias)

    def _facility(self, name: str) -> list[tuple[int, int]] | None:
        """"X International Airport", "X Air Base", "Mount X": the curated name of the
        facility, else the place X it is named after. GeoNames files airport names as
        alternates of unrelated towns (Hamid Karzai International Airport under Isparta), so
        only a main or curated name of the whole facility counts. None when `name` is no
        facility name."""
        split = self._facility_split(name)
        if split is None:
            return None
        whole = {code // 2 for code in self.index.keys.get(name_key(name), ()) if code % 2}
        if whole:
            return [(i, 2) for i in whole]
        rest, notable_only, word = split
        exact: set[int] = set()
        for form in (rest, f"{rest} {word}") if rest else ():  # "Cavan County" (Council)
            exact |= {code // 2 for code in self.index.keys.get(name_key(form), ())}
        if notable_only and not any(self._notable(i) for i in exact):
            exact = set()  # "Loyola University", "Cornell University": a person, no hamlet
        if exact:
            return [(i, 1) for i in exact]
        return self._contained(rest) if rest else []

    def _facility_split(self, name: str) -> tuple[str, bool, str] | None:
        """(the name without its facility words, whether only a notable place may be what
        the rest names, the first facility word), or None when `name` has none: "Mosul Dam
        Airport" -> ("Mosul Dam", False, "Airport"), "Capitol" -> ("", True, "Capitol"),
        "Mount Chaambi" -> ("Chaambi", True, "Mount")."""
        words = name.split()
        suffixes, prefixes = self.facility_words
        for n in range(min(3, len(words)), 0, -1):
            notable = suffixes.get(" ".join(words[-n:]).lower())
            if notable is not None:
                return " ".join(words[:-n]), notable, words[-n]
        if len(words) > 1 and words[0].lower() in prefixes:
            return " ".join(words[1:]), prefixes[words[0].lower()], words[0]
        return None

    @property
    def facility_words(self) -> tuple[dict[str, bool], dict[str, bool]]:
        """Facility suffixes and prefixes -> whether the rest of the name must be a notable
        place to name it: an air base takes a village's name (Kuweires), a university a
        founder's (Cornell)."""
        if self._facility_words is None:
            from eventdesk import knowledge

            entries = knowledge.load("places.yaml", "facilities")
            self._facility_words = tuple(
                {str(w).lower(): bool(e.get("named_after_notable_places"))
                 for e in entries for w in e.get(part, [])} for part in ("suffixes", "prefixes"))
        return self._facility_words

    def _contained(self, name: str) -> list[tuple[int, int]]:
        """A landmark, institution or area named after a known place ("University of
        Alberta", "Mosul Dam", "Dubai World Cup", "West Surrey"): the longest run of
        capitalised words (leftmost first) that is a place name on its own, if a notable
        place bears it (a hamlet called "Trump" is not what "Trump Tower" means)."""
        words = name.split()
        for n in range(len(words) - 1, 0, -1):
            for start in range(len(words) - n + 1):
                gram = words[start:start + n]
                if not (gram[0][:1].isupper() and gram[-1][:1].isupper()):
                    continue
                if n == 1 and gram[0].lower() in COMPASS_ADJECTIVES | COMPASS_WORDS:
                    continue  # "West Surrey", "West Wing": the compass word names no place
                key = name_key(" ".join(gram))
                if len(key) < 3 and not (gram[0].isupper() and self._country_key(key)):
                    continue  # "US Federal Reserve", "UK Parliament": a country in capitals
                demonym = self.index.demonyms.get(key)
                if demonym is not None:
                    return [(demonym, 1)]
                found = {code // 2 for code in self.index.keys.get(key, ())}
                if any(self._notable(i) for i in found):
                    return [(i, 1) for i in found]
        return []

    def _country_key(self, key: str) -> bool:
        return any(self.index.records[c // 2][6] == "country" for c in self.index.keys.get(key, ()))

    def _notable(self, idx: int) -> bool:
        kind, pop = self.index.records[idx][6], self.index.records[idx][7]
        return kind in REGION_KINDS or kind == "capital" or pop >= self.config.notable_population

    def _letter_keys(self, key: str) -> list[str]:
        """Keys with the same first letter and a length within 2 (fuzzy candidates); grouped
        once by (letter, length) because scanning a letter's keys per lookup cost ~12 ms."""
        if self._by_letter is None:
            groups: dict[tuple[str, int], list[str]] = defaultdict(list)
            for k in self.index.keys:
                groups[(k[0], len(k))].append(k)
            self._by_letter = groups
        n = len(key)
        return [k for m in range(n - 2, n + 3) for k in self._by_letter.get((key[0], m), ())]

    # -- ranking ------------------------------------------------------------------------
    def score(self, idx: int, quality: int, countries: dict[str, float],
              near: Sequence[tuple[float, float]], prefer: str | None,
              regions: frozenset[tuple[str, str]] = frozenset(),
              implied: frozenset[tuple[str, str]] = frozenset()) -> float:
        cfg = self.config
        _, _, cc, admin1, lat, lon, kind, pop, curated = self.index.records[idx]
        s = cfg.population_weight * math.log10(pop + 10) + cfg.kind_bonus.get(kind, 0.0)
        s += cfg.country_bonus * countries.get(cc, 0.0) if cc else 0.0
        if regions and kind not in REGION_KINDS and (cc, admin1) in regions:
            s += cfg.region_bonus
        if implied and kind not in ("country", "admin1") and (cc, admin1) in implied:
            s += cfg.implied_region_bonus
        if near and lat is not None:
            d = min(km((lat, lon), p) for p in near)
            s += cfg.near_bonus * max(0.0, 1.0 - d / cfg.near_km)
        if curated:
            s += cfg.curated_bonus
        s += cfg.primary_bonus if quality == 2 else (-cfg.loose_malus if quality == 0 else 0.0)
        if prefer == "region" and kind in REGION_KINDS - {"country", "continent"}:
            s += cfg.prefer_bonus
        elif prefer == "settlement" and kind not in REGION_KINDS:
            s += cfg.prefer_bonus
        return s

    def _weights(self, countries) -> dict[str, float]:
        if not countries:
            return {}
        if isinstance(countries, dict):
            return countries
        codes = (self.country_code(c) for c in countries)
        return {c: 1.0 for c in codes if c}

    def rank(self, name: str, countries=None, near=None, prefer: str | None = None,
             regions: frozenset[tuple[str, str]] = frozenset(),
             implied: frozenset[tuple[str, str]] = frozenset()) -> list[tuple[float, int]]:
        weights = self._weights(countries)
        cands = self.candidates(name)
        if weights and cands and all(q == 0 for _, q in cands):
            # A loose match abroad is a different name, not another spelling.
            cands = [(i, q) for i, q in cands if self.index.records[i][2] in weights]
        if regions and cands:
            cands = cands + self._named_regions(name, regions, {i for i, _ in cands})
        ranked = [(self.score(i, q, weights, near or (), prefer, regions, implied), i)
                  for i, q in cands]
        if weights and len(ranked) > 1:
            ranked = self._demote_tiny(ranked, dict(cands), weights)
        return sorted(ranked, reverse=True)

    def _named_regions(self, name: str, regions, have: set[int]) -> list[tuple[int, int]]:
        """A state the document names another way ("Wash.", "WA", "Washington state") is a
        reading of its bare name too, which a bigger town holds alone ("Washington")."""
        key = name_key(name)
        return [(i, 2) for cc, a1 in regions if name_key(a1) == key
                for i in self._admin1_named(cc, a1) if i not in have]

    def _demote_tiny(self, ranked: list[tuple[float, int]], quality: dict[int, int],
                     weights: dict[str, float]) -> list[tuple[float, int]]:
        recs, towns = self.index.records, ("city", "capital")
        main = [recs[i] for _, i in ranked if quality[i] == 2 and recs[i][6] in towns]
        top = max((r[7] for r in main if weights.get(r[2])), default=0)
        world = max((r[7] for r in main), default=0)
        cfg = self.config
        limit, far = top / cfg.tiny_ratio, world / cfg.world_ratio
        return [(s - (cfg.world_malus if recs[i][7] < far else cfg.tiny_malus)
                 if recs[i][6] in towns and recs[i][7] < max(limit, far) else s, i)
                for s, i in ranked]

    def resolve(self, name: str, countries: Iterable[str] | dict | None = None,
                near: Sequence[tuple[float, float]] | None = None,
                prefer: str | None = None) -> Place | None:
        """The best place for `name` given the document's countries (names or ISO codes)
        and the points of its other places; `prefer` is "region" or "settlement"."""
        ranked = self.rank(name, countries, near, prefer)
        return self.place(ranked[0][1]) if ranked else None

    def resolve_all(self, names: Sequence[str], prefer: Sequence[str | None] | None = None,
                    countries: Iterable[str] | None = None) -> list[Place | None]:
        """Resolve the toponyms of one document, each in the context of the others.

        Pass 1 ranks each name with the countries the caller knows; the countries, regions
        and points of its answers (each counted once per distinct name) then become the
        context of pass 2, where every name sees the others' answers but not its own
        (GeoWebNews 0.9005 when a name's own first answer counted, 0.9096 without). A name
        that qualified a town elsewhere ("Tacoma, Washington") keeps that sense.
        """
        prefer = list(prefer) if prefer is not None else [None] * len(names)
        base = self._weights(countries)
        ranked = [self.rank(n, base, None, p) for n, p in zip(names, prefer)]
        for _ in range(self.config.passes - 1):
            ranked = self._again(names, prefer, ranked, base)
        focus = self._focus(names, ranked)
        places = [self.place(r[0][1]) if r else focus if focus is not None
                  and self._facility_split(n) is not None else None for n, r in zip(names, ranked)]
        return self._without_loose_abroad(names, places, base)

    def _without_loose_abroad(self, names: Sequence[str], places: list, base: dict) -> list:
        """A loose match (skeleton or fuzzy) in a country no sure name of the document, and
        no country the caller knows, points at is another name, not another spelling
        ("Kolofata" is no Klofta in Norway): no answer beats a wrong one."""
        loose = {i for i, (n, p) in enumerate(zip(names, places)) if p is not None and self.match_quality(n, p) == 0}
        sure = set(base) | {p.country_code for i, p in enumerate(places)
                            if p is not None and p.country_code and i not in loose}
        return [None if i in loose and p.country_code not in sure else p for i, p in enumerate(places)]

    def _focus(self, names: Sequence[str], ranked: list) -> Place | None:
        """The town the document is about: the settlement its names resolve to most often
        (the first named on a tie), else its county, where a church, hospital or prison the
        gazetteer lacks most likely stands."""
        recs = self.index.records
        towns: Counter = Counter()
        areas: Counter = Counter()
        states: Counter = Counter()
        for n, r in zip(names, ranked):
            kind = recs[r[0][1]][6] if r and not n.islower() else None
            if kind in TOWN_KINDS:
                towns[r[0][1]] += 1
            elif kind in ("admin2", "district"):
                areas[r[0][1]] += 1  # no town named: the county it lies in
            elif kind == "admin1":
                states[(recs[r[0][1]][2], recs[r[0][1]][3])] += 1
        # a town of the state the article keeps naming ("Shelby" in an article on Montana)
        score = {i: c + states[(recs[i][2], recs[i][3])] for i, c in towns.items()}
        if score:
            return self.place(max(score, key=score.get))
        best = areas.most_common(1)
        return self.place(best[0][0]) if best else None

    def _again(self, names: Sequence[str], prefer: list, ranked: list, base: dict) -> list:
        """One more pass: each name ranked in the context of the others' last answers."""
        context = self._context(names, ranked)
        out = []
        for n, p, last in zip(names, prefer, ranked):
            if not last:
                out.append(last)
                continue
            own = self._own_key(n)
            sense = context.senses.get(own)
            if sense is not None:  # "Tacoma, Washington" said which Washington this is
                out.append([(0.0, sense)])
                continue
            weights, regions, near, implied = context.without(own, base, self.config.implied_min)
            out.append(self.rank(n, weights, near, p, regions, implied))
        return out

    def _context(self, names: Sequence[str], first: list) -> "_Context":
        """What each distinct name's first answer says about the document."""
        ctx = _Context()
        for n, ranked in zip(names, first):
            key = self._own_key(n)
            if not ranked or key in ctx.seen or n.islower():
                continue  # a lower-case word ("the embassy") is no name and lends no context
            ctx.seen.add(key)
            rec = self.index.records[ranked[0][1]]
            self._area_sense(n, ranked[0][1], ctx)
            if rec[2]:
                ctx.votes[key] = rec[2]
            if rec[6] == "admin1" and rec[3]:
                ctx.regions[key] = (rec[2], rec[3])
            if rec[6] not in ("country", "continent") and rec[4] is not None:
                ctx.points[key] = (rec[4], rec[5])
            if rec[6] != "country" and rec[2] and rec[3]:
                ctx.admins[key] = (rec[2], rec[3])
        return ctx

    def _own_key(self, name: str) -> str:
        """The key a name lends context under: a pair whose town is unknown ("Ramor
        Theatre, Virginia") is the qualifier named again."""
        head, comma, tail = name.rpartition(",")
        if (comma and head.strip() and tail.strip() and name_key(name) not in self.index.keys
                and not any(q for _, q in self.candidates(head.strip()))):
            return name_key(tail)
        return name_key(name)

    def _area_sense(self, name: str, idx: int, ctx: "_Context") -> None:
        """"Tacoma, Washington": the area that holds the answer is what the qualifier means
        wherever the document names it alone, and a region of the document."""
        head, comma, tail = name.rpartition(",")
        if not (comma and head.strip() and tail.strip()):
            return
        head, tail = head.strip(), tail.strip()
        for area in self._area_records(tail) or self._bare_areas(head, tail):
            if self._inside(idx, area):
                ctx.senses.setdefault(name_key(tail), area)
                ctx.senses.setdefault(name_key(head), idx)  # "New Quay" alone: the same town
                rec = self.index.records[area]
                if rec[6] == "admin1" and rec[3]:
                    ctx.regions[name_key(tail)] = (rec[2], rec[3])
                return


@dataclass
class _Context:
    """The first-pass answers of a document's names, keyed by name; a name's context is
    the others' answers (leave-one-out), never its own: "Santa Barbara" first read as the
    Honduran department must not vote Honduras and that department into its own ranking."""

    seen: set = field(default_factory=set)
    votes: dict = field(default_factory=dict)  # name key -> country code
    regions: dict = field(default_factory=dict)  # name key -> (country, admin1)
    points: dict = field(default_factory=dict)  # name key -> (lat, lon)
    senses: dict = field(default_factory=dict)  # name key -> the area record it names
    admins: dict = field(default_factory=dict)  # name key -> (country, admin1) it lies in

    def without(self, own: str, base: dict[str, float], min_names: int = 3):
        votes = Counter(c for k, c in self.votes.items() if k != own)
        total = sum(votes.values()) or 1
        weights = {c: min(1.0, 0.5 + v / total) for c, v in votes.items()}
        for c, w in base.items():
            weights[c] = max(weights.get(c, 0.0), w)
        regions = frozenset(r for k, r in self.regions.items() if k != own)
        near = [pt for k, pt in self.points.items() if k != own]
        counts = Counter(a for k, a in self.admins.items() if k != own)
        implied = frozenset(a for a, n in counts.items() if n >= min_names)
        return weights, regions, near, implied
