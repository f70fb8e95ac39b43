"""Dateline forms and dates in addresses."""

import pytest

from eventdesk.clean.dates import find_dates, hint_date, is_date_line, url_date


@pytest.mark.parametrize("text, iso, precision", [
    ("30 Oct, 2017 03:23 AM5 mins to read", "2017-10-30", "day"),
    ("Published on March 31, 2024, at 2:56 pm (Paris)", "2024-03-31", "day"),
    ("Issue 1368, (9 - 15 November 2017)", "2017-11-09", "day"),
    ("Updated 2:04 PM ET, Sun December 11, 2022", "2022-12-11", "day"),
    ("Thursday,21 February, 2019", "2019-02-21", "day"),
    ("Posted: 2020-06-01 14:00", "2020-06-01", "day"),
    ("Sat, 23 Mar 2024 02:17 PM (IST)", "2024-03-23", "day"),
    ("Issue of 28 September - 4 October 2019", "2019-09-28", "day"),
    ("Last updated September 2018", "2018-09", "month"),
])
def test_dateline_forms(text, iso, precision):
    found = find_dates(text)
    assert found and (found[0].iso, found[0].precision) == (iso, precision)
    assert is_date_line(text)


def test_sentence_with_a_date_is_not_a_date_line():
    assert not is_date_line("The ministry said on March 3, 2020 that the border would close.")


@pytest.mark.parametrize("url, iso", [
    ("https://example.org/2017/04/27/some-story/", "2017-04-27"),
    ("https://news.example.com/middle_east/2022-12-14/raid-kills-officials.html", "2022-12-14"),
    ("https://www.example.com/14122022-us-raid-kills-officials/", "2022-12-14"),
    ("http://example.net/english/region/081120163", "2016-11-08"),
    ("https://example.com/2019/05/story-title", "2019-05"),
    ("https://example.com/news/story-title-n813596", None),
])
def test_url_dates(url, iso):
    found = url_date(url)
    assert (found.iso if found else None) == iso


def test_hint_date_keeps_precision():
    assert hint_date("2017-10").precision == "month"
    assert hint_date("Oct 30, 2017").iso == "2017-10-30"


@pytest.mark.parametrize("url, year", [
    ("https://example.org/iraq-2019-province-faces-a-new-insurgency/", "2019"),
    ("https://example.org/news/2016/some-story", "2016"),
    ("https://example.org/operation-1027-two-months/", None),  # not a year
    ("https://example.org/from-2014-to-2019-a-review/", None),  # two years: no choice
    ("https://site2019.example.org/story", None),  # the host is not the page
    (None, None),
])
def test_a_year_alone_in_the_address(url, year):
    from eventdesk.clean.dates import url_year

    found = url_year(url)
    assert (found.iso if found else None) == year
    assert found is None or found.precision == "year"
