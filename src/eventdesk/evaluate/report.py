"""Score a JSON Lines export against a gold folder, per document and overall, and list what
went wrong: gold items missed (with their evidence), spurious predictions, wrong fields."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from eventdesk.errors import Errors, InputError
from eventdesk.evaluate.gold import GoldDocument, load_gold
from eventdesk.evaluate.matching import (
    bag_f1,
    claim_score,
    date_match,
    event_score,
    greedy_match,
    names_match,
    norm,
    num_eq,
    place_match,
    prf,
)

EVENT_FIELDS = ("sub_type", "actor1", "actor2", "place", "date", "fatalities", "historical")


@dataclass
class Mismatch:
    """One thing that went wrong in a document."""

    kind: str  # "missed", "spurious" or "wrong"
    item: str  # "event", "claim" or "document"
    field: str | None = None
    predicted: object = None
    accepted: object = None
    evidence: str | None = None  # the gold evidence (missed, wrong) or the cited text (spurious)
    label: str | None = None  # the event type or claim measure, for a reader


@dataclass
class DocumentReport:
    stem: str
    missing: bool = False
    figures: dict = field(default_factory=dict)
    mismatches: list[Mismatch] = field(default_factory=list)


@dataclass
class Report:
    figures: dict  # the figures of score.py, same names, rounded to 3 decimals
    documents: list[DocumentReport]
    export_path: str = ""
    gold_dir: str = ""


# --- reading the export ------------------------------------------------------------------
def load_export(path: str | Path) -> tuple[dict, list, list]:
    docs, events, claims = {}, [], []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(Errors.E101.format(path=path, reason=Errors.E106.format(line=n, reason=exc))) from exc
            kind = rec.get("kind")
            if kind == "document":
                docs[rec.get("id")] = rec
            elif kind == "event":
                events.append(rec)
            elif kind == "claim":
                claims.append(rec)
    return docs, events, claims


def _stem(source) -> str:
    return Path(str(source or "")).name.rsplit(".", 1)[0]


def _per_document(items: list[dict], stem_of: dict) -> dict[str, list]:
    """Each item once per gold document it cites, with the text of its sources there."""
    out: dict[str, list] = {}
    for item in items:
        sources = item.get("sources") or []
        for stem in dict.fromkeys(stem_of[s.get("document")] for s in sources if s.get("document") in stem_of):
            text = " ".join(s.get("text", "") for s in sources if stem_of.get(s.get("document")) == stem)
            out.setdefault(stem, []).append((item, text))
    return out


# --- scoring -----------------------------------------------------------------------------
def _event_checks(p: dict, g: dict) -> dict[str, tuple[bool, object, object]]:
    """field -> (ok, predicted, accepted)."""
    return {
        "sub_type": (p.get("sub_event_type") == g.get("sub_event_type"), p.get("sub_event_type"), g.get("sub_event_type")),
        "actor1": (names_match(p.get("actor1"), g.get("actor1")), p.get("actor1"), g.get("actor1")),
        "actor2": (names_match(p.get("actor2"), g.get("actor2")), p.get("actor2"), g.get("actor2")),
        "place": (place_match(p, g), _place(p), _place(g, gold=True)),
        "date": (date_match(p.get("date"), g.get("date")), p.get("date"), g.get("date")),
        "fatalities": (num_eq(p.get("fatalities"), g.get("fatalities")), p.get("fatalities"), g.get("fatalities")),
        "historical": (bool(p.get("historical")) == bool(g.get("historical")), bool(p.get("historical")),
                       bool(g.get("historical"))),
    }


def _place(item: dict, gold: bool = False) -> str:
    lat, lon = (item.get("lat"), item.get("lon")) if gold else (item.get("latitude"), item.get("longitude"))
    names = item.get("location")
    name = (names[0] if names else None) if gold else names
    coords = f" ({lat}, {lon})" if lat is not None else ""
    return f"{name or '-'}, {item.get('country') or '-'}{coords}"


def _score_events(gold: GoldDocument, preds: list, fig: Counter, rep: DocumentReport) -> None:
    golds = gold.events
    matched = greedy_match(preds, golds, event_score)
    strict = 0
    for i, j in matched:
        checks = _event_checks(preds[i][0], golds[j])
        for name, (ok, predicted, accepted) in checks.items():
            fig[f"event_{name}_ok"] += ok
            if not ok:
                rep.mismatches.append(Mismatch("wrong", "event", name, predicted, accepted,
                                               golds[j].get("evidence"), golds[j].get("sub_event_type")))
        strict += checks["actor1"][0] and checks["place"][0] and checks["date"][0]
    _unmatched(golds, preds, matched, "event", rep, lambda x: x.get("sub_event_type"))
    gnew = [g for g in golds if not g.get("historical")]
    pnew = [p for p in preds if not p[0].get("historical")]
    matched_new = len(greedy_match(pnew, gnew, event_score))
    counts = {"gold_events": len(golds), "pred_events": len(preds), "matched_events": len(matched),
              "strict_events": strict, "gold_new_events": len(gnew), "pred_new_events": len(pnew),
              "matched_new_events": matched_new}
    fig.update(counts)
    rep.figures.update(zip(("event_p", "event_r", "event_f1"), prf(len(matched), len(preds), len(golds))))
    rep.figures.update(zip(("new_event_p", "new_event_r", "new_event_f1"), prf(matched_new, len(pnew), len(gnew))))


def _score_claims(gold: GoldDocument, preds: list, fig: Counter, rep: DocumentReport) -> None:
    golds = gold.claims
    matched = greedy_match(preds, golds, claim_score)
    for i, j in matched:
        p, g = preds[i][0], golds[j]
        source_ok = names_match(p.get("attributed_to"), g.get("attributed_to"))
        unit_ok = norm(p.get("unit")) == norm(g.get("unit"))
        fig["claim_source_ok"] += source_ok
        fig["claim_unit_ok"] += unit_ok
        for name, ok, predicted, accepted in (("attributed_to", source_ok, p.get("attributed_to"), g.get("attributed_to")),
                                              ("unit", unit_ok, p.get("unit"), g.get("unit"))):
            if not ok:
                rep.mismatches.append(Mismatch("wrong", "claim", name, predicted, accepted, g.get("evidence"), g.get("measure")))
    _unmatched(golds, preds, matched, "claim", rep, lambda x: x.get("measure"))
    fig.update({"gold_claims": len(golds), "pred_claims": len(preds), "matched_claims": len(matched)})
    rep.figures.update(zip(("claim_p", "claim_r", "claim_f1"), prf(len(matched), len(preds), len(golds))))


def _unmatched(golds, preds, matched, item: str, rep: DocumentReport, label) -> None:
    got_p, got_g = {i for i, _ in matched}, {j for _, j in matched}
    for j, g in enumerate(golds):
        if j not in got_g:
            rep.mismatches.append(Mismatch("missed", item, evidence=g.get("evidence"), label=label(g),
                                           accepted={k: g.get(k) for k in ("low", "high", "date", "event_type") if k in g}))
    for i, (p, text) in enumerate(preds):
        if i not in got_p:
            rep.mismatches.append(Mismatch("spurious", item, evidence=text, label=label(p),
                                           predicted={k: p.get(k) for k in ("low", "high", "date", "event_type") if k in p}))


def _score_document(doc: dict, gold: GoldDocument, fig: Counter, rep: DocumentReport) -> None:
    gd = gold.document
    checks = {
        "body_f1": bag_f1(doc.get("body"), gold.body),
        "title": norm(doc.get("title")) == norm(gd.get("title")),
        "published": date_match(doc.get("published"), gd.get("published")),
        "language": (doc.get("language") or "") == gd.get("language"),
    }
    fig["body_f1_sum"] += checks["body_f1"]
    for name in ("title", "published", "language"):
        fig[f"{name}_ok"] += checks[name]
        if not checks[name]:
            rep.mismatches.append(Mismatch("wrong", "document", name, doc.get(name), gd.get(name)))
    fig["docs"] += 1
    rep.figures.update({"body_f1": checks["body_f1"], "title_ok": checks["title"],
                        "published_ok": checks["published"], "language_ok": checks["language"]})


def _overall(fig: Counter) -> dict:
    n = max(fig["docs"], 1)
    ep, er, ef = prf(fig["matched_events"], fig["pred_events"], fig["gold_events"])
    _, _, sf = prf(fig["strict_events"], fig["pred_events"], fig["gold_events"])
    np_, nr, nf = prf(fig["matched_new_events"], fig["pred_new_events"], fig["gold_new_events"])
    cp, cr, cf = prf(fig["matched_claims"], fig["pred_claims"], fig["gold_claims"])
    me, mc = max(fig["matched_events"], 1), max(fig["matched_claims"], 1)
    out = {
        "docs_scored": fig["docs"], "docs_missing": fig["docs_missing"],
        "body_f1": fig["body_f1_sum"] / n, "title_acc": fig["title_ok"] / n,
        "published_acc": fig["published_ok"] / n, "language_acc": fig["language_ok"] / n,
        "event_p": ep, "event_r": er, "event_f1": ef, "event_strict_f1": sf,
        "new_event_p": np_, "new_event_r": nr, "new_event_f1": nf,
        **{f"event_{k}_acc": fig[f"event_{k}_ok"] / me for k in EVENT_FIELDS},
        "claim_p": cp, "claim_r": cr, "claim_f1": cf,
        "claim_source_acc": fig["claim_source_ok"] / mc, "claim_unit_acc": fig["claim_unit_ok"] / mc,
        "gold_events": fig["gold_events"], "gold_claims": fig["gold_claims"],
    }
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in out.items()}


def evaluate_export(export_path: str | Path, gold_dir: str | Path) -> "Report":
    """Score the JSON Lines export at `export_path` against the gold folder `gold_dir`.

    Only documents whose `source` names a gold stem are scored; a gold document absent from
    the export counts as missing (its events and claims as missed).
    """
    gold = load_gold(gold_dir)
    docs, events, claims = load_export(export_path)
    stem_of = {did: _stem(d.get("source")) for did, d in docs.items() if _stem(d.get("source")) in gold}
    ev_m, cl_m = _per_document(events, stem_of), _per_document(claims, stem_of)
    fig: Counter = Counter()
    reports = []
    for stem, g in gold.items():
        rep = DocumentReport(stem)
        doc = next((d for did, d in docs.items() if stem_of.get(did) == stem), None)
        if doc is None:
            rep.missing = True
            fig["docs_missing"] += 1
            fig["gold_events"] += len(g.events)
            fig["gold_claims"] += len(g.claims)
            _unmatched(g.events, [], [], "event", rep, lambda x: x.get("sub_event_type"))
            _unmatched(g.claims, [], [], "claim", rep, lambda x: x.get("measure"))
            reports.append(rep)
            continue
        _score_document(doc, g, fig, rep)
        _score_events(g, ev_m.get(stem, []), fig, rep)
        _score_claims(g, cl_m.get(stem, []), fig, rep)
        reports.append(rep)
    return Report(_overall(fig), reports, str(export_path), str(gold_dir))
