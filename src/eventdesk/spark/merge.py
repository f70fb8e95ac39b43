"""Near-duplicates and cross-document merging as Spark operations, with the local code's
signatures, blocking keys and merge functions, so the answers equal the local run's.

Order: the local run stores documents in the order of their files' paths, then of their
place in the file (ingest.input_files); every step here decides in that order, carried by
each document as `meta["arrival"]`, so nothing depends on how Spark spreads them over tasks.

1. Near-duplicates: each body's MinHash signature (merge/dedup.py, datasketch) is cut into
   the LSH bands datasketch's `MinHashLSH` uses for the local index's threshold; bodies
   sharing a band bucket are candidate pairs, checked by the local rules
   (`NearDuplicateIndex.is_duplicate`). Matching pairs form components (spark/components.py);
   inside each component, in that order, the local index decides who copies whom as the local
   writer does (`find`, then `add` only an original).
2. Events: each event is linked to the local merger's date x place keys
   (merge/event_rules.candidate_keys); events sharing a key, transitively, form one group,
   and nothing outside a group can merge with it. Each group is merged, in that order, by the
   local writer's own code (store/writer.py) in a scratch SQLite store inside the task, so
   every rule of the local merge applies unchanged.
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


def lsh_bands(config: DedupConfig) -> tuple[int, int]:
    """(bands, rows per band) of the local index's LSH for the same threshold."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=config.lsh_threshold, num_perm=config.num_perm)
    return lsh.b, lsh.r


def arrival(doc: Document) -> tuple[int, int]:
    """Where the local run reads `doc`: the order it is stored and merged in."""
    return tuple(doc.meta["arrival"])


def _signature(row: tuple[str, Document]) -> list[tuple[str, tuple]]:
    doc_id, doc = row
    if not doc.body:
        return []
    signature = body_signature(doc.body)
    return [(doc_id, (arrival(doc), signature))] if minhash_from_bytes(signature)[1] > 0 else []


def duplicate_pairs(signatures, config: DedupConfig):
    """RDD of (id, id) pairs of near-duplicate bodies: LSH band buckets joined, each
    candidate pair checked by the local rules. `signatures`: RDD of (id, (arrival, signature))."""
    bands, rows = lsh_bands(config)

    def band_keys(r):
        doc_id, (_order, sig) = r
        values = minhash_from_bytes(sig)[0].hashvalues
        return [((b, values[b * rows:(b + 1) * rows].tobytes()), doc_id) for b in range(bands)]

    def bucket_pairs(kv):
        members = sorted(set(kv[1]))
        return [(a, b) for i, a in enumerate(members) for b in members[i + 1:]]

    def checked(part):
        index = NearDuplicateIndex(config)
        for b, ((a, (_oa, sig_a)), (_ob, sig_b)) in part:
            if index.is_duplicate(minhash_from_bytes(sig_a), minhash_from_bytes(sig_b)):
                yield a, b

    pairs = signatures.flatMap(band_keys).groupByKey().flatMap(bucket_pairs).distinct()
    return (pairs.join(signatures).map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
            .join(signatures).mapPartitions(checked))


def _resolve(group) -> Iterator[tuple[str, str]]:
    """One component of matching bodies -> (copy id, original id), decided in arrival order
    by the local index as the local writer decides: a body copies the earliest original it
    matches; a body that matches no original is one (and only originals are indexed)."""
    index = NearDuplicateIndex(DedupConfig())
    for _order, doc_id, signature in sorted((o, i, sig) for i, (o, sig) in group[1]):
        original = index.find(signature)
        if original is None:
            index.add(doc_id, signature)
        else:
            yield doc_id, original


def copies(spark, documents, config: DedupConfig | None = None):
    """RDD of (copy id, original id) over `documents` (an RDD of (id, Document))."""
    from eventdesk.spark.components import connected_components

    config = config or DedupConfig()
    signatures = documents.flatMap(_signature).cache()
    pairs = duplicate_pairs(signatures, config)
    groups = connected_components(spark, pairs).rdd.map(lambda r: (r.node, r.component))
    found = (groups.join(signatures).map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
             .groupByKey().flatMap(_resolve))
    return found


def _light(doc: Document) -> Document:
    """The document without what merging does not read (body, input, mentions)."""
    state = doc.__getstate__()
    state.update(raw="", body=None, mentions=[], events=[], claims=[])
    out = Document.__new__(Document)
    out.__setstate__(state)
    return out


def with_event_ids(doc: Document) -> Document:
    """Event ids as the local writer gives them: the document and the event's place in it."""
    from eventdesk.store.repository import stable_id

    for ordinal, ev in enumerate(doc.events):
        ev.id = ev.id or stable_id("e", doc.id, ordinal, ev.sub_event_type)
    return doc


def event_groups(spark, documents):
    """RDD of (event id, group id) for events that have blocking keys: events sharing any
    key, transitively, are one group. An event with no key merges with nothing and is its
    own group (absent here)."""
    from eventdesk.merge.event_rules import candidate_keys
    from eventdesk.spark.components import connected_components

    links = documents.flatMap(
        lambda r: [(ev.id, "k:" + key) for ev in r[1].events for key in candidate_keys(ev)])
    found = connected_components(spark, links)
    return found.where(~found.node.startswith("k:")).rdd.map(lambda r: (r.node, r.component))


def event_shards(spark, documents):
    """RDD of (group, (document id, [(ordinal, event)], light document)): a document's events
    of one group, ready to be merged there."""
    by_event = documents.flatMap(lambda r: [(ev.id, (r[0], ordinal)) for ordinal, ev
                                            in enumerate(r[1].events)])
    groups = by_event.leftOuterJoin(event_groups(spark, documents)).map(
        lambda kv: ((kv[1][0][0], kv[1][1] or kv[0]), kv[1][0][1]))  # ((doc, group), ordinal)
    per_doc = groups.groupByKey().map(lambda kv: (kv[0][0], (kv[0][1], sorted(kv[1]))))

    def shard(kv):
        doc_id, (shares, doc) = kv
        return [(group, (doc_id, [(o, doc.events[o]) for o in ordinals], _light(doc)))
                for group, ordinals in shares]

    return per_doc.groupByKey().join(documents).flatMap(shard)


def claim_shard(row):
    """(id, Document) -> (the original it copies or itself, (id, claims, light document))."""
    doc_id, doc = row
    if not doc.claims:
        return []
    return [(doc.duplicate_of or doc_id, (doc_id, list(enumerate(doc.claims)), _light(doc)))]


def merge_partition(kind: str):
    """Write a partition's groups, in arrival order, through the local `DocumentWriter` into a
    scratch store, then yield the merged records (groups never interact, so sharing one
    scratch store per partition changes nothing)."""
    def run(rows: Iterator) -> Iterator[dict]:
        from eventdesk.store import Store
        from eventdesk.store.writer import DocumentWriter

        docs: dict[str, tuple[Document, list]] = {}
        for _, (doc_id, items, doc) in rows:
            docs.setdefault(doc_id, (doc, []))[1].extend(items)
        if not docs:
            return
        with tempfile.TemporaryDirectory(prefix="eventdesk-merge-") as tmp:
            store = Store(os.path.join(tmp, "merge.db"))
            writer = DocumentWriter(store, version=__version__, extracting=True)
            for doc_id in sorted(docs, key=lambda i: arrival(docs[i][0])):
                doc, items = docs[doc_id]
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
