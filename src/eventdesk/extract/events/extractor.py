"""The event extractor: every asserted occurrence of political violence or strategic
development in an article body becomes a `record.Event` in ACLED's taxonomy, each field
pointing at the sentence that reports it.

    events = extract_events(document, EventConfig())   # document.analysis is the spaCy Doc
    EventStage().process_batch(documents)               # the pipeline stage ("events")

Steps per sentence: triggers and their links (triggers), which mentions tell an event of
their own (mention_filters), assertion (modality), roles and the sides they leave open (roles,
sides), type (acled_type), whether it tells one occasion (occasions), place/date/historical
(where_when, places, when), fatalities (fatalities); then per document: claims of
responsibility carried to the event of the previous sentence, and mentions of one event
merged into one Event with several sources (within_document).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from eventdesk.errors import Errors
from eventdesk.extract.events import acled_type, occasions
from eventdesk.extract.events.context import (ActorInfo, publication, read_actors, read_dates,
                                             read_places, undated_cue)
from eventdesk.extract.events.fatalities import fatalities_of
from eventdesk.extract.events.lexicon import TERRITORY, EventLexicon, load_lexicon
from eventdesk.extract.events.mention_filters import (anaphoric, reports, retold, without_details_of_violence,
                                                      without_objects_of_others)
from eventdesk.extract.events.modality import asserted
from eventdesk.extract.events.places import name_unlisted_places, named_by_of
from eventdesk.extract.events.roles import ActorIndex, acled_names, claimant, own_men, roles, two_sides
from eventdesk.extract.events.sides import (_default_foe, crowd_sides, demonym_forces, group_acts_in, main_group,
                                            other_demonym_side, shared_sides, state_operation,
                                            unidentified_perpetrator, where_country)
from eventdesk.extract.events.triggers import Mention, find_mentions
from eventdesk.extract.events.sentences import (_civilian_victim, _day_of_telling, _death_tokens, _distance,
                                                 _paragraphs, _trim, another_occasion, mass_toll, victims_told_after)
from eventdesk.extract.events.when import duration_unit, period_until
from eventdesk.extract.events.where_when import Context, PlaceInfoPrec, _named_in, country_place, home_country
from eventdesk.extract.events.within_document import (_definite, _drop_summaries, fold_blasts_into_battles,
                                                      fold_told, fold_weak, in_estimated_year, merge_mentions)
from eventdesk.merge.event_rules import unidentified
from eventdesk.understand.actors.schema import ARMED_NON_STATE
from eventdesk.pipeline.base import Stage
from eventdesk.record import Document, Event, Evidence

# "after three months of fighting", "years of sectarian fighting": a stretch this long is the
# background of a war, not an event ACLED codes (it codes the occasions inside it)
BACKGROUND_UNITS = {"month", "year"}


@dataclass
class EventConfig:
    """Options of the event extractor."""

    keep_historical: bool = True  # historical events are flagged; False drops them
    merge_within_document: bool = True
    main_actor_fallback: bool = True  # an unattributed attack goes to the article's main armed group
    max_evidence_sentences: int = 2


class _Extractor:
    def __init__(self, doc: Document, config: EventConfig, lex: EventLexicon) -> None:
        self.document, self.config, self.lex = doc, config, lex
        self.sdoc: Doc = doc.analysis
        actors = read_actors(self.sdoc)
        self.actors = ActorIndex(actors, lex)
        self.main_group = main_group(actors) if config.main_actor_fallback else None
        self.ctx = Context(self.sdoc, read_places(self.sdoc), read_dates(self.sdoc), actors,
                           publication(self.sdoc))
        self.date_tokens = set(self.ctx.date_at)
        self.place_tokens = set(self.ctx.place_at)

    def run(self) -> list[Event]:
        paragraphs = _paragraphs(self.sdoc)
        events: list[Event] = []
        for sent in self.sdoc.sents:
            mentions = []
            for m in find_mentions(sent, self.lex, self.place_tokens):
                told = self._told(m)
                if told is not None:
                    mentions.append(told)
                elif m.claim_tokens and events and anaphoric(m, self.date_tokens):
                    # "authorities blamed ISGS for the attack": commentary, yet it names who did it
                    self._credit(events, claimant(m.claim_tokens, self.actors), sent)
            mentions = without_details_of_violence(without_objects_of_others(mentions))
            deaths = _death_tokens(sent, self.lex)
            new: list[Event] = []
            retold_here: dict[int, str] = {}  # events this sentence retold -> the type it told
            for m in mentions:
                if m.claim_tokens and m.weak_only and events:
                    # "IS later claimed responsibility": actor1 of the previous sentence's event
                    self._credit(events, claimant(m.claim_tokens, self.actors), sent)
                    continue
                if anaphoric(m, self.date_tokens) and m.claim_tokens and events:
                    self._credit(events, claimant(m.claim_tokens, self.actors), sent)
                    continue
                if events and retold(m, self.date_tokens, self.place_tokens):
                    continue  # "That fighting has diverted resources": an event told before
                # the sentence's weapon words are this mention's, unless they were an absorbed blast's
                alone = len(mentions) == 1 and not m.absorbed_blast
                if m.weak_only and events and not any(t.i in self.date_tokens for t in sent):  # fold_weak
                    own = [d for d in deaths if min(_distance(d, t) for t in m.tokens) <= 4]
                    new += fold_weak(events, self._events(m, sent, paragraphs.get(sent.start, []), own,
                                                          alone=alone))
                    continue
                if duration_unit(m.main) in BACKGROUND_UNITS:  # type: ignore[attr-defined]
                    continue
                own = [d for d in deaths if min(_distance(d, t) for t in m.tokens) <= 4]
                told = self._events(m, sent, paragraphs.get(sent.start, []), own, alone=alone)
                if events:  # "the attack occurred on Friday": retold, not new
                    told = fold_told(events, told, _definite(m), retold_here)
                new += told
            new = self._absorb(new)
            events += new
        events = _drop_summaries(events)
        if self.config.merge_within_document:
            events = fold_blasts_into_battles(merge_mentions(events), self.lex.battle_blasts)
        events = victims_told_after(events, self.sdoc)
        events = name_unlisted_places([unidentified_perpetrator(two_sides(ev)) for ev in shared_sides(events)],
                                      self.sdoc)
        if not self.config.keep_historical:
            events = [e for e in events if not e.historical]
        return in_estimated_year(events, self.document)

    def _told(self, m: Mention) -> Mention | None:
        """The mention if it is asserted; else its strongest other trigger that is, on its
        own ("were triumphant in Aleppo, ... leaving the way open to attack Raqqa": the
        victory happened, the attack did not)."""
        if asserted(m.anchor, m.tokens, self.lex, self.date_tokens, m.main) is None:  # type: ignore[attr-defined]
            return m
        others = sorted(((trig.priority, tok.i, tok, trig) for tok, trig in zip(m.tokens, m.triggers)
                         if tok.i != m.main.i and not trig.weak), reverse=True)  # type: ignore[attr-defined]
        for _, _, tok, trig in others:
            if asserted(tok, [tok], self.lex, self.date_tokens, tok) is None:
                alone = Mention(anchor=tok, tokens=[tok], triggers=[trig], event_type=trig.event_type,
                                sub_event_type=trig.sub_event_type)
                alone.main = tok  # type: ignore[attr-defined]
                return alone
        return None

    def _credit(self, events: list[Event], actor: ActorInfo | None, sent: Span) -> None:
        target = events[-1]
        # a claim names the attacker a description left unknown ("the attacker", "gunmen")
        if actor is not None and (target.actor1 is None or target.extra.get("actor1_fallback")
                                  or unidentified(target.actor1)):
            target.actor1 = actor.name
            target.extra.pop("actor1_fallback", None)
            if target.actor2 == actor.name:
                target.actor2 = None

    def _home_ground(self, place, prec, sent: Span, actor: ActorInfo | None):
        """A place borrowed from another sentence in another country than the acting armed
        group's own ("the SDF said it captured X" after a sentence about Mosul): the group's
        country. A non-state group fights at home; state forces may not, so they keep it."""
        if (place is None or actor is None or actor.is_state or not actor.country or actor.is_civilian
                or place.country in (None, actor.country) or _named_in(place, sent, self.ctx)
                or actor.country not in {p.value.country for p in self.ctx.places}):
            return place, prec
        return country_place(actor.country), 3

    def _absorb(self, events: list[Event]) -> list[Event]:
        """ACLED: raids that end in arrests are one Arrests event, raids that end in a seizure of
        weapons one Disrupted weapons use event."""
        if any(e.sub_event_type in ("Arrests", "Disrupted weapons use") for e in events):
            return [e for e in events if not (e.extra.get("trigger") in ("raid",) and e.event_type == "Battles")]
        return events

    def _events(self, m: Mention, sent: Span, paragraph: list[Span], deaths: list,
                alone: bool = False) -> list[Event]:
        main = m.main  # type: ignore[attr-defined]
        a1, a2 = roles(main, m.tokens, self.actors)
        if m.claim_tokens:
            a1 = claimant(m.claim_tokens, self.actors) or a1
        # ACLED's civilians are only ever victims: people who attack ("herders attacked the
        # village") are an armed group the report does not name, never the article's main group
        armed_civilians = a1 is not None and a1.is_civilian and m.event_type in acled_type.VIOLENT
        if armed_civilians:
            a1 = None
        if m.absorbed_blast and (raider := demonym_forces(main)) is not None:
            a1, a2 = raider, a1  # "X detonated a vest during a Turkish raid": the raiders attacked
        if a1 is None and m.event_type in ("Battles", "Explosions/Remote violence"):
            a1 = demonym_forces(main)  # "an Israeli strike", "Russian shelling"
        event_type, sub = m.event_type, m.sub_event_type
        when = self.ctx.date_for(m.tokens, sent, paragraph)
        own_date = any(t.i in self.date_tokens for tok in m.tokens if tok not in m.claim_tokens
                       for t in tok.subtree)
        period = duration_unit(main)
        if period is not None:
            when = period_until(when, period)
        # ground taken is the place the capture's object names ("seized the city of Aleppo"
        # after "burst out of their enclave in Idlib"), one event per place named there
        places = self.ctx.conjoined_places(main) if sub == TERRITORY else \
            self.ctx.conjoined_places(main, locative=True) if event_type in acled_type.VIOLENT else []
        vicinity = False
        if not places:
            place, prec = self.ctx.place_for(m.tokens, sent, paragraph)
            vicinity = sub == TERRITORY and place is not None and prec in (1, 2) and not any(
                    self.ctx.place_at.get(t.i) for o in main.children if o.dep_ in ("dobj", "nsubjpass", "pobj")
                    for t in [o, *named_by_of(o)]) and any(
                        o.lemma_.lower() in self.lex.territory_words for o in main.children
                        if o.dep_ in ("dobj", "nsubjpass"))
            if vicinity and prec == 1:
                prec = 2  # "captured three villages around al-Bab"
                place = PlaceInfoPrec(place, 2)
            if sub == TERRITORY and (prec or 3) == 3 and any(
                    o.lemma_.lower() in self.lex.territory_words and o.tag_ == "NN"
                    for o in main.children if o.dep_ in ("dobj", "nsubjpass", "pobj")):
                named = self.ctx.lead_named_place(sent)  # "captured the last town held by IS" + "The fall of Hajin"
                if named is not None:
                    place, prec = named, named.geo_precision or 1
            where = [(place, prec)]
        else:
            where = [(p.value, p.value.geo_precision) for p in places]
        low, high = fatalities_of(deaths, self.lex)
        fallback, reporters = False, set()
        if a1 is None and event_type in acled_type.VIOLENT and sub != TERRITORY:
            targets = {self.actors.actor_in(c) for t in m.tokens for c in t.children
                       if c.dep_ in ("dobj", "nsubjpass", "prep")}
            # a non-state actor named in the sentence and not its target, else the article's group
            # the source that reports the event ("..., the Taliban government said") told it
            tellers = {self.actors.by_token[t.i].value.name: self.actors.by_token[t.i].value for t in sent
                       if t.i in self.actors.by_token and reports(t, self.lex)}
            reporters = set(tellers)
            if len(tellers) == 1 and own_men(m.tokens):
                # "IS said its fighters killed 12 soldiers": the teller's own men did it
                a1 = next(iter(tellers.values()))
        if a1 is None and event_type in acled_type.VIOLENT and sub != TERRITORY and self.main_group is not None \
                and not armed_civilians:
            here = [self.actors.by_token[t.i].value for t in sent if t.i in self.actors.by_token]
            here = [a for a in here if not a.is_state and not a.is_civilian and a.inter in ARMED_NON_STATE
                    and a not in targets and (a2 is None or a.name != a2.name) and a.name not in reporters]
            if here:
                a1, fallback = here[0], True
            elif (a2 is None or a2.name != self.main_group.name) and self.main_group not in targets \
                    and self.main_group.name not in reporters \
                    and group_acts_in(self.main_group, where, self.actors.by_token.values(), self.ctx.places,
                                       self.sdoc):
                a1, fallback = self.main_group, True
        if sub == "Disrupted weapons use" and a1 is not None and a1.inter is not None and not a1.is_state:
            return []  # ACLED: a disruption is by the state or an opponent; an armed group arming itself is not
        if sub == "Other" and not (a1 is not None and a1.is_state):
            return []  # withdrawals coded are those of state forces; an armed group's is movement
        armed_foe = a2 is not None and a2.inter is not None and not a2.is_civilian
        event_type, sub, generic = acled_type.decide(event_type, sub, main, m.tokens, sent, deaths, armed_foe,
                                                     alone=alone)
        if m.absorbed_blast:
            event_type, sub, generic = m.event_type, m.sub_event_type, False  # the raid the blast was part of
        civilian_dead = event_type == acled_type.EXPLOSIONS and a2 is None and acled_type.only_unarmed(m.tokens, deaths)
        if fallback and sub == "Air/drone strike":
            a1, fallback = None, False  # a guessed armed group flies no aircraft; the roles found none
        if event_type in ("Battles",) and sub == "Armed clash" and _civilian_victim(m.tokens, self.lex):
            event_type, sub, generic = "Violence against civilians", "Attack", False
        # on an undated page "on Saturday" resolves to nothing, yet it tells one occasion
        cue = undated_cue(sent, paragraph) if when is None else None  # also kept on the event (merge)
        day_told = "weekday" in (cue or {})
        no_day = (when is None or when.precision != "day") and not day_told  # no day names one occasion
        if no_day and occasions.aggregate(main, m.tokens):
            return []  # "increased attacks", "numerous bombings": a series, not one occasion
        if no_day and (occasions.conflict_tally(main) or mass_toll([*m.tokens, *deaths], self.lex)):
            return []  # "the war has killed tens of thousands": a tally over a conflict
        if main.tag_ == "NNS" and (when is None or when.precision == "year") and not day_told and not any(
                c.dep_ == "nummod" for c in main.children):
            return []  # "carrying out attacks in Puntland": plural, no occasion of its own
        if no_day and occasions.present_process(main):
            return []  # "as the extremists are driven out of their strongholds": a process
        if occasions.lasting(main):
            return []  # "has besieged the city for months": a state that lasts
        if occasions.not_an_occasion(main, m.tokens):
            return []
        summary = sub == TERRITORY and occasions.counted_summary(main) and len(where) < 2
        if event_type == "Battles" and (sub == TERRITORY or main.lemma_.lower() == "enter") \
                and acled_type.nonviolent_transfer(sent):
            event_type, sub = "Strategic developments", "Non-violent transfer of territory"
        if sub == TERRITORY:
            ground = where_country(where)
            if a1 is not None and a1.inter is not None:
                # a foreign state's forces taking ground from another state overtake it; retaking it
                # from a non-state group they act for the state (codebook §2)
                from_armed_group = a2 is not None and a2.inter is not None and not a2.is_state and not a2.is_civilian
                home = a1.is_state and (not a1.country or not ground or a1.country == ground or from_armed_group)
                sub = "Government regains territory" if home else "Non-state actor overtakes territory"
            else:
                sub = "Government regains territory" if (a2 and a2.inter and not a2.is_state) else \
                    "Non-state actor overtakes territory"
            if a2 is None and self.main_group is not None and a1 is not None and a1.name != self.main_group.name:
                a2 = self.main_group
            if a2 is not None and a2.is_civilian and sub == "Non-state actor overtakes territory":
                event_type, sub = "Violence against civilians", "Attack"  # civilians hold no ground
        where = [self._home_ground(place, prec, sent, a1) for place, prec in where]
        if a1 is None and event_type in ("Battles", "Explosions/Remote violence"):
            a1 = state_operation(main, where)  # "killed in military operations in Maguindanao"
        if sub == "Change to group/activity" and a1 is None and a2 is not None and a2.inter is not None \
                and not a2.is_state and not a2.is_civilian:
            a1, a2 = a2, None  # "the death of the group's emir": the group changed (codebook)
        group = next((a for a in (a1, a2) if a is not None and a.inter is not None and a.country
                      and not a.is_state and not a.is_civilian), None)
        if all(p is None for p, _ in where) and group is not None:
            where = [(home_country(group.country), 3)]  # an armed group's news the text places nowhere
        if event_type in ("Protests", "Riots"):
            a1, a2 = crowd_sides(event_type, a1, a2, where, self.ctx.dominant_country)
        if a2 is None and main.lemma_.lower() in acled_type.typing_cues().two_sided:
            a2 = other_demonym_side(main, a1)
        if a2 is None:
            a2 = _default_foe(sub, a1, where, self.main_group)
        out = []
        for place, prec in where:
            actor2 = a2.name if a2 else None
            if event_type == "Violence against civilians" and (a2 is None or a2.is_civilian) or civilian_dead:
                country = (place.country if place else None) or self.ctx.dominant_country
                actor2 = f"Civilians ({country})" if country else "Civilians"
            ev = Event(
                event_type=event_type, sub_event_type=sub,
                actor1=a1.name if a1 else None, actor2=actor2,
                location=place.name if place else None, country=place.country if place else None,
                # a region or country keeps its centroid (geo_precision 3 says how coarse it is)
                latitude=place.latitude if place else None,
                longitude=place.longitude if place else None,
                geo_precision=prec if place else None,
                date=when.iso if when else None, date_precision=when.precision if when else None,
                fatalities=low, fatalities_high=high, historical=self.ctx.historical(when),
                sources=[Evidence(self.document.id, sent.start_char, sent.end_char, sent.text)],
                extra={"trigger": main.lemma_.lower(), "trigger_text": main.text},
            )
            ev.sources[0] = _trim(ev.sources[0], self.document.body, main.idx)
            ev.actor1, ev.actor2 = acled_names(ev.actor1, ev.actor2, ev.country, sub)
            if fallback:
                ev.extra["actor1_fallback"] = True
            if reporters:
                ev.extra["reporters"] = sorted(reporters)  # a first telling's guess of them is undone (fold)
            if not any(t.i in self.date_tokens for t in sent) or (m.claim_tokens and not own_date) \
                    or _day_of_telling(sent, main, self.date_tokens, self.lex):
                # its time is the context's, the day of a claim for it ("on August 1, IS claimed
                # the attack that ...") or the day it was told ("..., the army said on Sunday"):
                # a retelling's own day may correct it
                ev.extra["soft_date"] = True
            if another_occasion(main, sent):
                ev.extra["another"] = True  # "another attack", "a second blast": not the one told before
            if main.lemma_.lower() in acled_type.typing_cues().generic:
                ev.extra["generic_word"] = True  # "the attack", "the incident": may retell any violent event
            if summary:
                ev.extra["summary"] = True  # "overran three provincial capitals" (see _drop_summaries)
            if generic:
                ev.extra["generic"] = True  # a later, fuller mention of it may set the type
            if cue is not None:
                ev.extra["undated"] = cue  # may join the one dated report it agrees with (merge)
            pub = self.ctx.publication
            if pub is not None and pub.precision == "day" and not self.document.meta.get("published_estimated"):
                ev.extra["reported"] = pub.iso  # nothing a report tells happened after it (merge)
            if period is not None:
                ev.extra["period"] = period  # "four days of fighting": not the day it ended
            if vicinity:
                ev.extra["vicinity"] = True  # villages around a town: two such captures are two events
            if place is not None and not _named_in(place, sent, self.ctx) \
                    and not any(u.text == place.name for u in self.ctx.unlisted if sent.start <= u.start < sent.end):
                ev.extra["place_from_context"] = True
            out.append(ev)
        return out


def extract_events(doc: Document, config: EventConfig | None = None) -> list[Event]:
    """The events of one document whose `analysis` holds the understood spaCy Doc."""
    if doc.analysis is None:
        return []
    return _Extractor(doc, config or EventConfig(), load_lexicon()).run()


class EventStage(Stage):
    """Pipeline stage "events": sets `doc.events` on each document with an analysis."""

    name = "events"

    def __init__(self, config: EventConfig | None = None) -> None:
        super().__init__()
        self.config = config or EventConfig()
        self.lexicon: EventLexicon | None = None

    def setup(self) -> None:
        self.lexicon = load_lexicon()

    def process(self, doc: Document) -> None:
        self.ensure_setup()
        if doc.analysis is None:
            self.skip(doc, Errors.E402)
            return
        try:
            doc.events = _Extractor(doc, self.config, self.lexicon or load_lexicon()).run()
        except (ValueError, KeyError, IndexError, AttributeError) as exc:
            self.fail(doc, Errors.E401.format(reason=exc))
            return
        self.count("events", len(doc.events))
        self.count("historical", sum(e.historical for e in doc.events))
