"""Claims on invented sentences, by kind: numbers written in other ways, what is not a claim
(family counts, names, places of one event, one event's death toll), and who a figure comes
from (quotes, participles, report authors, time clauses). All sentences are invented."""

from __future__ import annotations

import pytest


def figures(got):
    return sorted((c.low, c.high, c.unit) for c in got)


# -- numbers ------------------------------------------------------------------------------
def test_from_x_to_y_is_a_change_two_figures_not_a_range(claims):
    got = claims("The ministry raised the reward for the commander from $5 million to $12 million.")
    assert figures(got) == [(5e6, 5e6, "USD"), (12e6, 12e6, "USD")]


def test_between_x_and_y_is_still_a_range(claims):
    got = claims("The rebels have between 2,000 and 3,000 fighters, the monitor said.")
    assert figures(got) == [(2000, 3000, "people")]


@pytest.mark.parametrize("text, value, unit", [
    ("A $7-million reward was offered for the commander.", 7e6, "USD"),
    ("The group raised $1.5bn from smuggling, the panel said.", 1.5e9, "USD"),
    ("Half a million people have fled the region, the agency said.", 5e5, "people"),
    ("One in five fighters in the camp is a foreigner, officials said.", 20.0, "percent"),
    ("Two out of three recruits came from the cities, the study found.", 66.7, "percent"),
])
def test_numbers_written_other_ways(claims, text, value, unit):
    got = claims(text)
    assert [(c.low, c.unit) for c in got] == [(value, unit)]


def test_a_put_at_figure_counts_what_the_number_is_of(claims):
    got = claims("The monitor put the number of fighters at 3,000.")
    assert [(c.low, c.unit, c.attributed_to) for c in got] == [(3000, "people", "monitor")]


# -- not claims ---------------------------------------------------------------------------
def test_a_persons_family_is_not_a_claim(claims):
    assert claims("Amina Example, a mother of four, said she wants to go home.") == []
    assert claims("Two of her children were born in the camp.") == []


def test_a_number_in_a_name_is_not_a_claim(claims):
    assert claims("Troops reached the Brigade 137 base after a long advance.") == []


def test_places_taken_in_one_go_are_event_details_but_a_tally_is_a_claim(claims):
    assert claims("Rebels overran three district capitals on Friday, officials said.") == []
    got = claims("The alliance has seized at least seven towns since October.")
    assert [(c.low, c.high, c.qualifier) for c in got] == [(7, None, "at least")]


def test_places_where_an_event_happened_are_not_claims(claims):
    assert claims("Air strikes hit the rebels at two settlements on Monday, the air force said.") == []


@pytest.mark.parametrize("text", [
    "A suicide attack killed nearly 20 people at a police station earlier this month.",
    "Bombers struck a mosque, killing four people in the latest of a series of attacks.",
    "The attack resulted in the deaths of 54 people, including more than 20 children.",
    "Gunmen killed 37 villagers, including 14 children, in an attack on the market.",
    "A bloody attack left 6 militia fighters dead near the border.",
])
def test_one_events_death_toll_in_the_articles_voice_is_not_a_claim(claims, text):
    assert claims(text) == []


def test_a_death_toll_summed_over_a_period_is_a_claim(claims):
    got = claims("The rebels answered with more attacks, killing more than 800 people last year.")
    assert [(c.low, c.high) for c in got] == [(800, None)]
    got = claims("Over the last few weeks, a series of massacres by the militants has left around 400 dead.")
    assert [(c.low, c.qualifier) for c in got] == [(400, "around")]


def test_people_dying_from_many_countries_counts_countries(claims):
    got = claims("People from 12 different countries died.")
    assert figures(got) == [(12, 12, "countries")]


def test_a_page_cut_right_after_a_number_gives_no_claim(claims):
    assert claims("The worst attack came in September 2022, when 21") == []


