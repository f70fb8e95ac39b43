"""Where an event happened when the sentence names only an area or a country, on invented
sentences with hand-made understanding (the model parses)."""

from __future__ import annotations

from eventdesk.extract.events.extractor import EventConfig, extract_events
from eventdesk.record import Document
from tests.extract.test_events import ACTORS, DATES, _group, _Place

PLACES = {
    "Horn of Africa": _Place("East Africa", None, 7.0, 45.0, 3),
    "Somalia": _Place("Somalia", "Somalia", 6.0, 48.0, 3),
    "Mogadishu": _Place("Mogadishu", "Somalia", 2.04, 45.34, 1),
    "Kenya": _Place("Kenya", "Kenya", 0.5, 38.0, 3),
    "Nairobi": _Place("Nairobi", "Kenya", -1.28, 36.82, 1),
}


def _events(nlp, text: str):
    sdoc = nlp(text)
    sdoc.user_data["published"] = ("2017-11-09", "day")
    sdoc.spans["actors"] = _group(sdoc, ACTORS, "actor")
    sdoc.spans["places"] = _group(sdoc, PLACES, "place")
    sdoc.spans["dates"] = _group(sdoc, DATES, "date")
    return extract_events(Document(id="d", source="t.txt", body=text, analysis=sdoc), EventConfig())


def test_an_area_across_borders_gives_way_to_the_country_the_article_is_about(nlp):
    evs = _events(nlp, "Somalia's government has asked for help against IS.\n"
                       "IS gunmen attacked a checkpoint in the Horn of Africa on Friday, killing four soldiers.")
    assert evs and all(e.country == "Somalia" and e.location == "Somalia" for e in evs)


def test_a_lead_located_by_country_takes_the_town_of_the_next_paragraph(nlp):
    evs = _events(nlp, "IS gunmen stormed a hotel in Somalia on Friday, killing 20 people.\n"
                       "The siege of the hotel in the capital Mogadishu lasted 30 hours.")
    stormed = [e for e in evs if "stormed" in e.sources[0].text]
    assert stormed and stormed[0].location == "Mogadishu" and stormed[0].geo_precision == 1


def test_the_next_paragraphs_town_in_another_country_is_not_borrowed(nlp):
    evs = _events(nlp, "IS gunmen stormed a hotel in Somalia on Friday, killing 20 people.\n"
                       "Kenya's police in Nairobi were put on alert.")
    stormed = [e for e in evs if "stormed" in e.sources[0].text]
    assert stormed and stormed[0].location == "Somalia"
