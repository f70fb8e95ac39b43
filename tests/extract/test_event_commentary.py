"""Commentary, negated objects, undated cues and coarse places on invented sentences."""

from __future__ import annotations

import pytest

from eventdesk.extract.events.context import undated_cue
from tests.extract.test_events import events_of  # noqa: F401 - shared hand-made understanding



@pytest.mark.parametrize("text", [
    "On Sunday, the militants attacked Rawa. A Baghdad channel was more critical, calling the attack illegal.",
    "On Sunday, the militants attacked Rawa. Officials have opened a criminal probe into the attack.",
    "On Sunday, the militants attacked Rawa. A channel reported the involvement of foreigners in the attack.",
])
def test_commenting_on_an_event_told_before_is_no_new_event(nlp, text):
    assert len(events_of(nlp, text)) == 1


def test_nothing_to_do_with_the_attack_is_a_negation(nlp):
    assert events_of(nlp, "IS has nothing to do with the attack in Rawa.") == []


def test_condemning_an_attack_told_in_the_same_clause_keeps_it(nlp):
    evs = events_of(nlp, "Officials condemned the attack, which killed five soldiers in Aden on Monday.")
    assert [(e.location, e.fatalities) for e in evs] == [("Aden", 5)]


def test_country_level_events_carry_the_country_centroid(nlp):
    evs = events_of(nlp, "The militants attacked a checkpoint on Monday, killing three soldiers.",
                    published=("2017-11-09", "day"))
    # no place named: no place at all, and no invented coordinates
    assert all(e.latitude is None for e in evs if e.location is None)
    from eventdesk.extract.events.where_when import country_place
    syria = country_place("Syria")
    assert syria.geo_precision == 3 and syria.latitude is not None and 30 < syria.latitude < 40


def test_undated_cue_reads_weekdays_and_refuses_unplaced_months(nlp):
    sent = lambda t: next(nlp(t).sents)  # noqa: E731
    assert undated_cue(sent("Two officials were killed in a raid on Sunday.")) == {"weekday": 6}
    assert undated_cue(sent("Forces launched a raid today, killing two leaders.")) == {}
    assert undated_cue(sent("In October, similar raids killed three commanders.")) is None
    # a sentence with no time of its own after one naming an unplaced month: that occasion
    prev = sent("In October, similar raids killed three commanders.")
    assert undated_cue(sent("He died in a battle near the border."), [prev]) is None
