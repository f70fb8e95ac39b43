"""The main job: read inputs, run the stages, merge, and store each document in one
transaction. Plain functions; the CLI is a thin wrapper over `run_pipeline`."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from eventdesk import __version__
from eventdesk.errors import ConfigError, Errors
from eventdesk.ingest import IngestConfig, IngestFailure, IngestWarning, read_inputs
from eventdesk.store.writer import DocumentWriter
from eventdesk.pipeline.executor import LocalExecutor
from eventdesk.pipeline.spec import StageSpec
from eventdesk.record import Document
from eventdesk.store import Store


@dataclass
class RunOptions:
    inputs: list[str]
    db: str = "eventdesk.db"
    workers: int = 1
    batch_size: int = 8
    stages: list[StageSpec] = field(default_factory=list)
    ingest: IngestConfig = field(default_factory=IngestConfig)

    def validate(self) -> None:
        """Refuse settings that cannot work, before anything is read or stored."""
        for option, value, ok, rule in (
                ("--workers", self.workers, isinstance(self.workers, int) and self.workers >= 1,
                 "a whole number of at least 1"),
                ("batch size", self.batch_size, isinstance(self.batch_size, int)
                 and self.batch_size >= 1, "a whole number of at least 1"),
                ("--max-mb", self.ingest.max_mb, self.ingest.max_mb > 0, "a size above 0")):
            if not ok:
                raise ConfigError(Errors.E005.format(option=option, rule=rule, value=value))

    @property
    def extracting(self) -> bool:
        """True for a pipeline that goes beyond cleaning (`run`, not `ingest`)."""
        return any(s.name != "clean" for s in self.stages)


@dataclass
class RunSummary:
    run_id: str
    read: int = 0
    already_stored: int = 0
    stored: int = 0
    failed: list[str] = field(default_factory=list)  # coded messages, one per file/record
    warnings: list[str] = field(default_factory=list)  # coded W-messages: kept, not wholly
    reprocessed: int = 0  # failed, ingest-only or older version's copies processed again
    interrupted: bool = False
    skipped: Counter = field(default_factory=Counter)  # by reason
    duplicates: int = 0
    events_new: int = 0
    events_merged: int = 0
    claims: int = 0
    stage_counts: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict:
        d = asdict(self)
        d["skipped"] = dict(self.skipped)
        return d


def _fresh(items: Iterable[Document | IngestFailure | IngestWarning], store: Store,
           summary: RunSummary, extracting: bool) -> Iterator[Document]:
    """Documents that need work: not stored yet, or stored as failed, by `ingest` only (for
    a run that extracts) or by an older eventdesk. Failures are counted on the way."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, IngestFailure):
            summary.failed.append(item.message)
            continue
        if isinstance(item, IngestWarning):
            summary.warnings.append(item.message)
            continue
        summary.read += 1
        if item.id in seen or store.processed([item.id], extracting, __version__):
            summary.already_stored += 1
            continue
        seen.add(item.id)
        yield item


def run_pipeline(options: RunOptions, progress: Callable[[Document], None] | None = None
                 ) -> RunSummary:
    """Run the pipeline over the inputs into the store. Ctrl-C stops it between documents:
    what was stored stays stored, the summary says `interrupted`, and a rerun resumes."""
    options.validate()
    store = Store(options.db)
    run_id = "r-" + uuid.uuid4().hex[:12]
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    store.start_run(run_id, started, __version__,
                    {"stages": [asdict(s) for s in options.stages],
                     "workers": options.workers, "inputs": list(options.inputs)})
    summary = RunSummary(run_id=run_id)
    executor = LocalExecutor(options.stages, options.workers, options.batch_size)
    writer = DocumentWriter(store, version=__version__, extracting=options.extracting)
    docs = _fresh(read_inputs(options.inputs, options.ingest), store, summary,
                  options.extracting)
    try:
        for doc in executor.run(docs):
            _store_document(store, writer, doc, run_id, summary)
            if progress is not None:
                progress(doc)
    except KeyboardInterrupt:
        summary.interrupted = True  # the document being written was rolled back whole
    summary.stage_counts = {name: {"counts": dict(st.counts), "dropped": dict(st.dropped)}
                            for name, st in executor.stats.items()}
    store.finish_run(run_id, summary.as_dict())
    return summary


def _store_document(store: Store, writer: DocumentWriter, doc: Document, run_id: str,
                    summary: RunSummary) -> None:
    if doc.status == "failed":
        summary.failed.append(Errors.E101.format(path=doc.source, reason=doc.status_reason))
    elif doc.status == "skipped":
        summary.skipped[(doc.status_reason or "unknown").split(" (")[0]] += 1
    summary.warnings.extend(doc.meta.get("warnings") or [])
    try:
        outcome = writer.write(doc, run_id)
    except IntegrityError as exc:
        if store.known_ids([doc.id]):  # stored by another run meanwhile: nothing is lost
            summary.already_stored += 1
            return
        summary.failed.append(Errors.E501.format(doc=doc.source, reason=_reason(exc, store)))
        return
    except SQLAlchemyError as exc:
        summary.failed.append(Errors.E501.format(doc=doc.source, reason=_reason(exc, store)))
        return
    if outcome.already_stored:
        summary.already_stored += 1
        return
    summary.failed.extend(outcome.item_errors)
    summary.reprocessed += outcome.replaced
    summary.stored += 1
    summary.duplicates += bool(doc.duplicate_of)
    summary.events_new += outcome.events_new
    summary.events_merged += outcome.events_merged
    summary.claims += outcome.claims


def _reason(exc: SQLAlchemyError, store: Store) -> str:
    from eventdesk.store.engine import redact

    orig = getattr(exc, "orig", None) or exc
    return redact(f"{type(exc).__name__}: {str(orig).splitlines()[0] if str(orig) else ''}",
                  store.url)
