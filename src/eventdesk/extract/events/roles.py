"""Who acted and who was acted upon, read off the dependency parse.

Rules:
1. Active verb: actor1 is the subject's actor (a relative clause's subject is its head noun,
   a coordinated or subordinate verb without a subject borrows its head's); actor2 the
   object's actor, else the object of "from"/"against"/"on"/"to" (for "fall to X", X acts).
2. Passive verb: actor1 from the "by" agent, actor2 from the subject.
3. Noun trigger: actor1 from the possessor ("the SDF's liberation"), a "by" phrase, a
   modifier ("US air strikes"), or the subject of the weak verb that launched or carried it
   out; "between X and Y" gives both; actor2 from "against/on/of X".
4. Backing is not acting: actors under "backed by", "with the help of", "supported by",
   "alongside" are skipped.
5. A side that gave way after a fight "with X" ("the militants pulled back after days of
   battle with government forces"): X is actor1, the side that withdrew or fled actor2.
6. A claim of responsibility names actor1 ("IS claimed responsibility for the attack").
7. A subjectless participle whose borrowed subject names no actor ("The fall of Mosul deals a
   blow to ... militants who have regained ground, taking Falluja"): the nearest subject actor
   before it.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventdesk.extract.events.acled_type import typing_cues
from eventdesk.extract.events.context import ActorInfo, Located
from eventdesk.extract.events.lexicon import EventLexicon
from eventdesk.record import Event

ACTOR1_PREPS = {"by"}
ACTOR2_PREPS = {"against", "on", "from", "with", "of", "upon", "targeting"}
SHORT_LEAD = 8  # tokens; a lead-in question or fragment of the seeds/dev is 4-6 tokens long


class ActorIndex:
    """Actor spans of a Doc, by token."""

    def __init__(self, actors: list[Located], lex: EventLexicon) -> None:
        self.by_token: dict[int, Located] = {}
        for a in actors:
            for i in range(a.start, a.end):
                self.by_token[i] = a
        self.lex = lex

    def _backing(self, tok: Token, stop: Token) -> bool:
        t = tok
        while t.i != stop.i and t.head.i != t.i:
            if t.lemma_.lower() in self.lex.backing_cues or t.lower_ in self.lex.backing_cues:
                return True
            if t.lower_.endswith("-backed") or t.lower_.endswith("-led") and t.i != tok.i:
                return True
            t = t.head
        return t.lemma_.lower() in self.lex.backing_cues and t.i != stop.i

    def antecedent(self, pron: Token) -> ActorInfo | None:
        """The actor a subject pronoun ("they", "it") stands for: the nearest subject actor
        before it in the sentence, else in the previous sentence (journalists' usual coreference)."""
        sent = pron.sent
        prev = sent.doc[sent.start - 1].sent if sent.start > 0 else None
        for span in (sent, prev):
            if span is None:
                continue
            for t in reversed([t for t in span if t.i < pron.i]):
                if t.i in self.by_token and any(a.dep_ in ("nsubj", "nsubjpass") for a in [t, *t.ancestors][:3]):
                    return self.by_token[t.i].value
        if prev is not None and len(prev) <= SHORT_LEAD:
            # a short lead-in ("The militants' response? They took ..."): its one actor is the topic
            found = [self.by_token[t.i].value for t in prev if t.i in self.by_token]
            if len({a.name for a in found}) == 1:
                return found[0]
        return None

    def misparsed_subject(self, verb: Token) -> ActorInfo | None:
        """An armed group's abbreviation the parser read as the verb's auxiliary ("IS seized",
        "which IS proclaimed": 'IS' as 'is'): the actor is the subject."""
        for c in verb.children:
            if c.dep_ in ("aux", "auxpass") and c.i < verb.i and c.i in self.by_token:
                return self.by_token[c.i].value
        return None

    def clause_subject(self, verb: Token) -> ActorInfo | None:
        """A subjectless infinitive or adverbial clause ("They took the opportunity ... to
        recapture Palmyra") acts for the subject of its sentence's main verb."""
        root = verb.sent.root
        if root.i == verb.i or not any(a.i == root.i for a in verb.ancestors):
            return None
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
        return self.actor_in(subj) if subj is not None else None

    def participle_subject(self, verb: Token) -> ActorInfo | None:
        """A subjectless participle ("militants who have regained ground, taking Falluja")
        acts for the nearest actor before it that is a subject, a relative clause's included;
        the parser often hangs the participle on the main verb instead."""
        if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "conj", "xcomp") or any(
                c.dep_.startswith("nsubj") for c in verb.children):
            return None
        for t in reversed([t for t in verb.sent if t.i < verb.i and t.i in self.by_token]):
            relative = any(c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.tag_ in ("WP", "WDT")
                                                      for g in c.children) for c in t.children)
            if t.dep_ in ("nsubj", "nsubjpass") or relative:
                return self.by_token[t.i].value
        return None

    def actor_in(self, tok: Token | None) -> ActorInfo | None:
        """The first actor in the phrase headed by `tok`, skipping backers."""
        if tok is None:
            return None
        if tok.pos_ == "PRON" and tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ in ("they", "it", "he"):
            return self.by_token[tok.i].value if tok.i in self.by_token else self.antecedent(tok)
        if tok.i in self.by_token:
            return self.by_token[tok.i].value
        for t in tok.subtree:
            if t.i in self.by_token and not self._backing(t, tok):
                # do not read into a relative or adverbial clause of the phrase
                if any(a.dep_ in ("relcl", "advcl", "ccomp", "acl") and a.i != tok.i and tok in a.ancestors
                       for a in [t, *t.ancestors] if a.i != tok.i and tok.is_ancestor(a)):
                    continue
                return self.by_token[t.i].value
        return None


