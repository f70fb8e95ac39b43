"""Merge rule 2, date (event_rules.py): the two date intervals overlap once a day-precision
date is widened by `max_day_gap`; a year-only date merges only with another year-only date
of that year; an event cannot begin after the first report of it was published."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from eventdesk.merge.event_fields import field_of, stated_date
from eventdesk.merge.merge_config import MergeConfig


def date_interval(value: str | None, precision: str | None, config: MergeConfig) -> tuple[date, date, str] | None:
    """(first day, last day, precision) an ISO date cut to its precision can mean."""
    if not value:
        return None
    parts = str(value)[:10].split("-")
    try:
        nums = [int(p) for p in parts]
        if len(nums) == 1:
            return date(nums[0], 1, 1), date(nums[0], 12, 31), "year"
        if len(nums) == 2 or precision in ("month", "year"):
            y, m = nums[0], nums[1]
            if precision == "year":
                return date(y, 1, 1), date(y, 12, 31), "year"
            return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), "month"
        d = date(nums[0], nums[1], nums[2])
    except (ValueError, IndexError):
        return None
    if precision == "week":
        return d, d + timedelta(days=config.week_days - 1), "week"
    return d, d, "day"


def _after_report(interval: tuple, other: Any, config: MergeConfig) -> bool:
    """`interval` begins after `other` was reported: a report published on 7 March does not
    tell the arrests of 23 March, whatever its month-only date allows."""
    reported = (field_of(other, "extra") or {}).get("reported")
    try:
        day = date.fromisoformat(str(reported)) if reported else None
    except ValueError:
        return False
    return day is not None and interval[0] > day + timedelta(days=config.max_day_gap)


def dates_compatible(a: Any, b: Any, config: MergeConfig) -> bool:
    ia = date_interval(*stated_date(a), config)
    ib = date_interval(*stated_date(b), config)
    if ia is None or ib is None:
        return False
    if (ia[2] == "year") != (ib[2] == "year"):
        return False
    if _after_report(ia, b, config) or _after_report(ib, a, config):
        return False
    # widen only day-precision dates: "2024-03" and "2024-04" must not touch at the 31st
    if ia[2] == "day" and ib[2] == "day":
        return abs((ia[0] - ib[0]).days) <= config.max_day_gap
    gap = timedelta(days=config.max_day_gap)
    lo_a, hi_a = (ia[0] - gap, ia[1] + gap) if ia[2] == "day" else ia[:2]
    lo_b, hi_b = (ib[0] - gap, ib[1] + gap) if ib[2] == "day" else ib[:2]
    return lo_a <= hi_b and lo_b <= hi_a
