"""Chart geometry computed on the server, drawn as SVG by the templates: stacked bars
(timeline, tempo) and range bars (the claim ledger). Every bar carries a link, so charts
need no JavaScript and are reachable with the keyboard."""

from __future__ import annotations

import math
from datetime import date
from urllib.parse import urlencode

# One colour per ACLED event type (Okabe-Ito palette: distinguishable with colour blindness).
TYPE_COLOURS = {"Battles": "#D55E00", "Explosions/Remote violence": "#E69F00",
                "Violence against civilians": "#CC79A7", "Protests": "#0072B2",
                "Riots": "#56B4E9", "Strategic developments": "#009E73"}
OTHER_COLOUR = "#999999"


def colour(event_type: str | None) -> str:
    return TYPE_COLOURS.get(event_type or "", OTHER_COLOUR)


def nice_max(v: float) -> float:
    if v <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(v))
    for k in (1, 2, 2.5, 5, 10):
        if v <= k * step:
            return k * step
    return 10 * step


def stacked_bars(columns: list[dict], width: int = 900, height: int = 240,
                 link=None) -> dict:
    """columns: [{label, counts: {type: n}, ...}] -> rects with x, y, w, h, colour, href."""
    # counts: at least 4 so that the four grid steps fall on whole numbers
    top = max(nice_max(max((sum(c["counts"].values()) for c in columns), default=0)), 4)
    n = max(len(columns), 1)
    pad_left, pad_bottom = 40, 20
    plot_w, plot_h = width - pad_left - 10, height - pad_bottom - 10
    bar_w = plot_w / n
    rects = []
    for i, col in enumerate(columns):
        y = 10 + plot_h
        for etype, count in sorted(col["counts"].items()):
            h = plot_h * count / top
            y -= h
            rects.append(dict(x=round(pad_left + i * bar_w + bar_w * 0.1, 1), y=round(y, 1),
                              w=round(max(bar_w * 0.8, 1), 1), h=round(h, 1),
                              colour=colour(etype), label=f"{col['label']}: {count} {etype}",
                              href=link(col, etype) if link else None))
    ticks = [dict(y=round(10 + plot_h - plot_h * k / 4, 1), value=round(top * k / 4, 1))
             for k in range(5)]
    every = max(1, n // 8)
    labels = [dict(x=round(pad_left + i * bar_w + bar_w / 2, 1), text=c["label"])
              for i, c in enumerate(columns) if i % every == 0]
    return dict(width=width, height=height, rects=rects, ticks=ticks, labels=labels,
                base=10 + plot_h, left=pad_left)


def _day_number(iso: str | None) -> float | None:
    if not iso:
        return None
    padded = {4: iso + "-07-01", 7: iso + "-15"}.get(len(iso), iso)
    try:
        return date.fromisoformat(padded).toordinal()
    except ValueError:
        return None


def range_bars(entries: list[dict], width: int = 900, height: int = 300) -> dict:
    """One vertical bar per estimate at its as-of date, low to high; an open end (only a
    low: "at least"; only a high: "as many as") runs to the chart's edge, dashed."""
    values = [v for e in entries for v in (e.get("low"), e.get("high")) if v is not None]
    days = [d for d in (_day_number(e.get("as_of")) for e in entries) if d is not None]
    top = nice_max(max(values, default=1) * 1.1)
    left, right, bottom, up = 60, 20, 30, 10
    plot_w, plot_h = width - left - right, height - bottom - up
    d0, d1 = (min(days), max(days)) if days else (0, 1)
    if d1 - d0 < 30:
        d0, d1 = d0 - 15, d1 + 15

    def x_of(day: float | None, i: int) -> float:
        if day is None:  # undated estimates line up at the left edge, in order
            return left + 6 + 8 * i
        return left + plot_w * (day - d0) / (d1 - d0)

    def y_of(v: float) -> float:
        return up + plot_h - plot_h * v / top

    bars = []
    for i, e in enumerate(entries):
        low, high = e.get("low"), e.get("high")
        if low is None and high is None:
            continue
        open_end = "high" if high is None else "low" if low is None else None
        y_low = y_of(low) if low is not None else up + plot_h
        y_high = y_of(high) if high is not None else up
        x = round(x_of(_day_number(e.get("as_of")), i), 1)
        bars.append(dict(x=x, y=round(min(y_low, y_high), 1), h=round(max(abs(y_low - y_high), 3), 1),
                         open_end=open_end, point=low is not None and low == high,
                         label=_range_label(e), href=e.get("href")))
    ticks = [dict(y=round(y_of(top * k / 4), 1), value=f"{top * k / 4:,.0f}") for k in range(5)]
    years = []
    if days:
        for y in range(date.fromordinal(int(d0)).year, date.fromordinal(int(d1)).year + 2):
            dn = date(y, 1, 1).toordinal()
            if d0 <= dn <= d1:
                years.append(dict(x=round(left + plot_w * (dn - d0) / (d1 - d0), 1), text=str(y)))
    return dict(width=width, height=height, bars=bars, ticks=ticks, years=years, left=left,
                base=up + plot_h, top=up)


def _range_label(e: dict) -> str:
    low, high = e.get("low"), e.get("high")
    if low is not None and high is not None:
        figure = f"{low:,.0f}" if low == high else f"{low:,.0f} to {high:,.0f}"
    elif low is not None:
        figure = f"at least {low:,.0f}"
    else:
        figure = f"up to {high:,.0f}"
    who = e.get("attributed_to") or e.get("outlet") or "unattributed"
    return f"{e.get('as_of') or 'undated'}: {figure} ({who})"


def link(path: str, params: dict) -> str:
    clean = {k: v for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(clean) if clean else "")
