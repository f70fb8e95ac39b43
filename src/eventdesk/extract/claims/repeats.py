"""A figure stated twice in one document is one claim (annotation guide §3)."""

from __future__ import annotations

import re

from eventdesk.record import Claim


def norm_name(name: str | None) -> str:
    return re.sub(r"\W+", " ", (name or "").lower()).strip()


def merge_repeats(claims: list[Claim]) -> list[Claim]:
    """One claim per figure stated twice in a document (annotation guide §3):
    1. the same bounds, unit and source: one claim; the body sentence, not the standfirst
       (first paragraph), gives the fields (gold convention);
    2. the standfirst's figure in the article's own voice, restated with the same bounds
       and unit by a source ("Of over 4,000 Europeans who left, 30 percent
       came back" ... "almost 30 percent ..., according to the study"): the attributed one.
    A figure repeated with another hedge or by another source stays two claims (measured:
    folding those lost claims on dev2 and on the check set)."""
    kept: dict[tuple, Claim] = {}
    for c in claims:
        key = (c.low, c.high, c.unit, norm_name(c.attributed_to))
        first = kept.get(key)
        if first is None:
            kept[key] = c
            continue
        if first.extra.get("paragraph") == 0 and c.extra.get("paragraph") != 0:
            c.sources = c.sources + first.sources
            kept[key] = c
        else:
            first.sources.extend(c.sources)
    out = list(kept.values())
    for c in list(out):
        if c.attributed_to is not None or c.extra.get("paragraph") != 0:
            continue
        target = next((o for o in out if o is not c and o.attributed_to is not None
                       and (o.low, o.high, o.unit) == (c.low, c.high, c.unit)
                       and _same_measure(o, c)), None)
        if target is not None:
            target.sources.extend(c.sources)
            out.remove(c)
    return out


def _same_measure(a: Claim, b: Claim) -> bool:
    """Two shares fold only when they are shares of the same thing ("a third of Iraq" and
    "a third of the attacks" are two claims); a share with no "of" phrase is of anything."""
    if a.unit != "percent":
        return True
    heads = []
    for c in (a, b):
        words = (c.measure or "").lower().split()
        heads.append(words[2] if words[:2] == ["share", "of"] and len(words) > 2 else None)
    return None in heads or heads[0] == heads[1]
