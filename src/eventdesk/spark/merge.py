"""Near-duplicates and cross-document merging as Spark operations, with the local code's
signatures, blocking keys and merge functions, so the answers equal the local run's.

1. Near-duplicates: each body's MinHash signature (merge/dedup.py) is cut into the LSH bands
   datasketch's `MinHashLSH` uses for the same threshold; bodies sharing a band are candidate
   pairs, checked by the local rules (`NearDuplicateIndex.is_duplicate`). Which copy points at
   which original is then decided in arrival order, as the local writer does (a copy points
   at the earliest original it matches; a copy is never an original): `resolve_duplicates`.
2. Events: each event is blocked by the local merger's date x place keys
   (merge/event_rules.candidate_keys); events linked by a shared key form one group; each
   group is merged, in arrival order, by the local writer's own code (store/writer.py) in a
   scratch SQLite store inside the task, so every rule of the local merge applies unchanged.
3. Claims: grouped by the document they belong to or copy (a copy's claim joins its
   original's same claim); ledger ids hash the ledger key, so they need no grouping.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator

from eventdesk import __version__
from eventdesk.export.records import claim_record, event_record
from eventdesk.merge.dedup import DedupConfig, NearDuplicateIndex, body_signature, minhash_from_bytes
from eventdesk.record import Document

Order = tuple[int, int]


def lsh_bands(config: DedupConfig) -> tuple[int, int]:
    """(bands, rows per band) of the local index's LSH for the same threshold."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=config.lsh_threshold, num_perm=config.num_perm)
    return lsh.b, lsh.r


def _signature(row: tuple[Order, Document]) -> list[tuple[str, tuple[Order, bytes]]]:
    order, doc = row
    return [(doc.id, (order, body_signature(doc.body)))] if doc.body else []


def duplicate_pairs(documents, config: DedupConfig | None = None) -> list[tuple]:
    """Pairs (earlier order, earlier id, later order, later id) of near-duplicate bodies,
    found by joining LSH band buckets and checked by the local rules."""
    config = config or DedupConfig()
    bands, rows = lsh_bands(config)
    sigs = documents.flatMap(_signature).filter(lambda r: minhash_from_bytes(r[1][1])[1] > 0).cache()

    def band_keys(r):
        doc_id, (order, sig) = r
        values = minhash_from_bytes(sig)[0].hashvalues
        return [((b, values[b * rows:(b + 1) * rows].tobytes()), (order, doc_id))
                for b in range(bands)]

    def bucket_pairs(kv):
        members = sorted(set(kv[1]))
        return [(a, b) for i, a in enumerate(members) for b in members[i + 1:]]

    pairs = sigs.flatMap(band_keys).groupByKey().flatMap(bucket_pairs).distinct()
    by_id = sigs.mapValues(lambda v: v[1])
    joined = (pairs.map(lambda p: (p[0][1], p)).join(by_id)
              .map(lambda kv: (kv[1][0][1][1], (kv[1][0], kv[1][1]))).join(by_id))

    def checked(part):
        index = NearDuplicateIndex(config)
        for _, ((pair, sig_a), sig_b) in part:
            if index.is_duplicate(minhash_from_bytes(sig_a), minhash_from_bytes(sig_b)):
                (oa, ia), (ob, ib) = pair
                yield oa, ia, ob, ib

    found = joined.mapPartitions(checked).collect()
    sigs.unpersist()
    return found


def resolve_duplicates(pairs: list[tuple]) -> dict[str, str]:
    """copy id -> original id, deciding in arrival order as the local writer does: a body
    duplicates the earliest earlier document it matches that is itself not a copy. Only the
    matching pairs come here (few), never the documents."""
    earlier: dict[tuple, list[tuple]] = {}
    for oa, ia, ob, ib in pairs:
        earlier.setdefault((ob, ib), []).append((oa, ia))
    copy_of: dict[str, str] = {}
    for later in sorted(earlier):
        originals = [a for a in earlier[later] if a[1] not in copy_of and a[1] != later[1]]
        if originals:
            copy_of[later[1]] = min(originals)[1]
    return copy_of


def _light(doc: Document) -> Document:
    """The document without what merging does not read (body, input, mentions)."""
    state = doc.__getstate__()
    state.update(raw="", body=None, mentions=[], events=[], claims=[])
    out = Document.__new__(Document)
    out.__setstate__(state)
    return out


def with_event_ids(row: tuple[Order, Document]) -> tuple[Order, Document]:
    """Event ids as the local writer gives them: the document and the event's place in it."""
    from eventdesk.store.repository import stable_id

    order, doc = row
    for ordinal, ev in enumerate(doc.events):
        ev.id = ev.id or stable_id("e", doc.id, ordinal, ev.sub_event_type)
    return row


def event_groups(documents) -> dict[str, str]:
    """event id -> the id of its block group: events sharing any blocking key (transitively)
    are one group, and nothing outside a group can merge with it. The union-find runs on
    the ids and keys only."""
    from eventdesk.merge.event_rules import candidate_keys

    links = documents.flatMap(lambda r: [(ev.id, candidate_keys(ev)) for ev in r[1].events]).collect()
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for event_id, keys in links:
        find(event_id)
        for key in keys:
            a, b = find(event_id), find("k:" + key)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {event_id: find(event_id) for event_id, _ in links}


def event_shards(groups_bc):
    """(order, Document) -> (group, (order, [(ordinal, event)], light document)) per group."""
    def shard(row):
        order, doc = row
        per: dict[str, list] = {}
        for ordinal, ev in enumerate(doc.events):
            per.setdefault(groups_bc.value[ev.id], []).append((ordinal, ev))
        return [(g, (order, evs, _light(doc))) for g, evs in per.items()]
    return shard


def claim_shard(row):
    """(order, Document) -> (the original it copies or itself, (order, claims, light document))."""
    order, doc = row
    if not doc.claims:
        return []
    return [(doc.duplicate_of or doc.id, (order, list(enumerate(doc.claims)), _light(doc)))]


def merge_partition(kind: str):
    """Write a partition's groups, in arrival order, through the local `DocumentWriter` into
    a scratch store, then yield the merged records (groups never interact, so sharing one
    scratch store per partition changes nothing)."""
    def run(rows: Iterator) -> Iterator[dict]:
        from eventdesk.store import Store
        from eventdesk.store.writer import DocumentWriter

        docs: dict[Order, tuple[Document, list]] = {}
        for _, (order, items, doc) in rows:
            docs.setdefault(order, (doc, []))[1].extend(items)
        if not docs:
            return
        with tempfile.TemporaryDirectory(prefix="eventdesk-merge-") as tmp:
            store = Store(os.path.join(tmp, "merge.db"))
            writer = DocumentWriter(store, version=__version__, extracting=True)
            for order in sorted(docs):
                doc, items = docs[order]
                values = [x for _, x in sorted(items, key=lambda p: p[0])]
                if kind == "events":
                    doc.events = values
                else:
                    doc.claims = values
                with store.transaction() as session:
                    writer._write(session, doc, "spark", None)
            if kind == "events":
                reports = store.event_source_figures()
                records = [event_record(ev, reports.get(ev.id, [])) for ev in store.events()]
            else:
                records = [claim_record(c) for c in store.claims()]
            store.engine.dispose()
        yield from records
    return run
