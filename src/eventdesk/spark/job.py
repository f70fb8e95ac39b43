"""`eventdesk spark run`: read, process, de-duplicate and merge on Spark, and write Parquet
tables (documents, mentions, events with sources and reports, claims with sources)
partitioned by year and month, in the columns of the JSON Lines export (export/records.py;
a mention's month is its document's).

Rerunning into the same folder replaces each table whole (write mode overwrite): the ids
are stable, and no row is ever written twice.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from eventdesk.errors import ConfigError, Errors
from eventdesk.export.records import document_record, mention_record
from eventdesk.ingest import IngestConfig
from eventdesk.pipeline.spec import DEFAULT_PIPELINE, StageSpec

TABLES = ("documents", "mentions", "events", "claims")


@dataclass
class SparkOptions:
    inputs: list[str]
    out: str
    master: str | None = None  # None: spark-submit's (or local[*] outside spark-submit)
    stages: list[StageSpec] = field(default_factory=lambda: list(DEFAULT_PIPELINE))
    batch_size: int = 8
    partitions: int | None = None
    ingest: IngestConfig = field(default_factory=IngestConfig)


@dataclass
class SparkSummary:
    read: int = 0
    repeated: int = 0
    documents: int = 0
    mentions: int = 0
    duplicates: int = 0
    events: int = 0
    claims: int = 0
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    stage_counts: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        d = asdict(self)
        d["skipped"] = dict(self.skipped)
        return d


def spark_session(master: str | None = None, app_name: str = "eventdesk", conf: dict | None = None):
    """A SparkSession; locally the Python workers run this interpreter (the project's venv)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ConfigError(Errors.E701.format(reason=exc)) from exc
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    quiet = {"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false"}
    if master and master.startswith("local"):
        # a few shuffle partitions on one machine: Spark's 200 are 200 tasks a step for
        # tables of thousands of rows (adaptive execution merges some, not all)
        quiet["spark.sql.shuffle.partitions"] = "8"
    for key, value in {**quiet, **(conf or {})}.items():
        builder = builder.config(key, value)
    try:
        return builder.getOrCreate()
    except Exception as exc:  # noqa: BLE001 - Java missing or the JVM refused to start
        raise ConfigError(Errors.E701.format(reason=f"{type(exc).__name__}: {exc}")) from exc


def _year_month(value: str | None) -> tuple[int | None, int | None]:
    if not value or len(value) < 4 or not value[:4].isdigit():
        return None, None
    month = value[5:7]
    return int(value[:4]), int(month) if month.isdigit() else None


def _partitioned(rec: dict, date_field: str) -> dict:
    year, month = _year_month(rec.get(date_field))
    return {**rec, "year": year, "month": month}


def schemas() -> dict:
    from pyspark.sql.types import (ArrayType, BooleanType, DoubleType, IntegerType, LongType,
                                   StringType, StructField, StructType)

    def struct(*cols):
        return StructType([StructField(n, t, True) for n, t in cols])

    s, i, l, d = StringType(), IntegerType(), LongType(), DoubleType()
    source = ArrayType(struct(("document", s), ("start", l), ("end", l), ("text", s)))
    report = ArrayType(struct(("document", s), ("outlet", s), ("published", s),
                              ("fatalities", l), ("fatalities_high", l)))
    ym = (("year", i), ("month", i))
    return {
        "documents": struct(("kind", s), ("id", s), ("source", s), ("url", s), ("outlet", s),
                            ("title", s), ("authors", ArrayType(s)), ("published", s),
                            ("published_precision", s), ("language", s), ("body", s),
                            ("duplicate_of", s), ("status", s), ("status_reason", s), *ym),
        "mentions": struct(("kind", s), ("document", s), ("type", s), ("start", l), ("end", l),
                           ("text", s), ("ref", s), ("name", s), ("country", s),
                           ("latitude", d), ("longitude", d), ("precision", s), *ym),
        "events": struct(("kind", s), ("id", s), ("event_type", s), ("sub_event_type", s),
                         ("actor1", s), ("actor2", s), ("location", s), ("country", s),
                         ("latitude", d), ("longitude", d), ("geo_precision", l), ("date", s),
                         ("date_precision", s), ("fatalities", l), ("fatalities_high", l),
                         ("historical", BooleanType()), ("sources", source),
                         ("reports", report), *ym),
        "claims": struct(("kind", s), ("id", s), ("ledger_id", s), ("subject", s),
                         ("measure", s), ("low", d), ("high", d), ("unit", s),
                         ("qualifier", s), ("attributed_to", s), ("as_of", s),
                         ("sources", source), *ym),
    }


def _coerce(value, dtype):
    """A JSON-export value in the Spark type of its column (3000 -> 3000.0 for a double)."""
    from pyspark.sql.types import ArrayType, DoubleType, LongType, StructType

    if value is None:
        return None
    if isinstance(dtype, DoubleType):
        return float(value)
    if isinstance(dtype, LongType):
        return int(value)
    if isinstance(dtype, ArrayType):
        return [_coerce(v, dtype.elementType) for v in value]
    if isinstance(dtype, StructType):
        return tuple(_coerce(value.get(f.name), f.dataType) for f in dtype.fields)
    return value


def _rows(schema):
    return lambda rec: tuple(_coerce(rec.get(f.name), f.dataType) for f in schema.fields)


def run_spark(options: SparkOptions, spark=None) -> SparkSummary:
    """Run the pipeline on Spark over `options.inputs` and write the tables under `options.out`."""
    from eventdesk.spark.executor import SparkExecutor
    from eventdesk.spark.merge import (arrival, claim_shard, copies, event_shards,
                                       merge_partition, with_event_ids)

    spark = spark or spark_session(options.master)
    run = SparkExecutor(spark, options.stages, options.batch_size, options.partitions,
                        options.ingest).run(options.inputs)
    parts = run.documents.getNumPartitions()
    copy_of = copies(spark, run.documents)

    def decided(kv):
        doc_id, (doc, original) = kv
        doc.duplicate_of = original
        return doc_id, with_event_ids(doc)

    docs = run.documents.leftOuterJoin(copy_of, parts).map(decided).cache()
    events = event_shards(spark, docs).partitionBy(parts).mapPartitions(merge_partition("events"))
    claims = docs.flatMap(claim_shard).partitionBy(parts).mapPartitions(merge_partition("claims"))
    documents = docs.map(lambda r: _partitioned(document_record(r[1]), "published"))
    mentions = docs.flatMap(lambda r: [
        {**mention_record(r[0], m), "year": y, "month": mo}
        for y, mo in [_year_month(r[1].published)] for m in r[1].mentions])
    tables = schemas()
    counts = {}
    for name, rdd in (("documents", documents), ("mentions", mentions),
                      ("events", events.map(lambda rec: _partitioned(rec, "date"))),
                      ("claims", claims.map(lambda rec: _partitioned(rec, "as_of")))):
        path = str(Path(options.out) / name)
        spark.createDataFrame(rdd.map(_rows(tables[name])), tables[name]) \
            .write.mode("overwrite").partitionBy("year", "month").parquet(path)
        counts[name] = spark.read.schema(tables[name]).parquet(path).count()
    summary = SparkSummary(read=run.read, repeated=run.repeated, documents=counts["documents"],
                           mentions=counts["mentions"], events=counts["events"],
                           claims=counts["claims"], failed=list(run.failed),
                           warnings=list(run.warnings))
    for status, reason, source, warnings, copy in docs.filter(
            lambda r: r[1].status != "ok" or r[1].meta.get("warnings") or r[1].duplicate_of
    ).map(lambda r: (arrival(r[1]), (r[1].status, r[1].status_reason, r[1].source,
                                     r[1].meta.get("warnings") or [], bool(r[1].duplicate_of)))
          ).sortByKey().values().collect():
        summary.duplicates += copy
        if status == "failed":
            summary.failed.append(Errors.E101.format(path=source, reason=reason))
        elif status == "skipped":
            summary.skipped[(reason or "unknown").split(" (")[0]] += 1
        summary.warnings.extend(warnings)
    summary.stage_counts = {n: {"counts": dict(st.counts), "dropped": dict(st.dropped)}
                            for n, st in run.stats.items()}
    for rdd in (docs, run.documents):
        rdd.unpersist()
    if "://" not in options.out:  # a local folder: the run's summary beside the tables
        (Path(options.out) / "_summary.json").write_text(
            json.dumps(summary.as_dict(), indent=1, ensure_ascii=False), encoding="utf-8")
    return summary
