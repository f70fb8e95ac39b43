"""The typed records that flow through the pipeline.

A `Document` is created by ingest, filled in by each stage (stages return new field values
on the same record; no stage reaches into another's internals), and written to the store in
one transaction. Everything extracted carries `Evidence`: character offsets into `body`.
All records are plain dataclasses so that they pickle across worker processes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from typing import Any, Literal

DocStatus = Literal["ok", "skipped", "failed"]
DatePrecision = Literal["day", "week", "month", "year"]


@dataclass(slots=True)
class Evidence:
    """A span of a document body that supports an extracted field."""

    document: str  # Document.id
    start: int
    end: int
    text: str  # body[start:end]


@dataclass(slots=True)
class Mention:
    """An entity mention found by the understanding stage, with its resolution."""

    kind: Literal["actor", "place", "date"]
    start: int
    end: int
    text: str
    # actor: registry id and canonical name; place: gazetteer id and name; date: ISO value
    ref: str | None = None
    name: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: str | None = None  # date precision, or geo precision as "1"/"2"/"3"
    extra: dict = field(default_factory=dict)


@dataclass(slots=True)
class Event:
    """One occurrence of political violence or a strategic development (ACLED taxonomy)."""

    event_type: str
    sub_event_type: str
    actor1: str | None = None
    actor2: str | None = None
    location: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    date: str | None = None  # ISO cut to precision
    date_precision: DatePrecision | None = None
    fatalities: int | None = None
    fatalities_high: int | None = None
    historical: bool = False
    sources: list[Evidence] = field(default_factory=list)
    id: str | None = None  # set by the store / merge
    extra: dict = field(default_factory=dict)  # trigger, actor ids, ... (kept for provenance)


@dataclass(slots=True)
class Claim:
    """A sourced quantitative statement (how many fighters, says whom, as of when)."""

    subject: str | None
    measure: str
    low: float | None
    high: float | None
    unit: str
    qualifier: str | None = None
    attributed_to: str | None = None
    as_of: str | None = None
    sources: list[Evidence] = field(default_factory=list)
    id: str | None = None
    ledger_id: str | None = None
    extra: dict = field(default_factory=dict)


@dataclass(slots=True)
class Document:
    """One input document as it moves through the stages."""

    id: str
    source: str  # the input path as given, a JSON Lines record's url or PATH#LINE, a WARC target URI
    url: str | None = None
    content_type: Literal["text", "html"] = "text"
    raw: str = ""  # decoded input text or HTML
    body: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO cut to precision
    published_precision: DatePrecision | None = None
    outlet: str | None = None
    language: str | None = None
    status: DocStatus = "ok"
    status_reason: str | None = None  # why skipped or failed (an error code and message)
    duplicate_of: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    meta: dict = field(default_factory=dict)  # hints from the input record (title, published, ...)
    # The spaCy Doc of `body`, shared by the NLP stages of one worker; never pickled or stored.
    analysis: Any = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict:
        state = {f.name: getattr(self, f.name) for f in fields(self)}
        state["analysis"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)

    @property
    def active(self) -> bool:
        """True while later stages should still work on this document."""
        return self.status == "ok"


def document_id(source: str, raw: str) -> str:
    """A stable id from where a document came from and what it holds, so re-runs add nothing."""
    digest = hashlib.sha256(source.encode("utf-8") + b"\0" + raw.encode("utf-8", "replace"))
    return "d-" + digest.hexdigest()[:16]
