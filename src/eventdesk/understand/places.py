"""The place resolver component: toponyms of a Doc -> `doc.spans["places"]` with `span._.place`.

Rules, in order:
1. Candidates are the model's GPE/LOC/FAC entities; NORP entities that are demonyms of a
   country ("Iraqi forces" -> Iraq); entities the small model mislabels (PERSON/ORG: "Raqqah")
   when the gazetteer knows the name exactly and the context is locative ("in X", "near X",
   "X province"); and curated names the model missed (a PhraseMatcher over the curated file).
2. A name that is also an outlet ("told Al-Mayadeen TV", "the Al Mayadeen channel",
   "according to Al-Mayadeen") is not a place.
3. "X province/governorate/district" asks for a region, "X town/village/city" for a town.
4. "near/outside/north of/km from X" makes a town's geo_precision 2 (ACLED: near a town).
5. All toponyms of the Doc are resolved together (`Gazetteer.resolve_all`), so each is ranked
   by the countries and points of the others.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from eventdesk import knowledge
from eventdesk.understand.gazetteer import Gazetteer, Place

__all__ = ["Place", "PlaceResolver", "add_to_pipeline", "Gazetteer"]

# Words before a name that make it a place even when the model says PERSON/ORG; "of", "to"
# and "from" are left out ("the death of al-Baghdadi", "a letter to Raqqah").
LOCATIVE_BEFORE = frozenset({"in", "near", "outside", "around", "into", "towards", "toward",
                             "across", "inside"})
REGION_AFTER = frozenset({"province", "governorate", "region", "district", "countryside",
                          "desert", "state", "county", "area", "valley", "mountains"})
SETTLEMENT_AFTER = frozenset({"town", "city", "village", "camp", "neighbourhood",
                              "neighborhood", "prison", "district"})
OUTLET_AFTER = frozenset({"tv", "channel", "network", "news", "agency", "newspaper",
                          "television", "radio", "daily", "website", "broadcaster"})
OUTLET_BEFORE = ("told", "according to", "quoted by", "reported by", "speaking to", "via")
NEAR_BEFORE = frozenset({"near", "outside", "around", "nearby", "outskirts", "close", "from",
                         "of"})
COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast",
                     "southwest", "north-east", "north-west", "south-east", "south-west"})
DISTANCE_UNITS = frozenset({"km", "kilometres", "kilometers", "miles", "mi", "kms"})


@Language.factory(
    "eventdesk_places_v1",
    default_config={"labels": ["GPE", "LOC", "FAC"], "mislabelled": ["PERSON", "ORG"],
                    "demonyms": True, "match_curated": True},
)
def make_place_resolver(nlp: Language, name: str, labels: list[str], mislabelled: list[str],
                        demonyms: bool, match_curated: bool) -> "PlaceResolver":
    return PlaceResolver(nlp, name, labels=labels, mislabelled=mislabelled,
                         demonyms=demonyms, match_curated=match_curated)


def add_to_pipeline(nlp: Language, config: dict | None = None) -> None:
    """Add the place resolver last in `nlp` (after the NER it reads)."""
    nlp.add_pipe("eventdesk_places_v1", last=True, config=dict(config or {}))


class PlaceResolver:
    def __init__(self, nlp: Language, name: str, *, labels, mislabelled, demonyms: bool,
                 match_curated: bool) -> None:
        self.name = name
        self.labels = set(labels)
        self.mislabelled = set(mislabelled)
        self.demonyms = demonyms
        self.gazetteer = Gazetteer.default()
        if not Span.has_extension("place"):
            Span.set_extension("place", default=None)
        # Names of a part of any city ("Old City", "Green Zone" is not one: it is Baghdad's).
        self.generic = {str(n).lower() for e in knowledge.load("places.yaml", "generic")
                        for n in e.get("names", [])}
        self.matcher = None
        if match_curated:
            self.matcher = PhraseMatcher(nlp.vocab)
            names = set()
            for entry in knowledge.load("places.yaml", "places"):
                for n in [entry.get("name", ""), *entry.get("alternates", [])]:
                    # short names ("Ana", "Zor") are words or given names too often
                    if n and n[0].isupper() and "(" not in n and (len(n) >= 5 or " " in n):
                        names.add(n)
            self.matcher.add("PLACE", list(nlp.tokenizer.pipe(sorted(names))))

    # -- candidate spans ----------------------------------------------------------------
    def _candidates(self, doc: Doc) -> list[Span]:
        found: list[Span] = []
        for ent in doc.ents:
            span = _trim(ent)
            if span is None:
                continue
            if ent.label_ in self.labels:
                found.append(span)
            elif ent.label_ == "NORP" and self.demonyms:
                if self.gazetteer.demonym(span.text) is not None:
                    found.append(span)
            elif ent.label_ in self.mislabelled and _locative(span):
                if any(q > 0 for _, q in self.gazetteer.candidates(span.text)):
                    found.append(span)
        if self.matcher is not None:
            for _, start, end in self.matcher(doc):
                found.append(doc[start:end])
        return filter_spans(found)

    def __call__(self, doc: Doc) -> Doc:
        spans = [s for s in self._candidates(doc)
                 if not _is_outlet(s) and s.text.lower() not in self.generic]
        names, prefer, countries = [], [], []
        for span in spans:
            kind = _asked_kind(span)
            prefer.append(kind)
            names.append(span.text)
            if span.label_ == "NORP" or self.gazetteer.country_code(span.text):
                code = self.gazetteer.country_code(span.text)
                if code:
                    countries.append(code)
        places = self._resolve(names, prefer, spans, countries)
        out = []
        for span, place in zip(spans, places):
            if place is None:
                continue
            if place.geo_precision == 1 and _near(span):
                place = replace(place, geo_precision=2)
            span = Span(doc, span.start, span.end, label="GPE" if span.label_ in
                        self.mislabelled or not span.label_ else span.label_)
            span._.place = place
            out.append(span)
        doc.spans["places"] = out
        self._relabel(doc, out)
        return doc

    def _resolve(self, names, prefer, spans, countries) -> list[Place | None]:
        gaz = self.gazetteer
        # "Raqqa province": look the region up under its full name first.
        lookup = []
        for name, kind, span in zip(names, prefer, spans):
            nxt = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
            if kind == "region" and gaz.candidates(f"{name} {nxt}"):
                lookup.append(f"{name} {nxt}")
            else:
                lookup.append(name)
        places = gaz.resolve_all(lookup, prefer, countries)
        for i, span in enumerate(spans):
            if span.label_ == "NORP":
                places[i] = gaz.demonym(span.text)
        return places

    def _relabel(self, doc: Doc, spans: list[Span]) -> None:
        """Give the model's mislabelled toponyms ("Raqqah" as PERSON) the label GPE."""
        fixes = {(s.start, s.end) for s in spans}
        ents = []
        for ent in doc.ents:
            if ent.label_ in self.mislabelled and (ent.start, ent.end) in fixes:
                ent = Span(doc, ent.start, ent.end, label="GPE")
            ents.append(ent)
        doc.ents = ents


