"""Who acted and who was acted upon when the roles of a sentence leave a side open: the
article's main armed group, the state forces a nationality or a kind of force names, the
holder of ground taken, the crowd of a protest, ACLED's unidentified perpetrator, the side
shared by events one sentence splits by place, and ACLED's actor2 when the text names none."""

from __future__ import annotations

from collections import Counter

from eventdesk.extract.events import acled_type
from eventdesk.extract.events.context import ActorInfo
from eventdesk.record import Event
from eventdesk.understand.actors.schema import ARMED_NON_STATE


def _registry():
    from eventdesk.understand.actors.registry import ActorRegistry  # loaded once per process

    return ActorRegistry.default()


def _state_side(country: str, kind: str) -> ActorInfo:
    """The registry's state actor of `country` of one kind (military, police, rioters ...)."""
    ref = _registry().state_actor(country, kind)
    return ActorInfo(ref.name, ref.inter, ref.country, ref.id)


def where_country(where) -> str | None:
    """The country of the first placed (place, precision) pair of an event."""
    return next((p.country for p, _ in where if p is not None and p.country), None)


def main_group(actors) -> ActorInfo | None:
    # a pro-government militia is no guess for who carried out an unattributed attack
    # ... nor an outside body (the UN, an aid agency: ACLED's external/other)
    counts = Counter(a.value for a in actors if not a.value.is_state and not a.value.is_civilian
                     and a.value.inter in ARMED_NON_STATE and not a.value.pro_government)
    return counts.most_common(1)[0][0] if counts else None


def shared_sides(events: list[Event]) -> list[Event]:
    """Events one sentence splits by place ("strikes at A and B") have one perpetrator: one
    that a retelling named lends it to a sibling that has none."""
    for ev in events:
        if ev.actor1 is not None or not ev.sources:
            continue
        start = ev.sources[0].start
        named = {o.actor1 for o in events if o is not ev and o.actor1 and o.sub_event_type == ev.sub_event_type
                 and o.date == ev.date and any(s.start == start for s in o.sources)}
        if len(named) == 1:
            ev.actor1 = named.pop()
    return events


def unidentified_perpetrator(ev: Event) -> Event:
    """ACLED codes violence whose perpetrator the report does not know to "Unidentified Armed
    Group (X)", X the country where it happened (no country: no actor at all)."""
    # an air or drone strike is a state's (armed groups fly no aircraft): no guess of a group
    if ev.actor1 is None and ev.country and ev.event_type in acled_type.VIOLENT and "territory" not in ev.sub_event_type \
            and ev.sub_event_type != "Air/drone strike":
        ev.actor1 = _registry().state_actor(ev.country, "unidentified").name
    return ev


def crowd_sides(event_type: str, a1: ActorInfo | None, a2: ActorInfo | None, where,
                 fallback_country: str | None) -> tuple[ActorInfo | None, ActorInfo | None]:
    """ACLED names the crowd actor1 of Protests ("Protesters (X)") and Riots ("Rioters (X)"),
    X the event's country, and the force that met it actor2 (police who dispersed a march)."""
    country = where_country(where) or fallback_country
    if country is None:
        return a1, a2
    crowd = _state_side(country, "protesters" if event_type == "Protests" else "rioters")
    met_by = next((a for a in (a1, a2) if a is not None and a.is_state), None)
    return crowd, (met_by if met_by is not None else a2 if a2 is not None and a2.name != crowd.name
                   and not a2.name.startswith(("Protesters", "Rioters")) else None)


def state_operation(main, where) -> ActorInfo | None:
    """'killed in military operations', 'an army offensive', 'a police raid': the state's
    forces of the event's country (ACLED names them when the report says only whose kind of
    force acted). The modifiers are data (event_typing.yaml state_force_modifiers)."""
    country = where_country(where)
    if country is None:
        return None
    nouns = [main, *[g for c in main.children if c.dep_ == "prep" and c.lower_ in ("in", "during", "by")
                     for g in c.children if g.dep_ == "pobj"]]
    kinds = acled_type.typing_cues().state_modifiers
    for noun in nouns:
        for c in noun.children:
            kind = kinds.get(c.lemma_.lower()) if c.dep_ in ("amod", "compound") else None
            if kind:
                return _state_side(country, kind)
    return None


def demonym_forces(main) -> ActorInfo | None:
    """The state forces a nationality adjective on the trigger names ("an Israeli strike",
    "US drone strikes"): ACLED codes a state's strike to its military forces."""
    registry = _registry()
    # the modifier may hang on the trigger or on a compound of it ("US" on "drone" in "US drone strikes")
    mods = [c for c in main.children if c.dep_ in ("amod", "compound")]
    # "Russian missiles struck ...", "Turkish troops shelled ...": the nationality of the
    # weapon or troops that act (never of a rebel or civilian subject: that is an actor's name)
    cues = acled_type.typing_cues()
    mods += [c for s in main.children if s.dep_ == "nsubj" and (
        acled_type.weapon_of([s], cues) or cues.state_modifiers.get(s.lemma_.lower()) == "military"
        or s.lemma_.lower() in cues.state_materiel)
        for c in s.children if c.dep_ in ("amod", "compound")]
    mods += [g for c in mods if c.dep_ == "compound" for g in c.children if g.dep_ in ("amod", "compound")]
    for c in mods:
        if c.ent_type_ in ("NORP", "GPE", "ORG"):  # the small model tags "US" as ORG
            country = registry.canonical_country(c.text)
            if country:
                return _state_side(country, "military")
    return None


def other_demonym_side(main, a1) -> ActorInfo | None:
    """"Ukrainian and Russian forces exchanged fire": the forces of the other nationality the
    subject names are the other side of a two-sided fight."""
    registry = _registry()
    subject = next((c for c in main.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    mods = [c for c in subject.children if c.dep_ == "amod"]
    for tok in [m for c in mods for m in (c, *c.conjuncts)]:
        country = registry.canonical_country(tok.text)
        side = _state_side(country, "military") if country else None
        if side is not None and (a1 is None or side.name != a1.name):
            return side
    return None


def group_acts_in(group, where, actor_spans, places, doc) -> bool:
    """The article's group is a guess for an unattributed attack only in a country where it
    has a home (its registry country) or where the text places it: "the Paris attacks" in a
    story naming al-Shabaab only in Kenya were no al-Shabaab attack."""
    canonical = _registry().canonical_country
    country = canonical(where_country(where))
    if group is None or not group.country or country is None or country == canonical(group.country):
        return True
    named = {doc[a.start].sent.start for a in actor_spans if a.value.name == group.name}
    return country in {canonical(p.value.country) for p in places if doc[p.start].sent.start in named}


def holder(where) -> ActorInfo | None:
    """The state forces of the country of the first place: who held ground an armed group took
    ("IS seized Mosul": Military Forces of Iraq), the ACLED default when the text names no one."""
    country = where_country(where)
    return _state_side(country, "military") if country is not None else None


def _default_foe(sub: str, a1: ActorInfo | None, where, main_group: ActorInfo | None) -> ActorInfo | None:
    """ACLED's actor2 when the text names none: ground an armed group took was the state's;
    a battle has two sides: others fought the article's armed group (`main_group`), and it the
    state forces where it fought ("SDF fighters battled at Baghuz": IS, not Syria's army)."""
    if a1 is None or a1.inter is None:
        return None
    if sub == "Non-state actor overtakes territory":
        return None if a1.is_state else holder(where)
    if sub != "Armed clash":
        return None
    if main_group is not None and main_group.name != a1.name:
        return main_group
    return holder(where) if not a1.is_state and not a1.is_civilian else None
