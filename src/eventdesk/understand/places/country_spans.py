"""The place resolver's spans for a part of a country or province ("eastern Syria", "the
north-east of the country", understand/places/parts.py) and for a country's capital ("the
Somali capital")."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from eventdesk.understand.places import parts as place_parts
from eventdesk.understand.places.gazetteer import Gazetteer
from eventdesk.understand.places.place import Place


class CountrySpans:
    """The capital and country-part part of `PlaceResolver` (components.py), which holds
    the gazetteer these methods read."""

    gazetteer: Gazetteer

    def _part(self, span: Span, place: Place, text: str) -> tuple[Span, Place]:
        """"eastern Syria", "the north-east of Iraq": the span grows over the compass words."""
        if place.kind not in place_parts.PART_KINDS:
            return span, place
        doc = span.doc
        before = text[max(0, span.start_char - 40):span.start_char]
        m = place_parts.ADJECTIVE.search(before) or place_parts.OF_PHRASE.search(before)
        direction = place_parts.direction_of(m[1]) if m else None
        part = place_parts.part_of(self.gazetteer, place, direction) if direction else None
        if part is None:
            return span, place
        grown = doc.char_span(span.start_char - len(before) + m.start(), span.end_char,
                              label=span.label_, alignment_mode="expand")
        return (grown if grown is not None else span), part

    def _capitals(self, doc: Doc, found: list[Span]) -> list[Span]:
        """"the Somali capital", "Afghanistan's capital": the capital city of that country
        (GeoNames' seat of government), at town precision."""
        out: list[Span] = []
        taken = {i for s in found for i in range(s.start, s.end)}
        for t in doc:
            if t.lower_ != "capital" or t.pos_ != "NOUN":
                continue
            mods = [c for c in t.children if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < t.i]
            code = next(filter(None, map(self._country_of, mods)), None)
            city = self.gazetteer.capital(code) if code else None
            start = min(m.i for m in mods) if mods else t.i
            if city is None or t.i in taken or self._named_capital(t, mods, taken):
                continue
            span = Span(doc, start, t.i + 1, label="GPE")
            span._.place = city
            out.append(span)
        return out

    def _named_capital(self, capital, mods, taken: set[int]) -> bool:
        """A capital the text names itself or that belongs to no state: "the group's Syrian
        capital, Raqqa", "Raqqa, the militants' de facto capital" are Raqqa, not Damascus."""
        if any(c.dep_ == "appos" and c.i in taken for c in capital.children):
            return True
        if capital.dep_ == "appos" and capital.head.i in taken:
            return True
        return any(m.dep_ == "poss" and self._country_of(m) is None for m in mods)

    def _country_of(self, tok) -> str | None:
        """The country a demonym or a country's name names ("Somali", "Afghanistan")."""
        named = self.gazetteer.demonym(tok.text)
        if named is not None:
            return named.country_code
        return self.gazetteer.country_code(tok.text) if tok.text[:1].isupper() else None

    def _country_parts(self, doc: Doc, found: list[Span]) -> list[Span]:
        """"the north-east of the country": the part of the last country named before it."""
        out = []
        taken = {i for s in found for i in range(s.start, s.end)}
        for m in place_parts.OF_COUNTRY.finditer(doc.text):
            # "eastern Syria" names the country as much as "Syria" does
            before = [s._.place.country_code for s in found if s.end_char <= m.start()
                      and s._.place.kind in ("country", "part") and s._.place.geo_precision == 3]
            direction = place_parts.direction_of(m[1])
            span = doc.char_span(m.start(), m.end(), label="LOC", alignment_mode="expand")
            if (not before or before[-1] not in self.gazetteer.index.countries or direction is None
                    or span is None or taken & set(range(span.start, span.end))):
                continue
            country = self.gazetteer.place(self.gazetteer.index.countries[before[-1]])
            part = place_parts.part_of(self.gazetteer, country, direction)
            if part is not None:
                span._.place = part
                out.append(span)
        return out
