"""Office holders and titled names as persons (actor_titles), on invented sentences."""

from __future__ import annotations

import pytest
import spacy

from eventdesk.understand.actors import titles as actor_titles  # noqa: F401  (registers the factory)
from eventdesk.understand.nlp import NlpConfig, build_nlp


@pytest.fixture(scope="module")
def blank():
    """No model: titles and names from capitalisation alone."""
    pipeline = spacy.blank("en")
    pipeline.add_pipe("eventdesk_person_titles_v1")
    return pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(NlpConfig(components=["actors"]))


def persons(pipeline, text: str) -> list[str]:
    doc = pipeline(text)
    return [s.text for s in doc.spans["persons"]]


def test_title_takes_the_holders_name(blank):
    assert persons(blank, "Foreign Secretary Mary Okafor arrived on Monday.") == [
        "Foreign Secretary Mary Okafor"]
    assert persons(blank, "They met Sheikh Omar al-Rashidi in the evening.") == [
        "Sheikh Omar al-Rashidi"]


def test_office_alone_stands_for_its_holder(blank):
    assert persons(blank, "Later the Prime Minister told reporters it was over.") == [
        "the Prime Minister"]
    assert persons(blank, "He spoke to the Minister for Water Resources yesterday.") == [
        "the Minister for Water Resources"]


def test_honorific_needs_a_name(blank):
    assert persons(blank, "Abu Karim left the village.") == ["Abu Karim"]
    assert persons(blank, "Mr. and the rest left.") == []


def test_owner_before_a_lower_case_office_is_kept(nlp):
    doc = nlp("A Ministry of Health spokesman said the clinic in Tarvan had closed.")
    assert [s.text for s in doc.spans["persons"]] == ["A Ministry of Health spokesman"]


def test_adjective_senses_of_titles_are_not_people(nlp):
    doc = nlp("The general public was warned about major delays on the road.")
    assert list(doc.spans["persons"]) == []
