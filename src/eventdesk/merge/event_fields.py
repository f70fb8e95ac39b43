"""Reading event records for the merge rules (event_rules.py): records from the store may
be Events, mappings or row objects."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def field_of(rec: Any, name: str, default: Any = None) -> Any:
    if isinstance(rec, Mapping):
        return rec.get(name, default)
    return getattr(rec, name, default)


def stated_date(rec: Any) -> tuple[str | None, str | None]:
    """(date, precision) as the reports tell it: a year estimated from an undated page
    (`extra["date_estimated"]`) says nothing about which occurrence a report tells, so for
    merging such an event is undated."""
    if (field_of(rec, "extra") or {}).get("date_estimated"):
        return None, None
    return field_of(rec, "date"), field_of(rec, "date_precision")


def _norm(name: Any) -> str:
    return " ".join(str(name).casefold().split()) if name else ""
