"""evaluate_export: the figures of score.py, and the mismatches a user needs to see."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from eventdesk.errors import ConfigError
from eventdesk.evaluate import evaluate_export, load_gold, report_to_json, report_to_table

BODY = ("Rebels seized the village of Tal Abyad on Friday.\n"
        "The army said 12 soldiers were killed in the fighting.\n"
        "Officials estimate that about 3,000 fighters remain in the area.\n")

GOLD_YAML = """
document:
  source: doc1.txt
  title: "Rebels seize Tal Abyad"
  published: 2020-05-04
  language: en
events:
  - event_type: Battles
    sub_event_type: Non-state actor overtakes territory
    actor1: [Rebels]
    actor2: null
    location: Tal Abyad
    country: Syria
    lat: 36.7
    lon: 38.95
    geo_precision: 1
    date: "2020-05-01"
    date_precision: day
    fatalities: 12
    historical: false
    evidence: "Rebels seized the village of Tal Abyad on Friday."
claims:
  - subject: [Rebels]
    measure: fighters remaining
    low: 3000
    high: 3000
    unit: people
    qualifier: about
    attributed_to: officials
    evidence: "Officials estimate that about 3,000 fighters remain in the area."
"""


def _source(doc_id, body, evidence):
    start = body.index(evidence)
    return {"document": doc_id, "start": start, "end": start + len(evidence), "text": evidence}


def export_from_gold(gold: dict, rng: random.Random | None = None) -> list[dict]:
    """An export made from the gold itself; with `rng`, perturbed (items dropped, fields changed,
    spurious items and a missing document) so that the scores are not all 1.0."""
    lines = []
    for n, (stem, g) in enumerate(gold.items()):
        if rng and n == 1:
            continue  # one document missing
        doc_id = f"d-{stem}"
        doc = {"kind": "document", "id": doc_id, "source": f"/some/path/{stem}.txt", "body": g.body,
               **{k: g.document.get(k) for k in ("title", "published", "language")}}
        if rng and rng.random() < 0.5:
            doc["title"] = "another title"
        lines.append(doc)
        for i, e in enumerate(g.events):
            if rng and rng.random() < 0.25:
                continue
            rec = {"kind": "event", "id": f"e-{stem}-{i}", "event_type": e["event_type"],
                   "sub_event_type": e.get("sub_event_type"),
                   "actor1": (e.get("actor1") or [None])[0], "actor2": (e.get("actor2") or [None])[0],
                   "location": (e.get("location") or [None])[0], "country": e.get("country"),
                   "latitude": e.get("lat"), "longitude": e.get("lon"), "date": e.get("date"),
                   "date_precision": e.get("date_precision"), "fatalities": e.get("fatalities"),
                   "fatalities_high": e.get("fatalities_high"), "historical": e.get("historical", False),
                   "sources": [_source(doc_id, g.body, e["evidence"])]}
            if rng:
                if rng.random() < 0.3:
                    rec["date"] = "1999"
                if rng.random() < 0.3:
                    rec["actor1"], rec["latitude"], rec["location"] = "Nobody", 0.0, "Nowhere"
                if rng.random() < 0.2:
                    rec["historical"] = not rec["historical"]
                if rng.random() < 0.2:
                    rec["fatalities"] = 999
            lines.append(rec)
        for i, c in enumerate(g.claims):
            if rng and rng.random() < 0.25:
                continue
            rec = {"kind": "claim", "id": f"c-{stem}-{i}", "subject": (c.get("subject") or [None])[0],
                   "measure": c.get("measure"), "low": c.get("low"), "high": c.get("high"),
                   "unit": c.get("unit"), "qualifier": c.get("qualifier"),
                   "attributed_to": (c.get("attributed_to") or [None])[0],
                   "sources": [_source(doc_id, g.body, c["evidence"])]}
            if rng and rng.random() < 0.3:
                rec["attributed_to"], rec["unit"] = "Someone Else", "km2"
            lines.append(rec)
        if rng:
            first_line = g.body.splitlines()[0]
            lines.append({"kind": "event", "id": f"e-{stem}-x", "event_type": "Protests",
                          "sources": [_source(doc_id, g.body, first_line)]})
            lines.append({"kind": "claim", "id": f"c-{stem}-x", "low": 1, "high": 1, "unit": "people",
                          "sources": [_source(doc_id, g.body, first_line)]})
    return lines


def write_jsonl(path: Path, lines: list[dict]) -> Path:
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    return path


@pytest.fixture
def tiny_gold(tmp_path) -> Path:
    (tmp_path / "gold" / "bodies").mkdir(parents=True)
    (tmp_path / "gold" / "doc1.yaml").write_text(GOLD_YAML, encoding="utf-8")
    (tmp_path / "gold" / "bodies" / "doc1.txt").write_text(BODY, encoding="utf-8")
    return tmp_path / "gold"


def test_perfect_export_scores_one(tiny_gold, tmp_path):
    gold = load_gold(tiny_gold)
    assert gold["doc1"].document["published"] == "2020-05-04"  # unquoted YAML date read as ISO text
    report = evaluate_export(write_jsonl(tmp_path / "x.jsonl", export_from_gold(gold)), tiny_gold)
    f = report.figures
    assert f["event_f1"] == f["claim_f1"] == f["body_f1"] == f["title_acc"] == 1.0
    assert f["event_date_acc"] == f["claim_source_acc"] == 1.0
    assert report.documents[0].mismatches == []


def test_mismatches_name_what_went_wrong(tiny_gold, tmp_path):
    gold = load_gold(tiny_gold)
    lines = export_from_gold(gold)
    event = next(x for x in lines if x["kind"] == "event")
    event["date"], event["actor1"] = "2020-04", "Government"
    lines = [x for x in lines if x["kind"] != "claim"]
    lines.append({"kind": "claim", "low": 12, "high": 12, "unit": "people",
                  "sources": [_source("d-doc1", BODY, BODY.splitlines()[1])]})
    report = evaluate_export(write_jsonl(tmp_path / "x.jsonl", lines), tiny_gold)
    found = {(m.kind, m.item, m.field) for m in report.documents[0].mismatches}
    assert ("wrong", "event", "date") in found and ("wrong", "event", "actor1") in found
    assert ("missed", "claim", None) in found and ("spurious", "claim", None) in found
    missed = next(m for m in report.documents[0].mismatches if m.kind == "missed")
    assert missed.evidence.startswith("Officials estimate")
    wrong_date = next(m for m in report.documents[0].mismatches if m.field == "date")
    assert (wrong_date.predicted, wrong_date.accepted) == ("2020-04", "2020-05-01")
    assert report.figures["claim_p"] == 0.0 and report.figures["event_date_acc"] == 0.0

    data = report_to_json(report)
    json.dumps(data)  # JSON-ready
    assert data["documents"][0]["mismatches"]
    console = Console(record=True, width=160)
    for renderable in report_to_table(report):
        console.print(renderable)
    text = console.export_text()
    assert "wrong event" in text and "Officials estimate" in text


def test_missing_document_and_empty_gold(tiny_gold, tmp_path):
    report = evaluate_export(write_jsonl(tmp_path / "x.jsonl", []), tiny_gold)
    assert report.figures["docs_missing"] == 1 and report.documents[0].missing
    (tmp_path / "empty").mkdir()
    with pytest.raises(ConfigError, match="E602"):
        evaluate_export(tmp_path / "x.jsonl", tmp_path / "empty")


def _score_py(shared: Path, export: Path, gold_dir: Path) -> dict:
    out = subprocess.run([sys.executable, str(shared / "tools" / "score.py"), str(export), str(gold_dir), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.mark.shared
@pytest.mark.parametrize("gold_sub", ["gold", "data/dev/gold"])
@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_agrees_with_score_py(shared_dir, tmp_path, gold_sub, seed):
    gold_dir = shared_dir / gold_sub
    if not any(gold_dir.glob("*.json")):
        pytest.skip(f"{gold_dir} has no .json twins for score.py")
    rng = random.Random(seed) if seed is not None else None
    export = write_jsonl(tmp_path / "export.jsonl", export_from_gold(load_gold(gold_dir), rng))
    ours = evaluate_export(export, gold_dir).figures
    theirs = _score_py(shared_dir, export, gold_dir)
    assert set(theirs) <= set(ours)
    for key, value in theirs.items():
        assert ours[key] == pytest.approx(value, abs=0.01), key
    if seed is None:
        assert ours["event_f1"] == ours["claim_f1"] == 1.0
    else:
        assert ours["event_f1"] < 1.0
