"""Cross-document event merging: which stored event a new report joins, and the joined record.

The store indexes every event under `candidate_keys(event)` and hands `EventMerger.match`
only the events that share a key with the new one (blocking by month and country), so a
big database never compares every pair. Within one run documents are merged in the order
they arrive; merging is idempotent (a source already on an event is not added again).

    merger = EventMerger()                                    # actor registry if available
    for ev in doc.events:
        target = merger.best_match(store.events_by_keys(candidate_keys(ev)), ev)
        if target is None: store.add_event(with_source_figures(ev), candidate_keys(ev))
        else: store.update_event(combine(target, ev), candidate_keys(ev))
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from typing import Any

from eventdesk.merge.event_rules import (
    MergeConfig,
    candidate_keys,
    date_interval,
    stated_date,
    decided_first_pairs,
    reported_sub_types,
    events_compatible,
    field_of,
    km_between,
    undated_agrees,
)
from eventdesk.record import Event, Evidence

__all__ = ["MergeConfig", "EventMerger", "events_compatible", "candidate_keys", "combine",
           "with_source_figures", "default_registry"]

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def default_registry() -> Any:
    """The actor registry, loaded once per process (affiliates and lineages make actors
    compatible)."""
    from eventdesk.understand.actors.registry import ActorRegistry  # lazy: no load at import

    return ActorRegistry.default()


def _figures(pairs: Any) -> tuple[int | None, int | None]:
    """A stored (low, high) pair; JSON turns tuples into lists."""
    if isinstance(pairs, (list, tuple)) and len(pairs) == 2:
        return pairs[0], pairs[1]
    return None, None


def with_source_figures(event: Event) -> Event:
    """Record the event's own fatality figures per source document (for a new event)."""
    figures = event.extra.setdefault("source_fatalities", {})
    for src in event.sources:
        figures.setdefault(src.document, (event.fatalities, event.fatalities_high))
    if event.date:
        event.extra.setdefault("date_votes", {event.date: len({s.document for s in event.sources}) or 1})
    return event


def _date_choice(existing: Event, new: Event, votes: dict[str, int]) -> tuple[str | None, str | None]:
    """The most precise date; among equally precise ones the most reported, then the earliest
    (a publication-date fallback slips later, never earlier)."""
    cands = [(existing.date, existing.date_precision), (new.date, new.date_precision)]
    cands = [c for c in cands if c[0]]
    if not cands:
        return None, None
    soft = {e.date for e in (existing, new) if e.date and e.extra.get("soft_date")} - {
        e.date for e in (existing, new) if e.date and not e.extra.get("soft_date")}

    def rank(c: tuple[str, str | None]) -> tuple:
        prec = c[1] or date_interval(c[0], None, MergeConfig())[2]  # type: ignore[index]
        # a day the text gives beats a day borrowed from the publication ("have killed"); of
        # borrowed days the earliest bounds the event best, however many later reports repeat theirs
        borrowed = c[0] in soft
        return (borrowed, _PRECISION_RANK.get(prec, 3), 0 if borrowed else -votes.get(c[0], 0), c[0])
    return min(cands, key=rank)


def combine(existing: Event, new: Event) -> Event:
    """`existing` joined by the report `new`: sources appended (no duplicates), fatalities the
    lowest and fatalities_high the highest figure across sources (each source's own figure in
    `extra["source_fatalities"][document_id] = (low, high)`), the most precise date and place,
    unknown actors filled in, the sub-type the codebook decides first (merge.yaml
    `decided_first`). Returns a new Event with the existing id."""
    out = copy.deepcopy(existing)
    with_source_figures(out)
    have = {(s.document, s.start, s.end) for s in out.sources}
    added = [s for s in new.sources if (s.document, s.start, s.end) not in have]
    if not added:
        return out  # idempotent: this report is already on the event
    new_docs = {s.document for s in added} - {s.document for s in out.sources}
    out.sources.extend(Evidence(s.document, s.start, s.end, s.text) for s in added)
    figures = out.extra["source_fatalities"]
    for doc in {s.document for s in added}:
        low, high = _figures(figures.get(doc))
        lows = [x for x in (low, new.fatalities) if x is not None]
        highs = [x for x in (high, new.fatalities_high) if x is not None]
        figures[doc] = (min(lows) if lows else None, max(highs) if highs else None)
    _fatalities(out, figures)

    votes = out.extra.setdefault("date_votes", {})
    if new.date and new_docs:
        votes[new.date] = votes.get(new.date, 0) + len(new_docs)
    out.date, out.date_precision = _date_choice(out, new, votes)
    if out.extra.get("soft_date") and not new.extra.get("soft_date") and out.date == new.date:
        out.extra.pop("soft_date")  # the day is now one a report gives
    if out.extra.get("date_estimated") and stated_date(new)[0] == out.date:
        out.extra.pop("date_estimated")  # the year is now one a report gives

    if new.geo_precision is not None and (out.geo_precision is None or (new.geo_precision, _is_country(new))
                                          < (out.geo_precision, _is_country(out))):
        for f in ("location", "country", "latitude", "longitude", "geo_precision"):
            setattr(out, f, getattr(new, f))
    out.country = out.country or new.country
    told = list(dict.fromkeys([*reported_sub_types(out), *reported_sub_types(new)]))
    if len(told) > 1:
        out.extra["sub_types"] = told
    if _decided_first(new.sub_event_type, out.sub_event_type):
        out.event_type, out.sub_event_type = new.event_type, new.sub_event_type
    out.actor1 = out.actor1 or new.actor1
    out.actor2 = out.actor2 or new.actor2
    reported = [r for r in (out.extra.get("reported"), new.extra.get("reported")) if r]
    if reported:
        out.extra["reported"] = min(reported)  # the first report bounds when it happened
    out.historical = out.historical and new.historical
    return out


