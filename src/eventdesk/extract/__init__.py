"""Extraction: events (ACLED taxonomy) and sourced numeric claims, each with its evidence.

Public API (imported lazily so that importing the package loads no lexicon):
    EventConfig, extract_events(doc, config) -> list[Event], EventStage  (extract/events.py)
"""

from __future__ import annotations

__all__ = ["EventConfig", "EventStage", "extract_events"]


def __getattr__(name: str):
    if name in __all__:
        from eventdesk.extract import events

        return getattr(events, name)
    raise AttributeError(name)
