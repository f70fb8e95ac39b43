"""Documents per second on Spark (local[1], local[2]) vs the local pool (1, 2 workers), on
the same corpus in one run (a benchmark, not a timed test).

    .venv/bin/python bench/bench_spark.py [--copies N]

Corpus (built in a temporary folder, never in the repository): the 181 pages of
../shared/data/article-extraction-benchmark (HTML, mostly not about war), the seeds and the
development pages (dev, dev2), each written N times under a changed name (N=9 by default:
2,052 documents, the issue's "at least 2,000"; a copy under another name is another
document, so every stage runs on it again). Each executor runs the default stages over every document (read
from the files, cleaned, gated, analysed, extracted); the local pool's figure includes its
model loading, and so does Spark's, which also pays the JVM and session start, given apart.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def build_corpus(folder: Path, copies: int) -> int:
    data = SHARED / "data"
    texts = (sorted((data / "seeds").glob("*.txt")) + sorted((data / "dev" / "raw").glob("*.txt"))
             + sorted((data / "dev2" / "raw").glob("*.txt")))
    pages = sorted((data / "article-extraction-benchmark" / "html").glob("*.html.gz"))
    n = 0
    for c in range(copies):
        for p in texts:
            shutil.copy(p, folder / f"c{c}_{p.name}")
            n += 1
        for p in pages:
            (folder / f"c{c}_{p.name[:-3]}").write_bytes(gzip.decompress(p.read_bytes()))
            n += 1
    return n


def local(folder: Path, workers: int) -> tuple[float, int, int]:
    from eventdesk.ingest import read_inputs
    from eventdesk.record import Document
    from eventdesk.pipeline.executor import LocalExecutor
    from eventdesk.pipeline.spec import DEFAULT_PIPELINE

    t = time.perf_counter()
    docs = [d for d in read_inputs([str(folder)]) if isinstance(d, Document)]
    out = list(LocalExecutor(list(DEFAULT_PIPELINE), workers).run(docs))
    return time.perf_counter() - t, len(out), sum(d.status == "ok" for d in out)


def spark(folder: Path, cores: int) -> tuple[float, float, int, int]:
    from eventdesk.pipeline.spec import DEFAULT_PIPELINE
    from eventdesk.spark.executor import SparkExecutor
    from eventdesk.spark.job import spark_session

    t = time.perf_counter()
    session = spark_session(f"local[{cores}]", "eventdesk-bench",
                            {"spark.ui.showConsoleProgress": "false"})
    session.sparkContext.setLogLevel("ERROR")
    start = time.perf_counter() - t
    t = time.perf_counter()
    run = SparkExecutor(session, list(DEFAULT_PIPELINE), partitions=cores * 4).run([str(folder)])
    n = run.documents.count()
    ok = run.documents.filter(lambda r: r[1].status == "ok").count()
    took = time.perf_counter() - t
    session.stop()
    return start, took, n, ok


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=9)
    args = ap.parse_args()
    if not (SHARED / "data" / "seeds").is_dir():
        sys.exit(f"{SHARED} not found: the benchmark reads the shared articles")
    with tempfile.TemporaryDirectory(prefix="eventdesk-bench-spark-") as tmp:
        n = build_corpus(Path(tmp), args.copies)
        print(f"corpus: {n} documents ({args.copies} copies)", flush=True)
        rows = []
        for workers in (1, 2):
            took, docs, ok = local(Path(tmp), workers)
            rows.append((f"local pool, {workers} worker(s)", "-", took, docs, ok))
            print(rows[-1], flush=True)
        for cores in (1, 2):
            start, took, docs, ok = spark(Path(tmp), cores)
            rows.append((f"Spark local[{cores}]", f"{start:.1f}", took, docs, ok))
            print(rows[-1], flush=True)
    print("| executor | session start (s) | run (s) | documents | past the gate | docs/s |")
    print("|---|---|---|---|---|---|")
    for name, start, took, docs, ok in rows:
        print(f"| {name} | {start} | {took:.1f} | {docs} | {ok} | {docs / took:.2f} |")


if __name__ == "__main__":
    main()
