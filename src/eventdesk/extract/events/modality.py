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

from functools import lru_cache

from spacy.tokens import Token

from eventdesk.extract.events.lexicon import EventLexicon
from eventdesk.understand.dates.lexicon import TemporalLexicon

PRESENT = {"VBZ", "VBP"}
MAX_CLIMB = 6  # verbs above the trigger worth checking; a sentence rarely nests deeper


ANAPHORIC = {"the", "this", "that", "its"}


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
        # "Iraqi police arrest a senior ISIS member, the directorate announced": a headline's
        # present under a past report is the reported occurrence, not a habit
        reported = (verb.dep_ in ("ccomp", "parataxis") and verb.head.tag_ in ("VBD", "VBN")) or \
            verb.lower_ in lex.cue("past_form")  # "retook", "overran": past forms the small model tags VBP
        if verb.tag_ in PRESENT and verb.lemma_ not in ("be", "have") and not reported:
            return "present"
        if verb.tag_ == "VBG" and any(a.tag_ in PRESENT and a.lemma_ == "be" for a in auxes) and not perfect:
            return "present"
        if verb.tag_ == "VBG" and perfect and any(a.lower_ == "been" for a in auxes):
            return "ongoing"  # "have been reporting aerial strikes"
        if verb.tag_ == "VB" and not auxes and verb.dep_ not in ("xcomp", "advcl", "acl", "conj") \
                and verb.lower_ not in lex.cue("past_form"):  # "retook" tagged as a base form
            return "present"
    return None


def _not_violence(main: Token, tokens: list[Token], sent, lex: EventLexicon) -> str | None:
    """Deaths in an accident ("killed in a helicopter crash"), an accusation ("alleged
    assaults"), a running tally ("have been killed in the fighting so far this year")."""
    for t in tokens:
        for prep in t.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "during", "after") and any(
                    g.dep_ == "pobj" and g.lemma_.lower() in lex.cue("accident") for g in prep.children):
                return "accident"
    if main.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in lex.cue("unconfirmed") for c in main.children):
        return "unconfirmed"
    verbs = {v.i: v for t in tokens for v in (t, t.head)}.values()
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for v in verbs for c in v.children)
    words = " " + " ".join(t.lower_ for t in sent) + " "
    if perfect and any(f" {phrase} " in words for phrase in lex.cue("tally")):
        return "aggregate"
    # "the war has killed tens of thousands since it began", "since 2015 the conflict has
    # claimed ...": a total since a start; not "has not been seen since he announced X",
    # where the occurrence is the since-clause itself
    # the occurrence noun as the subject of the perfect counts too ("fighting has been ongoing
    # in three townships since November", "attacks have continued since 2019")
    verb = main.head if main.pos_ == "NOUN" and main.dep_ in ("nsubj", "nsubjpass") else main
    since = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "since"]
    since += [c for c in verb.children if c.dep_ == "advcl" and c not in tokens
              and any(g.dep_ == "mark" and g.lower_ == "since" for g in c.children)]
    perfect_verb = verb.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    if perfect_verb and (since or _for_a_stretch(verb)):
        return "aggregate"  # "they have fought against for eight years": a running activity
    return None


def _governor(prep: Token) -> Token:
    """The verb a preposition belongs to: "accuses the militants of using" hangs "of" on the
    verb's object in the small model's parse."""
    gov = prep.head
    return gov.head if gov.pos_ in ("NOUN", "PROPN") and gov.dep_ == "dobj" else gov


def _for_a_stretch(verb: Token) -> bool:
    """'for eight years', 'for months': the verb runs over a counted or plural stretch of time."""
    units = TemporalLexicon.default().unit
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lower_ in units and (
                        obj.tag_ == "NNS" or any(c.dep_ == "nummod" for c in obj.children)):
                    return True
    return False


