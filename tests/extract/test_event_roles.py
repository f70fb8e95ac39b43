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
