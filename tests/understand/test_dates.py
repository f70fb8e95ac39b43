"""Temporal expressions resolved against a fixed publication date (Monday 30 Oct 2017)."""

from datetime import date

import pytest
import spacy
from spacy.tokens import Doc

from eventdesk.understand.dates.components import DatesConfig, add_to_pipeline, resolve_date

PUB = ("2017-10-30", "day")

CASES = [  # text, iso, precision
    ("on Friday", "2017-10-27", "day"),
    ("Tuesday", "2017-10-24", "day"),
    ("Tuesday\u2019s", "2017-10-24", "day"),
    ("on Monday", "2017-10-30", "day"),
    ("last Monday", "2017-10-23", "day"),
    ("on Sunday night", "2017-10-29", "day"),
    ("yesterday", "2017-10-29", "day"),
    ("the previous day", "2017-10-29", "day"),
    ("last night", "2017-10-29", "day"),
    ("last week", "2017-10", "week"),
    ("this week", "2017-10", "week"),
    ("earlier this month", "2017-10", "month"),
    ("this month", "2017-10", "month"),
    ("late last month", "2017-09", "month"),
    ("last month", "2017-09", "month"),
    ("in late September", "2017-09", "month"),
    ("in December", "2016-12", "month"),
    ("As 2016 ended", "2016-12", "month"),
    ("the end of 2016", "2016-12", "month"),
    ("in March 2019", "2019-03", "month"),
    ("in the summer of 2014", "2014", "year"),
    ("in 2007", "2007", "year"),
    ("mid-2014", "2014", "year"),
    ("late 2014", "2014", "year"),
    ("five years after its defeat in March 2019", "2024", "year"),
    ("five years after the defeat in March 2019.", "2024", "year"),
    ("Five years after its defeat in March 2019, the group is back", "2024", "year"),
    ("in 2014.", "2014", "year"),
    ("December 11, 2022", "2022-12-11", "day"),
    ("11 December 2022", "2022-12-11", "day"),
    ("11 December", "2016-12-11", "day"),
    ("Dec. 11", "2016-12-11", "day"),
    ("Oct. 3", "2017-10-03", "day"),
    ("last year", "2016", "year"),
    ("two years ago", "2015", "year"),
    ("nine months ago", "2017-01", "month"),
    ("two and a half years ago", "2015-04", "month"),
    ("six days ago", "2017-10-24", "day"),
    ("since 2014", "2014", "year"),
    ("2014-06-10", "2014-06-10", "day"),
]


@pytest.mark.parametrize("text,iso,precision", CASES)
def test_resolves_against_publication(text, iso, precision):
    value = resolve_date(text, PUB)
    assert value is not None, text
    assert (value.iso, value.precision) == (iso, precision)
    assert value.start <= value.end


@pytest.mark.parametrize("text", ["at 02:57 local time", "02:57", "five years", "four days",
                                  "the 1990s", "three days later", "recently"])
def test_not_a_date(text):
    assert resolve_date(text, PUB) is None


def test_relative_needs_publication_date_absolute_does_not():
    assert resolve_date("on Friday", None) is None
    assert resolve_date("last month", None) is None
    assert resolve_date("11 December", None) is None
    assert resolve_date("March 2019", None).iso == "2019-03"
    assert resolve_date("December 11, 2022", None).iso == "2022-12-11"


def test_relative_flag_and_intervals():
    friday = resolve_date("on Friday", PUB)
    assert friday.relative and friday.start == friday.end == date(2017, 10, 27)
    march = resolve_date("March 2019", PUB)
    assert not march.relative and (march.start, march.end) == (date(2019, 3, 1), date(2019, 3, 31))
    late = resolve_date("late September", PUB)
    assert late.start > date(2017, 9, 15) and late.end == date(2017, 9, 30)


def test_since_marks_an_open_range():
    value = resolve_date("since 2014", PUB)
    assert value.open_end and value.start == date(2014, 1, 1) and value.end == date(2017, 10, 30)
    assert not resolve_date("in 2014", PUB).open_end


