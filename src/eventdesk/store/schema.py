"""Tables. Everything extracted keeps its provenance: document id and character offsets
into that document's body.

The schema is versioned by Alembic (`eventdesk/store/migrations`): a change here needs a new
revision there, and SCHEMA_VERSION set to it (tests/store/test_migrations.py checks both).
"""

from __future__ import annotations

from sqlalchemy import (JSON, Boolean, Float, ForeignKey, Index, Integer, LargeBinary, String,
                        Text, UniqueConstraint, false)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


# The Alembic revision this code writes; every revision it knows, oldest first.
SCHEMA_VERSION = "0005"
KNOWN_VERSIONS = ("0001", "0002", "0003", "0004", "0005")


class Base(DeclarativeBase):
    pass


class RunRow(Base):
    __tablename__ = "runs"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    started: Mapped[str] = mapped_column(String(32))
    version: Mapped[str] = mapped_column(String(32))
    config: Mapped[dict] = mapped_column(JSON)
    summary: Mapped[dict | None] = mapped_column(JSON, nullable=True)


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    content_type: Mapped[str] = mapped_column(String(8))
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    authors: Mapped[list] = mapped_column(JSON, default=list)
    published: Mapped[str | None] = mapped_column(String(10), nullable=True)
    published_precision: Mapped[str | None] = mapped_column(String(8), nullable=True)
    outlet: Mapped[str | None] = mapped_column(Text, nullable=True)
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    body: Mapped[str | None] = mapped_column(Text, nullable=True)
    status: Mapped[str] = mapped_column(String(8))
    status_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    duplicate_of: Mapped[str | None] = mapped_column(String(40), nullable=True)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    run_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    seq: Mapped[int] = mapped_column(Integer, index=True)  # arrival order, for stable exports
    # which eventdesk processed it, and whether through extraction (`run`) or only cleaning
    # (`ingest`): a later run re-extracts what an older version or `ingest` stored (0002)
    pipeline_version: Mapped[str | None] = mapped_column(String(32), nullable=True)
    extracted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    warnings: Mapped[list | None] = mapped_column(JSON, nullable=True)  # coded W-messages


class MentionRow(Base):
    __tablename__ = "mentions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    ref: Mapped[str | None] = mapped_column(Text, nullable=True)
    name: Mapped[str | None] = mapped_column(Text, nullable=True)
    country: Mapped[str | None] = mapped_column(Text, nullable=True)
    latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    longitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    precision: Mapped[str | None] = mapped_column(String(8), nullable=True)


class EventRow(Base):
    __tablename__ = "events"
    # The web API's filters (eventdesk.web.queries) each find their rows through an index;
    # lists are ordered by (date, id), so type, sub-type and the historical flag carry both:
    # "newest of a type" and a deep page read in index order. The actor indexes carry the
    # date and type so that an actor's dossier counts from the index alone. seq keys the
    # SQLite evidence index (migration 0005); (seq, date, id) orders its matches.
    __table_args__ = (Index("ix_events_date_id", "date", "id"),
                      Index("ix_events_seq_date_id", "seq", "date", "id"),
                      Index("ix_events_type_date_id", "event_type", "date", "id"),
                      Index("ix_events_sub_type_date_id", "sub_event_type", "date", "id"),
                      Index("ix_events_historical_date_id", "historical", "date", "id"),
                      Index("ix_events_actor1_date_type", "actor1", "date", "event_type"),
                      Index("ix_events_actor2_date_type", "actor2", "date", "event_type"),
                      Index("ix_events_lat_lon", "latitude", "longitude"),
                      Index("ix_events_fatalities", "fatalities"))
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    event_type: Mapped[str] = mapped_column(String(64))
    sub_event_type: Mapped[str] = mapped_column(String(64))
    actor1: Mapped[str | None] = mapped_column(Text, nullable=True)
    actor2: Mapped[str | None] = mapped_column(Text, nullable=True)
    location: Mapped[str | None] = mapped_column(Text, nullable=True)
    country: Mapped[str | None] = mapped_column(Text, nullable=True, index=True)
    latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    longitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    geo_precision: Mapped[int | None] = mapped_column(Integer, nullable=True)
    date: Mapped[str | None] = mapped_column(String(10), nullable=True, index=True)
    date_precision: Mapped[str | None] = mapped_column(String(8), nullable=True)
    fatalities: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fatalities_high: Mapped[int | None] = mapped_column(Integer, nullable=True)
    historical: Mapped[bool] = mapped_column(Boolean, default=False)
    extra: Mapped[dict] = mapped_column(JSON, default=dict)
    seq: Mapped[int] = mapped_column(Integer)  # unique (SQLite triggers check it, 0005)


class EvidenceColumns:
    """The provenance of an extracted item: which document, where in its body, what text."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class EventSourceRow(EvidenceColumns, Base):
    __tablename__ = "event_sources"
    __table_args__ = (UniqueConstraint("event_id", "document_id", "start", "end"),)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), index=True)
    fatalities: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fatalities_high: Mapped[int | None] = mapped_column(Integer, nullable=True)


class EventKeyRow(Base):
    """Blocking keys (date bucket x place cell) so merging never compares every pair."""

    __tablename__ = "event_keys"
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    __table_args__ = (Index("ix_event_keys_key", "key"),)


class ClaimRow(Base):
    __tablename__ = "claims"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    ledger_id: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    subject: Mapped[str | None] = mapped_column(Text, nullable=True)
    measure: Mapped[str] = mapped_column(Text)
    low: Mapped[float | None] = mapped_column(Float, nullable=True)
    high: Mapped[float | None] = mapped_column(Float, nullable=True)
    unit: Mapped[str] = mapped_column(String(32))
    qualifier: Mapped[str | None] = mapped_column(String(32), nullable=True)
    attributed_to: Mapped[str | None] = mapped_column(Text, nullable=True)
    as_of: Mapped[str | None] = mapped_column(String(10), nullable=True)
    extra: Mapped[dict] = mapped_column(JSON, default=dict)
    seq: Mapped[int] = mapped_column(Integer, index=True)


class ClaimSourceRow(EvidenceColumns, Base):
    __tablename__ = "claim_sources"
    __table_args__ = (UniqueConstraint("claim_id", "document_id", "start", "end"),)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), index=True)
