"""The API's response shapes for actors: the registry entry, the list with event counts and
the dossier. They build on models.py's actor link and ledger line, which the search and
ledger routes answer with too."""

from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, Field

from eventdesk.web.models import ActorLink, LedgerLine


class LineageStage(BaseModel):
    actor: str
    name: str
    start: str


class ActorEntry(BaseModel):
    id: Optional[str] = None
    name: str
    inter: Optional[str] = None
    country: Optional[str] = None
    aliases: list[str]
    affiliation: Optional[ActorLink] = None
    active: Optional[list[int]] = None
    lineage: list[LineageStage]
    affiliates: list[ActorLink]
    in_registry: bool
    generic: bool = Field(False, description="a generic actor of a country (state forces, "
                          "civilians...) made from the registry's country table, not listed")


class ActorCount(BaseModel):
    id: Optional[str] = None
    name: str
    events: int
    last: Optional[str] = None


class ActorList(BaseModel):
    total: int
    items: list[ActorCount]


class TempoCell(BaseModel):
    month: str
    event_type: str
    events: int


class PlaceCount(BaseModel):
    location: Optional[str] = None
    country: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    events: int


class CountryCount(BaseModel):
    country: Optional[str] = None
    events: int


class Geography(BaseModel):
    start: str
    end: str
    places: list[PlaceCount]
    countries: list[CountryCount]


class AffiliateActivity(ActorCount):
    """An affiliate's events and the day of its latest (the same counts as an actor list's row)."""


class Dossier(BaseModel):
    actor: ActorEntry
    events: int
    last_event: Optional[str] = None
    tempo: list[TempoCell]
    now: Optional[Geography] = Field(None, description="the last 12 months up to the last event")
    then: Optional[Geography] = Field(None, description="the 12 months before")
    ledgers: list[LedgerLine]
    affiliates: list[AffiliateActivity]
