"""Places: the GeoNames gazetteer index and the spaCy component that resolves toponyms in context."""

from __future__ import annotations

from eventdesk.lazy import lazy_exports

_EXPORTS = {
    "Gazetteer": "eventdesk.understand.places.gazetteer",
    "Place": "eventdesk.understand.places.gazetteer",
}
__all__ = list(_EXPORTS)
__getattr__ = lazy_exports(_EXPORTS)
