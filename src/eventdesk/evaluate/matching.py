"""How a prediction is compared with a gold item: the definitions of ../shared/tools/score.py.

They are the project's published scoring rules, so they are restated here exactly (the
@shared test checks agreement with score.py) rather than improved upon.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence

WORD = re.compile(r"\w+", re.UNICODE)
_LEADING_ARTICLE = re.compile(r"^(the|al|el)[\s-]+")
EVENT_MIN_OVERLAP = 0.6  # score.py's threshold for "cites the same sentence"
CLAIM_MIN_OVERLAP = 0.6
PLACE_KM = 30  # score.py: a predicted point within 30 km of the gold point is the same place


def tokens(text: str | None) -> list[str]:
    return WORD.findall((text or "").lower())


def bag_f1(pred: str | None, gold: str | None) -> float:
    """F1 of the bags of lower-cased words."""
    p, g = Counter(tokens(pred)), Counter(tokens(gold))
    common = sum((p & g).values())
    if not p or not g or not common:
        return 0.0
    prec, rec = common / sum(p.values()), common / sum(g.values())
    return 2 * prec * rec / (prec + rec)


def norm(text: str | None) -> str:
    s = (text or "").lower().replace("\u2019", "'").replace("\u2018", "'")
    s = _LEADING_ARTICLE.sub("", s.strip())
    return re.sub(r"[^\w]+", " ", s).strip()


def names_match(pred: str | None, accepted: Sequence[str] | None) -> bool:
    """A name matches an accepted one when equal after `norm`, or when one holds the other
    (names longer than three characters)."""
    if not accepted:
        return not pred
    if not pred:
        return False
    p = norm(pred)
    return any(a and (a == p or (len(a) > 3 and (a in p or p in a))) for a in map(norm, accepted))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = math.radians
    dlat, dlon = r(lat2 - lat1), r(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(r(lat1)) * math.cos(r(lat2)) * math.sin(dlon / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def place_match(pred: dict, gold: dict) -> bool:
    if gold.get("lat") is not None and pred.get("latitude") is not None:
        try:
            return km(float(pred["latitude"]), float(pred["longitude"]), gold["lat"], gold["lon"]) <= PLACE_KM
        except (TypeError, ValueError):
            return False
    return names_match(pred.get("location"), gold.get("location")) or (
        gold.get("lat") is None and names_match(pred.get("country"), [gold.get("country")]))


def date_match(pred: str | None, gold: str | None) -> bool:
    """Equal on the common prefix: "2017-10" matches "2017-10-27" and "2017"."""
    p, g = (pred or "").strip(), (gold or "").strip()
    if not p or not g:
        return not p and not g
    n = min(len(p), len(g))
    return p[:n] == g[:n]


def overlap(pred: str | None, gold: str | None) -> float:
    """Share of the shorter text's words found in the other; 0 when the prediction cites far
    more than the gold evidence (citing whole paragraphs must not match everything)."""
    a, b = set(tokens(pred)), set(tokens(gold))
    if not a or not b or len(a) > 3 * len(b) + 10:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def num_eq(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= 0.01 * max(abs(a), abs(b), 1)


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def event_score(pred: dict, text: str, gold: dict) -> int:
    """0 when not the same event (other sentence or other type); else 1 plus place and date."""
    if overlap(text, gold.get("evidence")) < EVENT_MIN_OVERLAP or pred.get("event_type") != gold.get("event_type"):
        return 0
    return 1 + place_match(pred, gold) + date_match(pred.get("date"), gold.get("date"))


def claim_score(pred: dict, text: str, gold: dict) -> int:
    """0 when not the same claim (other sentence or other bounds); else 1 plus the source."""
    if overlap(text, gold.get("evidence")) < CLAIM_MIN_OVERLAP:
        return 0
    if not (num_eq(pred.get("low"), gold.get("low")) and num_eq(pred.get("high"), gold.get("high"))):
        return 0
    return 1 + names_match(pred.get("attributed_to"), gold.get("attributed_to"))


Prediction = tuple[dict, str]  # (exported item, text of its sources in this document)


def greedy_match(preds: list[Prediction], golds: list[dict],
                 score: Callable[[dict, str, dict], int]) -> list[tuple[int, int]]:
    """Index pairs (prediction, gold), best scores first, each side used once (as score.py:
    ties broken by the higher index first)."""
    pairs = sorted(((s, i, j) for i, (p, text) in enumerate(preds) for j, g in enumerate(golds)
                    if (s := score(p, text, g)) > 0), reverse=True)
    used_p, used_g, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out
