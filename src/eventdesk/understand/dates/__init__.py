"""Dates: absolute and relative expressions resolved against the publication date, with a precision."""

from __future__ import annotations

from eventdesk.lazy import lazy_exports

_EXPORTS = {
    "resolve_date": "eventdesk.understand.dates.resolve",
    "DateValue": "eventdesk.understand.dates.resolve",
    "DateResolver": "eventdesk.understand.dates.resolve",
}
__all__ = list(_EXPORTS)
__getattr__ = lazy_exports(_EXPORTS)
