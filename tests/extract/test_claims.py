"""Claims from invented sentences: what is a claim, its unit, its source, its date."""

from __future__ import annotations

import pytest

from eventdesk.extract.claims.extractor import ClaimStage
from eventdesk.record import Document


def test_two_numbers_in_one_sentence_are_two_claims(claims):
    got = claims("The camp holds 8,000 women and 11,000 children.")
    assert sorted(c.low for c in got) == [8000, 11000]
    assert {c.unit for c in got} == {"people"}


def test_counted_noun_gives_the_unit(claims):
    got = claims("The movement claimed 312 attacks in 14 countries last year.")
    assert {(c.low, c.unit) for c in got} == {(312, "attacks"), (14, "countries")}


def test_dates_ages_times_and_distances_are_not_claims(claims):
    assert claims("On March 3, 2015, a 25-year-old man drove 40 km west after four days of talks.") == []


def test_vague_quantities_are_not_claims(claims):
    assert claims("Tens of thousands of people fled and hundreds of fighters joined the group.") == []


def test_small_numbers_pointing_back_are_not_claims(claims):
    assert claims("The two offensives stalled near the river.") == []


def test_unattributed_casualties_belong_to_the_event(claims):
    assert claims("A car bomb killed 14 people in the market on Monday.") == []


def test_attributed_casualties_are_claims(claims):
    got = claims("A car bomb killed 14 people in the market on Monday, police said.")
    assert [(c.low, c.attributed_to) for c in got] == [(14, "police")]


def test_article_voice_has_no_source(claims):
    got = claims("The militia has about 3,500 fighters in the north.")
    assert got[0].attributed_to is None and got[0].qualifier == "about"


def test_according_to_names_the_source(claims):
    got = claims("The group still has up to 2,000 members, according to the Example Monitoring Group.")
    assert got[0].attributed_to == "Example Monitoring Group"
    assert (got[0].low, got[0].high) == (None, 2000)


def test_he_said_resolves_to_the_person_named_before(claims):
    text = ("Jane Morrow, a researcher, has studied the movement for a decade.\n"
            "\"It has about 6,000 members,\" he said.")
    got = claims(text)
    assert got[0].attributed_to == "Jane Morrow"


def test_they_resolves_to_the_experts_named_before(claims):
    text = ("The warning comes from UN monitors working in the region. "
            "In a March report, they estimate that the group has 900 fighters.")
    got = claims(text)
    assert got[0].attributed_to == "UN monitors"


def test_passive_hedge_takes_the_previous_sentence_source(claims):
    text = ("Western officials say 4,000 fighters remain in the hills. "
            "Another 1,000 are believed to be hiding in the towns.")
    got = claims(text)
    assert [c.attributed_to for c in got] == ["Western officials", "Western officials"]


def test_same_figure_same_source_twice_is_one_claim_with_two_sources(claims):
    text = ("According to UN experts, the group has 7,000 members.\n"
            "The group is rebuilding. According to UN experts, it has 7,000 members.")
    got = claims(text)
    assert len(got) == 1 and len(got[0].sources) == 2


def test_evidence_points_into_the_body(nlp):
    body = "Intro line.\nThe militia has about 3,500 fighters in the north."
    doc = Document(id="d-1", source="x.txt", body=body, published="2021-05-10", published_precision="day")
    doc.analysis = nlp(body)
    stage = ClaimStage()
    stage.process_batch([doc])
    ev = doc.claims[0].sources[0]
    assert body[ev.start:ev.end] == ev.text == "The militia has about 3,500 fighters in the north."
    assert doc.claims[0].as_of == "2021-05-10" and doc.claims[0].id.startswith("c-")
    assert stage.stats.counts["claims"] == 1


def test_an_unattributed_death_toll_is_not_a_claim_but_the_injured_are(claims):
    # the event record holds fatalities only: an injury count has no other home
    # (dev2 gold: "18 others wounded" is a claim, the 16 dead are the event's fatalities)
    got = claims("The blast caused over 60 deaths, and nearly 150 were injured.")
    assert [(c.low, c.high, c.qualifier) for c in got] == [(150, 150, "nearly")]


def test_a_description_as_source_is_its_own_not_the_sentence_befores(claims):
    # invented: "the Kurdish-led force" is not the "Iraqi officials" cited just before
    out = claims("Iraqi officials say the group has fewer than 1,000 members in the country.\n"
                 "There are about 10,000 IS detainees in prisons run by the SDF, the Kurdish-led force says.\n")
    by_low = {c.low or c.high: c.attributed_to for c in out}
    assert by_low[1000] == "Iraqi officials" and by_low[10000] == "Kurdish-led force"


def test_an_unnamed_report_takes_no_source_from_another_paragraph(claims):
    out = claims("The Pentagon estimates that the group has about 1,000 fighters in Afghanistan.\n"
                 "Citing intelligence estimates, the report said al-Shabaab had between 7,000 and 12,000 "
                 "fighters.\n")  # invented
    assert [c.attributed_to for c in out if c.low == 7000] == ["intelligence estimates"]


def test_estimates_ranging_from_one_figure_to_another_are_one_range(claims):
    # invented: "range from X to Y" is a spread of estimates; "rose from X to Y" stays two figures
    spread = claims("Estimates of its strength range from 2,000 to 4,000 fighters, according to analysts.")
    assert [(c.low, c.high) for c in spread] == [(2000, 4000)]
    change = claims("The number of fighters rose from 2,000 to 4,000, analysts say.")
    assert sorted(c.low for c in change) == [2000, 4000]


def test_a_trailing_attribution_the_model_misparses_still_names_the_source(claims):
    out = claims("The group has between 3,000 and 5,000 fighters in Somalia, UN monitors estimated in a "
                 "report released in February.")  # invented
    assert [c.attributed_to for c in out] == ["UN monitors"]


def test_an_area_in_square_kilometres_is_a_claim_and_a_distance_is_not(claims):
    area = claims("The group once controlled about 88,000 square kilometers of territory.")  # invented
    assert [(c.low, c.unit) for c in area] == [(88000, "km2")]
    assert claims("The town is 30 km from the border and the convoy drove 200 kilometres.") == []
