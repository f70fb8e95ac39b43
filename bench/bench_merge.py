"""Merge benchmark on the same-event clusters in ../shared/data/clusters.

1. Near-duplicate calibration: Jaccard and containment between every pair of cluster reports
   (independent outlets, so none may be a duplicate), with the margin to DedupConfig.
2. With --run: the whole pipeline on clusters.jsonl into a fresh database, the JSON Lines
   export, and ../shared/tools/score_clusters.py on it.
3. With --replay EXPORT.jsonl: split every exported event back into one event per citing
   document, merge them again in document order with the current merge code (no NLP, in
   seconds), and score the result: tunes merging on a fixed extraction.

    .venv/bin/python bench/bench_merge.py [--run] [--replay EXPORT.jsonl]
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from eventdesk.merge.dedup import DedupConfig, NearDuplicateIndex, body_signature, minhash_from_bytes, similarity

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CLUSTERS = SHARED / "data" / "clusters"


def dedup_report(config: DedupConfig) -> None:
    records = [json.loads(line) for line in (CLUSTERS / "clusters.jsonl").read_text().splitlines() if line.strip()]
    sigs = {r["url"]: minhash_from_bytes(body_signature(r["text"], config)) for r in records}
    pairs = sorted(((similarity(sigs[a], sigs[b]), a, b) for a, b in itertools.combinations(sigs, 2)),
                   reverse=True, key=lambda t: t[0][1])
    index = NearDuplicateIndex(config)
    flagged = [r["url"] for r in records if index.check_and_add(r["url"], r["text"])]
    (j, c), a, b = pairs[0]
    print(f"reports {len(records)}, pairs {len(pairs)}")
    print(f"highest containment between independent reports {c:.2f} (threshold "
          f"{config.containment_threshold}), its Jaccard {j:.2f}")
    print(f"highest Jaccard {max(p[0][0] for p in pairs):.2f} (threshold {config.jaccard_threshold})")
    print(f"  {a}\n  {b}")
    print(f"flagged as duplicates: {len(flagged)} {flagged}")


def run_pipeline() -> int:
    exe = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as tmp:
        db, out = Path(tmp) / "c.db", Path(tmp) / "c.jsonl"
        subprocess.run([exe / "eventdesk", "run", str(CLUSTERS / "clusters.jsonl"), "--db", str(db)], check=True)
        subprocess.run([exe / "eventdesk", "export", "--db", str(db), "--format", "jsonl", "-o", str(out)], check=True)
        return subprocess.run([sys.executable, SHARED / "tools" / "score_clusters.py", str(out),
                               str(CLUSTERS / "clusters.json")]).returncode


def replay(export: Path) -> int:
    """Re-merge an export's per-document events with the current code; score the result."""
    from eventdesk.merge.events import EventIndex
    from eventdesk.record import Event, Evidence

    rows = [json.loads(line) for line in export.read_text().splitlines() if line.strip()]
    docs = [r for r in rows if r["kind"] == "document"]
    order = {d["id"]: i for i, d in enumerate(docs)}
    fields = [f for f in Event.__dataclass_fields__ if f not in ("sources", "id", "extra")]
    per_doc: list[Event] = []
    for r in (r for r in rows if r["kind"] == "event"):
        by_doc: dict[str, list] = {}
        for src in r.get("sources") or []:
            by_doc.setdefault(src["document"], []).append(
                Evidence(src["document"], src["start"], src["end"], src.get("text", "")))
        figures = (r.get("source_fatalities") or {})
        for doc, srcs in by_doc.items():
            ev = Event(**{f: r.get(f) for f in fields}, sources=srcs)
            low_high = figures.get(doc)
            if low_high:
                ev.fatalities, ev.fatalities_high = low_high
            per_doc.append(ev)
    per_doc.sort(key=lambda e: order.get(e.sources[0].document, 0))
    index = EventIndex()
    for ev in per_doc:
        index.add(ev)
    out = Path(tempfile.mkdtemp()) / "replayed.jsonl"
    with out.open("w") as fh:
        for d in docs:
            fh.write(json.dumps(d) + "\n")
        for ev in index.events.values():
            rec = {f: getattr(ev, f) for f in fields}
            rec.update(kind="event", id=ev.id, sources=[{"document": s.document, "start": s.start,
                                                         "end": s.end, "text": s.text} for s in ev.sources])
            fh.write(json.dumps(rec) + "\n")
    print(f"replayed {len(per_doc)} per-document events into {len(index.events)} events: {out}")
    return subprocess.run([sys.executable, SHARED / "tools" / "score_clusters.py", str(out),
                           str(CLUSTERS / "clusters.json")]).returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--run", action="store_true", help="run the pipeline and score_clusters.py")
    ap.add_argument("--replay", type=Path, help="re-merge the events of this export and score")
    args = ap.parse_args()
    if not CLUSTERS.is_dir():
        sys.exit(f"../shared not found beside the repository: {CLUSTERS}")
    if args.replay:
        return replay(args.replay)
    dedup_report(DedupConfig())
    return run_pipeline() if args.run else 0


if __name__ == "__main__":
    sys.exit(main())