def _subject(verb: Token) -> Token | None:
    t, hops = verb, 0
    while hops < 4:
        # two subjects on one verb are a misparse ("The announcement, 10 years after ISIS
        # declared ..."): the one nearest the verb is its own
        for c in sorted(t.children, key=lambda c: abs(t.i - c.i)):
            if c.dep_ in ("nsubj", "csubj"):
                if c.tag_ in ("WDT", "WP") and t.dep_ == "relcl":
                    return t.head
                return c
        if t.dep_ == "relcl" and t.head.pos_ in ("NOUN", "PROPN"):
            return t.head
        if t.dep_ in ("conj", "xcomp", "advcl", "acl") and t.head.i != t.i:
            t, hops = t.head, hops + 1
            continue
        return None
    return None


def _shared_noun_sides(noun: Token, named: ActorInfo | None
                       ) -> tuple[ActorInfo, ActorInfo] | None:
    """Sides written as coordinated adjectives on one noun ("Iraqi and Kurdish forces"): each
    adjective with the noun is resolved through the registry, in the order written."""
    adjs = [c for c in noun.children if c.dep_ == "amod"]
    if not adjs or not any(c.dep_ == "conj" for c in adjs[0].children):
        return None
    words = [adjs[0], *[c for c in adjs[0].children if c.dep_ == "conj"]]
    from eventdesk.understand.actors.registry import ActorRegistry  # loaded once per process

    first = ActorRegistry.default().resolve(f"{words[0].text} {noun.text}")
    if first is None or named is None or first.name == named.name:
        return None  # the adjective next to the noun was resolved in context: keep it
    return ActorInfo(first.name, first.inter, first.country, first.id), named


def _between_two(verb: Token, idx: ActorIndex) -> bool:
    """A verb two parties do together: an accord ("sign", "agree") or a fight ("clash")."""
    lemma = verb.lemma_.lower()
    return lemma in typing_cues().two_sided or any(
        t.sub_event_type == "Agreement" for t in idx.lex.triggers.get(lemma, []))


