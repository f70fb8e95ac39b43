"""The place resolver's foreign-name rules: a name the gazetteer knows only as a town
abroad, or as a town the text itself places in another country, is no such town; it may be
a settlement the gazetteer lacks (GeoNames cities500 stops at 500 inhabitants), which events
then name without a place to rank."""

from __future__ import annotations

from spacy.tokens import Span

from eventdesk.understand.places.cues import _locative, _name_like, _next_word, _settlement_named, context_words
from eventdesk.understand.places.gazetteer import Gazetteer
from eventdesk.understand.places.place import Place


class UnlistedRules:
    """The unlisted-settlement part of `PlaceResolver` (components.py), which holds the
    gazetteer and the labels these methods read."""

    gazetteer: Gazetteer
    labels: set[str]

    def _unlisted(self, span: Span, others: list[Span] = (), known_abroad: bool = False) -> bool:
        """A village the gazetteer lacks ("in Kolofata", "the town of Markoye"): a name the
        model tags as a place in locative context, coordinated with another place, or that the
        text calls a town or village, that no gazetteer entry spells (GeoNames cities500 stops
        at 500 inhabitants) or that it knows only abroad (`known_abroad`, see _weak_abroad)."""
        coordinated = bool({c.i for c in span.root.conjuncts} & {o.root.i for o in others if o is not span})
        return bool((span.label_ in self.labels and (_locative(span) or coordinated) or _settlement_named(span))
                    and _name_like(span) and span.text[:1].isupper()
                    and (known_abroad or not any(q > 0 for _, q in self.gazetteer.candidates(span.text)))
                    and not self.gazetteer.country_code(span.text)
                    and not self.gazetteer.demonym(span.text))

    def _placed_elsewhere(self, span: Span, place: Place, spans: list[Span], places: list[Place | None]) -> bool:
        """A town abroad that the text places in another country while no other name of the
        document points to its country: a settlement the gazetteer lacks that shares a foreign
        town's name. Told by its own phrase ("the town of Boni in central Mali", "Liancourt,
        Haiti"), even a capital reached through another language's name (Bern as "Boni") is
        not meant; a small town (below notable_population) needs only its sentence to name
        the other country ("the town of Liancourt in Haiti's Artibonite department")."""
        if place.geo_precision == 3 or place.kind == "part" or not place.country_code \
                or not span.doc.has_annotation("SENT_START"):
            return False
        others = [(s, p) for s, p in zip(spans, places) if p is not None and s is not span]
        if _next_word(span) in context_words("facility_after"):
            # "the Westgate mall in Nairobi": the building's place is the one after it
            placed = {i for s, p in others if p.country_code and p.country_code != place.country_code
                      for i in range(s.start, s.end)}
            site = span.doc[span.end + 1:span.end + 5]
            if len(site) > 1 and site[0].lower_ in ("in", ",") and any(t.i in placed for t in site[1:]):
                return True
        if any(p.country_code == place.country_code for _, p in others):
            return False
        abroad = {i for s, p in others if p.country_code and p.geo_precision == 3 for i in range(s.start, s.end)}
        root = span.root
        heads = [root, root.head.head] if root.dep_ == "pobj" and root.head.lower_ == "of" else [root]
        qualifiers = [t for h in heads for c in h.children if c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ == "in")
                      for t in c.subtree]
        # the parser often hangs "in central Mali" on the verb: the words right after the name
        # qualify it all the same ("near Boni in central Mali", "Kuriga in Nigeria's Kaduna state")
        after = span.doc[span.end:span.end + 4]
        adjacent = len(after) > 1 and after[0].lower_ in ("in", ",") and any(t.i in abroad for t in after[1:])
        qualified_abroad = adjacent or any(t.i in abroad for t in qualifiers)
        if qualified_abroad and (self.gazetteer.match_quality(span.text, place) or 0) < 2:
            return True
        if place.kind == "capital" or place.population >= self.gazetteer.config.notable_population:
            return False
        return qualified_abroad or any(i in abroad for i in range(span.sent.start, span.sent.end))

    def _weak_abroad(self, span: Span, place: Place, others: list[Place | None], told: str | None = None) -> bool:
        """A town reached only through another spelling or a loose match, in a country none
        of the document's other names points to, is another name, not that town:
        "Mantong" in an article on Myanmar is no hamlet of Indonesia that GeoNames also
        calls so; the dateline's country (`told`) is one of the document's. A main name, a big town (Kiev) and a region keep their reading, but never a
        loose match ("Manawa" in Zamfara state is no Managua); with no other country in the
        document there is nothing to weigh it against."""
        if place.geo_precision == 3 or place.kind == "part" or not place.country_code:
            return False
        countries = {p.country_code for p in others if p is not None and p.country_code} | ({told} if told else set())
        if not countries or place.country_code in countries:
            return False
        quality = self.gazetteer.match_quality(span.text, place)
        if quality == 0:
            return True
        if _settlement_named(span) and place.population >= self.gazetteer.config.notable_population:
            return True  # "Manawa village" is no capital of a million reached by another spelling
        if place.kind == "capital" or place.population >= self.gazetteer.config.notable_population:
            return False
        return quality is not None and quality < 2
