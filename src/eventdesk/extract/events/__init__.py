"""Events in ACLED's taxonomy: triggers, roles, place, date, fatalities, modality, within-document merging."""

from __future__ import annotations

from importlib import import_module

# public name -> module that defines it; imported on first use so the package loads no model or lexicon
_EXPORTS = {
    "EventConfig": "eventdesk.extract.events.extractor",
    "extract_events": "eventdesk.extract.events.extractor",
    "EventStage": "eventdesk.extract.events.extractor",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(name)
