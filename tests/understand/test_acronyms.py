"""Actor acronyms that spell an English function word are read as names (invented sentences)."""

from __future__ import annotations

import pytest

from eventdesk.understand.actors.acronyms import acronym_norms
from eventdesk.understand.actors.registry import ActorRegistry
from eventdesk.understand.nlp import NlpConfig, build_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(NlpConfig())


def test_the_registry_gives_is_the_norm_of_another_acronym_of_the_islamic_state():
    assert acronym_norms(ActorRegistry.default()).get("IS") in {"isis", "isil", "daesh"}


@pytest.mark.parametrize("text, verb", [
    ("In 2014, IS seized Mosul.", "seized"),
    ("IS claimed responsibility for the attack.", "claimed"),
    ("IS took Palmyra in May 2015.", "took"),
])
def test_is_before_a_verb_is_its_subject_not_an_auxiliary(nlp, text, verb):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == "IS")
    assert tok.dep_ == "nsubj" and tok.head.text == verb and tok.text == "IS" and doc.text == text


def test_is_in_a_headline_set_in_capitals_stays_the_verb(nlp):
    doc = nlp("THE WAR IS OVER, SAYS THE ARMY")
    assert next(t for t in doc if t.text == "IS").norm_ == "is"
