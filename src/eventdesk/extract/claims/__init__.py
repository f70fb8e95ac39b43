"""Sourced numeric claims: numbers, ranges, hedges, measure, subject, attribution."""

from __future__ import annotations

from importlib import import_module

# public name -> module that defines it; imported on first use so the package loads no model or lexicon
_EXPORTS = {
    "ClaimConfig": "eventdesk.extract.claims.rules",
    "extract_claims": "eventdesk.extract.claims.extractor",
    "ClaimStage": "eventdesk.extract.claims.extractor",
    "claim_id": "eventdesk.extract.claims.extractor",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(name)
