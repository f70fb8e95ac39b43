"""Sixth-pass rules of the event extractor, on invented articles read by the whole
understanding pipeline (the real spaCy model and the knowledge components)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def page():
    """Events of an invented article on a page whose date is `published` (None: no date at
    all; a year with estimated=True: the cleaner's guess from the latest year the text names)."""
    from eventdesk.extract.events.extractor import EventConfig, extract_events
    from eventdesk.record import Document
    from eventdesk.understand.mentions import make_doc
    from eventdesk.understand.nlp import NlpConfig, build_nlp

    nlp = build_nlp(NlpConfig())

    def run(text: str, published: str | None = None, estimated: bool = False):
        doc = Document(id="d", source="t.txt", body=text, raw=text)
        if published:
            doc.published, doc.published_precision = published, "year" if len(published) == 4 else "day"
            doc.meta["published_estimated"] = estimated
        anchor = (published, doc.published_precision) if published and not estimated else None
        doc.analysis = nlp(make_doc(nlp, text, anchor, doc.id))
        return extract_events(doc, EventConfig(keep_historical=True))
    return run


RAID = ("Gunmen from the Allied Democratic Forces killed 14 villagers in a night raid on Mukondi in North "
        "Kivu province on Tuesday, local officials said.\n\nThe group, which has pledged allegiance to the "
        "Islamic State since 2019, has killed thousands of civilians in eastern Congo.")


def test_an_undated_pages_own_event_is_put_in_its_estimated_year_and_marked(page):
    # invented: the page gives no date; its text's latest year is 2019, so the raid is no earlier
    raids = [e for e in page(RAID, "2019", estimated=True) if e.sub_event_type == "Attack"]
    assert len(raids) == 1
    assert (raids[0].date, raids[0].date_precision) == ("2019", "year")
    assert raids[0].extra.get("date_estimated") is True


def test_a_page_with_no_year_at_all_leaves_the_event_undated(page):
    # invented: nothing on the page or in its text says which year it is
    text = RAID.replace(" since 2019", "")
    raids = [e for e in page(text) if e.sub_event_type == "Attack"]
    assert len(raids) == 1 and raids[0].date is None


def test_a_dated_pages_event_is_not_marked_estimated(page):
    raids = [e for e in page(RAID, "2023-03-10") if e.sub_event_type == "Attack"]
    assert len(raids) == 1 and raids[0].date == "2023-03-07" and "date_estimated" not in raids[0].extra
