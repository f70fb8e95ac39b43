"""What a figure counts (the counted noun, its unit, a short measure phrase), whose it is
(the subject), and the ledger key that groups differently worded measures.

Measure phrase: the counted noun with its modifiers ("foreign fighters"), then what happened
to the counted things, read from the verbs of its clause and named by its facet
(claim_measures.yaml: "who joined", "who returned", "killed", "claimed", "held"), then a
location qualifier ("in Syria and Iraq"). Shares read "share of <what>".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from eventdesk.extract.claims.lexicon import ClaimLexicon
from eventdesk.extract.claims.numbers import Quantity
from eventdesk.knowledge import load

_NOMINAL = {"NOUN", "PROPN"}
_MOD_DEPS = {"amod", "compound", "nmod"}
_FACET_LABEL = {"joined": "who joined", "returned": "who returned", "killed": "killed",
                "surrendered": "who surrendered", "arrested": "held", "claimed": "claimed",
                "held": "held"}


@dataclass(frozen=True)
class MeasureTable:
    classes: dict[str, str]  # word -> class
    facets: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]  # (facet, word sequences)
    ignore: frozenset[str]


def _check_facet(entry: dict, path) -> None:
    if not isinstance(entry.get("facet"), str) or not isinstance(entry.get("words"), list):
        raise ValueError("a facet needs 'facet' (text) and 'words' (a list)")


@lru_cache(maxsize=1)
def measure_table() -> MeasureTable:
    from eventdesk.knowledge import load_all

    classes: dict[str, str] = {}
    ignore: set[str] = set()
    for _, content in load_all("claim_measures.yaml"):
        for cls, words in ((content or {}).get("classes") or {}).items():
            classes.update({w.lower(): cls for w in words})
        ignore.update(w.lower() for w in (content or {}).get("ignore") or [])
    facets = tuple((e["facet"], tuple(tuple(str(w).lower().split()) for w in e["words"]))
                   for e in load("claim_measures.yaml", "facets", _check_facet))
    return MeasureTable(classes, facets, frozenset(ignore))


def facet_of(words: list[str]) -> str | None:
    """The first facet (in data order) with a word or phrase in `words`."""
    for facet, seqs in measure_table().facets:
        for seq in seqs:
            n = len(seq)
            if any(tuple(words[i:i + n]) == seq for i in range(len(words) - n + 1)):
                return facet
    return None


def measure_key(subject: str | None, measure: str, unit: str) -> str:
    """A stable key for the quantity a measure names, robust to wording.

    subject (case-folded) | unit | class of the counted head | facet | population origin
    (capitalised modifiers before the head, "from <Place>"). Location qualifiers after
    the head ("in Syria and Iraq") are left out: they rarely change the population.
    """
    table = measure_table()
    raw = re.findall(r"[\w'-]+", measure)
    words = [w.lower() for w in raw]
    facet = facet_of(words)
    head = next((w for w in words if w in table.classes), None)
    # with a facet, "fighters"/"people"/"members" are one class; without one the head
    # word itself keeps "members" apart from "foreigners smuggled"
    cls = table.classes[head] if head and facet else (_singular(head) if head else None)
    if unit == "percent" or words[:2] == ["share", "of"]:
        base = words[2:] if words[:2] == ["share", "of"] else words
        labels = {w for _, seqs in measure_table().facets for seq in seqs for w in seq}
        parts = sorted({table.classes.get(w, w) for w in base
                        if w not in labels and w not in {"of", "and", "the", "in", "who"}})
        cls = "share:" + "+".join(parts)
    head_at = next((i for i, w in enumerate(words) if w in table.classes), 0)
    origin = [w.lower() for w in raw[:head_at] if w[:1].isupper()]
    for i, w in enumerate(words[:-1]):
        if w == "from" and raw[i + 1][:1].isupper():
            origin.append(words[i + 1])
    subj = re.sub(r"\W+", " ", (subject or "").lower()).strip()
    return "|".join([subj, unit or "", cls or (words[0] if words else ""), facet or "",
                     "+".join(sorted(set(origin)))])


class MeasureReader:
    """Counted noun, unit and measure phrase of a quantity in its sentence."""

    def __init__(self, lex: ClaimLexicon) -> None:
        self.lex = lex

    def counted_noun(self, q: Quantity, sent: Span, previous: Token | None) -> Token | None:
        """The noun a figure counts; "of them" gives `previous` (the last counted noun)."""
        doc = sent.doc
        head = doc[q.head]
        after = doc[q.end] if q.end < sent.end else None
        if after is not None and after.lower_ == "of" and (q.kind == "share" or q.kind == "count"):
            obj = next((c for c in after.children if c.dep_ == "pobj"), None)
            if obj is None:
                obj = next((t for t in doc[q.end + 1:min(sent.end, q.end + 5)]
                            if t.pos_ in _NOMINAL | {"PRON"}), None)
            if obj is not None and obj.pos_ == "PRON":
                return previous
            if obj is not None:
                return obj
        if q.kind == "share" and after is not None and after.pos_ == "NOUN" and after.tag_ == "NNS":
            return after  # "one in five fighters"
        if q.kind in {"share", "factor"}:
            return None
        if head.dep_ == "pobj" and head.head.lower_ in {"at", "to"}:
            # "put the number of fighters at 3,000", "the number of attacks rose to 300"
            obj = next((c for c in head.head.head.children if c.dep_ in {"dobj", "nsubj"}
                        and c.lemma_.lower() in self.lex.data_nouns | {"toll", "strength", "tally"}), None)
            if obj is not None and obj.lemma_.lower() in self.lex.data_nouns | {"toll", "strength", "tally"}:
                of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
                if inner is not None or obj.lemma_.lower() == "toll":
                    return inner if inner is not None else obj
        if head.dep_ in {"nummod", "quantmod", "amod", "compound"} and head.head.pos_ in _NOMINAL \
                and head.head.i >= q.start:
            return head.head
        if head.dep_ == "conj" and head.head.dep_ == "nummod" and head.head.head.pos_ in _NOMINAL:
            return head.head.head
        for t in doc[q.end:min(sent.end, q.end + 3)]:
            if t.pos_ in _NOMINAL:
                return t
            if t.pos_ not in {"ADJ", "PROPN", "NOUN"} and t.dep_ not in {"compound", "amod"}:
                break
        return None

    def unit(self, q: Quantity, noun: Token | None) -> str:
        if q.unit:
            return q.unit
        if noun is None:
            return "people"
        lemma = noun.lemma_.lower()
        if lemma in self.lex.people_nouns or noun.lower_ in self.lex.people_nouns \
                or noun.ent_type_ in {"NORP", "PERSON"}:
            return "people"
        return noun.lower_ if noun.tag_ in {"NNS", "NNPS"} else lemma

    def phrase(self, q: Quantity, noun: Token | None, sent: Span) -> str:
        """A short measure: counted noun + modifiers, facet of its clause, location."""
        doc = sent.doc
        if noun is None:
            core, anchor = "people", doc[q.head]
        elif not (sent.start <= noun.i < sent.end) or noun.i < q.start:  # "25,000 of them"
            core, anchor = noun.text if noun.tag_ == "NNS" else noun.lemma_, doc[q.head]
            after = doc[q.end] if q.end < sent.end else None
            pron = next((c for c in after.children if c.dep_ == "pobj"), None) if after is not None \
                and after.lower_ == "of" else None
            if pron is not None and pron.pos_ == "PRON":
                anchor = pron
        else:
            mods = [c for c in noun.lefts if c.dep_ in _MOD_DEPS and not c.like_num
                    and c.i not in range(q.start, q.end)]
            start = min([noun.i] + [m.left_edge.i for m in mods if m.left_edge.i >= q.end])
            last = max([noun.i] + [c.i for c in noun.conjuncts if c.i > noun.i and c.pos_ == "PROPN"])
            core = doc[start:last + 1].text
            anchor = noun
        words = [t.lower_ for t in self._clause(anchor, sent)]
        facet = facet_of(words)
        parts = [core]
        if q.kind == "share":
            parts = [f"share of {core}" if noun is not None else "share"]
        if facet:
            parts.append(_FACET_LABEL.get(facet, facet))
        place = self._location(noun) if noun is not None and anchor is noun else None
        if place:
            parts.append(place)
        origin = self._origin(anchor, sent)
        if origin and origin not in core:
            parts.append(origin)
        return " ".join(parts)

    @staticmethod
    def _origin(anchor: Token, sent: Span) -> str | None:
        """"coming from Europe": where the counted people come from (splits a ledger line)."""
        for t in [anchor, *[c for c in anchor.children if c.pos_ == "VERB"]]:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ == "from":
                    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if obj is not None and obj.ent_type_ in {"GPE", "LOC", "NORP"}:
                        return f"from {obj.text}"
        return None

    def _clause(self, anchor: Token, sent: Span) -> list[Token]:
        """The words of the clause a noun belongs to: its relative clause, or the verb it
        hangs on and that verb's complements (through hedges: "are thought to have joined")."""
        toks: list[Token] = []
        for c in anchor.rights:
            if c.dep_ in {"relcl", "acl"}:
                toks.extend(c.subtree)
        verb = anchor
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:  # the root heads itself
            verb = verb.head
            toks.append(verb)  # the nouns on the way: "losses of 30,000 fighters"
        if verb.pos_ not in {"VERB", "AUX"}:
            return toks
        frontier = [verb]
        for _ in range(2):  # two levels: "are thought to have crossed ... to fight with"
            nxt = []
            for v in frontier:
                for c in v.children:
                    if c.dep_ in {"xcomp", "ccomp", "advcl", "prt", "advmod", "dobj", "prep",
                                  "pobj", "poss", "npadvmod"} and c.i > anchor.i:
                        toks.append(c)
                        nxt.append(c)
            frontier = nxt
        return toks

    @staticmethod
    def _location(noun: Token) -> str | None:
        for c in noun.rights:
            if c.dep_ == "prep" and c.lower_ in {"in", "inside"}:
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.ent_type_ in {"GPE", "LOC"}:
                    return doc_text(c, obj)
        return None


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def doc_text(prep: Token, obj: Token) -> str:
    end = max(t.i for t in obj.subtree)
    return prep.doc[prep.i:end + 1].text
