"""The schema checks of the actor registry's knowledge files (actors.yaml, actors_world.yaml,
countries.yaml): each raises ValueError, and knowledge.load names the file and the entry.
All stay importable from registry.py."""

from __future__ import annotations

from pathlib import Path

INTER_TYPES = frozenset({
    "state forces", "rebels", "political militia", "identity militia", "rioters", "protesters",
    "civilians", "external/other",
})
# ACLED's armed non-state actor types (inter codes 2-4): who may be an unnamed attacker's group
ARMED_NON_STATE = frozenset({"rebels", "political militia", "identity militia"})
STATE_KINDS = frozenset({"military", "police", "civilians", "government"})


# ---- schema checks (raise ValueError; knowledge.load names the file and the entry) ------------
def _check_str_list(entry: dict, key: str) -> None:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"'{key}' must be a list of non-empty strings")


def validate_actor(entry: dict, path: Path) -> None:
    if not isinstance(entry, dict):
        raise ValueError("an actor must be a mapping")
    for key in ("id", "name", "inter"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise ValueError(f"missing or empty '{key}' in {entry!r:.80}")
    if entry["inter"] not in INTER_TYPES:
        raise ValueError(f"{entry['id']}: inter '{entry['inter']}' not one of {sorted(INTER_TYPES)}")
    if entry.get("kind") is not None and entry["kind"] not in STATE_KINDS:
        raise ValueError(f"{entry['id']}: kind must be one of {sorted(STATE_KINDS)}")
    if entry.get("country") is not None and not isinstance(entry["country"], str):
        raise ValueError(f"{entry['id']}: country must be a string or null")
    _check_str_list(entry, "aliases")
    _check_str_list(entry, "exact_aliases")
    _check_str_list(entry, "local_aliases")
    if entry.get("local_aliases") and not entry.get("country"):
        raise ValueError(f"{entry['id']}: local_aliases need a country")
    if not isinstance(entry.get("pro_government", False), bool):
        raise ValueError(f"{entry['id']}: pro_government must be true or false")
    active = entry.get("active")
    if active is not None and not (isinstance(active, list) and len(active) == 2):
        raise ValueError(f"{entry['id']}: active must be [from_year, to_year]")
    unknown = set(entry) - {"id", "name", "inter", "country", "aliases", "exact_aliases", "local_aliases",
                            "affiliation", "kind", "active", "pro_government", "note"}
    if unknown:
        raise ValueError(f"{entry['id']}: unknown fields {sorted(unknown)}")


def validate_lineage(entry: dict, path: Path) -> None:
    stages = entry.get("stages") if isinstance(entry, dict) else None
    if not isinstance(stages, list) or len(stages) < 2:
        raise ValueError("a lineage needs an 'id' and at least two 'stages'")
    for stage in stages:
        if not isinstance(stage, dict) or not stage.get("actor") or not stage.get("from"):
            raise ValueError(f"{entry.get('id')}: each stage needs 'actor' and 'from'")


def validate_country(entry: dict, path: Path) -> None:
    if not isinstance(entry, dict) or not entry.get("name") or not entry.get("of"):
        raise ValueError("a country needs 'name' and 'of'")
    _check_str_list(entry, "names")
    _check_str_list(entry, "demonyms")
