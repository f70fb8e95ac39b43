"""Fatalities of one event: the count of the dead the text gives, ACLED's way.

Rules (annotation-guide §2, gold/README "Conventions"):
1. Only numbers attached to a death word (killed, died, dead, death toll) count; the wounded
   and the attackers do not.
2. The lowest report is `fatalities`; `fatalities_high` is the top of a range, the number
   itself for an exact count, or for "nearly/about/up to N"; null for "at least/more than N".
3. Vague words are mapped by the table in event_quantities.yaml ("dozens" = 12); other
   vague counts ("several") give null.
4. Conjoined victims are added up ("four US soldiers and four Nigerien soldiers" = 8).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from eventdesk.extract.events.lexicon import EventLexicon

# Hand-written because spaCy tags numbers but does not give their value, and the quantity
# libraries drop the hedges ("at least") that decide the bounds (research/FINDINGS.md).
_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_RANGE = re.compile(r"(?:between\s+)?(\S+?)(?:\s*[-–]\s*|\s+(?:to|and)\s+)(\S+)$")


def word_number(text: str) -> int | None:
    """'eight' -> 8, 'twenty-five' -> 25, '1,200' -> 1200, 'two hundred' -> 200."""
    text = text.lower().strip()
    m = _NUMBER.fullmatch(text)
    if m:
        return int(float(text.replace(",", "")))
    total, current, seen = 0, 0, False
    for part in re.split(r"[\s-]+", text):
        if part in _UNITS:
            current += _UNITS[part]
        elif part in _TENS:
            current += _TENS[part]
        elif part in _SCALES:
            current = max(current, 1) * _SCALES[part]
            if _SCALES[part] >= 1000:
                total, current = total + current, 0
        elif part in ("and", "a"):
            continue
        else:
            m = _NUMBER.fullmatch(part)
            if not m:
                return None
            current += int(float(part.replace(",", "")))
        seen = True
    return total + current if seen else None


def parse_count(text: str, lex: EventLexicon) -> tuple[int | None, int | None]:
    """Bounds of a count phrase: 'at least eight' -> (8, None); 'nearly 20' -> (20, 20)."""
    t = " ".join(text.lower().split())
    bound = None
    for phrase, b in lex.hedges:
        if t.startswith(phrase + " "):
            bound, t = b, t[len(phrase) + 1:]
            break
    for word, value in lex.vague.items():
        if t.startswith(word):
            return value, None
    whole = word_number(t)
    if whole is not None:
        return whole, (None if bound == "low" else whole)
    m = _RANGE.search(t)
    if m and word_number(m.group(1)) is not None and word_number(m.group(2)) is not None:
        return word_number(m.group(1)), word_number(m.group(2))
    value = word_number(t)
    if value is None:
        # the phrase may hold more than the number ("eight soldiers"): take its numeric words
        nums = [w for w in re.split(r"\s+", t) if word_number(w) is not None]
        value = word_number(" ".join(nums)) if nums else None
    if value is None:
        return None, None
    return value, (None if bound == "low" else value)


def _count_tokens(noun: Token) -> list[Token]:
    """The number tokens of a victim noun: its nummod subtree, or the noun itself."""
    if noun.like_num or noun.lower_ in _VAGUE_CACHE:
        return [t for t in noun.subtree if t.i <= noun.i or t.like_num]
    for child in noun.children:
        if child.dep_ == "nummod" or (child.dep_ in ("amod", "quantmod") and child.like_num):
            return list(child.subtree)
    for child in noun.children:  # "dozens of people"
        if child.dep_ == "prep" and noun.lower_ in _VAGUE_CACHE:
            return [noun]
    return []


_VAGUE_CACHE: set[str] = set()


def _victims(tok: Token, lex: EventLexicon) -> list[Token]:
    """The nouns a death word counts: object of 'killed', subject of 'died'/'were killed'."""
    lemma = tok.lemma_.lower()
    out: list[Token] = []
    if lemma in lex.death_nouns:
        if tok.head.lemma_.lower() in ("leave", "be") or tok.dep_ in ("amod", "acomp", "oprd"):
            out += [c for c in tok.head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
        out += [c for c in tok.children if c.dep_ in ("nummod", "npadvmod", "nsubj")]
        if tok.head.like_num:
            out.append(tok.head)
        if lemma == "toll":  # "the death toll rose to 30"
            for c in tok.head.children:
                if c.dep_ == "prep" and c.lower_ == "to":
                    out += [g for g in c.children if g.dep_ == "pobj"]
        return out
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
    wanted = ("nsubjpass",) if passive else ("dobj", "nsubj") if lemma in ("die", "perish") else ("dobj",)
    if lemma in ("die", "perish"):
        wanted = ("nsubj",)
    out += [c for c in tok.children if c.dep_ in wanted]
    if tok.dep_ == "relcl" and not out:  # "in which at least 100 people were killed"
        out.append(tok.head)
    if passive and not out and tok.dep_ in ("acl",):  # "28 soldiers killed in an ambush"
        out.append(tok.head)
    return out


def fatalities_of(death_tokens: list[Token], lex: EventLexicon) -> tuple[int | None, int | None]:
    """Lowest and highest death count given by any of `death_tokens` (tokens of one event)."""
    _VAGUE_CACHE.update(lex.vague)
    best: tuple[int | None, int | None] = (None, None)
    for tok in death_tokens:
        low_sum, high_sum, found, counted = 0, 0, False, set()
        for victim in _victims(tok, lex):
            for noun in [victim, *[c for c in victim.conjuncts]]:
                toks = _count_tokens(noun)
                span = (min(t.i for t in toks), max(t.i for t in toks)) if toks else None
                if span is None or span in counted:
                    continue  # "leaving at least 16 dead": one count reached by two paths is one
                counted.add(span)
                text = noun.doc[span[0]: span[1] + 1].text
                low, high = parse_count(text, lex)
                if low is None:
                    continue
                found = True
                low_sum += low
                high_sum = None if high is None or high_sum is None else high_sum + high
        if found and (best[0] is None or low_sum < best[0]):
            best = (low_sum, high_sum)
    return best