def _purpose_of_noun(tok: Token) -> bool:
    return tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _commentary(main: Token, lex: EventLexicon) -> str | None:
    """A definite trigger noun ("the raid") as the object of a verb or noun that comments on,
    investigates or relays it, or of a verb negated through its object ("nothing to do with")."""
    # "the raid", "this week's clashes", "Sunday's attack": a time in the possessive points
    # back at an occurrence as a determiner does
    if main.pos_ != "NOUN" or not any(c.dep_ in ("det", "poss") and c.lower_ in ANAPHORIC
                                      or c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME")
                                      for c in main.children):
        return None
    if any(c.dep_ in ("relcl", "acl") for c in main.children):
        return None  # "condemned the attack, which killed five in Kano": told here after all
    possessor = {t.i for c in main.children if c.dep_ == "poss" for t in c.subtree}
    if any(t.ent_type_ == "DATE" and t.i not in possessor for t in main.subtree):
        return None  # "blamed for the massacre of 36 people in Beni in 2016": a background event
    head = main.head
    if main.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif main.dep_ not in ("dobj", "nsubjpass"):
        return None
    for gov in (head, head.head):  # "has nothing to do with": do -> has, or do as relcl of nothing
        if gov.lemma_.lower() in lex.cue("negated_object") or any(
                c.dep_ == "dobj" and c.lemma_.lower() in lex.cue("negated_object") for c in gov.children):
            return "negation"
    # "opened a probe into the attack": the prep may hang on the verb of the noun
    words = {head.lemma_.lower()} | {c.lemma_.lower() for c in head.children if c.dep_ == "dobj"}
    if words & lex.cue("commentary"):
        return "commentary"
    return None


