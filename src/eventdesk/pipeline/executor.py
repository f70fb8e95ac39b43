"""Executors run a list of stages over documents. They know nothing of what a stage does;
stages know nothing of executors (datatrove's split)."""

from __future__ import annotations

import multiprocessing as mp
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from eventdesk.errors import Errors
from eventdesk.pipeline.base import Stage, StageStats
from eventdesk.pipeline.spec import StageSpec
from eventdesk.record import Document

_WORKER_STAGES: list[Stage] = []


def _run_stages(stages: list[Stage], docs: list[Document]) -> dict[str, StageStats]:
    """Run every stage over one batch; returns the counters this batch added."""
    delta = {}
    for stage in stages:
        before = StageStats()
        before.merge(stage.stats)
        stage.ensure_setup()
        docs[:] = _isolated(stage, docs)
        after = StageStats(stage.stats.counts - before.counts,
                           stage.stats.dropped - before.dropped)
        delta[stage.name] = after
    for doc in docs:
        doc.analysis = None  # the spaCy Doc is only for the stages of this batch
    return delta


def _isolated(stage: Stage, docs: list[Document]) -> list[Document]:
    """Run a stage on a batch; if the batch fails, run it document by document so that one
    bad document is marked failed (with the reason) and the others go on."""
    snapshot = StageStats()
    snapshot.merge(stage.stats)
    try:
        return stage.process_batch(docs)
    except Exception:  # noqa: BLE001 - the isolation boundary of a batch
        stage.stats = snapshot  # the documents are processed again one by one below
    out = []
    for doc in docs:
        try:
            out.extend(stage.process_batch([doc]))
        except Exception as exc:  # noqa: BLE001 - one document's failure is recorded, not raised
            stage.fail(doc, Errors.E401.format(reason=f"{stage.name}: {type(exc).__name__}: {exc}"))
            doc.analysis = None
            out.append(doc)
    return out


def _worker_init(specs: list[StageSpec]) -> None:
    global _WORKER_STAGES
    # Ctrl-C is the main process's to handle (it stops the pool and says what was stored);
    # workers would each print a traceback of wherever they were.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_STAGES = [spec.build() for spec in specs]
    for stage in _WORKER_STAGES:
        stage.ensure_setup()  # load models once per worker


def _worker_batch(docs: list[Document]) -> tuple[list[Document], dict[str, StageStats]]:
    delta = _run_stages(_WORKER_STAGES, docs)
    return docs, delta


def batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class LocalExecutor:
    """Runs stages in this process (workers=1) or in a pool of worker processes.

    Batches are submitted in a bounded window so that a large crawl never sits in memory,
    and results come back in input order.
    """

    def __init__(self, specs: list[StageSpec], workers: int = 1, batch_size: int = 8) -> None:
        self.specs = list(specs)
        self.workers = max(1, workers)
        self.batch_size = max(1, batch_size)
        self.stats: dict[str, StageStats] = {s.name: StageStats() for s in self.specs}

    def _collect(self, delta: dict[str, StageStats]) -> None:
        for name, st in delta.items():
            self.stats.setdefault(name, StageStats()).merge(st)

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        batches = batched(docs, self.batch_size)
        if self.workers == 1:
            stages = [spec.build() for spec in self.specs]
            for batch in batches:
                self._collect(_run_stages(stages, batch))
                yield from batch
            for stage in stages:
                stage.teardown()
            return
        ctx = mp.get_context("fork")
        with ctx.Pool(self.workers, initializer=_worker_init, initargs=(self.specs,)) as pool:
            window: deque = deque()
            for batch in batches:
                window.append(pool.apply_async(_worker_batch, (batch,)))
                if len(window) >= 2 * self.workers:
                    yield from self._take(window.popleft())
            while window:
                yield from self._take(window.popleft())

    def _take(self, result) -> list[Document]:
        docs, delta = result.get()
        self._collect(delta)
        return docs
