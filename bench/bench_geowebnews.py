"""Toponym resolution on GeoWebNews (Gritta et al. 2019), given the gold toponym spans.

Reads ../shared/data/geowebnews/GWN.xml beside the repository (never copied into it). For each
article, every locational gold toponym is resolved with `Gazetteer.resolve_all`, so the other
toponyms of the article are its context; the toponyms that carry a GeoNames id (2,401) are
scored: share within 161 km of the gold point (the field's accuracy@161km), exact GeoNames id,
mean and median error in km, toponyms per second.

    .venv/bin/python bench/bench_geowebnews.py [--errors N] [--json]

--json prints one line {"accuracy_161km", "exact_id", "toponyms", "answered"} for the quality gate.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from eventdesk.understand.places.gazetteer import Gazetteer, km

GWN = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "geowebnews" / "GWN.xml"
REGION_WORDS = {"province", "state", "county", "region", "governorate", "district"}


def articles(path: Path):
    """Per article: (name, prefer, gold, area) of each locational toponym, where `area` is
    the text after "Name, " that may name its state or country, as the place resolver reads
    it (understand/places.py): the next toponym, else one capitalised token."""
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        found = []
        for t in art.iter("toponym"):
            if (t.findtext("nonLocational") or "").strip().lower() == "true":
                continue
            found.append((int(t.findtext("start")), int(t.findtext("end")), t))
        starts = {start: end for start, end, _ in found}
        tops = []
        for start, end, t in found:
            gold = None
            if t.findtext("geonamesID"):
                gold = (t.findtext("geonamesID"), float(t.findtext("latitude")),
                        float(t.findtext("longitude")))
            nxt = text[end:end + 20].split()
            prefer = "region" if nxt and nxt[0].lower().strip(".,") in REGION_WORDS else None
            tops.append((text[start:end] or t.findtext("extractedName"), prefer, gold,
                         _area_after(text, end, starts)))
        yield tops


def _area_after(text: str, end: int, starts: dict[int, int]) -> str | None:
    if not text.startswith(", ", end):
        return None
    at = end + 2
    if at in starts:
        return text[at:starts[at]]
    token = text[at:at + 30].split(maxsplit=1)[0].rstrip(",;:)") if text[at:at + 1].strip() else ""
    shaped = token.replace(".", "").isalpha() and (token.isalpha() or token.endswith("."))
    return token if shaped and token[:1].isupper() else None


def lookups(gaz: Gazetteer, tops) -> list[str]:
    """The names to resolve: "Town, Area" when the area is one (as the resolver does)."""
    return [f"{name}, {area}" if area and gaz.area(area) is not None else name
            for name, _, _, area in tops]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", type=int, default=0, help="print the N largest errors")
    ap.add_argument("--json", action="store_true", help="print one JSON line of the figures")
    args = ap.parse_args()
    if not GWN.is_file():
        print(f"../shared not found beside the repository: {GWN}", file=sys.stderr)
        return 2
    gaz = Gazetteer.default()
    errors, exact, unresolved, wrong = [], 0, 0, []
    t0 = time.perf_counter()
    n_resolved = 0
    for tops in articles(GWN):
        places = gaz.resolve_all(lookups(gaz, tops), [t[1] for t in tops])
        n_resolved += len(tops)
        for (name, _, gold, _), place in zip(tops, places):
            if gold is None:
                continue
            if place is None or place.latitude is None:
                unresolved += 1
                errors.append(20038.0)  # half the Earth's circumference: the worst case
                wrong.append((20038, name, None))
                continue
            d = km((place.latitude, place.longitude), gold[1:])
            errors.append(d)
            exact += place.id == f"gn:{gold[0]}"
            if d >= 161:
                wrong.append((round(d), name, f"{place.name}, {place.country} ({place.kind})"))
    seconds = time.perf_counter() - t0
    n = len(errors)
    if args.json:
        print(json.dumps({"accuracy_161km": round(sum(e < 161 for e in errors) / n, 4),
                          "exact_id": round(exact / n, 4), "toponyms": n,
                          "answered": n - unresolved}))
        return 0
    print(f"toponyms with a GeoNames id: {n}")
    print(f"accuracy@161km: {sum(e < 161 for e in errors) / n:.3f}")
    print(f"exact GeoNames id: {exact / n:.3f}")
    print(f"unresolved: {unresolved}")
    print(f"mean error km: {statistics.fmean(errors):.0f}  median: {statistics.median(errors):.0f}")
    print(f"toponyms/s: {n_resolved / seconds:.0f} ({n_resolved} resolved in {seconds:.1f} s)")
    for row in sorted(wrong, key=lambda r: -r[0])[:args.errors]:
        print(*row, sep="\t")
    return 0


if __name__ == "__main__":
    sys.exit(main())
