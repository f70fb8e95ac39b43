"""Whether an event mention tells one occasion ACLED codes, or something else told in the
same words: a series or a trend ("numerous bombings"), a conflict's tally ("the war has killed
tens of thousands"), a lead that sums up captures ("overran three provincial capitals"), a
process in the present, a state that lasts ("has besieged the city for months"), or no
occurrence at all (a reward for an arrest, the fight against terrorism, a participle that
describes people). The extractor drops such mentions, and marks a summing lead (see
within_document._drop_summaries). The cue words are acled_type's (event_typing.yaml).
"""

from __future__ import annotations

from spacy.tokens import Token

from eventdesk.extract.events.acled_type import _keys, typing_cues


def aggregate(main: Token, tokens: list[Token]) -> bool:
    """A plural occurrence noun told as a series or a trend ('increased attacks', 'numerous
    bombings', 'a spate of kidnappings'): no single occasion."""
    if main.tag_ != "NNS":
        return False
    cues = typing_cues()
    around = [c for c in main.children if c.dep_ in ("amod", "compound", "nummod", "det", "advmod")]
    around += [main.head] if main.dep_ == "pobj" and main.head.lower_ == "of" else []
    around += [g for g in (main.head.head,) if main.dep_ == "pobj" and main.head.lower_ == "of"]
    around += [main.head] if main.dep_ in ("dobj", "nsubj", "nsubjpass") else []
    return bool(_keys(around) & cues.aggregate)


def conflict_tally(main: Token) -> bool:
    """'The war ... has killed tens of thousands', 'the insurgency killed thousands': the
    subject of the violent verb is a whole conflict (event_typing.yaml conflict_nouns)."""
    verb = main if main.pos_ in ("VERB", "AUX") else main.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "conj" and not subjects:  # "broke out in 2023 and has killed ...": the first verb's
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    nouns = typing_cues().conflict_nouns
    return any(s.lemma_.lower() in nouns or " ".join(t.lower_ for t in s.subtree if t.dep_ in ("amod", "compound")
                                                     or t.i == s.i) in nouns for s in subjects)


def counted_summary(main: Token) -> bool:
    """'overran three provincial capitals', 'Twenty-three towns ... have been captured': a
    count of places taken with none of them named is the lead that sums up the captures
    (ACLED codes one event per place), not an event of its own."""
    objs = [c for c in main.children if c.dep_ in ("dobj", "nsubjpass")]
    for o in objs:
        if o.tag_ != "NNS" or o.ent_type_ in ("GPE", "LOC", "FAC"):
            continue
        counted = any((c.dep_ == "nummod" and c.lower_ not in ("one", "1")) or c.lower_ in ("several", "dozens", "scores")
                      for c in o.children)
        named = any(t.ent_type_ in ("GPE", "LOC", "FAC") for c in o.children if c.dep_ in ("appos", "conj")
                    for t in c.subtree)
        if counted and not named:
            return True
    return False


def present_process(main: Token) -> bool:
    """A violent verb in the simple present, active or passive ("the extremists are driven
    out of their strongholds", "the group attacks convoys"): news tells an occasion in the
    past or the perfect; the present tells a process or a habit."""
    if main.pos_ != "VERB":
        return False
    if main.tag_ in ("VBZ", "VBP"):
        return not any(c.dep_ in ("aux", "auxpass") for c in main.children)
    # a word in capitals ("IS") is an acronym the small model may take for the auxiliary
    return main.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ in ("is", "are", "am") and not c.is_upper
                                      for c in main.children) \
        and not any(c.dep_ == "aux" for c in main.children)


def _in_subclause(tok: Token, main: Token) -> bool:
    return any(a.dep_ in ("relcl", "advcl", "ccomp", "acl", "conj") for a in tok.ancestors if main.is_ancestor(a))


def lasting(main: Token) -> bool:
    """A verb in the perfect over a stretch of time ("has besieged the city for months",
    "have been fighting for two weeks", "has taken most of Rakhine since 2023"): a state that
    lasts or a sum, not one occasion."""
    if main.pos_ != "VERB" or not any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in main.children):
        return False
    from eventdesk.understand.dates.lexicon import TemporalLexicon  # loaded once per process

    units = TemporalLexicon.default().unit
    # anywhere in the clause: the parser may hang "for months" on an apposition
    return any(c.dep_ == "prep" and not _in_subclause(c, main) and (c.lower_ == "since" or c.lower_ == "for" and any(
        g.dep_ == "pobj" and g.lower_ in units and (g.tag_ == "NNS" or any(n.dep_ == "nummod" for n in g.children))
        for g in c.children)) for c in main.subtree)


def not_an_occasion(main: Token, tokens: list[Token]) -> str | None:
    """Why a mention tells no single occasion, or None: framed as wanted ('a reward for
    information leading to the arrest'), aimed at an abstraction ('the fight against
    terrorism'), or a participle describing people ('Europeans fighting alongside groups')."""
    cues = typing_cues()
    purpose = False  # the path up passed through "for" ("raising the reward ... for information leading to the arrest")
    for n, a in enumerate(main.ancestors):
        if n > 5:
            break
        if a.pos_ == "NOUN" and a.lemma_.lower() in cues.frames:
            return "framed"
        if purpose and any(c.dep_ == "dobj" and c.lemma_.lower() in cues.frames for c in a.children):
            return "framed"  # the parser hung the purpose on the verb, not on the reward
        purpose = purpose or (a.dep_ == "prep" and a.lower_ == "for")
    for t in tokens:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("against", "on") and any(
                    g.lemma_.lower() in cues.abstract for g in c.children if g.dep_ == "pobj"):
                return "abstract"
    if main.tag_ == "VBG" and main.dep_ == "acl" and main.head.tag_ in ("NNS", "NNPS") \
            and main.head.lemma_.lower() not in cues.generic:
        return "description"
    return None
