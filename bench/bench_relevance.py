"""Relevance gate on a realistic mix: general web articles against conflict reports.

    .venv/bin/python bench/bench_relevance.py [--threshold X] [--show]

Groups: the 181 pages of ../shared/data/article-extraction-benchmark/html (text extracted
with trafilatura first; a handful are about war), and the conflict documents: the seeds, the
dev scrapes and the cluster reports (plain-text scrapes, scored raw, boilerplate and all).
Prints pass/skip per group, recall on the conflict documents (must be 1.0), the lowest
conflict score, the highest benchmark scores (to see what passes), and the gate's time per
document (the trafilatura extraction is not counted: the gate scores the cleaned body).
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def conflict_documents(shared: Path) -> dict[str, list[tuple[str, str, str | None]]]:
    data = shared / "data"
    groups = {"seeds": sorted((data / "seeds").glob("*.txt")),
              "dev": sorted((data / "dev" / "raw").glob("*.txt")),
              "dev2": sorted((data / "dev2" / "raw").glob("*.txt")),
              # the cleaned bodies the gate sees in a run (gold bodies: cleaning done right)
              "dev2 bodies": sorted((data / "dev2" / "gold" / "bodies").glob("*.txt")),
              "clusters": sorted((data / "clusters").glob("*/*.txt"))}
    return {g: [(p.name, p.read_text(encoding="utf-8", errors="replace"), None) for p in paths]
            for g, paths in groups.items()}


def benchmark_pages(shared: Path) -> list[tuple[str, str, str | None]]:
    import trafilatura

    pages = []
    for path in sorted((shared / "data" / "article-extraction-benchmark" / "html").glob("*.html.gz")):
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        text = trafilatura.extract(html) or ""
        meta = trafilatura.extract_metadata(html)
        pages.append((path.name[:16], text, meta.title if meta else None))
    return pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--show", type=int, default=12, help="how many top benchmark pages to list")
    args = ap.parse_args()
    if not (SHARED / "data").is_dir():
        sys.exit(f"{SHARED} not found beside the repository: the benchmark data lives there")

    from eventdesk.relevance import RelevanceConfig, Scorer

    config = RelevanceConfig() if args.threshold is None else RelevanceConfig(threshold=args.threshold)
    scorer = Scorer(config)
    groups = conflict_documents(SHARED)
    t = time.perf_counter()
    groups["web (benchmark)"] = benchmark_pages(SHARED)
    print(f"trafilatura extraction of the benchmark pages: {time.perf_counter() - t:.1f} s")

    results, elapsed, n = {}, 0.0, 0
    for group, docs in groups.items():
        t = time.perf_counter()
        results[group] = [(name, scorer.score(text, title), title) for name, text, title in docs]
        elapsed += time.perf_counter() - t
        n += len(docs)

    print(f"threshold {config.threshold}, min_distinct {config.min_distinct}\n")
    print(f"{'group':<18}{'docs':>6}{'pass':>6}{'skip':>6}{'min score':>11}{'max score':>11}")
    for group, rows in results.items():
        scores = [r.score for _, r, _ in rows]
        passed = sum(r.passed for _, r, _ in rows)
        print(f"{group:<18}{len(rows):>6}{passed:>6}{len(rows) - passed:>6}{min(scores):>11.1f}{max(scores):>11.1f}")
    conflict = [r for g, rows in results.items() if g != "web (benchmark)" for r in rows]
    recall = sum(r.passed for _, r, _ in conflict) / len(conflict)
    print(f"\nrecall on the {len(conflict)} conflict documents: {recall:.3f}")
    for name, r, _ in conflict:
        if not r.passed:
            print(f"  LOST {name}: {r}")
    for name, r, _ in sorted(conflict, key=lambda x: x[1].score)[:5]:
        print(f"  lowest conflict: {r.score:6.1f} distinct {r.distinct:2d}  {name}")
    print(f"gate time: {1000 * elapsed / n:.2f} ms per document ({n} documents)\n")
    print("highest-scoring benchmark pages (pass = let through as conflict news):")
    top = sorted(results["web (benchmark)"], key=lambda x: -x[1].score)[: args.show]
    for name, r, title in top:
        print(f"  {'PASS' if r.passed else 'skip'} {r.score:6.1f} distinct {r.distinct:2d}  {name}  {(title or '')[:70]}")
    if recall < 1.0:
        sys.exit(1)


if __name__ == "__main__":
    main()
