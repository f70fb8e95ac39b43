"""The place resolver's candidate spans: the toponyms of a Doc before they are resolved
(the model's place entities, demonyms, mislabelled names in locative context, curated names
and countries the model missed), less what is no place (actor names, nisbas, months)."""

from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from eventdesk.understand.places.cues import (_calendar_word, _locative, _name_like, _nisba,
                                              _settlement_named, _trim)
from eventdesk.understand.places.gazetteer import Gazetteer

# A short name in capitals up to this length is checked against the actor aliases ("IS",
# "SDF", "YPG", "PKK"): the spec's longest group abbreviations in the registry have 4 letters.
ALIAS_MAX_LEN = 4


class CandidateSpans:
    """The candidate part of `PlaceResolver` (components.py), which holds the gazetteer, the
    labels and the matchers these methods read."""

    gazetteer: Gazetteer
    labels: set[str]
    mislabelled: set[str]
    demonyms: bool
    titles: frozenset[str]
    matcher: PhraseMatcher | None
    countries: PhraseMatcher

    # -- candidate spans ----------------------------------------------------------------
    def _candidates(self, doc: Doc, text: str) -> list[Span]:
        found: list[Span] = []
        later: list[Span] = []
        for ent in doc.ents:
            span = _trim(ent)
            if span is None:
                continue
            span = self._whole_name(self._whole_word(span, text))
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
        found += _unlabelled_settlements(doc)
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

    def _whole_name(self, span: Span) -> Span:
        """The model's entity missing a capitalised first word of the name ("Ismail Khan" of
        "Dera Ismail Khan"): the longer name when it is one the gazetteer spells exactly."""
        doc = span.doc
        for k in (2, 1):
            before = doc[max(span.start - k, 0):span.start]
            if len(before) != k or not all(t.is_title and t.is_alpha and not t.ent_type_ for t in before):
                continue
            longer = doc[span.start - k:span.end]
            if max((q for _, q in self.gazetteer.candidates(longer.text)), default=-1) >= 1:
                return Span(doc, longer.start, longer.end, label=span.label_)
        return span

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


def _unlabelled_settlements(doc: Doc) -> list[Span]:
    """"the town of Macomia" where the model tagged no entity at all: the capitalised name
    after a settlement word and "of" is a place (resolved, or kept as an unlisted settlement)."""
    out = []
    for t in doc:
        if t.lower_ != "of" or t.i < 1 or t.i + 1 >= len(doc):
            continue
        first = doc[t.i + 1]
        if first.ent_type_ or not first.is_title or not first.is_alpha:
            continue
        end = first.i + 1
        while end < len(doc) and doc[end].is_title and doc[end].is_alpha and not doc[end].ent_type_:
            end += 1
        span = Span(doc, first.i, end, label="GPE")
        if _name_like(span) and _settlement_named(span):
            out.append(span)
    return out
