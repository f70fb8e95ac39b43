"""Second-pass rules of the event extractor (roles, places, dates) on invented sentences."""

from __future__ import annotations

from datetime import date

import pytest

from eventdesk.extract.events.context import DateInfo, Located, PlaceInfo, _bare_month, _month_in_context
from eventdesk.extract.events.places import clean_places
from eventdesk.extract.events.context import ActorInfo

from tests.extract.test_events import events_of  # noqa: F401 - shared hand-made understanding



def test_bare_month_reads_the_year_the_text_has_set():
    assert _bare_month("one fortnight in November") == 11
    assert _bare_month("November 2016") is None
    ended = DateInfo("2016-12", "month", date(2016, 12, 1), date(2016, 12, 31))
    got = _month_in_context(11, [ended], DateInfo("2017", "year", date(2017, 1, 1), date(2017, 12, 31)))
    assert got.iso == "2016-11" and got.precision == "month"
    # a known publication day leaves the resolver's reading alone; no anchor invents nothing
    assert _month_in_context(11, [ended], DateInfo("2017-03-02", "day", date(2017, 3, 2), date(2017, 3, 2))) is None
    assert _month_in_context(11, [], None) is None


def _loc(start, name, country, prec, text=None):
    return Located(start, start + 1, start * 5, start * 5 + 4, text or name, PlaceInfo(name, country, 1.0, 1.0, prec))


def test_place_inside_an_actor_name_is_not_a_place():
    places = [_loc(0, "Ir", "Russia", 1, "IS"), _loc(3, "Syria", "Syria", 3)]
    actors = [Located(0, 1, 0, 2, "IS", ActorInfo("Islamic State", "rebels"))]
    kept = clean_places(places, actors)
    assert [p.value.name for p in kept] == ["Syria"]


def test_a_one_off_foreign_town_without_a_home_reading_is_kept():
    places = [_loc(i, "Iraq", "Iraq", 3) for i in range(4)] + [_loc(9, "Zzyzx Springs", "Neverland", 1)]
    kept = clean_places(places, [])
    assert "Zzyzx Springs" in [p.value.name for p in kept]


def test_wanting_an_army_to_drive_them_out_is_not_an_event(nlp):
    evs = events_of(nlp, "We need a whole army to drive them out of Rawa.")
    assert evs == []


def test_infinitive_clause_acts_for_the_sentence_subject(nlp):
    evs = events_of(nlp, "Then the militants took the chance of a lull to recapture Rawa on Friday.")
    assert [e.actor1 for e in evs if "territory" in e.sub_event_type] == ["Islamic State"]