# -- sources ------------------------------------------------------------------------------
def test_a_quote_after_its_speaker_sentence_has_the_speakers_source(claims):
    got = claims('"The mosque was hit at noon," spokesman Omar Example said. '
                 '"Three civilians and one policeman were killed and eight others were wounded."')
    assert figures(got) == [(1, 1, "people"), (3, 3, "people"), (8, 8, "people")]
    assert {c.attributed_to for c in got} == {"spokesman Omar Example"}


def test_a_quote_before_he_said_takes_the_person_named_before(claims):
    got = claims("Governor Ali Example said the attack came at dawn.\n"
                 "\u201dThey took 17 people, including 14 women. 15 remain in captivity,\u201d he said.")
    assert {c.low: c.attributed_to for c in got} == {17: "Ali Example", 14: "Ali Example", 15: "Ali Example"}


def test_a_participle_speaks_for_the_subject_it_hangs_on(claims):
    got = claims("A source at the provincial hospital put the tally higher, "
                 "saying 19 bodies and 40 wounded patients had been brought in.")
    assert sorted(c.low for c in got) == [19, 40]
    assert all("source" in c.attributed_to for c in got)


@pytest.mark.parametrize("text, source", [
    ("Residents said the air strike killed eight people.", "Residents"),
    ("State media reported that troops killed 16 of the attackers.", "State media"),
    ("The Example Rights Network has documented 24 drone strikes in the region.", "Example Rights Network"),
])
def test_sources_without_a_clause_or_a_proper_name(claims, text, source):
    got = claims(text)
    assert [c.attributed_to for c in got] == [source]


def test_the_study_is_the_one_the_article_named_not_an_earlier_one(claims):
    got = claims("The study, prepared by the Example Centre for Security, said that more than 4,000 "
                 "people had left to fight. A previous study published by the Example Ministry in 2014 "
                 "gave other reasons. About 17 percent of them were women, according to the latest study.")
    share = next(c for c in got if c.unit == "percent")
    assert share.attributed_to == "Example Centre for Security"


def test_a_forecast_hedge_does_not_borrow_a_source(claims):
    got = claims("At least 83 people were injured, police chief Omar Example said. "
                 "The death toll, which includes 12 children, is feared to rise.")
    assert figures(got) == [(83, None, "people")]


def test_a_figure_in_a_time_clause_of_the_quote_is_the_articles_own(claims):
    text = ('"The siege is over now," says a security official, after gunmen stormed the hotel, '
            'leaving some 20 people dead.')
    assert claims(text) == []


# -- one figure stated twice --------------------------------------------------------------
def test_a_lead_figure_restated_with_a_source_is_one_claim(claims):
    got = claims("Of over 4,000 Europeans who left, 30 percent came back, research finds.\n"
                 "Almost 30 percent of the fighters have returned home, according to a study by the Example Centre.")
    assert [(c.low, c.attributed_to, len(c.sources)) for c in got if c.unit == "percent"] == \
        [(30, "Example Centre", 2)]


def test_two_shares_of_different_things_stay_two_claims(claims):
    got = claims("The group once held a third of the country.\n"
                 "Only a third of its attacks took place there, the expert Omar Example noted.")
    assert len([c for c in got if c.unit == "percent"]) == 2


def test_a_figure_restated_by_another_source_with_another_hedge_stays_two_claims(claims):
    got = claims("Gunmen abducted at least 16 villagers in the north, authorities said.\n"
                 "The governor said 16 villagers remain in captivity.")
    assert sorted((c.low, c.high or 0) for c in got) == [(16, 0), (16, 16)]


@pytest.mark.parametrize("text, source", [
    # the small model tags "shows" as a noun; "data" has the lemma "datum"
    ("Data compiled by the monitor shows more than 1,500 attacks were recorded in the region last year.",
     "monitor"),
    ("The group has an estimated 4,000 fighters, per a recent assessment by the US Army.", "US Army"),
])
def test_data_and_assessments_stand_for_their_authors(claims, text, source):  # invented sentences
    got = claims(text)
    assert [c.attributed_to for c in got] == [source]
