"""Extraction: events (ACLED taxonomy) and sourced numeric claims, each with its evidence.

Public API (imported lazily so that importing the package loads no lexicon):
    EventConfig, extract_events(doc, config) -> list[Event], EventStage  (extract/events/extractor.py)
"""

from __future__ import annotations

__all__ = ["EventConfig", "EventStage", "extract_events"]


def __getattr__(name: str):
    if name in __all__:
        from eventdesk.extract.events import extractor as events

        return getattr(events, name)
    raise AttributeError(name)
