"""A country the sentence treats as a party is its government; a country as a location is not
an actor (actors._acting_state), with the real model's parse."""

from __future__ import annotations

import pytest

from eventdesk.understand.nlp import NlpConfig, build_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(NlpConfig(components=["actors"]))


def state_actors(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(s.text, s._.actor.name) for s in doc.spans["actors"]
            if s._.actor.name.startswith("Government of")]


@pytest.mark.parametrize("text, country", [
    ("Jordan shelled the border crossing overnight.", "Jordan"),
    ("The ministers held talks with Jordan on Tuesday.", "Jordan"),
    ("Canada's response to the crisis was criticised.", "Canada"),
    ("A French strike hit the depot, and a Canada strike hit the bridge.", "Canada"),
])
def test_country_as_party_is_its_government(nlp, text, country):
    assert any(country in name for _, name in state_actors(nlp, text))


@pytest.mark.parametrize("text", [
    "The convoy drove through villages in Jordan for two days.",
    "Refugees crossed into Jordan's north last winter.",
])
def test_country_as_location_is_no_actor(nlp, text):
    assert state_actors(nlp, text) == []


def test_conjuncts_share_the_role(nlp):
    names = {name for _, name in state_actors(
        nlp, "Nations that joined the mission include Canada, Belgium and France.")}
    assert {"Government of Canada", "Government of Belgium", "Government of France"} <= names


@pytest.mark.parametrize("name, country, expected", [
    ("Unidentified Armed Group (Afghanistan)", "Pakistan", "Unidentified Armed Group (Pakistan)"),
    ("Civilians (Syria)", "Turkey", "Civilians (Turkey)"),
    ("Protesters (Kenya)", "Uganda", "Protesters (Uganda)"),
    ("Opposition Rebels (Turkey)", "Syria", "Opposition Rebels (Syria)"),
    # state forces fight abroad under their own country's name
    ("Military Forces of Turkey", "Syria", "Military Forces of Turkey"),
    ("Islamic State", "Iraq", "Islamic State"),
])
def test_unnamed_sides_take_the_country_where_the_event_happened(name, country, expected):
    from eventdesk.understand.actors.registry import ActorRegistry

    assert ActorRegistry.default().where_it_happened(name, country) == expected


@pytest.mark.parametrize("name, expected", [
    ("Government of Nigeria", "Military Forces of Nigeria"),
    ("Military Forces of Nigeria", "Military Forces of Nigeria"),
    ("Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
])
def test_a_state_acts_through_its_forces(name, expected):
    from eventdesk.understand.actors.registry import ActorRegistry

    assert ActorRegistry.default().acting_force(name) == expected


@pytest.fixture(scope="module")
def full_nlp():
    return build_nlp(NlpConfig())  # descriptions take their country from the places component


def linked(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(s.text, s._.actor.name) for s in doc.spans["actors"]]


@pytest.mark.parametrize("text, later, group", [
    # invented
    ("Farmers were attacked by the Allied Democratic Forces (ADF) rebels in Beni. "
     "The rebels killed 20 people in Oicha on Friday.", "The rebels", "ADF: Allied Democratic Forces"),
    ("On Monday, rebel forces led by Hayat Tahrir al-Sham left Idlib. Rebels took Hama on Friday.",
     "Rebels", "HTS: Hayat Tahrir al-Sham"),
    ("Goma, in the Democratic Republic of Congo, is set to fall to the M23 armed group. "
     "The armed group entered the city on Sunday.",
     "The armed group", "M23: March 23 Movement"),
])
def test_a_description_the_article_ties_to_a_group_names_that_group_again(full_nlp, text, later, group):
    assert (later, group) in linked(full_nlp, text)


def test_a_description_not_tied_to_a_group_stays_generic(full_nlp):
    # invented: opposition fighters fight the Islamic State; they are not it
    found = dict(linked(full_nlp, "Opposition fighters captured three villages from Islamic State near al-Bab "
                                "in Syria. The rebels then advanced."))
    assert found["The rebels"].startswith("Opposition Rebels")


def test_a_description_with_its_own_modifier_names_its_own_side(full_nlp):
    # invented: "fighters" tied to Hezbollah does not make "Opposition fighters" Hezbollah
    found = dict(linked(full_nlp, "Regime forces seized villages near al-Bab in Syria, helped by Hezbollah "
                                "fighters from Lebanon. Opposition fighters captured three villages."))
    assert found["Opposition fighters"].startswith("Opposition Rebels")
