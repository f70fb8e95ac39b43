"""The actor registry: who the armed actors are, what they are called, and their lineage.

Data: knowledge/data/actors.yaml (the Islamic State's story: actors and lineages),
actors_world.yaml (the main armed groups of every region ACLED covers), countries.yaml (every
country: ACLED name, names, demonyms) and actor_descriptions.yaml (force nouns, descriptions),
validated on load. `ActorRegistry.default()` is built once per process.

ACLED's generic forms are made for any country rather than listed: `state_actor(country, kind)`
gives "Military Forces of X", "Police Forces of X", "Government of X", "Civilians (X)",
"Protesters (X)", "Rioters (X)" and "Unidentified Armed Group (X)", and `resolve()` reads such
a name back ("Military Forces of Myanmar (2021-)").

The registry's entries (`Actor`, `ActorRef`, ...) are in actor.py, the schema checks of its
files in schema.py, the normalised alias keys in alias_keys.py; all stay importable from here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from eventdesk import knowledge
from eventdesk.understand.actors.actor import Actor, ActorRef, Country, LineageStage, ResolveContext
from eventdesk.understand.actors.alias_keys import is_case_sensitive, normalise
from eventdesk.understand.actors.schema import (INTER_TYPES, STATE_KINDS, validate_actor,
                                                validate_country, validate_lineage)

# Names importable from here as before the split.
__all__ = ["ACTORS_FILE", "ACTORS_FILES", "COUNTRIES_FILE", "DESCRIPTIONS_FILE", "FUZZY_CUTOFF",
           "FUZZY_MIN_CHARS", "GENERIC_FORMS", "INTER_TYPES", "STATE_KINDS", "Actor", "ActorRef",
           "ActorRegistry", "Country", "LineageStage", "ResolveContext", "is_case_sensitive",
           "normalise", "validate_actor", "validate_country", "validate_lineage"]

ACTORS_FILE = "actors.yaml"
# Every file holding `actors` and `lineages` lists, read in this order (ids unique across them).
ACTORS_FILES = (ACTORS_FILE, "actors_world.yaml")
COUNTRIES_FILE = "countries.yaml"
DESCRIPTIONS_FILE = "actor_descriptions.yaml"
# ACLED's generic actor of a country: kind -> (name template, inter). `{of}` is the country as
# written inside a name ("the United States"), `{country}` its bare name.
GENERIC_FORMS = {
    "military": ("Military Forces of {of}", "state forces"),
    "police": ("Police Forces of {of}", "state forces"),
    "government": ("Government of {of}", "state forces"),
    "civilians": ("Civilians ({country})", "civilians"),
    "protesters": ("Protesters ({country})", "protesters"),
    "rioters": ("Rioters ({country})", "rioters"),
    "unidentified": ("Unidentified Armed Group ({country})", "political militia"),
}
# Those names read back: "Military Forces of Myanmar (2021-)", "Civilians (Palestine)".
_GENERIC_NAME = re.compile(
    r"^(?P<kind>military forces|police forces|government) of (?:the )?(?P<of>[^()]+?)(?: \(.*\))?$"
    r"|^(?P<kind2>civilians|protesters|rioters|unidentified armed group) \((?P<country>[^()]+)\)$",
    re.IGNORECASE)
_REBELS = re.compile(r"^Opposition Rebels \((?P<country>[^()]+)\)$")
_GENERIC_KIND = {"military forces": "military", "police forces": "police", "government": "government",
                 "civilians": "civilians", "protesters": "protesters", "rioters": "rioters",
                 "unidentified armed group": "unidentified"}
# Calibrated by hand on transliteration variants of the registry's own names: at 88 (plain
# Levenshtein ratio, QRatio) "Jabhat al-Nosra", "Hayat Tahrir al-Shaam", "Asaib Ahl al Hak"
# resolve, while distinct groups sharing words ("Ansar al-Sharia" / "Ansar al-Sunna",
# "Jaish al-Islam" / "Jaish al-Izza") stay apart; WRatio's partial matching merged those.
FUZZY_CUTOFF = 88
# Fuzzy matching is only tried on strings this long: short acronyms differ by one letter.
FUZZY_MIN_CHARS = 6


class ActorRegistry:
    """Actors by id and alias; `resolve(text)` finds the actor a name or description denotes."""

    def __init__(self, actors: list[Actor], lineages: dict[str, list[LineageStage]],
                 countries: list[Country]) -> None:
        self.actors = {a.id: a for a in actors}
        if len(self.actors) != len(actors):
            seen: set[str] = set()
            dupes = sorted({a.id for a in actors if a.id in seen or seen.add(a.id)})
            raise ValueError(f"duplicate actor ids: {dupes}")
        self.lineages = lineages
        self.countries: dict[str, Country] = {}
        self._country_key: dict[str, str] = {}  # normalised name, "of" form or demonym -> country
        for c in countries:
            self.countries.setdefault(c.name, c)
            for word in (c.name, c.of, *c.names, *c.demonyms):
                self._country_key.setdefault(normalise(word), c.name)
        self._exact: dict[str, list[str]] = {}  # case-sensitive aliases
        self._norm: dict[str, list[str]] = {}  # normalised aliases
        self._local: dict[str, list[str]] = {}  # aliases valid only in the actor's country
        self._state: dict[tuple[str, str], str] = {}
        for actor in actors:
            for alias in actor.exact_aliases:
                self._exact.setdefault(alias, []).append(actor.id)
            for alias in actor.local_aliases:
                self._local.setdefault(alias, []).append(actor.id)
            for alias in (actor.name, *actor.aliases):
                if is_case_sensitive(alias):
                    self._exact.setdefault(alias, []).append(actor.id)
                else:
                    self._norm.setdefault(normalise(alias), []).append(actor.id)
            if actor.kind and actor.country and actor.inter in {"state forces", "civilians"}:
                self._state.setdefault((actor.country, actor.kind), actor.id)
        # generic names ("Military Forces of Mali") are read by pattern, never fuzzily: one
        # letter apart they name another country ("Mali" / "Malawi")
        self._fuzzy_keys = [k for k in self._norm if len(k) >= FUZZY_MIN_CHARS
                            and not any(_GENERIC_NAME.match(self.actors[i].name) for i in self._norm[k])]
        self._describer = None
        self._generic: dict[str, Actor] | None = None  # made by generic(), on first use

    # ---- construction -------------------------------------------------------------------
    @classmethod
    def from_knowledge(cls) -> "ActorRegistry":
        entries = [e for name in ACTORS_FILES for e in knowledge.load(name, "actors", validate_actor)]
        actors = [
            Actor(id=e["id"], name=e["name"], inter=e["inter"], country=e.get("country"),
                  aliases=tuple(e.get("aliases", [])),
                  exact_aliases=tuple(e.get("exact_aliases", [])),
                  local_aliases=tuple(e.get("local_aliases", [])), affiliation=e.get("affiliation"),
                  kind=e.get("kind"), active=tuple(e["active"]) if e.get("active") else None,
                  pro_government=bool(e.get("pro_government", False)))
            for e in entries
        ]
        lineages = {
            e["id"]: [LineageStage(str(s["actor"]), str(s["from"])) for s in e["stages"]]
            for name in ACTORS_FILES for e in knowledge.load(name, "lineages", validate_lineage)
        }
        countries = [
            Country(e["name"], e["of"], tuple(e.get("names", [])), tuple(e.get("demonyms", [])))
            for name in (COUNTRIES_FILE, DESCRIPTIONS_FILE)
            for e in knowledge.load(name, "countries", validate_country)
        ]
        return cls(actors, lineages, countries)

    @staticmethod
    @lru_cache(maxsize=1)
    def default() -> "ActorRegistry":
        """The registry of the built-in knowledge plus EVENTDESK_KNOWLEDGE folders, built once."""
        return ActorRegistry.from_knowledge()

    @property
    def describer(self):
        if self._describer is None:
            from eventdesk.understand.actors.describe import Describer

            self._describer = Describer.from_knowledge(self)
        return self._describer

    # ---- lookups ------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.actors)

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def entry(self, actor_id: str) -> Actor | None:
        """The actor of any id this registry gives out: a listed actor, or a generic actor of
        a country that `state_actor` makes from the country table ("military-forces-of-mali")."""
        return self.actors.get(actor_id) or self.generic().get(actor_id)

    def generic(self) -> dict[str, Actor]:
        """Every generic actor made from the country table and not listed, by id (built once)."""
        if self._generic is None:
            made = ((kind, self.state_actor(c, kind)) for c in self.countries for kind in GENERIC_FORMS)
            self._generic = {r.id: Actor(r.id, r.name, r.inter, r.country, kind=kind)
                             for kind, r in made if r.id not in self.actors}
        return self._generic

    def aliases(self) -> list[tuple[str, str, bool]]:
        """(alias, actor id, case-sensitive) triples, canonical names included, for matchers."""
        rows = []
        for a in self.actors.values():
            rows += [(alias, a.id, is_case_sensitive(alias)) for alias in (a.name, *a.aliases)]
            rows += [(alias, a.id, True) for alias in (*a.exact_aliases, *a.local_aliases)]
        return rows

    def candidates(self, text: str, country: str | None = None) -> list[str]:
        """Actor ids whose alias is exactly `text` (case-sensitive aliases) or its normalised key;
        a local alias counts only when `country` is its actor's."""
        text = text.strip()
        if country and text in self._local:  # in its own country a local reading comes first
            country = self.canonical_country(country)
            local = [i for i in self._local[text] if self.actors[i].country == country]
            if local:
                return local
        return list(self._exact.get(text, [])) or list(self._norm.get(normalise(text), []))

    def canonical_country(self, name: str | None) -> str | None:
        """ACLED's name of the country `name` (a name, long form or demonym) denotes:
        "Democratic Republic of the Congo" -> "Democratic Republic of Congo", "Burmese" ->
        "Myanmar"; None when unknown."""
        return self._country_key.get(normalise(name)) if name else None

    def pick(self, ids: list[str], country: str | None) -> Actor | None:
        """Of several actors sharing an alias, the one of the context country, else the first."""
        if not ids:
            return None
        country = self.canonical_country(country) or country
        for actor_id in ids:
            if country and self.actors[actor_id].country == country:
                return self.actors[actor_id]
        return self.actors[ids[0]]

    def state_actor(self, country: str, kind: str = "military", text: str = "") -> ActorRef:
        """ACLED's generic actor of a country (`kind` one of GENERIC_FORMS: military, police,
        government, civilians, protesters, rioters, unidentified): the registry's entry when
        there is one (it carries aliases), else made from the country table. `country` may be
        any name or demonym of the country ("Burma", "Democratic Republic of the Congo")."""
        country = self.canonical_country(country) or country
        actor_id = self._state.get((country, kind))
        if actor_id:
            return self.actors[actor_id].ref(text, "description")
        of = self.countries[country].of if country in self.countries else country
        template, inter = GENERIC_FORMS[kind]
        name = template.format(of=of, country=country)
        return ActorRef(normalise(name).replace(" ", "-"), name, inter, country, text, "description")

    def where_it_happened(self, name: str, country: str | None) -> str:
        """ACLED names civilians, crowds and unidentified armed groups by the country where
        the event took place ("Unidentified Armed Group (Pakistan)" for a bombing in Khar,
        whatever neighbour the article also names); state forces keep their own country."""
        if not country:
            return name
        rebels = _REBELS.match(name.strip())
        if rebels is not None:  # rebels are named for the country they rise in
            home = self.canonical_country(country)
            return f"Opposition Rebels ({home})" if home else name
        m = _GENERIC_NAME.match(name.strip())
        if m is None or not m["kind2"]:
            return name
        ref = self.state_actor(country, _GENERIC_KIND[m["kind2"].lower()])
        return ref.name if ref.country else name

    @staticmethod
    def state_force(name: str) -> bool:
        """ACLED's name of a state actor ("Military Forces of X", "Police Forces of X",
        "Government of X")."""
        m = _GENERIC_NAME.match(name.strip())
        return bool(m and m["kind"])

    @staticmethod
    def unnamed_group(name: str) -> bool:
        """An armed group ACLED names only by kind and country ("Opposition Rebels (X)",
        "Unidentified Armed Group (X)")."""
        m = _GENERIC_NAME.match(name.strip())
        return bool(_REBELS.match(name.strip()) or m and (m["kind2"] or "").lower() == "unidentified armed group")

    def acting_force(self, name: str) -> str:
        """ACLED codes a state's fighting, strikes, arrests and troop moves to its forces
        ("Military Forces of X"); "Government of X" acts only in agreements. `name` is any
        actor name; only "Government of X" changes."""
        m = _GENERIC_NAME.match(name.strip())
        if m is None or (m["kind"] or "").lower() != "government":
            return name
        ref = self.generic_name(name)
        return self.state_actor(ref.country, "military").name if ref is not None and ref.country else name

    def generic_name(self, text: str) -> ActorRef | None:
        """ACLED's generic actor `text` names ("Military Forces of Myanmar (2021-)",
        "Civilians (Palestine)") when its country is known, else None."""
        m = _GENERIC_NAME.match(text.strip())
        if m is None:
            return None
        kind = _GENERIC_KIND[(m["kind"] or m["kind2"]).lower()]
        country = self.canonical_country(m["of"] or m["country"])
        return self.state_actor(country, kind, text) if country else None

    def resolve(self, text: str, context: "ResolveContext | None" = None) -> ActorRef | None:
        """The actor `text` names or describes: exact alias, normalised alias, description, fuzzy."""
        context = context or ResolveContext()
        text = text.strip()
        if not text:
            return None
        return (self.resolve_name(text, context.country, fuzzy=False)
                or self.describer.resolve(text, context)
                or self._named_members(text, context.country)
                or self.resolve_name(text, context.country, fuzzy=True))

    def _named_members(self, text: str, country: str | None) -> ActorRef | None:
        """A named group followed by a member noun ("Taliban fighters", "M23 rebels") is the group."""
        words = text.split()
        for n in (2, 1):
            if len(words) > n and self.describer.member_of(" ".join(words[-n:])):
                ref = self.resolve_name(" ".join(words[:-n]), country, fuzzy=False)
                if ref is not None:
                    return ActorRef(ref.id, ref.name, ref.inter, ref.country, text, ref.how, ref.pro_government)
        return None

    def resolve_name(self, text: str, country: str | None = None, fuzzy: bool = True) -> ActorRef | None:
        """The actor `text` names: exact or normalised alias, then (if `fuzzy`) a close spelling."""
        actor = self.pick(self.candidates(text, country), country)
        if actor:
            how = "alias" if text in (actor.name, *actor.aliases, *actor.exact_aliases) else "normalised"
            return actor.ref(text, how)
        generic = self.generic_name(text)
        if generic is not None:
            return ActorRef(generic.id, generic.name, generic.inter, generic.country, text, "alias")
        key = normalise(text)
        if not fuzzy:
            return None
        if len(key) < FUZZY_MIN_CHARS:
            return None
        best = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.QRatio, score_cutoff=FUZZY_CUTOFF)
        if best is None or self._other_country(key, best[0]):
            return None
        actor = self.pick(self._norm[best[0]], country)
        return actor.ref(text, "fuzzy") if actor else None

    def _other_country(self, key: str, match: str) -> bool:
        """A close spelling that names another country is another actor ("Islamic State
        Nigeria" is not "Islamic State Algeria")."""
        def named(k: str) -> set[str]:
            words = k.split()
            return {self._country_key[" ".join(words[i:i + n])] for n in (1, 2, 3)
                    for i in range(len(words) - n + 1) if " ".join(words[i:i + n]) in self._country_key}
        return named(key) != named(match)

    # ---- lineage ------------------------------------------------------------------------
    def lineage(self, actor_id: str) -> list[LineageStage]:
        """The dated names of the organisation `actor_id` belongs to (empty if none recorded)."""
        for stages in self.lineages.values():
            if any(s.actor == actor_id for s in stages):
                return list(stages)
        return []

    def name_at(self, actor_id: str, date: str) -> ActorRef | None:
        """The actor the organisation was at an ISO date ("2005" -> AQI for the Islamic State)."""
        stages = self.lineage(actor_id)
        if not stages:
            return self.actors[actor_id].ref() if actor_id in self.actors else None
        current = [s for s in stages if s.start <= date] or stages[:1]
        actor = self.actors.get(current[-1].actor)
        return actor.ref() if actor else None

    def affiliates(self, actor_id: str) -> list[Actor]:
        """Actors that declare `actor_id` as their parent (IS -> its provinces)."""
        return [a for a in self.actors.values() if a.affiliation == actor_id]
