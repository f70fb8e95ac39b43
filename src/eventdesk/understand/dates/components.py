"""Dates: every temporal expression of a Doc, resolved against the publication date.

The component `eventdesk_dates_v1` takes the model's DATE entities (and TIME entities that
carry a day, "Sunday night"), adds the expressions the small model misses or cuts short
("since 2014", "As 2016 ended", "earlier this month", "five years after ... March 2019"),
resolves each with `resolve_date` against `doc.user_data["published"]` = (iso, precision)
and writes `doc.spans["dates"]`, each span with `span._.date` (a `DateValue`).
"""

from __future__ import annotations

import bisect

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventdesk.understand.dates.lexicon import TemporalLexicon
from eventdesk.understand.dates.resolve import (
    Anchor,
    DateResolver,
    DateValue,
    default_resolver,
    resolve_date,
)

__all__ = ["DateValue", "DatesComponent", "DatesConfig", "add_to_pipeline", "resolve_date"]

# spaCy forbids "." in factory names (E853), so the versioned name is written with "_".
FACTORY = "eventdesk_dates_v1"
_FUTURE_AUX = {"will", "'ll", "shall", "wo"}


@dataclass
class DatesConfig:
    """Options of the dates component (also its spaCy `default_config`)."""

    spans_key: str = "dates"
    labels: tuple[str, ...] = ("DATE", "TIME")
    use_patterns: bool = True  # add the lexicon's patterns to the model's entities
    keep_unresolved: bool = False  # keep spans that resolve to None (durations, no anchor)


def _scan_patterns(lex: TemporalLexicon) -> re.Pattern:
    """Phrases the small model misses or cuts short, built from the lexicon."""
    r = lex.rx
    year = r"(?:1[6-9]\d\d|20\d\d)(?!\d)"
    number = r"(?:\d+|(?:an? )?[a-z]+(?: of)?)(?: and a half)?"
    month_day = rf"{r('month')}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+{year})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{r('month')}(?:,?\s+{year})?"
    alternatives = [
        rf"{r('range_start')}\s+(?:(?:{r('part')})[\s-]*)?(?:{r('month')}\s+)?{year}",
        rf"(?:as\s+)?{year}\s+{r('ending')}",
        rf"(?:{r('part')})[\s-]*(?:{year}|{r('month')}(?:\s+{year})?)",
        rf"(?:(?:{r('part')})\s+)?{r('deixis')}\s+{r('unit')}",
        rf"{number}\s+{r('unit')}\s+(?:ago|later|earlier)",
        rf"the\s+(?:next|following)\s+{r('unit')}",
        rf"{r('relative_day')}",
        rf"{r('recent')}",
        rf"(?:the\s+)?{r('season')}\s+of\s+{year}",
        rf"(?:last|this past|next)\s+{r('weekday')}",
        # "last June", not "this may be": the month May only when written with a capital
        rf"(?:{r('deixis')})\s+(?:(?!may\b){r('month')}|(?-i:May)\b)",
        rf"(?:(?:{r('deixis')})\s+)?{r('holiday')}(?:,?\s+{year})?",
        rf"{r('weekday')}(?:\s+{r('day_part')})?",
        month_day,
        rf"{r('month')},?\s+{year}",
        rf"\bin\s+{year}",
    ]
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b(?![\d%])")


def _year_before(doc: Doc, span: Span) -> int | None:
    """The last four-digit year of the text before `span` (for bare months). The years of a
    document are found once and bisected: a scan per date span made long pages quadratic."""
    years = doc.user_data.get("_eventdesk_years")
    if years is None:
        years = [(m.start(), int(m[1])) for m in _YEAR.finditer(doc.text)]
        doc.user_data["_eventdesk_years"] = years
    i = bisect.bisect_left(years, (span.start_char, -1))
    return years[i - 1][1] if i else None


# Tokens after "N years after" searched for the anchor date: "18 years after Washington
# invaded the country in the wake of the September 11, 2001 attacks" puts the year 15 tokens on.
ANCHOR_WINDOW = 20


def _after(value: DateValue, published) -> bool:
    """`value` begins more than a year after publication: a past narrative's "N years after X"
    read against a wrong anchor, not a date the article can tell."""
    anchor = Anchor.parse(published)
    return anchor is not None and value.start is not None and (value.start - anchor.day).days > 366


def _tense(span: Span) -> str:
    """'future' when the verb the expression hangs on has a future auxiliary."""
    doc = span.doc
    if not doc.has_annotation("DEP"):
        return "past"
    head = span.root.head
    return "future" if any(c.lower_ in _FUTURE_AUX for c in head.children) else "past"


