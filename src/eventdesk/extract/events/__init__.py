"""Events in ACLED's taxonomy: triggers, roles, place, date, fatalities, modality, within-document merging."""

from __future__ import annotations

from eventdesk.lazy import lazy_exports

_EXPORTS = {
    "EventConfig": "eventdesk.extract.events.extractor",
    "extract_events": "eventdesk.extract.events.extractor",
    "EventStage": "eventdesk.extract.events.extractor",
}
__all__ = list(_EXPORTS)
__getattr__ = lazy_exports(_EXPORTS)
