"""Read the numbers of a sentence: value, range, hedge, share, money, area, factor.

Written over spaCy tokens by hand because no installed library does the whole job:
quantulum3 drops every hedge and misreads units, number-parser mangles "1.5 million".
Rules, in order, at each token of the sentence:

1. tokens inside DATE, TIME or ORDINAL entities, and bare years, are never quantities;
2. a vague word ("tens", "hundreds", "several", "dozens") swallows the scale after it:
   "tens of thousands" and "several hundred" are not numbers;
3. a number is digits ("3,000", "1.5", "1.5bn"), number words ("eight", "twenty-five"), a
   scale after either ("1.5 million"), "a"/"one"/"half a" + scale ("a million", "half a
   million"), or a share: a fraction ("half", "a third", "one-third", "two-thirds") or a
   proportion ("one in five", "two out of three"), read as a percent;
4. a second number after "to", "-", "–", "or", or "and" after "between", makes a range;
   "from X to Y" is a change, two figures ("raised the reward from $10 million to $25
   million"), not a range;
5. a unit after ("per cent", "%", "sq km", "dollars") or before ("$") the number;
6. the hedge written before it (hedges.yaml, longest phrase first), which opens a bound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from eventdesk.extract.claims.lexicon import ClaimLexicon, Hedge

_SKIP_ENTS = {"DATE", "TIME", "ORDINAL"}
_RANGE_WORDS = {"to", "-", "–", "—", "or"}
_DIGITS = re.compile(r"^\d[\d,]*(\.\d+)?$")
_DIGIT_RANGE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)[-–](\d[\d,]*(?:\.\d+)?)$")


@dataclass
class Quantity:
    """One number (or range) of a sentence, with token offsets into the Doc."""

    low: float | None
    high: float | None
    qualifier: str | None
    unit: str | None  # percent, USD, km2, times, ... or None (a count: unit from the noun)
    kind: str  # count | share | money | area | factor
    start: int  # first token (hedge included)
    end: int  # one past the last token (unit included)
    head: int  # the number token that carries the syntax (last number token)


_SUFFIXED = re.compile(r"^(\d[\d,]*(?:\.\d+)?)(m|mn|bn)$", re.IGNORECASE)  # "1.5bn", "2m"


def _num(text: str) -> float | None:
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    return None


def _is_year(tok) -> bool:
    return bool(re.fullmatch(r"(1[89]|20)\d\d", tok.text))


class NumberReader:
    """Finds `Quantity`s in a sentence span, using a `ClaimLexicon`."""

    def __init__(self, lex: ClaimLexicon) -> None:
        self.lex = lex
        self.unit_after = sorted(
            ((tuple(p.lower().replace("%", " % ").split()), u["unit"], float(u.get("factor", 1)))
             for u in lex.units for p in u.get("after", [])), key=lambda x: -len(x[0]))
        self.unit_before = {p.lower(): u["unit"] for u in lex.units for p in u.get("before", [])}

    # -- public -----------------------------------------------------------------------
    def read(self, sent: Span) -> list[Quantity]:
        doc, out, i = sent.doc, [], sent.start
        while i < sent.end:
            tok = doc[i]
            if tok.lower_ in self.lex.vague:
                i = self._skip_vague(doc, i, sent.end)
                continue
            q = self._quantity_at(doc, i, sent)
            if q is None:
                i += 1
                continue
            out.append(q)
            i = q.end
        return out

    # -- pieces -----------------------------------------------------------------------
    def _skip_vague(self, doc: Doc, i: int, end: int) -> int:
        """Past "tens of thousands of", "several hundred", "dozens of" (rule 2)."""
        i += 1
        while i < end and (doc[i].lower_ in self.lex.scales or doc[i].lower_ in self.lex.vague
                           or doc[i].lower_.rstrip("s") in self.lex.scales
                           or (doc[i].lower_ == "of" and i + 1 < end
                               and doc[i + 1].lower_ in self.lex.vague)):
            i += 1
        return i

    def _value_at(self, doc: Doc, i: int, end: int) -> tuple[float, int, str] | None:
        """(value, end token, kind) of a bare number starting at token i (rule 3)."""
        tok = doc[i]
        if tok.ent_type_ in _SKIP_ENTS:
            return None
        low, lex = tok.lower_, self.lex
        nxt = doc[i + 1].lower_ if i + 1 < end else ""
        if low == "half" and nxt in {"a", "an"} and i + 2 < end and doc[i + 2].lower_ in lex.scales:
            return self._scaled(doc, 0.5, i + 2, end, "count")  # "half a million"
        if low == "half" and nxt not in {"-", "an", "a"}:
            return 50.0, i + 1, "share"
        suffixed = _SUFFIXED.match(tok.text)
        if suffixed and suffixed[2].lower() in lex.scales:
            return self._scaled(doc, _num(suffixed[1]) * lex.scales[suffixed[2].lower()], i + 1, end, "count")
        if low in lex.fraction_determiners:
            j = i + 1 + (nxt == "-")
            if j < end and doc[j].lower_.rstrip("s") in lex.fractions:
                base = lex.fractions[doc[j].lower_.rstrip("s")]
                return round(lex.fraction_determiners[low] * base, 1), j + 1, "share"
            if low in {"a", "one"} and nxt in lex.scales and nxt not in {"m", "mn", "bn"}:
                return self._scaled(doc, lex.scales[nxt], i + 2, end, "count")
            if low == "a":
                return None
        value = _num(tok.text) if tok.like_num or _DIGITS.match(tok.text) else None
        if value is None and low in lex.words:
            value, j = lex.words[low], i + 1
            # "twenty-five", "twenty five"
            k = j + (j < end and doc[j].text == "-")
            if value >= 20 and k < end and doc[k].lower_ in lex.words and lex.words[doc[k].lower_] < 10:
                value, j = value + lex.words[doc[k].lower_], k + 1
            return self._scaled(doc, value, j, end, "count")
        if value is None:
            return None
        if _is_year(tok) and not (i + 1 < end and doc[i + 1].lower_ in lex.scales):
            return None
        return self._scaled(doc, value, i + 1, end, "count")

    def _scaled(self, doc: Doc, value: float, j: int, end: int, kind: str):
        # "a $5-million reward": the tokenizer splits the hyphen off
        if j + 1 < end and doc[j].text == "-" and doc[j + 1].lower_ in self.lex.scales:
            j += 1
        while j < end and doc[j].lower_ in self.lex.scales:
            value *= self.lex.scales[doc[j].lower_]
            j += 1
        return value, j, kind

    def _quantity_at(self, doc: Doc, i: int, sent: Span) -> Quantity | None:
        end = sent.end
        tok = doc[i]
        if tok.lemma_.lower() in self.lex.multipliers and tok.pos_ in {"VERB", "ADJ", "NOUN"}:
            v = self.lex.multipliers[tok.lemma_.lower()]
            return self._hedged(doc, sent, Quantity(v, v, None, "times", "factor", i, i + 1, i))
        m = _DIGIT_RANGE.match(tok.text)
        if m and tok.ent_type_ not in _SKIP_ENTS:
            lo, hi = _num(m.group(1)), _num(m.group(2))
            got = self._scaled(doc, hi, i + 1, end, "count")
            scale = got[0] / hi if hi else 1
            q = Quantity(lo * scale, got[0], None, None, "count", i, got[1], i)
            return self._hedged(doc, sent, self._unit(doc, q, end))
        got = self._value_at(doc, i, end)
        if got is None:
            return None
        value, j, kind = got
        share = self._proportion(doc, value, j, end) if kind == "count" else None
        if share is not None:  # "one in five fighters": 20 percent
            value, j, kind = share
        q = Quantity(value, value, None, "percent" if kind == "share" else None, kind, i, j, j - 1)
        # rule 4: ranges ("from X to Y" is a change: two figures)
        before = [t.lower_ for t in doc[max(sent.start, i - 2):i] if t.lower_ not in self.unit_before]
        # ... unless estimates "range from X to Y" (or "vary", "anywhere from"): then one range
        spread = i >= 2 and bool({doc[i - 2].lemma_.lower(), doc[i - 2].lower_} & self.lex.spread_words)
        if before[-1:] == ["from"] and j < end and doc[j].lower_ == "to" and not spread:
            return self._hedged(doc, sent, self._unit(doc, q, end))
        if j + 1 < end and (doc[j].lower_ in _RANGE_WORDS or (
                doc[j].lower_ == "and" and i > sent.start and doc[i - 1].lower_ == "between")):
            k = j + 1 + (doc[j + 1].text == "$")
            second = self._value_at(doc, k, end) if k < end else None
            if second is not None and second[2] == kind and second[0] > value:
                hi, j2, _ = second
                base2 = _num(doc[k].text) or self.lex.words.get(doc[k].lower_)
                if j == i + 1 and base2 and hi > base2 >= value:  # "3 to 5 million"
                    value *= hi / base2
                q = Quantity(value, hi, None, q.unit, kind, i, j2, j2 - 1)
        return self._hedged(doc, sent, self._unit(doc, q, end))

    def _proportion(self, doc: Doc, value: float, j: int, end: int):
        """"one in five", "two out of three": a share (percent), when the second number is
        the larger and a small whole number follows "in" / "out of"."""
        words = [t.lower_ for t in doc[j:min(end, j + 3)]]
        k = j + 1 if words[:1] == ["in"] else j + 2 if words[:2] == ["out", "of"] else None
        if k is None or k >= end or not value or value != int(value):
            return None
        second = self._value_at(doc, k, end)
        if second is None or second[2] != "count" or not value < second[0] <= 1000 \
                or doc[k].ent_type_ in _SKIP_ENTS:
            return None
        return round(100 * value / second[0], 1), second[1], "share"

    def _unit(self, doc: Doc, q: Quantity, end: int) -> Quantity:
        """Rule 5: unit words after, currency symbols before."""
        texts = [t.lower_ for t in doc[q.end:min(end, q.end + 3)]]
        for words, unit, factor in self.unit_after:
            if tuple(texts[:len(words)]) == words:
                q.unit, q.end = unit, q.end + len(words)
                q.kind = {"percent": "share", "km2": "area"}.get(unit, "money")
                q.low = None if q.low is None else round(q.low * factor, 1)
                q.high = None if q.high is None else round(q.high * factor, 1)
                return q
        if q.start > 0 and doc[q.start - 1].lower_ in self.unit_before:
            q.unit, q.kind, q.start = self.unit_before[doc[q.start - 1].lower_], "money", q.start - 1
        return q

    def _hedged(self, doc: Doc, sent: Span, q: Quantity) -> Quantity:
        """Rule 6: the hedge before the number; "between" for a range."""
        s = q.start
        while s > sent.start and doc[s - 1].lower_ in self.lex.emphasis and not self._hedge_ending(doc, sent, s):
            s -= 1
        hedge = self._hedge_ending(doc, sent, s)
        if hedge is not None:
            q.qualifier, q.start = hedge.qualifier, s - len(hedge.words)
            if hedge.open == "high":
                q.high = None
            elif hedge.open == "low":
                q.low = None
        elif q.low != q.high and s > sent.start and doc[s - 1].lower_ == "between":
            q.qualifier, q.start = "between", s - 1
        return q

    def _hedge_ending(self, doc: Doc, sent: Span, s: int) -> Hedge | None:
        for hedge in self.lex.hedges:
            n = len(hedge.words)
            if s - n < sent.start:
                continue
            toks = doc[s - n:s]
            if tuple(t.lower_ for t in toks) != hedge.words:
                continue
            if hedge.not_when_dep and toks[0].dep_ == hedge.not_when_dep:
                continue
            return hedge
        return None

