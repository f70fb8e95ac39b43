"""Sourced numeric claims: numbers, ranges, hedges, measure, subject, attribution."""

from __future__ import annotations

from eventdesk.lazy import lazy_exports

_EXPORTS = {
    "ClaimConfig": "eventdesk.extract.claims.rules",
    "extract_claims": "eventdesk.extract.claims.extractor",
    "ClaimStage": "eventdesk.extract.claims.extractor",
    "claim_id": "eventdesk.extract.claims.extractor",
}
__all__ = list(_EXPORTS)
__getattr__ = lazy_exports(_EXPORTS)
