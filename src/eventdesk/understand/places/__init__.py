"""Places: the GeoNames gazetteer index and the spaCy component that resolves toponyms in context."""

from __future__ import annotations

from importlib import import_module

# public name -> module that defines it; imported on first use so the package loads no model or lexicon
_EXPORTS = {
    "Gazetteer": "eventdesk.understand.places.gazetteer",
    "Place": "eventdesk.understand.places.gazetteer",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(name)
