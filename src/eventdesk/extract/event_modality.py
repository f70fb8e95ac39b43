"""Is an event mention asserted as having happened?

Not asserted (annotation-guide §2 "Do not code"), checked on the trigger and the verbs that
govern it, up to the nearest reporting clause:
1. a modal auxiliary ("may announce", "could bring", "will try to");
2. a negation ("did not attack");
3. a conditional subordinator ("if they turn on one another");
4. a complement of a verb or noun of planning, trying, fearing ("plans to", "tried to stage",
   "fears of strikes") — unless the verb implies the act ("took the opportunity to");
5. a habitual adverb ("increasingly", "frequently") or a present-tense verb ("are waging",
   "reverts to"), unless the mention carries its own date ("this month's clashes");
6. an aggregate: a plural noun trigger with no date in the sentence under a present-perfect
   verb ("has carried out deadly attacks in Baghdad"), or spread over a count of places
   ("attacks in around 30 countries").
Reported speech ("X said they killed ...") stays asserted: the climb stops at a complement
clause of a speech verb.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventdesk.extract.event_lexicon import EventLexicon

PRESENT = {"VBZ", "VBP"}
PLACE_COUNTS = {"countries", "cities", "provinces", "towns", "regions", "states", "continents"}
MAX_CLIMB = 6  # verbs above the trigger worth checking; a sentence rarely nests deeper


def _has_date(tokens, date_tokens: set[int]) -> bool:
    return any(t.i in date_tokens for t in tokens)


def _verb_blocks(verb: Token, lex: EventLexicon, dated: bool, first: bool) -> str | None:
    children = list(verb.children)
    for c in children:
        low, lem = c.lower_, c.lemma_.lower()
        if c.dep_ in ("aux", "auxpass") and (low in lex.cue("modal") or lem in lex.cue("modal")):
            return "modal"
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and low in ("never", "no")):
            return "negation"
        if c.dep_ == "mark" and low in lex.cue("conditional"):
            return "conditional"
        if c.dep_ == "advmod" and low in lex.cue("habitual"):
            return "habitual"
    if first and not dated:
        auxes = [c for c in children if c.dep_ in ("aux", "auxpass")]
        perfect = any(a.lemma_ == "have" for a in auxes)
        if verb.tag_ in PRESENT and verb.lemma_ not in ("be", "have"):
            return "present"
        if verb.tag_ == "VBG" and any(a.tag_ in PRESENT and a.lemma_ == "be" for a in auxes) and not perfect:
            return "present"
        if verb.tag_ == "VB" and not auxes and verb.dep_ not in ("xcomp", "advcl", "acl", "conj"):
            return "present"
    return None


def asserted(anchor: Token, tokens: list[Token], lex: EventLexicon, date_tokens: set[int]) -> str | None:
    """None when the mention reports an occurrence, else the reason it does not."""
    sent = anchor.sent
    subtree_dated = any(_has_date(t.subtree, date_tokens) for t in tokens if t.pos_ in ("NOUN", "PROPN"))
    sent_dated = _has_date(sent, date_tokens)
    for t in tokens:
        if any(c.dep_ == "neg" for c in t.children):
            return "negation"
    # plural nouns with no date: aggregates unless told as one past occurrence
    if anchor.tag_ == "NNS" and not sent_dated:
        for t in anchor.subtree:
            if t.lower_ in PLACE_COUNTS and any(c.like_num for c in t.subtree):
                return "aggregate"
    tok, first, steps = anchor, True, 0
    while steps < MAX_CLIMB:
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "ROOT")):
            reason = _verb_blocks(tok, lex, subtree_dated, first)
            if reason:
                return reason
            if first and anchor.tag_ == "NNS" and not sent_dated and tok.tag_ in ("VBN", "VBZ", "VBP") and any(
                    c.lemma_ == "have" and c.dep_ == "aux" for c in tok.children):
                return "aggregate"
            first = False
            if tok.dep_ in ("ccomp", "relcl") or tok.dep_ == "ROOT":
                break
            if tok.dep_ in ("xcomp", "advcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
                head = tok.head
                words = {head.lemma_.lower()} | {c.lower_ for c in head.children if c.dep_ in ("dobj", "attr")}
                if words & lex.implicative:
                    break
                if head.lemma_.lower() in lex.cue("unrealised_verb") or head.lower_ in lex.cue("unrealised_verb"):
                    return "unrealised"
        elif tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("NOUN", "PROPN"):
            if tok.head.head.lemma_.lower() in lex.cue("unrealised_noun") and tok.head.lower_ in ("of", "for", "to", "on"):
                return "unrealised"
        elif tok.dep_ == "pcomp" and tok.head.head.lemma_.lower() in lex.cue("unrealised_verb"):
            return "unrealised"  # "aimed at retaking"
        if tok.head.i == tok.i:
            break
        if tok.dep_ == "pcomp" and tok.head.head.lemma_.lower() in lex.cue("unrealised_noun"):
            return "unrealised"
        tok = tok.head
        steps += 1
    return None
