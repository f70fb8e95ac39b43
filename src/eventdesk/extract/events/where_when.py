"""Where and when an event mention happened, and whether it is historical.

Place, most precise first (ACLED geo_precision 1 town, 2 near/part of, 3 region/country):
1. a place in the phrase of the trigger (its object, its "in/at/near/of" phrases); a place
   reached through a territory word ("villages around al-Bab") is precision 2;
2. another place of the sentence that is not part of an actor's name;
3. the previous sentences of the same paragraph, then the article's dominant place (the
   country of the most mentioned places, at precision 3).
Date and historical: `Dating` (when.py), which Context mixes in.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from eventdesk.extract.events.context import DateInfo, Located, PlaceInfo
from eventdesk.extract.events.places import clean_places, gazetteer, locative_places, place_words
from eventdesk.extract.events.when import Dating


@lru_cache(maxsize=512)
def country_place(country: str) -> PlaceInfo:
    """The country itself at precision 3, with its centroid when the gazetteer knows it: an
    event known only to its country is still drawn on a map and merged by distance."""
    gaz = gazetteer()
    found = gaz.resolve(country) if gaz is not None else None
    if found is None or found.country != country:
        return PlaceInfo(country, country, None, None, 3)
    return PlaceInfo(country, country, found.latitude, found.longitude, 3)


def home_country(country: str) -> PlaceInfo:
    """An actor's registry country ("Democratic Republic of Congo", ACLED's spelling) as the
    gazetteer's country place, at precision 3."""
    gaz = gazetteer()
    found = gaz.resolve(country) if gaz is not None else None
    return country_place(found.country if found is not None and found.kind == "country" else country)


def _is_country(loc: Located) -> bool:
    """A whole country or a part of it by compass ("eastern Democratic Republic of the Congo")."""
    name, country = loc.value.name, loc.value.country or ""
    return bool(country) and (name == country or name.endswith(" " + country))


def _route_end(t: Token, trigger: Token | None) -> bool:
    """`t` names an end of a journey ("travelling from A to B", "heading for C"): a place under
    a route preposition whose head is a verb of travel other than the trigger itself."""
    return any(a.dep_ == "prep" and a.lower_ in place_words("route_prepositions") and a.head is not trigger
               and a.head.lemma_.lower() in place_words("travel_verbs") for a in t.ancestors)


def _span_tokens(items: list[Located]) -> dict[int, Located]:
    out = {}
    for it in items:
        for i in range(it.start, it.end):
            out[i] = it
    return out


