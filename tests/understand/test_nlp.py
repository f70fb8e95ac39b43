"""The pipeline builder and the understanding stage, with the real model (loaded once)."""

from __future__ import annotations

import pytest

from eventdesk.errors import ConfigError
from eventdesk.record import Document
from eventdesk.understand.mentions import describe_entities, to_mentions
from eventdesk.understand.nlp import NlpConfig, build_nlp
from eventdesk.understand.stage import UnderstandStage

TEXT = ("Daesh fighters attacked Iraqi troops near the town on Friday, the SDF said. "
        "ISIL claimed the attack, and the militants fled with two tanks.")


@pytest.fixture(scope="module")
def nlp():
    # places has its own tests; its gazetteer takes long to load on a busy machine
    return build_nlp(NlpConfig(components=["actors", "dates", "materiel"]))


def test_actor_ruler_runs_before_ner_and_resolver_last(nlp):
    names = nlp.pipe_names
    assert names.index("actor_ruler") < names.index("ner")
    assert names[-1] == "actor_resolver"


def test_small_model_errors_are_fixed(nlp):
    doc = nlp(TEXT)
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels["Daesh"] == "ORG" and labels["ISIL"] == "ORG"
    names = {s.text: s._.actor.name for s in doc.spans["actors"]}
    assert names["Daesh fighters"] == "Islamic State"
    assert names["Iraqi troops"] == "Military Forces of Iraq"
    assert names["the militants"] == "Islamic State"


def test_missing_model_raises_e001():
    with pytest.raises(ConfigError, match="E001"):
        build_nlp(NlpConfig(model="no_such_model_xx"))


def test_model_name_from_environment(monkeypatch):
    monkeypatch.setenv("EVENTDESK_SPACY_MODEL", "en_core_web_md")
    assert NlpConfig().model_name == "en_core_web_md"
    assert NlpConfig(model="custom").model_name == "custom"


def test_mentions_point_at_the_text(nlp):
    mentions = describe_entities(TEXT, ("2017-10-30", "day"), nlp=nlp)
    actors = [m for m in mentions if m.kind == "actor"]
    assert actors and all(TEXT[m.start:m.end] == m.text for m in mentions)
    assert {m.name for m in actors} >= {"Islamic State", "Military Forces of Iraq"}
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


def test_to_mentions_without_span_groups(nlp):
    assert to_mentions(nlp.make_doc("Nothing here.")) == []


def test_stage_fills_analysis_and_mentions_of_active_documents(nlp):
    stage = UnderstandStage(NlpConfig(components=["actors", "dates", "materiel"]))
    stage.nlp, stage._ready = nlp, True
    active = Document(id="d-1", source="x", body=TEXT, published="2017-10-30", published_precision="day")
    skipped = Document(id="d-2", source="y", body="ISIL.", status="skipped")
    stage.process_batch([active, skipped])
    assert active.analysis is not None and active.analysis.user_data["document_id"] == "d-1"
    assert active.analysis.user_data["published"] == ("2017-10-30", "day")
    assert any(m.kind == "actor" for m in active.mentions)
    assert skipped.analysis is None and skipped.mentions == []
    assert stage.stats.counts["documents"] == 1


def test_no_sentence_runs_across_a_body_line():
    paragraphs = build_nlp(NlpConfig(components=["paragraphs"]))
    doc = paragraphs('"We have lost the city," said a colonel.\n"It is a total collapse.\n'
                     'The fall of the city deals a blow to the government.')
    assert any(s.text.startswith("The fall") for s in doc.sents)
    assert not any("collapse" in s.text and "fall" in s.text for s in doc.sents)


def test_a_name_the_model_calls_a_person_is_a_place_when_it_is_ground_taken():
    pipeline = build_nlp(NlpConfig(components=["places"]))
    doc = pipeline("Sunni militants have regained momentum in Iraq, taking Falluja and parts of Ramadi.")
    assert "Falluja" in [s.text for s in doc.spans["places"]]


def test_a_capital_acting_as_subject_is_its_government_and_stays_a_place_elsewhere():
    pipeline = build_nlp(NlpConfig(components=["places", "actors"]))
    doc = pipeline("Troops remain, 18 years after Washington invaded the country. Officials in Washington "
                   "said nothing. A bomb hit a Damascus police station.")
    actors = {s.text: s._.actor.name for s in doc.spans["actors"]}
    assert actors.get("Washington") == "Government of the United States"
    places = [s.text for s in doc.spans["places"]]
    assert places.count("Washington") >= 1 and "Damascus" in places
    assert "Damascus" not in actors
