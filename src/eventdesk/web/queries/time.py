"""Events over time: the weekly timeline and the change view (as ACLED's Trendfinder does
for its own data: the latest period against the average of the periods before it).

Both count in the database, grouped by day (and country, or point); the days are then
folded into weeks or months in Python, over the grouped rows only.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import Session

from eventdesk.store.schema import EventRow
from eventdesk.web.queries.events import EventQuery

# Change bands of the issue (after ACLED's Trendfinder): above +25 % a large increase,
# +10 to +25 % moderate, below -25 % a large decrease, anything else limited change.
LARGE, MODERATE = 0.25, 0.10
# A baseline under one event per period is "low": one more event would read as +100 %, so
# such places stay "limited change" whatever their ratio (ACLED keeps low-baseline places
# out of its bands for the same reason; the exact floor is ours, not ACLED's).
LOW_BASELINE = 1.0
# The timeline shows at most this many weeks, the latest (ten years).
MAX_WEEKS = 520


def month_shift(month: str, n: int) -> str:
    """'2025-03' shifted by n months."""
    y, m = int(month[:4]), int(month[5:7])
    k = y * 12 + (m - 1) + n
    return f"{k // 12:04d}-{k % 12 + 1:02d}"


def _day(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso)
    except (TypeError, ValueError):
        return None


def week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def months_between(first: str, last: str, limit: int = 240) -> list[str]:
    """'2025-01'..'2025-04' inclusive, at most the last `limit` months."""
    out, m = [], last
    while m >= first and len(out) < limit:
        out.append(m)
        m = month_shift(m, -1)
    return out[::-1]


def timeline(s: Session, q: EventQuery) -> dict:
    """Events per week (Monday first) by type, for day-dated events matching `q`, every
    week from the first to the last (at most MAX_WEEKS)."""
    stmt = (q.select(EventRow.date, EventRow.event_type, func.count())
            .where(EventRow.date_precision == "day")
            .group_by(EventRow.date, EventRow.event_type))
    weeks: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for day, etype, n in s.execute(stmt):
        d = _day(day)
        if d is not None:
            weeks[week_start(d).isoformat()][etype] += n
    coarse = s.scalar(q.select(func.count()).select_from(EventRow)
                      .where(EventRow.date_precision != "day")) or 0
    undated = s.scalar(q.select(func.count()).select_from(EventRow)
                       .where(EventRow.date.is_(None))) or 0
    if weeks:  # empty weeks too: the axis is time, gaps must show
        first, last = date.fromisoformat(min(weeks)), date.fromisoformat(max(weeks))
        first = max(first, last - timedelta(weeks=MAX_WEEKS - 1))
        span = [(first + timedelta(weeks=i)).isoformat()
                for i in range((last - first).days // 7 + 1)]
    else:
        span = []
    return dict(weeks=[dict(week=w, end=(date.fromisoformat(w) + timedelta(days=6)).isoformat(),
                            counts=dict(sorted(weeks.get(w, {}).items())),
                            total=sum(weeks.get(w, {}).values()))
                       for w in span],
                not_shown=dict(coarser_than_a_day=coarse - undated, undated=undated))


def band(current: int, average: float) -> tuple[str, float | None, bool]:
    """(band, change ratio or None, low baseline)."""
    if average < LOW_BASELINE:
        return "limited change", None, True
    ratio = (current - average) / average
    if ratio > LARGE:
        return "large increase", ratio, False
    if ratio > MODERATE:
        return "moderate increase", ratio, False
    if ratio < -LARGE:
        return "large decrease", ratio, False
    return "limited change", ratio, False


def _periods(end: date, period: str, n: int) -> tuple[list[tuple[date, date]], date]:
    """The current period (first) and the n before it, as (first day, last day)."""
    out = []
    if period == "week":
        for i in range(n + 1):
            last = end - timedelta(days=7 * i)
            out.append((last - timedelta(days=6), last))
    else:
        month = end.strftime("%Y-%m")
        for i in range(n + 1):
            m = month_shift(month, -i)
            first = date.fromisoformat(m + "-01")
            nxt = date.fromisoformat(month_shift(m, 1) + "-01")
            out.append((first, min(nxt - timedelta(days=1), end) if i == 0 else nxt - timedelta(days=1)))
    return out, out[-1][0]


def latest_day(s: Session) -> str | None:
    return s.scalar(select(func.max(EventRow.date)).where(EventRow.date_precision == "day"))


def change(s: Session, period: str = "week", baseline: int = 4, level: str = "country",
           as_of: str | None = None, admin1_of=None) -> dict:
    """Per country (or first-level region) the current period's events against the average
    of the `baseline` periods before it; emerging actors (first seen in the period)."""
    end = _day(as_of or latest_day(s) or "")
    if end is None:
        return dict(period=period, baseline=baseline, level=level, current=None, rows=[],
                    emerging=[])
    spans, first_day = _periods(end, period, baseline)
    cur_first, cur_last = spans[0]
    cond = [EventRow.date_precision == "day", EventRow.date >= first_day.isoformat(),
            EventRow.date <= end.isoformat()]
    if level == "country":
        stmt = select(EventRow.country, EventRow.date, func.count()).where(*cond).group_by(
            EventRow.country, EventRow.date)
        grouped = ((c or "(unknown)", d, n) for c, d, n in s.execute(stmt))
    else:
        stmt = (select(EventRow.country, EventRow.latitude, EventRow.longitude,
                       EventRow.geo_precision, EventRow.location, EventRow.date, func.count())
                .where(*cond).group_by(EventRow.country, EventRow.latitude, EventRow.longitude,
                                       EventRow.geo_precision, EventRow.location, EventRow.date))
        grouped = ((f"{c or '(unknown)'} / {admin1_of(c, la, lo, gp, loc) or '(unknown)'}", d, n)
                   for c, la, lo, gp, loc, d, n in s.execute(stmt))
    current: dict[str, int] = defaultdict(int)
    before: dict[str, int] = defaultdict(int)
    for place, day, n in grouped:
        d = _day(day)
        if d is None:
            continue
        if cur_first <= d <= cur_last:
            current[place] += n
        else:
            before[place] += n
    rows = []
    for place in sorted(set(current) | set(before)):
        avg = before[place] / baseline
        name, ratio, low = band(current[place], avg)
        rows.append(dict(place=place, current=current[place], average=round(avg, 2),
                         change=None if ratio is None else round(ratio, 3), band=name,
                         low_baseline=low))
    order = ["large increase", "moderate increase", "limited change", "large decrease"]
    rows.sort(key=lambda r: (order.index(r["band"]), -(r["change"] or 0), r["place"]))
    return dict(period=period, baseline=baseline, level=level,
                current=dict(start=cur_first.isoformat(), end=cur_last.isoformat()),
                baseline_span=dict(start=first_day.isoformat(),
                                   end=(cur_first - timedelta(days=1)).isoformat()),
                rows=rows, emerging=emerging_actors(s, cur_first.isoformat(), end.isoformat()))


def emerging_actors(s: Session, start: str, end: str) -> list[dict]:
    """Actors whose first event of any date falls in [start, end]."""
    sides = union_all(select(EventRow.actor1.label("actor"), EventRow.date.label("date"))
                      .where(EventRow.actor1.is_not(None), EventRow.date.is_not(None)),
                      select(EventRow.actor2, EventRow.date)
                      .where(EventRow.actor2.is_not(None), EventRow.date.is_not(None))).subquery()
    first = func.min(sides.c.date)
    rows = s.execute(select(sides.c.actor, first, func.count()).group_by(sides.c.actor)
                     .having(first >= start, first <= end).order_by(func.count().desc()).limit(50))
    return [dict(actor=a, first=f, events=n) for a, f, n in rows]
