"""The gazetteer reads a document's toponyms together: "Town, Area" pairs, one sense per
discourse, leave-one-out context, capitals and world cities against same-named hamlets."""

from __future__ import annotations

import pytest

from eventdesk.understand.places.gazetteer import Gazetteer


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def test_capitals_of_both_sources_are_capitals(gaz):
    # countryinfo names no capital for the United Kingdom and calls Washington "Washington D.C."
    assert gaz.resolve("London").kind == "capital"
    assert gaz.resolve("Washington").kind == "capital"


def test_a_curated_abbreviation_in_capitals_names_its_town(gaz):
    assert gaz.resolve("D.C.").name == "Washington"  # no longer an acronym clash
    assert gaz.resolve("IS") is None  # still no town called "Is"


def test_a_world_city_beats_a_hamlet_of_the_article_s_state(gaz):
    # London, California has 1,900 people; an article about Los Angeles still means London.
    places = gaz.resolve_all(["Los Angeles", "California", "New York", "London"])
    assert places[3].country_code == "GB"


def test_a_state_whose_bare_name_a_city_holds_qualifies_a_town(gaz):
    tacoma, washington = gaz.resolve_all(["Tacoma, Washington", "Washington"])
    assert (tacoma.name, tacoma.admin1) == ("Tacoma", "Washington")
    assert washington.kind == "admin1"  # the document said which Washington it means
    assert gaz.resolve_all(["Washington"])[0].kind == "capital"  # alone, the capital


def test_a_list_is_no_town_and_state_pair(gaz):
    # "Washington, New York and Boston": a capital first is a list, not a town of a state.
    first, second = gaz.resolve_all(["Washington, New York", "New York"])
    assert first.kind == "capital" and second.name == "New York City"
    # "Iraq, Syria and Libya": a country is never moved into the next one
    assert gaz.resolve_all(["Iraq, Syria"])[0].name == "Iraq"


def test_an_unknown_place_in_a_named_area_is_the_area(gaz):
    assert gaz.resolve("Oulton Park, Cheshire").name == "Cheshire"  # not Park County, Montana
    murray = gaz.resolve("Camp Murray, Wash.")
    assert (murray.kind, murray.admin1) == ("admin1", "Washington")


def test_a_county_picks_its_own_town_of_a_shared_name(gaz):
    croft = gaz.resolve("Croft, Yorkshire")
    assert croft.country_code == "GB" and croft.latitude > 53.2


def test_a_governorate_without_admin1_name_still_holds_its_towns(gaz):
    assert gaz.resolve("Tikrit, Salahuddin").name == "Tikrit"


def test_a_name_does_not_vote_for_itself(gaz):
    # "Santa Barbara" alone is a Honduran department; beside Goleta and Carpinteria it is
    # the Californian city, and its own first reading must not hold it in Honduras.
    places = gaz.resolve_all(["Goleta", "Carpinteria", "Santa Barbara"])
    assert places[2].country_code == "US"


def test_a_building_the_gazetteer_lacks_stands_in_the_article_s_town(gaz):
    names = ["Tianjin", "Beijing", "Tianjin", "No. 2 Detention Centre"]
    assert gaz.resolve_all(names)[3].name == "Tianjin"
    # the bare noun too, and never the Centre region of Burkina Faso
    assert gaz.resolve_all(["Oklahoma City", "Capitol"])[1].name == "Oklahoma City"
    assert gaz.resolve_all(["Holy Redeemer Church"]) == [None]  # no town to stand in


def test_a_facility_named_after_a_place_is_that_place(gaz):
    assert gaz.resolve("Mosul Airport").name == "Mosul"
    assert gaz.resolve("Falls Church").admin1 == "Virginia"  # a town's own name comes first


def test_general_geography_the_sources_lack(gaz):
    assert gaz.resolve("FATA").country_code == "PK"
    assert gaz.resolve("South Waziristan Agency").kind == "district"
    assert gaz.resolve("West Wing").name == "White House"
    assert gaz.resolve("Appalachians").country_code == "US"
    assert gaz.resolve("West Coast").country_code == "US"  # not the South African district
    assert gaz.demonym("Kurdish").name == "Kurdistan"
    assert gaz.demonym("Bosnian").country_code == "BA"


def test_state_abbreviations_follow_the_article_s_country(gaz):
    assert gaz.resolve_all(["Perth", "Fremantle", "WA"])[2].name == "Western Australia"
    assert gaz.resolve_all(["Seattle", "Tacoma", "WA"])[2].admin1 == "Washington"
    assert gaz.resolve_all(["Johannesburg", "Pretoria", "SA"])[2].name == "South Africa"
    assert gaz.resolve_all(["Adelaide", "Melbourne", "SA"])[2].name == "South Australia"