def _state_control(control: Token) -> ActorInfo | None:
    """"under Syrian state control", "under Iraqi government control": the forces of the
    state whose nationality adjective modifies the word, when a government modifier
    (actor_descriptions.yaml government_modifiers) says the control is the state's."""
    from eventdesk.understand.actors.registry import ActorRegistry  # loaded once per process

    registry = ActorRegistry.default()
    if not any(c.lower_ in registry.describer.gov_modifiers for c in control.children):
        return None
    country = next((registry.canonical_country(c.text) for c in control.children
                    if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")), None)
    if country is None:
        return None
    ref = registry.state_actor(country, "military")
    return ActorInfo(ref.name, ref.inter, ref.country, ref.id)


def _prep_objects(tok: Token, preps: set[str]) -> list[Token]:
    return [g for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ in preps
            for g in c.children if g.dep_ == "pobj"]


def _by_agent(verb: Token, idx: "ActorIndex") -> ActorInfo | None:
    """The actor a passive's "by" phrase names."""
    return next((a for a in map(idx.actor_in, _prep_objects(verb, {"by"})) if a is not None), None)


def _operation_agent(main: Token, idx: "ActorIndex") -> ActorInfo | None:
    """"was killed in an operation carried out by Turkey's intelligence agency", "died in a raid
    conducted by US forces": the agent of the operation the passive names is who acted."""
    ops = [verb for op in _prep_objects(main, {"in", "during"}) for verb in op.children
           if verb.dep_ == "acl" and verb.tag_ == "VBN"]
    return next((a for v in ops if (a := _by_agent(v, idx)) is not None), None)


def roles(main: Token, tokens: list[Token], idx: ActorIndex) -> tuple[ActorInfo | None, ActorInfo | None]:
    """(actor1, actor2) of one event mention whose strongest trigger is `main`."""
    a1 = a2 = None
    if main.pos_ in ("VERB", "AUX", "ADJ"):
        misparsed = idx.misparsed_subject(main)
        passive = misparsed is None and any(c.dep_ in ("nsubjpass", "auxpass") for c in main.children)
        if misparsed is not None:
            a1 = misparsed
            objs = [c for c in main.children if c.dep_ in ("dobj", "oprd")]
            a2 = next((idx.actor_in(o) for o in objs if idx.actor_in(o)), None)
        elif passive:
            a1 = _by_agent(main, idx) or _operation_agent(main, idx)
            a2 = idx.actor_in(next((c for c in main.children if c.dep_ == "nsubjpass"), None))
            if a2 is None and main.dep_ == "relcl":
                a2 = None  # "the prison seized by IS": the head is a place, not an actor
        else:
            a1 = idx.actor_in(_subject(main))
            if a1 is None and _subject(main) is None:
                a1 = idx.clause_subject(main)
            if a1 is None:
                a1 = idx.participle_subject(main)
            if a1 is None and main.dep_ == "relcl" and main.head.i in idx.by_token:
                # "the regime forces that both groups oppose also seized X": the small model hangs
                # the main verb on the subject noun as a relative clause; an armed actor as the
                # head noun is who acted when the clause's own subject names none
                a1 = idx.by_token[main.head.i].value
            objs = [c for c in main.children if c.dep_ == "dobj"]
            a2 = next((idx.actor_in(o) for o in objs if idx.actor_in(o)), None)
            if main.lemma_ == "fall":
                a1 = next((idx.actor_in(o) for o in _prep_objects(main, {"to"})), None) or a1
                a2 = None
            ctrl = [o for o in _prep_objects(main, {"under"}) if o.lemma_ == "control"]
            if ctrl:
                # "came under Syrian state control", "fell under the control of the rebels":
                # the side whose control it is acted; the place that changed hands is no actor
                a1, a2 = idx.actor_in(ctrl[0]) or _state_control(ctrl[0]), None
            elif main.lemma_ in idx.lex.loss_words:
                # "government forces abandoned the town", "the army lost Kalo to the rebels": the
                # side that gave the ground up is acted upon; a "to X" names who took it
                a1, a2 = next((idx.actor_in(o) for o in _prep_objects(main, {"to"}) if idx.actor_in(o)), None), a1
        if a2 is None:
            a2 = next((idx.actor_in(o) for o in _prep_objects(main, ACTOR2_PREPS - {"with"})
                       if idx.actor_in(o)), None)
        if a2 is None and a1 is not None and _between_two(main, idx):
            # "Congo's government and the M23 rebels signed ...", "X and Y clashed": the other party
            subject = _subject(main)
            a2 = next((x for c in (subject.conjuncts if subject is not None else ())
                       if (x := idx.actor_in(c)) is not None and x != a1), None)
    else:
        for c in main.children:
            if c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and c.i in idx.by_token):
                a1 = a1 or idx.actor_in(c)
            elif c.dep_ == "amod" and c.lower_ in idx.lex.lead_words and a1 is None:
                # "the US-led invasion": the side that led the action acted ("US-backed"
                # stays support: a backer is not the actor)
                a1 = next((idx.by_token[g.i].value for g in c.children if g.i in idx.by_token), None)
        between = _prep_objects(main, {"between"})
        if between:
            b = between[0]
            a1 = idx.actor_in(b)
            a2 = next((idx.actor_in(c) for c in b.conjuncts if idx.actor_in(c)), None)
            if a2 is None:  # "clashes between Iraqi and Kurdish forces": two sides share a noun
                a1, a2 = _shared_noun_sides(b, a1) or (a1, a2)
        a1 = a1 or next((idx.actor_in(o) for o in _prep_objects(main, {"by"}) if idx.actor_in(o)), None)
        a2 = a2 or next((idx.actor_in(o) for o in _prep_objects(main, {"against", "on", "of", "upon"})
                         if idx.actor_in(o)), None)
        if a1 is None:
            # the verb that carries the noun: "launched an offensive", "carried out attacks"
            head = main.head
            while (head.dep_ == "prep" or head.pos_ == "ADP") and head.head.i != head.i:
                head = head.head
            given = main.dep_ == "pobj" and main.head.lower_ in idx.lex.cue("presupposing_prep")
            if head.pos_ in ("VERB", "AUX") and main.dep_ in ("dobj", "pobj", "attr", "oprd") and not given:
                # ("has not recovered from the siege": the verb's subject did not carry it out)
                a1 = idx.actor_in(_subject(head))
            elif main.dep_ == "nsubj" and head.lemma_.lower() in idx.lex.onset_verbs:
                # "The assault began nine months ago, with Iraqi forces supported by ...": who began it
                a1 = next((idx.actor_in(o) for o in _prep_objects(head, {"with"}) if idx.actor_in(o)), None)
    for t in tokens:  # a weak verb linked to the trigger (killed by X, claimed by X)
        if t.i == main.i:
            continue
        if a1 is None and t.pos_ == "VERB" and not any(c.dep_ == "auxpass" for c in t.children):
            subj = _subject(t)
            if subj is not None and not any(s.i == main.i for s in subj.subtree):
                a1 = idx.actor_in(subj)
        if a2 is None and t.pos_ == "VERB":
            victim = next((c for c in t.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if victim is not None and not any(s.i == main.i for s in victim.subtree):
                a2 = idx.actor_in(victim)
    if (gave_way := _gave_way(main, idx)) is not None:
        a1, a2 = gave_way
    if a1 is not None and a2 is not None and a1.name == a2.name:
        a2 = None
    return a1, a2


def _retreats(verb: Token, lex: EventLexicon) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in lex.retreat_words or any(
        f"{lemma} {c.lower_}" in lex.retreat_words for c in verb.children if c.dep_ in ("prt", "advmod"))


def _gave_way(main: Token, idx: ActorIndex) -> tuple[ActorInfo, ActorInfo] | None:
    """(the side fought with, the side that withdrew) when the fight is the circumstance of a
    retreat: "they pulled back after days of battle with X", "withdrew after fighting with X"."""
    opponent = next((idx.actor_in(o) for o in _prep_objects(main, {"with"}) if idx.actor_in(o)), None)
    if opponent is None:
        return None
    verb = main
    while verb.dep_ in ("pobj", "prep", "pcomp") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ != "VERB" or verb.i == main.i:
        return None
    for v in (verb, *verb.conjuncts):
        side = idx.actor_in(_subject(v)) if _retreats(v, idx.lex) else None
        if side is not None and side.name != opponent.name:
            return opponent, side
    return None


def claimant(tokens: list[Token], idx: ActorIndex) -> ActorInfo | None:
    """The subject of a 'claimed responsibility' verb among `tokens`; the object of a verb
    of blame ("blamed al-Shabaab for the attack", "the attack was blamed on al-Shabaab")."""
    for t in tokens:
        if any(trig.role == "blame" for trig in idx.lex.triggers.get(t.lemma_.lower(), [])):
            accused = [c for c in t.children if c.dep_ == "dobj"] + \
                [g for c in t.children if c.dep_ == "prep" and c.lower_ == "on" for g in c.children if g.dep_ == "pobj"]
            actor = next((a for a in map(idx.actor_in, accused) if a is not None), None)
        else:
            actor = idx.actor_in(_subject(t))
        if actor is not None:
            return actor
    return None


def acled_names(actor1: str | None, actor2: str | None, country: str | None,
                sub_event_type: str) -> tuple[str | None, str | None]:
    """The sides as ACLED names them: unnamed sides and rebels by the country where the event
    happened; a state's own action (anything but an agreement) by its forces, not its government."""
    from eventdesk.understand.actors.registry import ActorRegistry  # loaded once per process

    registry = ActorRegistry.default()
    sides = [registry.where_it_happened(a, country) if a else a for a in (actor1, actor2)]
    if sides[0] and sub_event_type != "Agreement":
        sides[0] = registry.acting_force(sides[0])
    return sides[0], sides[1]


def own_men(tokens: list) -> bool:
    """The trigger's subject is someone's own men: "its fighters", "their troops"."""
    verbs = {v.i: v for t in tokens for v in [t, *t.ancestors] if v.pos_ in ("VERB", "AUX")}
    clauses = [t for t in tokens if t.pos_ in ("VERB", "AUX")] or list(verbs.values())[:1]
    return any(c.dep_ in ("nsubj", "nsubjpass") and any(g.dep_ == "poss" and g.lower_ in ("its", "their")
                                                       for g in c.children)
               for t in clauses for c in t.children)


def two_sides(ev: Event) -> Event:
    """One actor on both sides is a misread role (a guess, or a side lent by another telling):
    the side the parse gave it stays, the other is unknown."""
    if ev.actor1 is not None and ev.actor1 == ev.actor2:
        if ev.extra.pop("actor1_fallback", None):
            ev.actor1 = None
        else:
            ev.actor2 = None
    return ev
