"""ACLED's type decision for one event mention, in the codebook's order
(../shared/spec/acled-types.md §1): non-violent developments keep their type; around
demonstrators, violence is Protests or Riots; a weapon the target cannot answer makes
Explosions/Remote violence; two organised armed sides make a battle; an armed side against
unarmed people is Violence against civilians.

A trigger word alone cannot decide this ("attack", "killed", "struck" say only that violence
happened), so the decision reads the clause around the trigger: its weapon words, its
victims and targets, and the sides the roles found. The cue words are data
(knowledge/data/event_typing.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from eventdesk import knowledge
from eventdesk.knowledge.loader import load_all

VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
EXPLOSIONS = "Explosions/Remote violence"
# clause boundaries: a trigger's weapon or victim is not read across them
CLAUSE_DEPS = {"ccomp", "advcl", "conj", "relcl", "parataxis"}
VICTIM_DEPS = {"dobj", "nsubjpass"}
PRONOUNS = {"they", "them", "he", "him", "she", "her", "we", "us"}


@dataclass(frozen=True)
class TypingCues:
    generic: frozenset
    two_sided: frozenset
    weapons: tuple  # ((sub_event_type, words), ...) strongest first
    protest: frozenset
    intervention: frozenset
    mob: frozenset
    crowd: frozenset
    riot: frozenset
    excessive: frozenset
    armed: frozenset
    unarmed: frozenset
    nonviolent: frozenset
    violent_despite: frozenset
    aggregate: frozenset
    demonstrators: frozenset
    mob_actors: frozenset
    frames: frozenset
    abstract: frozenset
    deadly: frozenset
    harm: frozenset
    riot_weapons: frozenset
    state_materiel: frozenset
    conflict_nouns: frozenset
    attack_roles: frozenset
    direct_fire: frozenset
    crowd_subjects: frozenset
    firearms: frozenset
    victim_subjects: frozenset
    state_modifiers: dict  # "military" -> "military", "police" -> "police" (registry kinds)


def _list(key: str) -> frozenset:
    out: set[str] = set()
    for _, content in load_all("event_typing.yaml"):
        out.update(str(w).lower() for w in (content or {}).get(key, []) or [])
    return frozenset(out)


def _check_weapon(entry: dict, path) -> None:
    if not entry.get("sub_event_type") or not isinstance(entry.get("words"), list):
        raise ValueError("a weapon family needs 'sub_event_type' and a 'words' list")


@lru_cache(maxsize=1)
def typing_cues() -> TypingCues:
    """The cue lists, loaded once per process."""
    weapons = tuple((e["sub_event_type"], frozenset(str(w).lower() for w in e["words"]))
                    for e in knowledge.load("event_typing.yaml", "weapons", _check_weapon))
    return TypingCues(
        generic=_list("generic_triggers"), two_sided=_list("two_sided_triggers"), weapons=weapons, protest=_list("protest_words"),
        intervention=_list("intervention_words"), mob=_list("mob_words"), crowd=_list("crowd_words"), riot=_list("riot_words"),
        excessive=_list("excessive_force_words"), armed=_list("armed_targets"),
        unarmed=_list("unarmed_victims"), nonviolent=_list("nonviolent_transfer"),
        violent_despite=_list("violent_despite"), aggregate=_list("aggregate_cues"),
        demonstrators=_list("demonstrator_words"), mob_actors=_list("mob_actors"), frames=_list("frame_nouns"),
        abstract=_list("abstract_targets"), deadly=_list("deadly_words"), harm=_list("harm_words"),
        riot_weapons=_list("riot_weapons"), state_materiel=_list("state_materiel"),
        conflict_nouns=_list("conflict_nouns"), attack_roles=_list("attack_roles"),
        direct_fire=_list("direct_fire_weapons"), crowd_subjects=_list("crowd_subjects"),
        firearms=_list("firearm_words"), victim_subjects=_list("victim_subjects"),
        state_modifiers={str(w).lower(): kind for _, content in load_all("event_typing.yaml")
                         for kind, words in ((content or {}).get("state_force_modifiers") or {}).items()
                         for w in words or []})


def _keys(tokens) -> set[str]:
    """Lower-case forms, lemmas and two- and three-word phrases of a token run."""
    toks = sorted(tokens, key=lambda t: t.i)
    out = {t.lower_ for t in toks} | {t.lemma_.lower() for t in toks}
    for n in (2, 3):
        for k in range(len(toks) - n + 1):
            run = toks[k:k + n]
            if run[-1].i - run[0].i == n - 1:
                out.add(" ".join(t.lower_ for t in run))
    return out


def clause_of(tok: Token) -> list[Token]:
    """The tokens of a trigger's own clause: its subtree without nested clauses, and for a
    noun its governing verb with that verb's subject ("suicide bombers struck ...",
    "killed in an attack by rebels")."""
    out = _subtree(tok)
    head = tok
    while head.dep_ in ("pobj", "prep", "dobj", "nsubj", "nsubjpass", "compound", "amod", "appos", "agent") \
            and head.head.i != head.i:
        head = head.head
    if head.i != tok.i:
        out += [t for t in _subtree(head) if t not in out]
    # "the Air Task Force has destroyed and killed ...", "dispatched fighter jets to attack":
    # a coordinated verb shares its first verb's subject; a purpose verb its governor's
    # subject and objects
    if head.pos_ in ("VERB", "AUX") and (head.dep_ == "conj" or (head.dep_ in ("xcomp", "advcl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in head.children))):
        gov = head.head
        for c in gov.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj", "agent"):
                out += [t for t in _subtree(c) if t not in out]
    return out


def _subtree(tok: Token) -> list[Token]:
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in CLAUSE_DEPS)
    return out


def weapon_of(tokens: list[Token], cues: TypingCues) -> str | None:
    """The Explosions/Remote violence sub-type that the clause's weapon words name, if any
    (the words of a direct-fire weapon's name, "rocket-propelled grenades", name none)."""
    masked = direct_fire_tokens(tokens, cues)
    keys = _keys([t for t in tokens if t.i not in masked])
    for sub, words in cues.weapons:
        if keys & words:
            return sub
    return None


def direct_fire_tokens(tokens: list[Token], cues: TypingCues) -> set[int]:
    """Indices of the tokens that spell a direct-fire weapon's name."""
    firsts = _first_words(cues.direct_fire)
    out: set[int] = set()
    for t in tokens:
        if t.lower_ not in firsts:  # most clauses name none: one set lookup per token
            continue
        for n in (1, 2, 3, 4):
            span = t.doc[t.i:t.i + n]
            if span.text.lower() in cues.direct_fire or " ".join(w.lower_ for w in span) in cues.direct_fire:
                out.update(range(t.i, t.i + n))
    return out


@lru_cache(maxsize=4)
def _first_words(phrases: frozenset) -> frozenset:
    """The first token of each phrase as the tokenizer splits it ("rocket" of "rocket-propelled")."""
    return frozenset(re.split(r"[\s-]", p)[0] for p in phrases)


def victims(tokens: list[Token], death_tokens: list[Token]) -> list[Token]:
    """Who was acted upon: objects and passive subjects of the trigger and death verbs, the
    'on'/'against' object of an attack noun, a dead subject ('16 fighters dead'); a pronoun
    stands for its sentence's first subject."""
    out: list[Token] = []
    for t in [*tokens, *death_tokens]:
        for c in t.children:
            if c.dep_ in VICTIM_DEPS:
                out.append(c)
            elif c.dep_ == "prep" and (c.lower_ in ("on", "against", "including", "among") or (
                    c.lower_ in ("at", "into") and t.pos_ in ("NOUN", "VERB") and t.lemma_.lower() != "fire")):
                # "an ambush on a convoy", "killed in an ambush ..., including 17 soldiers",
                # "an attack at a concert hall", "burst into a hotel"
                out += [g for g in c.children if g.dep_ == "pobj"]
            elif c.dep_ in ("compound", "amod") and t.pos_ == "NOUN" and not (
                    c.dep_ == "amod" and c.lemma_.lower() in typing_cues().armed):
                out.append(c)  # "the nightclub attack", "a mosque bombing"; "a terrorist attack" names who attacked
        if t.lemma_.lower() in ("dead", "die") or (t.dep_ == "acl" and t.head.pos_ == "NOUN"):
            out += [c for c in t.children if c.dep_ == "nsubj"] + ([t.head] if t.dep_ == "acl" else [])
        if t.lemma_.lower() == "dead" and t.head.lemma_.lower() == "leave":
            out += [c for c in t.head.children if c.dep_ == "dobj"]  # "left 60 people dead"
        if t.pos_ == "VERB" and not any(c.dep_ in VICTIM_DEPS for c in t.children):
            # "killed 11 people gathering truffles": the small model makes the object the
            # subject of the participle that describes it
            out += [g for c in t.children if c.dep_ in ("advcl", "ccomp", "xcomp") and c.tag_ == "VBG"
                    for g in c.children if g.dep_ == "nsubj" and g.i < c.i]
    expanded: list[Token] = []
    for v in out:
        if v.lower_ in PRONOUNS:
            first = next((s for s in v.sent if s.dep_ in ("nsubj", "nsubjpass") and s.lower_ not in PRONOUNS), None)
            v = first or v
        expanded += [v, *[c for c in v.conjuncts]]
        # "80 people were killed, including 17 soldiers": who was among them counts too
        expanded += [g for c in v.children if c.dep_ == "prep" and c.lower_ in ("including", "among")
                     for g in c.children if g.dep_ == "pobj"]
    return expanded


def victim_kind(vs: list[Token], cues: TypingCues) -> tuple[bool, bool]:
    """(armed, unarmed): whether the victims include people or places that fire back."""
    armed = unarmed = False
    for v in vs:
        if v.ent_type_ in ("DATE", "TIME"):
            continue  # "killed ... on Saturday"
        # "a convoy of traders", "a bus of pilgrims", "a camp for displaced people": who was
        # in it, not the vehicle or the camp
        inside = [g for c in v.children if c.dep_ == "prep" and c.lower_ in ("of", "for") for g in c.children
                  if g.dep_ == "pobj"]
        # "a bus carrying pilgrims", "a convoy of vehicles carrying people": who was carried
        inside += [g for n in (v, *inside) for c in n.children if c.dep_ == "acl" and c.tag_ == "VBG"
                   for g in c.children if g.dep_ == "dobj"]
        v = next((g for g in inside if _keys([g]) & cues.unarmed or _people(g)), v)
        if v.lower_ in ("others", "more"):
            v = _antecedent(v, cues) or v  # "captured 20 fighters and killed seven others"
        # "raided the house where the terrorist was hiding": who was in it decides
        occupants = [g for c in v.children if c.dep_ == "relcl" for g in c.children
                     if g.dep_ in ("nsubj", "nsubjpass") and g.pos_ in ("NOUN", "PROPN")]
        if occupants and _keys(occupants) & cues.armed:
            armed = True
            continue
        words = _keys([v, *[c for c in v.children if c.dep_ in ("compound", "amod")]])
        if words & cues.armed:
            armed = True
        elif words & cues.unarmed or _people(v):
            unarmed = True
    return armed, unarmed


def _antecedent(v: Token, cues: TypingCues) -> Token | None:
    """The people "others" stands for: the nearest plural before it in its sentence that says
    whether they were armed."""
    before = [t for t in v.sent if t.i < v.i and t.tag_ in ("NNS", "NNPS")]
    return next((t for t in reversed(before) if _keys([t]) & (cues.armed | cues.unarmed)), None)


def only_unarmed(tokens: list[Token], death_tokens: list[Token]) -> bool:
    """The victims told are all unarmed people ("a missile strike killed five people"): ACLED
    names them actor2 of a strike or a bombing, "Civilians (X)"."""
    armed, unarmed = victim_kind(victims(tokens, death_tokens), typing_cues())
    return unarmed and not armed


def _people(v: Token) -> bool:
    """A victim told as people, whatever their trade ('12 truffle hunters', 'two Christians',
    a named person): counted, a person's name or a group of people by origin or faith."""
    if v.ent_type_ in ("PERSON", "NORP") or v.lower_ == "people":
        return True  # "people" bare: the word news uses for those who are no fighters
    return v.tag_ in ("NNS", "NNPS") and any(
        (c.dep_ == "nummod" and c.ent_type_ not in ("DATE", "TIME")) or c.lower_ in ("dozens", "scores", "hundreds")
        for c in v.children)


def protest_setting(sent: Span, cues: TypingCues) -> bool:
    """The sentence is about people gathered to protest ('March' the month does not count)."""
    return any((t.lower_ in cues.protest or t.lemma_.lower() in cues.protest)
               and not (t.lower_ == "march" and t.text[0].isupper() and t.i > t.sent.start)
               for t in sent)


def _subject_of(main: Token) -> list[Token]:
    """Who does it: the trigger's subject, or for a noun trigger its verb's subject."""
    head = main.head if main.pos_ == "NOUN" and main.dep_ in ("dobj", "pobj") else main
    head = head.head if head.dep_ == "prep" else head
    return [t for c in head.children if c.dep_ in ("nsubj", "agent") for t in c.subtree]


def _blast_on_crowd(clause: list[Token], sent_keys: set[str], cues: TypingCues) -> bool:
    """A suicide bomber, a bomb, a strike or shells in the trigger's clause at a gathering
    ('a suicide attack at a party rally'): codebook §1 step 5 holds whatever the target, and a
    crowd sets off no such weapon. Stun grenades and tear gas are police intervention, petrol
    bombs the crowd's own (riot_weapons)."""
    weapon = weapon_of(clause, cues)
    return weapon is not None and weapon != "Grenade" and not sent_keys & cues.intervention \
        and not _keys(clause) & cues.riot_weapons


def decide(event_type: str, sub: str, main: Token, tokens: list[Token], sent: Span,
           death_tokens: list[Token], armed_foe: bool, alone: bool = False) -> tuple[str, str, bool]:
    """(event_type, sub_event_type, generic): the mention's type after the codebook's cascade;
    `armed_foe` says the roles found an organised armed actor2; `alone` that the sentence
    tells no other occurrence (its weapon words are this one's). `generic` is True when the
    type rests on a generic trigger with nothing in the clause to confirm it (a later
    mention of the same event may tell more)."""
    cues = typing_cues()
    lemma = main.lemma_.lower()
    generic = lemma in cues.generic or main.lower_ in cues.generic
    sent_keys = _keys(list(sent))
    protest = protest_setting(sent, cues)
    # 3 before 2: arrests at a rally are a protest met with force, property burnt by
    # demonstrators a riot (codebook: Protest with intervention; Violent demonstration)
    if protest and sub == "Arrests":
        return "Protests", "Protest with intervention", False
    if protest and sub == "Looting/property destruction":
        return "Riots", "Violent demonstration", False
    if event_type not in VIOLENT and event_type not in ("Protests", "Riots"):
        return event_type, sub, False
    clause = [t for tok in tokens for t in clause_of(tok)]
    if protest and _blast_on_crowd(clause, sent_keys, cues):
        protest = False  # a bomb at a rally: the gathering is the target, not a demonstration event
    # 3. demonstrators: violence around them is a protest met with force, or a riot
    if protest and (event_type in ("Protests", "Riots") or generic or sub in ("Armed clash", "Grenade", "Attack")):
        violent = bool(sent_keys & (cues.riot | cues.mob)) or event_type != "Protests" or any(
            t.lemma_.lower() in cues.harm for t in sent)
        if sent_keys & cues.excessive and any(t.lemma_.lower() in cues.deadly for t in sent):
            return "Protests", "Excessive force against protesters", False
        if sent_keys & cues.intervention:
            return "Protests", "Protest with intervention", False
        if violent and sent_keys & cues.crowd and not sent_keys & cues.demonstrators:
            return "Riots", "Mob violence", False  # rival camps fighting each other
        subject = _keys(_subject_of(main))
        if violent and subject & cues.crowd and not subject & cues.demonstrators:
            return "Riots", "Mob violence", False  # another crowd fell on the demonstrators
        if violent and (sent_keys & (cues.riot | cues.mob) or event_type == "Riots"):
            return "Riots", sub if event_type == "Riots" else "Violent demonstration", False
        if violent and sent_keys & cues.crowd:
            return "Riots", "Mob violence", False
        return "Protests", sub if event_type == "Protests" else "Peaceful protest", False
    if event_type in ("Protests", "Riots"):
        return event_type, sub, False
    clause_keys = _keys(clause)
    if event_type in ("Battles", "Violence against civilians") and sub in ("Armed clash", "Attack") and (
            clause_keys & cues.mob_actors or _crowd_with_crude_weapons(main, clause_keys, cues)
            or (clause_keys & cues.mob and not armed_foe
                                                  and not clause_keys & cues.armed)):
        return "Riots", "Mob violence", False  # a lynch mob; rival crowds with sticks and stones
    # 5. a weapon the target cannot answer
    if generic or event_type == EXPLOSIONS:
        weapon = weapon_of(clause, cues) or (weapon_of(list(sent), cues) if alone else None)
        if weapon is not None:
            if event_type != EXPLOSIONS or sub in ("Remote explosive/landmine/IED",) or \
                    weapon == "Suicide bomb":
                return EXPLOSIONS, weapon, False
            return event_type, sub, False
        if event_type == EXPLOSIONS:
            return event_type, sub, False
    # 4 and 6: two armed sides, or an armed side against unarmed people
    if generic and event_type == "Violence against civilians" and sub == "Attack":
        armed, _ = victim_kind(victims(tokens, death_tokens), cues)
        if armed or armed_foe:  # "assassinated an officer of the militia": a fight of two armed sides
            return "Battles", "Armed clash", False
        return event_type, sub, False
    if event_type == "Battles" and sub == "Armed clash" and generic and lemma not in cues.two_sided:
        armed, unarmed = victim_kind(victims(tokens, death_tokens), cues)
        if armed or armed_foe:
            return event_type, sub, False
        if unarmed:
            return "Violence against civilians", "Attack", False
        return event_type, sub, True
    return event_type, sub, False


def _crowd_with_crude_weapons(main: Token, clause_keys: set[str], cues: TypingCues) -> bool:
    """"Youths armed with sticks attacked a police station": a crowd with sticks and stones is
    rioting, whoever it falls on, as long as no firearm is told (armed youths with guns are a
    militia)."""
    return bool(_keys(_subject_of(main)) & cues.crowd_subjects and clause_keys & cues.mob
                and not clause_keys & cues.firearms)


def nonviolent_transfer(sent: Span) -> bool:
    """A capture told with no fight ('entered ... without resistance', 'abandoned without any
    resistance'): Strategic developments / Non-violent transfer of territory."""
    cues = typing_cues()
    keys = _keys(list(sent))
    return bool(keys & cues.nonviolent) and not keys & cues.violent_despite
