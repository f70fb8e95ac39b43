"""A Spark executor beside `LocalExecutor`: it runs the same list of `StageSpec`s, batch by
batch, inside Spark partitions (`mapPartitions`).

Stages are built and set up once per Python worker process, on first use, in a module-level
holder (`stages_for`): a closure carries only the small picklable specs, never a model.
Spark reuses its Python workers between tasks (`spark.python.worker.reuse`, on by default),
so spaCy and the gazetteers load once per executor process, as in the local pool.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from eventdesk.ingest import IngestConfig, IngestFailure, IngestWarning
from eventdesk.ingest.manifest import ManifestIndex
from eventdesk.ingest.readers import _contained, input_files, read_file
from eventdesk.pipeline.base import Stage, StageStats
from eventdesk.pipeline.executor import _run_stages, batched
from eventdesk.pipeline.spec import StageSpec
from eventdesk.record import Document

STATS = "__stage_stats__"  # the key of the one counters row each partition yields last
_HOLDER: dict[str, list[Stage]] = {}


def stages_for(specs: Iterable[StageSpec]) -> list[Stage]:
    """This worker process's stages for `specs`, built and set up on first use."""
    specs = list(specs)
    key = json.dumps([[s.name, s.target, s.options] for s in specs], sort_keys=True, default=str)
    stages = _HOLDER.get(key)
    if stages is None:
        stages = [spec.build() for spec in specs]
        for stage in stages:
            stage.ensure_setup()
        _HOLDER[key] = stages
    return stages


def read_partition(config: IngestConfig) -> Callable[[Iterator], Iterator]:
    """(file number, path) rows -> ((file number, record number), Document | failure | warning).
    The pair is where the local run reads the item (ingest.input_files' order, then the
    file's own): documents keep it as `meta["arrival"]`, the order they are merged in."""
    def read(rows: Iterator[tuple[int, str]]) -> Iterator[tuple[tuple[int, int], object]]:
        manifest = ManifestIndex(list(config.manifests), auto=config.auto_manifest)
        for file_no, path in rows:
            for rec_no, item in enumerate(_contained(path, read_file(path, config, manifest))):
                if isinstance(item, Document):
                    item.meta["arrival"] = (file_no, rec_no)
                yield (file_no, rec_no), item
    return read


def process_partition(specs: list[StageSpec], batch_size: int) -> Callable[[Iterator], Iterator]:
    """(id, Document) rows -> the same rows processed by every stage, then one
    (STATS, ({stage: StageStats}, documents)) row with what this partition added to the counters. A
    document that makes a stage fail is marked failed (E401) and counted; the task goes on."""
    def process(rows: Iterator[tuple[str, Document]]) -> Iterator[tuple]:
        stages = stages_for(specs)
        totals: dict[str, StageStats] = {}
        n = 0
        for batch in batched(rows, batch_size):
            docs = [doc for _, doc in batch]
            for name, delta in _run_stages(stages, docs).items():
                totals.setdefault(name, StageStats()).merge(delta)
            for doc in docs:
                doc.raw = ""  # the store keeps the cleaned body, not the input; lighter shuffles
                n += 1
                yield doc.id, doc
        yield STATS, (totals, n)
    return process


def _notes(rows: Iterator[tuple]) -> Iterator[tuple[list, int]]:
    """A partition's read items -> one (failures and warnings, number of documents) row."""
    notes, n = [], 0
    for row in rows:
        if isinstance(row[1], Document):
            n += 1
        else:
            notes.append(row)
    yield notes, n


@dataclass
class SparkRun:
    """What the executor produced: the processed documents (an RDD of (id, Document),
    cached), what could not be read, and the stage counters summed over all partitions."""

    documents: object  # pyspark RDD
    read: int = 0
    repeated: int = 0  # the same document id read twice: kept once, as the local run does
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stats: dict[str, StageStats] = field(default_factory=dict)


class SparkExecutor:
    """Runs stages over input files in Spark: files are spread over tasks, read there,
    shuffled into `partitions` by document id (a WARC shard's pages are spread over the
    cluster and an id read twice is kept once), and processed in batches."""

    def __init__(self, spark, specs: list[StageSpec], batch_size: int = 8,
                 partitions: int | None = None, ingest: IngestConfig | None = None) -> None:
        self.spark = spark
        self.specs = list(specs)
        self.batch_size = max(1, batch_size)
        self.partitions = partitions or max(2, spark.sparkContext.defaultParallelism * 2)
        self.ingest = ingest or IngestConfig()

    def run(self, inputs: list[str]) -> SparkRun:
        from pyspark import StorageLevel

        sc = self.spark.sparkContext
        paths, unlisted = input_files(inputs)  # the listing only; files are read by the tasks
        failed = [item.message for item in unlisted]
        files = sc.parallelize(list(enumerate(paths)), max(1, min(len(paths), self.partitions)))
        items = files.mapPartitions(read_partition(self.ingest)).persist(StorageLevel.MEMORY_AND_DISK)
        # one pass for what could not be read and how many documents were (few Spark jobs:
        # each costs a second or more on a busy machine)
        notes, read = [], 0
        for part_notes, part_read in items.mapPartitions(_notes).collect():
            notes += part_notes
            read += part_read
        failed += [i.message for _, i in sorted(notes, key=lambda r: r[0])
                   if isinstance(i, IngestFailure)]
        warnings = [i.message for _, i in sorted(notes, key=lambda r: r[0])
                    if isinstance(i, IngestWarning)]
        # an id read twice is kept once, where it was read first (as the local run does)
        docs = (items.filter(lambda r: isinstance(r[1], Document))
                .map(lambda r: (r[1].id, r[1]))
                .reduceByKey(lambda a, b: a if a.meta["arrival"] <= b.meta["arrival"] else b,
                             self.partitions))
        processed = docs.mapPartitions(process_partition(self.specs, self.batch_size)) \
            .persist(StorageLevel.MEMORY_AND_DISK)
        stats: dict[str, StageStats] = {s.name: StageStats() for s in self.specs}
        unique = 0
        for _, (part, n) in processed.filter(lambda r: r[0] == STATS).collect():
            unique += n
            for name, st in part.items():
                stats.setdefault(name, StageStats()).merge(st)
        documents = processed.filter(lambda r: r[0] != STATS)
        items.unpersist()
        return SparkRun(documents, read=read, repeated=read - unique, failed=failed,
                        warnings=warnings, stats=stats)
