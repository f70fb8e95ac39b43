"""Read a gold folder (the format of ../shared/gold): `<stem>.yaml` per document plus
`bodies/<stem>.txt`. The YAML is read directly; `.json` twins are not needed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from eventdesk.errors import ConfigError, Errors

# Fields holding lists of accepted names; a single string in the YAML is one accepted name.
NAME_LISTS = ("actor1", "actor2", "location", "subject", "attributed_to")


@dataclass
class GoldDocument:
    stem: str
    document: dict
    body: str
    events: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)


def _plain(value):
    """YAML reads unquoted dates as date objects; the gold means their ISO text."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _items(raw: list | None) -> list[dict]:
    items = []
    for item in raw or []:
        item = _plain(dict(item))
        for key in NAME_LISTS:
            if isinstance(item.get(key), str):
                item[key] = [item[key]]
        items.append(item)
    return items


def load_gold(gold_dir: str | Path) -> dict[str, GoldDocument]:
    """Every gold document of `gold_dir`, keyed by stem (the input file name without suffix)."""
    gold_dir = Path(gold_dir)
    out: dict[str, GoldDocument] = {}
    for path in sorted(gold_dir.glob("*.yaml")):
        body_path = gold_dir / "bodies" / f"{path.stem}.txt"
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            body = body_path.read_text(encoding="utf-8")
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(Errors.E101.format(path=path, reason=exc)) from exc
        if "document" not in data:
            continue  # not a gold document (a notes file, say)
        out[path.stem] = GoldDocument(path.stem, _plain(data["document"]), body,
                                      _items(data.get("events")), _items(data.get("claims")))
    if not out:
        raise ConfigError(Errors.E602.format(path=gold_dir))
    return out
