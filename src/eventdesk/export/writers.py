"""Write a store out in one of the export formats."""

from __future__ import annotations

import csv
import json
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from eventdesk.errors import ConfigError, Errors
from eventdesk.export.acled import ACLED_COLUMNS, acled_row
from eventdesk.export.records import claim_record, document_record, event_record
from eventdesk.store import Store

FORMATS = ("jsonl", "csv", "geojson", "parquet")


def export(store: Store, fmt: str, out: Path) -> dict[str, int]:
    """Write the store to `out` in format `fmt`; returns counts of what was written."""
    writers = {"jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson,
               "parquet": write_parquet}
    if fmt not in writers:
        raise ConfigError(Errors.E601.format(fmt=fmt, choices=", ".join(FORMATS)))
    out = Path(out)
    try:
        if out.is_dir():
            raise ConfigError(Errors.E605.format(path=out, reason="it is a folder"))
        if out.exists() and not stat.S_ISREG(out.stat().st_mode):
            return writers[fmt](store, out)  # a device or pipe (/dev/stdout): written as is
        out.parent.mkdir(parents=True, exist_ok=True)
        return _atomic(out, lambda tmp: writers[fmt](store, tmp))
    except OSError as exc:
        raise ConfigError(Errors.E605.format(path=out, reason=exc.strerror or exc)) from None


def _atomic(out: Path, write: Callable[[Path], dict[str, int]]) -> dict[str, int]:
    """Write beside `out` and rename over it only when complete: a full disk or a crash
    leaves the previous export whole, never a truncated one."""
    fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        counts = write(tmp)
        for made in [tmp, *_side_tables(tmp)]:
            if made.exists():
                with open(made, "rb") as fh:
                    os.fsync(fh.fileno())
        for made, final in zip(_side_tables(tmp), _side_tables(out)):  # Parquet's other tables
            if made.exists():
                os.replace(made, final)
        os.replace(tmp, out)
        return counts
    finally:
        for made in [tmp, *_side_tables(tmp)]:
            made.unlink(missing_ok=True)


def _side_tables(path: Path) -> list[Path]:
    return [path.with_suffix(".claims.parquet"), path.with_suffix(".documents.parquet")]


def write_jsonl(store: Store, out: Path) -> dict[str, int]:
    docs, events, claims = store.documents(), store.events(), store.claims()
    reports = store.event_source_figures()
    with out.open("w", encoding="utf-8") as fh:
        for rec in ([document_record(d) for d in docs]
                    + [event_record(e, reports.get(e.id, [])) for e in events]
                    + [claim_record(c) for c in claims]):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return {"documents": len(docs), "events": len(events), "claims": len(claims)}


def write_csv(store: Store, out: Path) -> dict[str, int]:
    docs = {d.id: d for d in store.documents()}
    events = store.events()
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        registry = _registry()
        for ev in events:
            writer.writerow(acled_row(ev, docs, registry))
    return {"events": len(events)}


def write_geojson(store: Store, out: Path) -> dict[str, int]:
    features = []
    for ev in store.events():
        if ev.latitude is None or ev.longitude is None:
            continue
        props = {k: v for k, v in event_record(ev).items() if k not in ("latitude", "longitude")}
        features.append({"type": "Feature", "properties": props,
                         "geometry": {"type": "Point",
                                      "coordinates": [round(ev.longitude, 5),
                                                      round(ev.latitude, 5)]}})
    out.write_text(json.dumps({"type": "FeatureCollection", "features": features},
                              ensure_ascii=False), encoding="utf-8")
    return {"events": len(features)}


def write_parquet(store: Store, out: Path) -> dict[str, int]:
    """Three tables: OUT (events, ACLED columns), OUT.claims, OUT.documents."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ConfigError(Errors.E603.format(reason=exc)) from exc
    docs = store.documents()
    by_id = {d.id: d for d in docs}
    registry = _registry()
    events = [acled_row(e, by_id, registry) for e in store.events()]
    claims = [{**claim_record(c), "sources": json.dumps(claim_record(c)["sources"])}
              for c in store.claims()]
    documents = [document_record(d) for d in docs]
    pq.write_table(pa.Table.from_pylist(events or [dict.fromkeys(ACLED_COLUMNS)]), out)
    pq.write_table(pa.Table.from_pylist(claims), out.with_suffix(".claims.parquet"))
    pq.write_table(pa.Table.from_pylist(documents), out.with_suffix(".documents.parquet"))
    return {"events": len(events), "claims": len(claims), "documents": len(documents)}


def _registry():
    """The actor registry, for ACLED's inter codes of the actors' canonical names."""
    from eventdesk.understand.actors.registry import ActorRegistry

    return ActorRegistry.default()
