"""Fifth-pass rules of the event extractor, on invented articles read by the whole
understanding pipeline (the real spaCy model and the knowledge components)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def events():
    from eventdesk.extract.events.extractor import EventConfig, extract_events
    from eventdesk.record import Document
    from eventdesk.understand.nlp import NlpConfig, build_nlp
    from eventdesk.understand.mentions import make_doc

    nlp = build_nlp(NlpConfig())

    def run(text: str, published: str = "2023-03-10"):
        doc = Document(id="d", source="t.txt", body=text, raw=text)
        doc.analysis = nlp(make_doc(nlp, text, (published, "day"), doc.id))
        return extract_events(doc, EventConfig())
    return run


def test_a_claim_names_the_attacker_a_description_left_unknown(events):
    # invented
    evs = events("A suicide bomber killed a provincial governor and two guards at his office in Mazar-i-Sharif "
                 "on Thursday, police said.\n\nThe attacker blew himself up inside the governor's office, a "
                 "police spokesman said.\n\nThe Islamic State group claimed responsibility for the attack.")
    bombings = [e for e in evs if e.sub_event_type == "Suicide bomb"]
    assert len(bombings) == 1 and bombings[0].actor1 == "Islamic State"


def test_gunmen_are_the_named_group_only_when_one_event_of_the_article_fits(events):
    # invented: two armed clashes of two named groups, then "gunmen" who fit either
    evs = events("Al-Shabaab fighters attacked an army base in Jowhar on Thursday. Islamic State fighters "
                 "attacked a police post in Bosaso on Thursday. Gunmen attacked soldiers on Thursday.")
    named = {e.actor1 for e in evs}
    assert "Al Shabaab" in named and "Islamic State" in named
    # the gunmen's report is not given to whichever group came first
    assert not any(len(e.sources) > 1 and e.actor1 == "Al Shabaab" and "Gunmen" in " ".join(
        s.text for s in e.sources) for e in evs)
