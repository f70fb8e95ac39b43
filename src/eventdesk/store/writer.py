"""Write one processed document into the store, in one transaction: near-duplicate check,
cross-document event merging (blocked by date and place keys), claim ledger ids."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from eventdesk.errors import Errors

from eventdesk.merge.dedup import NearDuplicateIndex, body_signature
from eventdesk.merge.events import EventMerger, with_source_figures
from eventdesk.record import Claim, Document, Event
from eventdesk.store.repository import Store, stable_id
from eventdesk.store.schema import ClaimRow, ClaimSourceRow


@dataclass
class WriteOutcome:
    events_new: int = 0
    events_merged: int = 0
    events_dropped: int = 0  # a duplicate's event that matched nothing stored
    claims: int = 0
    already_stored: bool = False  # another run stored it meanwhile: nothing written
    replaced: bool = False  # a failed, ingest-only or older version's copy was replaced
    item_errors: list[str] = field(default_factory=list)  # E506: items not stored


class DocumentWriter:
    """Stores documents one by one; keeps the near-duplicate index in step with the store."""

    def __init__(self, store: Store, merger: EventMerger | None = None, version: str = "",
                 extracting: bool = True) -> None:
        self.repo = store
        self.merger = merger or EventMerger()
        self.version = version  # the eventdesk version and pipeline kind stored with each
        self.extracting = extracting  # document, so that later runs know what to redo
        self._index: NearDuplicateIndex | None = None
        self._seen_seq = 0

    @property
    def index(self) -> NearDuplicateIndex:
        if self._index is None:  # rebuilt from stored signatures: incremental runs
            self._index = NearDuplicateIndex()
            self._refresh(None)
        return self._index

    def _refresh(self, s: Session | None) -> None:
        """Add what other writers stored since we last looked (concurrent runs)."""
        index = self._index if self._index is not None else self.index
        for doc_id, signature, seq in self.repo.signatures(s, self._seen_seq):
            index.add(doc_id, signature)
            self._seen_seq = max(self._seen_seq, seq)

    def write(self, doc: Document, run_id: str) -> WriteOutcome:
        signature = body_signature(doc.body) if doc.body else None
        with self.repo.transaction() as session:  # serialised with other writers
            stored = self.repo.stored_document(session, doc.id)
            seq = None
            if stored is not None:
                if doc.id in self.repo.processed([doc.id], self.extracting, self.version):
                    return WriteOutcome(already_stored=True)
                seq = self.repo.remove_document(session, doc.id)
            self._refresh(session)
            if signature is not None:
                found = self.index.find(signature)
                doc.duplicate_of = found if found != doc.id else None
            outcome = self._write(session, doc, run_id, signature, seq)
            outcome.replaced = stored is not None
        if signature is not None and doc.duplicate_of is None:
            self.index.add(doc.id, signature)  # only once the document is committed
        return outcome

    def _contained(self, s: Session, out: WriteOutcome, doc: Document, kind: str, store) -> bool:
        """Store one item in a savepoint: if the database refuses it, that item is reported
        (E506) and the document's other items are stored all the same."""
        try:
            with s.begin_nested():
                store()
            return True
        except SQLAlchemyError as exc:
            reason = f"{type(exc).__name__}: {str(getattr(exc, 'orig', None) or exc).splitlines()[0]}"
            out.item_errors.append(Errors.E506.format(doc=doc.source, kind=kind, reason=reason))
            return False

    def _write(self, s: Session, doc: Document, run_id: str, signature: bytes | None,
               seq: int | None = None) -> WriteOutcome:
        out = WriteOutcome()
        self.repo.add_document(s, doc, run_id, signature, self.version,
                               self.extracting, seq)
        for ordinal, ev in enumerate(doc.events):
            # ids follow the document and the event's place in it: re-runs give the same ids
            ev.id = ev.id or stable_id("e", doc.id, ordinal, ev.sub_event_type)
            hit = self.merger.best_match(self.repo.events_by_keys(s, _lookup_keys(ev, self.merger)), ev)
            if hit is not None:
                if self._contained(s, out, doc, "event", lambda: self._merge(s, hit, ev)):
                    out.events_merged += 1
            elif doc.duplicate_of is None:
                if self._contained(s, out, doc, "event", lambda: self._add(s, ev)):
                    out.events_new += 1
            else:
                out.events_dropped += 1
        if doc.claims:
            _assign_ledgers(doc.claims)
        for claim in doc.claims:
            if doc.duplicate_of is not None and self._join_claim(s, doc.duplicate_of, claim):
                continue
            if self._contained(s, out, doc, "claim", lambda: self.repo.add_claim(s, claim)):
                out.claims += 1
        return out

    def _merge(self, s: Session, hit: Event, ev: Event) -> None:
        merged = self._adopt(s, self.merger.combine(hit, ev))
        self.repo.update_event(s, merged, self.merger.keys(merged))

    def _add(self, s: Session, ev: Event) -> None:
        self.repo.add_event(s, with_source_figures(ev), self.merger.keys(ev))
        adopted = self._adopt(s, ev)
        if adopted is not ev:
            self.repo.update_event(s, adopted, self.merger.keys(adopted))

    def _adopt(self, s: Session, target: Event) -> Event:
        """Undated reports stored earlier that agree with the now day-dated `target` join it."""
        keys = self.merger.orphan_keys(target)
        if not keys:
            return target  # only a day-dated event adopts: no query on the hot path otherwise
        pool = self.repo.events_by_keys(s, keys)
        for orphan in self.merger.adoptable(target, pool):
            target = self.merger.combine(target, orphan)
            self.repo.remove_event(s, orphan.id)
        return target

    @staticmethod
    def _join_claim(s: Session, original: str, claim: Claim) -> bool:
        """A duplicate's claim becomes one more source of the original's same claim."""
        rows = s.scalars(select(ClaimRow).join(ClaimSourceRow, ClaimSourceRow.claim_id == ClaimRow.id)
                         .where(ClaimSourceRow.document_id == original))
        for row in rows:
            if (row.low, row.high, row.unit) == (claim.low, claim.high, claim.unit):
                for src in claim.sources:
                    s.add(ClaimSourceRow(claim_id=row.id, document_id=src.document,
                                         start=src.start, end=src.end, text=src.text))
                return True
        return False


def _lookup_keys(ev, merger: EventMerger) -> list[str]:
    """Keys to look candidates up by. Stored day-dated events also carry a country-wide
    "U|" key so that an undated report can find them; a dated event must not look up by it,
    or it would pull in every event of its country (blocking is what keeps merging cheap)."""
    keys = merger.keys(ev)
    if ev.date:
        keys = [k for k in keys if not k.startswith("U|")]
    return keys


def _assign_ledgers(claims: list[Claim]) -> None:
    from eventdesk.merge.ledger import assign_ledgers  # the ledger keys measures by meaning

    assign_ledgers(claims)
