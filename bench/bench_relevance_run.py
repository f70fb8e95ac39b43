"""Whole-run speed-up from the relevance gate on a realistic mix (one run, same documents).

    .venv/bin/python bench/bench_relevance_run.py

Mix: the 181 pages of ../shared/data/article-extraction-benchmark (HTML, mostly not about
war) plus the seeds, the development pages and the cluster reports (conflict scrapes). The
whole pipeline runs twice over the same documents, with and without the relevance stage
(models loaded before timing), and prints both times, the speed-up (target >= 3x) and
whether every conflict document went through the gate.
"""

from __future__ import annotations

import gzip
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def mix() -> tuple[list, set[str]]:
    from eventdesk.ingest import read_inputs
    from eventdesk.record import Document, document_id

    data = SHARED / "data"
    paths = sorted((data / "seeds").glob("*.txt")) + sorted((data / "dev" / "raw").glob("*.txt"))
    paths += sorted((data / "clusters").glob("*/*.txt"))
    conflict = [d for d in read_inputs([str(p) for p in paths]) if isinstance(d, Document)]
    web = []
    for path in sorted((data / "article-extraction-benchmark" / "html").glob("*.html.gz")):
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        web.append(Document(id=document_id(path.name, html), source=str(path), raw=html,
                            content_type="html"))
    return conflict + web, {d.id for d in conflict}


def timed_run(skip: tuple[str, ...]) -> tuple[float, list]:
    from eventdesk.pipeline.spec import load_pipeline

    stages = [spec.build() for spec in load_pipeline(None, skip=skip)]
    for st in stages:
        st.ensure_setup()
    docs, _ = mix()
    t = time.perf_counter()
    for i in range(0, len(docs), 16):
        batch = docs[i:i + 16]
        for st in stages:
            st.process_batch(batch)
        for d in batch:
            d.analysis = None
    return time.perf_counter() - t, docs


def main() -> None:
    if not (SHARED / "data").is_dir():
        sys.exit(f"{SHARED} not found beside the repository: the benchmark data lives there")
    with_gate, docs = timed_run(())
    without_gate, _ = timed_run(("relevance",))
    _, conflict_ids = mix()
    lost = [d.source for d in docs if d.id in conflict_ids and d.status_reason
            and d.status_reason.startswith("[E203]")]
    skipped = sum(1 for d in docs if d.status_reason and d.status_reason.startswith("[E203]"))
    print(f"mix: {len(docs)} documents ({len(conflict_ids)} conflict reports); gate skipped {skipped}")
    print(f"whole run without the gate: {without_gate:.1f} s")
    print(f"whole run with the gate:    {with_gate:.1f} s")
    print(f"speed-up: {without_gate / with_gate:.2f}x (target >= 3x)")
    print(f"conflict documents lost by the gate: {len(lost)} {lost[:5]}")


if __name__ == "__main__":
    main()
