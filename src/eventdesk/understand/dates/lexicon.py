"""The temporal lexicon (knowledge/data/temporal.yaml) compiled into regular expressions.

Every phrase list is data; this module only turns the lists into alternations. Forms are
matched whole-word and case-insensitively on text normalised by `normalise()`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from eventdesk import knowledge

FILE = "temporal.yaml"
_PARTS = {"early", "mid", "late", "end"}
_UNITS = {"day", "week", "fortnight", "month", "year"}


def _forms(entry: dict, path: Path) -> None:
    forms = entry.get("forms")
    if not isinstance(forms, list) or not forms or not all(isinstance(f, str) and f for f in forms):
        raise ValueError("'forms' must be a non-empty list of strings")


def _check_int(field: str, low: int, high: int):
    def check(entry: dict, path: Path) -> None:
        _forms(entry, path)
        value = entry.get(field)
        if not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"'{field}' must be an integer in [{low}, {high}]")
    return check


def _check_choice(field: str, choices: set[str]):
    def check(entry: dict, path: Path) -> None:
        _forms(entry, path)
        if entry.get(field) not in choices:
            raise ValueError(f"'{field}' must be one of {sorted(choices)}")
    return check


def _check_holiday(entry: dict, path: Path) -> None:
    _forms(entry, path)
    try:
        date(2000, entry.get("month"), entry.get("day"))  # 2000: a leap year
    except (TypeError, ValueError) as exc:
        raise ValueError("'month' and 'day' must name a calendar day") from exc


def _check_season(entry: dict, path: Path) -> None:
    _forms(entry, path)
    months = entry.get("months")
    if not (isinstance(months, list) and len(months) == 2 and all(isinstance(m, int) and 1 <= m <= 12 for m in months)):
        raise ValueError("'months' must be [first, last] month numbers")


def alternation(forms) -> str:
    """A whole-word regex alternation of `forms`, longest first (so "the day before
    yesterday" wins over "the day before"); a form ending in "." keeps its dot optional."""
    parts = []
    for form in sorted(set(forms), key=len, reverse=True):
        esc = re.escape(form.lower()).replace(r"\ ", r"\s+").replace("'", "['\u2019]")
        if form.endswith("."):
            esc = esc[:-2] + r"\.?"
        parts.append(esc)
    return r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])"


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces, no possessive or edge punctuation."""
    s = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-")
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"'s?$", "", s)
    s = re.sub(r"^[\s,;:(\"']+|[\s,;:)\"']+$", "", s)
    s = re.sub(r"\s+(?:and|or|to|,)$", "", s)
    s = re.sub(r"(?<=\d)\.$|(?<=[a-z]{5})\.$", "", s)  # a full stop, not an abbreviation's dot
    return s


@dataclass(frozen=True)
class TemporalLexicon:
    """Lookup tables from form to value, and compiled patterns (built once per process)."""

    weekday: dict[str, int]
    month: dict[str, int]
    season: dict[str, tuple[int, int]]
    relative_day: dict[str, int]
    unit: dict[str, str]
    deixis: dict[str, int]
    part: dict[str, str]
    number: dict[str, int]
    anchor_sign: dict[str, int]
    recent: dict[str, str]
    holiday: dict[str, tuple[int, int]]
    patterns: dict[str, str]  # name -> alternation source

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "TemporalLexicon":
        return cls.load()

    @classmethod
    def load(cls) -> "TemporalLexicon":
        def table(key: str, field: str, check) -> dict:
            out: dict = {}
            for entry in knowledge.load(FILE, key, check):
                for form in entry["forms"]:
                    out[form.lower()] = entry[field] if field else True
            return out

        seasons = {}
        for entry in knowledge.load(FILE, "seasons", _check_season):
            for form in entry["forms"]:
                seasons[form.lower()] = tuple(entry["months"])
        holidays = {}
        for entry in knowledge.load(FILE, "holidays", _check_holiday):
            for form in entry["forms"]:
                holidays[form.lower()] = (entry["month"], entry["day"])
        lex = dict(
            weekday=table("weekdays", "day", _check_int("day", 0, 6)),
            month=table("months", "month", _check_int("month", 1, 12)),
            season=seasons,
            relative_day=table("relative_days", "offset", _check_int("offset", -7, 7)),
            unit=table("units", "unit", _check_choice("unit", _UNITS)),
            deixis=table("deixis", "shift", _check_int("shift", -1, 1)),
            part=table("parts", "part", _check_choice("part", _PARTS)),
            number=table("number_words", "value", _check_int("value", 1, 1000)),
            anchor_sign=table("anchor_shifts", "sign", _check_int("sign", -1, 1)),
            recent=table("recent_spans", "unit", _check_choice("unit", {"week", "month"})),
            holiday=holidays,
        )
        simple = {k: alternation(v) for k, v in lex.items()}
        simple["ending"] = alternation(table("ending_verbs", None, _forms))
        simple["range_start"] = alternation(table("range_starts", None, _forms))
        simple["day_part"] = alternation(table("day_parts", None, _forms))
        return cls(**lex, patterns=simple)

    def rx(self, name: str) -> str:
        return self.patterns[name]

    def lookup(self, table: str, form: str):
        """The value of `form` (as matched, any case or spacing) in `table`."""
        key = re.sub(r"\s+", " ", form.lower().strip())
        values = getattr(self, table)
        if key in values:
            return values[key]
        return values.get(key + ".") if not key.endswith(".") else values.get(key[:-1])

    def count(self, text: str) -> float | None:
        """A count of units: digits, number words, "two and a half", "a"."""
        text = text.strip().lower()
        half = 0.0
        if text.endswith("and a half"):
            half, text = 0.5, text[: -len("and a half")].strip()
        if text.isdigit():
            return int(text) + half
        value = self.lookup("number", text)
        return value + half if value is not None else None
