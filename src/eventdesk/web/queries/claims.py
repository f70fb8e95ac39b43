"""Claims and the ledger: filtered in the database, grouped into ledger lines by
eventdesk.merge.ledger (the same grouping as `eventdesk ledger`)."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from eventdesk.merge.ledger import LedgerLine, ledger_lines
from eventdesk.record import Claim, Evidence
from eventdesk.store.repository import CLAIM_FIELDS
from eventdesk.store.schema import ClaimRow, ClaimSourceRow, DocumentRow


def _conditions(subject: str | None, measure: str | None, ledger: str | None,
                subjects: tuple[str, ...] = ()) -> list:
    c = []
    if subject:
        c.append(ClaimRow.subject.icontains(subject, autoescape=True))
    if subjects:
        c.append(ClaimRow.subject.in_(list(subjects)))
    if measure:
        c.append(ClaimRow.measure.icontains(measure, autoescape=True))
    if ledger:
        c.append(ClaimRow.ledger_id == ledger)
    return c


def count_claims(s: Session, subject=None, measure=None, ledger=None) -> int:
    return s.scalar(select(func.count()).select_from(ClaimRow)
                    .where(*_conditions(subject, measure, ledger))) or 0


def claims_where(s: Session, subject: str | None = None, measure: str | None = None,
                 ledger: str | None = None, subjects: tuple[str, ...] = (),
                 limit: int = 50, offset: int = 0, newest: bool = False) -> list[Claim]:
    """Matching claims with their sources, oldest first (or the newest `limit` ones)."""
    # plain rows, not ORM objects: with the dossier's 500-claim cap its ledgers went from
    # 560 to 63 ms on the 100,000-event bench store
    order = (ClaimRow.as_of.desc(), ClaimRow.seq.desc()) if newest else (ClaimRow.as_of, ClaimRow.seq)
    rows = s.execute(select(*ClaimRow.__table__.c)
                     .where(*_conditions(subject, measure, ledger, subjects))
                     .order_by(*order).limit(limit).offset(offset)).all()
    sources: dict[str, list[Evidence]] = {}
    if rows:
        for src in s.scalars(select(ClaimSourceRow)
                             .where(ClaimSourceRow.claim_id.in_([r.id for r in rows]))
                             .order_by(ClaimSourceRow.id)):
            sources.setdefault(src.claim_id, []).append(
                Evidence(document=src.document_id, start=src.start, end=src.end, text=src.text))
    return [Claim(id=r.id, ledger_id=r.ledger_id, extra=dict(r.extra or {}),
                  sources=sources.get(r.id, []), **{f: getattr(r, f) for f in CLAIM_FIELDS})
            for r in rows]


def claim_dict(c: Claim, outlets: dict[str, dict]) -> dict:
    return dict(id=c.id, ledger_id=c.ledger_id, subject=c.subject, measure=c.measure,
                low=c.low, high=c.high, unit=c.unit, qualifier=c.qualifier,
                attributed_to=c.attributed_to, as_of=c.as_of,
                sources=[dict(document=e.document, start=e.start, end=e.end, text=e.text,
                              **outlets.get(e.document, {"outlet": None, "published": None}))
                         for e in c.sources])


def outlets_of(s: Session, doc_ids: set[str]) -> dict[str, dict]:
    if not doc_ids:
        return {}
    rows = s.execute(select(DocumentRow.id, DocumentRow.outlet, DocumentRow.published)
                     .where(DocumentRow.id.in_(sorted(doc_ids))))
    return {i: {"outlet": o, "published": p} for i, o, p in rows}


def line_dict(line: LedgerLine, outlets: dict[str, dict] | None = None) -> dict:
    outlets = outlets or {}
    return dict(
        ledger_id=line.ledger_id, subject=line.subject, measure=line.measure, unit=line.unit,
        disagreement=line.disagreement, spread=line.spread,
        entries=[dict(claim_id=e.claim_id, as_of=e.as_of, low=e.low, high=e.high,
                      qualifier=e.qualifier, attributed_to=e.attributed_to,
                      measure=e.measure, document=e.document,
                      outlet=outlets.get(e.document or "", {}).get("outlet"),
                      start=e.evidence.start if e.evidence else None,
                      end=e.evidence.end if e.evidence else None,
                      text=e.evidence.text if e.evidence else None)
                 for e in line.entries])


def ledger(s: Session, subject: str | None = None, measure: str | None = None,
           ledger_id: str | None = None, limit: int = 2000) -> list[dict]:
    """Ledger lines of the matching claims (at most `limit` claims are read)."""
    claims = claims_where(s, subject, measure, ledger_id, limit=limit)
    outlets = outlets_of(s, {e.document for c in claims for e in c.sources})
    return [line_dict(line, outlets) for line in ledger_lines(claims)]


def subjects(s: Session, limit: int = 500) -> list[dict]:
    """Ledger lines by size, for the ledger index page (grouped in the database)."""
    rows = s.execute(select(ClaimRow.ledger_id, func.min(ClaimRow.subject),
                            func.min(ClaimRow.measure), func.min(ClaimRow.unit), func.count())
                     .group_by(ClaimRow.ledger_id)
                     .order_by(func.count().desc(), func.min(ClaimRow.subject)).limit(limit))
    return [dict(ledger_id=lid, subject=sub, measure=m, unit=u, estimates=n)
            for lid, sub, m, u, n in rows]


def search_claims(s: Session, q: str, limit: int = 20) -> list[dict]:
    cond = or_(ClaimRow.subject.icontains(q, autoescape=True),
               ClaimRow.measure.icontains(q, autoescape=True))
    rows = s.execute(select(ClaimRow.ledger_id, ClaimRow.subject, ClaimRow.measure)
                     .where(cond).group_by(ClaimRow.ledger_id, ClaimRow.subject, ClaimRow.measure)
                     .limit(limit))
    return [dict(ledger_id=lid, subject=sub, measure=m) for lid, sub, m in rows]
