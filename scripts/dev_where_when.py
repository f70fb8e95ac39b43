#!/usr/bin/env python
"""Where/when diagnostic: place and date accuracy over every gold event a prediction cites,
whatever the predicted event type.

    .venv/bin/python scripts/dev_where_when.py EXPORT.jsonl GOLD_DIR [-v]

score.py measures place and date on events matched by type too, so its figures move with
event typing; this one pairs each gold event with the prediction citing its evidence best
(score.py's 0.6 word overlap, the same type preferred) and scores place and date on those
pairs, so that where/when work can be measured apart from typing. -v lists the wrong ones
(use it on seeds, dev and dev2 only: check is measured, never read).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def load_score():
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    return score


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("export", type=Path)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args()
    score = load_score()
    gold = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(args.gold.glob("*.json"))}
    docs, events, _ = score.load_export(args.export)
    stem_of = {did: Path(str(d.get("source", ""))).name.rsplit(".", 1)[0] for did, d in docs.items()}
    stem_of = {k: v for k, v in stem_of.items() if v in gold}
    by_stem = score.mentions(events, docs, stem_of)
    n = place_ok = date_ok = undated = 0
    for stem, g in gold.items():
        preds = by_stem.get(stem, [])
        for ge in g.get("events") or []:
            cands = [(score.overlap(t, ge["evidence"]), p.get("event_type") == ge["event_type"], p)
                     for p, t in preds]
            cands = [c for c in cands if c[0] >= 0.6]
            if not cands:
                continue
            # the same type first, then the candidate that gets the place and date right: the
            # question is whether some reading of the sentence locates and dates it
            best = max(cands, key=lambda c: (c[1], score.place_match(c[2], ge) + score.date_match(c[2].get("date"), ge.get("date")), c[0]))
            p = best[2]
            pl, dt = score.place_match(p, ge), score.date_match(p.get("date"), ge.get("date"))
            n += 1
            place_ok += pl
            date_ok += dt
            undated += not dt and not p.get("date")
            if args.verbose and not (pl and dt):
                bits = []
                if not pl:
                    bits.append(f"place {p.get('location')!r}/{p.get('country')} vs {ge.get('location', [])[:2]}/{ge.get('country')}")
                if not dt:
                    bits.append(f"date {p.get('date')} vs {ge.get('date')}")
                print(f"{stem[:40]}: " + "; ".join(bits) + f"\n    [{ge['evidence'][:150]}]")
    if not n:
        sys.exit("no gold event cited by the export")
    print(f"cited_gold_events {n}  loose_place_acc {place_ok / n:.3f}  loose_date_acc {date_ok / n:.3f}  "
          f"wrong_for_no_date {undated}")


if __name__ == "__main__":
    main()
