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
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from eventdesk import knowledge
from eventdesk.understand.places import parts as place_parts
from eventdesk.understand.places.gazetteer import Gazetteer, Place

__all__ = ["Place", "PlaceResolver", "add_to_pipeline", "Gazetteer"]



@lru_cache(maxsize=None)
def context_words(key: str) -> frozenset[str]:
    """A word list of knowledge/data/place_context.yaml (built-in plus user extensions)."""
    return frozenset(str(w).lower() for _, content in knowledge.load_all("place_context.yaml")
                     for w in (content or {}).get(key, []) or [])


# A short name in capitals up to this length is checked against the actor aliases ("IS",
# "SDF", "YPG", "PKK"): the spec's longest group abbreviations in the registry have 4 letters.
ALIAS_MAX_LEN = 4


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

    # -- candidate spans ----------------------------------------------------------------
    def _candidates(self, doc: Doc, text: str) -> list[Span]:
        found: list[Span] = []
        later: list[Span] = []
        for ent in doc.ents:
            span = _trim(ent)
            if span is None:
                continue
            span = self._whole_word(span, text)
            if ent.label_ in self.labels:
                found.append(span)
            elif ent.label_ == "NORP" and self.demonyms and self.gazetteer.demonym(span.text) is not None:
                found.append(span)
            elif (ent.label_ in self.mislabelled or ent.label_ == "NORP") and _name_like(span) and \
                    any(q > 0 for _, q in self.gazetteer.candidates(span.text)):
                (found if _locative(span) else later).append(span)
            elif ent.label_ in self.mislabelled and _name_like(span) and _settlement_named(span):
                found.append(span)  # "the town of Kolofata" tagged as a person: a village the gazetteer lacks
        # one sense per document: a name once used as a place ("Goma, the main city of ...")
        # is that place where the model calls it a person again ("the blitzkrieg on Goma")
        places = {s.text for s in found}
        found += [s for s in later if s.text in places and not s.root.dep_.startswith("nsubj")]
        found += self._coordinated(doc, found)
        if self.matcher is not None:
            for _, start, end in self.matcher(doc):
                span = doc[start:end]
                # a curated name the model calls a person: a place unless it acts as the
                # subject ("Raqqah said ..."); without a parse, only in locative context
                if span.root.ent_type_ != "PERSON" or _locative(span) or (
                        doc.has_annotation("DEP") and not span.root.dep_.startswith("nsubj")):
                    found.append(span)
        for _, start, end in self.countries(doc):
            span = doc[start:end]
            # a country's name inside an organisation's ("the Bank of the Congo") stays its name
            if not any(t.ent_type_ == "ORG" and t.ent_iob_ == "B" for t in span[1:]) and not (
                    start > 0 and doc[start - 1].ent_type_ == "ORG" and doc[start].ent_iob_ == "I"):
                found.append(span)
        return [s for s in filter_spans(found) if not self._not_a_place(s)]

    def _whole_word(self, span: Span, text: str) -> Span:
        """The model's entity cut inside a hyphenated name ("Mazar" of "Mazar-i-Sharif"): the
        whole word when the gazetteer knows it by that name."""
        doc = span.doc  # `text` is doc.text, built once per document (Doc.text joins every token)
        start, end = span.start_char, span.end_char
        while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "-"):
            start -= 1
        while end < len(text) and (text[end].isalpha() or text[end] == "-"):
            end += 1
        word = text[start:end].strip("-")
        start, end = text.index(word, start), text.index(word, start) + len(word)
        if "-" not in word or (start, end) == (span.start_char, span.end_char):
            return span
        whole = doc.char_span(start, end, label=span.label_)
        if whole is None:
            return span
        return whole if any(q > 0 for _, q in self.gazetteer.candidates(whole.text)) else span

    def _coordinated(self, doc: Doc, found: list[Span]) -> list[Span]:
        """A name coordinated with a place is a place the model mislabelled ("strikes at Kirta
        Wulgo and Sabon Tumbun" with the second a PERSON; "two towns - Namhsan and Mantong")."""
        if not doc.has_annotation("DEP"):
            return []
        roots = {s.root.i for s in found}
        names = [sp for ent in doc.ents if ent.label_ in self.mislabelled and ent.label_ != "DATE"
                 and (sp := _trim(ent)) is not None and _name_like(sp) and sp.root.i not in roots]
        # Token.conjuncts is the whole chain ("Kalehe, Minova and Sake"), not just the neighbour
        return [Span(doc, sp.start, sp.end, label="GPE") for sp in names
                if {c.i for c in sp.root.conjuncts} & roots]

    def _not_a_place(self, span: Span) -> bool:
        """Actor names (the actor ruler's entities, alias abbreviations) and nisbas."""
        if any(t.ent_id_ and t.ent_type_ == "ORG" for t in span):
            return True  # inside an actor ruler match ("Raqqa Is Being Slaughtered Silently")
        text = span.text
        if text.isupper() and len(text) <= ALIAS_MAX_LEN and self._is_alias(text):
            return True
        if len(span) == 1 and _calendar_word(text):
            return True  # "in May the faction ...": the tagger's GPE is the month
        return _nisba(span, self.titles)

    def _is_alias(self, text: str) -> bool:
        if self._aliases is None:
            try:
                from eventdesk.understand.actors.registry import ActorRegistry

                self._aliases = ActorRegistry.default()
            except (ImportError, OSError, ValueError):
                self._aliases = False
        return bool(self._aliases and self._aliases.candidates(text))

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
        places = self._resolve(names, prefer, spans, countries)
        home = {p.country_code for p, s in zip(places, spans)
                if p is not None and s.label_ not in self.mislabelled and s.label_}
        out, unlisted = [], []
        for i, (span, place) in enumerate(zip(spans, places)):
            if place is None or self._weak_abroad(span, place, places[:i] + places[i + 1:]) \
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
        if any(p.country_code == place.country_code for _, p in others):
            return False
        abroad = {i for s, p in others if p.country_code and p.geo_precision == 3 for i in range(s.start, s.end)}
        root = span.root
        heads = [root, root.head.head] if root.dep_ == "pobj" and root.head.lower_ == "of" else [root]
        qualifiers = [t for h in heads for c in h.children if c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ == "in")
                      for t in c.subtree]
        if any(t.i in abroad for t in qualifiers) and (self.gazetteer.match_quality(span.text, place) or 0) < 2:
            return True
        if place.kind == "capital" or place.population >= self.gazetteer.config.notable_population:
            return False
        return any(t.i in abroad for t in qualifiers) or any(i in abroad for i in range(span.sent.start, span.sent.end))

    def _weak_abroad(self, span: Span, place: Place, others: list[Place | None]) -> bool:
        """A town reached only through another spelling or a loose match, in a country none
        of the document's other names points to, is another name, not that town:
        "Mantong" in an article on Myanmar is no hamlet of Indonesia that GeoNames also
        calls so. A main name, a big town (Kiev) and a region keep their reading; with no
        other country in the document there is nothing to weigh it against."""
        if place.geo_precision == 3 or place.kind in ("capital", "part") or not place.country_code:
            return False
        countries = {p.country_code for p in others if p is not None and p.country_code}
        if not countries or place.country_code in countries:
            return False
        if place.population >= self.gazetteer.config.notable_population:
            return False
        quality = self.gazetteer.match_quality(span.text, place)
        return quality is not None and quality < 2

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
            if city is None or t.i in taken:
                continue
            span = Span(doc, start, t.i + 1, label="GPE")
            span._.place = city
            out.append(span)
        return out

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


