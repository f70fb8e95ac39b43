"""The gazetteer's name lookup: the records a name may mean, and how well it matches each.

Lookup goes:

1. exact `name_key` (case, diacritics, articles, transliteration folded);
2. else the consonant skeleton, keeping candidates whose key is close (fuzzy ratio);
3. else a rapidfuzz search among keys of the same first letter and similar length;
4. else the longest run of capitalised words that names a notable place on its own
   ("University of Alberta", "Dubai World Cup").

A "Town, Area" name is looked up inside its area (areas.py); a facility name ("X Air Base")
through its curated name or the place it is named after.
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz, process

from eventdesk.understand.places.index import GazetteerIndex
from eventdesk.understand.places.names import name_key, skeleton_key
from eventdesk.understand.places.place import REGION_KINDS, Place
from eventdesk.understand.places.rank_config import RankConfig

COMPASS_ADJECTIVES = frozenset({
    "northern", "southern", "eastern", "western", "central", "north-eastern", "north-western",
    "south-eastern", "south-western", "northeastern", "northwestern", "southeastern",
    "southwestern", "northeast", "northwest", "southeast", "southwest", "upper", "lower"})
COMPASS_WORDS = frozenset({"north", "south", "east", "west", "n", "s", "e", "w"})
CANDIDATE_MEMORY = 100_000  # names remembered (a few MB), forgotten all at once when full


def _nisba_shaped(name: str) -> bool:
    """"al-Baghdadi", "Al Masri": the Arabic article and an adjective of origin in -i/-y."""
    words = name.replace("-", " ").split()
    return (len(words) == 2 and words[0].lower() in ("al", "el")
            and len(words[1]) > 3 and words[1].lower().endswith(("i", "y")))


class NameLookup:
    """The lookup part of `Gazetteer` (gazetteer.py), which holds the index, the config and
    the caches these methods fill on first use."""

    index: GazetteerIndex
    config: RankConfig

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
