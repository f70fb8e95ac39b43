"""The stage contract (after datatrove's PipelineStep and NeMo Curator's ProcessingStage).

A stage is set up once per worker (`setup()` loads models, gazetteers, lexicons), then
receives batches of documents and returns them. It never imports an execution engine and
never talks to the store. It counts what it produced and what it dropped, and why.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from eventdesk.record import Document


@dataclass
class StageStats:
    """Counters a stage keeps: `counts` of what it produced, `dropped` by reason."""

    counts: Counter = field(default_factory=Counter)
    dropped: Counter = field(default_factory=Counter)

    def merge(self, other: "StageStats") -> None:
        self.counts.update(other.counts)
        self.dropped.update(other.dropped)


class Stage:
    """Base class of every pipeline stage."""

    name: str = "stage"

    def __init__(self) -> None:
        self.stats = StageStats()
        self._ready = False

    def setup(self) -> None:
        """Load what the stage needs, once per worker process."""

    def ensure_setup(self) -> None:
        if not self._ready:
            self.setup()
            self._ready = True

    def process_batch(self, docs: list[Document]) -> list[Document]:
        """Process active documents; return every document, in order."""
        for doc in docs:
            if doc.active:
                self.process(doc)
        return docs

    def process(self, doc: Document) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def teardown(self) -> None:
        """Release resources."""

    # helpers for subclasses -------------------------------------------------------------
    def count(self, key: str, n: int = 1) -> None:
        self.stats.counts[key] += n

    def skip(self, doc: Document, reason: str) -> None:
        """Mark a document as skipped by this stage (kept in the store, not extracted)."""
        doc.status = "skipped"
        doc.status_reason = reason
        self.stats.dropped[reason] += 1

    def fail(self, doc: Document, reason: str) -> None:
        doc.status = "failed"
        doc.status_reason = reason
        self.stats.dropped[reason] += 1
