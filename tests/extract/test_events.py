"""Event extractor on invented sentences: the model parses, the understanding layer is set by
hand (actors, places, dates) so the tests check the extractor's own rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
import spacy
from spacy.tokens import Span

from eventdesk.errors import Errors
from eventdesk.extract.events.fatalities import parse_count, word_number
from eventdesk.extract.events.lexicon import load_lexicon
from eventdesk.extract.events.extractor import EventConfig, EventStage, extract_events
from eventdesk.record import Document

for _name in ("actor", "place", "date"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


@dataclass
class _Actor:
    id: str
    name: str
    inter: str
    country: str | None = None


@dataclass
class _Place:
    name: str
    country: str
    latitude: float | None
    longitude: float | None
    geo_precision: int


@dataclass
class _Date:
    iso: str
    precision: str
    start: date
    end: date


ACTORS = {
    "Iraqi forces": _Actor("iq-mil", "Military Forces of Iraq", "state forces", "Iraq"),
    "the army": _Actor("iq-mil", "Military Forces of Iraq", "state forces", "Iraq"),
    "Syrian forces": _Actor("sy-mil", "Military Forces of Syria", "state forces", "Syria"),
    "Russian warplanes": _Actor("ru-mil", "Military Forces of Russia", "state forces", "Russia"),
    "IS": _Actor("is", "Islamic State", "rebels"),
    "the militants": _Actor("is", "Islamic State", "rebels"),
    "the gunmen": _Actor("is", "Islamic State", "rebels"),
    "soldiers": _Actor("ye-mil", "Military Forces of Yemen", "state forces", "Yemen"),
}
PLACES = {
    "Qaim": _Place("Al-Qaim", "Iraq", 34.37, 41.09, 1),
    "Rawa": _Place("Rawa", "Iraq", 34.47, 41.92, 1),
    "Aden": _Place("Aden", "Yemen", 12.8, 45.03, 1),
    "Tadmur": _Place("Palmyra", "Syria", 34.56, 38.28, 1),
    "Idlib": _Place("Idlib", "Syria", 35.93, 36.63, 1),
}
DATES = {
    "on Friday": _Date("2017-11-03", "day", date(2017, 11, 3), date(2017, 11, 3)),
    "On Sunday": _Date("2017-11-05", "day", date(2017, 11, 5), date(2017, 11, 5)),
    "on Monday": _Date("2017-11-06", "day", date(2017, 11, 6), date(2017, 11, 6)),
    "on Tuesday": _Date("2017-11-07", "day", date(2017, 11, 7), date(2017, 11, 7)),
    "in March 2015": _Date("2015-03", "month", date(2015, 3, 1), date(2015, 3, 31)),
    "next week": _Date("2017-11", "week", date(2017, 11, 13), date(2017, 11, 19)),
}



def _group(sdoc, table, attr):
    spans = []
    for text, value in table.items():
        start = 0
        while (at := sdoc.text.find(text, start)) >= 0:
            span = sdoc.char_span(at, at + len(text), alignment_mode="expand")
            setattr(span._, attr, value)
            spans.append(span)
            start = at + len(text)
    return spans


def events_of(nlp, text: str, published=("2017-11-09", "day"), config=None):
    sdoc = nlp(text)
    sdoc.user_data["published"] = published
    sdoc.spans["actors"] = _group(sdoc, ACTORS, "actor")
    sdoc.spans["places"] = _group(sdoc, PLACES, "place")
    sdoc.spans["dates"] = _group(sdoc, DATES, "date")
    doc = Document(id="d-test", source="test.txt", body=text, analysis=sdoc)
    return extract_events(doc, config or EventConfig())


def test_two_events_in_one_sentence(nlp):
    evs = events_of(nlp, "Iraqi forces recaptured Qaim on Friday and immediately launched an offensive "
                         "to drive the militants from Rawa.")
    kinds = sorted((e.sub_event_type, e.location) for e in evs)
    assert kinds == [("Armed clash", "Rawa"), ("Government regains territory", "Al-Qaim")]
    assert all(e.actor1 == "Military Forces of Iraq" and e.date == "2017-11-03" for e in evs)


def test_passive_victims_and_claim_in_next_sentence(nlp):
    text = ("On Sunday, at least eight soldiers were killed in a suicide car bombing in Aden. "
            "IS later claimed responsibility for the attack.")
    evs = events_of(nlp, text)
    assert len(evs) == 1
    ev = evs[0]
    assert (ev.event_type, ev.sub_event_type) == ("Explosions/Remote violence", "Suicide bomb")
    assert ev.actor1 == "Islamic State"
    assert (ev.fatalities, ev.fatalities_high) == (8, None)
    assert ev.location == "Aden" and ev.date == "2017-11-05" and not ev.historical
    assert text[ev.sources[0].start:ev.sources[0].end] == ev.sources[0].text
    assert ev.sources[0].text.startswith("On Sunday")


def test_backing_is_not_the_acting_side(nlp):
    evs = events_of(nlp, "Syrian forces backed by Russian warplanes liberated Tadmur from IS on Friday.")
    assert len(evs) == 1
    assert evs[0].actor1 == "Military Forces of Syria"
    assert evs[0].actor2 == "Islamic State"
    assert evs[0].sub_event_type == "Government regains territory"


@pytest.mark.parametrize("text", [
    "The militants may attack Rawa next week.",
    "The army plans to storm Rawa next week.",
    "If the militants attack Rawa, the army will retake it.",
    "The army did not attack Rawa on Friday.",
])
def test_hypotheticals_plans_conditionals_negations_are_not_events(nlp, text):
    assert events_of(nlp, text) == []


@pytest.mark.parametrize("text", [
    "The group has carried out attacks in around 30 countries.",
    "The army has been reporting air strikes in the desert.",
    "The militants are increasingly reverting to their weapon of choice: suicide attacks.",
])
def test_habitual_and_aggregate_statements_are_not_events(nlp, text):
    assert events_of(nlp, text) == []


def test_reported_speech_is_kept(nlp):
    evs = events_of(nlp, "Police said the gunmen killed four villagers in Qaim on Monday.")
    assert len(evs) == 1
    ev = evs[0]
    assert (ev.event_type, ev.sub_event_type) == ("Violence against civilians", "Attack")
    assert ev.actor2 == "Civilians (Iraq)" and ev.fatalities == 4


def test_historical_is_flagged_not_dropped(nlp):
    evs = events_of(nlp, "The army retook Qaim in March 2015.")
    assert len(evs) == 1 and evs[0].historical and evs[0].date == "2015-03"
    assert events_of(nlp, "The army retook Qaim in March 2015.", config=EventConfig(keep_historical=False)) == []


def test_dozens_is_twelve_and_air_strike_type(nlp):
    evs = events_of(nlp, "Dozens of people were killed in an air strike on Idlib on Tuesday.")
    assert len(evs) == 1
    assert evs[0].sub_event_type == "Air/drone strike"
    assert evs[0].fatalities == 12


def test_two_mentions_of_one_event_are_merged(nlp):
    text = ("Iraqi forces recaptured Qaim on Friday.\n"
            "The liberation of Qaim by Iraqi forces was celebrated in the capital.")
    evs = events_of(nlp, text)
    assert len(evs) == 1
    assert len(evs[0].sources) == 2


@pytest.mark.parametrize("phrase,bounds", [
    ("at least eight", (8, None)), ("nearly 20", (20, 20)), ("dozens", (12, None)),
    ("hundreds", (100, None)), ("more than 100", (100, None)), ("between 10 and 20", (10, 20)),
    ("twenty-five", (25, 25)), ("1,200", (1200, 1200)), ("up to 30", (30, 30)),
])
def test_count_phrases(phrase, bounds):
    assert parse_count(phrase, load_lexicon()) == bounds


def test_word_numbers():
    assert word_number("eight") == 8 and word_number("two hundred") == 200 and word_number("several") is None


def test_stage_skips_documents_without_analysis():
    stage = EventStage()
    doc = Document(id="d-1", source="x.txt", body="text")
    stage.process_batch([doc])
    assert doc.status == "skipped" and doc.status_reason == Errors.E402
    assert stage.stats.dropped[Errors.E402] == 1
