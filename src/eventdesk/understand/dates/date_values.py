"""A resolved date (`DateValue`), the publication date it is resolved against (`Anchor`),
and the calendar arithmetic of the rules of resolve.py: interval of a date at a precision,
the ISO form cut to it, shifts by units, thirds of an interval. All stay importable from
resolve.py."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from eventdesk.record import DatePrecision

RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


@dataclass(frozen=True, slots=True)
class DateValue:
    """A resolved date: `iso` cut to `precision` (a week is written cut to its month, as in
    the gold), the interval [start, end] it covers, and whether it was relative."""

    iso: str
    precision: DatePrecision
    start: date
    end: date
    relative: bool = False
    open_end: bool = False  # "since 2014": the start of a range that runs on


@dataclass(frozen=True, slots=True)
class Anchor:
    """The publication date: `day` is the first day of its interval at `precision`."""

    day: date
    precision: DatePrecision

    @classmethod
    def parse(cls, published) -> "Anchor | None":
        if not published:
            return None
        iso, precision = published if isinstance(published, (tuple, list)) else (published, None)
        m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", str(iso or ""))
        if not m:
            return None
        y, mo, d = int(m[1]), int(m[2] or 1), int(m[3] or 1)
        guessed = "day" if m[3] else "month" if m[2] else "year"
        prec = precision if precision in RANK and RANK[precision] >= RANK[guessed] else guessed
        try:
            return cls(date(y, mo, d), prec)
        except ValueError:
            return None


# --- calendar helpers --------------------------------------------------------------------
def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y, m = d.year + y, m + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def iso_cut(d: date, precision: str) -> str:
    if precision == "day":
        return d.isoformat()
    if precision in ("week", "month"):
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def interval(d: date, precision: str) -> tuple[date, date]:
    if precision == "day":
        return d, d
    if precision == "week":
        monday = d - timedelta(days=d.weekday())
        return monday, monday + timedelta(days=6)
    if precision == "month":
        return d.replace(day=1), month_end(d.year, d.month)
    return date(d.year, 1, 1), date(d.year, 12, 31)


def value(d: date, precision: str, relative: bool, span: tuple[date, date] | None = None) -> DateValue:
    start, end = span or interval(d, precision)
    if precision == "week":  # a week is written in the month of its middle (ISO's Thursday)
        d = start + (end - start) / 2
    return DateValue(iso_cut(d, precision), precision, start, end, relative)


def narrow(v: DateValue, part: str | None) -> DateValue:
    """Restrict the interval to its early / middle / late third; precision is unchanged."""
    if not part or part == "end":
        return v
    third = (v.end - v.start) / 3
    start, end = {"early": (v.start, v.start + third), "mid": (v.start + third, v.end - third),
                  "late": (v.end - third, v.end)}[part]
    return replace(v, start=start, end=end)


def relative_to(anchor: Anchor | None, d: date, precision: str, span=None) -> DateValue | None:
    """A relative result, never more precise than the anchor it was computed from."""
    if anchor is None:
        return None
    if RANK[precision] < RANK[anchor.precision]:
        return value(anchor.day, anchor.precision, True)
    return value(d, precision, True, span)


def shift(d: date, unit: str, n: float) -> tuple[date, str]:
    """`d` moved by n units; a fractional count of years is counted in months."""
    if unit == "fortnight":
        unit, n = "week", n * 2
    if unit == "year" and n != int(n):
        unit, n = "month", n * 12
    if unit == "day":
        return d + timedelta(days=round(n)), "day"
    if unit == "week":
        return d + timedelta(weeks=n), "week"
    if unit == "month":
        return add_months(d, round(n)), "month"
    return add_months(d, round(n * 12)), "year"
