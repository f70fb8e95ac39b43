"""What the words around a toponym say, for the place resolver (components.py): locative
context ("in X", "the town of X"), "near X", an outlet ("told Al-Mayadeen TV"), the kind
of place asked for ("X province"), a nisba after a person's name, a month read as a place.
The word lists are knowledge/data/place_context.yaml."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span

from eventdesk import knowledge


@lru_cache(maxsize=None)
def context_words(key: str) -> frozenset[str]:
    """A word list of knowledge/data/place_context.yaml (built-in plus user extensions)."""
    return frozenset(str(w).lower() for _, content in knowledge.load_all("place_context.yaml")
                     for w in (content or {}).get(key, []) or [])


def _calendar_word(text: str) -> bool:
    """A month or day name of the temporal lexicon ("May", "March", "Sunday")."""
    from eventdesk.understand.dates.lexicon import TemporalLexicon

    lex = TemporalLexicon.default()
    word = text.lower()
    return len(word) > 3 and (word in lex.month or word in lex.weekday) or word == "may"


def _trim(span: Span) -> Span | None:
    """Drop a leading "the" and a trailing possessive."""
    start, end = span.start, span.end
    if span.doc[start].lower_ == "the":
        start += 1
    if end - 1 > start and span.doc[end - 1].lower_ in ("'s", "’s"):
        end -= 1
    return Span(span.doc, start, end, label=span.label_) if end > start else None


def _area_after(span: Span, starts: dict[int, Span]) -> str | None:
    """The text after "Town, " that may name its state or country: the next toponym ("Paris,
    Texas") or one capitalised token ("Dayton, OH", "Salem, Ore.")."""
    doc, i = span.doc, span.end
    if i + 1 >= len(doc) or doc[i].text != ",":
        return None
    if i + 1 in starts:
        return starts[i + 1].text
    token = doc[i + 1]
    shaped = token.is_alpha or token.text.endswith(".")  # "OH", "Texas", "Ore.", "D.C."
    return token.text if shaped and token.text[:1].isupper() else None


def _settlement_named(span: Span) -> bool:
    """'the town of X', 'the village of X', 'X village': the text says X is a settlement."""
    before = _prev(span, 2)
    return len(before) == 2 and before[1] == "of" and before[0] in context_words("settlement_of") \
        or _next_word(span) in context_words("settlement_named_after")


def _prev(span: Span, n: int = 1) -> list[str]:
    return [t.lower_ for t in span.doc[max(0, span.start - n):span.start]]


def _next_word(span: Span) -> str:
    return span.doc[span.end].lower_ if span.end < len(span.doc) else ""


def _locative(span: Span) -> bool:
    before = _prev(span, 2)
    if before and before[-1] in context_words("locative_before"):
        return True
    if len(before) == 2 and before[-1] == "of" and before[0] in _of_locative():
        return True  # "two villages west of al-Bab", "the town of Mayadeen"
    return _next_word(span) in context_words("region_after") or _taken_ground(span) or _settlement_appos(span)


def _settlement_appos(span: Span) -> bool:
    """"Goma, the main city in the east": an apposition that says the name is a settlement."""
    if not span.doc.has_annotation("DEP"):
        return False
    words = context_words("settlement_after") | {"capital"}
    return any(c.dep_ == "appos" and c.lower_ in words for c in span.root.children)


def _taken_ground(span: Span) -> bool:
    """The object of a territory verb ("taking Falluja and parts of Ramadi", "overran Palmyra")."""
    root = span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    return root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_.lower() in context_words("territory_verbs")


def _of_locative() -> frozenset[str]:
    return context_words("compass") | context_words("settlement_after") | context_words("of_locative")


def _name_like(span: Span) -> bool:
    """Capitalised words without digits: a model DATE such as "November 3" is no town."""
    return all(t.text[:1].isupper() or t.is_punct or t.lower_ in ("al", "el", "ar", "as")
               for t in span) and not any(t.like_num for t in span)


def _nisba(span: Span, titles: frozenset[str]) -> bool:
    """"al-Baghdadi" after a person's name or title, or before a PERSON entity."""
    if not span.text.lower().startswith(tuple(context_words("nisba_articles"))) or span.start == 0:
        return False
    prev = span.doc[span.start - 1]
    if prev.ent_type_ == "PERSON" and prev.text[:1].isupper():
        return True
    if prev.text in titles or prev.text.rstrip(".") in titles:
        return True
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return nxt is not None and nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "B"


def _person_titles() -> frozenset[str]:
    """Titles and honorifics of person_titles.yaml ("Sheikh", "Abu", "General")."""
    words: set[str] = set()
    for _, data in knowledge.load_all("person_titles.yaml"):
        for key in ("titles", "honorifics"):
            value = (data or {}).get(key) or []
            groups = value if value and isinstance(value[0], list) else [value]
            words.update(str(w) for g in groups for w in g if str(w)[:1].isupper())
    return frozenset(words)


def _is_outlet(span: Span) -> bool:
    if _next_word(span) in context_words("outlet_after"):
        return True
    before = " ".join(_prev(span, 3))
    return any(before.endswith(cue) for cue in context_words("outlet_before"))


def _asked_kind(span: Span) -> str | None:
    nxt = _next_word(span)
    if nxt in context_words("region_after") - {"area", "district"}:
        return "region"
    if nxt in context_words("settlement_after"):
        return "settlement"
    return None


def _near(span: Span) -> bool:
    """"near X", "outside X", "north of X", "10 km from X", "the outskirts of X"."""
    before = _prev(span, 3)
    if not before:
        return False
    if before[-1] in context_words("near_before"):
        return True
    if before[-1] in ("of", "from") and len(before) >= 2:
        return before[-2] in (context_words("compass") | context_words("distance_units")
                                | context_words("near_of"))
    return _next_word(span) == "countryside"
