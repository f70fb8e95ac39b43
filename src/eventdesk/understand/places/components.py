"""The place resolver component: toponyms of a Doc -> `doc.spans["places"]` with `span._.place`.

Rules, in order:
1. Candidates are the model's GPE/LOC/FAC entities; NORP entities that are demonyms of a
   country ("Iraqi forces" -> Iraq); entities the small model mislabels (PERSON/ORG: "Raqqah")
   when the gazetteer knows the name exactly and the context is locative ("in X", "near X",
   "X province"); and curated names the model missed (a PhraseMatcher over the curated file).
2. A name that is also an outlet ("told Al-Mayadeen TV", "the Al Mayadeen channel",
   "according to Al-Mayadeen") is not a place.
3. "X province/governorate/district" asks for a region, "X town/village/city" for a town;
   "Town, State" / "Town, ST" / "Town, Country" asks for the town inside that area.
4. "near/outside/north of/km from X" makes a town's geo_precision 2 (ACLED: near a town).
5. All toponyms of the Doc are resolved together (`Gazetteer.resolve_all`), so each is ranked
   by the countries and points of the others.
6. Not places: names inside the actor ruler's entities and short capitals that are actor
   aliases ("IS"), and "al-X" after a person's name or title ("Abu Bakr al-Baghdadi").
7. A name the model mislabels (PERSON/ORG/DATE: "al-Bab", "Mayadeen") counts only in locative
   context ("in X", "west of X", "the town of X") and, when the document names countries, only
   as a place in one of them.
8. A compass word before a country or province ("eastern Syria", "the north-east of Iraq",
   "the north-east of the country") makes the place that part of it (understand/place_parts.py).

Candidates (rule 1, 6) are found in candidates.py, the words around a name that the rules read
in cues.py, the foreign-name and unlisted-settlement rules in unlisted.py, the compass and
capital spans (rule 8) in country_spans.py; `PlaceResolver` puts them together.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from eventdesk import knowledge
# ALIAS_MAX_LEN and context_words, defined here before the split, stay importable from here.
from eventdesk.understand.places.candidates import ALIAS_MAX_LEN, CandidateSpans  # noqa: F401
from eventdesk.understand.places.country_spans import CountrySpans
from eventdesk.understand.places.cues import (_area_after, _asked_kind, _is_outlet, _near,  # noqa: F401
                                              _person_titles, _trim, context_words)
from eventdesk.understand.places.gazetteer import Gazetteer, Place
from eventdesk.understand.places.unlisted import UnlistedRules

__all__ = ["Place", "PlaceResolver", "add_to_pipeline", "Gazetteer"]


@Language.factory(
    "eventdesk_places_v1",
    default_config={"labels": ["GPE", "LOC", "FAC"], "mislabelled": ["PERSON", "ORG", "DATE"],
                    "demonyms": True, "match_curated": True},
)
def make_place_resolver(nlp: Language, name: str, labels: list[str], mislabelled: list[str],
                        demonyms: bool, match_curated: bool) -> "PlaceResolver":
    return PlaceResolver(nlp, name, labels=labels, mislabelled=mislabelled,
                         demonyms=demonyms, match_curated=match_curated)


def add_to_pipeline(nlp: Language, config: dict | None = None) -> None:
    """Add the place resolver last in `nlp` (after the NER it reads)."""
    nlp.add_pipe("eventdesk_places_v1", last=True, config=dict(config or {}))


class PlaceResolver(CandidateSpans, UnlistedRules, CountrySpans):
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
        self.titles = _person_titles()
        self._aliases = None
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
        # Countries by every name the sources give them: the small model cuts long names
        # ("the Democratic Republic of the" + "Congo") or calls "DRC" an organisation.
        self.countries = PhraseMatcher(nlp.vocab)
        forms = {f for fs in self.gazetteer.index.country_forms.values() for f in fs}
        self.countries.add("COUNTRY", list(nlp.tokenizer.pipe(sorted(forms))))

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        spans = [s for s in self._candidates(doc, text)
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
        told = self._dateline_country(doc)
        if told is not None:  # where the report was filed ranks the names it leaves ambiguous
            countries.append(told)
            doc.user_data["dateline_country"] = self.gazetteer.index.country_names.get(told)
        places = self._resolve(names, prefer, spans, countries)
        home = {p.country_code for p, s in zip(places, spans)
                if p is not None and s.label_ not in self.mislabelled and s.label_}
        out, unlisted = [], []
        for i, (span, place) in enumerate(zip(spans, places)):
            if place is None or self._weak_abroad(span, place, places[:i] + places[i + 1:], told) \
                    or self._placed_elsewhere(span, place, spans, places):
                if self._unlisted(span, spans, known_abroad=place is not None):
                    unlisted.append(Span(doc, span.start, span.end, label="GPE"))
                continue
            if span.label_ in self.mislabelled | {"NORP"} and home and place.country_code not in home \
                    and self.gazetteer.demonym(span.text) is None:
                continue  # "in Mayadeen" as DATE: a town of the article's countries or nothing
            span, place = self._part(span, place, text)
            if place.geo_precision == 1 and _near(span):
                place = replace(place, geo_precision=2)
            # a name the model called a nationality ("in Kidal" as NORP) that is no demonym is a place
            relabel = span.label_ in self.mislabelled or not span.label_ or (
                span.label_ == "NORP" and self.gazetteer.demonym(span.text) is None)
            span = Span(doc, span.start, span.end, label="GPE" if relabel else span.label_)
            span._.place = place
            out.append(span)
        out.extend(self._country_parts(doc, out))
        capitals = self._capitals(doc, out)  # "the Somali capital" replaces its demonym "Somali"
        out = [s for s in out if not any(c.start <= s.start and s.end <= c.end for c in capitals)] + capitals
        doc.spans["places"] = sorted(out, key=lambda x: x.start)
        # named settlements the gazetteer lacks: events take their name, not a place to rank
        doc.spans["unlisted_places"] = [u for u in unlisted if not any(u.start < o.end and o.start < u.end for o in out)]
        self._relabel(doc, out)
        return doc

    def _dateline_country(self, doc: Doc) -> str | None:
        """The country a dateline names ("MAIDUGURI, Nigeria, March 3 (Reuters)" -> NG; in
        "GOMA, Congo" the city tells which Congo); a dateline of a city alone ("BEIRUT") says
        only where the reporter sat, often abroad, and gives none."""
        dateline = re.sub(r"\(.*?\)", " ", doc.user_data.get("dateline") or "")
        parts = [p.strip(" .") for p in dateline.split(",")]
        parts = [p.title() if p.isupper() else p for p in parts if p and not any(c.isdigit() for c in p)]
        if len(parts) < 2:
            return None
        places = self.gazetteer.resolve_all(parts, [None] * len(parts), [])
        told = [p.country_code for p in places[1:] if p is not None and p.kind == "country"]
        return told[0] if told else None

    def _resolve(self, names, prefer, spans, countries) -> list[Place | None]:
        gaz = self.gazetteer
        # "Raqqa province": look the region up under its full name first.
        lookup = []
        starts = {s.start: s for s in spans}
        for name, kind, span in zip(names, prefer, spans):
            nxt = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
            area = _area_after(span, starts)
            if kind == "region" and gaz.candidates(f"{name} {nxt}"):
                lookup.append(f"{name} {nxt}")
            elif area and gaz.area(area) is not None:
                lookup.append(f"{name}, {area}")  # "Springfield, Ill.": the town in that state
            else:
                lookup.append(name)
        places = gaz.resolve_all(lookup, prefer, countries)
        for i, span in enumerate(spans):
            if span.label_ == "NORP" and gaz.demonym(span.text) is not None:
                places[i] = gaz.demonym(span.text)
        return places

    def _relabel(self, doc: Doc, spans: list[Span]) -> None:
        """Give the model's mislabelled toponyms ("Raqqah" as PERSON) the label GPE."""
        fixes = {(s.start, s.end) for s in spans}
        ents = []
        for ent in doc.ents:
            trimmed = _trim(ent)
            wrong = ent.label_ in self.mislabelled or (
                ent.label_ == "NORP" and self.gazetteer.demonym(ent.text) is None)
            if wrong and trimmed is not None and (trimmed.start, trimmed.end) in fixes:
                ent = Span(doc, ent.start, ent.end, label="GPE")
            ents.append(ent)
        doc.ents = ents