def test_never_more_precise_than_the_publication_date():
    month_only = ("2019-10", "month")
    assert (resolve_date("on Friday", month_only).iso, resolve_date("on Friday", month_only).precision) == ("2019-10", "month")
    assert resolve_date("last month", month_only).iso == "2019-09"
    assert resolve_date("last year", ("2017", "year")).iso == "2016"


def test_future_tense_hint_turns_day_names_forward():
    assert resolve_date("on Friday", PUB, tense_hint="future").iso == "2017-11-03"
    assert resolve_date("next week", PUB).iso == "2017-11"


@pytest.fixture(scope="module")
def blank_nlp():
    nlp = spacy.blank("en")
    add_to_pipeline(nlp, DatesConfig())
    return nlp


def test_component_on_handmade_doc(blank_nlp):
    words = ["Rebels", "attacked", "the", "town", "on", "Friday", ",", "five", "years", "after",
             "its", "fall", "in", "March", "2012", ",", "at", "02:57", "."]
    doc = Doc(blank_nlp.vocab, words=words)
    doc.ents = [doc.char_span(doc[7].idx, doc[8].idx + 5, label="DATE"),
                doc.char_span(doc[17].idx, doc[17].idx + 5, label="TIME")]
    doc.user_data["published"] = PUB
    doc = blank_nlp.get_pipe("eventdesk_dates_v1")(doc)
    found = {s.text: s._.date.iso for s in doc.spans["dates"]}
    assert found == {"Friday": "2017-10-27", "five years after": "2017", "March 2012": "2012-03"}


def test_a_model_span_that_took_the_after_in_still_counts_from_the_text_date(blank_nlp):
    words = ["Five", "years", "after", "its", "defeat", "in", "March", "2012", ",", "the", "group", "is", "back", "."]
    doc = Doc(blank_nlp.vocab, words=words)
    doc.ents = [doc.char_span(doc[0].idx, doc[2].idx + 5, label="DATE")]
    doc.user_data["published"] = PUB
    doc = blank_nlp.get_pipe("eventdesk_dates_v1")(doc)
    assert {s.text: s._.date.iso for s in doc.spans["dates"]}["Five years after"] == "2017"


def test_n_years_after_that_lands_years_past_publication_is_left_unresolved(blank_nlp):
    words = ["Troops", "remain", ",", "18", "years", "after", "the", "invasion", "."]
    doc = Doc(blank_nlp.vocab, words=words)
    doc.ents = [doc.char_span(doc[3].idx, doc[5].idx + 5, label="DATE")]
    doc.user_data["published"] = PUB
    doc = blank_nlp.get_pipe("eventdesk_dates_v1")(doc)
    assert not [s for s in doc.spans["dates"] if "18" in s.text]


def test_component_adds_patterns_the_model_misses(blank_nlp):
    doc = blank_nlp.make_doc("Since 2014 the group has held the valley. As 2016 ended, it lost "
                             "the town, and earlier this month it came back.")
    doc.user_data["published"] = PUB
    doc = blank_nlp(doc)
    found = {s.text: (s._.date.iso, s._.date.open_end) for s in doc.spans["dates"]}
    assert found == {"Since 2014": ("2014", True), "As 2016 ended": ("2016-12", False),
                     "earlier this month": ("2017-10", False)}


def test_add_to_pipeline_is_idempotent_and_last():
    nlp = spacy.blank("en")
    add_to_pipeline(nlp, None)
    add_to_pipeline(nlp, {"dates": {"spans_key": "dates"}})
    assert nlp.pipe_names == ["eventdesk_dates_v1"]


def test_bare_month_in_a_year_only_document_takes_the_text_year():
    from eventdesk.understand.dates.resolve import default_resolver

    v = default_resolver().resolve("in November", ("2017", "year"), None, year_hint=2016)
    assert (v.iso, v.precision) == ("2016-11", "month")


def test_bare_month_without_a_year_anywhere_is_unresolved():
    from eventdesk.understand.dates.resolve import default_resolver

    assert default_resolver().resolve("in November", ("2017", "year")) is None
    assert default_resolver().resolve("in November", None) is None


@pytest.mark.parametrize("text", ["Tuesday", "today", "on Tuesday"])
def test_relative_day_without_publication_date_is_unresolved(text):
    from eventdesk.understand.dates.resolve import resolve_date

    assert resolve_date(text, None) is None