def _is_country(event: Event) -> bool:
    """The place is the whole country (a province of it, at the same precision, is finer)."""
    return bool(event.location) and event.location == event.country


def _decided_first(sub: str | None, than: str | None) -> bool:
    """`sub` comes before `than` in the codebook's order of decision ("a suicide bomber" over
    "an attack" on one occasion; merge.yaml `decided_first`)."""
    return (sub, than) in decided_first_pairs()


def _fatalities(event: Event, figures: dict) -> None:
    pairs = [_figures(v) for v in figures.values()]
    lows = [lo for lo, _ in pairs if lo is not None]
    if not lows:
        return
    event.fatalities = min(lows)
    tops = [hi if hi is not None else lo for lo, hi in pairs if lo is not None or hi is not None]
    top = max(t for t in tops if t is not None)
    # every source says "at least N" with one N: keep the open upper bound
    open_ended = all(hi is None for _, hi in pairs) and len(set(lows)) == 1
    event.fatalities_high = None if open_ended else top


def _mentions(event: Any) -> set[tuple]:
    # one sentence may report two events ("recaptured Al-Qaim and launched an offensive on
    # Rawa"): a mention is its evidence span with what the extractor made of it
    kind = (field_of(event, "sub_event_type"), field_of(event, "location"))
    return {(field_of(s, "document"), field_of(s, "start"), field_of(s, "end"), *kind)
            for s in field_of(event, "sources") or []}


def _kept_apart_in_document(existing: Any, new: Any) -> bool:
    """The extractor split one document's mentions into these two events: they have different
    sub-types ("regained the prison" and "clashes since Thursday"), or one sentence gave both
    ("taking Falluja and parts of Ramadi"). Other mentions of one document may still join
    (two sentences on the same raid the extractor could not tie)."""
    old, added = _mentions(existing), _mentions(new)
    if old & added or not {m[0] for m in old} & {m[0] for m in added}:
        return False  # the same mention again (a re-run), or another document's event
    if field_of(existing, "sub_event_type") != field_of(new, "sub_event_type"):
        return True
    return bool({m[:3] for m in old} & {m[:3] for m in added})


