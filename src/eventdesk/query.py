"""Questions a user asks of the store, as plain functions (the CLI only renders them)."""

from __future__ import annotations

from dataclasses import dataclass

from eventdesk.record import Event
from eventdesk.store import Store


@dataclass(frozen=True)
class EventFilter:
    event_type: str | None = None  # matches event_type or sub_event_type, case-insensitive
    actor: str | None = None  # substring of actor1 or actor2
    since: str | None = None  # ISO date; events dated on or after (by their precision)
    country: str | None = None
    include_historical: bool = True

    def accepts(self, ev: Event) -> bool:
        if self.event_type:
            want = self.event_type.lower()
            if want not in (ev.event_type or "").lower() and want not in (ev.sub_event_type or "").lower():
                return False
        if self.actor:
            want = self.actor.lower()
            if not any(want in (a or "").lower() for a in (ev.actor1, ev.actor2)):
                return False
        if self.country and (ev.country or "").lower() != self.country.lower():
            return False
        if self.since and (not ev.date or ev.date < self.since[: len(ev.date)]):
            return False
        return self.include_historical or not ev.historical


def find_events(store: Store, flt: EventFilter) -> list[Event]:
    return [ev for ev in store.events() if flt.accepts(ev)]
