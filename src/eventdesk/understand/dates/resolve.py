"""Resolve one temporal expression against the publication date.

Rules, tried in order on the normalised text (the first that matches decides):
 1. a time of day alone ("at 02:57 local time") is no date;
 2. "since X" is X marked as the start of an open range;
 3. "N units after/before <date>" shifts the date the text itself gives;
 4. "N units ago" and vague spans ("in recent days") shift the publication date;
 5. day words ("yesterday", "the previous day", "last night");
 6. absolute days ("December 11, 2022", "11 December", "Dec. 11") — a missing year is the
    most recent one on or before publication;
 7. day names ("on Friday", "Sunday night"): the most recent such day on or before publication
    for past-tense news, the next one when the tense hint says future;
 8. deictic periods with a part ("earlier this month", "late last month", "this week");
 9. months ("in late September", "March 2019"), seasons ("the summer of 2014": year),
    year ends ("As 2016 ended": December), years ("in 2007", "mid-2014");
10. anything else with a digit or a month name goes to dateparser.
A relative expression is never more precise than the publication date it is resolved
against ("on Friday" in a page dated only "2019-10" is 2019-10); with no publication date
it resolves to None.

The resolved value, the publication anchor and the calendar arithmetic are in
date_values.py (importable from here as before).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from eventdesk.understand.dates.date_values import (RANK, Anchor, DateValue, add_months, interval,
                                                    iso_cut, month_end, narrow, relative_to, shift,
                                                    value)
from eventdesk.understand.dates.lexicon import TemporalLexicon, normalise

# Names importable from here as before the split.
__all__ = ["Anchor", "DateResolver", "DateValue", "NUMBER", "RANK", "YEAR", "add_months",
           "default_resolver", "interval", "iso_cut", "month_end", "narrow", "relative_to",
           "resolve_date", "shift", "value"]

YEAR = r"(?<!\d)(1[6-9]\d\d|20\d\d)(?![\d])"
NUMBER = r"((?:\d+|(?:an? )?[a-z]+(?: of)?)(?: and a half)?)"
_TIME_ONLY = re.compile(r"^(?:at |around |about |by )?(?:\d{1,2}[:.]\d{2}|\d{1,2} ?[ap]\.?m\.?|noon|midnight)"
                        r"(?: ?[ap]\.?m\.?)?(?: (?:local time|gmt|utc|[a-z]{2,4} time|hours|hrs))?$")

_YEAR = re.compile(r"(?:1[89]|20)\d\d")


class DateResolver:
    """The rules above, with the lexicon's patterns compiled once."""

    def __init__(self, lexicon: TemporalLexicon | None = None) -> None:
        self.lex = lex = lexicon or TemporalLexicon.default()
        r = lex.rx
        day = r"(\d{1,2})(?:st|nd|rd|th)?"
        self.range_start = re.compile(rf"^{r('range_start')}\s+(.+)$")
        self.anchor_shift = re.compile(rf"^{NUMBER}\s+({r('unit')})\s+({r('anchor_sign')})\b\s*(.*)$")
        self.ago = re.compile(rf"^(?:about |some |nearly |almost |more than |over )?{NUMBER}\s+({r('unit')})\s+ago\b")
        self.recent = re.compile(rf"^(?:in |over |during )?({r('recent')})")
        self.rel_day = re.compile(rf"^({r('relative_day')})(?:\s+({r('day_part')}))?$")
        self.day_first = re.compile(rf"{day}\s+(?:of\s+)?({r('month')}),?(?:\s+{YEAR})?")
        self.month_first = re.compile(rf"({r('month')})\s+{day}(?![\d:])(?:,?\s+{YEAR})?")
        self.weekday = re.compile(rf"^(?:(last|this past|this|next|on)\s+)?({r('weekday')})"
                                  rf"(?:\s+({r('day_part')}))?\b")
        self.deictic = re.compile(rf"^(?:({r('part')})[\s-]*)?({r('deixis')})\s+({r('unit')})$")
        self.month = re.compile(rf"^(?:({r('part')})[\s-]*)?(?:({r('deixis')})\s+)?({r('month')})"
                                rf"(?:,?\s+(?:of\s+)?{YEAR})?$")
        self.holiday = re.compile(rf"^(?:({r('deixis')})\s+)?({r('holiday')})(?:,?\s+{YEAR})?$")
        self.season = re.compile(rf"^(?:({r('part')})[\s-]*)?(?:the\s+)?(?:({r('deixis')})\s+)?"
                                 rf"({r('season')})(?:\s+(?:of\s+)?{YEAR})?$")
        self.year_end = re.compile(rf"^(?:as\s+)?{YEAR}\s+(?:{r('ending')})$")
        self.year = re.compile(rf"^(?:({r('part')})[\s-]*)?(?:the\s+year\s+)?{YEAR}$")
        self.decade = re.compile(r"\d{4}'?s$")
        # "two months later", "the following day": a shift from the date the text gave last
        # or before it: "a day earlier", "two weeks earlier" ("the previous day" stays the day
        # before publication: temporal.yaml relative_days)
        self.sequel = re.compile(rf"^(?:(?:{NUMBER}\s+({r('unit')})\s+later)|(?:the\s+(?:next|following)\s+({r('unit')}))"
                                 rf"|(?:{NUMBER.replace('(', '(?P<back>', 1)}\s+(?P<back_unit>{r('unit')})\s+earlier))$")
        self.lead = re.compile(r"^(?:on|in|at|during|by|from|of|until|throughout|as of|around|about|"
                               r"early on|the|as)\s+")

    # ------------------------------------------------------------------------------------
    def resolve(self, text: str, published=None, tense_hint: str | None = None,
                year_hint: int | None = None) -> DateValue | None:
        """`year_hint`: the latest absolute year the text set before `text`; it dates a bare
        month ("in November") when the publication date gives no month."""
        s = normalise(text)
        anchor = Anchor.parse(published)
        self._year_hint = year_hint
        self._possessive = re.search(r"['\u2019]s?\W*$", text) is not None
        m = self.range_start.match(s)
        if m:
            v = self.resolve(m[1], published, tense_hint, year_hint)
            if v is None:
                return None
            end = anchor.day if anchor and anchor.day > v.start else v.end
            return replace(v, end=end, open_end=True)
        return self._resolve(s, anchor, tense_hint or "past")

    def sequel_of(self, text: str) -> tuple[float, str] | None:
        """(count, unit) of "two months later" / "the next day": told after another date;
        a negative count for "a day earlier" / "two weeks earlier": told before it."""
        s = normalise(text)
        m = self.sequel.match(s) or self.sequel.match(self.lead.sub("", s))
        if not m:
            return None
        if m["back_unit"]:
            n = self.lex.count(m["back"])
            return (-n, self.lex.lookup("unit", m["back_unit"])) if n is not None else None
        if m[3]:
            return 1.0, self.lex.lookup("unit", m[3])
        n = self.lex.count(m[1])
        return (n, self.lex.lookup("unit", m[2])) if n is not None else None

    def after(self, base: DateValue, sequel: tuple[float, str]) -> DateValue:
        """The date `sequel` after (or, counted back, before) `base`, no more precise than `base`."""
        d, prec = shift(base.start, sequel[1], sequel[0])
        return value(d, max(prec, base.precision, key=RANK.get), True)

    def _resolve(self, s: str, anchor: Anchor | None, tense: str) -> DateValue | None:
        if not s or _TIME_ONLY.match(s) or self.sequel.match(s) or self.sequel.match(self.lead.sub("", s)):
            return None  # a sequel is dated from the text's previous date (DatesComponent)
        m = self.anchor_shift.match(s)
        if m:
            return self._anchor_shift(m, anchor, tense)
        m = self.ago.match(s)
        if m:
            n, unit = self.lex.count(m[1]), self.lex.lookup("unit", m[2])
            if n is None or anchor is None:
                return None
            d, prec = shift(anchor.day, unit, -n)
            return relative_to(anchor, d, prec)
        m = self.recent.match(s)
        if m and anchor:
            unit = self.lex.lookup("recent", m[1])
            back = timedelta(days=6 if unit == "week" else 27)
            return relative_to(anchor, anchor.day, unit, (anchor.day - back, anchor.day))
        m = self.rel_day.match(s)
        if m:
            return relative_to(anchor, anchor.day + timedelta(days=self.lex.lookup("relative_day", m[1])), "day") if anchor else None
        v = self._absolute_day(s, anchor, tense)
        if v is not False:
            return v
        stripped = self.lead.sub("", s)
        while stripped != s:
            s, stripped = stripped, self.lead.sub("", stripped)
        for rule in (self._weekday, self._deictic, self._month, self._holiday, self._season, self._year):
            v = rule(s, anchor, tense)
            if v is not False:
                return v
        if self.decade.search(s):
            return None
        return _dateparser(s, anchor, self.lex)

    # --- rules: each returns a DateValue, None (recognised but unresolvable) or False -----
    def _anchor_shift(self, m, anchor, tense):
        n, unit = self.lex.count(m[1]), self.lex.lookup("unit", m[2])
        sign = self.lex.lookup("anchor_sign", m[3])
        rest = m[4].strip()
        if n is None or not rest:
            return None  # "three days later": the anchor is in another sentence
        # the anchor date is the longest temporal expression in the rest ("its defeat in March 2019")
        words = re.sub(r"[,;:()\[\]]", " ", rest).split()  # "in March 2019, the group": not "2019,"
        # a span that writes its year wins ("the September 11, 2001 attacks", not "September")
        spans = sorted(((i, j) for i in range(len(words)) for j in range(i + 1, min(len(words), i + 6) + 1)),
                       key=lambda ij: (not any(_YEAR.fullmatch(w) for w in words[ij[0]:ij[1]]), ij[0] - ij[1]))
        base = next((v for i, j in spans
                     if (v := self._resolve(" ".join(words[i:j]), anchor, tense)) is not None), None)
        if base is None:
            return None
        d, prec = shift(base.start, unit, sign * n)
        prec = max(prec, base.precision, key=RANK.get)
        return value(d, prec, base.relative)

    def _absolute_day(self, s, anchor, tense):
        m = self.day_first.search(s)
        if m:
            day, mon, year = m[1], m[2], m[3]
        else:
            m = self.month_first.search(s)
            if not m:
                return False
            mon, day, year = m[1], m[2], m[3]
        month = self.lex.lookup("month", mon)
        if year:
            try:
                return value(date(int(year), month, int(day)), "day", False)
            except ValueError:
                return None
        return self._month_day(month, int(day), anchor, tense)

    def _month_day(self, month: int, day: int, anchor, tense):
        """A day of a month written without its year ("Aug. 4", "New Year's Eve"): only the
        year is borrowed, so the day stays a day whenever the publication date or the text
        pins the year ("on Aug. 4" in a page of September 2021 is 4 August 2021)."""
        hint = getattr(self, "_year_hint", None)
        if anchor is None or anchor.precision == "year" and hint:
            y = hint  # the text's own year ("In 2016 ... on Aug. 4"), as for a bare month
            if y is None:
                return None
        else:
            y = anchor.day.year
            if tense == "future":
                y += (month, day) < (anchor.day.month, anchor.day.day)
            else:
                end = interval(anchor.day, anchor.precision)[1]
                y -= (month, day) > (end.month, end.day)
        try:
            return value(date(y, month, day), "day", True)
        except ValueError:
            return None

    def _weekday(self, s, anchor, tense):
        m = self.weekday.match(s)
        if not m or m.end() != len(s) and not s[m.end():].strip(" ,").startswith(("'", "and")):
            return False
        if anchor is None:
            return None
        target = self.lex.lookup("weekday", m[2])
        future = m[1] == "next" or (tense == "future" and m[1] != "last")
        gap = (target - anchor.day.weekday()) % 7
        if future:
            d = anchor.day + timedelta(days=gap or (7 if m[1] == "next" else 0))
        else:
            back = (anchor.day.weekday() - target) % 7
            d = anchor.day - timedelta(days=back or (7 if m[1] == "last" else 0))
        return relative_to(anchor, d, "day")

    def _deictic(self, s, anchor, tense):
        m = self.deictic.match(s)
        if not m:
            return False
        if anchor is None:
            return None
        part = self.lex.lookup("part", m[1]) if m[1] else None
        n = self.lex.lookup("deixis", m[2])
        unit = self.lex.lookup("unit", m[3])
        if unit == "day":
            return relative_to(anchor, anchor.day + timedelta(days=n), "day")
        d, prec = shift(anchor.day, unit, n)
        span = None
        if n == 0 and prec == "week" and tense == "past":  # "this week" in news: up to publication
            monday = anchor.day - timedelta(days=anchor.day.weekday())
            span = (monday, anchor.day)
        v = relative_to(anchor, d, prec, span)
        if v is None or v.precision != prec:
            return v
        if n == 0 and tense == "past" and part in ("early", None) and prec != "year" and m[1]:
            # "earlier this month": from the start of the month up to publication
            return replace(v, end=min(v.end, anchor.day))
        if part == "end" and prec == "year":
            return value(date(d.year, 12, 1), "month", True)
        return narrow(v, part)

    def _month(self, s, anchor, tense):
        m = self.month.match(s)
        if not m:
            return False
        part = self.lex.lookup("part", m[1]) if m[1] else None
        month = self.lex.lookup("month", m[3])
        if m[4]:
            return narrow(value(date(int(m[4]), month, 1), "month", False), part)
        if m[2] and anchor is not None:
            # "last June": the latest June before the publication's month, "next June" the
            # first after it, "this June" the publication's year
            shift_n, y = self.lex.lookup("deixis", m[2]), anchor.day.year
            if shift_n < 0:
                y -= month >= anchor.day.month
            elif shift_n > 0:
                y += month <= anchor.day.month
            return narrow(relative_to(anchor, date(y, month, 1), "month"), part)
        if anchor is None or anchor.precision == "year":
            # "As 2016 ended ... in November": the text's own year, else no guess (a year
            # precision answer would claim the month is unknown while the text gives it)
            hint = getattr(self, "_year_hint", None)
            return narrow(value(date(hint, month, 1), "month", True), part) if hint else None
        y = anchor.day.year
        if tense == "future":
            y += month < anchor.day.month
        else:
            y -= month > interval(anchor.day, anchor.precision)[1].month
        v = relative_to(anchor, date(y, month, 1), "month")
        return narrow(v, part) if v and v.precision == "month" else v

    def _holiday(self, s, anchor, tense):
        """A feast of a fixed calendar day ("on New Year's Eve", "Christmas Day 2016")."""
        # normalise() cut the possessive of "New Year's" as it does "Tuesday's"
        m = self.holiday.match(s) or (getattr(self, "_possessive", False) and self.holiday.match(s + "'s"))
        if not m:
            return False
        month, day = self.lex.lookup("holiday", m[2])
        if m[3]:
            return value(date(int(m[3]), month, day), "day", False)
        if m[1] and anchor is not None and self.lex.lookup("deixis", m[1]) < 0:
            tense = "past"
        return self._month_day(month, day, anchor, tense)

    def _season(self, s, anchor, tense):
        m = self.season.match(s)
        if not m:
            return False
        part = self.lex.lookup("part", m[1]) if m[1] else None
        first, last = self.lex.lookup("season", m[3])
        if m[4]:
            y = int(m[4])
        elif anchor is None:
            return None
        else:
            shift_n = self.lex.lookup("deixis", m[2]) if m[2] else 0
            y = anchor.day.year + shift_n
            if not m[2] and tense == "past" and anchor.day.month < first and first > 2:
                y -= 1  # "in the summer" written in March: last summer
        end_year = y + (last < first)
        span = (date(y, first, 1), month_end(end_year, last))
        v = DateValue(str(y), "year", *span, relative=not m[4])
        return narrow(v, part)

    def _year(self, s, anchor, tense):
        m = self.year_end.match(s)
        if m:
            return value(date(int(m[1]), 12, 1), "month", False)
        m = self.year.match(s)
        if not m:
            return False
        part = self.lex.lookup("part", m[1]) if m[1] else None
        y = int(m[2])
        if part == "end":
            return value(date(y, 12, 1), "month", False)
        return narrow(value(date(y, 1, 1), "year", False), part)


