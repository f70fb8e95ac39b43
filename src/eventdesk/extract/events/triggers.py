"""Find event triggers in a sentence and group the linked ones into event mentions.

Rules:
1. A token is a trigger when its lemma (or lower-cased text) and POS match a lexicon entry
   and the entry's condition holds (a place object, a person object, a context word).
2. Triggers linked by the dependency parse are one event: a weak trigger ("killed",
   "launched", "claimed responsibility for") and the strong one it governs or that governs
   it ("killed in a suicide car-bombing"), and a purpose infinitive under a trigger ("an
   offensive to drive the group from Rawa"). Coordinated or adverbial triggers ("recaptured
   X and launched an offensive", "captured villages while launching attacks") stay apart.
3. The type is the linked strong trigger of highest priority, refined by its modifiers
   ("suicide" attack -> Suicide bomb, "air" strikes -> Air/drone strike).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from eventdesk.extract.events import acled_type
from eventdesk.extract.events.lexicon import CLAIM_ROLES, EventLexicon, Trigger

# Dependency labels through which two triggers describe the same occurrence.
LINK_DEPS = {"prep", "pobj", "dobj", "nsubj", "nsubjpass", "relcl", "acl", "agent", "compound",
             "amod", "poss", "attr", "oprd", "npadvmod", "pcomp", "xcomp", "appos"}
OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd"}
OBJECT_PREPS = {"of", "from", "over"}
PERSON_PRONOUNS = {"he", "him", "she", "her", "they", "them"}
MAX_LINK = 3  # tree hops; set by reading the seed sentences: "claimed ... for an attack ... that killed"


@dataclass
class Mention:
    """One event mention: linked trigger tokens of one sentence and their combined reading."""

    anchor: Token  # the head-most strong trigger (or the weak one when alone)
    tokens: list[Token]
    triggers: list[Trigger]
    event_type: str
    sub_event_type: str
    claim_tokens: list[Token] = field(default_factory=list)
    absorbed_blast: bool = False  # a blast set off during this battle was folded into it

    @property
    def weak_only(self) -> bool:
        return all(t.weak for t in self.triggers)


def _objects(tok: Token) -> list[Token]:
    out = [c for c in tok.children if c.dep_ in OBJECT_DEPS]
    # "declared itself a caliphate": the small model parses the small clause as a nominal ccomp
    out += [c for c in tok.children if c.dep_ == "ccomp" and c.pos_ in ("NOUN", "PROPN")]
    for prep in tok.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in OBJECT_PREPS:
            out += [c for c in prep.children if c.dep_ == "pobj"]
    clause = tok.head if tok.dep_ == "xcomp" and tok.head.dep_ == "relcl" else tok
    if clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN") and not any(
            c.dep_ == "dobj" for c in tok.children):
        # "the last town held by ..."; "the prison seized by ..."; "the first city ISIL had
        # managed to capture"
        out.append(clause.head)
    return out


def _near(tok: Token, depth: int = 2) -> list[Token]:
    out, frontier = [], [tok]
    for _ in range(depth):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ in ("conj", "ccomp", "advcl", "relcl", "cc", "punct"):
                    continue
                out.append(c)
                nxt.append(c)
        frontier = nxt
    return out


def _has_place(tok: Token, place_tokens: set[int], lex: EventLexicon) -> bool:
    for t in tok.subtree:
        if t.i in place_tokens or t.lemma_.lower() in lex.territory_words or t.lower_ in lex.territory_words:
            return True
    return False


def _materiel(obj: Token) -> bool:
    """An object that is weapons or vehicles ("seized a huge arsenal of weapons", "captured
    three tanks"): what was taken is materiel, not ground, whatever place its phrase names."""
    spans = obj.doc.spans.get("materiel", [])
    heads = [obj, *(g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj")]
    return any(s.start <= h.i < s.end for h in heads for s in spans)


def _subject_words(tok: Token) -> set[str]:
    """Words of the subject of `tok`, or for a participle without one ("drones hummed over
    the town before destroying ...", "jets pounded the area, killing ..."), of the verb it
    hangs from (up to three steps up)."""
    for _ in range(4):
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return {t.lemma_.lower() for s in subjects for t in s.subtree} | {
                t.lower_ for s in subjects for t in s.subtree}
        if tok.head is tok or tok.dep_ not in ("pcomp", "prep", "advcl", "xcomp", "conj"):
            return set()
        tok = tok.head
    return set()


def _condition(tok: Token, trig: Trigger, lex: EventLexicon, place_tokens: set[int]) -> bool:
    if trig.tail:
        tail = trig.tail
        if not any(c.lower_ == tail or c.lemma_.lower() == tail for c in tok.children):
            return False
    if trig.requires is None:
        return True
    if trig.requires == "dated":  # outcome nouns told as background: "its defeat at Baghuz in March 2019"
        return any(t.ent_type_ == "DATE" for t in tok.subtree)
    if trig.requires == "weapon_subject":  # "drones ... before destroying several buildings"
        return bool(_subject_words(tok) & trig.context)
    objs = _objects(tok)
    if trig.requires == "place_subject":  # "Sheberghan fell on Saturday": the place is the subject
        return any(c.dep_ == "nsubj" and _has_place(c, place_tokens, lex) and c.ent_type_ != "PERSON"
                   for c in tok.children)
    if trig.requires == "place_object":
        if any(o.lemma_.lower() == "place" and o.dep_ == "dobj" for o in objs):
            return False  # "have taken place in Iraq"
        if any(o.dep_ in ("dobj", "nsubjpass") and (o.ent_type_ == "PERSON" or o.lower_ in PERSON_PRONOUNS)
               for o in objs):
            return False  # "Woodke was taken from his home": a person taken, not ground
        return any(_has_place(o, place_tokens, lex) and o.ent_type_ != "PERSON" and not _materiel(o)
                   for o in objs)
    if trig.requires == "person_object":
        return any(o.ent_type_ == "PERSON" or (o.pos_ == "PROPN" and o.i not in place_tokens
                                                and o.ent_type_ not in ("GPE", "LOC", "ORG", "NORP"))
                   for o in objs)
    near = _near(tok) + (_near(tok.head, 1) if tok.dep_ == "acomp" else [])  # "were triumphant in Aleppo"
    near += [c for c in tok.children if c.dep_ == "relcl"]  # "a ceasefire that began on 27 February"
    # a rocket-propelled grenade is no rocket fire (acled_type.direct_fire_tokens)
    shown = [*near, *(t for o in objs for t in o.subtree)]
    masked = acled_type.direct_fire_tokens(shown, acled_type.typing_cues())
    words = {t.lower_ for t in near if t.i not in masked} | {t.lemma_.lower() for t in near if t.i not in masked}
    for o in objs:
        words |= {t.lower_ for t in o.subtree if t.i not in masked}
    if trig.requires == "not_context":  # "a hunger strike", "struck a deal": not violence
        if tok.dep_ in ("pobj", "dobj", "attr"):  # "doctors went on strike": the governing clause
            gov = tok.head.head if tok.dep_ == "pobj" else tok.head
            words |= {t.lower_ for c in gov.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        return not words & trig.context
    return bool(words & trig.context)


def _match(tok: Token, lex: EventLexicon, place_tokens: set[int]) -> Trigger | None:
    pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN" if tok.pos_ in ("NOUN", "PROPN") else tok.pos_
    if tok.tag_ == "VBG" and pos == "VERB":
        candidates = ("VERB", "NOUN")  # "the fighting", "launching attacks" both count
    elif pos == "NOUN" and {c.dep_ for c in tok.children} >= {"nsubj", "dobj"}:
        candidates = ("VERB", "NOUN")  # a verb the small model mistags ("The army retook Qaim")
    else:
        candidates = (pos,)
    keys = {tok.lemma_.lower(), tok.lower_}
    best = None
    for key in keys:
        for trig in lex.triggers.get(key, []):
            if not set(candidates) & trig.pos or not _condition(tok, trig, lex, place_tokens):
                continue
            if best is None or (bool(trig.tail), trig.priority) > (bool(best.tail), best.priority):
                best = trig
    return best


def _path(a: Token, b: Token) -> int | None:
    """Tree hops from a up to its ancestor b through linking labels (None if not linked)."""
    hops, t = 0, a
    while t.i != b.i:
        if t.dep_ not in LINK_DEPS and not _purpose(t) or t.head.i == t.i:
            return None
        t, hops = t.head, hops + 1
        if hops > MAX_LINK:
            return None
    return hops


def _purpose(tok: Token) -> bool:
    return tok.dep_ in ("advcl", "acl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _refine(mention: Mention, lex: EventLexicon) -> None:
    if mention.event_type not in ("Battles", "Explosions/Remote violence") or mention.sub_event_type not in (
            "Armed clash", "Remote explosive/landmine/IED", "Air/drone strike"):
        return
    words: set[str] = set()
    masked = acled_type.direct_fire_tokens([t for tok in mention.tokens for t in tok.subtree], acled_type.typing_cues())
    for tok in mention.tokens:
        words |= {tok.lower_, tok.lemma_.lower()}
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "nmod", "npadvmod"):
                words |= {t.lower_ for t in c.subtree if t.i not in masked}
            if c.dep_ in ("dobj",) or (c.dep_ == "prep" and c.lower_ in ("in", "by", "with")):
                for t in c.subtree:
                    if any(a.lemma_.lower() in lex.backing_cues and a.i != tok.i for a in t.ancestors
                           if a.i in range(c.i, c.right_edge.i + 1)):
                        continue  # "battled ... with the help of fighter jets": backing, not the weapon
                    if t.dep_ in ("amod", "compound", "pobj", "dobj") and t.i not in masked:
                        words.add(t.lower_)
    for ref in lex.refiners:
        if words & ref.cues:
            if ref.sub_event_type == "Air/drone strike" and mention.sub_event_type == "Remote explosive/landmine/IED":
                continue
            if ref.sub_event_type == "Remote explosive/landmine/IED" and mention.sub_event_type == "Air/drone strike":
                continue  # "the military bombed a village": bombs dropped from the air
            mention.event_type, mention.sub_event_type = ref.event_type, ref.sub_event_type
            return


def _own_clause(tokens: list[Token]) -> bool:
    """The group's top verb is a coordinated clause that names who acted ("..., and Israeli
    jets struck targets"): another occurrence, not the outcome of the first."""
    top = min(tokens, key=lambda t: len(list(t.ancestors)))
    return top.pos_ == "VERB" and top.dep_ == "conj" and any(
        c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in top.children)


def _join_weak(groups: dict[int, list[int]], found: list[tuple[Token, Trigger]]) -> dict[int, list[int]]:
    """A group of weak triggers only ("killed", "targeted", "struck") in a sentence that also
    names a strong trigger tells the outcome of that event ("seven people were killed when a
    suicide blast tore through a mosque"): it joins the nearest strong group, whatever the
    parse links. A claim of responsibility keeps its own group (it credits an event)."""
    strong = [k for k, members in groups.items() if any(not found[i][1].weak for i in members)]
    if not strong:
        # only weak words ("Suicide bombers struck a mosque, killing four"): one occurrence
        plain = [k for k, members in groups.items() if not any(found[i][1].role in CLAIM_ROLES for i in members)]
        # ... unless a clause has its own subject: "Hezbollah fired rockets ..., and Israeli
        # jets struck targets in response" tells two occurrences
        own = [k for k in plain if _own_clause([found[i][0] for i in groups[k]])]
        if len(own) >= 2:
            plain = [k for k in plain if k not in own[1:]]
        if len(plain) < 2:
            return groups
        out = {k: list(v) for k, v in groups.items() if k not in plain}
        out[plain[0]] = [i for k in plain for i in groups[k]]
        return out
    out = {k: list(v) for k, v in groups.items() if k in strong}
    for k, members in groups.items():
        if k in strong:
            continue
        if any(found[i][1].role in CLAIM_ROLES for i in members) or _own_clause([found[i][0] for i in members]):
            out[k] = list(members)
            continue
        at = found[members[0]][0].i
        nearest = min(strong, key=lambda s: min(abs(found[i][0].i - at) for i in groups[s]))
        out[nearest] += members
    return out


def _inside(battle: Token, blast: Token) -> bool:
    """`battle` is the occasion `blast` happened in: "during a raid", "in an assault"."""
    return battle.pos_ == "NOUN" and battle.dep_ == "pobj" and battle.head.lower_ in ("during", "in", "amid") \
        and battle.head.head.i == blast.i


def _fought(member: tuple[Token, Trigger], group: list[Token]) -> bool:
    """A member of an arrest's group telling a fight on the same occasion: a two-sided word
    ("gunfight", "clashes") or a killing of armed men coordinated with the arrest ("killed five
    militants and arrested ..."), not one inside a clause about the suspects ("suspected of
    killing two soldiers")."""
    tok, trig = member
    if trig.event_type != "Battles" or any(a.dep_ in ("relcl", "acl", "pcomp") and a.i not in
                                           {t.i for t in group} for a in tok.ancestors if a.sent == tok.sent):
        return False
    cues = acled_type.typing_cues()
    if tok.lemma_.lower() in cues.two_sided:
        return True
    armed, _ = acled_type.victim_kind(acled_type.victims([tok], []), cues)
    return armed and (tok.dep_ == "conj" or any(c.dep_ == "conj" and c in group for c in tok.children))


def find_mentions(sent: Span, lex: EventLexicon, place_tokens: set[int]) -> list[Mention]:
    """Event mentions of one sentence (before modality and role checks)."""
    found: list[tuple[Token, Trigger]] = []
    for tok in sent:
        if not tok.whitespace_ and tok.i + 2 < sent.end and tok.nbor(1).text == "-" and tok.nbor(2).is_alpha:
            continue  # "battle-tested fighters", "war-torn": the first part of a hyphenated modifier
        if tok.tag_ == "VBN" and tok.dep_ == "amod":
            continue  # "detained militants", "wounded soldiers": a participle telling a state
        trig = _match(tok, lex, place_tokens)
        if trig is not None:
            found.append((tok, trig))
    # union-find over linked triggers
    parent = list(range(len(found)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, (a, ta) in enumerate(found):
        for j, (b, tb) in enumerate(found):
            if i == j or not (ta.weak or tb.weak or _purpose(a) or a.dep_ in ("compound", "amod")):
                continue
            if _own_clause([a]):
                continue  # "..., and Israeli jets struck targets": a clause of its own
            if b in a.ancestors and _path(a, b) is not None:
                parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(found)):
        groups.setdefault(root(i), []).append(i)
    groups = _join_weak(groups, found)
    mentions = []
    for members in groups.values():
        toks = [found[i][0] for i in members]
        trigs = [found[i][1] for i in members]
        strong = [(found[i][1].priority, -found[i][0].i, i) for i in members if not found[i][1].weak]
        # "battled to take back the prison": the fight happened, the outcome it aimed at is untold
        told = [s for s in strong if not (_purpose(found[s[2]][0]) and found[s[2]][0].head.lemma_.lower()
                                          in lex.cue("unrealised_verb"))]
        strong = told or strong
        pick = max(strong)[2] if strong else members[0]
        if found[pick][1].sub_event_type == "Looting/property destruction":
            # codebook: property destroyed "with no one hurt"; "set fire to houses and shot
            # people" is the shooting's event, the burning part of it
            hurt = [(found[i][1].priority, -found[i][0].i, i) for i in members
                    if found[i][1].event_type in acled_type.VIOLENT]
            pick = max(hurt)[2] if hurt else pick
        typed = pick
        if found[pick][1].sub_event_type == "Arrests":
            # codebook: a raid "told only with its arrests" is Arrests; one with fighting ("killed
            # five militants and arrested 12 others", "after a gunfight") is the battle, whose
            # sides the arrest's verb still names when the fight is a noun
            fight = [(found[i][1].priority, -found[i][0].i, i) for i in members if _fought(found[i], toks)]
            typed = max(fight)[2] if fight else pick
            if found[typed][0].pos_ == "VERB" or found[pick][0].pos_ != "VERB":
                pick = typed
        anchor_tok = min(toks, key=lambda t: len(list(t.ancestors)))
        m = Mention(anchor=anchor_tok, tokens=toks, triggers=trigs,
                    event_type=found[typed][1].event_type, sub_event_type=found[typed][1].sub_event_type,
                    claim_tokens=[found[i][0] for i in members if found[i][1].role in CLAIM_ROLES])
        m.main = found[pick][0]  # type: ignore[attr-defined]
        _refine(m, lex)
        mentions.append(m)
    return _blasts_inside_battles(mentions)


def _blasts_inside_battles(mentions: list[Mention]) -> list[Mention]:
    """Codebook: an explosion inside a battle is part of it ("detonated a suicide vest during
    a Turkish special forces raid"): the raid is the event; the blast tells no other."""
    out = []
    for m in mentions:
        host = next((b for b in mentions if b is not m and b.event_type == "Battles"
                     and m.sub_event_type in ("Suicide bomb", "Grenade")
                     and _inside(b.main, m.main)), None)  # type: ignore[attr-defined]
        if host is None:
            out.append(m)
        else:
            host.absorbed_blast = True
    return out