def _calendar_word(text: str) -> bool:
    """A month or day name of the temporal lexicon ("May", "March", "Sunday")."""
    from eventdesk.understand.dates.lexicon import TemporalLexicon

    lex = TemporalLexicon.default()
    word = text.lower()
    return len(word) > 3 and (word in lex.month or word in lex.weekday) or word == "may"


def _trim(span: Span) -> Span | None:
    """Drop a leading "the" and a trailing possessive."""
    start, end = span.start, span.end
    if span.doc[start].lower_ == "the":
        start += 1
    if end - 1 > start and span.doc[end - 1].lower_ in ("'s", "’s"):
        end -= 1
    return Span(span.doc, start, end, label=span.label_) if end > start else None


def _area_after(span: Span, starts: dict[int, Span]) -> str | None:
    """The text after "Town, " that may name its state or country: the next toponym ("Paris,
    Texas") or one capitalised token ("Dayton, OH", "Salem, Ore.")."""
    doc, i = span.doc, span.end
    if i + 1 >= len(doc) or doc[i].text != ",":
        return None
    if i + 1 in starts:
        return starts[i + 1].text
    token = doc[i + 1]
    shaped = token.is_alpha or token.text.endswith(".")  # "OH", "Texas", "Ore.", "D.C."
    return token.text if shaped and token.text[:1].isupper() else None


