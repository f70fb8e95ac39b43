"""Third-pass rules of the event extractor, on invented sentences with hand-made understanding."""

from __future__ import annotations

import pytest

from eventdesk.extract.events.extractor import EventConfig, extract_events
from eventdesk.record import Document
from tests.extract.test_events import ACTORS, DATES, PLACES, _group, events_of



def _with_materiel(nlp, text: str, materiel: list[str]):
    sdoc = nlp(text)
    sdoc.user_data["published"] = ("2017-11-09", "day")
    sdoc.spans["actors"] = _group(sdoc, ACTORS, "actor")
    sdoc.spans["places"] = _group(sdoc, PLACES, "place")
    sdoc.spans["dates"] = _group(sdoc, DATES, "date")
    sdoc.spans["materiel"] = [sdoc.char_span(sdoc.text.find(m), sdoc.text.find(m) + len(m)) for m in materiel]
    doc = Document(id="d-test", source="test.txt", body=text, analysis=sdoc)
    return extract_events(doc, EventConfig())


def test_seizing_weapons_is_not_taking_ground(nlp):
    evs = _with_materiel(nlp, "IS also seized a large stock of weapons in Rawa on Friday.", ["weapons"])
    assert not [e for e in evs if "territory" in e.sub_event_type]


def test_an_armed_group_seizing_arms_is_no_disruption(nlp):
    evs = _with_materiel(nlp, "On Friday the militants seized weapons in Rawa.", ["weapons"])
    assert not [e for e in evs if e.sub_event_type == "Disrupted weapons use"]


def test_state_forces_seizing_arms_disrupt_weapons_use(nlp):
    evs = _with_materiel(nlp, "Iraqi forces seized weapons in Rawa on Friday.", ["weapons"])
    assert [e.actor1 for e in evs if e.sub_event_type == "Disrupted weapons use"] == ["Military Forces of Iraq"]


def test_main_verb_misread_as_relative_clause_keeps_the_head_noun_as_actor(nlp):
    text = ("Meanwhile, the Syrian forces that both the above two groups oppose also seized villages around Tadmur "
            "from IS on Friday.")
    evs = events_of(nlp, text)
    taken = [e for e in evs if "territory" in e.sub_event_type]
    assert taken and taken[0].actor1 == "Military Forces of Syria"


def test_attacks_being_planned_are_not_an_event(nlp):
    evs = events_of(nlp, "On Friday the army arrested militants planning attacks on Rawa.")
    assert [e.sub_event_type for e in evs] == ["Arrests"]