def asserted(anchor: Token, tokens: list[Token], lex: EventLexicon, date_tokens: set[int],
             main: Token | None = None) -> str | None:
    """None when the mention reports an occurrence, else the reason it does not."""
    sent = anchor.sent
    main = main if main is not None else anchor
    subtree_dated = any(_has_date(t.subtree, date_tokens) for t in tokens if t.pos_ in ("NOUN", "PROPN"))
    sent_dated = _has_date(sent, date_tokens)
    for t in tokens:
        if any(c.dep_ == "neg" for c in t.children):
            return "negation"
    if main.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in main.children):
        return "negation"  # "there has been no attack since ..."
    if main.pos_ == "VERB" and not sent_dated and any(
            c.dep_ == "dobj" and c.lemma_.lower() in lex.mass_territory_words for c in main.children):
        return "aggregate"  # "as ISIS continues to lose territory": a tally of ground, no occasion
    # plural nouns with no date: aggregates unless told as one past occurrence
    if main.tag_ == "NNS":
        if any(c.dep_ == "det" and c.lower_ in ("these", "those") for c in main.children):
            return "aggregate"  # "these massacres", "those attacks": occurrences told before, together
        if any(c.dep_ == "nummod" and c.like_num and c.lower_ not in ("one", "1") for c in main.children):
            return "aggregate"  # "the 1,120 attacks claimed by IS": a count, not an occurrence
        for t in main.subtree:
            if not sent_dated and t.lower_ in lex.cue("place_count") and any(c.like_num for c in t.subtree):
                return "aggregate"
    reason = _not_violence(main, tokens, sent, lex)
    if reason:
        return reason
    if main.dep_ in ("compound", "nmod") and main.head.pos_ in ("NOUN", "PROPN") \
            and main.head.lemma_.lower() not in lex.triggers:
        return "modifier"  # "the blast zone", "attack helicopters", "a bomb squad": a thing, no occurrence
    if main.tag_ == "VBG" and main.dep_ in ("csubj", "nsubj", "csubjpass") and (
            not sent_dated or any(c.dep_ == "dobj" for c in main.children)):
        # "Defeating Isis militarily deprives them of territory" (an action in general); but
        # "Fighting between the gang and residents left 12 dead on Friday" is one occasion
        return "generic"
    if main.pos_ == "NOUN" and main.dep_ in ("nsubj", "attr") and not sent_dated and not any(
            t.pos_ == "VERB" for t in tokens if t.i != main.i) and main.head.pos_ in ("VERB", "AUX") and \
            main.head.lemma_.lower() not in lex.triggers and not any(
                t.i != main.i and main.head.is_ancestor(t) and not main.is_ancestor(t) for t in tokens):
        # "a ground offensive has edged towards Raqqa", "It is a difficult battle"; but an
        # occurrence its verb ties to an outcome ("the attack resulted in 54 deaths") happened
        return "generic"
    for t in main.subtree:  # "driven Isis from nearly all of Iraq": a cumulative result
        if any(a.dep_ in ("conj", "advcl", "ccomp", "relcl") for a in _between(t, main)):
            continue  # "seized Mosul and threw much of the country into conflict": another clause
        if t.lower_ in lex.cue("cumulative") and t.head.i != t.i and any(
                c.lower_ == "of" for c in t.children) and main.pos_ == "VERB":
            return "cumulative"
    own_dated = _has_date(main.subtree, date_tokens)
    if main.dep_ in ("acl", "relcl") and not own_dated and not any(t.i != main.i for t in tokens) and (
            main.tag_ == "VBN" and main.dep_ == "acl" or main.dep_ == "relcl" and main.head.tag_ == "NNS"
            and not any(c.dep_ == "dobj" for c in main.children) and not any(
                c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in main.children)):
        return "generic"  # "men detained during the war", "territories it seized": no occurrence
    if main.pos_ == "VERB" and _purpose_of_noun(main) and main.head.lemma_.lower() not in lex.implicative:
        return "unrealised"  # "villages to be taken", "an army to drive them out"
    if main.dep_ == "pobj" and main.head.lower_ == "of" and (
            main.head.head.like_num or main.head.head.lower_ in ("one", "some", "many", "most", "several")):
        return "aggregate"  # "one of the attacks", "some of the raids"
    for t in main.ancestors:  # "forces supported by the coalition that provided airstrikes"
        if t.lemma_.lower() in lex.cue("backing") and (t.pos_ == "VERB" and any(
                c.dep_ == "agent" for c in t.children) or t.pos_ == "NOUN"):
            return "backing"
    reason = _commentary(main, lex)
    if reason:
        return reason
    if main.pos_ == "NOUN" and any(c.dep_ in ("compound", "amod") and c.lower_ in _gerunds(lex.cue("unrealised_verb"))
                                   for c in main.children):
        return "unrealised"  # "militants planning attacks" read as a compound noun by the small model
    if main.tag_ == "NN" and main.dep_ == "pobj" and main.head.lower_ in lex.cue("presupposing_prep") \
            and not any(t.i == main.head.head.i for t in tokens):
        return None  # "has not recovered from the 2017 siege": the siege is given, not negated
    tok, first, steps, infinitive = anchor, True, 0, False
    while steps < MAX_CLIMB:
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "ROOT")):
            reason = _verb_blocks(tok, lex, subtree_dated, first)
            if reason:
                return reason
            # "have recaptured towns", "has recaptured ground": a tally of gains, not one occasion
            plural = main.tag_ == "NNS" or _listed_with_plurals(main) or any(
                c.dep_ in ("dobj", "nsubjpass") and (c.tag_ == "NNS" or c.lemma_.lower() in lex.mass_territory_words)
                for c in main.children)
            perfect = tok.tag_ in ("VBN", "VBZ", "VBP") and any(c.lemma_ == "have" and c.dep_ == "aux"
                                                                  for c in tok.children)
            if first and plural and perfect and (not sent_dated or _counted_patient(main)):
                # "has carried out deadly attacks in Baghdad", "have recaptured towns"; a count
                # under the perfect is a tally whatever day it runs to ("23 towns have been
                # captured since the launch of the operation ... on Dec. 27")
                return "aggregate"
            first = False
            if tok.dep_ == "relcl" and tok.head.lemma_.lower() in lex.cue("unrealised_noun"):
                return "unrealised"  # "contingency plans that involve launching attacks"
            if tok.dep_ == "pcomp" and _governor(tok.head).lemma_.lower() in lex.cue("unrealised_verb"):
                return "unrealised"  # "accuses Rwanda of using the M23 to plunder", "aimed at retaking"
            if tok.dep_ == "ccomp" and tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
                    and tok.head.lemma_.lower() in lex.cue("unrealised_verb"):
                return "unrealised"  # "we need a whole army to drive them out": the parser's ccomp infinitive
            if tok.i != anchor.i and not subtree_dated and tok.lemma_.lower() in lex.cue("unrealised_verb") and any(
                    c.dep_ == "dobj" and c.i == anchor.i
                    or c.dep_ == "prep" and c.lower_ in ("for", "with") and any(g.i == anchor.i for g in c.children)
                    for c in tok.children):
                # "militants planning attacks", "delayed the offensive", "to prepare for attacks"
                return "unrealised"
            if tok.i != anchor.i and tok.lemma_ == "be" and any(
                    c.dep_ == "nsubj" and c.lemma_.lower() in lex.cue("unrealised_noun") for c in tok.children):
                # "their aim had been to take al-Bab", "the task of the cell was to ... carry out attacks"
                return "unrealised"
            if any(c.dep_ == "auxpass" and c.lower_ == "being" for c in tok.children) and any(
                    c.dep_ == "aux" and c.lemma_ == "be" for c in tok.children) and not subtree_dated:
                return "ongoing"  # "the offensive was being carried out by three forces"
            if tok.dep_ in ("ccomp", "relcl") or tok.dep_ == "ROOT":
                break
            if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in lex.cue("presupposing")
                                           for c in tok.children):
                break  # "has not been seen since he announced his caliphate": the since-clause happened
            if tok.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in tok.children):
                break  # a coordinated clause with its own subject keeps its own modality
            if infinitive and tok.lemma_.lower() in lex.cue("unrealised_verb"):
                return "unrealised"
            if tok.dep_ in ("xcomp", "advcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
                infinitive = True
                if tok.head.pos_ in ("NOUN", "PROPN") and tok.head.lemma_.lower() in lex.cue("unrealised_noun"):
                    return "unrealised"  # "the ability to carry out attacks", "their aim ... to take"
                head = tok.head
                words = {head.lemma_.lower()} | {c.lower_ for c in head.children if c.dep_ in ("dobj", "attr")}
                if words & lex.implicative:
                    break
                if words & lex.cue("unrealised_noun") - {head.lemma_.lower()}:
                    return "unrealised"  # "leaving the way open to attack Raqqa"
                if head.lemma_.lower() in lex.cue("unrealised_verb") or head.lower_ in lex.cue("unrealised_verb"):
                    return "unrealised"
        elif tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("NOUN", "PROPN"):
            if tok.head.head.lemma_.lower() in lex.cue("unrealised_noun") and tok.head.lower_ in ("of", "for", "to", "on"):
                return "unrealised"
        elif tok.dep_ == "pcomp" and tok.head.head.lemma_.lower() in lex.cue("unrealised_verb"):
            return "unrealised"  # "aimed at retaking"
        if tok.head.i == tok.i:
            if tok.pos_ in ("NOUN", "PROPN") and not subtree_dated and not sent_dated:
                return "no predicate"  # a noun fragment: "its weapon of choice: suicide attacks"
            break
        if tok.dep_ == "pcomp" and tok.head.head.lemma_.lower() in lex.cue("unrealised_noun"):
            return "unrealised"
        tok = tok.head
        steps += 1
    return None


def _listed_with_plurals(noun: Token) -> bool:
    """A bare trigger noun listed among plural ones ("drone strikes, artillery shelling,
    killings and arrests have become commonplace"): a catalogue of kinds of violence."""
    if noun.pos_ != "NOUN" or any(c.dep_ in ("det", "nummod", "poss") for c in noun.children):
        return False
    top = noun
    while top.dep_ in ("conj", "appos") and top.head.pos_ == "NOUN":
        top = top.head
    group, todo = [], [top]
    while todo:
        t = todo.pop()
        group.append(t)
        todo.extend(c for c in t.children if c.dep_ in ("conj", "appos") and c.pos_ == "NOUN")
    return any(t.tag_ == "NNS" and t.i != noun.i for t in group)


def _counted_patient(verb: Token) -> bool:
    """The verb's object or passive subject is counted above one ("captured 23 towns",
    "23 towns have been captured")."""
    return verb.pos_ == "VERB" and any(
        c.dep_ in ("dobj", "nsubjpass") and c.tag_ == "NNS" and any(
            n.dep_ == "nummod" and n.lower_ not in ("one", "1") for n in c.children)
        for c in verb.children)


@lru_cache(maxsize=8)
def _gerunds(verbs: frozenset) -> frozenset:
    """-ing forms of the cue verbs ("plan" -> "planning", "prepare" -> "preparing"); the lexicon
    lists lemmas and the small model leaves a gerund modifier unlemmatised."""
    out = set()
    for w in verbs:
        out |= {w + "ing", w[:-1] + "ing", w + w[-1] + "ing"}
    return frozenset(out)


def _between(tok: Token, top: Token) -> list[Token]:
    """The tokens on the path from `tok` up to its ancestor `top`, `top` excluded."""
    out, t = [], tok
    while t.i != top.i and t.head.i != t.i:
        out.append(t)
        t = t.head
    return out
