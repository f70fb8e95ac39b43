"""Choose the places an event extractor may use, robustly against resolver slips.

The place resolver works span by span; an event needs places that fit the article. Rules:
1. A place span overlapping an actor span is part of a name ("IS", "al-Baghdadi"), not a place.
2. The article's countries are those of its country-level places and of its state actors.
   A town resolved in a country the article never otherwise mentions ("Palmyra" in the United
   States) is resolved again among the article's countries; kept as it is when no reading
   there exists (a real place abroad).
3. A proper name in the sentence's own locative phrase ("near Tongo Tongo", "west of al-Bab",
   "at Ghwayran prison") that no place span covers is looked up in the gazetteer among the
   article's countries: journalists name where it happened with a preposition.
"""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import replace

from functools import lru_cache

from spacy.tokens import Doc, Token

from eventdesk.extract.events.context import Located, PlaceInfo
from eventdesk.knowledge import load_all



@lru_cache(maxsize=None)
def place_words(key: str) -> frozenset[str]:
    """A word list of knowledge/data/event_places.yaml (built-in plus user extensions)."""
    return frozenset(str(w).lower() for _, content in load_all("event_places.yaml")
                     for w in (content or {}).get(key, []) or [])


FOREIGN_SHARE = 0.15


def gazetteer():
    try:
        module = importlib.import_module("eventdesk.understand.places.gazetteer")
        return module.Gazetteer.default()
    except (ImportError, AttributeError, OSError):
        return None


def article_countries(places: list[Located], actors: list[Located]) -> Counter:
    """Countries the article is about: country-level places, then the countries of its actors."""
    counts: Counter = Counter()
    for p in places:
        if p.value.country and (p.value.geo_precision or 3) == 3:
            counts[p.value.country] += 2
        elif p.value.country:
            counts[p.value.country] += 1
    for a in actors:
        country = getattr(a.value, "country", None)
        if country:
            counts[country] += 1
    return counts


def _foreign(p: Located, counts: Counter, places: list[Located]) -> bool:
    """A precise place alone in its country: no other place or actor of the article is there."""
    if (p.value.geo_precision or 3) == 3 or not p.value.country:
        return False
    own = sum(1 for q in places if q.value.country == p.value.country and q.value.name == p.value.name)
    top = counts.most_common(1)[0][1] if counts else 0
    # a share of the main country's mentions; 0.15 keeps Egypt (Sinai) in the seed about Iraq
    # and Syria, and drops the one-off United States of a Syrian "Palmyra"
    return counts[p.value.country] - own < max(2, FOREIGN_SHARE * top)


def _as_info(place) -> PlaceInfo:
    return PlaceInfo(place.name, place.country, place.latitude, place.longitude, place.geo_precision)


def clean_places(places: list[Located], actors: list[Located]) -> list[Located]:
    """Rules 1 and 2: places that may locate an event."""
    actor_toks = {i for a in actors for i in range(a.start, a.end)}
    kept = [p for p in places if not set(range(p.start, p.end)) & actor_toks]
    counts = article_countries(kept, actors)
    home = [c for c, _ in counts.most_common(3)]
    gaz = gazetteer() if any(_foreign(p, counts, kept) for p in kept) else None
    out = []
    for p in kept:
        if not _foreign(p, counts, kept):
            out.append(p)
            continue
        again = gaz.resolve(p.text, countries=home) if gaz is not None and home else None
        if again is not None and again.country in counts and again.country != p.value.country:
            out.append(replace(p, value=_as_info(again)))
        else:
            out.append(p)  # no reading in the article's countries: a real place abroad ("Raqqa")
    return out


def _name_tokens(tok: Token) -> list[Token]:
    left = [c for c in tok.lefts if c.dep_ in ("compound", "punct") and c.i >= tok.i - 4]
    start = min([tok.i, *(c.i for c in left)])
    return [t for t in tok.doc[start:tok.i + 1]]


def locative_places(doc: Doc, known: list[Located], actors: list[Located]) -> list[Located]:
    """Rule 3: places named in locative phrases that no place span covers."""
    taken = {i for x in (*known, *actors) for i in range(x.start, x.end)}
    counts = article_countries(known, actors)
    if not counts:
        return []
    gaz, out = None, []
    for tok in doc:
        prep = tok.head
        # "the town of Karabulak": the settlement word outranks the tagger's PERSON guess
        settled = prep.lower_ == "of" and prep.head.lower_ in place_words("settlement_heads")
        if tok.dep_ != "pobj" or tok.pos_ != "PROPN" or (
                tok.ent_type_ in ("PERSON", "DATE", "NORP") and not (settled and tok.ent_type_ == "PERSON")):
            continue
        if not (prep.lower_ in place_words("locative_prepositions")
                or prep.lower_ == "of" and prep.head.lower_ in place_words("of_heads")):
            continue
        words = _name_tokens(tok)
        if any(t.i in taken for t in words):
            continue
        gaz = gaz or gazetteer()
        if gaz is None:
            return []
        text = doc[words[0].i:tok.i + 1].text
        found = gaz.resolve(text, countries=[c for c, _ in counts.most_common(3)])
        if found is None or found.country not in counts or (found.geo_precision or 3) == 3:
            continue
        span = doc[words[0].i:tok.i + 1]
        out.append(Located(span.start, span.end, span.start_char, span.end_char, span.text, _as_info(found)))
    return out


def name_unlisted_places(events: list, sdoc: Doc) -> list:
    """An event told at a village the gazetteer lacks ("attacked Sandawadjiri village near the
    town of Kolofata") is placed at that village by name, without coordinates, when its
    sentence names exactly one such village and the event has no town of its own sentence.
    Events are built and merged on the resolved places first, so this only names them."""
    unlisted = list(sdoc.spans["unlisted_places"]) if "unlisted_places" in sdoc.spans else []
    if not unlisted:
        return events
    for ev in events:
        first = ev.sources[0] if ev.sources else None
        if first is None or (ev.geo_precision == 1 and not ev.extra.get("place_from_context")):
            continue
        named = _unlisted_in(unlisted, [first])
        if not named and (ev.geo_precision or 3) == 3:
            # a lead placed by region only, retold at its village ("stormed a church in eastern
            # Burkina Faso", then "surrounded the church in the village of Essakane")
            named = _unlisted_in(unlisted, ev.sources)
        if len(named) == 1:
            ev.location = named.pop()
            ev.latitude = ev.longitude = None
            ev.geo_precision = 1
            ev.extra.pop("place_from_context", None)
    return events


def _unlisted_in(unlisted: list, sources: list) -> set[str]:
    return {u.text for u in unlisted for src in sources if src.start <= u.start_char and u.end_char <= src.end}


def named_by_of(obj: Token) -> list:
    """'control of Raqqa', 'the town of Palma': a singular object whose 'of' names the
    place itself (not 'three villages of the district', around a place)."""
    if obj.tag_ != "NN":
        return []
    # the small model often hangs the "of" on the verb ("took control | of Raqqa")
    return [g for c in (*obj.children, *(obj.head.children if obj.dep_ == "dobj" else ()))
            if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