class EventMerger:
    """Decides which existing event each new event joins."""

    def __init__(self, config: MergeConfig | None = None, registry: Any = "default") -> None:
        self.config = config or MergeConfig()
        self._registry = registry

    @property
    def registry(self) -> Any:
        if self._registry == "default":
            self._registry = default_registry()
        return self._registry

    def compatible(self, a: Any, b: Any) -> bool:
        return events_compatible(a, b, self.registry, self.config)

    def keys(self, event: Any) -> list[str]:
        return candidate_keys(event, self.config)

    def score(self, existing: Any, new: Any) -> tuple:
        """How close a compatible candidate is (higher is closer): same sub-type, nearer in
        time, nearer in space, same actor1, more sources."""
        ia = date_interval(*stated_date(existing), self.config)
        ib = date_interval(*stated_date(new), self.config)
        # days between the two date intervals: 0 when one holds the other (a month-only
        # report is as near to every day of its month)
        days = max(0, (ia[0] - ib[1]).days, (ib[0] - ia[1]).days) if ia and ib else 99
        pa = (field_of(existing, "latitude"), field_of(existing, "longitude"))
        pb = (field_of(new, "latitude"), field_of(new, "longitude"))
        dist = km_between(*pa, *pb) if None not in pa and None not in pb else 999.0
        same_sub = field_of(existing, "sub_event_type") == field_of(new, "sub_event_type")
        same_a1 = bool(field_of(new, "actor1")) and field_of(existing, "actor1") == field_of(new, "actor1")
        return (same_sub, -days, same_a1, -round(dist / 10), len(field_of(existing, "sources") or []))

    def best_match(self, existing: Iterable[Any], new: Any) -> Any | None:
        """The closest compatible existing event record, or None. An event of the new event's
        own document that the extractor deliberately kept apart is no candidate."""
        existing = [e for e in existing if not _kept_apart_in_document(e, new)]
        if not stated_date(new)[0]:
            # an undated report joins a dated event only when exactly one agrees strongly
            strong = [e for e in existing if undated_agrees(e, new, self.registry, self.config)]
            return strong[0] if len(strong) == 1 else None
        cands = [e for e in existing if self.compatible(e, new)]
        return max(cands, key=lambda e: self.score(e, new)) if cands else None

    def match(self, existing: Sequence[Any], new: Sequence[Any]) -> list[str | None]:
        """For each new event, the id of the existing event it joins, or None."""
        out = []
        for ev in new:
            cand_keys = set(self.keys(ev))
            pool = [e for e in existing if cand_keys.intersection(self.keys(e))]
            hit = self.best_match(pool, ev)
            out.append(field_of(hit, "id") if hit is not None else None)
        return out

    def combine(self, existing: Event, new: Event) -> Event:
        return combine(existing, new)

    def adoptable(self, target: Any, orphans: Iterable[Any]) -> list[Any]:
        """Undated reports stored before `target` had its day ("killed on Friday" read before
        any report gave the date) that agree strongly with it: they join it now, so that the
        result does not depend on the order reports arrive in."""
        if stated_date(target)[1] != "day":
            return []
        return [o for o in orphans if not stated_date(o)[0] and field_of(o, "id") != field_of(target, "id")
                and not _kept_apart_in_document(target, o)
                and undated_agrees(target, o, self.registry, self.config)]

    def orphan_keys(self, target: Any) -> list[str]:
        """The country-wide keys under which undated reports of `target`'s country are stored
        (none for a target that cannot adopt: it has no day)."""
        if stated_date(target)[1] != "day":
            return []
        return [k for k in self.keys(target) if k.startswith("U|")]


class EventIndex:
    """An in-memory store of merged events with blocking keys (one run, tests, benchmarks)."""

    def __init__(self, merger: EventMerger | None = None) -> None:
        self.merger = merger or EventMerger()
        self.events: dict[str, Event] = {}
        self._by_key: dict[str, list[str]] = {}

    def _index(self, ev: Event) -> None:
        for key in self.merger.keys(ev):
            ids = self._by_key.setdefault(key, [])
            if ev.id not in ids:
                ids.append(ev.id)

    def _adopt(self, target: Event) -> Event:
        pool = [self.events[i] for k in self.merger.orphan_keys(target) for i in self._by_key.get(k, ())
                if i in self.events]
        for orphan in self.merger.adoptable(target, pool):
            target = combine(target, orphan)
            del self.events[orphan.id]
        return target

    def candidates(self, ev: Event) -> list[Event]:
        ids = dict.fromkeys(i for k in self.merger.keys(ev) for i in self._by_key.get(k, ()))
        return [self.events[i] for i in ids if i in self.events]  # adopted orphans are gone

    def add(self, ev: Event, allow_new: bool = True) -> tuple[Event | None, bool]:
        """Merge `ev` in; returns (the stored event, joined an existing one). A duplicate
        document passes `allow_new=False`: its events only join existing ones."""
        target = self.merger.best_match(self.candidates(ev), ev)
        if target is not None:
            merged = self._adopt(combine(target, ev))
            self.events[merged.id] = merged
            self._index(merged)
            return merged, True
        if not allow_new:
            return None, False
        ev = with_source_figures(copy.deepcopy(ev))
        first = ev.sources[0] if ev.sources else None
        ev.id = ev.id or f"e-{len(self.events) + 1}-{first.document if first else ''}"
        ev = self._adopt(ev)
        self.events[ev.id] = ev
        self._index(ev)
        return ev, False
