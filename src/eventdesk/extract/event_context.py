"""Read the understanding layer (actors, places, dates) off a spaCy Doc for the extractor.

The contract is in eventdesk/understand/__init__.py: span groups "actors", "places", "dates"
carrying `span._.actor`, `span._.place`, `span._.date`. This module reads them defensively
(a group may be absent while a component is missing from the pipeline) and falls back on
the model's own entities resolved with the registries' public `resolve()` functions.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span

STATE_INTER = {"1", "state", "state forces", "state_forces", "military", "police"}


@dataclass(frozen=True)
class ActorInfo:
    name: str
    inter: str | None = None
    country: str | None = None
    id: str | None = None

    @property
    def is_state(self) -> bool:
        return str(self.inter or "").lower().replace("-", " ") in STATE_INTER

    @property
    def is_civilian(self) -> bool:
        return "civilian" in str(self.inter or "").lower() or self.name.lower().startswith("civilians")


@dataclass(frozen=True)
class PlaceInfo:
    name: str
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None


@dataclass(frozen=True)
class DateInfo:
    iso: str
    precision: str
    start: date | None = None
    end: date | None = None


@dataclass
class Located:
    """An understood span of the Doc: token range plus its resolution."""

    start: int  # token index
    end: int
    start_char: int
    end_char: int
    text: str
    value: object


def _optional(module: str, attr: str):
    try:
        return getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError):
        return None


def _located(span: Span, value) -> Located:
    return Located(span.start, span.end, span.start_char, span.end_char, span.text, value)


def _attr(obj, name, default=None):
    return getattr(obj, name, default) if obj is not None else default


def read_actors(doc: Doc) -> list[Located]:
    out = []
    if "actors" in doc.spans:
        for span in doc.spans["actors"]:
            ref = span._.actor if span.has_extension("actor") else None
            if ref is None or not _attr(ref, "name"):
                continue
            inter = _attr(ref, "inter")
            out.append(_located(span, ActorInfo(ref.name, None if inter is None else str(inter),
                                                _attr(ref, "country"), _attr(ref, "id"))))
        return out
    registry = _optional("eventdesk.understand.actors", "ActorRegistry")
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "NORP", "PERSON"):
            continue
        ref = registry.default().resolve(ent.text) if registry is not None else None
        if ref is not None:
            out.append(_located(ent, ActorInfo(ref.name, str(_attr(ref, "inter")), _attr(ref, "country"),
                                               _attr(ref, "id"))))
        elif ent.label_ == "ORG":
            out.append(_located(ent, ActorInfo(ent.text)))
    return out


def read_places(doc: Doc) -> list[Located]:
    out = []
    if "places" in doc.spans:
        for span in doc.spans["places"]:
            p = span._.place if span.has_extension("place") else None
            if p is None or not _attr(p, "name"):
                continue
            out.append(_located(span, PlaceInfo(p.name, _attr(p, "country"), _attr(p, "latitude"),
                                                _attr(p, "longitude"), _attr(p, "geo_precision"))))
        return out
    gazetteer = _optional("eventdesk.understand.places", "Gazetteer")
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        p = gazetteer.default().resolve(ent.text) if gazetteer is not None else None
        if p is not None:
            out.append(_located(ent, PlaceInfo(p.name, _attr(p, "country"), _attr(p, "latitude"),
                                               _attr(p, "longitude"), _attr(p, "geo_precision"))))
        else:
            out.append(_located(ent, PlaceInfo(ent.text, None, None, None, 1)))
    return out


def read_dates(doc: Doc) -> list[Located]:
    out = []
    if "dates" in doc.spans:
        for span in doc.spans["dates"]:
            d = span._.date if span.has_extension("date") else None
            if d is not None and _attr(d, "iso"):
                out.append(_located(span, DateInfo(d.iso, d.precision, _attr(d, "start"), _attr(d, "end"))))
        return out
    resolve = (_optional("eventdesk.understand.dates", "resolve_date")
               or _optional("eventdesk.understand.date_resolve", "resolve_date"))
    published = doc.user_data.get("published")
    for ent in doc.ents:
        if ent.label_ != "DATE" or resolve is None:
            continue
        d = resolve(ent.text, published)
        if d is not None:
            out.append(_located(ent, DateInfo(d.iso, d.precision, _attr(d, "start"), _attr(d, "end"))))
    return out


def publication(doc: Doc) -> DateInfo | None:
    """The publication date from doc.user_data["published"] = (iso, precision), as a DateInfo."""
    pub = doc.user_data.get("published")
    if not pub or not pub[0]:
        return None
    iso, precision = pub[0], (pub[1] if len(pub) > 1 and pub[1] else None)
    parts = [int(p) for p in iso.split("-")]
    precision = precision or {1: "year", 2: "month", 3: "day"}[len(parts)]
    y, m, d = (parts + [1, 1])[:3]
    start = date(y, m if len(parts) > 1 else 1, d if len(parts) > 2 else 1)
    if len(parts) == 1:
        end = date(y, 12, 31)
    elif len(parts) == 2:
        end = date(y + (m == 12), m % 12 + 1, 1).fromordinal(date(y + (m == 12), m % 12 + 1, 1).toordinal() - 1)
    else:
        end = start
    return DateInfo(iso, precision, start, end)
