"""What is not a claim: the rules a figure of a sentence must pass (annotation guide §3).

A figure is not a claim when (in order):
1. it counts one thing ("one officer", "number one") or a time, distance or age
   ("four days", "66 km west", "25-year-old"), or a person's family ("a mother of four",
   "two of her children");
2. it counts the text's own divisions ("three forces", "five categories") or the data
   behind a report ("numbers from 48 countries");
3. it is a small number that points back ("the two offensives", "those two countries");
4. it counts places taken in one go ("captured three villages", "two capitals fell") or
   where an event happened ("strikes at two settlements"): event details; a tally in the
   perfect ("has seized seven towns") stays;
5. it is one event's death toll the text does not attribute to anyone (the event's
   fatalities); a toll summed over a period or a series ("killing 800 people last year")
   and injuries (not part of the event record) stay;
6. it is part of a name ("Tower 22", "Brigade 137"), or a number the page cut off.
A source's time clause is not what it said: a figure hanging on the attribution verb
through "after", "as", "when" ... is the article's own (`outside_quote`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventdesk.extract.claims.lexicon import ClaimLexicon
from eventdesk.extract.claims.measure import MeasureReader, measure_table
from eventdesk.extract.claims.numbers import Quantity

_PART_OF = {"include", "comprise"}
_TIME_LINKS = {"after", "before", "as", "when", "while", "following"}
_POINTING_BACK = {"the", "those", "these", "both", "its", "their", "above", "such", "other"}


@dataclass
class ClaimConfig:
    """Options of the claim extractor."""

    # Casualty figures are the event's fatalities unless attributed (annotation guide §3).
    casualties_need_source: bool = True
    # Numbers below this are not counts worth a claim ("one officer"); 2 keeps "two British
    # nationals" (gold 002) and drops "one of the people".
    min_count: float = 2
    # "the two offensives", "those two countries": small numbers after a determiner point
    # back to things already named. 10 is the largest such number in seeds and dev (all <= 3).
    pointing_back_max: float = 10
    # Report only figures with a counted unit in this set (None = every unit).
    units: tuple[str, ...] | None = None
    # The language of the lexicons; the stage leaves documents in other languages alone.
    language: str = "en"


class ClaimRules:
    """The rules over one lexicon and configuration."""

    def __init__(self, config: ClaimConfig, lex: ClaimLexicon, measures: MeasureReader) -> None:
        self.config, self.lex, self.measures = config, lex, measures

    def is_claim(self, q: Quantity, noun: Token | None, sent: Span, sourced: bool) -> bool:
        """Rules 1-6 of the module docstring."""
        lex, cfg, doc = self.lex, self.config, sent.doc
        value = q.high if q.high is not None else q.low
        if q.kind == "count" and value is not None and value < cfg.min_count and not _in_breakdown(q, noun, doc):
            return False
        lemma = noun.lemma_.lower() if noun is not None else ""
        nxt = doc[q.end:min(len(doc), q.end + 4)].text.lower()
        if q.kind != "area" and (lemma in lex.not_claim_nouns or (
                q.end < sent.end and doc[q.end].lower_ in lex.not_claim_nouns)) \
                or re.match(r"^-?\s*(year|month|day)s?\b", nxt) \
                or (q.start > 0 and doc[q.start - 1].lower_ in {"aged", "age"}):
            return False
        if q.kind == "count" and self._kin(q, noun, doc):
            return False
        if q.kind == "count" and lemma in lex.discourse_nouns:
            return False
        if noun is not None and noun.head.dep_ == "prep" and noun.head.lower_ != "of" and any(
                t.lemma_.lower() in lex.data_nouns for t in doc[max(0, noun.head.i - 3):noun.head.i]):
            return False
        if (q.kind == "count" and value is not None and value <= cfg.pointing_back_max
                and any(t.lower_ in _POINTING_BACK for t in doc[max(sent.start, q.start - 2):q.start])):
            return False
        verb = _governing_verb(noun if noun is not None else doc[q.head])
        if lemma in lex.event_detail_nouns and self._event_detail(noun, verb):
            return False
        if cfg.casualties_need_source and not sourced and q.kind == "count" \
                and not _counts_things(noun) and self._death_toll(q, noun, sent, verb) \
                and not self._aggregate(verb, sent):
            return False
        if _in_name(q, noun, doc) or (noun is None and _cut_off(q, doc)):
            return False
        return True

    def _kin(self, q: Quantity, noun: Token | None, doc: Doc) -> bool:
        """"a mother of four", "two of her children", "his three sons"."""
        kin = self.lex.kin_nouns
        if q.start >= 2 and doc[q.start - 1].lower_ == "of" and doc[q.start - 2].lemma_.lower() in kin:
            return True
        return noun is not None and noun.lemma_.lower() in kin | {"child"} and any(
            c.dep_ == "poss" for c in noun.children)

    def _event_detail(self, noun: Token, verb: Token | None) -> bool:
        """Places taken in one go, or where an event happened (rule 4)."""
        if noun.head.dep_ == "prep" and noun.head.lower_ in {"at", "in", "on", "across"} \
                and noun.dep_ == "pobj" and noun.head.head.pos_ in {"NOUN", "VERB"}:
            return True
        if verb is None or verb.lemma_.lower() not in self.lex.capture_verbs:
            return False
        return not _perfect(verb)

    def _death_toll(self, q: Quantity, noun: Token | None, sent: Span, verb: Token | None) -> bool:
        """The figure counts the dead: a killing verb, a death noun counted or right after the
        noun ("6 fighters dead"), or a death noun the figure hangs on ("the deaths of 54")."""
        lex, doc = self.lex, sent.doc
        if verb is not None and verb.lemma_.lower() in lex.casualty_verbs:
            return True
        if noun is not None and noun.lemma_.lower() in lex.casualty_words:
            return True
        stop = min(sent.end, max(q.end, noun.i + 1 if noun is not None and noun.i >= q.end else q.end) + 2)
        if any(t.lower_ in lex.casualty_words for t in doc[q.end:stop]):
            return True
        tok = noun if noun is not None else doc[q.head]
        for anc in tok.ancestors:  # "the death toll, which includes 12 children"
            if anc.pos_ in {"VERB", "AUX"} and anc.dep_ != "prep" and anc.lemma_.lower() not in _PART_OF:
                break
            if anc.pos_ == "NOUN" and anc.lemma_.lower() in lex.casualty_words:
                return True
        return False

    def _aggregate(self, verb: Token | None, sent: Span) -> bool:
        """A toll summed over a period or a series (rule 5): its clause has a cue word
        ("since", "a series of"), or a date spanning several periods ("over the last few
        weeks", "in a decade"), or a whole year when no single occasion is its subject
        ("rebels ... killing more than 800 people last year", not "an ambush killed 28
        soldiers this year")."""
        if verb is None:
            return False
        lex = self.lex
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        summed = {t.i for t in subject.subtree} if subject is not None else set()
        for t in verb.subtree:
            low = t.lower_
            # "since" anywhere; "a series of", "a total of" only in the subject or the
            # counted phrase ("in the latest of a series of attacks" is one attack)
            if low == "since" or (low in lex.aggregate_cues and (t.i in summed or t.i >= verb.i
                                                                   and t.head.dep_ in {"nummod", "quantmod"})):
                return True
            if t.ent_type_ != "DATE" or low not in lex.aggregate_periods:
                continue
            if t.tag_ in {"NNS", "NNPS"} or low.startswith("decade"):
                return True
            if low == "year" and not _single_occasion(verb):
                return True
        return False


def _single_occasion(verb: Token) -> bool:
    """The clause's subject (or the subject of the clause it hangs on) is one thing: "an
    ambush that killed", "the attack killed"."""
    for v in (verb, verb.head):
        subj = next((c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if v.dep_ == "relcl" and subj is not None and subj.pos_ == "PRON":
            subj = v.head
        if subj is not None:
            return subj.tag_ in {"NN", "NNP"}
    return False


def _in_breakdown(q: Quantity, noun: Token | None, doc: Doc) -> bool:
    """"three civilians and one policeman": a one that is part of a counted breakdown."""
    if noun is None or doc[q.head].dep_ != "nummod" or doc[q.head].head != noun:
        return False
    return any(any(g.dep_ == "nummod" and g.like_num for g in other.children) for other in noun.conjuncts)


def outside_quote(q: Quantity, source, doc: Doc) -> bool:
    """The figure hangs on the attribution verb through a time clause, not through what was
    said ('"The siege is over," says an official, after gunmen stormed the hotel, leaving
    some 20 people dead'): the article's own voice."""
    verb = source.token
    if verb is None or verb.pos_ not in {"VERB", "AUX"} or not any(c.dep_ == "ccomp" for c in verb.children):
        return False
    tok = doc[q.head]
    path = [tok, *tok.ancestors]
    if verb not in path:
        return False
    child = path[path.index(verb) - 1] if path.index(verb) > 0 else None
    if child is None or child.dep_ not in {"prep", "advcl"}:
        return False
    words = {child.lower_} | {c.lower_ for c in child.children if c.dep_ == "mark"}
    return bool(words & _TIME_LINKS)


def _counts_things(noun: Token | None) -> bool:
    """The figure counts countries, places, attacks or money, not people ("people from 12
    countries died": the 12 is no death toll)."""
    if noun is None:
        return False
    return measure_table().classes.get(noun.lower_) in {"countries", "territory", "attacks", "money"} \
        or noun.lemma_.lower() in {"country", "nation", "town", "village", "city", "province"}


def _perfect(verb: Token) -> bool:
    """"has seized", "have been captured", and a verb joined to one ("has seized ... and
    overran")."""
    for v in (verb, verb.head if verb.dep_ == "conj" else None):
        if v is not None and any(c.dep_ in {"aux", "auxpass"} and c.lemma_.lower() == "have"
                                 for c in v.children):
            return True
    return False


def _in_name(q: Quantity, noun: Token | None, doc: Doc) -> bool:
    """A number inside a name ("Tower 22", "Brigade 137 base", "Resolution 2254"): right
    after a capitalised proper noun, written in plain digits, with no hedge."""
    head = doc[q.head]
    if noun is None and head.head.pos_ == "PROPN" and head.head.i < q.start:
        return True
    if q.qualifier is not None or q.start == 0 or q.kind != "count":
        return False
    before, first = doc[q.start - 1], doc[q.start]
    return before.pos_ == "PROPN" and before.text[:1].isupper() and before.is_alpha \
        and first.text.isdigit()


def _cut_off(q: Quantity, doc: Doc) -> bool:
    """The page stops right after the number ("in September 2022, when 21")."""
    return all(t.is_space for t in doc[q.end:])


def _governing_verb(tok: Token) -> Token | None:
    """The first verb above a token ("people were killed" -> killed); a verb used as a
    preposition ("37 civilians, including 14 children") is passed through."""
    for anc in [tok, *tok.ancestors]:
        if anc.pos_ in {"VERB"} and anc.dep_ != "prep":
            return anc
    return None
