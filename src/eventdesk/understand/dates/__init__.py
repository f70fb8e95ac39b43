"""Dates: absolute and relative expressions resolved against the publication date, with a precision."""

from __future__ import annotations

from importlib import import_module

# public name -> module that defines it; imported on first use so the package loads no model or lexicon
_EXPORTS = {
    "resolve_date": "eventdesk.understand.dates.resolve",
    "DateValue": "eventdesk.understand.dates.resolve",
    "DateResolver": "eventdesk.understand.dates.resolve",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(name)
