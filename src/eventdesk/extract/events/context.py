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
from functools import lru_cache

from spacy.tokens import Doc, Span

from eventdesk import knowledge

STATE_INTER = {"1", "state", "state forces", "state_forces", "military", "police"}


@dataclass(frozen=True)
class ActorInfo:
    name: str
    inter: str | None = None
    country: str | None = None
    id: str | None = None
    pro_government: bool = False  # fights beside the state (understand.actors.registry.ActorRef)

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
    relative: bool = False  # resolved against the publication date ("on Tuesday", "November")


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


def _from_spans(doc: Doc, key: str, attr: str, make) -> list[Located]:
    """The resolved spans of `doc.spans[key]` (resolution in `span._.<attr>`), as Located."""
    out = []
    for span in doc.spans[key]:
        ref = getattr(span._, attr) if span.has_extension(attr) else None
        if ref is not None and _attr(ref, "name"):
            out.append(_located(span, make(ref)))
    return out


def _from_ents(doc: Doc, labels: tuple[str, ...], resolve, make, unresolved) -> list[Located]:
    """Without our components: the model's entities of `labels`, resolved by `resolve` when
    available, else `unresolved(ent)` (None drops the entity)."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in labels:
            continue
        ref = resolve(ent.text) if resolve is not None else None
        value = make(ref) if ref is not None else unresolved(ent)
        if value is not None:
            out.append(_located(ent, value))
    return out


def read_actors(doc: Doc) -> list[Located]:
    if "actors" in doc.spans:
        return _from_spans(doc, "actors", "actor", _actor_info)
    registry = _optional("eventdesk.understand.actors.components", "ActorRegistry")
    return _from_ents(doc, ("ORG", "NORP", "PERSON"), registry.default().resolve if registry else None,
                      _actor_info, lambda ent: ActorInfo(ent.text) if ent.label_ == "ORG" else None)


def _actor_info(ref) -> ActorInfo:
    inter = _attr(ref, "inter")
    return ActorInfo(ref.name, None if inter is None else str(inter), _attr(ref, "country"),
                     _attr(ref, "id"), bool(_attr(ref, "pro_government")))


def _place_info(p) -> PlaceInfo:
    return PlaceInfo(p.name, _attr(p, "country"), _attr(p, "latitude"), _attr(p, "longitude"),
                     _attr(p, "geo_precision"))


def read_places(doc: Doc) -> list[Located]:
    if "places" in doc.spans:
        return _from_spans(doc, "places", "place", _place_info)
    gazetteer = _optional("eventdesk.understand.places.components", "Gazetteer")
    return _from_ents(doc, ("GPE", "LOC", "FAC"), gazetteer.default().resolve if gazetteer else None,
                      _place_info, lambda ent: PlaceInfo(ent.text, None, None, None, 1))


@lru_cache(maxsize=1)
def _month_forms() -> dict[str, int]:
    return {str(f).lower().rstrip("."): int(e["month"]) for e in knowledge.load("temporal.yaml", "months")
            for f in e.get("forms", [])}


@lru_cache(maxsize=1)
def _weekday_forms() -> dict[str, int]:
    return {str(f).lower().rstrip("."): int(e["day"]) for e in knowledge.load("temporal.yaml", "weekdays")
            for f in e.get("forms", [])}


def in_relative_clause(tok) -> bool:
    """`tok` sits in a relative or participle clause on a noun ("where fighters killed four
    soldiers in October 2017"): what it says is that clause's background."""
    return any(a.dep_ in ("relcl", "acl") for a in tok.ancestors)


def _sentence_cue(sent: Span) -> dict | None:
    forms = _weekday_forms()
    weekdays = {forms[t.lower_.rstrip(".")] for t in sent if t.lower_.rstrip(".") in forms and len(t.text) > 3}
    # a month or year inside a relative clause dates that clause's background ("near Tongo
    # Tongo, where fighters killed four soldiers in October 2017"), not the sentence's news
    own = [t for t in sent if not in_relative_clause(t)]
    if any(t.lower_.rstrip(".") in _month_forms() and len(t.text) > 3 and t.pos_ == "PROPN" for t in own):
        return None
    if any(t.text.isdigit() and len(t.text) == 4 and 1900 < int(t.text) < 2100 for t in own):
        return None
    if len(weekdays) > 1:
        return None
    return {"weekday": weekdays.pop()} if weekdays else {}


def undated_cue(sent: Span, paragraph: list[Span] = ()) -> dict | None:
    """What an undated sentence says of its own time, for merging it with a dated report:
    {"weekday": 0-6} when it names a day of the week ("on Sunday"), {} when it names no time
    or only "today"/"overnight"; None when it, or the paragraph before it when it names no
    time, names a month or a year it could not place (another occasion: "In October, similar
    raids ... He died in a battle in Dar'a")."""
    cue = _sentence_cue(sent)
    if cue == {}:
        for prev in paragraph:
            if _sentence_cue(prev) is None:
                return None
    return cue


def _bare_month(text: str) -> int | None:
    """The month of a date phrase that names a month and no year ("in November", "one
    fortnight in November", "late March"), else None."""
    words = [w.strip(".,").lower() for w in text.split()]
    if any(w.isdigit() for w in words):
        return None
    months = [_month_forms()[w] for w in words if w in _month_forms() and len(w) > 3]
    return months[-1] if len(months) == 1 else None


def _month_in_context(month: int, anchors: list[DateInfo], pub: DateInfo | None) -> DateInfo | None:
    """A bare month when the publication date is only a year or unknown: the latest
    occurrence of that month not after the latest absolute month the text has set so far
    ("As 2016 ended ... one fortnight in November" -> 2016-11); journalists anchor time once
    and go on. With a publication day or month known, the resolver's own reading stands."""
    if pub is not None and pub.precision in ("day", "week", "month"):
        return None
    ref = max((a.end for a in anchors if a.end and a.precision in ("month", "day")), default=None)
    if ref is None:
        return None
    year = ref.year if month <= ref.month else ref.year - 1
    if pub is not None and pub.start is not None and year > pub.start.year:
        return None
    iso = f"{year:04d}-{month:02d}"
    return DateInfo(iso, "month", date(year, month, 1),
                    date(year + (month == 12), month % 12 + 1, 1).fromordinal(
                        date(year + (month == 12), month % 12 + 1, 1).toordinal() - 1))


def read_dates(doc: Doc) -> list[Located]:
    out = []
    if "dates" in doc.spans:
        pub = publication(doc)
        anchors: list[DateInfo] = []
        for span in sorted(doc.spans["dates"], key=lambda sp: sp.start):
            d = span._.date if span.has_extension("date") else None
            if d is None or not _attr(d, "iso"):
                continue
            info = DateInfo(d.iso, d.precision, _attr(d, "start"), _attr(d, "end"), bool(_attr(d, "relative")))
            month = _bare_month(span.text)
            if _attr(d, "relative") and month is not None:
                info = _month_in_context(month, anchors, pub) or info
            elif not _attr(d, "relative"):
                anchors.append(info)
            out.append(_located(span, info))
        return out
    resolve = (_optional("eventdesk.understand.dates.components", "resolve_date")
               or _optional("eventdesk.understand.dates.resolve", "resolve_date"))
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
