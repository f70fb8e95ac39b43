"""Actors described rather than named: "Iraqi troops", "regime forces", "the militants".

Rules (data in knowledge/data/actor_descriptions.yaml; the code only combines them):
1. a fixed phrase of the `generic` table ("rebels", "Shia militias", "the coalition") resolves
   to its actor, or to its `{country}` name template with the context country;
2. a nationality adjective or country name, then optional government modifiers, then a force
   noun ("Nigerien soldiers", "US special forces", "Syrian government forces") -> the state
   forces of that country, police for police nouns;
3. a government modifier + force noun ("regime forces", "pro-government troops") or a bare
   force noun ("soldiers", "police") -> the state forces of the context country;
4. an anaphor ("the militants", "the group", "jihadists") -> the article's main non-state armed
   actor, when the caller found one.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventdesk import knowledge
from eventdesk.understand.actors.registry import (
    DESCRIPTIONS_FILE,
    ActorRef,
    ActorRegistry,
    ResolveContext,
    normalise,
)

# Force nouns too vague to stand alone for a country's forces ("forces loyal to ...").
_NOT_STANDALONE = frozenset({"forces", "force", "units", "aircraft", "jets", "warplanes",
                             "officers", "regime troops", "administration", "cabinet", "drones",
                             "helicopters", "fighter jets", "warships", "gunships", "navy",
                             "intelligence", "agents"})


def _validate_generic(entry: dict, path) -> None:
    if not isinstance(entry, dict) or not isinstance(entry.get("phrases"), list):
        raise ValueError("a generic description needs a list of 'phrases'")
    if not (entry.get("actor") or entry.get("name") or entry.get("by_country")):
        raise ValueError(f"{entry['phrases'][:2]}: needs 'actor', 'name' or 'by_country'")


@dataclass(frozen=True, slots=True)
class Generic:
    actor: str | None = None
    name: str | None = None  # template with {country}
    inter: str | None = None
    id: str | None = None
    country: str | None = None
    by_country: tuple[tuple[str, str], ...] = ()
    default: str | None = None


class Describer:
    """Resolves description phrases to actors (see the module docstring for the rules)."""

    def __init__(self, registry: ActorRegistry, content: dict) -> None:
        self.registry = registry
        self.demonyms: dict[str, str] = {}  # normalised demonym or country name -> country
        for country in registry.countries.values():
            for word in (*country.demonyms, *country.names):
                self.demonyms.setdefault(normalise(word), country.name)
        self.force_kind: dict[str, str] = {}
        for kind, nouns in content["force_nouns"].items():
            for noun in nouns:
                self.force_kind[normalise(noun)] = kind
        self.gov_modifiers = {normalise(m) for m in content["government_modifiers"]}
        self.member_nouns = {normalise(m) for m in content["member_nouns"]}
        self.anaphors = {normalise(a) for a in content["anaphors"]}
        self.generic: dict[str, Generic] = {}
        for entry in content["generic"]:
            rule = Generic(entry.get("actor"), entry.get("name"), entry.get("inter"), entry.get("id"),
                           entry.get("country"), tuple((entry.get("by_country") or {}).items()),
                           entry.get("default"))
            for phrase in entry["phrases"]:
                self.generic[normalise(phrase)] = rule
        self.raw = content

    @classmethod
    def from_knowledge(cls, registry: ActorRegistry) -> "Describer":
        content: dict = {"force_nouns": {}, "government_modifiers": [], "member_nouns": [],
                         "anaphors": [], "derived_group_words": [], "derived_group_nouns": [], "generic": [], "state_roles": {}}
        for path, data in knowledge.load_all(DESCRIPTIONS_FILE):
            data = data or {}
            for key, words in (data.get("state_roles") or {}).items():
                content["state_roles"].setdefault(key, []).extend(words)
            for kind, nouns in (data.get("force_nouns") or {}).items():
                content["force_nouns"].setdefault(kind, []).extend(nouns)
            for key in ("government_modifiers", "member_nouns", "anaphors", "derived_group_words",
                        "derived_group_nouns"):
                content[key].extend(data.get(key) or [])
        content["generic"] = knowledge.load(DESCRIPTIONS_FILE, "generic", _validate_generic)
        return cls(registry, content)

    # ---- phrase lists for the Doc matchers ------------------------------------------------
    def head_phrases(self) -> list[str]:
        """Phrases that end a description (force nouns, generic phrases, anaphors)."""
        phrases = set(self.raw["anaphors"])
        for nouns in self.raw["force_nouns"].values():
            phrases.update(nouns)
        for entry in self.raw["generic"]:
            phrases.update(entry["phrases"])
        return sorted(phrases)

    def modifier_words(self) -> set[str]:
        """Lower-case words that may precede a head phrase inside a description."""
        words = {"-", "pro", "'s", "\u2019s", "led", "backed"}
        for phrase in (*self.demonyms, *self.gov_modifiers, *self.force_kind):
            words.update(phrase.split())
        return words

    def state_role_words(self, key: str) -> frozenset[str]:
        """Lower-case words of one `state_roles` list (partner_prepositions, place_nouns, ...)."""
        return frozenset(w.lower() for w in self.raw.get("state_roles", {}).get(key, ()))

    # ---- resolution -----------------------------------------------------------------------
    def resolve(self, text: str, context: ResolveContext | None = None) -> ActorRef | None:
        context = context or ResolveContext()
        key = normalise(text)
        if not key:
            return None
        if key in self.generic:
            return self._generic(self.generic[key], context.country, text)
        if key in self.anaphors:
            if context.main_actor is None and context.unnamed_only and context.country:
                # no armed group is named anywhere in the article: ACLED's unidentified group
                return self.registry.state_actor(context.country, "unidentified", text)
            return _as_anaphor(context.main_actor, text)
        country, rest = self._split_country(key)
        if country is None and " of " in key:  # "the government of Iraq"
            head, _, tail = key.rpartition(" of ")
            tail = tail.removeprefix("the ")
            if tail in self.demonyms:
                country, rest = self.demonyms[tail], head
        if country and rest in self.generic:
            return self._generic(self.generic[rest], country, text)
        words = rest.split()
        governed = False
        while " ".join(words) not in self.force_kind:
            n = next((n for n in (2, 1) if " ".join(words[:n]) in self.gov_modifiers), 0)
            if not n or n >= len(words):
                break
            words, governed = words[n:], True
        head = " ".join(words)
        kind = self.force_kind.get(head)
        if kind is None:
            return None
        if country:
            return self.registry.state_actor(country, kind, text)
        if context.country and (governed or head not in _NOT_STANDALONE):
            return self.registry.state_actor(context.country, kind, text)
        return None

    @property
    def derived_words(self) -> frozenset[str]:
        """Words after a group's name that make another group of it ("splinter", "offshoot")."""
        return frozenset(w.lower() for w in self.raw.get("derived_group_words", ()))

    @property
    def derived_nouns(self) -> frozenset[str]:
        """Nouns that may end such a phrase ("splinter group", "breakaway faction")."""
        return frozenset(w.lower() for w in self.raw.get("derived_group_nouns", ()))

    def member_of(self, words: str) -> bool:
        """True if `words` ("fighters", "sleeper cell") still denotes the group named before it."""
        return normalise(words) in self.member_nouns

    def country_of(self, word: str) -> str | None:
        """The country a demonym or country name denotes ("Iraqi" -> "Iraq")."""
        return self.demonyms.get(normalise(word))

    def _split_country(self, key: str) -> tuple[str | None, str]:
        words = key.split()
        for n in (5, 4, 3, 2, 1):  # "democratic republic of the congo", "sri lankan", "iraqi"
            if len(words) > n and " ".join(words[:n]) in self.demonyms:
                return self.demonyms[" ".join(words[:n])], " ".join(words[n:])
        return None, key

    def _generic(self, rule: Generic, country: str | None, text: str) -> ActorRef | None:
        registry = self.registry
        actor_id = rule.actor
        if rule.by_country:
            actor_id = dict(rule.by_country).get(country or "", rule.default)
        if actor_id:
            actor = registry.get(actor_id)
            return actor.ref(text, "description") if actor else None
        country = rule.country or registry.canonical_country(country) or country
        if not country or not rule.name:
            return None
        return ActorRef(rule.id.format(country=normalise(country).replace(" ", "-")),
                        rule.name.format(country=country), rule.inter or "external/other", country,
                        text, "description")


def _as_anaphor(main: ActorRef | None, text: str) -> ActorRef | None:
    if main is None:
        return None
    return ActorRef(main.id, main.name, main.inter, main.country, text, "anaphor")
