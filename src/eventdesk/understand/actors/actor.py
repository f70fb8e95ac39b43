"""What the actor registry (registry.py) holds and answers: `Actor` entries, their
`LineageStage`s and the `Country` table; `ActorRef`, a resolved mention; and the
`ResolveContext` a mention is resolved in. All stay importable from registry.py."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ActorRef:
    """A resolved actor mention: registry id, canonical (ACLED-style) name, type and country."""

    id: str
    name: str
    inter: str
    country: str | None = None
    text: str = ""  # the matched text
    how: str = "alias"  # alias | normalised | fuzzy | description | anaphor
    # fights beside the state (a self-defence auxiliary, a ruling party's militia): never
    # what "the militants" or "the jihadists" of a report mean, never a guessed perpetrator
    pro_government: bool = False


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    inter: str
    country: str | None
    aliases: tuple[str, ...] = ()
    exact_aliases: tuple[str, ...] = ()  # matched only as written ("Coalition", not "coalition")
    # matched only as written and only when the context country is the actor's: acronyms that
    # are also common words or other bodies' initials ("KIA" killed in action, "PDF" the file)
    local_aliases: tuple[str, ...] = ()
    affiliation: str | None = None
    kind: str | None = None
    active: tuple[int, int] | None = None
    pro_government: bool = False

    def ref(self, text: str = "", how: str = "alias") -> ActorRef:
        return ActorRef(self.id, self.name, self.inter, self.country, text or self.name, how,
                        self.pro_government)


@dataclass(frozen=True, slots=True)
class LineageStage:
    actor: str  # actor id
    start: str  # ISO date (cut to precision) when the organisation took this name


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    of: str  # as written inside ACLED names: "Military Forces of the United States"
    names: tuple[str, ...]
    demonyms: tuple[str, ...]


@dataclass(slots=True)
class ResolveContext:
    """What the surroundings tell about a mention: the country, the article's main armed group."""

    country: str | None = None
    main_actor: ActorRef | None = None
    countries: list[str] = field(default_factory=list)
    # True when the article names no non-state armed group at all: "the militants" is then
    # ACLED's "Unidentified Armed Group (X)" rather than no one
    unnamed_only: bool = False