@lru_cache(maxsize=64)
def _parser(base: datetime):
    from dateparser.date import DateDataParser  # lazy: its language data takes ~0.2 s to load

    return DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})


def _dateparser(s: str, anchor: Anchor | None, lex: TemporalLexicon) -> DateValue | None:
    """Last resort for the forms the rules do not cover (numeric "10/06/2014", "2014-06-10").

    Only numeric date shapes go here: dateparser answers vague words ("recently") with the
    base date itself and bare durations ("10 years") as "10 years ago", both confident and wrong.
    """
    if not re.search(r"\d{1,4}[/.\-]\d{1,2}", s):
        return None
    has_year = re.search(YEAR, s) is not None
    if anchor is None and not has_year:
        return None
    base = datetime.combine(anchor.day, datetime.min.time()) if anchor else datetime(2000, 1, 1)
    data = _parser(base).get_date_data(s)
    if data is None or data.date_obj is None or data.period not in RANK:
        return None
    d = data.date_obj.date()
    return value(d, data.period, False) if has_year else relative_to(anchor, d, data.period)


@lru_cache(maxsize=1)
def default_resolver() -> DateResolver:
    return DateResolver()


def resolve_date(text: str, published: tuple[str, str] | None = None,
                 tense_hint: str | None = None) -> DateValue | None:
    """Resolve `text` against `published` = (iso, precision); None when it is no date or a
    relative one with no publication date. `tense_hint` "future" turns "on Friday" forward."""
    return default_resolver().resolve(text, published, tense_hint)