class Context(Dating):
    """The understood spans of one Doc, indexed for the where/when questions."""

    def __init__(self, doc: Doc, places: list[Located], dates: list[Located], actors: list[Located],
                 publication: DateInfo | None) -> None:
        self.doc = doc
        self.text = doc.text  # built once: Doc.text joins every token
        # a place inside an actor's name ("Iraqi forces", "IS") or a nationality modifier of a
        # thing ("a U.S. base", "a Turkish tank", "US air strikes") is not where it happened
        places = clean_places(places, actors)
        places = sorted(places + locative_places(doc, places, actors), key=lambda p: p.start)
        modifiers = [p for p in places if self._modifier(doc, p)]
        # an area across borders ("the Horn of Africa", "the Sahel") is no ACLED location:
        # the event's country, when the text gives one, says more
        self.areas = [p for p in places if not p.value.country and p not in modifiers]
        self.places = [p for p in places if p not in modifiers and p.value.country]
        # "clashes between Iraqi and Kurdish forces": a demonym on an actor's noun says in which
        # of the article's countries a sentence that names no place happened
        actor_toks = {i for a in actors for i in range(a.start, a.end)}
        named = {p.value.country for p in self.places}
        self.actor_demonyms = [p for p in modifiers if p.value.country in named
                               and doc[p.start:p.end].root.head.i in actor_toks]
        self.place_at = _span_tokens(self.places)
        self.dates = dates
        self.date_at = _span_tokens(dates)
        self.publication = publication
        # no publication date (a bare text file): the latest absolute date the text names
        # stands in for "now" when judging what is historical ("As 2016 ended ... in 2008")
        absolute = [d.value for d in dates if not d.value.relative and d.value.start is not None]
        self.reference = publication or max(absolute, key=lambda d: d.start, default=None)
        countries = Counter(p.value.country for p in self.places if p.value.country)
        # a text that names no country is about the one its dateline names ("JUBA, South Sudan")
        self.dominant_country = countries.most_common(1)[0][0] if countries else \
            doc.user_data.get("dateline_country")
        self.unlisted = list(doc.spans["unlisted_places"]) if "unlisted_places" in doc.spans else []

    @staticmethod
    def _modifier(doc: Doc, p: Located) -> bool:
        root = doc[p.start:p.end].root
        return (p.value.geo_precision or 3) == 3 and root.dep_ in ("amod", "compound", "nmod", "npadvmod") and \
            root.head.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and root.head.lower_ not in place_words("area_heads")

    # -- places -----------------------------------------------------------------------
    def _place_in(self, tok: Token) -> tuple[Located, int] | None:
        """Most precise place inside the phrase of `tok` (not crossing into other clauses)."""
        best = None
        for t in tok.subtree:
            loc = self.place_at.get(t.i)
            if loc is None:
                continue
            if any(a.dep_ in ("relcl", "advcl", "ccomp", "conj") for a in t.ancestors
                   if tok.is_ancestor(a)) and t.i not in range(tok.left_edge.i, tok.i + 1):
                continue
            if any(a.dep_ == "prep" and a.lower_ in place_words("temporal_prepositions") for a in t.ancestors
                   if tok.is_ancestor(a)):
                continue  # "took Kunduz hours before the collapse of Taluqan": Taluqan is another event's
            if _route_end(t, tok):
                continue  # "stopped a bus travelling from Mandera to Nairobi near Elwak"
            prec = loc.value.geo_precision or 3
            near = any(w.lower_ in place_words("near_words") for w in self.doc[max(loc.start - 2, 0):loc.start])
            if near and prec == 1:
                prec = 2
            # at one precision a province says more than its country ("Pakistan's Khyber
            # Pakhtunkhwa province")
            if best is None or prec < best[1] or prec == best[1] and _is_country(best[0]) and not _is_country(loc):
                best = (loc, prec)
        return best

    def place_for(self, tokens: list[Token], sent: Span, paragraph: list[Span]) -> tuple[PlaceInfo | None, int | None]:
        place, prec = self._place_for(tokens, sent, paragraph)
        if (prec or 3) == 3:
            # a lead that locates its news by country only ("in northern Syria") is told
            # precisely by the next paragraph ("... the hotel in the capital Mogadishu")
            named = self.lead_named_place(sent)
            if named is not None and (place is None or place.country == named.country):
                return named, named.geo_precision or 1
        if place is None:
            area = [p for p in self.areas if sent.start <= p.start < sent.end]
            if area:
                return self._with_precision(area[0], 3)
        return place, prec

    def _place_for(self, tokens: list[Token], sent: Span, paragraph: list[Span]) -> tuple[PlaceInfo | None, int | None]:
        for tok in sorted(tokens, key=lambda t: len(list(t.ancestors))):
            found = self._place_in(tok)
            if found:
                return self._with_precision(*found)
        in_sent = [p for p in self.places if sent.start <= p.start < sent.end
                   and not _route_end(self.doc[p.start], None)]
        if in_sent:
            anchor = tokens[0].i
            # at one precision a province ("Kaluga region") says more than its country
            best = min(in_sent, key=lambda p: ((p.value.geo_precision or 3), p.value.name == p.value.country,
                                               abs(p.start - anchor)))
            return self._with_precision(best, best.value.geo_precision or 3)
        demonyms = {p.value.country for p in self.actor_demonyms if sent.start <= p.start < sent.end}
        if len(demonyms) == 1:
            return country_place(demonyms.pop()), 3
        line = self._line_places(sent)
        if line:  # the town the paragraph names ("... captured two villages west of al-Bab")
            best = min(line, key=lambda p: ((p.value.geo_precision or 3), abs(p.start - sent.start)))
            if (best.value.geo_precision or 3) < 3:
                return self._with_precision(best, 2)
        for prev in reversed(paragraph):
            before = [p for p in self.places if prev.start <= p.start < prev.end]
            if before:
                best = min(before, key=lambda p: p.value.geo_precision or 3)
                prec = best.value.geo_precision or 3
                if self._same_line(prev, sent):
                    return self._with_precision(best, prec if prec == 3 else 2)
                if best.value.country:  # a paragraph before: trust only its country
                    return country_place(best.value.country), 3
        if self.dominant_country:
            return country_place(self.dominant_country), 3
        return None, None

    def _line_places(self, sent: Span) -> list[Located]:
        """Precise places of the other sentences of the sentence's own body line (paragraph)."""
        text = self.text
        lo = text.rfind("\n", 0, sent.start_char) + 1
        hi = text.find("\n", sent.end_char - 1)
        hi = len(text) if hi < 0 else hi
        return [p for p in self.places if lo <= p.start_char < hi and not sent.start <= p.start < sent.end
                and (p.value.geo_precision or 3) < 3]

    def lead_named_place(self, sent: Span) -> PlaceInfo | None:
        """A lead sentence that takes "the last town" or "a prison" without naming it: news
        style names it in the next paragraph ("The fall of Hajin ..."). The first precise place
        of the second body line, when `sent` is in the first."""
        text = self.text
        first_end = text.find("\n", text.find(text.strip()[:1]) if text.strip() else 0)
        if first_end < 0 or sent.start_char > first_end:
            return None
        second_end = text.find("\n", first_end + 1)
        second_end = len(text) if second_end < 0 else second_end
        nxt = [p for p in self.places if first_end < p.start_char < second_end and (p.value.geo_precision or 3) < 3]
        return nxt[0].value if nxt else None

    def _same_line(self, a: Span, b: Span) -> bool:
        lo, hi = min(a.end_char, b.start_char), max(a.end_char, b.start_char)
        return "\n" not in self.text[lo:hi]

    @staticmethod
    def _with_precision(loc: Located, prec: int) -> tuple[PlaceInfo, int]:
        return replace(loc.value, geo_precision=prec), prec

    def conjoined_places(self, tok: Token, locative: bool = False) -> list[Located]:
        """Places coordinated with the trigger's object ("taking Falluja and parts of Ramadi",
        "seized two towns - Namhsan and Mantong"), and with `locative` also in its at/in/on
        phrase ("air strikes at Kirta Wulgo and Sabon Tumbun"); a village the gazetteer lacks
        counts by name. ACLED codes one event per place; with `locative` only two or more
        coordinated places split the event."""
        out: list[Located] = []
        heads = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if locative:
            # "carried out air strikes at A and B": the light verb may hold the phrase
            holders = [tok, tok.head] if tok.dep_ == "dobj" else [tok]
            heads += [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("at", "in", "on")
                      for g in c.children if g.dep_ == "pobj"]
        for obj in heads:
            for t in obj.subtree:
                loc = self.place_at.get(t.i) or self._unlisted_at(t)
                if loc is not None and loc not in out and _object_part(t, obj) and \
                        all(o.value.name != loc.value.name for o in out):
                    out.append(loc)
        # "large areas of Syria and Iraq": one conquest told over countries, not two events
        out = [p for p in out if (p.value.geo_precision or 3) < 3]
        if locative:  # coordinated names ("at A and B"), not one inside the other ("the Khar area of Bajaur")
            roots = {self.doc[p.start:p.end].root.i for p in out}
            out = [p for p in out if {c.i for c in self.doc[p.start:p.end].root.conjuncts} & roots]
        return out if not locative or len(out) > 1 else []

    def _unlisted_at(self, tok: Token) -> Located | None:
        """A village the gazetteer lacks, named at `tok` (doc.spans["unlisted_places"]), in the
        country of its sentence's places or the article's."""
        span = next((u for u in self.unlisted if u.start <= tok.i < u.end), None)
        if span is None:
            return None
        sent = tok.sent
        country = next((p.value.country for p in self.places if sent.start <= p.start < sent.end),
                       self.dominant_country)
        if country is None:
            return None
        return Located(span.start, span.end, span.start_char, span.end_char, span.text,
                       PlaceInfo(span.text, country, None, None, 1))


def _object_part(t: Token, obj: Token) -> bool:
    """`t` names the object itself or ground coordinated with it ("Falluja and parts of Ramadi",
    "the town of Hajin"), not where it lies ("Falluja in Anbar", "villages west of al-Bab").
    The parser hangs "of Ramadi" on either conjunct, so any of-phrase under the object counts."""
    node = t
    while node.i != obj.i:
        if node.dep_ == "prep" and node.lower_ != "of":
            return False
        if node.dep_ not in ("conj", "pobj", "prep", "compound", "appos", "flat"):
            return False
        node = node.head
    return True


def _named_in(place, sent: Span, ctx) -> bool:
    return any(p.value.name == place.name for p in ctx.places if sent.start <= p.start < sent.end)


def PlaceInfoPrec(place, prec):  # noqa: N802 - small helper, reads like a constructor
    from dataclasses import replace
    return replace(place, geo_precision=prec)
