"""Recognising publication dates: datelines on the page, dates in the URL, corpus stamps.

Recognition (which span is a date, which date of the page is the publication date) is
written here because no library knows page conventions; parsing a recognised span into a
calendar date is left to dateparser, and full Y-M-D URL dates to htmldate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
YEAR = r"(?:19[89]\d|20[0-4]\d)"
DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"

# Each form names the groups d (day, optional), m (month) and y (year); the first group
# of a range is the start of the range (an issue "9 - 15 November 2017" is dated the 9th).
_FORMS = [
    rf"\b(?P<y>{YEAR})-(?P<mn>[01]\d)-(?P<dn>[0-3]\d)\b",
    rf"\b(?P<d>{DAY})\s*(?:[-–—]|to)\s*{DAY}\s+(?P<m>{MONTH}),?\s+(?P<y>{YEAR})\b",
    rf"\b(?P<d>{DAY})\s+(?P<m>{MONTH})\s*(?:[-–—]|to)\s*{DAY}\s+{MONTH},?\s+(?P<y>{YEAR})\b",
    rf"\b(?P<d>{DAY})\s+(?P<m>{MONTH}),?\s*(?P<y>{YEAR})\b",
    rf"\b(?P<m>{MONTH})\s+(?P<d>{DAY})\s*(?:[-–—]|to)\s*{DAY},?\s+(?P<y>{YEAR})\b",
    rf"\b(?P<m>{MONTH})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR})\b",
    rf"\b(?P<dn>[0-3]?\d)[./](?P<mn>[01]?\d)[./](?P<y>{YEAR})\b",
    rf"\b(?P<m>{MONTH}),?\s+(?P<y>{YEAR})\b",
]
# one alternation; group names get a form prefix ("f3_d") because names must be unique
DATE_RE = re.compile("|".join(f"(?:{f.replace('(?P<', f'(?P<f{i}_')})" for i, f in enumerate(_FORMS)),
                     re.IGNORECASE)

# Words allowed on a line that holds only a date (times, weekdays, "updated", "ago", ...).
_DATE_WORDS = re.compile(
    rf"^(?:{MONTH}|{WEEKDAY}|\d+(?:st|nd|rd|th)?|am|pm|a\.m|p\.m|[ap]m\d*|gmt|utc|et|edt|est|"
    r"bst|cet|ist|at|on|of|the|ago|hours?|hrs?|mins?|minutes?|days?|weeks?|h|m|issue|"
    r"current|updated|published|posted|last|first|to|read|date|created|modified)$",
    re.IGNORECASE)
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
STAMP_RE = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\b\s*")


@dataclass(frozen=True)
class PageDate:
    iso: str  # cut to precision
    precision: str  # "day" | "month" | "year"
    start: int = 0
    end: int = 0


@lru_cache(maxsize=4096)
def _parse(span: str, precision: str) -> str | None:
    """Parse a recognised date span with dateparser; the ISO date cut to `precision`."""
    import dateparser  # heavy import, only when a date was recognised

    parts = {"day": ["day", "month", "year"], "month": ["month", "year"], "year": ["year"]}
    settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": parts[precision],
                "DATE_ORDER": "DMY", "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        value = dateparser.parse(span, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    if value is None:
        return None
    return value.date().isoformat()[: {"day": 10, "month": 7, "year": 4}[precision]]


def find_dates(text: str, limit: int = 20) -> list[PageDate]:
    """Full dates (with a year) written in `text`, in order, at most `limit`."""
    found: list[PageDate] = []
    for match in DATE_RE.finditer(text):
        groups = {k.split("_", 1)[1]: v for k, v in match.groupdict().items() if v}
        year = groups.get("y")
        if not year:
            continue
        if "mn" in groups:  # numeric month: build the span ourselves, day first
            day, month = int(groups.get("dn", 1)), int(groups["mn"])
            if month > 12 and day <= 12:
                day, month = month, day
            try:
                iso = datetime(int(year), month, day).date().isoformat()
            except ValueError:
                continue
            found.append(PageDate(iso, "day", match.start(), match.end()))
        else:
            day = re.sub(r"\D", "", groups.get("d", ""))
            precision = "day" if day else "month"
            span = f"{day} {groups['m'].rstrip('.')} {year}".strip()
            iso = _parse(span, precision)
            if iso:
                found.append(PageDate(iso, precision, match.start(), match.end()))
        if len(found) >= limit:
            break
    return found


def is_date_line(text: str) -> bool:
    """True when the line holds a date or time and little else ("30 Oct 12:49 AM")."""
    tokens = _TOKEN.findall(text[:200])
    if not tokens or len(tokens) > 14:
        return False
    other = [t for t in tokens if not _DATE_WORDS.match(t)]
    has_date = bool(DATE_RE.search(text) or re.search(r"\d{1,2}:\d{2}", text))
    return has_date and len(other) <= 1


_URL_FORMS = [
    # /2017/04/ (month)  and  /2017/04/27/ (day, but htmldate handles that first)
    (re.compile(rf"/(?P<y>{YEAR})/(?P<m>[01]\d)/(?:(?P<d>[0-3]\d)/)?"), "ymd"),
    (re.compile(rf"(?<!\d)(?P<y>{YEAR})(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)"), "ymd"),
    # 14122022 / 081120163: day, month, year, then at most one sequence digit
    (re.compile(rf"(?<![\d])(?P<d>[0-3]\d)(?P<m>[01]\d)(?P<y>{YEAR})\d?(?!\d)"), "dmy"),
]


def url_date(url: str | None) -> PageDate | None:
    """The date written in a page address (/2017/04/27/, /2022-12-14/, 14122022), if any."""
    if not url:
        return None
    from htmldate.extractors import extract_url_date
    from htmldate.utils import Extractor

    options = Extractor(False, datetime(2035, 1, 1), datetime(1990, 1, 1), True, "%Y-%m-%d")
    found = extract_url_date(url, options)
    if found:
        return PageDate(found, "day")
    path = url.split("?", 1)[0]
    for pattern, _ in _URL_FORMS:
        for match in pattern.finditer(path):
            year, month = int(match["y"]), int(match["m"])
            day = int(match["d"]) if match["d"] else 0
            if not 1 <= month <= 12:
                continue
            try:
                if day:
                    return PageDate(datetime(year, month, day).date().isoformat(), "day")
                return PageDate(f"{year:04d}-{month:02d}", "month")
            except ValueError:
                continue
    return None


_SLUG_YEAR = re.compile(rf"(?<![\w])({YEAR})(?![\w])")


def url_year(url: str | None) -> PageDate | None:
    """A year standing alone in the page address ("/iraq-2019-diyala-faces-..."): the year
    the page was written about and, in a news address, almost always the year it was
    published; year precision. Only the path counts (not the host or the query), and only
    when a single year is written there."""
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    path = path.split("//", 1)[-1].partition("/")[2]
    years = set(_SLUG_YEAR.findall(path))
    return PageDate(years.pop(), "year") if len(years) == 1 else None


def hint_date(value: object) -> PageDate | None:
    """A `published` hint from the input record ("2017-10-30", "2017-10", "Oct 30, 2017")."""
    if value is None:
        return None
    text = str(value).strip()
    match = re.match(rf"^({YEAR})(?:-([01]\d)(?:-([0-3]\d))?)?", text)
    if match:
        precision = "day" if match[3] else "month" if match[2] else "year"
        return PageDate(match[0], precision)
    dates = find_dates(text, limit=1)
    return dates[0] if dates else None
