"""The claim ledger: every estimate of one quantity, across documents, in date order.

Claims about the same subject and the same measure share a ledger line however the measure
is worded: the key is the subject, the unit, the class of the counted head ("fighters",
"people", "members" are one class), its facet (joined / returned / killed / held ...) and the
population's origin ("British fighters" is not "foreign fighters"); location qualifiers do
not split a line (extract/claim_measure.measure_key, facets as data in claim_measures.yaml).
Ledger ids hash that key, so re-runs give the same ids.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from eventdesk.extract.claims.measure import measure_key
from eventdesk.record import Claim, Evidence

# Two estimates disagree when the wider one is more than this share above the narrower
# (|a - b| / max): 25 % separates "27,000" from "40,000" (0.33) but not rounding of the
# same figure ("some 40,000" vs "more than 40,000", 0). Set by reading the seed ledger.
DISAGREEMENT_SPREAD = 0.25


@dataclass
class LedgerEntry:
    as_of: str | None
    low: float | None
    high: float | None
    unit: str
    qualifier: str | None
    attributed_to: str | None
    document: str | None
    evidence: Evidence | None
    measure: str
    claim_id: str | None = None


@dataclass
class LedgerLine:
    ledger_id: str
    subject: str | None
    measure: str  # the most frequent wording of the line
    unit: str
    entries: list[LedgerEntry] = field(default_factory=list)
    disagreement: bool = False
    spread: float = 0.0  # (largest value - smallest) / largest, over the entries' bounds


def ledger_key(claim: Claim) -> str:
    """The key of the quantity a claim is about (kept in claim.extra when extracted)."""
    key = (claim.extra or {}).get("measure_key")
    return key or measure_key(claim.subject, claim.measure, claim.unit)


def ledger_id(key: str) -> str:
    return "l-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def assign_ledgers(claims: list[Claim]) -> None:
    """Set `claim.ledger_id` on every claim (stable: derived from subject + measure key)."""
    for claim in claims:
        claim.ledger_id = ledger_id(ledger_key(claim))


def _values(entries: list[LedgerEntry]) -> list[float]:
    return [v for e in entries for v in (e.low, e.high) if v is not None]


def _spread(entries: list[LedgerEntry]) -> float:
    values = _values(entries)
    if len(values) < 2 or max(values) <= 0:
        return 0.0
    # one estimate's range is not a disagreement with itself: compare point estimates
    points = [(e.low + e.high) / 2 if e.low is not None and e.high is not None
              else (e.low if e.low is not None else e.high) for e in entries]
    points = [p for p in points if p is not None]
    if len(points) < 2:
        return 0.0
    return round((max(points) - min(points)) / max(points), 3)


def ledger_lines(claims: list[Claim]) -> list[LedgerLine]:
    """Claims grouped into ledger lines, each line's entries ordered by as_of."""
    lines: dict[str, LedgerLine] = {}
    wording: dict[str, dict[str, int]] = {}
    for claim in claims:
        if claim.ledger_id is None:
            claim.ledger_id = ledger_id(ledger_key(claim))
        line = lines.get(claim.ledger_id)
        if line is None:
            line = lines[claim.ledger_id] = LedgerLine(claim.ledger_id, claim.subject,
                                                       claim.measure, claim.unit)
        counts = wording.setdefault(claim.ledger_id, {})
        counts[claim.measure] = counts.get(claim.measure, 0) + 1
        ev = claim.sources[0] if claim.sources else None
        line.entries.append(LedgerEntry(
            as_of=claim.as_of, low=claim.low, high=claim.high, unit=claim.unit,
            qualifier=claim.qualifier, attributed_to=claim.attributed_to,
            document=ev.document if ev else None, evidence=ev, measure=claim.measure,
            claim_id=claim.id))
    for lid, line in lines.items():
        line.entries.sort(key=lambda e: (e.as_of or "", e.document or ""))
        counts = wording[lid]
        line.measure = max(counts, key=lambda m: (counts[m], -len(m)))
        line.spread = _spread(line.entries)
        line.disagreement = line.spread > DISAGREEMENT_SPREAD
    return sorted(lines.values(), key=lambda ln: (-len(ln.entries), ln.subject or "", ln.measure))