def _trim(span: Span) -> Span | None:
    """Drop a leading "the" and a trailing possessive."""
    start, end = span.start, span.end
    if span.doc[start].lower_ == "the":
        start += 1
    if end - 1 > start and span.doc[end - 1].lower_ in ("'s", "’s"):
        end -= 1
    return Span(span.doc, start, end, label=span.label_) if end > start else None


def _prev(span: Span, n: int = 1) -> list[str]:
    return [t.lower_ for t in span.doc[max(0, span.start - n):span.start]]


def _next_word(span: Span) -> str:
    return span.doc[span.end].lower_ if span.end < len(span.doc) else ""


def _locative(span: Span) -> bool:
    before = _prev(span, 1)
    return bool(before and before[0] in LOCATIVE_BEFORE) or _next_word(span) in REGION_AFTER


def _is_outlet(span: Span) -> bool:
    if _next_word(span) in OUTLET_AFTER:
        return True
    before = " ".join(_prev(span, 3))
    return any(before.endswith(cue) for cue in OUTLET_BEFORE)


def _asked_kind(span: Span) -> str | None:
    nxt = _next_word(span)
    if nxt in REGION_AFTER - {"area", "district"}:
        return "region"
    if nxt in SETTLEMENT_AFTER:
        return "settlement"
    return None


def _near(span: Span) -> bool:
    """"near X", "outside X", "north of X", "10 km from X", "the outskirts of X"."""
    before = _prev(span, 3)
    if not before:
        return False
    if before[-1] in ("near", "outside", "around", "nearby"):
        return True
    if before[-1] in ("of", "from") and len(before) >= 2:
        return before[-2] in COMPASS or before[-2] in DISTANCE_UNITS or before[-2] in (
            "outskirts", "edge", "edges", "vicinity", "countryside")
    return _next_word(span) == "countryside"