@pytest.mark.parametrize("text,published,iso", [
    # only the year is borrowed: a page dated to its month or year still pins the day
    ("on Aug. 4", ("2021-09", "month"), "2021-08-04"),
    ("October 30", ("2024", "year"), "2024-10-30"),
    ("on 27 November", ("2024-12-08", "day"), "2024-11-27"),
    ("Dec. 20", ("2021-12", "month"), "2021-12-20"),
])
def test_a_day_of_a_month_keeps_day_precision_when_the_year_is_known(text, published, iso):
    value = resolve_date(text, published)
    assert (value.iso, value.precision) == (iso, "day")


def test_a_day_of_a_month_takes_the_texts_year_when_the_page_has_no_date():
    from eventdesk.understand.dates.resolve import default_resolver

    v = default_resolver().resolve("on Aug. 4", None, None, year_hint=2021)
    assert (v.iso, v.precision) == ("2021-08-04", "day")


@pytest.mark.parametrize("text,published,iso", [
    ("Last June", ("2017-01", "month"), "2016-06"),
    ("last June", PUB, "2017-06"),
    ("last October", PUB, "2016-10"),
    ("next June", PUB, "2018-06"),
])
def test_last_and_next_before_a_month(text, published, iso):
    assert resolve_date(text, published).iso == iso


@pytest.mark.parametrize("text,published,iso", [
    ("on New Year\u2019s Eve", ("2021-01-01", "day"), "2020-12-31"),
    ("the New Year's", ("2017-01", "month"), "2017-01-01"),
    ("on Christmas Day", PUB, "2016-12-25"),
    ("Christmas Eve 2015", None, "2015-12-24"),
])
def test_feasts_of_a_fixed_day(text, published, iso):
    value = resolve_date(text, published)
    assert (value.iso, value.precision) == (iso, "day")


def test_the_new_year_without_a_possessive_is_no_day():
    assert resolve_date("in the new year", PUB) is None


def test_component_finds_last_june_and_feasts_but_not_this_may_be(blank_nlp):
    doc = blank_nlp.make_doc("Last June, 45 people died. This may be the worst attack since New Year's Eve.")
    doc.user_data["published"] = PUB
    doc = blank_nlp(doc)
    found = {s.text: s._.date.iso for s in doc.spans["dates"]}
    assert found.get("Last June") == "2017-06" and found.get("New Year's Eve") == "2016-12-31"
    assert not any(t.lower().startswith("this may") for t in found)


def test_a_sequel_counts_from_the_last_date_of_its_paragraph(blank_nlp):
    text = ("The group took the town in October 2016 and was driven out two months later. "
            "Its fighters struck a hotel on Friday; the next day they withdrew.\n"
            "Over the next week they lost three villages.\n"
            "A week later the town was quiet.\nA month later it was rebuilt.")
    doc = blank_nlp.make_doc(text)
    doc.user_data["published"] = PUB
    doc = blank_nlp(doc)
    found = {s.text: s._.date.iso for s in doc.spans["dates"]}
    assert found["two months later"] == "2016-12"
    assert found["the next day"] == "2017-10-28"
    assert found["the next week"] == "2017-11"  # the paragraph before gives its start
    doc = blank_nlp.make_doc("The town fell in October 2016.\nThe mayor fled.\nA month later it was rebuilt.")
    doc.user_data["published"] = PUB
    assert not [s for s in blank_nlp(doc).spans["dates"] if s.text == "A month later"]  # two paragraphs on


def test_the_next_day_alone_is_no_date():
    assert resolve_date("the next day", PUB) is None
    assert resolve_date("two months later", PUB) is None


def test_a_count_of_days_earlier_counts_back_from_the_date_told_before(blank_nlp):
    # invented: the claim came on Friday; the attack it claims was a day earlier
    doc = blank_nlp.make_doc("The group claimed responsibility on 3 March 2023 for an attack that killed the "
                             "governor a day earlier. Two weeks earlier it had struck a market.")
    doc.user_data["published"] = PUB
    found = {s.text: s._.date.iso for s in blank_nlp(doc).spans["dates"]}
    assert found["a day earlier"] == "2023-03-02"
    assert found["Two weeks earlier"].startswith("2023-02")
