"""Merge rule 4, actors (event_rules.py): actor1 and actor2 agree, also swapped; unknown
agrees with anything; two names agree when equal, related in the actor registry, one the
other with a qualifier, or both state forces of one country."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from eventdesk.merge.event_fields import _norm, field_of

# ACLED's "Unidentified Armed Group (Russia)": a report that does not know who acted
_UNKNOWN = re.compile(r"^unidentified\b|^unknown\b", re.I)
_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")
_STATE_FORCES = re.compile(r"^(?:military|police|security|state|government) forces of (.+?)(?:\s*\(.*\))?$", re.I)


def _base(name: str) -> str:
    return _QUALIFIER.sub("", name).strip()


def _state_country(name: str, registry: Any) -> str | None:
    ref = _resolve(registry, name)
    if ref is not None and str(getattr(ref, "inter", "")).lower().startswith("state"):
        return _norm(getattr(ref, "country", None)) or None
    m = _STATE_FORCES.match(name)
    return _norm(m.group(1)) if m else None


@lru_cache(maxsize=4096)
def _resolve(registry: Any, name: str) -> Any:
    """The registry's ActorRef for a canonical name (cached: the same names recur)."""
    resolve = getattr(registry, "resolve", None)
    if resolve is None:
        return None
    try:
        return resolve(name)
    except (KeyError, ValueError, TypeError):
        return None


def _registry_related(registry: Any, a: str, b: str) -> bool:
    """Same registry actor, one an affiliate of the other (IS / IS Khorasan Province), or two
    names of one organisation's lineage (AQI -> ISI -> IS)."""
    ra, rb = _resolve(registry, a), _resolve(registry, b)
    if ra is None or rb is None:
        return False
    ia, ib = getattr(ra, "id", None), getattr(rb, "id", None)
    if ia is None or ib is None:
        return False
    if ia == ib:
        return True
    get = getattr(registry, "get", None)
    if callable(get):
        aa, ab = get(ia), get(ib)
        if (aa is not None and getattr(aa, "affiliation", None) == ib) or \
                (ab is not None and getattr(ab, "affiliation", None) == ia):
            return True
    lineage = getattr(registry, "lineage", None)
    if callable(lineage):
        return any(stage.actor == ib for stage in lineage(ia))
    return False


def unidentified(name: str | None) -> bool:
    """ACLED's name for a perpetrator the report does not know ("Unidentified Armed Group (X)"):
    any named side told of the same event says more."""
    return bool(name and _UNKNOWN.match(name))


def qualified_alike(a: str, b: str) -> bool:
    """One name, or one carrying a qualifier the other lacks ("Islamic State" and "Islamic
    State (West Africa Province)")."""
    na, nb = _norm(a), _norm(b)
    ba, bb = _norm(_base(a)), _norm(_base(b))
    return na == nb or ((ba == nb or bb == na) and ba == bb)


def actors_agree(a: str | None, b: str | None, registry: Any = None) -> bool:
    """One actor slot: unknown agrees; else same, related, or state forces of one country."""
    if not a or not b or _UNKNOWN.match(a) or _UNKNOWN.match(b):
        return True
    na, nb = _norm(a), _norm(b)
    if na == nb:
        return True
    if registry is not None and _registry_related(registry, a, b):
        return True
    if qualified_alike(a, b):
        return True
    sa, sb = _state_country(a, registry), _state_country(b, registry)
    return sa is not None and sa == sb


def actor_pairs_compatible(a: Any, b: Any, registry: Any = None) -> bool:
    a1, a2 = field_of(a, "actor1"), field_of(a, "actor2")
    b1, b2 = field_of(b, "actor1"), field_of(b, "actor2")
    straight = actors_agree(a1, b1, registry) and actors_agree(a2, b2, registry)
    return straight or (actors_agree(a1, b2, registry) and actors_agree(a2, b1, registry))