def test_a_town_named_once_with_its_county_keeps_it(gaz):
    # "New Quay, Ceredigion" then "New Quay" alone: the same Welsh village, not Newquay
    places = gaz.resolve_all(["New Quay, Ceredigion", "New Quay", "Wales"])
    assert places[1].id == places[0].id


def test_a_building_named_after_a_person_is_no_hamlet_of_that_name(gaz):
    # Loyola University is no building of Loyola (a hamlet); it stands in the article's town
    place = gaz.resolve_all(["Los Angeles", "Los Angeles", "Loyola University"])[2]
    assert place.name == "Los Angeles"


def test_a_state_named_by_its_abbreviation_is_the_bare_name(gaz):
    # "CAMP MURRAY, Wash." ... "in central Washington": the state, not the capital
    places = gaz.resolve_all(["Camp Murray, Wash.", "Washington"])
    assert places[1].kind == "admin1"


def test_counties_of_one_state_hold_together(gaz):
    names = ["Daviess County", "Muhlenberg County", "Owensboro", "McLean County",
             "Ohio County"]
    places = gaz.resolve_all(names)
    assert {p.admin1 for p in places} == {"Kentucky"}


def test_first_level_regions_carry_their_own_names(gaz):
    # countryinfo's provinces are tied to GeoNames codes through same-named towns; a village
    # in another province must not rename it, nor a London borough England.
    assert gaz.resolve("Chiapas").latitude < 18  # not Baja California's name on Chiapas
    assert gaz.resolve("Baja California").latitude > 28
    assert gaz.resolve("Birmingham").admin1 == "England"
    assert gaz.resolve("Wales").name == "Wales"  # not the United Kingdom
    assert gaz.resolve("Holy See").country_code == "VA"


def test_counties_of_ireland_and_council_names(gaz):
    assert gaz.resolve("Tipperary County Council").name == "County Tipperary"
    assert gaz.resolve("Cork").kind == "city"  # the bare name stays the city


def test_a_country_in_capitals_inside_an_institution(gaz):
    assert gaz.resolve("US Federal Reserve").country_code == "US"
    assert gaz.resolve("Islamic Republic").country_code == "IR"


def test_a_feature_named_after_no_known_place_is_in_the_article_s_town(gaz):
    places = gaz.resolve_all(["Rockingham", "Rockingham", "Safety Bay", "Point Peron"])
    assert places[3].country_code == "AU"
    assert gaz.resolve_all(["Mount Sinjar"])[0].name == "Sinjar"  # a curated name first


def test_the_article_s_town_is_one_of_the_state_it_keeps_naming(gaz):
    names = ["Nashville", "Nashville", "Montana", "Montana", "Montana", "Helena",
             "Crossroads Correctional Center"]
    assert gaz.resolve_all(names)[6].admin1 == "Montana"


def test_county_short_forms_and_city_quarters(gaz):
    assert gaz.resolve("Herts").name == "Hertfordshire"
    assert gaz.resolve_all(["New Orleans", "New Orleans", "French Quarter"])[2].name == "New Orleans"
    assert gaz.resolve("Broadway").country_code == "US" and gaz.resolve("Broadway").kind == "site"


def test_a_thinly_settled_province_sits_at_the_middle_of_its_land(gaz):
    # Ontario's towns end near 53 N; the province reaches 57 N, its middle near 49 N.
    assert gaz.resolve("Ontario").latitude > 48.5
    assert gaz.resolve("Quebec").kind == "city"  # the curated point moved the province only
    assert abs(gaz.resolve("Quebec").latitude - 46.8) < 0.2


def test_a_faubourg_and_a_combining_form(gaz):
    names = ["New Orleans", "New Orleans", "Faubourg Marigny"]
    assert gaz.resolve_all(names)[2].name == "New Orleans"
    assert gaz.demonym("Austro").country_code == "AT"


def test_a_loose_match_in_a_country_the_document_never_points_at_is_no_answer(gaz):
    # invented document: a Cameroonian village the gazetteer lacks spells like a Norwegian town
    places = gaz.resolve_all(["Kolofata", "Maroua", "Cameroon"])
    assert places[0] is None or places[0].country_code == "CM"
    assert gaz.resolve_all(["Kolofata"]) == [None]
    assert places[1] is not None and places[1].country_code == "CM"
