"""The API's response shapes (they make the OpenAPI schema that schemathesis checks); the
actors' are in actor_models.py."""

from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    code: str = Field(description="eventdesk error code (src/eventdesk/errors.py)")
    message: str
    detail: Optional[list[dict]] = None


class ErrorResponse(BaseModel):
    error: ErrorBody


class Source(BaseModel):
    document: str
    title: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None
    start: int = Field(description="character offset of the supporting sentence in the body")
    end: int
    text: str
    fatalities: Optional[int] = None
    fatalities_high: Optional[int] = None


class MergeStep(BaseModel):
    document: str
    outlet: Optional[str] = None
    published: Optional[str] = None
    run: Optional[str] = None
    how: str = Field(description="first report | merged report | syndicated copy")


class Event(BaseModel):
    id: str
    event_type: str
    sub_event_type: str
    actor1: Optional[str] = None
    actor2: Optional[str] = None
    location: Optional[str] = None
    country: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    geo_precision: Optional[int] = None
    date: Optional[str] = None
    date_precision: Optional[str] = None
    fatalities: Optional[int] = None
    fatalities_high: Optional[int] = None
    historical: bool
    sources: list[Source]
    merge_history: list[MergeStep]
    date_votes: dict[str, int] = {}


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    next: Optional[str] = Field(None, description="address of the next page, if any")
    items: list[Event]


class Points(BaseModel):
    total: int
    columns: list[str]
    rows: list[list[Optional[str | float | int]]]


class TimelineWeek(BaseModel):
    week: str
    end: str
    counts: dict[str, int]
    total: int


class Timeline(BaseModel):
    weeks: list[TimelineWeek]
    not_shown: dict[str, int]


class DocumentSummary(BaseModel):
    id: str
    source: str
    url: Optional[str] = None
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    published_precision: Optional[str] = None
    language: Optional[str] = None
    content_type: str
    status: str
    status_reason: Optional[str] = None
    duplicate_of: Optional[str] = None


class DocumentPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[DocumentSummary]


class Mention(BaseModel):
    id: int
    kind: str
    start: int
    end: int
    text: str
    ref: Optional[str] = None
    name: Optional[str] = None
    country: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    precision: Optional[str] = None


class DocumentEvent(BaseModel):
    event: str
    event_type: str
    sub_event_type: str
    actor1: Optional[str] = None
    actor2: Optional[str] = None
    location: Optional[str] = None
    date: Optional[str] = None
    fatalities: Optional[int] = None
    start: int
    end: int
    text: str


class DocumentClaim(BaseModel):
    claim: str
    ledger_id: Optional[str] = None
    subject: Optional[str] = None
    measure: str
    low: Optional[float] = None
    high: Optional[float] = None
    unit: str
    qualifier: Optional[str] = None
    attributed_to: Optional[str] = None
    as_of: Optional[str] = None
    start: int
    end: int
    text: str


class DocumentDetail(DocumentSummary):
    authors: list[str]
    body: Optional[str] = None
    mentions: list[Mention]
    events: list[DocumentEvent]
    claims: list[DocumentClaim]


class ClaimSource(BaseModel):
    document: str
    start: int
    end: int
    text: str
    outlet: Optional[str] = None
    published: Optional[str] = None


class ClaimOut(BaseModel):
    id: str
    ledger_id: Optional[str] = None
    subject: Optional[str] = None
    measure: str
    low: Optional[float] = None
    high: Optional[float] = None
    unit: str
    qualifier: Optional[str] = None
    attributed_to: Optional[str] = None
    as_of: Optional[str] = None
    sources: list[ClaimSource]


class ClaimPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ClaimOut]


class LedgerEntry(BaseModel):
    claim_id: Optional[str] = None
    as_of: Optional[str] = None
    low: Optional[float] = None
    high: Optional[float] = None
    qualifier: Optional[str] = None
    attributed_to: Optional[str] = None
    measure: str
    document: Optional[str] = None
    outlet: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    text: Optional[str] = None


class LedgerLine(BaseModel):
    ledger_id: str
    subject: Optional[str] = None
    measure: str
    unit: str
    disagreement: bool
    spread: float
    entries: list[LedgerEntry]
    kind: Optional[str] = Field(None, description="in a dossier: strength | foreign fighters | other")


class Ledger(BaseModel):
    total: int
    items: list[LedgerLine]


class ActorLink(BaseModel):
    id: Optional[str] = None
    name: str


class ChangeRow(BaseModel):
    place: str
    current: int
    average: float
    change: Optional[float] = None
    band: str
    low_baseline: bool


class Span(BaseModel):
    start: str
    end: str


class Emerging(BaseModel):
    actor: str
    first: str
    events: int


class Change(BaseModel):
    period: str
    baseline: int
    level: str
    current: Optional[Span] = None
    baseline_span: Optional[Span] = None
    rows: list[ChangeRow]
    emerging: list[Emerging]


class Facets(BaseModel):
    event_types: list[str]
    sub_event_types: list[str]
    countries: list[str]


class SearchEvidence(BaseModel):
    event: str
    document: str
    start: int
    end: int
    text: str


class SearchPlace(BaseModel):
    location: Optional[str] = None
    country: Optional[str] = None
    events: int


class SearchDocument(BaseModel):
    id: str
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None


class SearchLedger(BaseModel):
    ledger_id: Optional[str] = None
    subject: Optional[str] = None
    measure: str


class SearchResult(BaseModel):
    query: str
    actors: list[ActorLink]
    places: list[SearchPlace]
    evidence: list[SearchEvidence]
    documents: list[SearchDocument]
    ledgers: list[SearchLedger]


class NewDocument(BaseModel):
    """A document to run through the pipeline: `text` (plain) or `html`, with what is known."""

    text: Optional[str] = Field(None, max_length=5_000_000)
    html: Optional[str] = Field(None, max_length=5_000_000)
    url: Optional[str] = Field(None, max_length=4000)
    title: Optional[str] = Field(None, max_length=2000)
    published: Optional[str] = Field(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    outlet: Optional[str] = Field(None, max_length=500)
    language: Optional[str] = Field(None, max_length=16)


class NewDocuments(BaseModel):
    documents: list[NewDocument] = Field(min_length=1, max_length=100)


class RunResult(BaseModel):
    run_id: str
    read: int
    stored: int
    already_stored: int
    duplicates: int
    events_new: int
    events_merged: int
    claims: int
    failed: list[str]
    skipped: dict[str, int]
