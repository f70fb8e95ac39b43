"""ACLED's iso, region, admin1 and admin2 columns filled from GeoNames (via the packages the
gazetteer already uses) and ACLED's region names."""

from eventdesk.export.acled import acled_row
from eventdesk.export.admin_areas import admin_areas
from eventdesk.record import Event


def test_a_town_gets_its_country_code_region_and_province():
    a = admin_areas("Syria", 34.5624, 38.28402, 1, "Tadmur")  # Palmyra
    assert (a.iso, a.region, a.admin1) == (760, "Middle East", "Homs")


def test_a_town_with_second_level_areas_gets_admin2():
    a = admin_areas("United States", 38.2527, -85.7585, 1, "Louisville")
    assert (a.iso, a.region, a.admin1, a.admin2) == (840, "North America", "Kentucky",
                                                     "Jefferson County")
    b = admin_areas("United Kingdom", 52.2053, 0.1218, 1, "Cambridge")
    assert (b.region, b.admin1, b.admin2) == ("Europe", "England", "Cambridgeshire")


def test_acled_regions_follow_acled_not_un_where_they_differ():
    assert admin_areas("Iran", None, None, None).region == "Middle East"
    assert admin_areas("Armenia", None, None, None).region == "Caucasus and Central Asia"
    assert admin_areas("Mozambique", None, None, None).region == "Southern Africa"
    assert admin_areas("Nigeria", None, None, None).region == "Western Africa"
    assert admin_areas("Mexico", None, None, None).region == "Central America"


def test_no_answer_rather_than_a_guess():
    assert admin_areas("Atlantis", 1.0, 1.0, 1) == admin_areas(None, None, None, None)
    # a region's middle: its nearest town may lie across a border, so no admin2, and an
    # admin1 only when the place is itself a first-level area
    borno = admin_areas("Nigeria", 11.5, 13.0, 3, "Borno")
    assert borno.admin1 == "Borno" and borno.admin2 is None
    desert = admin_areas("Syria", 34.9, 39.9, 3, "Badiya")
    assert desert.admin1 is None and desert.iso == 760
    # open sea, far from any town of the country
    assert admin_areas("Syria", 34.0, 33.0, 1, "offshore").admin1 is None


def test_the_acled_row_carries_them():
    ev = Event("Battles", "Armed clash", actor1="Islamic State", location="Tadmur",
               country="Syria", latitude=34.5624, longitude=38.28402, geo_precision=1,
               date="2025-03-12", date_precision="day", id="e-1")
    row = acled_row(ev, {})
    assert (row["iso"], row["region"], row["admin1"]) == (760, "Middle East", "Homs")
