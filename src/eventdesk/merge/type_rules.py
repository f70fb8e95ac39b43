"""Merge rule 1, type (event_rules.py): same sub_event_type, or both in one family of
knowledge/data/merge.yaml."""

from __future__ import annotations

from typing import Any

from eventdesk.merge.event_fields import field_of
from eventdesk.merge.merge_config import MergeConfig, _tables


def reported_sub_types(rec: Any) -> list[str]:
    """Every sub-type the reports of a merged event gave it (`extra["sub_types"]`), the
    event's own first: a report joins an event when it fits any of them."""
    own = field_of(rec, "sub_event_type")
    told = (field_of(rec, "extra") or {}).get("sub_types") or []
    return list(dict.fromkeys([own, *told])) if own else list(told)


def types_compatible(a: Any, b: Any, config: MergeConfig) -> bool:
    subs_a, subs_b = reported_sub_types(a), reported_sub_types(b)
    if not subs_a or not subs_b:
        return bool(field_of(a, "event_type")) and field_of(a, "event_type") == field_of(b, "event_type")
    if set(subs_a) & set(subs_b):
        return True
    families, _ = _tables(config)
    return any(sa in fam and sb in fam for fam in families for sa in subs_a for sb in subs_b)