class DatesComponent:
    """Finds and resolves the temporal expressions of a Doc (see module docstring)."""

    def __init__(self, config: DatesConfig, resolver: DateResolver | None = None) -> None:
        self.config = config
        self.resolver = resolver or default_resolver()
        self.pattern = _scan_patterns(self.resolver.lex) if config.use_patterns else None
        # temporal.yaml day_parts ("overnight", "morning"): as an adjective a time of day, no date
        self.day_part = re.compile(f"(?:{self.resolver.lex.patterns['day_part']})", re.IGNORECASE)
        if not Span.has_extension("date"):
            Span.set_extension("date", default=None)

    def candidates(self, doc: Doc) -> list[Span]:
        found = [e for e in doc.ents if e.label_ in self.config.labels]
        if self.pattern is not None:
            for m in self.pattern.finditer(doc.text):
                span = doc.char_span(m.start(), m.end(), label="DATE", alignment_mode="expand")
                if span is not None:
                    found.append(span)
        return found

    def __call__(self, doc: Doc) -> Doc:
        published = doc.user_data.get("published")
        taken = [False] * len(doc)
        kept: list[Span] = []
        sequels: list[Span] = []
        # longest first, so "since 2014" wins over the model's "2014"
        for span in sorted(self.candidates(doc), key=lambda s: (s.start - s.end, s.start)):
            if any(taken[span.start:span.end]):
                continue
            if len(span) == 1 and span[0].dep_ == "amod" and self.day_part.fullmatch(span[0].lower_):
                continue  # "an overnight raid in February 2022": a part of the day, not last night
            span, value = self._resolve(doc, span, published)
            if value is None and self.resolver.sequel_of(span.text) is not None:
                sequels.append(span)
                taken[span.start:span.end] = [True] * len(span)
                continue
            if value is None and not self.config.keep_unresolved:
                continue
            span._.date = value
            kept.append(span)
            taken[span.start:span.end] = [True] * len(span)
        kept = sorted(kept, key=lambda s: s.start)
        for span in sorted(sequels, key=lambda s: s.start):
            value = self._sequel(doc, span, kept)
            if value is not None or self.config.keep_unresolved:
                span._.date = value
                kept = sorted([*kept, span], key=lambda s: s.start)
        doc.spans[self.config.spans_key] = kept
        return doc

    def _sequel(self, doc: Doc, span: Span, kept: list[Span]) -> DateValue | None:
        """"In October 2016 ... two months later": the shift counts from the last date the
        text gave before it, in its paragraph or the one before ("On 27 November, rebels
        burst out ...\nOver the next week, rebels took Hama"); a date further back may
        belong to another story."""
        text = doc.text
        before = [k for k in kept if k.end <= span.start and k._.date is not None
                  and text.count("\n", k.end_char, span.start_char) <= 1]
        if not before:
            return None
        return self.resolver.after(before[-1]._.date, self.resolver.sequel_of(span.text))

    def _resolve(self, doc: Doc, span: Span, published) -> tuple[Span, DateValue | None]:
        """A count of units followed by after/before borrows the next date of its sentence
        as anchor ("five years after its defeat in March 2019"); the span keeps only the
        shift, so that the anchor date stays a span of its own."""
        sign_at = span.end if span.end < len(doc) else None
        if self.resolver.lex.lookup("anchor_sign", span[-1].lower_) is not None and len(span) > 1:
            sign_at = span.end - 1  # the model's span took the "after" in already
        if sign_at is not None and doc[sign_at].lower_ in ("later", "earlier"):
            sign_at = None  # "two months later" takes no date after it: a sequel (below)
        if sign_at is not None and self.resolver.lex.lookup("anchor_sign", doc[sign_at].lower_) is not None:
            sent_end = span.sent.end if doc.has_annotation("SENT_START") else len(doc)
            rest = doc[span.start:min(sent_end, sign_at + 1 + ANCHOR_WINDOW)].text
            tense = _tense(span)
            value = self.resolver.resolve(rest, published, tense)
            if value is not None and tense != "future" and _after(value, published):
                return doc[span.start:sign_at + 1], None  # "18 years after ... September 11": no anchor read
            if value is not None:
                return doc[span.start:sign_at + 1], value
        return span, self.resolver.resolve(span.text, published, _tense(span),
                                           year_hint=_year_before(doc, span))


@Language.factory(
    FACTORY,
    default_config={"spans_key": "dates", "labels": ["DATE", "TIME"], "use_patterns": True,
                    "keep_unresolved": False},
)
def make_dates(nlp: Language, name: str, spans_key: str, labels: list[str], use_patterns: bool,
               keep_unresolved: bool) -> DatesComponent:
    return DatesComponent(DatesConfig(spans_key, tuple(labels), use_patterns, keep_unresolved))


def add_to_pipeline(nlp: Language, config=None) -> None:
    """Add the dates component last (it reads the model's entities and sentences).

    `config` may be None, a `DatesConfig`, or any object with a `dates` attribute or key
    holding one (or a dict of its fields).
    """
    cfg = getattr(config, "dates", None) if not isinstance(config, dict) else config.get("dates")
    if isinstance(config, DatesConfig):
        cfg = config
    if isinstance(cfg, dict):
        cfg = DatesConfig(**cfg)
    cfg = cfg or DatesConfig()
    if FACTORY in nlp.pipe_names:
        return
    nlp.add_pipe(FACTORY, name=FACTORY, last=True,
                 config={"spans_key": cfg.spans_key, "labels": list(cfg.labels),
                         "use_patterns": cfg.use_patterns, "keep_unresolved": cfg.keep_unresolved})


def published_anchor(published) -> Anchor | None:
    """The publication date as the resolver reads it (for callers that need its interval)."""
    return Anchor.parse(published)