def _settlement_named(span: Span) -> bool:
    """'the town of X', 'the village of X', 'X village': the text says X is a settlement."""
    before = _prev(span, 2)
    return len(before) == 2 and before[1] == "of" and before[0] in context_words("settlement_of") \
        or _next_word(span) in context_words("settlement_named_after")


def _prev(span: Span, n: int = 1) -> list[str]:
    return [t.lower_ for t in span.doc[max(0, span.start - n):span.start]]


def _next_word(span: Span) -> str:
    return span.doc[span.end].lower_ if span.end < len(span.doc) else ""


def _locative(span: Span) -> bool:
    before = _prev(span, 2)
    if before and before[-1] in context_words("locative_before"):
        return True
    if len(before) == 2 and before[-1] == "of" and before[0] in _of_locative():
        return True  # "two villages west of al-Bab", "the town of Mayadeen"
    return _next_word(span) in context_words("region_after") or _taken_ground(span) or _settlement_appos(span)


def _settlement_appos(span: Span) -> bool:
    """"Goma, the main city in the east": an apposition that says the name is a settlement."""
    if not span.doc.has_annotation("DEP"):
        return False
    words = context_words("settlement_after") | {"capital"}
    return any(c.dep_ == "appos" and c.lower_ in words for c in span.root.children)


def _taken_ground(span: Span) -> bool:
    """The object of a territory verb ("taking Falluja and parts of Ramadi", "overran Palmyra")."""
    root = span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    return root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_.lower() in context_words("territory_verbs")


def _of_locative() -> frozenset[str]:
    return context_words("compass") | context_words("settlement_after") | context_words("of_locative")


def _name_like(span: Span) -> bool:
    """Capitalised words without digits: a model DATE such as "November 3" is no town."""
    return all(t.text[:1].isupper() or t.is_punct or t.lower_ in ("al", "el", "ar", "as")
               for t in span) and not any(t.like_num for t in span)


def _nisba(span: Span, titles: frozenset[str]) -> bool:
    """"al-Baghdadi" after a person's name or title, or before a PERSON entity."""
    if not span.text.lower().startswith(tuple(context_words("nisba_articles"))) or span.start == 0:
        return False
    prev = span.doc[span.start - 1]
    if prev.ent_type_ == "PERSON" and prev.text[:1].isupper():
        return True
    if prev.text in titles or prev.text.rstrip(".") in titles:
        return True
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return nxt is not None and nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "B"


def _person_titles() -> frozenset[str]:
    """Titles and honorifics of person_titles.yaml ("Sheikh", "Abu", "General")."""
    words: set[str] = set()
    for _, data in knowledge.load_all("person_titles.yaml"):
        for key in ("titles", "honorifics"):
            value = (data or {}).get(key) or []
            groups = value if value and isinstance(value[0], list) else [value]
            words.update(str(w) for g in groups for w in g if str(w)[:1].isupper())
    return frozenset(words)


def _is_outlet(span: Span) -> bool:
    if _next_word(span) in context_words("outlet_after"):
        return True
    before = " ".join(_prev(span, 3))
    return any(before.endswith(cue) for cue in context_words("outlet_before"))


def _asked_kind(span: Span) -> str | None:
    nxt = _next_word(span)
    if nxt in context_words("region_after") - {"area", "district"}:
        return "region"
    if nxt in context_words("settlement_after"):
        return "settlement"
    return None


def _near(span: Span) -> bool:
    """"near X", "outside X", "north of X", "10 km from X", "the outskirts of X"."""
    before = _prev(span, 3)
    if not before:
        return False
    if before[-1] in context_words("near_before"):
        return True
    if before[-1] in ("of", "from") and len(before) >= 2:
        return before[-2] in (context_words("compass") | context_words("distance_units")
                                | context_words("near_of"))
    return _next_word(span) == "countryside"
