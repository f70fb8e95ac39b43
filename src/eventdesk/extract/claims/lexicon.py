"""The claim extractor's knowledge, loaded once from knowledge/data/ (hedges, numbers,
units, attribution cues, measure facets) and checked against a small schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from eventdesk.errors import Errors, KnowledgeError
from eventdesk.knowledge import load, load_all

_OPEN = {"high", "low", "none"}


@dataclass(frozen=True)
class Hedge:
    words: tuple[str, ...]  # lower-cased tokens, e.g. ("at", "least")
    qualifier: str | None  # as exported
    open: str  # "high" | "low" | "none"
    not_when_dep: str | None = None


@dataclass
class ClaimLexicon:
    hedges: list[Hedge]
    emphasis: set[str]
    words: dict[str, float]
    scales: dict[str, float]
    fractions: dict[str, float]
    fraction_determiners: dict[str, float]
    vague: set[str]
    multipliers: dict[str, float]
    units: list[dict]
    people_nouns: set[str]
    not_claim_nouns: set[str]
    discourse_nouns: set[str]
    data_nouns: set[str]
    event_detail_nouns: set[str]
    capture_verbs: set[str]
    casualty_verbs: set[str]
    casualty_words: set[str]
    aggregate_cues: set[str] = field(default_factory=set)
    aggregate_periods: set[str] = field(default_factory=set)
    kin_nouns: set[str] = field(default_factory=set)
    spread_words: set[str] = field(default_factory=set)
    attribution: dict = field(default_factory=dict)

    def set_of(self, key: str) -> set[str]:
        return {w.lower() for w in self.attribution.get(key, [])}


def _check_hedge(entry: dict, path: Path) -> None:
    if not isinstance(entry.get("phrase"), str) or entry.get("open") not in _OPEN:
        raise ValueError("a hedge needs 'phrase' (text) and 'open' (high, low or none)")


def _merged(name: str) -> dict:
    """Dict-shaped knowledge: later copies (user folders) extend the built-in one."""
    out: dict = {}
    for path, content in load_all(name):
        if not isinstance(content, dict):
            raise KnowledgeError(Errors.E301.format(path=path, reason="expected a mapping"))
        for key, value in content.items():
            if isinstance(value, dict):
                out.setdefault(key, {}).update(value)
            elif isinstance(value, list):
                out.setdefault(key, []).extend(value)
            else:
                out[key] = value
    return out


def _lower_set(values) -> set[str]:
    return {str(v).lower() for v in values or []}


@lru_cache(maxsize=1)
def claim_lexicon() -> ClaimLexicon:
    hedges = [
        Hedge(tuple(e["phrase"].lower().split()), e.get("qualifier", e["phrase"]),
              e["open"], e.get("not_when_dep"))
        for e in load("hedges.yaml", "hedges", _check_hedge)
    ]
    hedges.sort(key=lambda h: -len(h.words))  # longest phrase first ("just over" before "over")
    nums = _merged("claim_numbers.yaml")
    units = _merged("claim_units.yaml")
    emphasis = _lower_set(_merged("hedges.yaml").get("emphasis"))
    return ClaimLexicon(
        hedges=hedges,
        emphasis=emphasis,
        words={k.lower(): float(v) for k, v in nums.get("words", {}).items()},
        scales={k.lower(): float(v) for k, v in nums.get("scales", {}).items()},
        fractions={k.lower(): float(v) for k, v in nums.get("fractions", {}).items()},
        fraction_determiners={k.lower(): float(v)
                              for k, v in nums.get("fraction_determiners", {}).items()},
        vague=_lower_set(nums.get("vague")),
        multipliers={k.lower(): float(v) for k, v in nums.get("multipliers", {}).items()},
        units=units.get("units", []),
        people_nouns=_lower_set(units.get("people_nouns")),
        not_claim_nouns=_lower_set(units.get("not_claim_nouns")),
        discourse_nouns=_lower_set(units.get("discourse_nouns")),
        data_nouns=_lower_set(units.get("data_nouns")),
        event_detail_nouns=_lower_set(units.get("event_detail_nouns")),
        capture_verbs=_lower_set(units.get("capture_verbs")),
        casualty_verbs=_lower_set(units.get("casualty_verbs")),
        casualty_words=_lower_set(units.get("casualty_words")),
        aggregate_cues=_lower_set(units.get("aggregate_cues")),
        aggregate_periods=_lower_set(units.get("aggregate_periods")),
        kin_nouns=_lower_set(units.get("kin_nouns")),
        spread_words=_lower_set(nums.get("spread_words")),
        attribution=_merged("claim_attribution.yaml"),
    )
