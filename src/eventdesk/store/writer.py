"""Write one processed document into the store, in one transaction: near-duplicate check,
cross-document event merging (blocked by date and place keys), claim ledger ids."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from eventdesk.merge.dedup import NearDuplicateIndex, body_signature
from eventdesk.merge.events import EventMerger, with_source_figures
from eventdesk.record import Claim, Document
from eventdesk.store.repository import Store, stable_id
from eventdesk.store.schema import ClaimRow, ClaimSourceRow


@dataclass
class WriteOutcome:
    events_new: int = 0
    events_merged: int = 0
    events_dropped: int = 0  # a duplicate's event that matched nothing stored
    claims: int = 0


class DocumentWriter:
    """Stores documents one by one; keeps the near-duplicate index in step with the store."""

    def __init__(self, store: Store, merger: EventMerger | None = None) -> None:
        self.repo = store
        self.merger = merger or EventMerger()
        self._index: NearDuplicateIndex | None = None

    @property
    def index(self) -> NearDuplicateIndex:
        if self._index is None:  # rebuilt from stored signatures: incremental runs
            self._index = NearDuplicateIndex()
            for doc_id, signature in self.repo.signatures():
                self._index.add(doc_id, signature)
        return self._index

    def write(self, doc: Document, run_id: str) -> WriteOutcome:
        signature = body_signature(doc.body) if doc.body else None
        if signature is not None:
            doc.duplicate_of = self.index.find(signature)
        with self.repo.transaction() as session:
            outcome = self._write(session, doc, run_id, signature)
        if signature is not None and doc.duplicate_of is None:
            self.index.add(doc.id, signature)  # only once the document is committed
        return outcome

    def _write(self, s: Session, doc: Document, run_id: str, signature: bytes | None
               ) -> WriteOutcome:
        out = WriteOutcome()
        self.repo.add_document(s, doc, run_id, signature)
        for ordinal, ev in enumerate(doc.events):
            # ids follow the document and the event's place in it: re-runs give the same ids
            ev.id = ev.id or stable_id("e", doc.id, ordinal, ev.sub_event_type)
            hit = self.merger.best_match(self.repo.events_by_keys(s, _lookup_keys(ev, self.merger)), ev)
            if hit is not None:
                merged = self._adopt(s, self.merger.combine(hit, ev))
                self.repo.update_event(s, merged, self.merger.keys(merged))
                out.events_merged += 1
            elif doc.duplicate_of is None:
                self.repo.add_event(s, with_source_figures(ev), self.merger.keys(ev))
                adopted = self._adopt(s, ev)
                if adopted is not ev:
                    self.repo.update_event(s, adopted, self.merger.keys(adopted))
                out.events_new += 1
            else:
                out.events_dropped += 1
        if doc.claims:
            _assign_ledgers(doc.claims)
        for claim in doc.claims:
            if doc.duplicate_of is not None and self._join_claim(s, doc.duplicate_of, claim):
                continue
            self.repo.add_claim(s, claim)
            out.claims += 1
        return out

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
