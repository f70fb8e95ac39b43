"""The event extractor's knowledge, loaded once and validated: triggers, modality cues,
casualty quantities (knowledge/data/event_triggers.yaml, modality.yaml,
event_quantities.yaml; users extend them through EVENTDESK_KNOWLEDGE)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from eventdesk import knowledge
from eventdesk.errors import Errors, KnowledgeError
from eventdesk.knowledge.loader import load_all

TERRITORY = "@territory"
EVENT_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory", TERRITORY},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
REQUIRES = {None, "place_object", "place_subject", "person_object", "context", "not_context", "dated",
            "weapon_subject"}
MODALITY_KINDS = {"modal", "presupposing", "accident", "unconfirmed", "tally", "unrealised_verb", "unrealised_noun", "conditional", "habitual", "negation", "backing",
                  "commentary", "negated_object", "place_count", "past_form", "cumulative",
                  "presupposing_prep"}
BOUNDS = {"low", "both", "high"}


# "claim": the verb's subject carried out the event ("IS claimed responsibility");
# "blame": its object did ("police blamed al-Shabaab for the attack", "blamed on X")
CLAIM_ROLES = ("claim", "blame")


@dataclass(frozen=True)
class Trigger:
    lemma: str  # "take back": verb + particle; "claim responsibility": verb + object
    pos: frozenset
    event_type: str
    sub_event_type: str
    requires: str | None = None
    context: frozenset = frozenset()
    weak: bool = False
    role: str | None = None
    priority: int = 1

    @property
    def head(self) -> str:
        return self.lemma.split()[0]

    @property
    def tail(self) -> str | None:
        parts = self.lemma.split(maxsplit=1)
        return parts[1] if len(parts) > 1 else None


@dataclass(frozen=True)
class Refiner:
    cues: frozenset
    event_type: str
    sub_event_type: str


@dataclass
class EventLexicon:
    """Everything the extractor knows about wording, indexed for lookup."""

    triggers: dict[str, list[Trigger]] = field(default_factory=dict)  # head lemma -> triggers
    refiners: list[Refiner] = field(default_factory=list)
    civilian_targets: frozenset = frozenset()
    territory_words: frozenset = frozenset()
    onset_verbs: frozenset = frozenset()
    battle_blasts: frozenset = frozenset()  # sub-event types a battle absorbs (ACLED)  # "the assault began ... with X": X launched it
    mass_territory_words: frozenset = frozenset()  # "ground", "territory": gains told as a tally
    backing_cues: frozenset = frozenset()
    retreat_words: frozenset = frozenset()  # "withdraw", "pull back": the subject gave way
    lead_words: frozenset = frozenset()  # "the US-led invasion": the leader acted
    reporting_verbs: frozenset = frozenset()  # "X said": X reported, it did not act
    loss_words: frozenset = frozenset()  # "lost Kalo to the rebels": the subject gave ground up
    modality: dict[str, frozenset] = field(default_factory=dict)
    implicative: frozenset = frozenset()
    vague: dict[str, int] = field(default_factory=dict)
    hedges: list[tuple[str, str]] = field(default_factory=list)  # (phrase, bound), longest first
    death_words: frozenset = frozenset()
    death_nouns: frozenset = frozenset()

    def cue(self, kind: str) -> frozenset:
        return self.modality.get(kind, frozenset())


def _check_trigger(entry: dict, path: Path) -> None:
    for key in ("lemma", "pos", "event_type", "sub_event_type"):
        if key not in entry:
            raise ValueError(f"missing '{key}'")
    if entry["event_type"] not in EVENT_TYPES:
        raise ValueError(f"unknown event_type {entry['event_type']!r}")
    if entry["sub_event_type"] not in EVENT_TYPES[entry["event_type"]]:
        raise ValueError(f"sub_event_type {entry['sub_event_type']!r} is not a type of {entry['event_type']!r}")
    if entry.get("requires") not in REQUIRES:
        raise ValueError(f"unknown requires {entry.get('requires')!r} (choose from {sorted(map(str, REQUIRES))})")
    if entry.get("requires") in ("context", "not_context", "weapon_subject") and not entry.get("context"):
        raise ValueError(f"requires: {entry['requires']} needs a 'context' word list")
    if not set(entry["pos"]) <= {"VERB", "NOUN", "ADJ"}:
        raise ValueError(f"pos must be VERB, NOUN or ADJ, not {entry['pos']!r}")


def _check_refiner(entry: dict, path: Path) -> None:
    if not entry.get("cues") or entry.get("event_type") not in EVENT_TYPES:
        raise ValueError("a refiner needs 'cues' and a known 'event_type'")
    if entry.get("sub_event_type") not in EVENT_TYPES[entry["event_type"]]:
        raise ValueError(f"unknown sub_event_type {entry.get('sub_event_type')!r}")


def _check_cue(entry: dict, path: Path) -> None:
    if entry.get("kind") not in MODALITY_KINDS or not isinstance(entry.get("words"), list):
        raise ValueError(f"a cue needs 'kind' in {sorted(MODALITY_KINDS)} and a 'words' list")


def _check_vague(entry: dict, path: Path) -> None:
    if not isinstance(entry.get("word"), str) or not isinstance(entry.get("value"), int):
        raise ValueError("a vague quantity needs 'word' (text) and 'value' (integer)")


def _check_hedge(entry: dict, path: Path) -> None:
    if entry.get("bound") not in BOUNDS or not isinstance(entry.get("words"), list):
        raise ValueError(f"a hedge needs 'words' and 'bound' in {sorted(BOUNDS)}")


def _words(name: str, key: str) -> frozenset:
    out: set[str] = set()
    for _, content in load_all(name):
        out.update(str(w).lower() for w in (content or {}).get(key, []) or [])
    return frozenset(out)


@lru_cache(maxsize=1)
def load_lexicon() -> EventLexicon:
    """Load and index the event knowledge files (cached: once per process)."""
    lex = EventLexicon()
    for e in knowledge.load("event_triggers.yaml", "triggers", _check_trigger):
        trig = Trigger(lemma=e["lemma"].lower(), pos=frozenset(e["pos"]), event_type=e["event_type"],
                       sub_event_type=e["sub_event_type"], requires=e.get("requires"),
                       context=frozenset(w.lower() for w in e.get("context", [])),
                       weak=bool(e.get("weak", False)), role=e.get("role"),
                       priority=int(e.get("priority", 1)))
        lex.triggers.setdefault(trig.head, []).append(trig)
    lex.refiners = [Refiner(frozenset(c.lower() for c in e["cues"]), e["event_type"], e["sub_event_type"])
                    for e in knowledge.load("event_triggers.yaml", "refiners", _check_refiner)]
    lex.civilian_targets = _words("event_triggers.yaml", "civilian_targets")
    lex.territory_words = _words("event_triggers.yaml", "territory_words")
    lex.mass_territory_words = _words("event_triggers.yaml", "mass_territory_words")
    lex.onset_verbs = _words("event_triggers.yaml", "onset_verbs")
    lex.battle_blasts = frozenset(str(w) for _, data in load_all("event_triggers.yaml")
                                  for w in (data or {}).get("battle_blasts", []) or [])
    unknown = sorted(lex.battle_blasts - EVENT_TYPES["Explosions/Remote violence"])
    if unknown:
        reason = f"battle_blasts: not Explosions/Remote violence sub-types: {unknown}"
        raise KnowledgeError(Errors.E301.format(path="event_triggers.yaml", reason=reason))
    lex.backing_cues = _words("event_triggers.yaml", "backing_cues")
    lex.retreat_words = _words("event_triggers.yaml", "retreat_words")
    lex.lead_words = _words("event_triggers.yaml", "lead_words")
    lex.reporting_verbs = _words("event_triggers.yaml", "reporting_verbs")
    lex.loss_words = _words("event_triggers.yaml", "loss_words")
    modality: dict[str, set] = {}
    for e in knowledge.load("modality.yaml", "cues", _check_cue):
        modality.setdefault(e["kind"], set()).update(str(w).lower() for w in e["words"])
    lex.modality = {k: frozenset(v) for k, v in modality.items()}
    lex.implicative = _words("modality.yaml", "implicative")
    lex.vague = {e["word"].lower(): e["value"]
                 for e in knowledge.load("event_quantities.yaml", "vague", _check_vague)}
    hedges = [(w.lower(), e["bound"]) for e in knowledge.load("event_quantities.yaml", "hedges", _check_hedge)
              for w in e["words"]]
    lex.hedges = sorted(hedges, key=lambda h: -len(h[0]))
    lex.death_words = _words("event_quantities.yaml", "death_words")
    lex.death_nouns = _words("event_quantities.yaml", "death_nouns")
    return lex
