"""`eventdesk load DIR --db ...`: bring the Parquet tables of `eventdesk spark run` into a
store, for the API, the pages and the other commands. Needs pyarrow only, not Spark.

Loading is idempotent: a document (with its mentions), event or claim whose id is stored
already is left as it is. Documents are stored with their body signatures, so that a later
`eventdesk run` into the same store finds copies of them.
"""

from __future__ import annotations

from pathlib import Path

from eventdesk import __version__
from eventdesk.errors import ConfigError, Errors
from eventdesk.merge.dedup import body_signature
from eventdesk.merge.event_rules import candidate_keys
from eventdesk.record import Claim, Document, Event, Evidence, Mention

_DROP = ("kind", "year", "month", "__index_level_0__")
TABLES = ("documents", "mentions", "events", "claims")


def _row_key(row: dict) -> tuple:
    if "id" in row:
        return (row["id"],)
    return (row["document"], row["start"], row["end"], row["type"], row["ref"] or "")


def read_tables(folder: str | Path) -> dict[str, list[dict]]:
    """The tables as lists of JSON-export records (the partition columns dropped), each
    sorted by id (mentions: by document and place) so that two runs compare row by row. A
    table missing from an older output folder reads as empty."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    folder = Path(folder)
    if not (folder / "documents").is_dir():
        raise ConfigError(Errors.E702.format(path=folder))
    # explicit types: a table whose months are all unknown has only null partitions
    parts = ds.partitioning(pa.schema([("year", pa.int32()), ("month", pa.int32())]), flavor="hive")
    out = {}
    for name in TABLES:
        path = folder / name
        rows = (ds.dataset(str(path), format="parquet", partitioning=parts).to_table().to_pylist()
                if path.is_dir() and any(path.rglob("*.parquet")) else [])
        out[name] = sorted(({k: v for k, v in r.items() if k not in _DROP} for r in rows),
                           key=_row_key)
    return out


def _evidence(sources: list[dict] | None) -> list[Evidence]:
    return [Evidence(s["document"], s["start"], s["end"], s["text"]) for s in sources or []]


def load_output(folder: str | Path, db: str) -> dict[str, int]:
    """Store the tables under `folder` in `db`; returns how many rows of each were added."""
    from eventdesk.store import Store

    tables = read_tables(folder)
    store = Store(db)
    added = {name: 0 for name in TABLES}
    have = store.known_ids([r["id"] for r in tables["documents"]])
    mentions: dict[str, list[Mention]] = {}
    for r in tables["mentions"]:
        mentions.setdefault(r["document"], []).append(Mention(
            kind=r["type"], **{k: r[k] for k in ("start", "end", "text", "ref", "name", "country",
                                                 "latitude", "longitude", "precision")}))
    with store.transaction() as s:
        for r in tables["documents"]:
            if r["id"] in have:
                continue
            doc = Document(**{k: v for k, v in r.items() if k in Document.__dataclass_fields__})
            doc.authors = list(doc.authors or [])
            doc.mentions = mentions.get(doc.id, [])
            added["mentions"] += len(doc.mentions)
            # the body's signature, as a local run stores it: later runs into this store
            # find copies of the loaded documents
            signature = body_signature(doc.body) if doc.body else None
            store.add_document(s, doc, "load", signature, __version__, extracted=True)
            added["documents"] += 1
        known_events = _ids(s, "events")
        for r in tables["events"]:
            if r["id"] in known_events:
                continue
            ev = Event(**{k: v for k, v in r.items()
                          if k in Event.__dataclass_fields__ and k not in ("sources", "extra")})
            ev.sources = _evidence(r["sources"])
            ev.extra = {"source_fatalities": {x["document"]: (x["fatalities"], x["fatalities_high"])
                                              for x in r.get("reports") or []}}
            store.add_event(s, ev, candidate_keys(ev))
            added["events"] += 1
        known_claims = _ids(s, "claims")
        for r in tables["claims"]:
            if r["id"] in known_claims:
                continue
            claim = Claim(**{k: v for k, v in r.items()
                             if k in Claim.__dataclass_fields__ and k != "sources"})
            claim.sources = _evidence(r["sources"])
            store.add_claim(s, claim)
            added["claims"] += 1
    return added


def _ids(session, table: str) -> set[str]:
    from sqlalchemy import select

    from eventdesk.store.schema import ClaimRow, EventRow

    model = EventRow if table == "events" else ClaimRow
    return set(session.scalars(select(model.id)))
