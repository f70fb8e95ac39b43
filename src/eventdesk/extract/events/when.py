"""When an event mention happened, and whether it is historical: the date half of the
where/when questions (where_when.Context, which mixes in `Dating`), with the date helpers the
extractor calls itself (a stretch of time the trigger names, the span it ended).

Date: the trigger phrase's own temporal expression, else the sentence's nearest one, else
the paragraph's previous sentences (same episode), else the publication date cut to the
month (how the gold codes undated news of the article's own time).
Historical: the event's period ends more than HISTORICAL_DAYS before publication.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from eventdesk.extract.events.context import DateInfo, Located, in_relative_clause
from eventdesk.extract.events.places import place_words
from eventdesk.understand.dates.lexicon import TemporalLexicon
from eventdesk.understand.dates.resolve import RANK, iso_cut, shift

# gold/README: "more than about a month"; 31 days keeps "late September" in a paper of
# 30 October current and "November" in a 2017 (year-only) paper historical, as the gold does.
HISTORICAL_DAYS = 31


class Dating:
    """The when questions of where_when.Context, kept apart from its places; Context.__init__
    sets what they read."""

    doc: Doc
    dates: list[Located]
    date_at: dict[int, Located]
    publication: DateInfo | None
    reference: DateInfo | None  # the publication, else the latest absolute date the text names

    def date_for(self, tokens: list[Token], sent: Span, paragraph: list[Span]) -> DateInfo | None:
        offset = _offset(tokens)
        if offset is not None:  # "a month after the militants were driven out"
            # "18 years after Washington invaded": a resolved "18 years after" dates the
            # governing clause ("troops remain"), the reference to count back from
            told = self.date_at.get(offset.measure.i)
            reference = told.value if told is not None else \
                self._context_date(tokens, sent, paragraph, skip=offset.clause)
            return _shift(reference, offset) if reference is not None else None
        for tok in sorted(tokens, key=lambda t: -len(list(t.ancestors))):
            for t in tok.subtree:
                loc = self.date_at.get(t.i)
                # a clause on the trigger noun itself tells its time ("a ceasefire that began
                # on February 27", "the attack, which took place on Monday")
                if loc is not None and not any(_tells_own_time(a) and tok.is_ancestor(a)
                                               and not (a.dep_ in ("relcl", "acl") and a.head.i == tok.i
                                                        and tok.pos_ == "NOUN")
                                               for a in t.ancestors):
                    return loc.value
        return self._context_date(tokens, sent, paragraph)

    def _context_date(self, tokens: list[Token], sent: Span, paragraph: list[Span],
                      skip: Token | None = None) -> DateInfo | None:
        """The date the sentence, its paragraph or the publication gives (dates inside
        `skip`'s clause left out)."""
        # "regained control of a prison seized by IS six days ago": a date inside a clause on
        # another noun dates that clause's event, not this one
        in_sent = [d for d in self.dates if sent.start <= d.start < sent.end
                   and not _in_other_clause(self.doc[d.start], tokens)
                   and not (skip is not None and skip.is_ancestor(self.doc[d.start]))]
        if in_sent:
            anchor = tokens[0].i
            return min(in_sent, key=lambda d: abs(d.start - anchor)).value
        for prev in reversed(paragraph):
            # the first date of a sentence dates its news; later ones ("since its defeat in
            # 2019") and those of a relative clause ("near Tongo Tongo, where fighters killed
            # four soldiers in October 2017") are background
            before = [d for d in self.dates if prev.start <= d.start < prev.end
                      and not in_relative_clause(self.doc[d.start])]
            if before:
                return before[0].value
        pub = self.publication
        if pub is None:
            return None
        if pub.precision in ("day", "week"):
            iso = pub.iso[:7]
            start = date(int(iso[:4]), int(iso[5:7]), 1)
            return DateInfo(iso, "month", start, _period_end(iso, "month"))
        return pub

    def historical(self, when: DateInfo | None) -> bool:
        now = self.reference
        if when is None or now is None or now.start is None:
            return False
        end = when.end if when.precision == "week" and when.end else _period_end(when.iso, when.precision)
        if end is None:
            return False
        if when.precision == "year" and when.start is not None and end < now.start:
            # "last year" told in January: a whole past year lies, on average, half a year back
            end = when.start + (end - when.start) / 2
        return (now.start - end).days > HISTORICAL_DAYS


@dataclass(frozen=True)
class Offset:
    """"a month after <clause>": the clause's event lies `count` `unit`s before (sign -1)
    or after (+1) the time of the clause that governs it."""

    clause: Token
    measure: Token  # "month" of "a month after"
    count: float
    unit: str
    sign: int


def _offset(tokens: list[Token]) -> Offset | None:
    """"The video was released a month after the militants were driven out", "10 years after
    ISIS declared itself a caliphate": the trigger's clause is dated from the governing one."""
    lex = TemporalLexicon.default()
    for tok in tokens:
        prep = tok.head if tok.dep_ == "pobj" and tok.head.lower_ in ("after", "before") else None
        if prep is not None:  # "six years after the fall of Baghuz": the noun's event is the reference
            measure = next((c for c in prep.children if c.dep_ == "npadvmod" and lex.unit.get(c.lower_) is not None
                            and c.right_edge.i == prep.i - 1), None)
            count = lex.count(" ".join(c.text for c in measure.children if c.dep_ in ("nummod", "det")) or "a") \
                if measure is not None else None
            if count:
                return Offset(tok, measure, count, lex.unit[measure.lower_], -1 if prep.lower_ == "after" else 1)
        mark = next((c for c in tok.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
        if mark is None or tok.dep_ not in ("advcl", "ccomp", "acl"):
            continue
        # the parser hangs "a month" on the clause, on "after" or on the governing verb; it is
        # the measure when it stands right before "after"
        measure = next((c for c in (*tok.children, *mark.children, *tok.head.children)
                        if c.dep_ == "npadvmod" and lex.unit.get(c.lower_) is not None
                        and c.right_edge.i == mark.i - 1), None)
        if measure is None:
            continue
        words = " ".join(c.text for c in measure.children if c.dep_ in ("nummod", "det")) or "a"
        count = lex.count(words)
        if count:
            return Offset(tok, measure, count, lex.unit[measure.lower_], -1 if mark.lower_ == "after" else 1)
    return None


def _shift(reference: DateInfo, offset: Offset) -> DateInfo | None:
    if reference.start is None:
        return None
    start, unit_precision = shift(reference.start, offset.unit, offset.sign * offset.count)
    precision = max(reference.precision, unit_precision, key=RANK.get)
    return DateInfo(iso_cut(start, precision), precision, start, start if precision == "day" else None, True)


def _tells_own_time(clause: Token) -> bool:
    """A relative, adverbial, complement or participle clause tells a time of its own ("a
    prison seized by IS six days ago"), except a present participle describing a noun as it
    was at the main event ("a bus carrying pilgrims ... on Saturday", "farmers returning from
    their fields ... on Sunday"): its date is the main event's."""
    if clause.dep_ == "acl" and clause.tag_ == "VBG":
        return False
    return clause.dep_ in ("relcl", "advcl", "ccomp", "acl")


def _in_other_clause(t: Token, tokens: list[Token]) -> bool:
    """`t` sits in a relative or participle clause ("seized by IS six days ago") that holds
    none of the mention's tokens."""
    for a in t.ancestors:
        if a.dep_ in ("relcl", "acl") and _tells_own_time(a) and a.pos_ == "VERB" \
                and a.lemma_.lower() not in place_words("label_participles"):
            return not any(a == x or a.is_ancestor(x) for x in tokens)
    return False


def duration_unit(tok: Token) -> str | None:
    """"four days of heavy fighting", "after months of clashes", "a week of strikes": the
    trigger names a stretch of time in that unit (day, week, month, year). "the day of the
    attack" names one occasion: a unit counts only in the plural, counted, or after "a"; a
    single day is no stretch."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "of" or prep.head is prep:
        return None
    unit_word = prep.head
    unit = TemporalLexicon.default().unit.get(unit_word.lower_)
    if unit is None:
        return None
    counted = unit_word.tag_ == "NNS" or any(
        c.dep_ == "nummod" or (c.dep_ == "det" and c.lower_ in ("a", "an")) for c in unit_word.children)
    if unit == "day" and unit_word.tag_ != "NNS":
        return None  # "after a day of heavy fighting": one day, the occasion it led to
    return unit if counted else None


def period_until(when: DateInfo | None, unit: str) -> DateInfo | None:
    """A stretch of days or weeks that ended at `when` ("followed four days of fighting"): the
    gold's convention writes a week-long span at week precision, cut to the month."""
    if when is None or when.start is None:
        return when
    precision = "week" if unit == "day" else "month"
    return DateInfo(when.iso[:7], precision, when.start - timedelta(days=7 if unit == "day" else 31),
                    when.end or when.start, when.relative)


def _period_end(iso: str, precision: str) -> date | None:
    try:
        parts = [int(p) for p in iso.split("-")]
    except ValueError:
        return None
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        y, m = parts
        return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
    return date(*parts[:3])
